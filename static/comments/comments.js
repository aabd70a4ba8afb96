// Comments: open the form inside the article page and renew the captcha image in place.
// The article page is cached for everyone, so the form (with its captcha and CSRF token)
// is fetched fresh; without JavaScript the link simply leads to the comment page.
(function () {
  "use strict";
  var AJAX = { credentials: "same-origin", headers: { "X-Requested-With": "XMLHttpRequest" } };

  function revealRefreshButtons(root) {
    root.querySelectorAll("[data-captcha-refresh]").forEach(function (button) { button.hidden = false; });
  }

  function openForm(link) {
    var slot = link.closest("[data-comment-slot]");
    link.setAttribute("aria-disabled", "true");
    fetch(link.getAttribute("data-form-url"), AJAX)
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.className = "comment-form-holder";
        holder.innerHTML = html;
        link.parentNode.replaceWith(holder);
        revealRefreshButtons(holder);
        var first = holder.querySelector("input:not([type=hidden]):not([tabindex='-1']), textarea");
        if (first) { first.focus(); }
        if (slot) { slot.classList.add("is-open"); }
      })
      .catch(function () {
        // The comment page holds the same form: go there rather than fail silently.
        window.location.assign(link.href);
      });
  }

  function refreshCaptcha(button) {
    var box = button.closest("[data-captcha]");
    button.disabled = true;
    fetch(button.getAttribute("data-refresh-url"), AJAX)
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) {
        box.querySelector("input[type=hidden]").value = data.key;
        box.querySelector("[data-captcha-image]").src = data.image_url;
        var answer = box.querySelector("input:not([type=hidden])");
        answer.value = "";
        answer.focus();
      })
      .catch(function () { /* the old image stays; a wrong answer still brings a new one */ })
      .then(function () { button.disabled = false; });
  }

  document.addEventListener("click", function (event) {
    var open = event.target.closest("[data-comment-open]");
    if (open) {
      event.preventDefault();
      if (open.getAttribute("aria-disabled") !== "true") { openForm(open); }
      return;
    }
    var refresh = event.target.closest("[data-captcha-refresh]");
    if (refresh) {
      event.preventDefault();
      refreshCaptcha(refresh);
    }
  });

  revealRefreshButtons(document);
})();
