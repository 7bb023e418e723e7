/* Load MathJax only when the page's math nears the viewport (the page holds math: the Sphinx
 * extension adds this script only then). Until it loads, the TeX source shows as text; MathJax
 * typesets the whole page when it starts. Printing loads it at once. */
(function () {
  "use strict";

  var AHEAD = "600px 0px";
  var started = false;
  /* MathJax's configuration (Sphinx's mathjax3_config), set only when MathJax loads. */
  var config = JSON.parse(document.currentScript.getAttribute("data-mathjax-config") || "{}");

  function load() {
    if (started) { return; }
    started = true;
    var root = document.documentElement.getAttribute("data-content_root") || "";
    window.MathJax = config;
    var script = document.createElement("script");
    script.src = root + "_static/mathjax/tex-chtml.js";
    document.head.appendChild(script);
  }

  function watch() {
    var math = document.querySelectorAll(".math");
    if (!("IntersectionObserver" in window)) { load(); return; }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        load();
      }
    }, {rootMargin: AHEAD});
    Array.prototype.forEach.call(math, function (element) { observer.observe(element); });
  }

  window.addEventListener("beforeprint", load);
  if (document.readyState === "complete") {
    requestAnimationFrame(function () { setTimeout(watch, 0); });
  } else {
    window.addEventListener("load", function () {
      requestAnimationFrame(function () { setTimeout(watch, 0); });
    });
  }
})();
