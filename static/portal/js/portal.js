// The accessibility bar (text size, contrast) and the language switch.
(function () {
  "use strict";
  var root = document.documentElement;
  var FONT_MIN = -1, FONT_MAX = 2;
  var FONT_PERCENT = { "-1": 87.5, "0": 100, "1": 125, "2": 150 };
  var CONTRAST_MAX = 2;

  function read(key) {
    try { return parseInt(localStorage.getItem(key) || "0", 10) || 0; } catch (e) { return 0; }
  }
  function write(key, value) {
    try { localStorage.setItem(key, String(value)); } catch (e) { /* private mode: not kept */ }
  }

  var bar = document.querySelector(".a11y-bar");
  if (bar) {
    var status = document.getElementById("a11y-status");
    var announce = function (text) {
      // Clearing first makes screen readers repeat an identical message.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    };
    var applyFont = function (step) {
      step = Math.max(FONT_MIN, Math.min(FONT_MAX, step));
      root.setAttribute("data-font", String(step));
      write("portal.font", step);
      bar.querySelector('[data-a11y="font-down"]').disabled = step === FONT_MIN;
      bar.querySelector('[data-a11y="font-up"]').disabled = step === FONT_MAX;
      return step;
    };
    var applyContrast = function (level) {
      level = Math.max(0, Math.min(CONTRAST_MAX, level));
      root.setAttribute("data-contrast", String(level));
      write("portal.contrast", level);
      bar.querySelector('[data-a11y="contrast-down"]').disabled = level === 0;
      bar.querySelector('[data-a11y="contrast-up"]').disabled = level === CONTRAST_MAX;
      return level;
    };
    applyFont(read("portal.font"));
    applyContrast(read("portal.contrast"));
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-a11y]");
      if (!button) return;
      var action = button.getAttribute("data-a11y");
      if (action.indexOf("font") === 0) {
        var step = action === "font-reset" ? 0 : read("portal.font") + (action === "font-up" ? 1 : -1);
        step = applyFont(step);
        announce(bar.getAttribute("data-msg-size").replace("%s", FONT_PERCENT[String(step)]).replace("%%", "%"));
      } else {
        var level = applyContrast(read("portal.contrast") + (action === "contrast-up" ? 1 : -1));
        announce(bar.getAttribute("data-msg-contrast-" + level));
      }
      // A button that just became disabled loses focus; keep keyboard users in the bar.
      if (button.disabled) {
        var next = bar.querySelector("button:not([disabled])");
        if (next) next.focus();
      }
    });
  }

  // Remember an explicit language choice, so "/" sends the reader to it next time.
  document.querySelectorAll(".lang-switch a[data-lang]").forEach(function (link) {
    link.addEventListener("click", function () {
      document.cookie = "django_language=" + link.getAttribute("data-lang") +
        ";path=/;max-age=31536000;samesite=lax";
    });
  });
})();

// Print buttons appear only where JavaScript can print.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
