// Served by server.mjs --probe as the first script of every page, for the
// engine suite, whose WebDriver sessions cannot listen to the console:
// records uncaught errors, unhandled rejections, Rust panics (logged with
// console.error by the crash hook) and Content-Security-Policy violations in
// window.__probe, and with ?test-no-storage in the address makes
// localStorage throw, as private modes and blocked storage do.
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
  if (/[?&]test-no-storage\b/.test(location.search)) {
    Object.defineProperty(window, "localStorage", {
      get: function () {
        throw new DOMException("denied", "SecurityError");
      },
    });
  }
})();
