// Issue 9: untrusted endpoint content, the URL gate, numbers that could kill
// the app, answers that are not JSON, and the Content-Security-Policy.
import { test, expect, articleLoaded, expectHostileMarkup, pageSettled, withSite, SLUGS, asShell } from "./helpers.mjs";
import { ROOT } from "../playwright.config.mjs";

const ARTICLE = `/bai-viet/${SLUGS.newest}`;

/**
 * Serves the article at `slug` with some fields replaced; `raw` fields are
 * JSON text, for numbers a JavaScript number cannot hold exactly.
 */
async function withArticle(page, slug, patch, raw = {}) {
  await page.route(`**/api/articles/${slug}.json`, async (route) => {
    const response = await route.fetch();
    const article = { ...(await response.json()), ...patch };
    for (const key of Object.keys(raw)) article[key] = `@raw:${key}`;
    let body = JSON.stringify(article);
    for (const [key, json] of Object.entries(raw)) body = body.replace(`"@raw:${key}"`, json);
    await route.fulfill({ response, body });
  });
}

/** The `href`s and `src`s in the page that do not have an http(s) or mailto scheme. */
async function unsafeUrls(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("[href], [src]")]
      .flatMap((el) => ["href", "src"].map((a) => el.getAttribute(a)).filter((v) => v !== null))
      .filter((v) => !["http:", "https:", "mailto:"].includes(new URL(v, document.baseURI).protocol)),
  );
}

test.describe("the policy", () => {
  for (const path of ["/", "/bai-viet/khong-co-bai-nay"]) {
    test(`${path} carries it as a meta and as a header, with no unsafe-inline`, async ({ page }) => {
      const response = await page.goto(path);
      const header = response.headers()["content-security-policy"];
      const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
      for (const policy of [header, meta]) {
        expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
        expect(policy).toContain("object-src 'none'");
        expect(policy).toContain("base-uri 'self'");
        expect(policy).toContain("form-action 'self'");
        expect(policy).not.toContain("unsafe-inline");
        expect(policy).not.toMatch(/img-src[^;]*data:/);
      }
      expect(header).toContain("frame-ancestors 'none'");
      expect(response.headers()["x-content-type-options"]).toBe("nosniff");
      expect(response.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      await expect(page.locator("h1")).toBeVisible();
    });
  }

  test("an injected inline script or handler is refused", async ({ context }) => {
    // A page of its own: this test causes the violations the fixture forbids.
    const page = await context.newPage();
    const refused = [];
    page.on("console", (m) => /Content Security Policy/.test(m.text()) && refused.push(m.text()));
    await page.goto(ARTICLE);
    await articleLoaded(page);
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = 'script'";
      document.body.append(script);
      const button = document.createElement("button");
      button.setAttribute("onclick", "window.__injected = 'handler'");
      document.body.append(button);
      button.click();
    });
    expect(await page.evaluate(() => window.__injected)).toBeUndefined();
    await expect.poll(() => refused.length).toBeGreaterThanOrEqual(2);
    await page.close();
  });
});

test.describe("the URL gate", () => {
  test("a Unicode space before javascript: or data: gives no script link or image", async ({ page }) => {
    await withArticle(page, SLUGS.newest, {
      body_html: [
        '<p><a href="&nbsp;javascript:window.__pwned=1">nbsp</a></p>',
        '<p><a href="&#x3000;javascript:window.__pwned=2">ideographic</a></p>',
        '<p><a href="&#x2028;javascript:window.__pwned=3">line separator</a></p>',
        '<p><a href="&#x85;javascript:window.__pwned=4">next line</a></p>',
        '<p><a href="&nbsp;data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data</a></p>',
        '<p><img src="&nbsp;data:image/svg+xml,&lt;svg/&gt;" alt="x"></p>',
      ].join(""),
    });
    await page.goto(ARTICLE);
    await articleLoaded(page);
    await expect(page.locator(".article__body")).toContainText("line separator");
    expect(await unsafeUrls(page)).toEqual([]);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  });

  test("site.json's boundary map, covers and thumbnails with other schemes are left out", async ({ page }) => {
  await asShell(page);
    await withSite(page, {
      boundary_map: { image: "images/ban-do-dia-gioi.svg", alt: "Bản đồ", link: "javascript:window.__pwned=1" },
    });
    await page.route("**/api/articles.json", async (route) => {
      const response = await route.fetch();
      const list = await response.json();
      list.articles[0].thumbnail.src = "javascript:window.__pwned=2";
      await route.fulfill({ response, json: list });
    });
    await withArticle(page, SLUGS.tea, { cover: { src: "data:image/svg+xml,<svg/>", alt: "x", caption: "Chú thích" } });
    await page.goto("/");
    await expect(page.locator(".feed .card")).toHaveCount(5);
    await expect(page.locator(".feed .card").first().locator("img")).toHaveCount(0);
    await expect(page.locator(".feed .card").nth(1).locator("img")).toHaveCount(1);
    await page.goto(`/bai-viet/${SLUGS.tea}`);
    await articleLoaded(page);
    await expect(page.locator(".article__cover")).toHaveCount(0);
    const map = page.locator("[aria-labelledby=widget-map]");
    await expect(map).toBeVisible();
    // The refused link falls back to the map image itself.
    await expect(map.getByRole("link", { name: "Xem bản đồ đầy đủ" })).toHaveAttribute("href", /\/api\/images\/ban-do-dia-gioi\.svg$/);
    expect(await unsafeUrls(page)).toEqual([]);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  });

  test("a boundary map image that is not http(s) hides the widget", async ({ page }) => {
    await withSite(page, { boundary_map: { image: "javascript:alert(1)", alt: "x" } });
    await page.goto(ARTICLE);
    await articleLoaded(page);
    await expect(page.locator("[aria-labelledby=widget-categories]")).toBeVisible();
    await expect(page.locator("[aria-labelledby=widget-map]")).toHaveCount(0);
  });

  test("a next page that is not http(s) ends the list instead of being fetched", async ({ page }) => {
    const requested = [];
    page.on("request", (r) => requested.push(r.url()));
    await page.route("**/api/articles.json", async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), next: "data:application/json,{\"articles\":[]}" } });
    });
    await page.goto("/");
    await expect(page.locator(".feed .card")).toHaveCount(5);
    await expect(page.locator(".feed__end")).toHaveText("Đã hiển thị tất cả bài viết.");
    expect(requested.filter((u) => u.startsWith("data:"))).toEqual([]);
  });
});

