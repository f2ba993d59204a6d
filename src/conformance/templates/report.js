// The report's only script (allowed by its hash in the page's Content-Security-Policy; it
// reads no report data, so nothing a target sent can become code). It filters requirements
// by verdict and area, opens the evidence a link points to, and says when Chinese text
// would show as boxes (no installed font has its glyphs).
(function () {
  "use strict";
  function applyFilters() {
    var verdicts = {};
    document.querySelectorAll("input[data-filter-verdict]").forEach(function (box) {
      verdicts[box.getAttribute("data-filter-verdict")] = box.checked;
    });
    var areaSelect = document.getElementById("filter-area");
    var area = areaSelect ? areaSelect.value : "";
    document.querySelectorAll("section.req").forEach(function (section) {
      var shown = verdicts[section.getAttribute("data-verdict")] !== false &&
        (!area || section.getAttribute("data-area") === area);
      section.hidden = !shown;
    });
  }
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (!target) { return; }
    var section = target.closest("section.req");
    if (section) { section.hidden = false; }
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    target.scrollIntoView();
  }
  function glyph(text) {
    var canvas = document.createElement("canvas");
    canvas.width = 48; canvas.height = 48;
    var context = canvas.getContext("2d");
    context.font = "32px " + window.getComputedStyle(document.body).fontFamily;
    context.fillText(text, 4, 38);
    return Array.prototype.join.call(context.getImageData(0, 0, 48, 48).data, ",");
  }
  function checkFonts() {
    // Where no installed font has the glyphs, two different Chinese characters are drawn as
    // the same empty box ("tofu"): compare their pixels.
    var note = document.getElementById("font-missing");
    if (!note) { return; }
    var found = glyph("\u7b26") !== glyph("\u5408");
    note.hidden = found;
    document.documentElement.setAttribute("data-cjk-font", found ? "found" : "missing");
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches("input[data-filter-verdict], #filter-area")) { applyFilters(); }
  });
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("filters").hidden = false;
    applyFilters();
    openTarget();
    checkFonts();
  });
})();
