// Nothing moves under the reader on the routes the app renders itself
// (issue 26): a search, "Bài đã lưu", an article newer than the last deploy
// and a path that is no page come as the shell, and the app fills the page
// in as its documents arrive. Each region must hold its place meanwhile: the
// cumulative layout shift (as Lighthouse counts it: shifts without recent
// input, the largest session window) stays within 0.01 on a phone's screen,
// with every document answered late so that the regions really arrive one
// by one. tests/e2e/bench-shift.mjs measures the same on the throttled phone
// profile, for scripts/bench.
import { test, expect, SLUGS } from "./helpers.mjs";
import { cls, observeShifts } from "../layout-shift.mjs";

/** How late each document of the endpoint and of the search index comes. */
const LATE_MS = 700;

const ROUTES = [
  { name: "search results", path: "/tim-kiem?q=lai+chau", ready: (page) => expect(page.locator(".search__status")).toHaveText(/lai chau/) },
  { name: "saved articles", path: "/bai-da-luu", ready: (page) => expect(page.locator("[data-page=saved] h1")).toBeVisible() },
  { name: "an article newer than the deploy", path: `/bai-viet/${SLUGS.tea}`, ready: (page) => expect(page.locator("article.article h1")).toBeVisible() },
  { name: "not found", path: "/khong-co-trang-nay", ready: (page) => expect(page.locator("[data-page=not-found] h1")).toBeVisible() },
];

const SCREENS = [
  { name: "a phone's screen", use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
  // Two columns: the sidebar's widgets beside the page, in view.
  { name: "a desktop screen", use: { viewport: { width: 1280, height: 800 } } },
];

for (const screen of SCREENS) test.describe(`on ${screen.name}, as the shell`, () => {
  test.use({ ...screen.use, extraHTTPHeaders: { "x-test-shell": "1" } });

  for (const route of ROUTES) {
    test(`${route.name}: nothing moves while the page fills in (CLS <= 0.01)`, async ({ page }) => {
      await page.route(/\/(api|search)\/.+\.(json|js)(\?|$)/, async (late) => {
        await new Promise((done) => setTimeout(done, LATE_MS));
        await late.continue().catch(() => {});
      });
      await page.addInitScript(observeShifts);
      await page.goto(route.path);
      await route.ready(page);
      // Every widget of the sidebar has come (the statistics are the last).
      await expect(page.locator("#widget-latest")).toBeVisible();
      await expect(page.locator("#widget-stats")).toBeVisible();
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(300);
      const shifts = await page.evaluate(() => window.__shifts);
      const moved = shifts.map((s) => `${s.value.toFixed(4)} at ${Math.round(s.at)} ms: ${s.sources.join(", ")}`);
      expect(cls(shifts), `layout shifts:\n${moved.join("\n")}`).toBeLessThanOrEqual(0.01);
    });
  }
});

test("a site.json that never answers hides the page a second at most", async ({ page }) => {
  await page.route(/\/api\/site\.json(\?|$)/, () => {}); // never answered
  await page.setExtraHTTPHeaders({ "x-test-shell": "1" });
  await page.goto("/khong-co-trang-nay");
  const heading = page.locator("[data-page=not-found] h1");
  await expect(heading).toBeAttached();
  const since = Date.now();
  await expect(heading).toBeVisible({ timeout: 3000 });
  expect(Date.now() - since).toBeLessThan(2000);
  // The menu's own links too, still waiting for site.json: shown anyway.
  await expect(page.locator(".category-nav__list.is-waiting")).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Trang chủ" }).first()).toBeVisible();
});
