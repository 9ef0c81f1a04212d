// The article page: content, figures, deep links, not-found, hostile bodies.
import { test, expect, articleLoaded, expectHostileMarkup, pageSettled, HOSTILE_TEXT, SLUGS, TEA_TITLE } from "./helpers.mjs";

test("an article opens from the home page and its figures show", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: TEA_TITLE }).click();
  await expect(page).toHaveURL(new RegExp(`/bai-viet/${SLUGS.tea}$`));
  await articleLoaded(page);
  await expect(page.locator("h1")).toHaveText(TEA_TITLE);
  await expect(page).toHaveTitle(`${TEA_TITLE} – Cổng thông tin điện tử tỉnh Sơn Hà`);
  const crumbs = page.locator(".breadcrumb li");
  await expect(crumbs).toHaveText(["Trang chủ", "Kinh tế", TEA_TITLE]);
  await expect(crumbs.last()).toHaveAttribute("aria-current", "page");
  await expect(page.locator(".article__meta time").first()).toHaveText("Thứ Ba, 24/11/2026, 15:10");
  await expect(page.locator(".article__lead")).toContainText("tăng khoảng 15%");
  await expect(page.locator(".article__cover figcaption")).toHaveText("Đồi chè Shan tuyết cổ thụ ở độ cao trên 1.500 m.");
  await expect(page.locator(".article__byline")).toContainText("Tác giả: Lò Văn Hùng");
  await expect(page.locator(".article__byline")).toContainText("Nguồn: Báo Sơn Hà");
  await expect(page.locator(".article__body ol li")).toHaveCount(4);
  await expect(page.locator(".article__body h3")).toHaveText("Quy trình sao chè truyền thống");

  const images = page.locator(".article__cover img, .article__body figure img");
  await expect(images).toHaveCount(2);
  for (const img of await images.all()) {
    await img.scrollIntoViewIfNeeded();
    await expect
      .poll(() => img.evaluate((el) => el.complete && el.naturalWidth), { message: "image decoded" })
      .toBeGreaterThan(0);
  }
  await expect(page.locator(".article__body figcaption")).toHaveText("Người dân xã Tả Phìn hái chè vào buổi sáng sớm.");
  // An external link in the body leaves the app as a normal link.
  await expect(page.locator(".article__body a[title]")).toHaveAttribute("rel", "external noopener");
});

test("links to the app's pages change the page without a load; back and forward work; the rest is the browser's", async ({ page, context }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: TEA_TITLE })).toBeVisible();
  // A marker on the window lives only as long as the page is not reloaded.
  await page.evaluate(() => (window.__sameDocument = true));
  await page.getByRole("link", { name: TEA_TITLE }).click();
  await expect(page).toHaveURL(new RegExp(`/bai-viet/${SLUGS.tea}$`));
  await articleLoaded(page);
  await expect(page.locator("h1")).toBeInViewport();
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: TEA_TITLE })).toBeVisible();
  await page.goForward();
  await expect(page.locator("h1")).toHaveText(TEA_TITLE);
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
  // A link with Ctrl (a new tab) is not followed in this page.
  const opened = context.waitForEvent("page");
  await page.locator(".breadcrumb a").first().click({ modifiers: ["Control"] });
  await (await opened).close();
  await expect(page.locator("h1")).toHaveText(TEA_TITLE);
  // A file of the site (its icon) is loaded by the browser, not shown as "not found".
  await page.evaluate(() => {
    const link = document.createElement("a");
    link.href = new URL("icon.svg", document.baseURI).href;
    link.textContent = "icon";
    link.id = "file-link";
    document.querySelector("main").append(link);
  });
  await page.locator("#file-link").click();
  await expect(page).toHaveURL(/icon\.svg$/);
  await expect.poll(() => page.evaluate(() => document.contentType)).toBe("image/svg+xml");
});

test("a deep link loads directly and survives a reload", async ({ page }) => {
  await page.goto(`/bai-viet/${SLUGS.newest}`);
  await articleLoaded(page);
  await expect(page.locator("h1")).toHaveText("Khai mạc Kỳ họp thứ Mười Hội đồng nhân dân tỉnh khóa XV");
  await page.reload();
  await articleLoaded(page);
  await expect(page.locator("h1")).toHaveText("Khai mạc Kỳ họp thứ Mười Hội đồng nhân dân tỉnh khóa XV");
  // In-body links to other articles stay inside the app.
  await page.locator(".article__body").getByRole("link", { name: "Thời sự" }).click();
  await expect(page.locator("h1")).toHaveText("Thời sự");
});

