// Share links and star ratings under an article.
import { test, expect, axe, articleLoaded, withSite, withZaloPolicy, shareLinks, SLUGS, RESERVED_TITLE, RESERVED_CANONICAL } from "./helpers.mjs";
import { ROOT } from "../playwright.config.mjs";

const ARTICLE = `/bai-viet/${SLUGS.reserved}`;
const TITLE = RESERVED_TITLE;
const CANONICAL = RESERVED_CANONICAL;

const share = (page) => page.locator("section.share");
const rating = (page) => page.locator("section.rating");

test("every share link is exactly the documented URL, and nothing loads from elsewhere", async ({ page }) => {
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(ARTICLE);
  await articleLoaded(page);
  await expect(share(page)).toBeVisible();
  for (const [name, href] of Object.entries(shareLinks(CANONICAL, TITLE))) {
    const link = share(page).getByRole("link", { name, exact: true });
    await expect(link).toHaveAttribute("href", href);
    await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  }
  await expect(share(page).getByRole("link", { name: "Chia sẻ lên Facebook (mở thẻ mới)" })).toHaveAttribute("target", "_blank");
  await expect(share(page).getByRole("link", { name: "Chia sẻ lên e-mail" })).not.toHaveAttribute("target");
  // Without share.zalo_oaid in site.json there is no Zalo button, and no Google+.
  await expect(share(page).getByRole("button", { name: /Zalo/ })).toHaveCount(0);
  await expect(share(page)).not.toContainText("Google");
  await page.waitForLoadState("networkidle");
  expect(requests.filter((url) => !url.startsWith(ROOT))).toEqual([]);
});

test("Zalo's plugin loads only after the reader's first click", async ({ page }) => {
  await withSite(page, { share: { zalo_oaid: "1234567890" } });
  // A portal that uses Zalo deploys with `scripts/set-endpoint … --zalo`.
  await withZaloPolicy(page, ARTICLE);
  const zalo = [];
  await page.route("https://sp.zalo.me/**", (route) => {
    zalo.push(route.request().url());
    return route.fulfill({ contentType: "text/javascript", body: "window.__zaloLoaded = true;" });
  });
  await page.goto(ARTICLE);
  await articleLoaded(page);
  const button = share(page).getByRole("button", { name: /^Chia sẻ lên Zalo/ });
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await page.waitForLoadState("networkidle");
  expect(zalo).toEqual([]);
  await button.click();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect.poll(() => zalo).toEqual(["https://sp.zalo.me/plugins/sdk.js"]);
  const plugin = share(page).locator(".zalo-share-button");
  await expect(plugin).toHaveAttribute("data-href", CANONICAL);
  await expect(plugin).toHaveAttribute("data-oaid", "1234567890");
  await expect(share(page).locator("[role=status]")).toHaveText("Đã tải nút của Zalo bên dưới; bấm vào đó để chia sẻ.");
});

test("copy link puts the canonical URL on the clipboard and says so", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: ROOT });
  await page.goto(`${ARTICLE}?utm_source=zalo#binh-luan`);
  await articleLoaded(page);
  await share(page).getByRole("button", { name: "Sao chép liên kết" }).click();
  await expect(share(page).locator("[role=status]")).toHaveText("Đã sao chép liên kết.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(CANONICAL);
});

test("the native share sheet is offered only where the browser has one", async ({ page }) => {
  await page.goto(ARTICLE);
  await articleLoaded(page);
  const hasShare = await page.evaluate(() => "share" in navigator);
  await expect(share(page).getByRole("button", { name: "Chia sẻ qua ứng dụng khác" })).toHaveCount(hasShare ? 1 : 0);

  await page.addInitScript(() => {
    navigator.share = (data) => {
      window.__shared = data;
      return Promise.resolve();
    };
  });
  await page.reload();
  await articleLoaded(page);
  await share(page).getByRole("button", { name: "Chia sẻ qua ứng dụng khác" }).click();
  expect(await page.evaluate(() => window.__shared)).toEqual({ url: CANONICAL, title: TITLE });
});

