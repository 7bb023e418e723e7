// Pyodide's standard library, compiled to bytecode once at build time instead of in every reader's
// browser at every start.
//
//   node japansec/build/js/compile_stdlib.mjs OUTFILE
//
// The pinned pyodide npm package ships python_stdlib.zip as source (.py). Python cannot write
// bytecode into a zip, so at each start Pyodide compiled every module it imports from source: some
// 200 modules, about three quarters of its start-up on a 2-core desktop (make bench). This script
// starts that same Pyodide in Node, compiles every .py of the zip with it (so the bytecode is
// exactly its Python's version) and writes OUTFILE: the same zip with each module as .pyc only
// (unchecked hash-based, the form Python trusts without its source), every other file as it was.
// Without sources, bytecode that did not match the Python that loads it could not fall back on
// them: Python would fail to start, and the browser tests of the explorers with it. (Tracebacks
// through the standard library still name file and line, without the line's text.)
//
// Called by the Sphinx extension (japansec/build/sphinxext.py) when _build/pyodide/ holds no copy
// compiled from the installed Pyodide's zip by this script (it names the copy by their SHA-256).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const outfile = process.argv[2];
if (!outfile) {
    console.error('usage: node japansec/build/js/compile_stdlib.mjs OUTFILE');
    process.exit(2);
}
const pyodideDir = path.dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
const { loadPyodide } = await import(path.join(pyodideDir, 'pyodide.mjs'));
const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/` });
pyodide.FS.writeFile('/tmp/source.zip', readFileSync(path.join(pyodideDir, 'python_stdlib.zip')));
pyodide.runPython(`
import importlib._bootstrap_external as bootstrap
import importlib.util
import sys
import zipfile

# Where Pyodide mounts the standard library: the file names the bytecode records, as Python would
# name the sources it compiled from that path.
archive = next(p for p in sys.path if p.endswith(".zip"))
with zipfile.ZipFile("/tmp/source.zip") as source, \\
        zipfile.ZipFile("/tmp/compiled.zip", "w", zipfile.ZIP_DEFLATED) as compiled:
    for info in source.infolist():
        data = source.read(info)
        if info.filename.endswith(".py"):
            code = compile(data, f"{archive}/{info.filename}", "exec", dont_inherit=True)
            data = bootstrap._code_to_hash_pyc(code, importlib.util.source_hash(data),
                                               checked=False)
            info = zipfile.ZipInfo(info.filename[:-3] + ".pyc", info.date_time)
        compiled.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
`);
const temporary = `${outfile}.${process.pid}.tmp`;
writeFileSync(temporary, pyodide.FS.readFile('/tmp/compiled.zip'));
renameSync(temporary, outfile);
