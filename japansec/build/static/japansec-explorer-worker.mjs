/* The explorers' Python, in a module Web Worker (see japansec/build/explorers.py).
 *
 * On its first message the worker loads Pyodide from the book's own files (_static/pyodide/),
 * unpacks the book's pure-Python modules (_static/explorers/japansec-browser.zip) and imports
 * japansec.browser.render. Each message {id, name, values, figure, figureId} (the figure's JSON
 * as the page holds it, as text) is answered with {id, result: {traces, readout, data_html} |
 * {error}}, or {id, failure} when Python itself fails.
 * Nothing is fetched from outside the site.
 */
import { loadPyodide } from "./pyodide/pyodide.mjs";

const HERE = new URL(".", import.meta.url);
const SITE_PACKAGES = "/home/pyodide/japansec-browser";
let python = null;          // the promise of japansec.browser.render
const explorers = new Map(); // name -> promise of its published file, as JSON text

async function startPython() {
  const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", HERE).href });
  const response = await fetch(new URL("explorers/japansec-browser.zip", HERE));
  if (!response.ok) { throw new Error(`could not load the book's modules (${response.status})`); }
  pyodide.unpackArchive(await response.arrayBuffer(), "zip", { extractDir: SITE_PACKAGES });
  pyodide.runPython(`import sys\nsys.path.insert(0, "${SITE_PACKAGES}")`);
  return pyodide.pyimport("japansec.browser").render;
}

function explorer(name) {
  if (!explorers.has(name)) {
    // Kept as text: Python reads the numbers (JavaScript would turn an option 0.0 into 0).
    explorers.set(name, fetch(new URL(`explorers/${name}.json`, HERE)).then((response) => {
      if (!response.ok) { throw new Error(`no data for explorer ${name} (${response.status})`); }
      return response.text();
    }));
  }
  return explorers.get(name);
}

self.onmessage = async (event) => {
  const { id, name, values, figure, figureId } = event.data;
  try {
    python = python || startPython();
    const render = await python;
    if (name === undefined) { self.postMessage({ id, result: null }); return; }
    const file = await explorer(name);
    const answer = render(file, JSON.stringify(values), figure, figureId);
    self.postMessage({ id, result: JSON.parse(answer) });
  } catch (error) {
    self.postMessage({ id, failure: String(error && error.message || error) });
  }
};