for (const [what, path] of [
  ["an unknown slug", "/bai-viet/khong-co-bai-nay"],
  ["a slug that could never exist", "/bai-viet/..%2Fsite"],
  ["an unknown category", "/chuyen-muc/khong-co"],
  ["an unknown route", "/trang/khong/ton/tai"],
]) {
  test(`${what} shows the not-found page`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator("h1")).toHaveText("Không tìm thấy trang");
    await expect(page).toHaveTitle(/^Không tìm thấy trang/);
    await page.getByRole("link", { name: "Về trang chủ" }).click();
    await expect(page.locator("h1")).toHaveText("Tin mới nhất");
  });
}

test("hostile HTML in a body is neutralised, its content kept", async ({ page }) => {
  expectHostileMarkup(page);
  // fixtures/overlay/: handlers, script URLs (one behind a no-break space),
  // forms, SVG and MathML scripts, a style sheet and the noscript mutation vector.
  await page.goto(`/bai-viet/${SLUGS.hostile}`);
  await articleLoaded(page);
  const body = page.locator(".article__body");
  for (const text of HOSTILE_TEXT) await expect(body).toContainText(text);
  await expect(body.locator("script, iframe, form, input, button, svg, math, style, noscript")).toHaveCount(0);
  await expect(body.locator("[onclick], [onerror], [onmouseover], [style], [class^=x]")).toHaveCount(0);
  // A body's ids are kept under its own prefix (footnotes), never the page's.
  await expect(body.locator("[id]:not([id^='noi-dung-'])")).toHaveCount(0);
  // Links on the page's own origin are root-relative: each resolves to http(s).
  const hrefs = await body.locator("a").evaluateAll((els) =>
    els.map((a) => (a.hasAttribute("href") ? new URL(a.getAttribute("href"), location.href).protocol : null)),
  );
  expect(hrefs.filter((h) => h !== null && h !== "http:" && h !== "https:")).toEqual([]);
  expect(hrefs.filter((h) => h === null)).toHaveLength(2);
  await expect(body.locator("h2")).toHaveText("Tiêu đề lạ");
  await expect(page.locator("h1")).toHaveCount(1);
  await page.evaluate(pageSettled);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  await expect(page.locator("body")).toBeVisible();
});

test("leaving a page aborts its request", async ({ page }) => {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(`**/api/articles/${SLUGS.tea}.json`, async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  const aborted = page.waitForEvent("requestfailed", (r) => r.url().endsWith(`${SLUGS.tea}.json`));
  await page.goto("/");
  await page.getByRole("link", { name: TEA_TITLE }).click();
  await expect(page.locator(".article--skeleton")).toBeVisible();
  await page.locator(".category-nav").getByRole("link", { name: "Trang chủ" }).click();
  const request = await aborted;
  expect(request.failure()?.errorText).toMatch(/ABORTED|cancel/i);
  release();
  await expect(page.locator("h1")).toHaveText("Tin mới nhất");
});

test("the article loads without layout shift", async ({ page }) => {
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(`/bai-viet/${SLUGS.table}`);
  await articleLoaded(page);
  await page.waitForTimeout(500);
  const cls = await page.evaluate(() => window.__cls);
  expect(cls).toBeLessThan(0.1);
});

// Issue 22, defect 11: against the page's <base href>, `#chu-thich-1` led to
// the home page. A footnote link stays on the article, in the app and in the
// pre-rendered page read without JavaScript, and finds its footnote.
for (const js of [true, false]) {
  test(`a footnote link stays on the article and reaches the footnote (${js ? "the app" : "no JavaScript"})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: js, baseURL: "http://127.0.0.1:8090" });
    const page = await context.newPage();
    try {
      await page.goto(`/bai-viet/${SLUGS.table}`);
      if (js) await articleLoaded(page);
      const title = await page.locator("h1").textContent();
      await page.locator(".article__body").getByRole("link", { name: "[1]" }).click();
      await expect(page).toHaveURL(new RegExp(`/bai-viet/${SLUGS.table}#noi-dung-chu-thich-1$`));
      await expect(page.locator("h1")).toHaveText(title);
      const footnote = page.locator("#noi-dung-chu-thich-1");
      await expect(footnote).toContainText("Số liệu sơ bộ");
      await expect(footnote).toBeInViewport();
      await footnote.getByRole("link", { name: "Trở lại đoạn văn" }).click();
      await expect(page).toHaveURL(new RegExp(`/bai-viet/${SLUGS.table}#noi-dung-tro-ve-1$`));
      await expect(page.locator("#noi-dung-tro-ve-1")).toBeInViewport();
    } finally {
      await context.close();
    }
  });
}
