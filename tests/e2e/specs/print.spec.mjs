// Issue 26: a print-out that leads back. The PDF Chromium prints of an
// article (page.pdf(), which fires `beforeprint` as printing does), read back
// by pdftotext: the article, the portal's name, its address and the date
// printed, and none of the screen's controls. The pre-rendered note (with
// the QR code) belongs to its own page: after in-app navigation it is not
// printed on another. The QR code itself is decoded natively against the
// written pages (deploy/tests/print_note.rs): no JavaScript QR decoder is in
// the e2e packages, and the printed SVG is the one the pre-render wrote.
import { test, expect, articleLoaded, appLive, asShell, SLUGS, TEA_TITLE } from "./helpers.mjs";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SITE_NAME = "Cổng thông tin điện tử tỉnh Sơn Hà";
const TABLE_TITLE = "Chín tháng đầu năm, thu ngân sách đạt 82% dự toán";
const address = (slug) => `https://sonha.example.vn/bai-viet/${slug}`;
/** Text of the screen only: the toolbar, the menu, the search field, the
 * sidebar, share, rating, read aloud and the list's buttons. */
const SCREEN_ONLY = ["A+", "Giảm tương phản", "Trang chủ", "Tìm kiếm", "Thống kê truy cập", "Chia sẻ lên", "Gửi đánh giá", "Nghe đọc bài viết", "In bài viết", "Xem thêm"];

/** The page printed to PDF, as pdftotext reads it: the text, and the same
 * without white space (long addresses wrap). */
async function printed(page) {
  const dir = mkdtempSync(join(tmpdir(), "print-spec-"));
  writeFileSync(join(dir, "page.pdf"), await page.pdf({ format: "A4" }));
  const text = execFileSync("pdftotext", ["-layout", join(dir, "page.pdf"), "-"], { encoding: "utf8" });
  return { text: text.replace(/\s+/g, " "), bare: text.replace(/\s/g, "") };
}

/** "In ngày 5/12/2026", as the page's own clock and locale write it. */
async function printedOn(page) {
  return "In ngày " + (await page.evaluate(() => new Date().toLocaleDateString("vi-VN")));
}

function expectNoScreenControls(text) {
  for (const hidden of SCREEN_ONLY) expect(text, `"${hidden}" is not printed`).not.toContain(hidden);
}

test("a pre-rendered article prints with its portal, address, QR code and date, without the controls", async ({ page }) => {
  await page.goto(`/bai-viet/${SLUGS.tea}`);
  await articleLoaded(page);
  const { text, bare } = await printed(page);
  expect(text).toContain(TEA_TITLE);
  expect(text).toContain("Người dân xã Tả Phìn hái chè");
  expect(text).toContain(SITE_NAME);
  expect(bare).toContain(`Địachỉbàiviết:${address(SLUGS.tea)}`);
  // Once: the note says it, the app's own print line steps back.
  expect(bare.split(address(SLUGS.tea)).length - 1).toBe(1);
  expect(text).toContain(await printedOn(page));
  expectNoScreenControls(text);
  // The QR code on paper: the note shown, the code at a size a phone reads.
  const note = page.locator("body > .print-note[data-for]");
  await expect(note).toHaveAttribute("data-for", `/bai-viet/${SLUGS.tea}`);
  expect(await note.evaluate((n) => n.hidden)).toBe(false);
  await page.emulateMedia({ media: "print" });
  const qr = note.locator("svg[role=img]");
  await expect(qr).toBeVisible();
  const box = await qr.boundingBox();
  // 28 mm at 96 px an inch.
  expect(Math.round(box.width)).toBe(106);
  expect(box.height).toBeCloseTo(box.width, 0);
  await expect(note.locator("svg > title")).toHaveText("Mã QR dẫn tới địa chỉ bài viết");
});

test("after in-app navigation the first article's note is not printed on another page", async ({ page }) => {
  await page.goto(`/bai-viet/${SLUGS.tea}`);
  await articleLoaded(page);
  // Its older neighbour, in the app (no reload): the pre-rendered note of
  // the tea article stays in the document, and must not print here.
  await page.locator(".neighbours__older a").click();
  await expect(page).toHaveURL(new RegExp(`/bai-viet/${SLUGS.table}$`));
  await expect(page.locator("article.article h1")).toHaveText(TABLE_TITLE);
  await articleLoaded(page);
  let { text, bare } = await printed(page);
  expect(text).toContain(TABLE_TITLE);
  expect(text).toContain(SITE_NAME);
  expect(bare).toContain(address(SLUGS.table));
  expect(bare).not.toContain(address(SLUGS.tea));
  expect(text).toContain(await printedOn(page));
  expectNoScreenControls(text);
  await expect(page.locator("body > .print-note[data-for]")).toBeHidden();
  expect(await page.locator("body > .print-note[data-for]").evaluate((n) => n.hidden)).toBe(true);

  // Home, in the app: neither article's address.
  await page.locator(".site-name").click();
  await expect(page.locator("h1")).toHaveText("Tin mới nhất");
  await appLive(page);
  ({ text, bare } = await printed(page));
  expect(text).toContain(SITE_NAME);
  expect(bare).toContain("https://sonha.example.vn/");
  expect(bare).not.toContain(address(SLUGS.tea));
  expect(bare).not.toContain(address(SLUGS.table));
  expectNoScreenControls(text);

  // Back to the first article: its own note prints again.
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/bai-viet/${SLUGS.tea}$`));
  await articleLoaded(page);
  ({ text, bare } = await printed(page));
  expect(bare.split(address(SLUGS.tea)).length - 1).toBe(1);
  expect(bare).not.toContain(address(SLUGS.table));
  expect(await page.locator("body > .print-note[data-for]").evaluate((n) => n.hidden)).toBe(false);
});

test("a page the pre-render did not write prints its portal, address and date, without a QR code", async ({ page }) => {
  await asShell(page);
  await page.goto(`/bai-viet/${SLUGS.land}`);
  await articleLoaded(page);
  await expect(page.locator("body > .print-note[data-for]")).toHaveCount(0);
  const { text, bare } = await printed(page);
  expect(text).toContain(SITE_NAME);
  expect(bare.split(address(SLUGS.land)).length - 1).toBe(1);
  expect(text).toContain(await printedOn(page));
  expectNoScreenControls(text);
  await expect(page.locator("body svg[role=img]")).toHaveCount(0);
});

test("in English the date printed is in English", async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("portal.lang", "en"));
  await page.goto(`/bai-viet/${SLUGS.tea}`);
  await articleLoaded(page);
  const { text } = await printed(page);
  const day = await page.evaluate(() => new Date().toLocaleDateString("en-GB", { dateStyle: "long" }));
  expect(text).toContain(`Printed ${day}`);
});
