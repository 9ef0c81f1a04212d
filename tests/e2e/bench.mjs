// Load-to-content of an article page on a throttled phone profile, as the
// issue defines it: 150 ms round trip, 1.6 Mbit/s down, CPU slowed 4x, files
// served brotli-compressed, every load cold (fresh browser context, no cache).
// Also when the app is interactive: it has taken the page over and the
// toolbar answers a click. With --shell the page is asked for as a route that
// was not pre-rendered (the app renders everything itself). And the longest
// main-thread task, and the blocking time (what each task takes over 50 ms).
//   node bench.mjs --url http://127.0.0.1:8095/bai-viet/<slug> [--runs 5] [--shell]
import { launch, SCREEN, throttle } from "./phone.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const url = arg("url");
const runs = Number(arg("runs", 5));
const shell = process.argv.includes("--shell");

const browser = await launch();

const results = [];
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ ...SCREEN, extraHTTPHeaders: shell ? { "x-test-shell": "1" } : {} });
  const page = await context.newPage();
  const cdp = await throttle(context, page, { cacheDisabled: true });
  let transferred = 0;
  cdp.on("Network.loadingFinished", (e) => (transferred += e.encodedDataLength));
  // "Content" = the article's title and sanitised body are in the page.
  await page.addInitScript(() => {
    // Main-thread tasks over 50 ms: what a reader's tap may wait behind.
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
    new MutationObserver((_, observer) => {
      const body = document.querySelector(".article__body");
      if (window.__contentAt === undefined && body && body.childNodes.length > 0 && document.querySelector("article.article h1")) {
        window.__contentAt = performance.now();
      }
      const app = document.getElementById("app");
      // The toolbar answers once the app has taken the page over and built
      // the toolbar's region; the rest of the regions follow, a task each.
      const swapped = app && !app.hasAttribute("data-prerendered");
      const bar = document.querySelector(".a11y-bar");
      if (window.__liveAt === undefined && swapped && bar && !bar.closest("[data-pending]")) {
        window.__liveAt = performance.now();
      }
      if (window.__allAt === undefined && swapped && bar && !app.querySelector("[data-pending]")) {
        window.__allAt = performance.now();
      }
      if (window.__contentAt !== undefined && window.__allAt !== undefined) observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__contentAt !== undefined && window.__allAt !== undefined, null, { timeout: 60_000 });
  const [contentAt, liveAt, allAt] = await page.evaluate(() => [window.__contentAt, window.__liveAt, window.__allAt]);
  // Interactive means it answers: a press of A+ changes the text size.
  await page.locator(".a11y-bar__button", { hasText: "A+" }).click();
  await page.waitForFunction(() => document.documentElement.getAttribute("data-text-size") === "112.5", null, { timeout: 10_000 });
  await page.waitForLoadState("networkidle");
  const long = await page.evaluate(() => window.__long);
  const longest = Math.round(Math.max(0, ...long));
  const blocking = Math.round(long.reduce((sum, d) => sum + Math.max(0, d - 50), 0));
  results.push({ run: run + 1, ms: Math.round(contentAt), live: Math.round(liveAt), all: Math.round(allAt), kb: +(transferred / 1024).toFixed(1), longest, blocking });
  await context.close();
}
await browser.close();

for (const r of results) {
  console.log(`run ${r.run}: content at ${r.ms} ms, interactive at ${r.live} ms (all of it at ${r.all} ms), ${r.kb} KB transferred, longest task ${r.longest} ms, blocking ${r.blocking} ms`);
}
const median = (key) => results.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
const what = shell ? "the shell (not pre-rendered)" : "the pre-rendered page";
console.log(`median load-to-content: ${median("ms")} ms over ${runs} cold loads of ${what}`);
console.log(`median interactive (toolbar answers): ${median("live")} ms; every part live: ${median("all")} ms`);
console.log(`median longest task: ${median("longest")} ms; median blocking time (the part of each task over 50 ms): ${median("blocking")} ms`);