test("a mutation-XSS noscript no longer swallows the rest of the article", async ({ page }) => {
  expectHostileMarkup(page);
  await withArticle(page, SLUGS.newest, {
    body_html: '<p>Đoạn trước.</p><noscript><p title="</noscript><img src=x onerror=window.__pwned=1>"></noscript><p>Đoạn sau.</p><p>Đoạn cuối.</p>',
  });
  await page.goto(ARTICLE);
  await articleLoaded(page);
  const body = page.locator(".article__body");
  await expect(body).toContainText("Đoạn trước.");
  await expect(body).toContainText("Đoạn sau.");
  await expect(body).toContainText("Đoạn cuối.");
  await expect(body.locator("img")).toHaveCount(0);
  await page.evaluate(pageSettled);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});

test.describe("numbers", () => {
  test("a rating of 100 from one vote shows 5,0 / 5, in the page and in JSON-LD", async ({ page }) => {
    await withArticle(page, SLUGS.newest, { rating: { total: 100, count: 1 } });
    await page.goto(ARTICLE);
    await articleLoaded(page);
    await expect(page.locator(".rating__summary")).toContainText("Điểm trung bình: 5,0 / 5");
    const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
    expect(ld.aggregateRating.ratingValue).toBe(5);
  });

  test("a count that overflowed the old arithmetic leaves a working page", async ({ page }) => {
    // The largest count a JSON number holds exactly (2^53 - 1) is shown...
    await withArticle(page, SLUGS.newest, {}, {
      rating: '{"total": 0, "count": 9007199254740991}',
      views: "9007199254740991",
    });
    await page.goto(ARTICLE);
    await articleLoaded(page);
    await expect(page.locator(".rating__summary")).toContainText("trong 9007199254740991 đánh giá");
    await expect(page.locator(".article__views")).toContainText("9.007.199.254.740.991");
    // Still alive: the toolbar answers.
    await page.getByRole("button", { name: /^A\+/ }).click();
    await expect(page.locator("html")).toHaveAttribute("data-text-size", "112.5");
    await page.locator("label[for=rating-star-4]").click();
    await page.getByRole("button", { name: "Gửi đánh giá" }).click();
    await expect(page.locator(".rating__own")).toContainText("4 / 5 sao");
  });

  test("a count past 2^53 - 1 is left out like any broken extra, the article kept", async ({ page }) => {
    await withArticle(page, SLUGS.newest, {}, {
      rating: '{"total": 0, "count": 9223372036854775808}',
      views: "18446744073709551615",
    });
    await page.goto(ARTICLE);
    await articleLoaded(page);
    await expect(page.locator(".rating__summary")).toContainText("0 trong 0 đánh giá");
    await expect(page.locator(".article__views")).toHaveCount(0);
  });

  test("a rating or view count of the wrong type is left out, the article kept", async ({ page }) => {
    await withArticle(page, SLUGS.newest, { rating: { total: -3, count: "nhiều" }, views: -1 });
    await page.goto(ARTICLE);
    await articleLoaded(page);
    await expect(page.locator(".rating__summary")).toContainText("0 trong 0 đánh giá");
    await expect(page.locator(".article__views")).toHaveCount(0);
  });
});

test.describe("answers that are not JSON", () => {
  test("a host's HTML fallback for a missing article is 'not found'", async ({ page }) => {
  await asShell(page);
    await page.route(`**/api/articles/${SLUGS.newest}.json`, (route) =>
      route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: "<!doctype html><title>App</title>" }),
    );
    await page.goto(ARTICLE);
    await expect(page.locator("h1")).toHaveText("Không tìm thấy trang");
  });

  test("a body over 5 MB is an error with a working retry, not a frozen tab", async ({ page }) => {
  await asShell(page);
    let huge = true;
    await page.route(`**/api/articles/${SLUGS.newest}.json`, async (route) => {
      if (!huge) return route.continue();
      // No Content-Length to trust: counted as it streams in.
      const body = JSON.stringify({ padding: "x".repeat(6 * 1024 * 1024) });
      await route.fulfill({ status: 200, contentType: "application/json", body });
    });
    await page.goto(ARTICLE);
    const alert = page.locator("main [role=alert]");
    await expect(alert).toContainText("Dữ liệu máy chủ gửi về quá lớn (hơn 5 MB).");
    huge = false;
    await alert.getByRole("button", { name: "Thử lại" }).click();
    await articleLoaded(page);
  });
});

test("the copy-link confirmation speaks the interface language, even without storage", async ({ page, context }) => {
  // Without storage the language choice lives only in the app's context: a
  // view that built its own preferences would answer in Vietnamese.
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: ROOT });
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("denied", "SecurityError");
      },
    });
  });
  await page.goto(`/bai-viet/${SLUGS.reserved}`);
  await articleLoaded(page);
  await page.getByRole("button", { name: "English" }).click();
  await page.locator("section.share").getByRole("button", { name: "Copy link" }).click();
  await expect(page.locator("section.share [role=status]")).toHaveText("Link copied.");
});
