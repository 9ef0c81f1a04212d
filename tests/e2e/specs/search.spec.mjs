// Search (issue 15): the app's own index (dist/search/), built at deploy time
// from the endpoint's articles, queried from /tim-kiem?q=… with Vietnamese
// folding by the engine the shell loads on focus (src/search/search.js).
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, articleLoaded, SLUGS, TEA_TITLE } from "./helpers.mjs";
import { SUB } from "../fixtures.mjs";

const E2E = new URL("..", import.meta.url).pathname;
const REPO = join(E2E, "../..");
const results = (page) => page.locator(".search__results > li");
const status = (page) => page.locator(".search__status");
const LAND_TITLE = "Từ ngày 01/12, người dân nộp hồ sơ đất đai hoàn toàn trực tuyến";

test("nothing of search is fetched before the field is focused, no index before the reader types; Enter shows the results", async ({ page }) => {
  const fetched = [];
  page.context().on("request", (request) => request.url().includes("/search/") && fetched.push(request.url()));
  await page.goto(`/bai-viet/${SLUGS.tea}`);
  await articleLoaded(page);
  await page.waitForLoadState("networkidle");
  expect(fetched).toEqual([]);
  // Focus starts loading the engine while the reader types.
  await page.getByRole("searchbox", { name: "Tìm kiếm bài viết" }).focus();
  await expect.poll(() => fetched.some((url) => url.endsWith("/search/search.js"))).toBe(true);
  expect(fetched.filter((url) => /\/search\/[wpd]\//.test(url))).toEqual([]);
  await page.keyboard.type("che shan tuyet");
  // While the reader types, the buckets of the words so far come, so Enter
  // finds them there; the results' articles only after Enter.
  await expect.poll(() => fetched.some((url) => /\/search\/w\/\d+\.json$/.test(url))).toBe(true);
  expect(fetched.filter((url) => url.includes("/search/d/"))).toEqual([]);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/tim-kiem\?q=che%20shan%20tuyet$/);
  await expect(status(page)).toHaveText("2 kết quả cho “che shan tuyet”.");
  await expect(results(page).first().locator("h2 a")).toHaveText(TEA_TITLE);
  // The matched words are marked, as text (never markup from the index).
  await expect(results(page).first().locator("mark").first()).toHaveText(/^chè$/i);
  await expect(page).toHaveTitle(/^Tìm kiếm: che shan tuyet/);
  expect(fetched.some((url) => url.endsWith("/search/search.js"))).toBe(true);
  // The index is fetched in pieces: no piece is the whole of it.
  expect(fetched.filter((url) => /\/search\/[wpd]\//.test(url)).length).toBeGreaterThan(0);
});

test("a query without tone marks or the bar of đ finds the words with them", async ({ page }) => {
  for (const query of ["dat dai", "đất đai", "DAT DAI", "nop ho so dat dai"]) {
    await page.goto(`/tim-kiem?q=${encodeURIComponent(query)}`);
    await expect(results(page).first().locator("h2 a")).toHaveText(LAND_TITLE);
  }
  // The snippet shows đ, not the index's d + stroke.
  await expect(results(page).first().locator(".card__summary")).toContainText("đất đai");
  expect(await results(page).first().locator(".card__summary").textContent()).not.toContain("\u0335");
});

test("a phrase in quotes is found only in that order", async ({ page }) => {
  await page.goto(`/tim-kiem?q=${encodeURIComponent('"shan tuyet"')}`);
  await expect(results(page).first().locator("h2 a")).toHaveText(TEA_TITLE);
  await page.goto(`/tim-kiem?q=${encodeURIComponent('"tuyet shan"')}`);
  await expect(status(page)).toHaveText("Không tìm thấy bài viết nào cho “\"tuyet shan\"”.");
  await expect(results(page)).toHaveCount(0);
});

test("no results says so, and a query with marks is offered without them", async ({ page }) => {
  await page.goto(`/tim-kiem?q=${encodeURIComponent("Xyzzỳ")}`);
  await expect(status(page)).toHaveText("Không tìm thấy bài viết nào cho “Xyzzỳ”.");
  const suggestion = page.locator(".search__suggestion a");
  await expect(suggestion).toHaveText("Xyzzy");
  await suggestion.click();
  await expect(page).toHaveURL(/\/tim-kiem\?q=Xyzzy$/);
  await expect(status(page)).toHaveText("Không tìm thấy bài viết nào cho “Xyzzy”.");
  await expect(page.locator(".search__suggestion")).toHaveCount(0);
});

test("a shared search address shows the same results after a reload, and back returns to it", async ({ page }) => {
  await page.goto("/tim-kiem?q=tinh");
  await expect(status(page)).toHaveText(/^\d+ kết quả cho “tinh”\.$/);
  const first = await status(page).textContent();
  await expect(page.getByRole("searchbox")).toHaveValue("tinh");
  await page.reload();
  await expect(status(page)).toHaveText(first);
  await results(page).first().locator("h2 a").click();
  await articleLoaded(page);
  await page.goBack();
  await expect(status(page)).toHaveText(first);
});

test("'Xem thêm' adds the next results and moves focus to the first of them", async ({ page }) => {
  // "và" is in 12 of the 13 articles of the embedded data.
  await page.goto("/tim-kiem?q=va");
  await expect(status(page)).toHaveText(/^\d+ kết quả/);
  const total = Number((await status(page).textContent()).match(/^\d+/)[0]);
  expect(total).toBeGreaterThan(10);
  await expect(results(page)).toHaveCount(10);
  await page.getByRole("button", { name: "Xem thêm" }).click();
  await expect(results(page)).toHaveCount(Math.min(total, 20));
  await expect(results(page).nth(10).locator("h2 a")).toBeFocused();
});

test("keyboard only: Tab to the field, type, Enter, Tab to a result, Enter", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator(".feed .card").first()).toBeVisible();
  const field = page.getByRole("searchbox", { name: "Tìm kiếm bài viết" });
  for (let i = 0; i < 40 && !(await field.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(field).toBeFocused();
  await page.keyboard.type("Lễ hội Gầu Tào");
  await page.keyboard.press("Enter");
  await expect(status(page)).toHaveText(/kết quả cho “Lễ hội Gầu Tào”/);
  // Focus starts at the results page's content, then moves on to a result.
  await expect(page.locator("main")).toBeFocused();
  for (let i = 0; i < 10 && !(await results(page).first().locator("h2 a").evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await page.keyboard.press("Enter");
  await articleLoaded(page);
  await expect(page.locator("h1")).toHaveText(/Lễ hội Gầu Tào/);
});

test("works under a sub-path, in English", async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("portal.lang", "en"));
  await page.goto(`${SUB}tim-kiem?q=che+shan+tuyet`);
  await expect(status(page)).toHaveText("2 results for “che shan tuyet”.");
  await expect(results(page).first().locator("h2 a")).toHaveAttribute("href", `/some/sub/path/bai-viet/${SLUGS.tea}`);
  await page.getByRole("searchbox", { name: "Search articles" }).fill("dat dai");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(`${SUB}tim-kiem?q=dat%20dai`);
  await expect(results(page).first().locator("h2 a")).toHaveText(LAND_TITLE);
});

test("a query with marks ranks the exact spelling first (the index built as the deploy builds it)", async ({ page }) => {
  // Four records that differ only in their marks, indexed by the script the
  // deploy runs, in a copy of the build served by a host of its own.
  const dist = mkdtempSync(join(tmpdir(), "search-rank-"));
  cpSync(join(REPO, "dist"), dist, { recursive: true });
  // The records the pre-render keeps (.deploy/records/<slug>.json), only these.
  const records = join(dist, ".deploy");
  rmSync(records, { recursive: true, force: true });
  mkdirSync(join(records, "records"), { recursive: true });
  const record = (slug, title) =>
    writeFileSync(join(records, "records", `${slug}.json`), JSON.stringify({ slug, title, published_at: "2026-11-20", content: title }));
  [["mot", "Lai Châu mở hội"], ["hai", "Lai chầu mở hội"], ["ba", "Đảng bộ họp"], ["bon", "Dang dở công việc"]].forEach(([slug, title]) => record(slug, title));
  execFileSync("node", [join(REPO, ".tools/search-index.mjs"), dist]);
  const host = spawn("node", [join(E2E, "server.mjs"), "--dir", dist, "--port", "8097"], { stdio: "ignore" });
  try {
    for (let i = 0; !(await fetch("http://127.0.0.1:8097/index.html").then((r) => r.ok, () => false)); i++) {
      if (i > 100) throw new Error("no host on 8097");
      await new Promise((r) => setTimeout(r, 50));
    }
    const order = async (query) => {
      await page.goto(`http://127.0.0.1:8097/tim-kiem?q=${encodeURIComponent(query)}`);
      await expect(results(page)).not.toHaveCount(0);
      return results(page).locator("h2").allTextContents();
    };
    expect(await order("Lai Châu")).toEqual(["Lai Châu mở hội", "Lai chầu mở hội"]);
    expect(await order("lai chầu")).toEqual(["Lai chầu mở hội", "Lai Châu mở hội"]);
    expect((await order("lai chau")).sort()).toEqual(["Lai Châu mở hội", "Lai chầu mở hội"]);
    // đ: found both ways, the exact spelling first when typed with marks.
    expect(await order("Đảng")).toEqual(["Đảng bộ họp", "Dang dở công việc"]);
    expect(await order("dang dở")).toEqual(["Dang dở công việc"]);
    expect((await order("dang")).sort()).toEqual(["Dang dở công việc", "Đảng bộ họp"]);
  } finally {
    host.kill();
    rmSync(dist, { recursive: true, force: true });
  }
});

test("before the app has taken the page over, the search field sends its GET to the results address (the policy allows the form)", async ({ page }) => {
  // The wasm never comes: the pre-rendered page alone, its scripts run.
  await page.route("**/*.wasm", () => new Promise(() => {}));
  await page.goto(`/bai-viet/${SLUGS.tea}`, { waitUntil: "load" });
  await expect(page.locator("#app[data-prerendered]")).toHaveCount(1);
  await page.getByRole("searchbox", { name: "Tìm kiếm bài viết" }).fill("dat dai");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/tim-kiem\?q=dat\+dai$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("there is no search field: its results need the app", async ({ page }) => {
    await page.goto(`/bai-viet/${SLUGS.tea}`);
    await expect(page.locator("article.article h1")).toHaveText(TEA_TITLE);
    await expect(page.locator("form.search-form")).toBeHidden();
  });
});

test("the results page is not indexed but describes itself, in the interface's language", async ({ page }) => {
  const description = () => page.locator('head meta[name="description"]');
  await page.goto("/tim-kiem?q=lai+chau");
  await expect(status(page)).toHaveText(/lai chau/);
  await expect(page.locator('head meta[name="robots"]')).toHaveAttribute("content", "noindex");
  await expect(page.locator("head link[rel=canonical]")).toHaveCount(0);
  await expect(description()).toHaveCount(1);
  await expect(description()).toHaveAttribute("content", "Tìm bài viết trên cổng thông tin theo từ khóa, có dấu hoặc không dấu.");
  await page.getByRole("button", { name: "English" }).click();
  await expect(description()).toHaveAttribute("content", "Find articles on the portal by keyword, with or without Vietnamese marks.");
  await expect(page.locator('head meta[name="robots"]')).toHaveAttribute("content", "noindex");
});
