// A photo story's lightbox: each photo is a link to its large rendition (that works without
// JavaScript); here it opens in a modal <dialog> read by screen readers, moved through with the
// arrow keys or the buttons, by swiping on a touch screen, and closed with Escape.
(function () {
  "use strict";
  const story = document.querySelector("[data-photo-story]");
  if (!story || typeof HTMLDialogElement === "undefined") return;
  const links = Array.from(story.querySelectorAll(".photo-story-open"));
  const labels = story.dataset;
  let current = 0;
  let opener = null;

  function button(className, text) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "lightbox-button " + className;
    element.textContent = text;
    return element;
  }

  const dialog = document.createElement("dialog");
  dialog.className = "lightbox";
  dialog.setAttribute("aria-label", labels.labelDialog);
  const figure = document.createElement("figure");
  const picture = document.createElement("picture");
  const source = document.createElement("source");
  source.type = "image/webp";
  const image = document.createElement("img");
  picture.append(source, image);
  const caption = document.createElement("figcaption");
  const count = document.createElement("p");
  count.className = "lightbox-count";
  count.setAttribute("aria-live", "polite");
  figure.append(picture, caption);
  const previous = button("lightbox-previous", labels.labelPrevious);
  const next = button("lightbox-next", labels.labelNext);
  const close = button("lightbox-close", labels.labelClose);
  const controls = document.createElement("div");
  controls.className = "lightbox-controls";
  controls.append(previous, count, next, close);
  dialog.append(figure, controls);
  document.body.append(dialog);

  function show(index) {
    current = (index + links.length) % links.length;
    const link = links[current];
    const figcaption = link.closest("figure").querySelector("figcaption");
    source.srcset = link.dataset.fullWebp;
    image.src = link.dataset.full;
    image.alt = link.dataset.alt;
    image.width = Number(link.dataset.width);
    image.height = Number(link.dataset.height);
    caption.textContent = figcaption ? figcaption.textContent : "";
    caption.hidden = !figcaption;
    count.textContent = labels.labelCount
      .replace("%(number)s", String(current + 1)).replace("%(count)s", String(links.length));
  }

  links.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      opener = link;
      show(index);
      dialog.showModal();
      next.focus();
    });
  });
  previous.addEventListener("click", function () { show(current - 1); });
  next.addEventListener("click", function () { show(current + 1); });
  close.addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () { if (opener) opener.focus(); });
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "ArrowLeft") { show(current - 1); event.preventDefault(); }
    if (event.key === "ArrowRight") { show(current + 1); event.preventDefault(); }
  });
  // A click on the backdrop (the dialog itself, outside its content) closes it too.
  dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });

  let startX = null;
  figure.addEventListener("touchstart", function (event) { startX = event.touches[0].clientX; }, { passive: true });
  figure.addEventListener("touchend", function (event) {
    if (startX === null) return;
    const distance = event.changedTouches[0].clientX - startX;
    startX = null;
    if (Math.abs(distance) > 40) show(current + (distance < 0 ? 1 : -1));
  });
})();
