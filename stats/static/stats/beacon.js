// Counts the page once it has loaded and refreshes the footer's figures from the answer.
// Pages are cached, so the figures they were rendered with may be a minute old.
(function () {
  "use strict";
  var box = document.querySelector("[data-stats-beacon]");
  if (!box || !window.fetch || !window.JSON) return;
  var url = box.getAttribute("data-stats-beacon");
  var numbers = window.Intl ? new Intl.NumberFormat(document.documentElement.lang || undefined) : null;

  function format(value) {
    return numbers ? numbers.format(value) : String(value);
  }

  function setOdometer(name, value) {
    var wheel = box.querySelector('[data-odometer="' + name + '"]');
    var text = box.querySelector('[data-stat-text="' + name + '"]');
    if (typeof value !== "number" || !wheel) return;
    var size = parseInt(wheel.getAttribute("data-min-digits"), 10) || 1;
    var digits = String(value);
    while (digits.length < size) digits = "0" + digits;
    var old = wheel.querySelectorAll(".odometer-digit");
    var fragment = document.createDocumentFragment();
    for (var i = 0; i < digits.length; i++) {
      var span = document.createElement("span");
      span.className = "odometer-digit";
      // Wheels whose digit changed roll in; the others stay still.
      var before = old[old.length - digits.length + i];
      if (!before || before.textContent !== digits[i]) span.className += " odometer-digit-changed";
      span.textContent = digits[i];
      fragment.appendChild(span);
    }
    wheel.textContent = "";
    wheel.appendChild(fragment);
    if (text) text.textContent = format(value);
  }

  function show(answer) {
    setOdometer("visits", answer.visits);
    setOdometer("online", answer.online);
    var reads = document.querySelector("[data-read-count]");
    if (reads && typeof answer.reads === "number") reads.textContent = format(answer.reads);
  }

  function send() {
    var body = { path: window.location.pathname };
    var article = document.querySelector("article[data-article-id]");
    if (article) body.article = parseInt(article.getAttribute("data-article-id"), 10);
    window.fetch(url, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "Content-Type": "application/json" },
      credentials: "omit",
      cache: "no-store",
      keepalive: true
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (answer) show(answer);
    }).catch(function () { /* the page keeps the figures it was rendered with */ });
  }

  if (document.readyState === "complete") send();
  else window.addEventListener("load", send);
})();
