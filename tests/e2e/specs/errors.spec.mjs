// Bad answers from the endpoint: a clear message, a retry that works, and a
// failure in one region never hides another.
import { test, expect, articleLoaded, SLUGS, asShell } from "./helpers.mjs";

// The app's own loading, as on a route that was not pre-rendered: a
// pre-rendered page shows what it carries and refreshes it quietly instead.
test.beforeEach(async ({ page }) => {
  await asShell(page);
});

/** Answers `pattern` badly until `heal()` is called, then passes through. */
async function breakRoute(page, pattern, answer) {
  let broken = true;
  await page.route(pattern, (route) => (broken ? route.fulfill(answer) : route.continue()));
  return () => (broken = false);
}

const BAD_ANSWERS = {
  "HTTP 500": { status: 500, body: "boom", message: "Máy chủ trả lời lỗi 500." },
  "malformed JSON": { status: 200, body: "{ not json", contentType: "application/json", message: "không đúng định dạng" },
  "JSON missing required fields": { status: 200, json: { articles: "nope" }, message: "không đúng định dạng" },
};

for (const [what, { message, ...answer }] of Object.entries(BAD_ANSWERS)) {
  test(`home: ${what} in articles.json shows an error, and 'Thử lại' recovers`, async ({ page }) => {
    const heal = await breakRoute(page, "**/api/articles.json", answer);
    await page.goto("/");
    const alert = page.locator("main [role=alert]");
    await expect(alert).toContainText("Không tải được nội dung");
    await expect(alert).toContainText(message);
    await expect(page.locator("h1")).toHaveText("Tin mới nhất");
    heal();
    await alert.getByRole("button", { name: "Thử lại" }).click();
    await expect(page.locator(".feed .card")).toHaveCount(5);
    await expect(page.locator("main [role=alert]")).toHaveCount(0);
  });
}

test("article: HTTP 503 shows an error page with a working retry", async ({ page }) => {
  const heal = await breakRoute(page, `**/api/articles/${SLUGS.newest}.json`, { status: 503, body: "" });
  await page.goto(`/bai-viet/${SLUGS.newest}`);
  await expect(page.locator("h1")).toHaveText("Không tải được nội dung");
  await expect(page.locator("main [role=alert]")).toContainText("Máy chủ trả lời lỗi 503.");
  await page.locator("main [role=alert] summary").click();
  await expect(page.locator("main [role=alert] code")).toContainText(`HTTP 503 for`);
  heal();
  await page.getByRole("button", { name: "Thử lại" }).click();
  await articleLoaded(page);
});

test("article: bad JSON names the serde error in the details", async ({ page }) => {
  await breakRoute(page, `**/api/articles/${SLUGS.newest}.json`, {
    status: 200,
    contentType: "application/json",
    json: { slug: SLUGS.newest, title: "Thiếu thân bài", published_at: "2026-11-25T08:30:00+07:00" },
  });
  await page.goto(`/bai-viet/${SLUGS.newest}`);
  await expect(page.locator("main [role=alert]")).toContainText("không đúng định dạng");
  await expect(page.locator("main [role=alert] code")).toContainText("missing field `body_html`");
});

test("a failed site.json never hides the article, and retries in the header", async ({ page }) => {
  const heal = await breakRoute(page, "**/api/site.json", { status: 500, body: "" });
  await page.goto(`/bai-viet/${SLUGS.newest}`);
  await articleLoaded(page);
  const navAlert = page.locator(".category-nav [role=alert]");
  await expect(navAlert).toContainText("Máy chủ trả lời lỗi 500.");
  await expect(page.locator(".site-name")).toContainText("Cổng thông tin điện tử");
  heal();
  await navAlert.getByRole("button", { name: "Thử lại" }).click();
  await expect(page.locator(".category-nav").getByRole("link", { name: "Kinh tế" })).toBeVisible();
  await expect(page.locator(".site-name")).toHaveText("Cổng thông tin điện tử tỉnh Sơn Hà");
});

test("a failed second page keeps the list and retries below it", async ({ page }) => {
  const heal = await breakRoute(page, "**/api/articles-2.json", { status: 500, body: "" });
  await page.goto("/");
  await expect(page.locator(".feed .card")).toHaveCount(5);
  await page.getByRole("button", { name: "Xem thêm" }).click();
  await expect(page.locator(".feed [role=alert]")).toContainText("Máy chủ trả lời lỗi 500.");
  await expect(page.locator(".feed .card")).toHaveCount(5);
  heal();
  await page.getByRole("button", { name: "Thử lại" }).click();
  await expect(page.locator(".feed .card")).toHaveCount(10);
});

test("the network failing entirely is reported in plain words", async ({ page }) => {
  await page.route("**/api/articles.json", (route) => route.abort("internetdisconnected"));
  await page.goto("/");
  await expect(page.locator("main [role=alert]")).toContainText("Không kết nối được tới máy chủ");
});

test("a request that hangs ends as a timeout within 15 s", async ({ page }) => {
  test.setTimeout(45_000);
  await page.route(`**/api/articles/${SLUGS.newest}.json`, () => {
    /* never answered */
  });
  await page.goto(`/bai-viet/${SLUGS.newest}`);
  const started = Date.now();
  await expect(page.locator("main [role=alert]")).toContainText("không trả lời sau 15 giây", { timeout: 20_000 });
  expect(Date.now() - started).toBeLessThan(17_000);
});
