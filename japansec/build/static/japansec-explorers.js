/* The explorers in the static page: native controls → the book's Python in the browser → figure.
 *
 * Each explorer is a <form class="jps-explorer" data-explorer="NAME" data-figure="FIGURE-ID">
 * under its figure (japansec/build/explorers.py): a range input per numeric parameter (stepping
 * through the values in its data-values), a <select> per choice, a status line and the readout
 * (aria-live). Nothing runs until the reader first touches a control: then one module Web Worker
 * (_static/japansec-explorer-worker.mjs) starts Python (Pyodide, from the book's own files), and
 * every change sends the form's values to it; the answer restyles the figure's traces,
 * rewrites the readout and re-makes the Data disclosure under the form (summary, table, CSV). While a computation runs, later changes wait, and only the newest is sent.
 *
 * The form's data-state is idle | starting | computing | ready | failed (no WebAssembly, or
 * Python failed); data-renders counts the results applied. window.japansecExplorers.compute(name,
 * values) asks the worker directly (tests and make bench).
 */
(function () {
  "use strict";

  var WORKER = "_static/japansec-explorer-worker.mjs";
  var worker = null;
  var pending = {};   /* request id -> {resolve, reject} */
  var nextId = 1;

  function siteRoot() {
    var root = document.documentElement.getAttribute("data-content_root");
    return root === null ? "" : root;
  }

  function forms() {
    return Array.prototype.slice.call(document.querySelectorAll("form.jps-explorer"));
  }

  function status(form, state, text) {
    form.setAttribute("data-state", state);
    if (text !== undefined) { form.querySelector(".jps-explorer-status").textContent = text; }
  }

  function supported() {
    return typeof WebAssembly === "object" && typeof Worker === "function";
  }

  /* Send one request to the worker (started on first use); resolves with its result. */
  function ask(message) {
    if (!worker) {
      worker = new Worker(siteRoot() + WORKER, {type: "module"});
      worker.onmessage = function (event) {
        var answer = event.data, request = pending[answer.id];
        delete pending[answer.id];
        if (answer.failure !== undefined) { request.reject(new Error(answer.failure)); }
        else { request.resolve(answer.result); }
      };
      worker.onerror = function (event) {
        var error = new Error(event.message || "the Python worker could not start");
        Object.keys(pending).forEach(function (id) { pending[id].reject(error); });
        pending = {};
      };
    }
    return new Promise(function (resolve, reject) {
      var id = nextId++;
      pending[id] = {resolve: resolve, reject: reject};
      worker.postMessage(Object.assign({id: id}, message));
    });
  }

  /* The figure's JSON as the page holds it (text: Python reads the numbers). */
  function figureText(figureId) {
    return document.querySelector('script.jps-plotly-data[data-for="' + figureId + '"]')
      .textContent;
  }

  /* The explorer's next state for these values: {traces, readout, data_html} or {error}. */
  function compute(name, values, figureId) {
    var form = document.querySelector('form.jps-explorer[data-explorer="' + name + '"]');
    figureId = figureId || form.getAttribute("data-figure");
    return ask({name: name, values: values, figure: figureText(figureId), figureId: figureId});
  }

  /* The form's parameter values: a range input's value indexes its data-values. */
  function values(form) {
    var out = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[type=range]"), function (input) {
      out[input.name] = JSON.parse(input.getAttribute("data-values"))[Number(input.value)];
    });
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (select) {
      out[select.name] = JSON.parse(select.value);
    });
    return out;
  }

  /* A range input's shown value: the number (three significant digits) and its unit. */
  function showValue(input) {
    var value = JSON.parse(input.getAttribute("data-values"))[Number(input.value)];
    var text = Math.abs(value) >= 1000 ? Math.round(value).toLocaleString("en-US")
      : String(Number(value.toPrecision(3)));
    text += " " + input.getAttribute("data-unit");
    input.setAttribute("aria-valuetext", text);
    input.parentNode.querySelector("output").textContent = text;
  }

  /* Plotly.restyle's update: for each key, one value per trace. */
  function restyleUpdate(traces) {
    var update = {};
    Object.keys(traces[0]).forEach(function (key) {
      update[key] = traces.map(function (trace) { return trace[key]; });
    });
    return update;
  }

  function apply(form, result) {
    var div = document.getElementById(form.getAttribute("data-figure"));
    return window.japansecFigures.draw(div).then(function () {
      var indices = result.traces.map(function (_, i) { return i; });
      return window.Plotly.restyle(div, restyleUpdate(result.traces), indices);
    }).then(function () {
      return window.japansecFigures.fitTexts(div);
    }).then(function () {
      form.querySelector(".jps-readout-text").textContent = result.readout;
      /* The Data disclosure (summary, table, CSV) re-made for the new values, kept open if it
       * was. */
      var old = form.nextElementSibling;
      if (old && old.matches("details.jps-figure-data")) {
        var open = old.open;
        old.insertAdjacentHTML("afterend", result.data_html);
        old.remove();
        form.nextElementSibling.open = open;
      }
      form.setAttribute("data-renders", String(Number(form.getAttribute("data-renders") || 0) + 1));
    });
  }

  /* Re-compute for the form's current values; changes during a computation wait, newest wins. */
  function update(form) {
    if (!supported()) {
      status(form, "failed", "This browser cannot run Python (no WebAssembly or Web Workers): " +
             "the figure and its result show the starting values.");
      return;
    }
    if (form._jpsBusy) { form._jpsAgain = true; return; }
    form._jpsBusy = true;
    form._jpsAgain = false;
    var started = form.getAttribute("data-state") !== "idle" &&
                  form.getAttribute("data-state") !== "starting";
    status(form, started ? "computing" : "starting",
           started ? undefined : "Starting Python in your browser…");
    compute(form.getAttribute("data-explorer"), values(form)).then(function (result) {
      if (result.error) { throw new Error(result.error); }
      return apply(form, result).then(function () {
        status(form, "ready", "Python runs in your browser: every change re-computes the figure.");
      });
    }).catch(function (error) {
      status(form, "failed", "Could not re-compute in this browser (" + error.message + "): the " +
             "figure shows the last result.");
    }).then(function () {
      form._jpsBusy = false;
      if (form._jpsAgain) { update(form); }
    });
  }

  function wire(form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("input", function (event) {
      if (event.target.type === "range") { showValue(event.target); }
      update(form);
    });
    /* Start Python as soon as the reader reaches for a control, before the first change. */
    function warm() {
      if (supported() && form.getAttribute("data-state") === "idle") {
        status(form, "starting", "Starting Python in your browser…");
        ask({}).then(function () {
          if (form.getAttribute("data-state") === "starting" && !form._jpsBusy) {
            status(form, "ready", "Python runs in your browser: every change re-computes the " +
                   "figure.");
          }
        }, function (error) {
          status(form, "failed", "Could not start Python in this browser (" + error.message +
                 "): the figure shows the starting values.");
        });
      }
    }
    form.addEventListener("focusin", warm);
    form.addEventListener("pointerdown", warm);
    status(form, "idle", supported()
      ? "Change any value: the first change starts Python in your browser (a few seconds)."
      : "This browser cannot run Python (no WebAssembly or Web Workers): the figure and its " +
        "result show the starting values.");
  }

  forms().forEach(wire);
  window.japansecExplorers = {compute: compute, values: values};
})();
