/* Draw the book's Plotly figures in the static page (see japansec/build/plotly_mime.py).
 *
 * Each figure is a <div class="jps-plotly"> (its height reserved in the HTML, so nothing shifts
 * when it draws) followed by its JSON in a <script type="application/json" class="jps-plotly-data">.
 *
 * Nothing heavy runs before the text is on screen: after the page's first paint, an
 * IntersectionObserver watches the figures; when one nears the viewport, the book's partial
 * plotly.js bundle (_static/plotly-book.min.js, built by japansec/build/js/bundle.mjs) is loaded
 * once and the figure is drawn, once, with the theme's colours already in its layout. A page whose
 * figures stay far below the fold never downloads plotly.js. Figures follow the light/dark switch.
 * Printing draws every figure first. window.japansecFigures.drawAll() draws them all (tests);
 * window.japansecFigures.draw(div) draws one (the explorers, before they restyle it).
 */
(function () {
  "use strict";

  var BUNDLE = "_static/plotly-book.min.js";
  var AHEAD = "300px 0px";  /* start drawing this far before a figure scrolls into view */
  var plotly = null;        /* the promise of the loaded bundle */

  function siteRoot() {
    var root = document.documentElement.getAttribute("data-content_root");
    return root === null ? "" : root;
  }

  function loadPlotly() {
    if (!plotly) {
      plotly = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = siteRoot() + BUNDLE;
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = function () { reject(new Error("could not load " + script.src)); };
        document.head.appendChild(script);
      });
    }
    return plotly;
  }

  function isDark() {
    return document.documentElement.getAttribute("data-theme") === "dark";
  }

  /* The names of the figure's axes and maps ("xaxis", "yaxis2", "geo", ...), read from its JSON:
   * the layout's own keys and the subplots its traces point at. */
  function subplots(figure) {
    var names = {};
    Object.keys(figure.layout || {}).forEach(function (key) {
      if (/^(xaxis|yaxis|geo)\d*$/.test(key)) { names[key] = true; }
    });
    (figure.data || []).forEach(function (trace) {
      if (trace.type === "scattergeo") {
        names[trace.geo || "geo"] = true;
      } else {
        names["xaxis" + (trace.xaxis || "x").slice(1)] = true;
        names["yaxis" + (trace.yaxis || "y").slice(1)] = true;
      }
    });
    return Object.keys(names);
  }

  /* The theme's colours for this figure, as Plotly.relayout's "attribute.path": value pairs. */
  function themeUpdate(figure) {
    var dark = isDark();
    var update = {
      "paper_bgcolor": dark ? "#1e1e1e" : "#ffffff",
      "plot_bgcolor": dark ? "#1e1e1e" : "#ffffff",
      "font.color": dark ? "#e6e6e6" : "#222222"
    };
    subplots(figure).forEach(function (name) {
      if (name.indexOf("geo") === 0) {
        update[name + ".bgcolor"] = dark ? "#1e1e1e" : "#ffffff";
        update[name + ".landcolor"] = dark ? "#3a3a3a" : "#e8e4d8";
        update[name + ".oceancolor"] = dark ? "#15232e" : "#eaf2f8";
        update[name + ".coastlinecolor"] = dark ? "#888888" : "#777777";
      } else {
        update[name + ".gridcolor"] = dark ? "#444444" : "#e5e5e5";
        update[name + ".linecolor"] = dark ? "#888888" : "#444444";
      }
    });
    return update;
  }

  /* The figure's layout with the theme's colours written in (a copy; "a.b" paths nested). */
  function themedLayout(figure) {
    var layout = JSON.parse(JSON.stringify(figure.layout || {}));
    var update = themeUpdate(figure);
    Object.keys(update).forEach(function (path) {
      var keys = path.split(".");
      var node = layout;
      keys.slice(0, -1).forEach(function (key) {
        if (typeof node[key] !== "object" || node[key] === null) { node[key] = {}; }
        node = node[key];
      });
      node[keys[keys.length - 1]] = update[path];
    });
    return layout;
  }

  function figureOf(div) {
    if (!div._jpsFigure) {
      var source = document.querySelector('script.jps-plotly-data[data-for="' + div.id + '"]');
      div._jpsFigure = source ? JSON.parse(source.textContent) : null;
    }
    return div._jpsFigure;
  }

  /* Draw one figure, once; the promise resolves when it is on screen. */
  function draw(div) {
    if (!div._jpsDrawing) {
      div._jpsDrawing = loadPlotly().then(function (Plotly) {
        var figure = figureOf(div);
        if (!figure) { return; }
        if (window.performance && performance.mark) { performance.mark("japansec:draw"); }
        return Plotly.newPlot(div, {
          data: figure.data,
          layout: themedLayout(figure),
          frames: figure.frames || [],
          config: {responsive: true, displaylogo: false,
                   topojsonURL: siteRoot() + "_static/topojson/"}
        }).then(function () { div.setAttribute("data-drawn", "true"); });
      });
    }
    return div._jpsDrawing;
  }

  function figures() {
    return Array.prototype.slice.call(document.querySelectorAll("div.jps-plotly"));
  }

  /* Everything, print-only figures included (explorers at an exercise's settings). */
  function drawAll() {
    var all = document.querySelectorAll("div.jps-plotly, div.jps-plotly-print");
    return Promise.all(Array.prototype.map.call(all, draw));
  }

  function drawOnApproach() {
    if (!("IntersectionObserver" in window)) { drawAll(); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, {rootMargin: AHEAD});
    figures().forEach(function (div) { observer.observe(div); });
  }

  function followTheme() {
    new MutationObserver(function () {
      figures().forEach(function (div) {
        if (div.getAttribute("data-drawn")) {
          window.Plotly.relayout(div, themeUpdate(figureOf(div)));
        }
      });
    }).observe(document.documentElement, {attributes: true, attributeFilter: ["data-theme"]});
  }

  /* Start after the first paint: the next frame, then a task after it. */
  function afterFirstPaint(start) {
    requestAnimationFrame(function () { setTimeout(start, 0); });
  }

  window.japansecFigures = {draw: draw, drawAll: drawAll};
  window.addEventListener("beforeprint", drawAll);
  followTheme();
  if (document.readyState === "complete") {
    afterFirstPaint(drawOnApproach);
  } else {
    window.addEventListener("load", function () { afterFirstPaint(drawOnApproach); });
  }
})();
