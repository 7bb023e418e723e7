// The book's plotly.js: the core (scatter, sliders, menus, annotations, legend, hover) plus only
// the other trace types the book's figures use. A figure with any other type draws nothing and
// the browser test fails: add the type here (see node_modules/plotly.js/lib/ for the names).
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/scattergeo'),
]);

module.exports = Plotly;
