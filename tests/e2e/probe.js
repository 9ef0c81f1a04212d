// Served by server.mjs --probe as the first script of every page, for the
// engine suite, whose WebDriver sessions cannot listen to the console:
// records uncaught errors, unhandled rejections, Rust panics (logged with
// console.error by the crash hook) and Content-Security-Policy violations in
// window.__probe, and with ?test-no-storage in the address makes
// localStorage throw, as private modes and blocked storage do.
// With ?bench-tap (bench-first-tap.mjs): once the article's text is on
// screen (the task after the first frame that has it), a tap on "A+" is
// queued as a task of its own (behind whatever the page is busy with, as a
// reader's tap would wait); window.__tap records when the text showed, when
// the size changed, and whether the app had taken the page over by then.
(function () {
  var probe = (window.__probe = { errors: [], violations: [] });
  addEventListener("error", function (e) {
    probe.errors.push(String(e.message || e.error));
  });
  addEventListener("unhandledrejection", function (e) {
    probe.errors.push("unhandled rejection: " + String(e.reason));
  });
  document.addEventListener("securitypolicyviolation", function (e) {
    probe.violations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
  });
  var consoleError = console.error;
  console.error = function () {
    var text = Array.prototype.join.call(arguments, " ");
    if (/panicked/.test(text)) probe.errors.push(text);
    return consoleError.apply(console, arguments);
  };
  if (/[?&]bench-tap\b/.test(location.search)) {
    var tap = (window.__tap = {});
    new MutationObserver(function (records, observer) {
      if (tap.answered === undefined && records.some(function (r) { return r.attributeName === "data-text-size" && r.oldValue === "100"; })) {
        tap.answered = performance.now();
        tap.before = !!document.querySelector("#app[data-prerendered], #app [data-pending] .a11y-bar");
        observer.disconnect();
      }
      var body = document.querySelector(".article__body");
      if (tap.seen === undefined && body && body.childNodes.length && document.querySelector("article.article h1")) {
        tap.seen = performance.now();
        requestAnimationFrame(function () {
          setTimeout(function () {
            tap.shown = performance.now();
            setTimeout(function () {
              var buttons = document.querySelectorAll(".a11y-bar__button");
              for (var i = 0; i < buttons.length; i++) if (/^A\+/.test(buttons[i].textContent.trim())) buttons[i].click();
              tap.sent = performance.now();
            });
          });
        });
      }
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ["data-text-size"] });
  }
  if (/[?&]test-no-storage\b/.test(location.search)) {
    Object.defineProperty(window, "localStorage", {
      get: function () {
        throw new DOMException("denied", "SecurityError");
      },
    });
  }
})();
