// axe-core on every page and state, reflow at 320 px, keyboard entry points.
import { test, expect, axe, articleLoaded, SLUGS, TEA_TITLE, asShell } from "./helpers.mjs";

const PAGES = {
  home: { path: "/", ready: (page) => expect(page.locator(".feed .card")).toHaveCount(5) },
  category: { path: "/chuyen-muc/van-hoa-xa-hoi", ready: (page) => expect(page.locator(".feed .card").first()).toBeVisible() },
  "article with a table": { path: `/bai-viet/${SLUGS.table}`, ready: articleLoaded },
  "article with a quote": { path: `/bai-viet/${SLUGS.newest}`, ready: articleLoaded },
  search: { path: "/tim-kiem?q=che+shan+tuyet", ready: (page) => expect(page.locator(".search__results .card")).toHaveCount(2) },
  "search without results": { path: "/tim-kiem?q=Xyzz%E1%BB%B3", ready: (page) => expect(page.locator(".search__suggestion a")).toBeVisible() },
  "not found": { path: "/khong-co", ready: (page) => expect(page.locator("[data-page=not-found] h1")).toBeVisible() },
};

// Both interface languages: English labels around Vietnamese content must
// pass too (lang attributes, accessible names).
for (const lang of ["vi", "en"]) {
  for (const width of [1280, 320]) {
    for (const [name, { path, ready }] of Object.entries(PAGES)) {
      test(`axe (${lang}): ${name} at ${width} px has no violations`, async ({ page }) => {
        await page.addInitScript((l) => localStorage.setItem("portal.lang", l), lang);
        await page.setViewportSize({ width, height: 800 });
        await page.goto(path);
        await ready(page);
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        if (path !== "/") await expect(page.locator("[aria-labelledby=widget-latest] li").first()).toBeVisible();
        await expect(page.locator("[aria-labelledby=widget-stats]")).toBeVisible();
        expect(await axe(page)).toEqual([]);
      });
    }
  }
}

test("axe: error states have no violations", async ({ page }) => {
  await asShell(page);
  await page.route("**/api/articles.json", (route) => route.fulfill({ status: 500, body: "" }));
  await page.route("**/api/site.json", (route) => route.fulfill({ status: 500, body: "" }));
  await page.goto("/");
  await expect(page.locator("main [role=alert]")).toBeVisible();
  await expect(page.locator(".category-nav [role=alert]")).toBeVisible();
  expect(await axe(page)).toEqual([]);
});

for (const [name, path] of [
  ["home", "/"],
  ["article with a table", `/bai-viet/${SLUGS.table}`],
]) {
  test(`${name} reflows at 320 px without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(path);
    await expect(page.locator("main h1")).toBeVisible();
    await page.waitForLoadState("networkidle");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}

test("the skip link is first in focus order and moves focus to the content", async ({ page }) => {
  await page.goto(`/bai-viet/${SLUGS.newest}`);
  await articleLoaded(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Chuyển đến nội dung chính" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.locator(".breadcrumb a").first()).toBeFocused();
});

test("after client-side navigation focus starts at the new page's content", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: TEA_TITLE }).focus();
  await page.keyboard.press("Enter");
  await articleLoaded(page);
  await expect(page.locator("main")).toBeFocused();
});

test("the data table scrolls in its own focusable, labelled region", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(`/bai-viet/${SLUGS.table}`);
  await articleLoaded(page);
  const region = page.getByRole("region", { name: "Bảng số liệu, có thể cuộn ngang" });
  await expect(region).toHaveAttribute("tabindex", "0");
  await expect(region.locator("table")).toBeVisible();
});
