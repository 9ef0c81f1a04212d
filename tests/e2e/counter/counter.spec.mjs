// The rating and the visitor statistics against the real counting service
// on SQLite (playwright.counter.config.mjs): what one reader votes, another
// browser sees; what the sidebar shows is the service's live count.
import { test, expect, articleLoaded, axe, SLUGS } from "../specs/helpers.mjs";
import { readFileSync } from "node:fs";
import { COUNTER } from "../playwright.counter.config.mjs";

const ARTICLE = `/bai-viet/${SLUGS.tea}`;
const rating = (page) => page.locator("section.rating");
const summary = (page) => rating(page).locator(".rating__summary");
const line = ({ total, count }) => `Tổng số điểm của bài viết là: ${total} trong ${count} đánh giá`;
const document = JSON.parse(readFileSync(new URL(`../../../dist-counter/api/articles/${SLUGS.tea}.json`, import.meta.url)));

async function vote(page, stars) {
  await rating(page).locator(`label[for=rating-star-${stars}]`).click();
  const posted = page.waitForRequest((r) => r.url() === `${COUNTER}/articles/${SLUGS.tea}/ratings` && r.method() === "POST");
  await rating(page).getByRole("button", { name: "Gửi đánh giá" }).click();
  return (await posted).postDataJSON();
}

test("a vote is counted by the service, survives a reload and shows in a second browser", async ({ page, browser, request }) => {
  const start = await (await request.get(`${COUNTER}/articles/${SLUGS.tea}/ratings`)).json();
  // The service starts from the endpoint's own figures.
  expect(start.count).toBeGreaterThanOrEqual(document.rating.count);
  await page.goto(ARTICLE);
  await articleLoaded(page);
  await expect(summary(page)).toContainText(line(start));
  const sent = await vote(page, 4);
  expect(sent).toEqual({ stars: 4, vote_id: expect.stringMatching(/^[0-9a-f]{32}$/) });
  const first = { total: start.total + 4, count: start.count + 1 };
  await expect(summary(page)).toContainText(line(first));
  await expect(rating(page).locator("[role=status]")).toHaveText("Cảm ơn bạn đã đánh giá.");
  expect(await axe(page)).toEqual([]);
  await page.reload();
  await articleLoaded(page);
  await expect(summary(page)).toContainText(line(first));
  await expect(rating(page).getByRole("radio", { name: "4 / 5 sao" })).toBeChecked();

  // Another browser (nothing stored): the live totals, and its own vote.
  const other = await browser.newContext({ locale: "vi-VN", serviceWorkers: "block" });
  const second = await other.newPage();
  const violations = [];
  second.on("console", (m) => /Content Security Policy/.test(m.text()) && violations.push(m.text()));
  await second.goto(ARTICLE);
  await articleLoaded(second);
  await expect(summary(second)).toContainText(line(first));
  await vote(second, 2);
  const both = { total: first.total + 2, count: first.count + 1 };
  await expect(summary(second)).toContainText(line(both));
  await other.close();
  expect(violations).toEqual([]);
  expect(await (await request.get(`${COUNTER}/articles/${SLUGS.tea}/ratings`)).json()).toEqual(both);
});

test("the visitor statistics are the service's live count, page views included", async ({ page, request }) => {
  const embedded = JSON.parse(readFileSync(new URL("../../../dist-counter/api/stats.json", import.meta.url)));
  // The service's figures before and after the page loads (the page view,
  // and the other test's, may count either side of the widget's own fetch):
  // the total shown is one the service had meanwhile. Read from the service,
  // not from the widget's response, whose body Chromium may no longer hold
  // by the time it is asked for.
  const before = await (await request.get(`${COUNTER}/stats.json`)).json();
  const hit = page.waitForRequest((r) => r.url() === `${COUNTER}/stats/hit` && r.method() === "POST");
  await page.goto(ARTICLE);
  await articleLoaded(page);
  const sent = await hit;
  expect(sent.postDataJSON()).toEqual({ path: ARTICLE });
  expect((await sent.response()).status()).toBe(204);
  const stats = page.locator("[aria-labelledby=widget-stats]");
  // Dated today by the service, not the static file's day.
  const today = (await (await request.get(`${COUNTER}/stats.json`)).json()).as_of;
  const [year, month, day] = today.split("-");
  await expect(stats).toContainText(`Số liệu đến ${day}/${month}/${year}`);
  expect(today).not.toBe(embedded.as_of);
  const after = await (await request.get(`${COUNTER}/stats.json`)).json();
  const figures = (await stats.locator("dd").allTextContents()).map((t) => Number(t.replace(/\D/g, "")));
  expect(figures.some((n) => n >= before.total && n <= after.total), `${figures} within ${before.total}..${after.total}`).toBe(true);
  // Once answered, the page view is counted on top of the endpoint's total.
  const live = await (await request.get(`${COUNTER}/stats.json`)).json();
  expect(live.total).toBeGreaterThan(embedded.total);
});
