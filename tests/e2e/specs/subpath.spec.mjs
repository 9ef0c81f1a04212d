// The build made with `trunk build --release --public-url /some/sub/path/`,
// served under that path: assets, routes and the endpoint all resolve there.
import { test, expect, articleLoaded, SLUGS, TEA_TITLE, asShell } from "./helpers.mjs";
import { ROOT, SUB } from "../playwright.config.mjs";

test("the sub-path build works end to end", async ({ page }) => {
  const failed = [];
  page.on("response", (r) => r.status() >= 400 && !r.url().endsWith("/") && failed.push(`${r.status()} ${r.url()}`));
  await page.goto(SUB);
  await expect(page.locator(".feed .card")).toHaveCount(5);
  const firstThumb = page.locator(".card__thumb").first();
  await expect.poll(() => firstThumb.evaluate((img) => img.naturalWidth)).toBeGreaterThan(0);

  await page.getByRole("link", { name: TEA_TITLE }).click();
  await expect(page).toHaveURL(`${SUB}bai-viet/${SLUGS.tea}`);
  await articleLoaded(page);
  await page.reload();
  await articleLoaded(page);
  const cover = page.locator(".article__cover img");
  // Root-relative on the page's origin, under the deployment's path.
  await expect(cover).toHaveAttribute("src", "/some/sub/path/api/images/che-shan-tuyet.svg");
  expect(await cover.evaluate((img) => img.src)).toBe(`${SUB}api/images/che-shan-tuyet.svg`);
  await expect.poll(() => cover.evaluate((img) => img.naturalWidth)).toBeGreaterThan(0);

  await page.locator(".breadcrumb").getByRole("link", { name: "Kinh tế" }).click();
  await expect(page).toHaveURL(`${SUB}chuyen-muc/kinh-te`);
  await expect(page.locator("h1")).toHaveText("Kinh tế");
  await page.locator(".category-nav").getByRole("link", { name: "Trang chủ" }).click();
  await expect(page).toHaveURL(SUB);
  await expect(page.locator("h1")).toHaveText("Tin mới nhất");
  // The only 404 allowed is the deep-link document itself (404.html fallback).
  expect(failed.filter((f) => !f.includes("/bai-viet/"))).toEqual([]);
});

// index.html starts fetching site.json and the page's document while the wasm
// downloads; the app must then use those answers, not fetch them again.
for (const [name, base] of [
  ["at the root", ROOT + "/"],
  ["under a sub-path", SUB],
]) {
  test(`the first view's documents are preloaded and used once, ${name}`, async ({ page }) => {
  await asShell(page);
    const json = [];
    const unused = [];
    page.on("request", (r) => r.url().endsWith(".json") && json.push(new URL(r.url()).pathname));
    page.on("console", (m) => /preloaded using link preload but not used/.test(m.text()) && unused.push(m.text()));
    await page.goto(`${base}bai-viet/${SLUGS.tea}`);
    await articleLoaded(page);
    const preloaded = await page.locator("link[rel=preload][as=fetch][href$=\".json\"]").evaluateAll((links) => links.map((l) => l.href));
    expect(preloaded).toEqual([`${base}api/site.json`, `${base}api/articles/${SLUGS.tea}.json`]);
    await page.waitForLoadState("networkidle");
    const path = new URL(base).pathname;
    const count = (p) => json.filter((j) => j === p).length;
    expect(count(`${path}api/site.json`)).toBe(1);
    expect(count(`${path}api/articles/${SLUGS.tea}.json`)).toBe(1);

    await page.goto(`${base}chuyen-muc/kinh-te`);
    await expect(page.locator(".feed .card").first()).toBeVisible();
    expect(await page.locator("link[rel=preload][as=fetch][href$=\".json\"]").evaluateAll((links) => links.map((l) => l.href))).toEqual([
      `${base}api/site.json`,
      `${base}api/articles.json`,
    ]);
    await page.waitForTimeout(3500);
    expect(unused).toEqual([]);
  });
}
