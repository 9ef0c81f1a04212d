// A NukeViet portal's database, imported and pre-rendered (tests/nukeviet/run.sh):
// the app on its endpoint, and every form of its old addresses landing on the
// page it now has, on a host with redirects and on one without.
import { test, expect, appLive, axe, expectHostileMarkup } from "../specs/helpers.mjs";
import { REDIRECTING, STATIC } from "../playwright.nukeviet.config.mjs";

const FIRST = "khai-mac-ky-hop-thu-8-1";
const FIRST_TITLE = "Khai mạc Kỳ họp thứ 8! HĐND tỉnh";

// The fixture portal is a single-language one (rewrite_optional,
// rewrite_op_mod = news): the default form and the shortest.
const OLD = [
  [`/vi/news/thoi-su/${FIRST}.html`, `/bai-viet/${FIRST}`],
  [`/thoi-su/${FIRST}.html`, `/bai-viet/${FIRST}`],
  ["/van-hoa/Le-hoi-Then-Kin-Pang-nam-2024-23.html", "/bai-viet/le-hoi-then-kin-pang-nam-2024-23"],
  ["/vi/news/kinh-te/", "/chuyen-muc/kinh-te"],
  ["/kinh-te/", "/chuyen-muc/kinh-te"],
  ["/vi/news/rss/", "/feed.xml"],
  ["/rss/kinh-te/", "/chuyen-muc/kinh-te.xml"],
  ["/vi/news/", "/"],
  ["/vi/", "/"],
];

test("every old address is a permanent redirect on a host that reads _redirects", async ({ request }) => {
  for (const [from, to] of OLD) {
    const answer = await request.get(`${REDIRECTING}${from}`, { maxRedirects: 0 });
    expect(answer.status(), from).toBe(301);
    expect(answer.headers().location, from).toBe(to);
  }
  // Rows that are not public have no old address, and no page.
  for (const gone of ["/vi/news/thoi-su/bi-tam-dung-4.html", "/bai-viet/loi-ma-hoa-10", "/bai-viet/noi-dung-qua-dai-9"]) {
    expect((await request.get(`${REDIRECTING}${gone}`, { maxRedirects: 0 })).status(), gone).toBe(404);
  }
});

test("without redirects, the page left at an old address leads on, with no JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const [from, to] of OLD.filter(([, to]) => !to.endsWith(".xml"))) {
    await page.goto(`${STATIC}${from}`);
    await expect(page, from).toHaveURL(`${STATIC}${to}`);
  }
  await page.goto(`${STATIC}/vi/news/thoi-su/${FIRST}.html`);
  await expect(page.locator("h1")).toHaveText(FIRST_TITLE);
  await context.close();
});

test("an old address shared on Facebook opens the article in the app", async ({ page }) => {
  // CKEditor's bodies carry style attributes (and this fixture a script and
  // a handler): Chromium reports them as the sanitiser parses them in its
  // inert document, though nothing of them reaches the page (checked below).
  expectHostileMarkup(page);
  await page.goto(`/vi/news/thoi-su/${FIRST}.html`);
  await expect(page).toHaveURL(`${REDIRECTING}/bai-viet/${FIRST}`);
  await expect(page.locator("h1")).toHaveText(FIRST_TITLE);
  await appLive(page);
  const body = page.locator(".prose");
  // The editor's layout, as classes of ours; nothing of its styles or scripts.
  await expect(body.locator("p.text-center img[src$='uploads/news/2024_05/dai-bieu.jpg']")).toHaveCount(1);
  await expect(body.locator("img.float-right[src$='uploads/news/2024_05/nho.jpg']")).toHaveAttribute("width", "200");
  await expect(body.locator("img.float-left[src$='uploads/news/2024_05/trai.png']")).toHaveCount(1);
  await expect(body.locator("div.text-right")).toHaveText("Ký tên");
  await expect(body.locator("[style], script, [onclick], a[href^='javascript']")).toHaveCount(0);
  const image = body.locator("img[src$='dai-bieu.jpg']");
  await expect.poll(() => image.evaluate((img) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(page.getByText("Hà Linh, Phạm Dung")).toBeVisible();
  expect(await axe(page)).toEqual([]);
});

test("the imported portal: its name, its categories with their sub-categories, its statistics", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Cổng thông tin điện tử tỉnh Lai Châu/);
  await expect(page.getByRole("link", { name: "Lai Châu đẩy mạnh chuyển đổi số trong cơ quan nhà nước" }).first()).toBeVisible();
  // thoi-su lists its sub-category's article too (thong-bao-2 is in trong-tinh).
  await page.goto("/chuyen-muc/thoi-su");
  await expect(page.getByRole("link", { name: "Thông báo lịch tiếp công dân tháng 6" }).first()).toBeVisible();
  await page.goto("/chuyen-muc/kinh-te");
  await expect(page.locator("h1")).toHaveText("Kinh tế & Đầu tư");
  await expect(page.getByText("6.051").first()).toBeVisible();
});
