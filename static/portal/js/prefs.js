// Runs in <head>, before the first paint: applies the reader's saved text size and contrast.
(function () {
  var root = document.documentElement;
  root.className = root.className.replace("no-js", "js");
  try {
    var font = parseInt(localStorage.getItem("portal.font") || "0", 10);
    var contrast = parseInt(localStorage.getItem("portal.contrast") || "0", 10);
    if (font >= -1 && font <= 2) root.setAttribute("data-font", String(font));
    if (contrast >= 0 && contrast <= 2) root.setAttribute("data-contrast", String(contrast));
  } catch (e) {
    // localStorage may be disabled; the defaults apply.
  }
})();
