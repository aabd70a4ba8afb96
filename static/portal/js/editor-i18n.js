// The rich-text editor (django-prose-editor) names its toolbar buttons in English, in title
// and aria-label attributes, and its block styles ("Heading 2", "Paragraph"), without passing
// them through gettext. This puts them through the admin's JavaScript catalogue
// (locale/vi/LC_MESSAGES/djangojs.po), which the admin loads before this file, as the editor
// builds them (it does so after the page has loaded).
(function () {
  "use strict";
  if (typeof window.gettext !== "function") return;
  var ATTRIBUTES = ["title", "aria-label"];
  var SELECTOR = ".prose-editor [title], .prose-editor [aria-label], .prose-editor .prose-menubar__option > *";

  function translateElement(element) {
    ATTRIBUTES.forEach(function (name) {
      var value = element.getAttribute(name);
      if (!value) return;
      var translated = window.gettext(value);
      if (translated !== value) element.setAttribute(name, translated);
    });
    if (element.parentElement && element.parentElement.classList.contains("prose-menubar__option")) {
      var text = window.gettext(element.textContent);
      if (text !== element.textContent) element.textContent = text;
    }
  }

  function translateWithin(node) {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (node.matches(SELECTOR)) translateElement(node);
    node.querySelectorAll(SELECTOR).forEach(translateElement);
  }

  function start() {
    translateWithin(document.body);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(translateWithin);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
