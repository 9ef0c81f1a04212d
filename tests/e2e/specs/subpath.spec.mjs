// The build made with `trunk build --release --public-url /some/sub/path/`,
// served under that path: assets, routes and the endpoint all resolve there.
import { test, expect, articleLoaded, SLUGS, TEA_TITLE } from "./helpers.mjs";
import { SUB } from "../playwright.config.mjs";

test("the sub-path build works end to end", async ({ page }) => {
  const failed = [];
  page.on("response", (r) => r.status() >= 400 && !r.url().endsWith("/") && failed.push(`${r.status()} ${r.url()}`));
  await page.goto(SUB);
  await expect(page.locator(".feed .card")).toHaveCount(5);
  const firstThumb = page.locator(".card__thumb").first();
  await expect.poll(() => firstThumb.evaluate((img) => img.naturalWidth)).toBeGreaterThan(0);

  await page.getByRole("link", { name: TEA_TITLE }).click();
  await expect(page).toHaveURL(`${SUB}bai-viet/${SLUGS.tea}`);
  await articleLoaded(page);
  await page.reload();
  await articleLoaded(page);
  const cover = page.locator(".article__cover img");
  await expect(cover).toHaveAttribute("src", `${SUB}api/images/che-shan-tuyet.svg`);
  await expect.poll(() => cover.evaluate((img) => img.naturalWidth)).toBeGreaterThan(0);

  await page.locator(".breadcrumb").getByRole("link", { name: "Kinh tế" }).click();
  await expect(page).toHaveURL(`${SUB}chuyen-muc/kinh-te`);
  await expect(page.locator("h1")).toHaveText("Kinh tế");
  await page.locator(".category-nav").getByRole("link", { name: "Trang chủ" }).click();
  await expect(page).toHaveURL(SUB);
  await expect(page.locator("h1")).toHaveText("Tin mới nhất");
  // The only 404 allowed is the deep-link document itself (404.html fallback).
  expect(failed.filter((f) => !f.includes("/bai-viet/"))).toEqual([]);
});
