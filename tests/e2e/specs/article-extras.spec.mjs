// Around the article: meta line, related articles, newer/older, print, read
// aloud, and the head tags for search engines and link previews.
import { test, expect, axe, articleLoaded, withLang, SLUGS, TEA_TITLE, asShell } from "./helpers.mjs";

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

  await expect(page.locator(".article__print-source")).toBeHidden();
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
  await expect(page.locator(".article__print-source")).toHaveText(
    `Địa chỉ bài viết: https://sonha.example.vn/bai-viet/${SLUGS.table}`,
  );
  const colours = await page.evaluate(() => {
    const style = (el) => getComputedStyle(el);
    const h1 = document.querySelector("article h1");
    const meta = document.querySelector(".article__meta");
    return [style(document.body).backgroundColor, style(h1).color, style(meta).color, style(document.body).color];
  });
  expect(colours).toEqual(["rgb(255, 255, 255)", "rgb(0, 0, 0)", "rgb(0, 0, 0)", "rgb(0, 0, 0)"]);
});

/** A recording stand-in for the browser's speech synthesis. */
async function stubSpeech(page) {
  await page.addInitScript(() => {
    const log = (window.__speech = []);
    const synth = {
      speaking: false,
      pending: false,
      paused: false,
      queue: [],
      getVoices() {
        if (!log.some((e) => e.op === "speak")) window.__voicesAskedBeforePlay = true;
        return [
          { lang: "en-US", name: "English voice" },
          { lang: "vi-VN", name: "Vietnamese voice" },
        ];
      },
      speak(u) {
        log.push({ op: "speak", text: u.text, lang: u.lang, voice: u.voice && u.voice.name });
        this.queue.push(u);
        this.speaking = true;
      },
      pause() {
        log.push({ op: "pause" });
        this.paused = true;
      },
      resume() {
        log.push({ op: "resume" });
        this.paused = false;
      },
      cancel() {
        log.push({ op: "cancel" });
        this.queue = [];
        this.speaking = false;
      },
      // The test's way to say "the engine could not say the first piece"
      // (Firefox, before its voice list has loaded): an error event.
      fail(kind) {
        const first = this.queue[0];
        first?.onerror?.(Object.assign(new Event("error"), { error: kind }));
      },
      // The test's way to say "the last piece has been spoken".
      finish() {
        const last = this.queue.at(-1);
        this.queue = [];
        this.speaking = false;
        last?.onend?.(new Event("end"));
      },
    };
    Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
    window.SpeechSynthesisUtterance = class {
      constructor(text) {
        this.text = text;
        this.lang = "";
        this.voice = null;
        this.onend = null;
        this.onerror = null;
      }
    };
  });
}

const ops = (page) => page.evaluate(() => window.__speech.map((e) => e.op));

test("read aloud speaks the title and the text with a Vietnamese voice: play, pause, resume, stop", async ({ page }) => {
  await stubSpeech(page);
  await page.goto(`/bai-viet/${SLUGS.table}`);
  await articleLoaded(page);
  const main = page.locator(".reader-tools button").first();
  await expect(main).toHaveText("Nghe đọc bài viết");
  await main.click();
  const spoken = await page.evaluate(() => window.__speech.filter((e) => e.op === "speak"));
  expect(spoken.length).toBeGreaterThan(5);
  expect(spoken[0].text).toBe(await title(page).textContent());
  for (const piece of spoken) {
    expect(piece.lang).toBe("vi-VN");
    expect(piece.voice).toBe("Vietnamese voice");
    expect(piece.text).not.toMatch(/[<>]|&[a-z]+;/);
    expect(piece.text.length).toBeLessThanOrEqual(220);
  }
  const allText = spoken.map((s) => s.text).join(" ");
  const bodyText = (await page.locator(".article__body p").first().textContent()).replace(/\s+/g, " ").trim();
  expect(allText).toContain(bodyText.slice(0, 60));
  await expect(page.getByRole("status").filter({ hasText: "Đang đọc bài viết." })).toBeAttached();

  await expect(main).toHaveText("Tạm dừng");
  await expect(main).toBeFocused();
  await main.click();
  await expect(main).toHaveText("Đọc tiếp");
  await main.click();
  await expect(main).toHaveText("Tạm dừng");
  const stop = page.getByRole("button", { name: "Dừng đọc" });
  await stop.click();
  await expect(stop).toHaveCount(0);
  await expect(main).toHaveText("Nghe đọc bài viết");
  await expect(main).toBeFocused();
  expect((await ops(page)).filter((op) => op !== "speak")).toEqual(["cancel", "pause", "resume", "cancel", "resume"]);

  // The end of the reading brings the control back to the start.
  await main.click();
  await expect(main).toHaveText("Tạm dừng");
  await page.evaluate(() => window.speechSynthesis.finish());
  await expect(main).toHaveText("Nghe đọc bài viết");
  await expect(stop).toHaveCount(0);
});

