// The captcha's code as speech (comments.audio): the link to the sound becomes a button that
// plays it in place, by mouse or keyboard, and always speaks the code of the key the form holds
// now (after "New image" too). Its end, or a failure, is announced in the status beside it.
(function () {
  "use strict";
  if (window.portalCaptchaAudio) { return; }  // one widget or several on the page, loaded once
  window.portalCaptchaAudio = true;
  var current = null;

  function upgrade(root) {
    root.querySelectorAll("[data-captcha-audio]").forEach(function (box) {
      var link = box.querySelector("[data-captcha-audio-link]");
      var button = box.querySelector("[data-captcha-audio-play]");
      if (link && button) { link.hidden = true; button.hidden = false; }
    });
  }

  function soundUrl(box) {
    var captcha = box.closest("[data-captcha]");
    var key = captcha && captcha.querySelector("input[type=hidden]");
    var template = box.getAttribute("data-audio-template");
    if (key && key.value && template) { return template.replace("KEY", encodeURIComponent(key.value)); }
    return box.getAttribute("data-audio-url");
  }

  function say(box, text) {
    var status = box.querySelector("[data-captcha-audio-status]");
    if (status) { status.textContent = text || ""; }
  }

  function play(button) {
    var box = button.closest("[data-captcha-audio]");
    var url = soundUrl(box);
    say(box, "");
    if (current && current.getAttribute("data-url") === url) {
      // The same code again: no new request (each one counts against the reader's limit).
      current.currentTime = 0;
    } else {
      if (current) { current.pause(); }
      current = new Audio(url);
      current.setAttribute("data-url", url);
      current.addEventListener("ended", function () { say(box, box.getAttribute("data-ended")); });
      current.addEventListener("error", function () { say(box, box.getAttribute("data-failed")); });
    }
    var started = current.play();
    if (started && started.catch) {
      started.catch(function (error) {
        if (!error || error.name !== "AbortError") { say(box, box.getAttribute("data-failed")); }
      });
    }
  }

  document.addEventListener("click", function (event) {
    // The link too: a form put in the page later (the article's, by comments.js) may still show it.
    var button = event.target.closest("[data-captcha-audio-play], [data-captcha-audio-link]");
    if (button) {
      event.preventDefault();
      play(button);
    }
  });

  upgrade(document);
  // Forms that arrive later (comments.js puts the article's form in the page) get the button too.
  new MutationObserver(function () { upgrade(document); }).observe(document.body, {childList: true, subtree: true});
})();
