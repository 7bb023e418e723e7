// Write precompressed siblings (file.gz, file.br) beside every text file (and WebAssembly: Pyodide's
// 9.6 MB .wasm shrinks about threefold) of the built book larger
// than 1 KB, for static hosts that serve them (nginx gzip_static/brotli_static, Netlify, ...) and
// for japansec/build/serve.py. A sibling newer than its file is kept (the plotly.js bundle comes
// with its own, compressed harder once by bundle.mjs). Brotli quality 9, not 11: per build, 11
// costs about ten times the CPU for 5-10 % fewer bytes.
//
//   node japansec/build/js/compress.mjs _build/html
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.xml', '.csv', '.bib',
    '.wasm']);
const MIN_BYTES = 1024;
const root = process.argv[2];
if (!root) {
    console.error('usage: node japansec/build/js/compress.mjs DIRECTORY');
    process.exit(2);
}

function* files(dir) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) yield* files(full);
        else if (TEXT.has(path.extname(entry.name))) yield full;
    }
}

function fresh(sibling, source) {
    try {
        return statSync(sibling).mtimeMs >= statSync(source).mtimeMs;
    } catch {
        return false;
    }
}

let count = 0;
for (const file of files(root)) {
    if (statSync(file).size < MIN_BYTES) continue;
    if (fresh(file + '.gz', file) && fresh(file + '.br', file)) continue;
    const data = readFileSync(file);
    writeFileSync(file + '.gz', gzipSync(data, { level: 9 }));
    writeFileSync(file + '.br', brotliCompressSync(data, {
        params: {
            [constants.BROTLI_PARAM_QUALITY]: 9,
            [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
    }));
    count += 1;
}
console.log(`compress.mjs: ${count} files precompressed (.gz, .br) in ${root}`);
