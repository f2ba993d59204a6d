// The report's only script (allowed by its hash in the page's Content-Security-Policy; it
// reads no report data, so nothing a target sent can become code). It filters requirements
// by verdict and area, opens the evidence a link points to, and says when no font of the
// CJK stack is installed.
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
  function checkFonts() {
    var note = document.getElementById("font-missing");
    if (!note || !document.fonts || !document.fonts.check) { return; }
    var stack = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei",
                 "Noto Sans SC"];
    // A font that is not installed measures as the fallback; compare with a font that cannot exist.
    var canvas = document.createElement("canvas").getContext("2d");
    var sample = "\u7b26\u5408\u6027\u6d4b\u8bd5";
    canvas.font = "20px no-such-font-conformance";
    var fallback = canvas.measureText(sample).width;
    var found = stack.some(function (name) {
      canvas.font = "20px \"" + name + "\", no-such-font-conformance";
      return canvas.measureText(sample).width !== fallback;
    });
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
