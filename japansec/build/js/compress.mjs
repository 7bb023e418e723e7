// Write precompressed siblings (file.gz, file.br) beside every text file (and WebAssembly: Pyodide's
// 9.6 MB .wasm shrinks about threefold) of the built book larger than 1 KB, for static hosts that
// serve them (nginx gzip_static/brotli_static, Netlify, ...) and for japansec/build/serve.py.
// - A sibling newer than its file is kept (the plotly.js bundle comes with its own, compressed
//   harder once by bundle.mjs).
// - Brotli quality 9, not 11: per build, 11 costs about ten times the CPU for 5-10 % fewer bytes.
// - Files are compressed concurrently on libuv's thread pool (zlib's asynchronous functions), so
//   every core works on a clean build.
// - With a CACHE folder, compressed copies are kept there by the SHA-256 of the file's bytes and
//   reused for the same bytes: most of the book (Pyodide, MathJax, the data) is the same from one
//   build to the next, and compressing Pyodide's WebAssembly alone takes seconds. Entries unused
//   for 30 days are removed.
//
//   node japansec/build/js/compress.mjs DIRECTORY [CACHE]
import { createHash } from 'node:crypto';
import {
    copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync,
    writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.xml', '.csv', '.bib',
    '.wasm']);
const MIN_BYTES = 1024;
const KEEP_DAYS = 30;
const [root, cache] = process.argv.slice(2);
if (!root) {
    console.error('usage: node japansec/build/js/compress.mjs DIRECTORY [CACHE]');
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

function exists(file) {
    try {
        return statSync(file).isFile();
    } catch {
        return false;
    }
}

// Write through a temporary name, so that a reader (or a second build) never sees half a file.
function writeWhole(target, data) {
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, target);
}

// Compress one file into its siblings; return true if it was compressed, false if cached copies
// were used.
async function compress(file) {
    const data = readFileSync(file);
    const key = cache && path.join(cache, createHash('sha256').update(data).digest('hex'));
    if (key && exists(`${key}.gz`) && exists(`${key}.br`)) {
        const now = new Date();
        for (const suffix of ['.gz', '.br']) {
            copyFileSync(key + suffix, file + suffix);
            utimesSync(key + suffix, now, now);
        }
        return false;
    }
    const [zipped, brotlied] = await Promise.all([
        gz(data, { level: 9 }),
        brotli(data, {
            params: {
                [constants.BROTLI_PARAM_QUALITY]: 9,
                [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
            },
        }),
    ]);
    writeFileSync(file + '.gz', zipped);
    writeFileSync(file + '.br', brotlied);
    if (key) {
        writeWhole(`${key}.gz`, zipped);
        writeWhole(`${key}.br`, brotlied);
    }
    return true;
}

function prune(folder) {
    const oldest = Date.now() - KEEP_DAYS * 24 * 3600 * 1000;
    for (const entry of readdirSync(folder)) {
        const full = path.join(folder, entry);
        if (statSync(full).mtimeMs < oldest) rmSync(full, { force: true });
    }
}

if (cache) mkdirSync(cache, { recursive: true });
const stale = [...files(root)].filter((file) => statSync(file).size >= MIN_BYTES
    && !(fresh(file + '.gz', file) && fresh(file + '.br', file)));
const compressed = (await Promise.all(stale.map(compress))).filter(Boolean).length;
if (cache) prune(cache);
console.log(`compress.mjs: ${stale.length} files precompressed (.gz, .br) in ${root}, `
    + `${stale.length - compressed} of them from the cache`);
