// Issue 12: every route pre-rendered at deploy time, read as HTML by
// scrapers and readers without JavaScript, and taken over by the app without
// a flicker.
import { test, expect, articleLoaded, appLive, SLUGS, TEA_TITLE } from "./helpers.mjs";
import { ROOT, SUB } from "../fixtures.mjs";

const ARTICLE = `bai-viet/${SLUGS.tea}`;

for (const [where, base] of [
  ["at the root", `${ROOT}/`],
  ["under a sub-path", SUB],
]) {
  test(`a scraper without JavaScript finds each article's own head, ${where}`, async () => {
    for (const slug of [SLUGS.tea, SLUGS.reserved, SLUGS.table]) {
      const response = await fetch(`${base}bai-viet/${slug}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      const meta = (property) => new RegExp(`<meta data-head property="${property}" content="([^"]*)"`).exec(html)?.[1];
      const article = JSON.parse(await (await fetch(`${base}api/articles/${slug}.json`)).text());
      const decode = (s) => s.replaceAll("&quot;", '"').replaceAll("&amp;", "&");
      expect(decode(meta("og:title"))).toBe(article.title);
      expect(decode(meta("og:description"))).toBe(article.summary);
      expect(meta("og:image")).toMatch(/^https:\/\/sonha\.example\.vn\/.*\.svg$/);
      expect(meta("og:url")).toBe(`https://sonha.example.vn${new URL(base).pathname}bai-viet/${slug}`);
      const ld = JSON.parse(/<script data-head type="application\/ld\+json">(.*?)<\/script>/.exec(html)[1]);
      expect(ld["@type"]).toBe("NewsArticle");
      expect(ld.headline).toBe(article.title);
      expect(html).toContain(`<title>${article.title.replaceAll("&", "&amp;").replaceAll("<", "&lt;")} – `);
      // The article text itself is in the HTML.
      expect(html).toContain('class="article__body prose"');
    }
    for (const path of ["", "chuyen-muc/kinh-te"]) {
      expect((await fetch(`${base}${path}`)).status).toBe(200);
    }
    // A route that was not pre-rendered is the shell, as before.
    const missing = await fetch(`${base}bai-viet/bai-viet-dang-sau-khi-trien-khai`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<div id=app></div>');
  });

  test(`sitemap, robots and feeds are well-formed and linked, ${where}`, async ({ page }) => {
    const path = new URL(base).pathname;
    const robots = await (await fetch(`${base}robots.txt`)).text();
    expect(robots).toContain(`Sitemap: https://sonha.example.vn${path}sitemap.xml`);
    await page.goto(base);
    const check = async (file) =>
      page.evaluate(async (url) => {
        const text = await (await fetch(url)).text();
        const doc = new DOMParser().parseFromString(text, "application/xml");
        if (doc.querySelector("parsererror")) return { error: text.slice(0, 200) };
        return {
          root: doc.documentElement.localName,
          ns: doc.documentElement.namespaceURI,
          locs: [...doc.getElementsByTagName("loc")].map((l) => l.textContent),
          lastmods: doc.getElementsByTagName("lastmod").length,
          entries: [...doc.getElementsByTagName("entry")].map((e) => ({
            id: e.getElementsByTagName("id")[0]?.textContent,
            updated: e.getElementsByTagName("updated")[0]?.textContent,
            title: e.getElementsByTagName("title")[0]?.textContent,
          })),
          updated: doc.documentElement.getElementsByTagName("updated")[0]?.textContent,
        };
      }, `${base}${file}`);
    const sitemap = await check("sitemap.xml");
    expect(sitemap.root).toBe("urlset");
    expect(sitemap.locs).toContain(`https://sonha.example.vn${path}${ARTICLE}`);
    expect(sitemap.locs).toContain(`https://sonha.example.vn${path}chuyen-muc/kinh-te`);
    expect(sitemap.locs.length).toBe(1 + 4 + 13);
    expect(sitemap.lastmods).toBe(sitemap.locs.length);
    for (const feed of ["feed.xml", "chuyen-muc/kinh-te.xml"]) {
      const atom = await check(feed);
      expect(atom.root).toBe("feed");
      expect(atom.ns).toBe("http://www.w3.org/2005/Atom");
      expect(atom.updated).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(atom.entries.length).toBeGreaterThan(0);
      for (const entry of atom.entries) {
        expect(entry.id).toMatch(new RegExp(`^https://sonha\\.example\\.vn${path}bai-viet/`));
        expect(entry.updated).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(entry.title).toBeTruthy();
      }
    }
    // Every page links the site's feed; a category page its own too (as
    // feed readers and crawlers read it: the HTML).
    const feeds = async (url) => (await (await fetch(url)).text()).match(/<link[^>]*application\/atom\+xml[^>]*>/g) ?? [];
    expect(await feeds(base)).toHaveLength(1);
    const category = await feeds(`${base}chuyen-muc/kinh-te`);
    expect(category).toHaveLength(2);
    expect(category[1]).toContain(`href="https://sonha.example.vn${path}chuyen-muc/kinh-te.xml"`);
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("home, a category and an article are read by following links", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("h1")).toHaveText("Tin mới nhất");
    await expect(page.locator(".feed .card")).toHaveCount(5);
    // The sidebar's figures: on the home page, which changes with them anyway
    // (an article's page does not carry what changes every day).
    await expect(page.locator("[aria-labelledby=widget-stats]")).toContainText("82.126.883");
    // Controls that need the app are hidden, not dead.
    await expect(page.locator(".a11y-bar")).toBeHidden();
    await expect(page.locator(".feed__more")).toBeHidden();
    await page.locator(".category-nav").getByRole("link", { name: "Kinh tế" }).click();
    await expect(page).toHaveURL(/\/chuyen-muc\/kinh-te$/);
    await expect(page.locator("h1")).toHaveText("Kinh tế");
    await page.locator(".feed").getByRole("link", { name: TEA_TITLE }).click();
    await expect(page).toHaveURL(new RegExp(`/${ARTICLE}$`));
    await expect(page.locator("h1")).toHaveText(TEA_TITLE);
    await expect(page.locator(".article__body figcaption")).toHaveText("Người dân xã Tả Phìn hái chè vào buổi sáng sớm.");
    const images = page.locator(".article__cover img, .article__body figure img");
    await expect(images).toHaveCount(2);
    for (const img of await images.all()) {
      await img.scrollIntoViewIfNeeded();
      await expect.poll(() => img.evaluate((el) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    }
    // The sidebar shows (after its second of waiting for "Tin mới", which
    // only the app fetches), the share links, the rating's summary are there;
    // read aloud, print, copy link and the stars are not.
    await expect(page.locator(".layout__sidebar").getByRole("heading", { name: "Chuyên mục" })).toBeVisible();
    await expect(page.locator("[aria-labelledby=widget-stats]")).toHaveCount(0);
    await expect(page.locator("section.share a").first()).toHaveAttribute("href", /facebook\.com/);
    await expect(page.locator(".rating__summary")).toContainText("Tổng số điểm của bài viết là:");
    for (const hidden of [".reader-tools", ".share__link--copy", ".rating__stars", ".rating__send"]) {
      await expect(page.locator(hidden)).toBeHidden();
    }
    // Newer and older, related: real links.
    await page.getByRole("navigation", { name: "Bài khác cùng chuyên mục" }).getByRole("link").first().click();
    await expect(page.locator("article.article h1")).toBeVisible();
  });
});

test.describe("the takeover", () => {
  test("no layout shift, the same text, no second copy of anything; the sidebar's news comes", async ({ page }) => {
    await page.addInitScript(() => {
      window.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
      }).observe({ type: "layout-shift", buffered: true });
      // The main column: the sidebar waits, unseen, for "Tin mới" and the
      // figures, which an article's page does not carry (docs/prerender.md).
      document.addEventListener("DOMContentLoaded", () => {
        window.__before = document.querySelector("#app main").innerText;
      });
    });
    await page.goto(`/${ARTICLE}`);
    await appLive(page);
    await page.waitForLoadState("networkidle");
    const [before, after, cls] = await page.evaluate(() => [window.__before, document.querySelector("#app main").innerText, window.__cls]);
    expect(after).toBe(before);
    expect(cls).toBe(0);
    await expect(page.locator(".layout__sidebar").getByRole("heading", { name: "Tin mới" })).toBeVisible();
    await expect(page.locator("[aria-labelledby=widget-stats]")).toContainText("82.126.883");
    const ids = await page.evaluate(() => [...document.querySelectorAll("[id]")].map((e) => e.id));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    await expect(page.locator("main")).toHaveCount(1);
    await expect(page.locator("header.site-header")).toHaveCount(1);
    await expect(page.locator("#app")).toHaveCount(1);
  });

  test("the reader's scroll position and focus are kept", async ({ page }) => {
    // Hold the wasm back while the reader scrolls and tabs into the page.
    let release;
    const held = new Promise((r) => (release = r));
    await page.route("**/*_bg.wasm", async (route) => {
      await held;
      await route.continue();
    });
    await page.setViewportSize({ width: 390, height: 700 });
    await page.goto(`/${ARTICLE}`, { waitUntil: "domcontentloaded" });
    const link = page.locator(".article__body a").first();
    await link.focus();
    await page.evaluate(() => window.scrollTo(0, 900));
    const text = await link.textContent();
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(0);
    await expect(page.locator("#app[data-prerendered]")).toHaveCount(1);
    release();
    await appLive(page);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    expect(await page.evaluate(() => document.activeElement.textContent)).toBe(text);
    expect(await page.evaluate(() => document.activeElement.closest("#app[data-prerendered]"))).toBeNull();
  });

  test("each document is asked for once at most, and only after the takeover", async ({ page }) => {
    const requests = [];
    page.on("request", (r) => {
      if (/\/api\/.*\.json$/.test(r.url())) requests.push(new URL(r.url()).pathname);
    });
    let takenOverAt = null;
    await page.exposeFunction("__tookOver", () => (takenOverAt = requests.length));
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const app = document.getElementById("app");
        if (app && !app.hasAttribute("data-prerendered")) {
          window.__tookOver();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`/${ARTICLE}`);
    await appLive(page);
    await page.waitForLoadState("networkidle");
    expect(takenOverAt).toBe(0);
    expect(requests.filter((p, i) => requests.indexOf(p) !== i)).toEqual([]);
    expect(requests.sort()).toEqual(["/api/articles.json", `/api/articles/${SLUGS.tea}.json`, "/api/site.json", "/api/stats.json"]);
  });

  test("a page rendered before the endpoint changed is brought up to date", async ({ page }) => {
    await page.route(`**/api/articles/${SLUGS.tea}.json`, async (route) => {
      const response = await route.fetch();
      const article = await response.json();
      await route.fulfill({ response, json: { ...article, rating: { total: 50, count: 10 }, views: 1234 } });
    });
    let release;
    const held = new Promise((r) => (release = r));
    await page.route("**/*_bg.wasm", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`/${ARTICLE}`, { waitUntil: "domcontentloaded" });
    // The pre-rendered page shows what it was rendered from...
    await expect(page.locator(".article__views")).toHaveText("980 lượt xem");
    // ...and the app, once it has refreshed it, what the endpoint says now.
    release();
    await articleLoaded(page);
    await expect(page.locator(".rating__summary")).toContainText("Tổng số điểm của bài viết là: 50 trong 10 đánh giá");
    await expect(page.locator(".article__views")).toHaveText("1.234 lượt xem");
  });

  test("navigating after the takeover fetches what the next page needs", async ({ page }) => {
    await page.goto(`/${ARTICLE}`);
    await articleLoaded(page);
    await page.locator(".breadcrumb").getByRole("link", { name: "Kinh tế" }).click();
    await expect(page.locator("h1")).toHaveText("Kinh tế");
    await expect(page.locator(".feed__end")).toHaveText("Đã hiển thị tất cả bài viết.");
    await page.locator(".feed").getByRole("link", { name: TEA_TITLE }).click();
    await expect(page.locator("h1")).toHaveText(TEA_TITLE);
    await expect(page.locator(".article__body figcaption")).toHaveText("Người dân xã Tả Phìn hái chè vào buổi sáng sớm.");
  });
});
