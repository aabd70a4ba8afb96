// The body editor's image window (multimedia.admin.ImageAdmin.picker_view): hands the chosen
// library image to the editor that opened it (django-prose-editor's Figure picker protocol).
(function () {
  "use strict";
  const root = document.querySelector(".image-picker");
  if (!root) return;
  const funcNum = root.dataset.funcNum;

  function choose(element) {
    const editor = window.opener && window.opener.CKEDITOR && window.opener.CKEDITOR.tools;
    if (!editor || !funcNum) return false;
    editor.callFunction(Number(funcNum), element.dataset.src, {
      id: element.dataset.id,
      alternative_text: element.dataset.alt,
      caption: element.dataset.caption,
    });
    window.close();
    return true;
  }

  root.addEventListener("click", function (event) {
    const button = event.target.closest("[data-choose]");
    if (button) choose(button);
  });
  const chosen = root.querySelector("[data-chosen]");
  if (chosen) choose(chosen);
})();
