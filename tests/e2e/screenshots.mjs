// Full-page screenshots of every page at phone and desktop widths, for people
// to look at (README, reviews of visual changes).
//   node screenshots.mjs --base http://127.0.0.1:8096 --out ../../docs/screenshots
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const base = arg("base", "http://127.0.0.1:8096");
const out = arg("out", "../../docs/screenshots");
mkdirSync(out, { recursive: true });

const PAGES = [
  ["home", "/", ".feed .card"],
  ["category", "/chuyen-muc/kinh-te", ".feed .card"],
  ["article", "/bai-viet/thu-ngan-sach-chin-thang-dat-82-phan-tram", ".article__body > *"],
  ["not-found", "/khong-co", "h1"],
];
const WIDTHS = [320, 1280];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
for (const width of WIDTHS) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, reducedMotion: "reduce" });
  for (const [name, path, ready] of PAGES) {
    await page.goto(base + path);
    await page.locator(ready).first().waitFor();
    await page.waitForLoadState("networkidle");
    const file = `${out}/${name}-${width}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
  await page.close();
}
await browser.close();
