// Full-page screenshots of every page at phone and desktop widths, of the
// article in every contrast level, at 200 % text, in English and as printed,
// for people to look at
// (README, reviews of visual changes).
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
async function shoot(page, path, ready, file) {
  await page.goto(base + path);
  await page.locator(ready).first().waitFor();
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `${out}/${file}`, fullPage: true });
  console.log(`${out}/${file}`);
}

for (const width of WIDTHS) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, reducedMotion: "reduce" });
  for (const [name, path, ready] of PAGES) {
    await shoot(page, path, ready, `${name}-${width}.png`);
  }
  await page.close();
}

// The article in every contrast level (and the dark variant of normal), and at
// the largest text size on the smallest screen, as a returning reader sees them.
const [, articlePath, articleReady] = PAGES[2];
const VARIANTS = [
  ...["soft", "normal", "high", "maximum"].flatMap((level) =>
    WIDTHS.map((width) => ({ file: `contrast-${level}-${width}.png`, width, contrast: level })),
  ),
  ...WIDTHS.map((width) => ({ file: `contrast-normal-dark-${width}.png`, width, contrast: "normal", dark: true })),
  { file: "text-200-320.png", width: 320, size: "200" },
  ...WIDTHS.map((width) => ({ file: `spacing-widest-${width}.png`, width, spacing: "widest" })),
  { file: "text-200-spacing-widest-high-320.png", width: 320, size: "200", spacing: "widest", contrast: "high" },
  ...WIDTHS.map((width) => ({ file: `english-article-${width}.png`, width, lang: "en" })),
  { file: "english-home-1280.png", width: 1280, lang: "en", path: "/", ready: ".feed .card" },
  { file: "print-article.png", width: 800, print: true },
];
for (const { file, width, contrast, size, spacing, dark, lang, print, path, ready } of VARIANTS) {
  const page = await browser.newPage({
    viewport: { width, height: 900 },
    reducedMotion: "reduce",
    colorScheme: dark ? "dark" : "light",
  });
  await page.addInitScript(
    ([contrast, size, spacing, lang]) => {
      if (contrast) localStorage.setItem("portal.contrast", contrast);
      if (size) localStorage.setItem("portal.text-size", size);
      if (spacing) localStorage.setItem("portal.text-spacing", spacing);
      if (lang) localStorage.setItem("portal.lang", lang);
    },
    [contrast, size, spacing, lang],
  );
  if (print) await page.emulateMedia({ media: "print" });
  await shoot(page, path ?? articlePath, ready ?? articleReady, file);
  await page.close();
}
await browser.close();
