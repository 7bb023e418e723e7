// Build the book's partial plotly.js bundle with esbuild, from the plotly.js package pinned in
// package.json / package-lock.json (installed by `npm ci`, which `make setup` runs).
//
//   node japansec/build/js/bundle.mjs OUTFILE
//
// Called by the Sphinx extension (japansec/build/sphinxext.py) when the bundle is missing or
// older than its inputs. The output is deterministic: the same lock file gives the same bytes.
// Also writes OUTFILE.gz and OUTFILE.br (brotli's best quality: done once, not every build).
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const outfile = process.argv[2];
if (!outfile) {
    console.error('usage: node japansec/build/js/bundle.mjs OUTFILE');
    process.exit(2);
}

await build({
    entryPoints: [path.join(here, 'plotly-book.js')],
    outfile,
    bundle: true,
    format: 'iife',
    globalName: 'Plotly',
    minify: true,
    legalComments: 'eof',
    // The same settings as plotly.js's own build (its esbuild-config.js).
    define: { global: 'window', 'define.amd': 'false' },
    alias: { stream: 'stream-browserify' },
    target: 'es2016',
    logLevel: 'warning',
});

const data = readFileSync(outfile);
writeFileSync(outfile + '.gz', gzipSync(data, { level: 9 }));
writeFileSync(outfile + '.br', brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
}));
