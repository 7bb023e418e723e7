/* Draw the book's Plotly figures in the static page (see japansec/plotly_mime.py).
 *
 * Each figure is a <div class="jps-plotly"> followed by its JSON in a
 * <script type="application/json" class="jps-plotly-data">. plotly.js comes from the site's own
 * _static folder, as does the offline base map for geo figures (topojsonURL). Figures follow the
 * theme's light/dark mode.
 */
(function () {
  "use strict";

  function siteRoot() {
    var root = document.documentElement.getAttribute("data-content_root");
    return root === null ? "" : root;
  }

  function isDark() {
    return document.documentElement.getAttribute("data-theme") === "dark";
  }

  /* Colours for the theme, applied only to the subplots the figure has. */
  function themeLayout(div) {
    var dark = isDark();
    var grid = dark ? "#444444" : "#e5e5e5";
    var update = {
      "paper_bgcolor": dark ? "#1e1e1e" : "#ffffff",
      "plot_bgcolor": dark ? "#1e1e1e" : "#ffffff",
      "font.color": dark ? "#e6e6e6" : "#222222"
    };
    var subplots = (div._fullLayout && div._fullLayout._subplots) || {};
    (subplots.xaxis || []).concat(subplots.yaxis || []).forEach(function (id) {
      var name = id.charAt(0) + "axis" + id.slice(1);
      update[name + ".gridcolor"] = grid;
      update[name + ".linecolor"] = dark ? "#888888" : "#444444";
    });
    (subplots.geo || []).forEach(function (name) {
      update[name + ".bgcolor"] = dark ? "#1e1e1e" : "#ffffff";
      update[name + ".landcolor"] = dark ? "#3a3a3a" : "#e8e4d8";
      update[name + ".oceancolor"] = dark ? "#15232e" : "#eaf2f8";
      update[name + ".coastlinecolor"] = dark ? "#888888" : "#777777";
    });
    return update;
  }

  function draw(div) {
    var source = document.querySelector('script.jps-plotly-data[data-for="' + div.id + '"]');
    if (!source || div.getAttribute("data-drawn")) { return; }
    var figure = JSON.parse(source.textContent);
    var layout = figure.layout || {};
    var config = {
      responsive: true,
      displaylogo: false,
      topojsonURL: siteRoot() + "_static/topojson/"
    };
    Plotly.newPlot(div, {data: figure.data, layout: layout, frames: figure.frames || [],
                         config: config}).then(function () {
      div.setAttribute("data-drawn", "true");
      Plotly.relayout(div, themeLayout(div));
    });
  }

  function drawAll() {
    document.querySelectorAll("div.jps-plotly").forEach(draw);
  }

  function followTheme() {
    new MutationObserver(function () {
      document.querySelectorAll("div.jps-plotly[data-drawn]").forEach(function (div) {
        Plotly.relayout(div, themeLayout(div));
      });
    }).observe(document.documentElement, {attributes: true, attributeFilter: ["data-theme"]});
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { drawAll(); followTheme(); });
  } else {
    drawAll();
    followTheme();
  }
})();
