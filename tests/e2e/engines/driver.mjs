// WebDriver sessions for the engine suite, and the few helpers its tests
// share: open a route, wait for a condition, read the page's probe.
import { Builder, By, until } from "selenium-webdriver";
import assert from "node:assert/strict";

/** The engines, as the drivers run.mjs starts want to be asked for them. */
export const ENGINES = {
  firefox: {
    name: "Firefox",
    capabilities: {
      browserName: "firefox",
      "moz:firefoxOptions": {
        binary: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
        args: ["-headless", "-width=1280", "-height=900"],
        prefs: {
          "intl.accept_languages": "vi-VN, vi",
          // No update checks, telemetry or remote settings: these machines
          // have no route out, and the tests must not wait on one.
          "app.update.enabled": false,
          "network.connectivity-service.enabled": false,
          "datareporting.policy.dataSubmissionEnabled": false,
          "browser.shell.checkDefaultBrowser": false,
        },
      },
    },
  },
  webkit: {
    name: "WebKit",
    capabilities: {
      browserName: "MiniBrowser",
      "webkitgtk:browserOptions": {
        binary: process.env.MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
        args: ["--automation"],
      },
    },
  },
};

export { By };

/** How long one WebDriver command may go unanswered before it is sent once
 * more: longer than the browser's own page-load and script timeouts below,
 * so only a driver that answers nothing at all is retried. */
const COMMAND_MS = 60_000;

/**
 * Sends each command of `driver` with a time limit: a command the driver
 * leaves unanswered is sent once more, and the log says so (`flaky:`), so a
 * hang is seen and counted, never hidden; a second hang fails the test. An
 * answer, even an error, is never retried: a failed assertion fails.
 */
function withCommandTimeout(driver, engine) {
  const executor = driver.getExecutor();
  const execute = executor.execute.bind(executor);
  const attempt = (command) => {
    let timer;
    const hung = new Promise((_, fail) => {
      timer = setTimeout(() => fail(Object.assign(new Error(`no answer in ${COMMAND_MS / 1000} s`), { hung: true })), COMMAND_MS);
    });
    return Promise.race([execute(command), hung]).finally(() => clearTimeout(timer));
  };
  executor.execute = async (command) => {
    try {
      return await attempt(command);
    } catch (error) {
      if (!error.hung) throw error;
      console.log(`flaky: ${engine}: WebDriver command ${command.getName()} got no answer in ${COMMAND_MS / 1000} s; sent once more`);
      return attempt(command);
    }
  };
}

/** One session of `engine` against the driver at `driverUrl`, and helpers bound to it. */
export async function session(engine, driverUrl, base) {
  const driver = await new Builder().usingServer(driverUrl).withCapabilities(ENGINES[engine].capabilities).build();
  withCommandTimeout(driver, engine);
  await driver.manage().setTimeouts({ pageLoad: 30_000, script: 30_000 });
  await driver.manage().window().setRect({ width: 1280, height: 900 }).catch(() => {});
  const js = (body, ...args) => driver.executeScript(body, ...args);
  const page = {
    driver,
    js,
    /** Opens a route of the app and waits until the app has rendered its shell. */
    async open(path) {
      await driver.get(base + path);
      await page.takenOver(`the app at ${path}`);
    },
    /** Reloads the page and waits until the app has taken it over again. */
    async reload() {
      await driver.navigate().refresh();
      await page.takenOver("the app after a reload");
    },
    /**
     * Waits for the app itself, not only its pre-rendered page (whose
     * buttons do nothing until the app takes over). Every navigation the
     * suite starts waits for this first: in WebKitGTK a navigation that
     * starts while the app is still taking a page over can leave the web
     * process spinning for good (docs/testing.md, "WebKit").
     */
    async takenOver(what = "the app") {
      await page.waitFor(
        () =>
          js(
            "return !!document.querySelector('#app main#main') && !document.querySelector('#app[data-prerendered], #app [data-pending]')",
          ),
        what,
      );
    },
    /** Polls `check` (async, truthy when done) for up to `ms`. */
    async waitFor(check, what, ms = 15_000) {
      const end = Date.now() + ms;
      let last;
      while (Date.now() < end) {
        try {
          last = await check();
          if (last) return last;
        } catch (error) {
          last = error;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.fail(`timed out waiting for ${what} (last: ${last})`);
    },
    /** The text of the first element matching `css`, trimmed, or null. */
    text: (css) => js("const e = document.querySelector(arguments[0]); return e && e.textContent.replace(/\\s+/g, ' ').trim()", css),
    /** Waits until the first `css` element's text contains `expected`. */
    async waitText(css, expected) {
      return page.waitFor(async () => (await page.text(css))?.includes(expected), `"${expected}" in ${css}`);
    },
    attr: (css, name) => js("const e = document.querySelector(arguments[0]); return e && e.getAttribute(arguments[1])", css, name),
    count: (css) => js("return document.querySelectorAll(arguments[0]).length", css),
    /** The element matching `css` whose text starts with `label` (accessible names start with the visible label). */
    async find(css, label) {
      return page.waitFor(async () => {
        const all = await driver.findElements(By.css(css));
        for (const el of all) {
          const text = (await js("return arguments[0].textContent.replace(/\\s+/g, ' ').trim()", el)) ?? "";
          if (text.startsWith(label)) return el;
        }
        return null;
      }, `${css} "${label}"`);
    },
    /** Clicks like a reader: a real pointer click on the element. */
    async click(css, label = "") {
      const el = await page.find(css, label);
      await js("arguments[0].scrollIntoView({ block: 'center' })", el);
      await el.click();
    },
    /** What the probe (server.mjs --probe) recorded on this page. */
    probe: () => js("return window.__probe || { missing: true }"),
    /** Fails on any uncaught error, panic or policy violation on the page. */
    async assertClean({ allowParseTimeViolations = false } = {}) {
      const probe = await page.probe();
      assert.ok(!probe.missing, "the probe script ran");
      assert.deepEqual(probe.errors, [], "no uncaught errors or panics");
      // See expectHostileMarkup in specs/helpers.mjs: a hostile body's inline
      // handlers may be reported while the sanitiser parses them.
      const violations = probe.violations.filter((v) => !(allowParseTimeViolations && / inline$/.test(v)));
      assert.deepEqual(violations, [], "no policy violations");
    },
    /** Forgets what an earlier test stored, and its service worker with
     * its caches (each test starts as a first visit). */
    async reset() {
      await driver.get(base + "/icon.svg").catch(() => {});
      await driver.manage().deleteAllCookies();
      await js("try { localStorage.clear() } catch (e) {}").catch(() => {});
      await js(`return (async () => {
        const workers = navigator.serviceWorker ? await navigator.serviceWorker.getRegistrations() : [];
        await Promise.all(workers.map((w) => w.unregister()));
        if (self.caches) await Promise.all((await caches.keys()).map((name) => caches.delete(name)));
      })();`).catch(() => {});
    },
  };
  return page;
}
