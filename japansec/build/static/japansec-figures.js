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
 *
 * On a narrow screen the title, subtitle, source line and the entries of a legend below the plot
 * are wrapped again to the figure's width (measured in the figure's font), and the top and bottom
 * margins grow by the lines added: the plot gives up the space, the figure keeps its reserved
 * height. Where the text fits, the figure
 * is drawn exactly as written; a resize (a phone turned) fits it again. Text drawn beside points
 * that runs past what may be seen of it is wrapped to the room it has, a map's labels are placed
 * clear of each other and of the markers, and an explorer's summary that, wrapped, would cover
 * the data is left to the explorer's readout (see fitTexts). Axis labels that plotly.js would
 * turn to fit are shown level on every second, fifth… tick (see fitTicks).
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

  /* A layout setting: the figure's own, else its template's, else ``fallback`` ("a.b" path). */
  function setting(layout, path, fallback) {
    function find(node) {
      path.split(".").forEach(function (key) { node = node == null ? node : node[key]; });
      return node;
    }
    var own = find(layout);
    if (own != null) { return own; }
    var template = find((layout.template || {}).layout || {});
    return template != null ? template : fallback;
  }

  var LINE = 1.3;  /* plotly.js's line height, in font sizes */
  var measurer = null;

  function textWidth(text, size, family) {
    measurer = measurer || document.createElement("canvas").getContext("2d");
    measurer.font = size + "px " + family;
    return measurer.measureText(text).width;
  }

  /* ``text`` (Plotly markup without tags but <br>) in lines no wider than ``width`` pixels; a
   * word wider than that keeps a line of its own. */
  function wrapLines(text, width, size, family) {
    var lines = [];
    text.split(/<br>/).join(" ").split(/\s+/).filter(Boolean).forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && textWidth(lines[last] + " " + word, size, family) <= width) {
        lines[last] += " " + word;
      } else {
        lines.push(word);
      }
    });
    return lines;
  }

  function overflows(text, width, size, family) {
    return text.split(/<br>/).some(function (line) {
      return textWidth(line, size, family) > width;
    });
  }

  var SUBTITLE = /^(.*?)<br><span style='font-size:(\d+)px'>(.*)<\/span>$/;
  var SOURCE = "Source:";  /* how a figure's source line begins (japansec.style.add_foot_note) */
  var PAD = 8;        /* pixels kept free at the figure's right edge */
  var TITLE_TOP = 12; /* pixels above a fitted title, and between it and the plot */
  /* The layout settings a fit may change, put back as written when the text fits again. */
  var FITTED = ["title.text", "title.y", "title.yref", "title.yanchor", "title.pad.t", "margin.t",
                "margin.b", "legend.y"];

  /* Each named trace's legend entry, wrapped where it is wider than a legend ``width`` pixels
   * across leaves it (symbol and gaps aside), else as written: {indices: [...], names: [...]}. */
  function legendNames(figure, width, family, size) {
    var legendSize = setting(figure.layout || {}, "legend.font.size", size);
    var room = width - 50;
    var fitted = {indices: [], names: []};
    (figure.data || []).forEach(function (trace, index) {
      if (!trace.name) { return; }
      fitted.indices.push(index);
      fitted.names.push(overflows(trace.name, room, legendSize, family) ?
        wrapLines(trace.name, room, legendSize, family).join("<br>") : trace.name);
    });
    return fitted;
  }

  /* The height of the figure's legend, in pixels, when it lies across a ``width`` pixels wide,
   * its entries wrapped by legendNames and packed as plotly.js packs a horizontal legend: one row
   * if every entry fits in it, else columns as wide as the widest entry; one entry a row in a
   * vertical one. */
  function legendHeight(figure, width, family, size) {
    var layout = figure.layout || {};
    var legendSize = setting(layout, "legend.font.size", size);
    var fitted = legendNames(figure, width, family, size);
    var entries = fitted.names.filter(function (_, k) {
      return figure.data[fitted.indices[k]].showlegend !== false;
    }).map(function (name) {
      var lines = name.split("<br>");
      return {lines: lines.length, width: 45 + Math.max.apply(null, lines.map(function (line) {
        return textWidth(line, legendSize, family);
      }))};
    });
    var row = LINE * legendSize;
    var height = entries.reduce(function (sum, entry) { return sum + entry.lines * row + 3; }, 0);
    if (entries.length && setting(layout, "legend.orientation", "v") === "h") {
      var widths = entries.map(function (entry) { return entry.width; });
      var tallest = Math.max.apply(null, entries.map(function (entry) { return entry.lines; }));
      var total = widths.reduce(function (sum, item) { return sum + item; }, 0);
      var columns = Math.max(1, Math.floor(width / Math.max.apply(null, widths)));
      var rows = total <= width ? 1 : Math.ceil(entries.length / columns);
      height = Math.min(height, rows * (tallest * row + 3));
    }
    return height;
  }

  function legendBelow(layout) {
    var y = setting(layout, "legend.y", null);
    return y !== null && y < 0;
  }

  /* The width a legend below the plot may take: the figure's, less the side margins. */
  function legendWidth(layout, width, left) {
    return width - Math.max(left || 0, setting(layout, "margin.l", 80)) -
      setting(layout, "margin.r", 80);
  }

  /* What to change so that the title, subtitle and source lines fit a figure ``width`` pixels
   * wide, as Plotly.relayout's "attribute.path": value pairs; none when everything fits. A
   * fitted title hangs from the top of the figure; a legend below the plot keeps its distance
   * from it in pixels. Source lines start at the plot's left edge: ``left`` pixels in, else the
   * layout's left margin (plotly.js widens it for long axis labels: see refit). */
  function fitUpdate(figure, width, left) {
    var layout = figure.layout || {};
    var family = setting(layout, "font.family", "sans-serif");
    var size = setting(layout, "font.size", 12);
    var top = setting(layout, "margin.t", 100);
    var bottom = setting(layout, "margin.b", 80);
    var update = {};
    var title = setting(layout, "title.text", "");
    var parts = SUBTITLE.exec(title) || [title, title, null, null];
    var titleSize = setting(layout, "title.font.size", Math.round(size * 1.4));  /* as plotly.js */
    var subSize = Number(parts[2]) || size;
    var room = width - PAD;  /* a line that no longer fits is wrapped with a margin to spare */
    if (title && (overflows(parts[1], width, titleSize, family) ||
                  (parts[3] && overflows(parts[3], width, subSize, family)))) {
      var main = wrapLines(parts[1], room, titleSize, family);
      var sub = parts[3] ? wrapLines(parts[3], room, subSize, family) : [];
      update["title.text"] = main.concat(sub.map(function (line) {
        return "<span style='font-size:" + subSize + "px'>" + line + "</span>";
      })).join("<br>");
      update["title.yref"] = "container";
      update["title.y"] = 1;
      update["title.yanchor"] = "top";
      /* plotly.js sets a multi-line title's first baseline at the anchor (its cap shift is lost
       * on the lines' own y): the pad makes room for the first line, and each line, subtitle
       * lines too, advances 1.3 title font sizes. */
      update["title.pad.t"] = Math.ceil(TITLE_TOP + titleSize);
      /* The top margin grows by the lines added, so that what sits in it below the title (a
       * row of buttons) moves down with the plot; and at least holds the title. */
      var lines = main.length + sub.length;
      var last = TITLE_TOP + titleSize + (lines - 1) * LINE * titleSize;
      update["margin.t"] = Math.ceil(Math.max(
        top + (lines - title.split("<br>").length) * LINE * titleSize,
        last + 0.3 * titleSize + TITLE_TOP));
    }
    left = Math.max(left || 0, setting(layout, "margin.l", 80));
    var sourceHeight = 0;
    var moved = [];
    (layout.annotations || []).forEach(function (note, index) {
      var text = note.text || "";
      var noteSize = (note.font && note.font.size) || size;
      if (text.indexOf(SOURCE) !== 0) { return; }
      var lines = text.split("<br>");
      if (overflows(text, width - left, noteSize, family)) {
        lines = wrapLines(text, width - left - PAD, noteSize, family);
        update["annotations[" + index + "].text"] = lines.join("<br>");
      }
      sourceHeight = Math.max(sourceHeight, LINE * noteSize * lines.length);
      moved.push({index: index, yshift: note.yshift || 0,
                  added: LINE * noteSize * (lines.length - text.split("<br>").length)});
    });
    if (!Object.keys(update).length) { return update; }  /* everything fits as written */
    var added = Math.max.apply(null, [0].concat(moved.map(function (m) { return m.added; })));
    var height = setting(layout, "height", 450);
    var plotBefore = height - top - bottom;
    var newBottom = bottom + added;
    var offset = legendBelow(layout) ? -setting(layout, "legend.y") * plotBefore : null;
    if (offset !== null) {  /* a legend below the plot: room for it above the source lines */
      newBottom = Math.max(newBottom, offset +
                           legendHeight(figure, legendWidth(layout, width, left), family, size) +
                           TITLE_TOP + sourceHeight + 6);
    }
    newBottom = Math.ceil(newBottom);
    if (newBottom !== bottom) {
      update["margin.b"] = newBottom;
      moved.forEach(function (m) {
        update["annotations[" + m.index + "].yshift"] = m.yshift - (newBottom - bottom);
      });
    }
    var plotAfter = height - (update["margin.t"] || top) - newBottom;
    if (offset !== null && plotAfter > 0 && plotAfter !== plotBefore) {
      update["legend.y"] = -offset / plotAfter;  /* the same distance below the plot */
    }
    return update;
  }

  /* ``update``'s "a.b" and "a[2].b" paths written into ``layout`` (nested objects made). */
  function apply(layout, update) {
    Object.keys(update).forEach(function (path) {
      var keys = path.replace(/\[(\d+)\]/g, ".$1").split(".");
      var node = layout;
      keys.slice(0, -1).forEach(function (key) {
        if (typeof node[key] !== "object" || node[key] === null) { node[key] = {}; }
        node = node[key];
      });
      node[keys[keys.length - 1]] = update[path];
    });
    return layout;
  }

  /* Each legend entry fitted to a figure ``width`` pixels wide whose plot starts ``left``
   * pixels in (see legendNames), if the legend lies below the plot; a legend beside the plot
   * takes the width it needs from the plot, so its entries stay as written. */
  function fittedNames(figure, width, left) {
    var layout = figure.layout || {};
    return legendNames(figure, legendBelow(layout) ? legendWidth(layout, width, left) : Infinity,
                       setting(layout, "font.family", "sans-serif"), setting(layout, "font.size", 12));
  }

  /* Everything fitted to a figure ``width`` pixels wide whose plot starts ``left`` pixels in: the
   * layout's update, the legend entries, and a key that tells two fits apart. */
  function fitOf(figure, width, left) {
    var fit = fitUpdate(figure, width, left);
    var names = fittedNames(figure, width, left);
    return {layout: fit, names: names, key: JSON.stringify([fit, names.names])};
  }

  /* The figure as drawn in ``div`` (copies): the theme's colours written into its layout, and its
   * title, source lines and legend entries fitted to the div's width. */
  function drawnFigure(figure, div) {
    var fit = fitOf(figure, div.clientWidth, 0);
    var names = fit.names;
    div._jpsFit = fit.key;
    var layout = apply(JSON.parse(JSON.stringify(figure.layout || {})), themeUpdate(figure));
    return {
      layout: apply(layout, fit.layout),
      data: (figure.data || []).map(function (trace, index) {
        var name = names.names[names.indices.indexOf(index)];
        return name === undefined || name === trace.name ? trace :
          Object.assign({}, trace, {name: name});
      })
    };
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
        var drawn = drawnFigure(figure, div);
        return Plotly.newPlot(div, {
          data: drawn.data,
          layout: drawn.layout,
          frames: figure.frames || [],
          config: {responsive: true, displaylogo: false,
                   topojsonURL: siteRoot() + "_static/topojson/"}
        }).then(function () {
          /* Drawn a second time only if plotly.js widened the left margin for long axis labels
           * so much that a source line or a legend entry runs past the figure's right edge. */
          return overflowing(div) ? refit(div) : null;
        }).then(function () {
          return fitTicks(div);
        }).then(function () {
          /* A menu that shows other traces shows text not yet measured. */
          div.on("plotly_buttonclicked", function () {
            requestAnimationFrame(function () { fitTexts(div); });
          });
          return fitTexts(div);
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

  /* How far in from the figure's left edge its drawn source line starts (the plot's left edge,
   * after plotly.js has made room for the axis labels); 0 without a source line. */
  function drawnLeft(div) {
    var notes = drawnSources(div);
    return notes.length ? notes[0].getBoundingClientRect().left -
      div.getBoundingClientRect().left : 0;
  }

  /* The drawn source lines of a figure (SVG groups). */
  function drawnSources(div) {
    return Array.prototype.filter.call(div.querySelectorAll(".annotation"), function (note) {
      return note.textContent.indexOf(SOURCE) === 0;
    });
  }

  /* Whether a drawn source line or legend entry reaches past the figure's right edge. */
  function overflowing(div) {
    var right = div.getBoundingClientRect().right + 1;
    var drawn = drawnSources(div).concat(
      Array.prototype.slice.call(div.querySelectorAll(".legend .traces")));
    return drawn.some(function (element) {
      return element.getBoundingClientRect().right > right;
    });
  }

  /* Fit a drawn figure's text again (to a new width, or to the plot's left edge as drawn):
   * update it only if the fit changed, with what it no longer changes put back as written. */
  function refit(div) {
    var figure = figureOf(div);
    var fit = fitOf(figure, div.clientWidth, drawnLeft(div));
    if (fit.key === div._jpsFit) { return Promise.resolve(); }
    div._jpsFit = fit.key;
    var layout = figure.layout || {};
    var written = {};
    FITTED.forEach(function (path) { written[path] = setting(layout, path, null); });
    (layout.annotations || []).forEach(function (note, index) {
      written["annotations[" + index + "].text"] = note.text;
      written["annotations[" + index + "].yshift"] = note.yshift || 0;
    });
    return window.Plotly.update(div, {name: fit.names.names}, Object.assign(written, fit.layout),
                                fit.names.indices);
  }

  var LABEL_STEPS = [2, 5, 10, 20, 50];  /* every k-th tick labelled: the first k that fits */
  var LABEL_GAP = 6;  /* pixels kept free between two level tick labels */

  /* The figure's x axes whose labels plotly.js can thin (``ticklabelstep``: not on a log axis,
   * nor where the layout lists the ticks), by attribute name ("xaxis", "xaxis2"…). */
  function thinnableAxes(layout) {
    return ["xaxis"].concat(Object.keys(layout).filter(function (key) {
      return /^xaxis\d+$/.test(key);
    })).filter(function (key) {
      var axis = layout[key] || {};
      return axis.type !== "log" && axis.type !== "multicategory" && axis.tickmode !== "array";
    });
  }

  function turned(text) {
    return (text.getAttribute("transform") || "").indexOf("rotate(") >= 0;
  }

  /* For each thinnable x axis whose labels plotly.js turned because they did not fit level (a
   * phone): labels on every k-th tick only, level, k the first of LABEL_STEPS that leaves a
   * label's width between them; as Plotly.relayout's pairs. (Turned labels crowd each other,
   * and a legend below the plot covers their ends.) */
  function tickUpdate(div, layout) {
    var update = {};
    thinnableAxes(layout).forEach(function (axis) {
      var texts = Array.prototype.slice.call(
        div.querySelectorAll("g.x" + axis.slice(5) + "tick text"));
      if (texts.length < 2 || !texts.some(turned)) { return; }
      var first = texts[0].getBoundingClientRect();
      var last = texts[texts.length - 1].getBoundingClientRect();
      var spacing = Math.abs(last.left - first.left) / (texts.length - 1);
      var widest = Math.max.apply(null, texts.map(function (text) {
        return textWidth(text.textContent, parseFloat(text.style.fontSize),
                         text.style.fontFamily);
      }));
      var step = LABEL_STEPS.filter(function (k) {
        return k * spacing >= widest + LABEL_GAP;
      })[0];
      if (step) {
        update[axis + ".ticklabelstep"] = step;
        update[axis + ".tickangle"] = 0;
      }
    });
    return update;
  }

  /* Thin a drawn figure's turned tick labels (see tickUpdate), after putting back what an
   * earlier fit changed, so that a wider figure shows its labels as written again. */
  function fitTicks(div) {
    var layout = figureOf(div).layout || {};
    var restored = Promise.resolve();
    if (div._jpsTicks) {
      var written = {};
      Object.keys(div._jpsTicks).forEach(function (path) {
        written[path] = setting(layout, path, null);
      });
      div._jpsTicks = null;
      restored = window.Plotly.relayout(div, written);
    }
    return restored.then(function () {
      var update = tickUpdate(div, layout);
      if (!Object.keys(update).length) { return null; }
      div._jpsTicks = update;
      return window.Plotly.relayout(div, update);
    });
  }

  /* Where a trace's text may be seen: its plot area or map frame, where plotly.js clips it to
   * that (the default), else the whole figure. */
  function textBounds(div, trace) {
    var area = trace.cliponaxis === false ? null : trace.type === "scattergeo" ?
      div.querySelector(".geo." + (trace.geo || "geo") + " .layer.bg") :
      div.querySelector(".draglayer > g." + (trace.xaxis || "x") + (trace.yaxis || "y") +
                        " .nsewdrag");
    return (area || div).getBoundingClientRect();
  }

  /* The index of the trace a drawn trace group shows (plotly.js binds the group to its data),
   * or null. */
  function traceIndex(group) {
    var data = group.__data__ && group.__data__[0];
    return data && data.trace ? data.trace.index : null;
  }

  /* Each text drawn beside a point, by trace index and point index: the box it takes on the
   * screen (plotly.js binds each trace's group and each point's text to their data). */
  function drawnTexts(div) {
    var boxes = {};
    div.querySelectorAll("g.trace").forEach(function (group) {
      var index = traceIndex(group);
      if (index === null) { return; }
      var points = boxes[index] = {};
      group.querySelectorAll("text").forEach(function (element) {
        var point = element.__data__ || (element.parentNode && element.parentNode.__data__);
        var box = element.getBoundingClientRect();
        if (point && typeof point.i === "number" && box.width) { points[point.i] = box; }
      });
    });
    return boxes;
  }

  /* ``entry`` (one point's text) in lines that fit ``room`` pixels, each of its lines wrapped on
   * its own; as written when it is not a string. */
  function wrappedEntry(entry, room, size, family) {
    if (typeof entry !== "string") { return entry; }
    return entry.split("<br>").map(function (line) {
      return wrapLines(line, room - PAD, size, family).join("<br>");
    }).join("<br>");
  }

  /* A text trace's font size and family: its own, else the layout's. */
  function textFont(layout, trace) {
    var font = trace.textfont || {};
    return {size: typeof font.size === "number" ? font.size : setting(layout, "font.size", 12),
            family: typeof font.family === "string" ? font.family :
              setting(layout, "font.family", "sans-serif")};
  }

  /* Where point ``k``'s text goes beside it (plotly.js's textposition; centred if unset). */
  function positionOf(trace, k) {
    return (Array.isArray(trace.textposition) ? trace.textposition[k] :
            trace.textposition) || "middle center";
  }

  var PLACES = ["middle right", "middle left", "top center", "bottom center", "top right",
                "top left", "bottom right", "bottom left"];  /* where a map label may go */

  /* The box a label ``w`` by ``h`` pixels takes at textposition ``where`` beside a marker
   * centred at (``x``, ``y``), ``r`` pixels across its middle. */
  function besideBox(where, x, y, r, w, h) {
    var left = where.indexOf("right") >= 0 ? x + r : where.indexOf("left") >= 0 ? x - r - w :
      x - w / 2;
    var top = where.indexOf("top") >= 0 ? y - r - h : where.indexOf("bottom") >= 0 ? y + r :
      y - h / 2;
    return {left: left, top: top, right: left + w, bottom: top + h};
  }

  /* ``box`` grown by ``by`` pixels on every side. */
  function grown(box, by) {
    return {left: box.left - by, right: box.right + by, top: box.top - by,
            bottom: box.bottom + by};
  }

  function sharedArea(a, b) {
    return Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) *
      Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
  }

  /* The place and text (as written, or on two lines) of one map ``label`` that covers least of
   * the other markers and (four times as bad) of the boxes of ``placed`` labels and of what lies
   * past the map's frame: where it was written if that covers nothing, else the first place of
   * PLACES that does not, else the same on two lines. */
  function bestPlace(div, label, placed, markers) {
    var trace = label.trace, font = textFont(div.layout || {}, trace);
    var size = font.size, family = font.family;
    var frame = textBounds(div, trace);
    var others = markers.filter(function (m) { return m !== label.at; })
      .map(function (m) { return m.box; });
    var variants = [label.written];
    if (label.written.indexOf(" ") > 0 && label.written.indexOf("<br>") < 0) {
      var wide = textWidth(label.written, size, family);
      variants.push(wrapLines(label.written, wide * 0.6, size, family).join("<br>"));
    }
    var best = null;
    variants.some(function (text) {
      var lines = text.split("<br>");
      var w = Math.max.apply(null, lines.map(function (line) {
        return textWidth(line, size, family);
      }));
      var h = lines.length * 1.2 * size + 1;  /* as plotly.js draws a label's lines */
      return [label.where].concat(PLACES).some(function (place) {
        var box = besideBox(place, label.at.x, label.at.y, label.at.r, w, h);
        var near = grown(box, 1);
        var cost = (w * h - sharedArea(box, frame)) * 4;
        others.forEach(function (other) { cost += sharedArea(near, other); });
        placed.forEach(function (other) { cost += 4 * sharedArea(near, other); });
        if (!best || cost < best.cost) {
          best = {cost: cost, box: box, place: place, text: text};
        }
        return cost === 0;
      });
    });
    return best;
  }

  /* Map labels placed where they cover no other label, no marker and nothing past the map's
   * frame (see bestPlace), one after another; where one cannot be, it is placed first and the
   * others again (up to once for each label), and the order that covers least is kept. Returns
   * Plotly.restyle's {textposition, text} for the traces it moved, and their indices. */
  function placedLabels(div) {
    var markers = [], labels = [];
    div.querySelectorAll(".geo g.trace").forEach(function (group) {
      var index = traceIndex(group);
      if (index === null) { return; }
      var trace = div.data[index];
      group.querySelectorAll("path.point").forEach(function (point) {
        var box = point.getBoundingClientRect();
        var at = {x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2,
                  r: Math.max(box.width, box.height) / 2 + 2.5, box: box};  /* as drawn */
        markers.push(at);
        var k = point.__data__ && point.__data__.i;
        if ((trace.mode || "").indexOf("text") >= 0 && Array.isArray(trace.text) &&
            typeof k === "number" && typeof trace.text[k] === "string") {
          labels.push({index: index, k: k, at: at, trace: trace, written: trace.text[k],
                       where: positionOf(trace, k)});
        }
      });
    });
    var order = labels.slice(), chosen = null, least = Infinity;
    for (var attempt = 0; attempt <= labels.length; attempt += 1) {
      var placed = [];
      var tried = order.map(function (label) {
        var best = bestPlace(div, label, placed, markers);
        placed.push(best.box);
        return {label: label, best: best};
      });
      var cost = tried.reduce(function (sum, c) { return sum + c.best.cost; }, 0);
      if (cost < least) { chosen = tried; least = cost; }
      var stuck = tried.filter(function (c) { return c.best.cost > 0; })[0];
      if (!stuck || order[0] === stuck.label) { break; }
      order.splice(order.indexOf(stuck.label), 1);
      order.unshift(stuck.label);
    }
    var moved = {};
    chosen.forEach(function (c) {
      var label = c.label, trace = label.trace;
      if (c.best.place === label.where && c.best.text === label.written) { return; }
      var entry = moved[label.index] = moved[label.index] || {
        textposition: trace.text.map(function (_, k) { return positionOf(trace, k); }),
        text: trace.text.slice()};
      entry.textposition[label.k] = c.best.place;
      entry.text[label.k] = c.best.text;
    });
    var indices = Object.keys(moved).map(Number);
    return {indices: indices, update: {
      textposition: indices.map(function (i) { return moved[i].textposition; }),
      text: indices.map(function (i) { return moved[i].text; })}};
  }

  /* Fit the text beside points of a drawn figure (see fitTexts); the promise resolves when the
   * figure shows the result. */
  function fitTextsNow(div) {
    return showSummaries(div).then(function () { return placeLabels(div); })
      .then(function () { return wrapTexts(div); })
      .then(function () { return hideSummaries(div); });
  }

  /* Points along a drawn line, about every ``step`` pixels, on the screen. */
  function pointsAlong(path, step) {
    var length = path.getTotalLength(), matrix = path.getScreenCTM(), points = [];
    for (var at = 0; matrix && at <= length; at += step) {
      points.push(path.getPointAtLength(at).matrixTransform(matrix));
    }
    return points;
  }

  /* The figure's data marks as drawn: the boxes of its markers, bars and the lines the layout
   * draws (a threshold, say; the base map's land and sea aside), and points along its lines. */
  function dataMarks(div) {
    var boxes = Array.prototype.map.call(div.querySelectorAll(
      ".trace .points path, .trace path.point, .trace .point path, .shapelayer path"),
    function (mark) { return mark.getBoundingClientRect(); })
      .filter(function (b) { return b.width + b.height > 0; });
    var points = [];
    div.querySelectorAll(".trace path.js-line").forEach(function (line) {
      points = points.concat(pointsAlong(line, 4));
    });
    return {boxes: boxes, points: points};
  }

  /* Whether ``box`` covers any of ``marks`` (dataMarks), within 2 pixels. */
  function covers(marks, box) {
    var near = grown(box, 2);
    return marks.boxes.some(function (b) {  /* edges, not area: a level line's box is a line */
      return b.left <= near.right && b.right >= near.left && b.top <= near.bottom &&
        b.bottom >= near.top;
    }) || marks.points.some(function (p) {
      return p.x >= near.left && p.x <= near.right && p.y >= near.top && p.y <= near.bottom;
    });
  }

  /* The boxes of the lines of text trace ``index`` as drawn (a text of several lines is drawn
   * as one text element with a tspan per line). */
  function lineBoxes(div, index) {
    var boxes = [];
    div.querySelectorAll("g.trace").forEach(function (group) {
      if (traceIndex(group) !== index) { return; }
      group.querySelectorAll("text").forEach(function (text) {
        var lines = text.querySelectorAll("tspan.line");
        (lines.length ? Array.prototype.slice.call(lines) : [text]).forEach(function (line) {
          var box = line.getBoundingClientRect();
          if (box.width && line.textContent.trim()) { boxes.push(box); }
        });
      });
    });
    return boxes;
  }

  /* An explorer's summary (a text trace with meta "summary": its readout, beside the controls,
   * says the same) that had to be wrapped to fit (wrapTexts: on a phone) and then covers the
   * figure's data is left to the readout: hidden while the figure keeps its width, whatever the
   * explorer shows next (showSummaries), so that a control move on a phone redraws the figure
   * once. Where it fits as written it stays, as drawn. */
  function hideSummaries(div) {
    var wrapped = div._jpsTexts || {}, marks = null;
    var indices = div.data.map(function (trace, index) { return index; }).filter(function (index) {
      return div.data[index].meta === "summary" && wrapped[index] &&
        lineBoxes(div, index).some(function (box) {
          marks = marks || dataMarks(div);
          return covers(marks, box);
        });
    });
    if (!indices.length) { return null; }
    var kept = div._jpsHidden ? div._jpsHidden.indices : [];
    div._jpsHidden = {indices: kept.concat(indices), width: div.clientWidth};
    return window.Plotly.restyle(div, {visible: false}, indices);
  }

  /* The summaries hideSummaries hid, shown again once the figure's width has changed. */
  function showSummaries(div) {
    var hidden = div._jpsHidden;
    if (!hidden || hidden.width === div.clientWidth) { return Promise.resolve(); }
    div._jpsHidden = null;
    return window.Plotly.restyle(div, {visible: true}, hidden.indices);
  }

  /* Place a drawn map's labels (see placedLabels), after putting back what an earlier placing
   * changed and is still shown: an explorer's result may have replaced a trace's text since. */
  function placeLabels(div) {
    var before = div._jpsPlaced;
    div._jpsPlaced = null;
    var restored = before ? window.Plotly.restyle(div, unplaced(div, before), before.indices) :
      Promise.resolve();
    return restored.then(function () {
      if (!div.querySelector(".geo g.trace")) { return null; }
      var placed = placedLabels(div);
      if (!placed.indices.length) { return null; }
      div._jpsPlaced = {indices: placed.indices, placed: placed.update, written: {
        textposition: placed.indices.map(function (i) { return div.data[i].textposition; }),
        text: placed.indices.map(function (i) { return div.data[i].text; })}};
      return window.Plotly.restyle(div, placed.update, placed.indices);
    });
  }

  /* Plotly.restyle's update that puts back the text and positions as written where the traces
   * of an earlier placing (``before``) still show what it placed, and keeps the rest. */
  function unplaced(div, before) {
    var update = {};
    ["text", "textposition"].forEach(function (key) {
      update[key] = before.indices.map(function (index, k) {
        var now = div.data[index][key];
        return JSON.stringify(now) === JSON.stringify(before.placed[key][k]) ?
          before.written[key][k] : now;
      });
    });
    return update;
  }

  /* Wrap the text beside points that runs past what may be seen of it (see fitTexts). */
  function wrapTexts(div) {
    var fitted = div._jpsTexts || {};
    var back = Object.keys(fitted).filter(function (index) {
      return JSON.stringify(div.data[index].text) === fitted[index].fitted;
    });
    div._jpsTexts = {};
    var restored = back.length ? window.Plotly.restyle(div, {text: back.map(function (index) {
      return fitted[index].written;
    })}, back.map(Number)) : Promise.resolve();
    return restored.then(function () {
      var layout = div.layout || {};
      var drawn = drawnTexts(div);
      var indices = [], texts = [];
      div.data.forEach(function (trace, index) {
        if ((trace.mode || "").indexOf("text") < 0 || trace.text == null || !drawn[index]) {
          return;
        }
        var many = Array.isArray(trace.text);
        var font = textFont(layout, trace);
        var size = font.size, family = font.family;
        var edge = textBounds(div, trace);
        var changed = false;
        var text = (many ? trace.text : [trace.text]).map(function (entry, k) {
          var where = positionOf(trace, k);
          var box = drawn[index][k];
          if (!box || (box.left >= edge.left - 1 && box.right <= edge.right + 1)) { return entry; }
          var centre = (box.left + box.right) / 2;
          var room = where.indexOf("right") >= 0 ? edge.right - box.left :
            where.indexOf("left") >= 0 ? box.right - edge.left :
            2 * Math.min(centre - edge.left, edge.right - centre);
          var wrapped = wrappedEntry(entry, room, size, family);
          changed = changed || wrapped !== entry;
          return wrapped;
        });
        if (changed) {
          indices.push(index);
          texts.push(many ? text : text[0]);
          div._jpsTexts[index] = {written: trace.text,
                                  fitted: JSON.stringify(many ? text : text[0])};
        }
      });
      return indices.length ? window.Plotly.restyle(div, {text: texts}, indices) : null;
    });
  }

  /* A map's labels placed clear of each other (placedLabels); then text drawn beside points
   * (text traces: an explorer's note, a step's label, a place on a map) that reaches past what
   * may be seen of it (textBounds), wrapped to the room it has on the side it grows towards,
   * each of its lines on its own; then an explorer's summary that, so wrapped, covers the data
   * hidden while the width stays (hideSummaries). What was fitted before is put back first
   * (summaries once the width has changed), so that a wider figure
   * shows it as written again. Calls on one figure run one after another. A
   * failure is reported on the console and leaves the figure as drawn. */
  function fitTexts(div) {
    div._jpsFitting = (div._jpsFitting || Promise.resolve()).then(function () {
      return fitTextsNow(div);
    }).catch(function (error) {
      console.error("japansec-figures: could not fit the text of " + div.id + ": " + error);
    });
    return div._jpsFitting;
  }

  /* After a resize, each drawn figure's text fitted to its new width (or put back as written,
   * where it fits again). */
  function followWidth() {
    var pending = null;
    window.addEventListener("resize", function () {
      clearTimeout(pending);
      pending = setTimeout(function () {
        figures().forEach(function (div) {
          if (div.getAttribute("data-drawn")) {
            refit(div).then(function () { return fitTicks(div); })
              .then(function () { return fitTexts(div); });
          }
        });
      }, 250);
    });
  }

  /* Start after the first paint: the next frame, then a task after it. */
  function afterFirstPaint(start) {
    requestAnimationFrame(function () { setTimeout(start, 0); });
  }

  window.japansecFigures = {draw: draw, drawAll: drawAll, fitTexts: fitTexts};
  window.addEventListener("beforeprint", drawAll);
  followTheme();
  followWidth();
  if (document.readyState === "complete") {
    afterFirstPaint(drawOnApproach);
  } else {
    window.addEventListener("load", function () { afterFirstPaint(drawOnApproach); });
  }
})();