test("a vote by mouse is counted in, labelled as the reader's own, and remembered", async ({ page }) => {
  await page.goto(ARTICLE);
  await articleLoaded(page);
  await expect(rating(page).locator(".rating__summary")).toContainText("Tổng số điểm của bài viết là: 75 trong 17 đánh giá");
  await expect(rating(page).locator(".rating__summary")).toContainText("Điểm trung bình: 4,4 / 5");
  await rating(page).locator("label[for=rating-star-4]").click();
  await expect(rating(page).getByRole("radio", { name: "4 / 5 sao" })).toBeChecked();
  await rating(page).getByRole("button", { name: "Gửi đánh giá" }).click();
  await expect(rating(page).locator(".rating__summary")).toContainText("Tổng số điểm của bài viết là: 79 trong 18 đánh giá");
  await expect(rating(page).locator(".rating__own")).toContainText("Bạn đã đánh giá bài viết này 4 / 5 sao.");
  await expect(rating(page).locator(".rating__own")).toContainText("lưu trên thiết bị này");
  await expect(rating(page).getByRole("radio").first()).toBeDisabled();
  await expect(rating(page).getByRole("button", { name: "Gửi đánh giá" })).toHaveCount(0);
  expect(await axe(page)).toEqual([]);
  await page.reload();
  await articleLoaded(page);
  await expect(rating(page).locator(".rating__summary")).toContainText("79 trong 18 đánh giá");
  await expect(rating(page).getByRole("radio", { name: "4 / 5 sao" })).toBeChecked();
  await expect(rating(page).getByRole("radio").first()).toBeDisabled();
});

