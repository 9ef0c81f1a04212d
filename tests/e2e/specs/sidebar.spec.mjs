// The sidebar widgets, the page-view counter and the interface language.
import { test, expect, axe, articleLoaded, withSite, withLang, SLUGS, TEA_TITLE, asShell } from "./helpers.mjs";

const widget = (page, name) => page.locator(`[aria-labelledby=widget-${name}]`);
const ARTICLE = `/bai-viet/${SLUGS.tea}`;

/** The statistics as [label, value] pairs. */
async function statRows(page) {
  const rows = widget(page, "stats").locator(".stats__row");
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((els) =>
    els.map((el) => [el.querySelector("dt").textContent, el.querySelector("dd").textContent]),
  );
}

test("the widgets show the embedded figures, map and lists", async ({ page }) => {
  await page.goto(ARTICLE);
  await articleLoaded(page);
  const stats = widget(page, "stats");
  await expect(stats.getByRole("heading", { name: "Thống kê truy cập" })).toBeVisible();
  expect(await statRows(page)).toEqual([
    ["Đang trực tuyến", "37"],
    ["Hôm nay", "6.051"],
    ["Hôm qua", "6.608"],
    ["Tháng 11", "229.955"],
    ["Năm 2026", "2.660.790"],
    ["Tổng lượt truy cập", "82.126.883"],
  ]);
  await expect(stats).toContainText("Số liệu đến 26/11/2026");

  const map = widget(page, "map");
  await expect(map.getByRole("heading", { name: "Bản đồ địa giới hành chính" })).toBeVisible();
  const image = map.getByRole("img", { name: "Bản đồ địa giới hành chính tỉnh Sơn Hà với 7 huyện, thành phố" });
  await expect(image).toHaveAttribute("loading", "lazy");
  await expect(image).toHaveAttribute("src", /\/api\/images\/ban-do-dia-gioi\.svg$/);
  const full = map.getByRole("link", { name: "Xem bản đồ đầy đủ" });
  await expect(full).toHaveAttribute("href", /\/api\/images\/ban-do-dia-gioi\.svg$/);
  // A same-origin file, not a route: following it must leave the app.
  await expect(full).toHaveAttribute("rel", "external");

  const latest = widget(page, "latest");
  await expect(latest.getByRole("heading", { name: "Tin mới" })).toBeVisible();
  await expect(latest.getByRole("link")).toHaveCount(5);
  await expect(latest.getByRole("link", { name: TEA_TITLE })).toHaveAttribute("aria-current", "page");
  await expect(widget(page, "categories").getByRole("link")).toHaveCount(4);

  // loading=lazy (checked above) leaves the fetch to the browser; it must
  // arrive once the reader gets there.
  await image.scrollIntoViewIfNeeded();
  await expect.poll(() => image.evaluate((img) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
});

test("the sidebar's requests wait until the article is on screen", async ({ page }) => {
  await asShell(page);
  let articleAnswered = false;
  const early = [];
  page.on("request", (r) => {
    if (/\/api\/(stats|articles)\.json$/.test(r.url()) && !articleAnswered) early.push(r.url());
  });
  await page.route(`**/api/articles/${SLUGS.tea}.json`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    articleAnswered = true;
    await route.continue();
  });
  await page.goto(ARTICLE);
  await articleLoaded(page);
  await expect(widget(page, "stats")).toBeVisible();
  await expect(widget(page, "latest").getByRole("link")).toHaveCount(5);
  expect(early).toEqual([]);
});

test("the home page leaves out the latest-news widget: it is the main column", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator(".feed .card")).toHaveCount(5);
  await expect(widget(page, "stats")).toBeVisible();
  await expect(widget(page, "latest")).toHaveCount(0);
  // Going to an article brings it, with the article marked.
  await page.locator(".feed .card a", { hasText: TEA_TITLE }).first().click();
  await articleLoaded(page);
  await expect(widget(page, "latest").locator("[aria-current=page]")).toHaveText(TEA_TITLE);
});

