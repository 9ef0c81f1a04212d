// Shared fixtures: every test fails on an uncaught exception, a wasm panic or
// a Content-Security-Policy violation, and `axe` checks a page against WCAG
// 2.x A/AA with axe-core.
import { test as base, expect } from "@playwright/test";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Pages whose test feeds hostile markup to the sanitiser: see `expectHostileMarkup`. */
const hostile = new WeakSet();

/**
 * Declares that this page's article bodies carry inline handlers or style
 * attributes on purpose. Chromium checks the policy even while the sanitiser
 * parses them in its inert document (nothing runs, and nothing of them reaches
 * the page: the tests check that), and reports "inline event handler" and
 * "inline style" violations for them; only those two kinds are then expected.
 */
export function expectHostileMarkup(page) {
  hostile.add(page);
}
const PARSE_TIME = /^(Executing inline event handler|Applying inline style) violates/;

export const test = base.extend({
  page: async ({ page }, use) => {
    const errors = [];
    const violations = [];
    // A pre-rendered page is on screen before the app runs it, and its
    // controls do nothing until then: every navigation waits for the app to
    // take over (swapped in, every region built), unless the test names its
    // own `waitUntil` to look at the page before, or JavaScript is off (the
    // pre-paint script never marks <html class="js">).
    for (const name of ["goto", "reload"]) {
      const navigate = page[name].bind(page);
      page[name] = async (...args) => {
        const response = await navigate(...args);
        if (!(name === "goto" ? args[1] : args[0])?.waitUntil) {
          await page.waitForFunction(
            () => !document.documentElement.classList.contains("js") || !document.querySelector("#app[data-prerendered], #app [data-pending]"),
          );
        }
        return response;
      };
    }
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      // A Rust panic reaches the console as an error with "panicked at".
      if (message.type() === "error" && /panicked|RuntimeError|unreachable/.test(message.text())) {
        errors.push(message.text());
      }
      // Chromium reports every blocked script, style, image or request so.
      if (/Content Security Policy/.test(message.text())) violations.push(message.text());
    });
    await use(page);
    // A routed request still in flight when the test ends (a sidebar widget
    // fetching after the assertions) must not fail the run.
    await page.unrouteAll({ behavior: "ignoreErrors" });
    expect(errors, "no uncaught errors or panics in the page").toEqual([]);
    const unexpected = violations.filter((v) => !(hostile.has(page) && PARSE_TIME.test(v)));
    expect(unexpected, "no Content-Security-Policy violations").toEqual([]);
  },
});
export { expect };
export { SLUGS, TEA_TITLE, RESERVED_TITLE, RESERVED_CANONICAL, HOSTILE_TEXT, shareLinks, pageSettled, layoutFaults } from "../fixtures.mjs";

/** Runs axe-core on the page; returns the violations (id, impact, targets). */
export async function axe(page, tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]) {
  // Controls fade their colours for 0.15 s (without prefers-reduced-motion):
  // measured mid-fade, a pressed button that was just released has neither
  // palette's contrast (CI found one so, on a loaded machine).
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))));
  await page.evaluate(axeSource);
  const results = await page.evaluate(
    (runOnly) => window.axe.run(document, { runOnly: { type: "tag", values: runOnly } }),
    tags,
  );
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
  }));
}

/** Waits until the article page shows its content (not a skeleton). */
export async function articleLoaded(page) {
  await expect(page.locator("article.article h1")).toBeVisible();
  await appLive(page);
}

/** Waits until the app runs the page (a pre-rendered page's controls do
 * nothing before it takes over): swapped in, and every region built. */
export async function appLive(page) {
  await expect(page.locator("#app[data-prerendered]")).toHaveCount(0);
  await expect(page.locator("#app [data-pending]")).toHaveCount(0);
}

/** Serves site.json with some fields replaced, and the page as the shell. */
export async function withSite(page, patch) {
  // A deployment pre-renders from the site.json it serves; a page
  // pre-rendered from the embedded one would show that until its quiet
  // refresh arrives. So these pages come as the shell, which reads the
  // patched site.json from the start.
  await asShell(page);
  await page.route("**/api/site.json", async (route) => {
    const response = await route.fetch();
    const site = await response.json();
    await route.fulfill({ response, json: { ...site, ...patch } });
  });
}

/**
 * Serves the page at `path` as `scripts/set-endpoint DIST URL --zalo` would
 * have written it: its policy, as meta and header, allowing Zalo's plugin.
 * The policy comes from the program the build uses (`portal-deploy policy`).
 */
export async function withZaloPolicy(page, path) {
  const repo = fileURLToPath(new URL("../../../", import.meta.url));
  const tool = join(process.env.CARGO_TARGET_DIR ?? join(repo, "target"), "tool/portal-deploy");
  const [meta, header] = execFileSync(tool, ["policy", join(repo, "dist"), "--zalo"], { encoding: "utf8" }).trim().split("\n");
  const escaped = meta.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/'/g, "&#39;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  await page.route((url) => url.pathname === path, async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    const headers = { ...response.headers(), "content-security-policy": header };
    delete headers["content-length"];
    // The build's own policy element, first after <meta charset>.
    const body = html.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${escaped}">`);
    await route.fulfill({ response, headers, body });
  });
}

/**
 * Serves every page as the shell (`404.html`) instead of its pre-rendered
 * HTML, as a host answers a route that was not pre-rendered: the app then
 * fetches everything itself. For tests of that path (errors, loading order).
 */
export async function asShell(page) {
  await page.setExtraHTTPHeaders({ "x-test-shell": "1" });
}

/** Starts the page in an interface language, as a returning reader would. */
export async function withLang(page, lang) {
  await page.addInitScript((l) => localStorage.setItem("portal.lang", l), lang);
}