test("a vote by keyboard: arrows choose, Space selects, the button sends", async ({ page }) => {
  await page.goto(`/bai-viet/${SLUGS.tea}`);
  await articleLoaded(page);
  await rating(page).getByRole("radio", { name: "1 / 5 sao" }).focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(rating(page).getByRole("radio", { name: "3 / 5 sao" })).toBeChecked();
  // Lit by CSS (:checked), the stars up to the chosen one.
  await expect
    .poll(() =>
      rating(page)
        .locator(".rating__star svg")
        .evaluateAll((svgs) => svgs.map((svg) => getComputedStyle(svg).fill !== "rgba(0, 0, 0, 0)")),
    )
    .toEqual([true, true, true, false, false]);
  // Choosing is not voting.
  await expect(rating(page).locator(".rating__own")).toBeHidden();
  await page.keyboard.press("Tab");
  await expect(rating(page).getByRole("button", { name: "Gửi đánh giá" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(rating(page).locator(".rating__own")).toContainText("3 / 5 sao");
  await expect(rating(page).locator(".rating__summary")).toContainText("Tổng số điểm của bài viết là: 26 trong 6 đánh giá");
});

test("with rating_submit the vote is POSTed and the server's totals shown", async ({ page }) => {
  await withSite(page, { features: { rating_submit: true, stats_hit: false } });
  let body = null;
  await page.route(`**/api/articles/${SLUGS.reserved}/ratings`, async (route) => {
    body = route.request().postDataJSON();
    expect(route.request().method()).toBe("POST");
    await route.fulfill({ json: { total: 100, count: 20 } });
  });
  await page.goto(ARTICLE);
  await articleLoaded(page);
  await rating(page).locator("label[for=rating-star-5]").click();
  await rating(page).getByRole("button", { name: "Gửi đánh giá" }).click();
  await expect(rating(page).locator(".rating__summary")).toContainText("Tổng số điểm của bài viết là: 100 trong 20 đánh giá");
  // A vote id lets the endpoint count a retried vote once (issue 9).
  expect(body).toEqual({ stars: 5, vote_id: expect.stringMatching(/^[0-9a-f]{32}$/) });
  await expect(rating(page).locator(".rating__own")).toHaveText("Bạn đã đánh giá bài viết này 5 / 5 sao.");
  await expect(rating(page).locator("[role=status]")).toHaveText("Cảm ơn bạn đã đánh giá.");
});

test("a failed POST rolls the totals back, says so, and may be retried", async ({ page }) => {
  await withSite(page, { features: { rating_submit: true } });
  let fail = true;
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const ids = [];
  await page.route(`**/api/articles/${SLUGS.reserved}/ratings`, async (route) => {
    ids.push(route.request().postDataJSON().vote_id);
    if (fail) {
      await held;
      return route.fulfill({ status: 500, body: "" });
    }
    return route.fulfill({ json: { total: 77, count: 18 } });
  });
  await page.goto(ARTICLE);
  await articleLoaded(page);
  await rating(page).locator("label[for=rating-star-2]").click();
  await rating(page).getByRole("button", { name: "Gửi đánh giá" }).click();
  // In flight: busy, and the vote already shown.
  await expect(rating(page)).toHaveAttribute("aria-busy", "true");
  await expect(rating(page).locator(".rating__summary")).toContainText("77 trong 18 đánh giá");
  release();
  await expect(rating(page).locator("[role=status]")).toHaveText(
    "Không gửi được đánh giá: Máy chủ trả lời lỗi 500. Vui lòng thử lại sau ít phút.",
  );
  await expect(rating(page).locator(".rating__summary")).toContainText("75 trong 17 đánh giá");
  await expect(rating(page)).not.toHaveAttribute("aria-busy", "true");
  fail = false;
  await rating(page).getByRole("button", { name: "Thử lại" }).click();
  await expect(rating(page).locator(".rating__own")).toHaveText("Bạn đã đánh giá bài viết này 2 / 5 sao.");
  await expect(rating(page).locator(".rating__summary")).toContainText("77 trong 18 đánh giá");
  // "Thử lại" sends the same vote again: the same id.
  expect(ids).toHaveLength(2);
  expect(ids[1]).toBe(ids[0]);
});

test("bad JSON from the vote endpoint also rolls back", async ({ page }) => {
  await withSite(page, { features: { rating_submit: true } });
  await page.route(`**/api/articles/${SLUGS.reserved}/ratings`, (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: "{\"total\": \"many\"}" }),
  );
  await page.goto(ARTICLE);
  await articleLoaded(page);
  await rating(page).locator("label[for=rating-star-3]").click();
  await rating(page).getByRole("button", { name: "Gửi đánh giá" }).click();
  await expect(rating(page).locator("[role=status]")).toContainText("không đúng định dạng");
  await expect(rating(page).locator(".rating__summary")).toContainText("75 trong 17 đánh giá");
  await expect(rating(page).getByRole("radio").first()).toBeEnabled();
});

test("a vote made offline is counted at once, kept, and POSTed once when the connection returns", async ({ page, context }) => {
  await withSite(page, { features: { rating_submit: true, stats_hit: false } });
  const bodies = [];
  // Routed requests reach the handler even offline: it refuses them then.
  let offline = false;
  await page.route(`**/api/articles/${SLUGS.reserved}/ratings`, async (route) => {
    if (offline) return route.abort("internetdisconnected");
    bodies.push(route.request().postDataJSON());
    await route.fulfill({ json: { total: 80, count: 18 } });
  });
  await page.goto(ARTICLE);
  await articleLoaded(page);
  await expect(rating(page).locator(".rating__summary")).toContainText("75 trong 17 đánh giá");
  offline = true;
  await context.setOffline(true);
  await rating(page).locator("label[for=rating-star-5]").click();
  await rating(page).getByRole("button", { name: "Gửi đánh giá" }).click();
  await expect(rating(page).locator("[role=status]")).toHaveText(
    "Bạn đang ngoại tuyến: đánh giá của bạn đã được ghi lại và sẽ được gửi khi có mạng.",
  );
  await expect(rating(page).locator(".rating__summary")).toContainText("80 trong 18 đánh giá");
  await expect(rating(page).locator(".rating__own")).toHaveText("Bạn đã đánh giá bài viết này 5 / 5 sao.");
  expect(bodies).toEqual([]);
  // Kept on the device, not lost with the page.
  const kept = await page.evaluate(() => localStorage.getItem("portal.outbox"));
  expect(kept.trim().split("\n")).toEqual([expect.stringMatching(new RegExp(`^articles/${SLUGS.reserved}/ratings\t\\{"stars":5,`))]);

  offline = false;
  await context.setOffline(false);
  await expect.poll(() => bodies.length).toBe(1);
  expect(bodies[0]).toEqual({ stars: 5, vote_id: expect.stringMatching(/^[0-9a-f]{32}$/) });
  await expect.poll(() => page.evaluate(() => localStorage.getItem("portal.outbox"))).toBe(null);
  // Once only, also across a reload.
  await page.reload();
  await articleLoaded(page);
  await page.waitForTimeout(500);
  expect(bodies).toHaveLength(1);
});
