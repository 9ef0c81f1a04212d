// Shared fixtures: every test fails on an uncaught exception or a wasm panic,
// and `axe` checks a page against WCAG 2.x A/AA with axe-core.
import { test as base, expect } from "@playwright/test";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const test = base.extend({
  page: async ({ page }, use) => {
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      // A Rust panic reaches the console as an error with "panicked at".
      if (message.type() === "error" && /panicked|RuntimeError|unreachable/.test(message.text())) {
        errors.push(message.text());
      }
    });
    await use(page);
    expect(errors, "no uncaught errors or panics in the page").toEqual([]);
  },
});
export { expect };

/** Runs axe-core on the page; returns the violations (id, impact, targets). */
export async function axe(page, tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]) {
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
}

/** Articles of the embedded data the tests rely on (the first two on page 1). */
export const TEA_TITLE = "Nông dân vùng cao thu hoạch chè Shan tuyết vụ cuối năm";
export const SLUGS = {
  // related: one existing article and one slug that does not resolve.
  land: "tu-01-12-nop-ho-so-dat-dai-truc-tuyen",
  newest: "khai-mac-ky-hop-thu-muoi-hdnd-tinh",
  // kinh-te, first of page 2: newer is the tea article (page 1), older the co-op.
  table: "thu-ngan-sach-chin-thang-dat-82-phan-tram",
  tea: "nong-dan-vung-cao-thu-hoach-che-shan-tuyet",
  reserved: "hoi-dap-ho-tro-nha-o-3-cung-2026",
};

/** Serves site.json with some fields replaced. */
export async function withSite(page, patch) {
  await page.route("**/api/site.json", async (route) => {
    const response = await route.fetch();
    const site = await response.json();
    await route.fulfill({ response, json: { ...site, ...patch } });
  });
}

/** Starts the page in an interface language, as a returning reader would. */
export async function withLang(page, lang) {
  await page.addInitScript((l) => localStorage.setItem("portal.lang", l), lang);
}
