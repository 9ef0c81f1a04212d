// Around the article: meta line, related articles, newer/older, print, and
// the head tags for search engines and link previews (read aloud has its own
// spec, read-aloud.spec.mjs).
import { test, expect, articleLoaded, SLUGS, TEA_TITLE, asShell } from "./helpers.mjs";

const CO_OP_TITLE = "Hợp tác xã dược liệu xuất lô sâm đầu tiên sang thị trường Nhật Bản";
const title = (page) => page.locator("article.article h1");

test("the meta line has reading time and views, and the tags follow the body", async ({ page }) => {
  await page.goto(`/bai-viet/${SLUGS.tea}`);
  await articleLoaded(page);
  await expect(page.locator(".article__reading-time")).toHaveText(/^\d+ phút đọc$/);
  await expect(page.locator(".article__views")).toHaveText("980 lượt xem");
  await expect(page.locator(".article__tags")).toHaveText("Từ khóa: chè Shan tuyết, nông nghiệp, OCOP");
});

test("an article without views shows no view count", async ({ page }) => {
  await page.route(`**/api/articles/${SLUGS.tea}.json`, async (route) => {
    const response = await route.fetch();
    const { views, tags, ...article } = await response.json();
    await route.fulfill({ response, json: article });
  });
  await page.goto(`/bai-viet/${SLUGS.tea}`);
  await articleLoaded(page);
  await expect(page.locator(".article__reading-time")).toBeVisible();
  await expect(page.locator(".article__views")).toHaveCount(0);
  await expect(page.locator(".article__tags")).toHaveCount(0);
});

test("related articles skip slugs that fail, and their links work", async ({ page }) => {
  await page.goto(`/bai-viet/${SLUGS.land}`);
  await articleLoaded(page);
  const related = page.locator("section.related");
  await expect(related.getByRole("heading", { name: "Tin liên quan" })).toBeVisible();
  // `related` is ["ra-mat-…", "bai-khong-ton-tai"]: the second is a 404.
  await expect(related.getByRole("link")).toHaveCount(1);
  const link = related.getByRole("link", { name: /Ra mắt Trung tâm/ });
  await expect(link).toHaveAttribute("href", "/bai-viet/ra-mat-trung-tam-phuc-vu-hanh-chinh-cong");
  await link.click();
  await expect(title(page)).toHaveText(/Ra mắt Trung tâm/);
  await expect(page).toHaveURL(/\/bai-viet\/ra-mat-trung-tam-phuc-vu-hanh-chinh-cong$/);
  // That one has no related articles: no empty section.
  await page.waitForLoadState("networkidle");
  await expect(page.locator("section.related")).toHaveCount(0);
});

test("when every related slug fails the section is left out, the article stays", async ({ page }) => {
  await asShell(page);
  await page.route("**/api/articles/ra-mat-trung-tam-phuc-vu-hanh-chinh-cong.json", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: "{not json" }),
  );
  await page.goto(`/bai-viet/${SLUGS.land}`);
  await articleLoaded(page);
  await page.waitForLoadState("networkidle");
  await expect(page.locator("section.related")).toHaveCount(0);
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("newer and older links stay within the category, across list pages", async ({ page }) => {
  await page.goto(`/bai-viet/${SLUGS.table}`);
  await articleLoaded(page);
  const nav = page.getByRole("navigation", { name: "Bài khác cùng chuyên mục" });
  await expect(nav.locator(".neighbours__newer")).toContainText("Bài mới hơn");
  await expect(nav.locator(".neighbours__newer a")).toHaveText(TEA_TITLE);
  await expect(nav.locator(".neighbours__older a")).toHaveText(CO_OP_TITLE);
  await nav.locator(".neighbours__older a").click();
  await expect(title(page)).toHaveText(CO_OP_TITLE);
  // The oldest of its category: only a newer link, back to where we were.
  const next = page.getByRole("navigation", { name: "Bài khác cùng chuyên mục" });
  await expect(next.locator(".neighbours__newer a")).toHaveText(/thu ngân sách/);
  await expect(next.locator(".neighbours__older")).toHaveCount(0);
});

test("printing gives the article alone, black on white, with its address", async ({ page }) => {
  await page.addInitScript(() => {
    localStorage.setItem("portal.contrast", "maximum");
    window.__printed = 0;
    window.print = () => window.__printed++;
  });
  await page.goto(`/bai-viet/${SLUGS.table}`);
  await articleLoaded(page);
  await expect(page.locator(".neighbours")).toBeVisible();
  await expect(page.locator("section.related")).toBeVisible();
  await page.getByRole("button", { name: "In bài viết" }).click();
  expect(await page.evaluate(() => window.__printed)).toBe(1);

  await page.emulateMedia({ media: "print" });
  for (const selector of [
    ".a11y-bar",
    ".site-header",
    ".category-nav",
    ".layout__sidebar",
    ".site-footer",
    ".breadcrumb",
    ".reader-tools",
    "section.share",
    "section.rating",
    "section.related",
    ".neighbours",
  ]) {
    await expect(page.locator(selector).first(), selector).toBeHidden();
  }
  await expect(title(page)).toBeVisible();
  await expect(page.locator(".article__meta time").first()).toBeVisible();
  await expect(page.locator(".article__body table")).toBeVisible();
  // Its address, the portal and the date printed: print.spec.mjs.
  const colours = await page.evaluate(() => {
    const style = (el) => getComputedStyle(el);
    const h1 = document.querySelector("article h1");
    const meta = document.querySelector(".article__meta");
    return [style(document.body).backgroundColor, style(h1).color, style(meta).color, style(document.body).color];
  });
  expect(colours).toEqual(["rgb(255, 255, 255)", "rgb(0, 0, 0)", "rgb(0, 0, 0)", "rgb(0, 0, 0)"]);
});