for (const [name, answer] of [
  ["missing (404)", { status: 404, body: "Not found" }],
  ["a server error", { status: 500, body: "" }],
  ["malformed", { status: 200, contentType: "application/json", body: '{"as_of":"2026-11-26","today":' }],
  ["of the wrong shape", { status: 200, contentType: "application/json", body: '{"as_of":"2026-11-26","today":"nhiều"}' }],
]) {
  test(`stats.json ${name} hides only the statistics widget`, async ({ page }) => {
  await asShell(page);
    await page.route("**/api/stats.json", (route) => route.fulfill(answer));
    await page.goto(ARTICLE);
    await articleLoaded(page);
    await expect(widget(page, "latest").getByRole("link")).toHaveCount(5);
    await expect(widget(page, "map")).toBeVisible();
    await expect(widget(page, "categories")).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expect(widget(page, "stats")).toHaveCount(0);
    await expect(page.getByRole("alert")).toHaveCount(0);
    await expect(page.locator("article.article .article__body p").first()).toBeVisible();
  });
}

test("a site.json without boundary_map has no map widget", async ({ page }) => {
  await withSite(page, { boundary_map: null });
  await page.goto(ARTICLE);
  await articleLoaded(page);
  await expect(widget(page, "categories")).toBeVisible();
  await expect(widget(page, "map")).toHaveCount(0);
});

/** Records `POST stats/hit` bodies, answering as a counter would. */
async function countHits(page) {
  const hits = [];
  await page.route("**/api/stats/hit", async (route) => {
    expect(route.request().method()).toBe("POST");
    hits.push(route.request().postDataJSON());
    await route.fulfill({ status: 204, body: "" });
  });
  return hits;
}

test("with features.stats_hit, one POST stats/hit per page view, none per re-render", async ({ page }) => {
  await withSite(page, { features: { rating_submit: false, stats_hit: true } });
  const hits = await countHits(page);
  await page.goto("/");
  await expect(page.locator(".feed .card")).toHaveCount(5);
  await expect.poll(() => hits.length).toBe(1);
  expect(hits[0]).toEqual({ path: "/" });

  // Re-renders are not page views: text size, contrast, language, load more.
  await page.getByRole("button", { name: /^A\+/ }).click();
  await page.getByRole("button", { name: "Tăng tương phản" }).click();
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(page.locator(".feed .card")).toHaveCount(10);

  await page.locator(".feed .card a", { hasText: TEA_TITLE }).first().click();
  await articleLoaded(page);
  await expect.poll(() => hits.length).toBe(2);
  expect(hits[1]).toEqual({ path: `/bai-viet/${SLUGS.tea}` });
  await page.goBack();
  await expect.poll(() => hits.length).toBe(3);
  expect(hits[2]).toEqual({ path: "/" });
  await page.waitForTimeout(500);
  expect(hits.length).toBe(3);
});

