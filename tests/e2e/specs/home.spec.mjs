// Home and category pages: newest first, "Xem thêm" through `next` pages.
import { test, expect } from "./helpers.mjs";

test("home lists the newest articles first, with title and language set", async ({ page }) => {
  await page.goto("/");
  const cards = page.locator(".feed .card__title a");
  await expect(cards).toHaveCount(5);
  await expect(cards.first()).toHaveText("Khai mạc Kỳ họp thứ Mười Hội đồng nhân dân tỉnh khóa XV");
  await expect(page.locator("h1")).toHaveCount(1);
  await expect(page.locator("h1")).toHaveText("Tin mới nhất");
  await expect(page).toHaveTitle("Cổng thông tin điện tử tỉnh Sơn Hà");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  const dates = await page.locator(".feed time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime")));
  expect([...dates].sort().reverse()).toEqual(dates);
  await expect(page.locator('.category-nav a[aria-current="page"]')).toHaveText("Trang chủ");
});

test("'Xem thêm' loads the next pages, announces them and moves focus to the first new one", async ({ page }) => {
  await page.goto("/");
  const cards = page.locator(".feed .card__title a");
  await expect(cards).toHaveCount(5);
  const more = page.getByRole("button", { name: "Xem thêm" });
  await more.click();
  await expect(cards).toHaveCount(10);
  await expect(cards.nth(5)).toBeFocused();
  await expect(page.locator(".feed [role=status]")).toHaveText("Đã tải thêm 5 bài viết.");
  // The last page, by keyboard this time.
  await more.focus();
  await page.keyboard.press("Enter");
  await expect(cards).toHaveCount(13);
  await expect(cards.nth(10)).toBeFocused();
  await expect(page.getByText("Đã hiển thị tất cả bài viết.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Xem thêm" })).toHaveCount(0);
  const slugs = await cards.evaluateAll((els) => els.map((e) => e.getAttribute("href")));
  expect(new Set(slugs).size).toBe(13);
});

test("a category page lists only its own articles, across pages", async ({ page }) => {
  await page.goto("/");
  await page.locator(".category-nav").getByRole("link", { name: "Kinh tế" }).click();
  await expect(page).toHaveURL(/\/chuyen-muc\/kinh-te$/);
  await expect(page.locator("h1")).toHaveText("Kinh tế");
  await expect(page).toHaveTitle("Kinh tế – Cổng thông tin điện tử tỉnh Sơn Hà");
  const categories = page.locator(".feed .card__category");
  // Three economy articles, spread over the first two list pages.
  await expect(categories).toHaveCount(3);
  await expect(categories).toHaveText(["Kinh tế", "Kinh tế", "Kinh tế"]);
  await expect(page.locator('.category-nav a[aria-current="page"]')).toHaveText("Kinh tế");
});

test("moving between categories starts a fresh list", async ({ page }) => {
  await page.goto("/chuyen-muc/thoi-su");
  await expect(page.locator("h1")).toHaveText("Thời sự");
  await expect(page.locator(".feed .card__category").first()).toHaveText("Thời sự");
  await page.locator(".category-nav").getByRole("link", { name: "Chính sách - Pháp luật" }).click();
  await expect(page.locator("h1")).toHaveText("Chính sách - Pháp luật");
  // The heading comes from site.json at once, the cards as the list pages
  // arrive (the three policy articles are on three pages), so wait for the
  // whole list, and for the feed to say it has ended, before judging it.
  await expect(page.getByText("Đã hiển thị tất cả bài viết.")).toBeVisible();
  const name = "Chính sách - Pháp luật";
  await expect(page.locator(".feed .card__category")).toHaveText([name, name, name]);
});