test("a reading the engine cannot start says so and returns to the start (seen in Firefox)", async ({ page }) => {
  await stubSpeech(page);
  await page.goto(`/bai-viet/${SLUGS.table}`);
  await articleLoaded(page);
  const main = page.locator(".reader-tools button").first();
  await main.click();
  await expect(main).toHaveText("Tạm dừng");
  // Our own cancel reports "interrupted": that is no failure.
  await page.evaluate(() => window.speechSynthesis.fail("interrupted"));
  await expect(main).toHaveText("Tạm dừng");
  await page.evaluate(() => window.speechSynthesis.fail("synthesis-failed"));
  await expect(main).toHaveText("Nghe đọc bài viết");
  await expect(page.getByRole("status").filter({ hasText: "Trình duyệt không đọc được bài viết lúc này." })).toBeAttached();
  await expect(page.getByRole("button", { name: "Dừng đọc" })).toHaveCount(0);
  // The control asked for the voice list before the reader pressed it.
  expect(await page.evaluate(() => window.__voicesAskedBeforePlay)).toBe(true);
});

test("read aloud stops when the reader leaves the article", async ({ page }) => {
  await stubSpeech(page);
  await page.goto(`/bai-viet/${SLUGS.table}`);
  await articleLoaded(page);
  await page.getByRole("button", { name: "Nghe đọc bài viết" }).click();
  await expect(page.getByRole("button", { name: "Dừng đọc" })).toBeVisible();
  const before = (await ops(page)).length;
  await page.getByRole("navigation", { name: "Chuyên mục" }).getByRole("link", { name: "Trang chủ" }).click();
  await expect(page.locator(".feed .card")).toHaveCount(5);
  expect((await ops(page)).slice(before)).toEqual(["cancel"]);
});

test("with an English interface the Vietnamese article is still read by a Vietnamese voice", async ({ page }) => {
  await stubSpeech(page);
  await withLang(page, "en");
  await page.goto(`/bai-viet/${SLUGS.tea}`);
  await articleLoaded(page);
  await page.getByRole("button", { name: "Listen to this article" }).click();
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
  const first = await page.evaluate(() => window.__speech.find((e) => e.op === "speak"));
  expect(first).toEqual({ op: "speak", text: TEA_TITLE, lang: "vi-VN", voice: "Vietnamese voice" });
  expect(await axe(page)).toEqual([]);
});

test("without speech synthesis there is no read-aloud control", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "speechSynthesis", { value: undefined, configurable: true });
    window.SpeechSynthesisUtterance = undefined;
  });
  await page.goto(`/bai-viet/${SLUGS.tea}`);
  await articleLoaded(page);
  await expect(page.getByRole("button", { name: "In bài viết" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Lưu đọc sau" })).toBeVisible();
  await expect(page.locator(".reader-tools button")).toHaveCount(2);
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