test("without the feature nothing is POSTed, and a failing counter changes nothing", async ({ page }) => {
  const hits = await countHits(page);
  await page.goto(ARTICLE);
  await articleLoaded(page);
  await page.waitForLoadState("networkidle");
  expect(hits).toEqual([]);

  await withSite(page, { features: { stats_hit: true } });
  await page.route("**/api/stats/hit", (route) => route.fulfill({ status: 503, body: "down" }));
  await page.reload();
  await articleLoaded(page);
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("the language switch changes every string and <html lang>, and is remembered", async ({ page }) => {
  await page.goto(ARTICLE);
  await articleLoaded(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  const vietnamese = page.getByRole("button", { name: "Tiếng Việt" });
  const english = page.getByRole("button", { name: "English" });
  await expect(vietnamese).toHaveAttribute("aria-pressed", "true");
  await expect(english).toHaveAttribute("lang", "en");
  await expect(page.getByRole("group", { name: "Ngôn ngữ" })).toBeVisible();

  await english.click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(english).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("group", { name: "Language" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeAttached();
  await expect(page.getByRole("navigation", { name: "Categories" }).getByRole("link", { name: "Home" })).toBeVisible();
  await expect(page.locator(".article__meta time").first()).toHaveText("Tuesday, 24 November 2026, 15:10");
  await expect(page.getByRole("button", { name: "Listen to this article" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Print article" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Rate this article" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Visitor statistics" })).toBeVisible();
  expect(await statRows(page)).toEqual([
    ["Online now", "37"],
    ["Today", "6,051"],
    ["Yesterday", "6,608"],
    ["November", "229,955"],
    ["Year 2026", "2,660,790"],
    ["All visits", "82,126,883"],
  ]);
  await expect(page.locator(".article__views")).toHaveText("980 views");
  // The article stays as the endpoint sent it, and says which language it is in.
  await expect(page.locator("article.article h1")).toHaveText(TEA_TITLE);
  await expect(page.locator("article.article h1")).toHaveAttribute("lang", "vi");
  await expect(page.locator(".article__body")).toHaveAttribute("lang", "vi");
  const nav = page.getByRole("navigation", { name: "Categories" });
  await expect(nav.getByRole("link", { name: "Kinh tế" })).toHaveAttribute("lang", "vi");
  await expect(nav.getByRole("link", { name: "Home" })).toHaveAttribute("lang", "en");
  await expect(page.locator(".site-name__text")).toHaveAttribute("lang", "vi");
  await expect(page.locator(".breadcrumb [aria-current=page]")).toHaveAttribute("lang", "vi");
  await expect(widget(page, "latest").getByRole("link").first()).toHaveAttribute("lang", "vi");
  // No Vietnamese interface string is left in the chrome around it.
  const chrome = await page.locator(".a11y-bar, .breadcrumb, .reader-tools, .reader-actions, .site-footer, .widget__title").allInnerTexts();
  for (const text of ["Trang chủ", "Chia sẻ", "Đánh giá", "Cỡ chữ", "tương phản", "Thống kê", "Lên đầu"]) {
    expect(chrome.join(" | ")).not.toContain(text);
  }
  expect(await page.title()).toContain(TEA_TITLE);

  await page.reload();
  await articleLoaded(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Visitor statistics" })).toBeVisible();
  // The pre-paint script sets the language before the wasm runs.
  await page.route("**/*.wasm", () => {});
  await page.reload({ waitUntil: "domcontentloaded" });
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.unroute("**/*.wasm");

  await page.reload();
  await articleLoaded(page);
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { name: "Thống kê truy cập" })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("portal.lang"))).toBe("vi");
});

test("a stored language that is not ours falls back to Vietnamese", async ({ page }) => {
  await withLang(page, "fr");
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tin mới nhất");
});

test("the language switch works by keyboard and passes axe in English", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator(".feed .card")).toHaveCount(5);
  await page.getByRole("button", { name: "English" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Latest news");
  await expect(page.getByRole("button", { name: "English" })).toBeFocused();
  expect(await axe(page)).toEqual([]);
});

test("a page view offline is kept and counted once the connection returns", async ({ page, context }) => {
  await withSite(page, { features: { rating_submit: false, stats_hit: true } });
  const hits = [];
  let offline = false;
  await page.route("**/api/stats/hit", async (route) => {
    if (offline) return route.abort("internetdisconnected");
    hits.push(route.request().postDataJSON());
    await route.fulfill({ status: 204 });
  });
  await page.goto(`/bai-viet/${SLUGS.tea}`);
  await articleLoaded(page);
  await expect.poll(() => hits.length).toBe(1);
  offline = true;
  await context.setOffline(true);
  // Home, as the app renders it from what it already has.
  await page.getByRole("navigation", { name: "Chuyên mục" }).getByRole("link", { name: "Trang chủ" }).click();
  await expect.poll(() => page.evaluate(() => localStorage.getItem("portal.outbox"))).toContain("stats/hit");
  expect(hits).toHaveLength(1);
  offline = false;
  await context.setOffline(false);
  await expect.poll(() => hits.length).toBe(2);
  expect(hits[1]).toEqual({ path: "/" });
  await expect.poll(() => page.evaluate(() => localStorage.getItem("portal.outbox"))).toBe(null);
});