/** The head tags the app manages, by key. */
async function head(page) {
  return page.evaluate(() => {
    const meta = {};
    for (const el of document.head.querySelectorAll("meta[data-head]")) {
      const key = el.getAttribute("property") ?? el.getAttribute("name");
      meta[key] = meta[key] ? [].concat(meta[key], el.content) : el.content;
    }
    const canonical = document.head.querySelector("link[rel=canonical]")?.href ?? null;
    const ld = [...document.head.querySelectorAll("script[type='application/ld+json']")].map((s) => JSON.parse(s.textContent));
    return { meta, canonical, ld };
  });
}

test("structured data, Open Graph, Twitter card and canonical follow the route", async ({ page }) => {
  const canonical = `https://sonha.example.vn/bai-viet/${SLUGS.tea}`;
  await page.goto(`/bai-viet/${SLUGS.tea}`);
  await articleLoaded(page);
  await expect.poll(async () => (await head(page)).canonical).toBe(canonical);
  const article = await head(page);
  expect(article.meta["og:type"]).toBe("article");
  expect(article.meta["og:title"]).toBe(TEA_TITLE);
  expect(article.meta["og:url"]).toBe(canonical);
  expect(article.meta["og:site_name"]).toBe("Cổng thông tin điện tử tỉnh Sơn Hà");
  // On the public host, like the canonical address: what a link preview fetches.
  expect(article.meta["og:image"]).toBe("https://sonha.example.vn/api/images/che-shan-tuyet.svg");
  expect(article.meta["twitter:card"]).toBe("summary_large_image");
  expect(article.meta["twitter:title"]).toBe(TEA_TITLE);
  expect(article.meta.description).toMatch(/^Những ngày cuối tháng 11/);
  expect(article.meta["article:tag"]).toEqual(["chè Shan tuyết", "nông nghiệp", "OCOP"]);
  expect(article.ld).toHaveLength(1);
  const ld = article.ld[0];
  expect(ld["@type"]).toBe("NewsArticle");
  expect(ld.headline).toBe(TEA_TITLE);
  expect(ld.datePublished).toBe("2026-11-24T15:10:00+07:00");
  expect(ld.author).toEqual({ "@type": "Person", name: "Lò Văn Hùng" });
  expect(ld.publisher).toEqual({ "@type": "Organization", name: "Cổng thông tin điện tử tỉnh Sơn Hà", url: "https://sonha.example.vn" });
  expect(ld.image).toEqual([article.meta["og:image"]]);
  expect(ld.aggregateRating).toEqual({ "@type": "AggregateRating", ratingValue: 4.6, ratingCount: 5, bestRating: 5, worstRating: 1 });
  expect(await page.title()).toBe(`${TEA_TITLE} – Cổng thông tin điện tử tỉnh Sơn Hà`);

  // Home: a website, its own canonical, no article data left behind.
  await page.getByRole("navigation", { name: "Chuyên mục" }).getByRole("link", { name: "Trang chủ" }).click();
  await expect(page.locator(".feed .card")).toHaveCount(5);
  await expect.poll(async () => (await head(page)).canonical).toBe("https://sonha.example.vn/");
  const home = await head(page);
  expect(home.meta["og:type"]).toBe("website");
  expect(home.ld).toEqual([]);
  expect(home.meta["article:tag"]).toBeUndefined();
  expect(await page.locator("head meta[name=description]").count()).toBe(1);

  await page.getByRole("navigation", { name: "Chuyên mục" }).getByRole("link", { name: "Kinh tế" }).click();
  await expect.poll(async () => (await head(page)).canonical).toBe("https://sonha.example.vn/chuyen-muc/kinh-te");
  expect((await head(page)).meta["og:title"]).toBe("Kinh tế");
  // Its own description (Lighthouse's SEO audit asks every page for one).
  expect((await head(page)).meta.description).toBe("Tin tức mới nhất của chuyên mục Kinh tế trên cổng thông tin điện tử.");

  // A page that does not exist is not indexed.
  await page.goto("/khong-co-trang-nay");
  await expect(page.locator("[data-page=not-found] h1")).toBeVisible();
  await expect.poll(async () => (await head(page)).meta.robots).toBe("noindex");
  expect((await head(page)).canonical).toBeNull();
});
