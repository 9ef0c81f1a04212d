// Search on the throttled phone profile (issue 15), on a served build whose
// index was built from a generated endpoint (scripts/bench-search):
//  - cold: a fresh browser context opens an article, a query is filled in
//    the header field and Enter pressed at once; time from Enter until the
//    results are on screen, with the engine (search/search.js) and the
//    index's buckets and articles all fetched then (budget 1.0 s); and the
//    same query typed as a reader types it, the engine loading from the
//    focus and the buckets while the reader types;
//  - warm: in the same page, the next queries (the search code loaded, the
//    buckets of their words not yet); budget 300 ms;
//  - the bytes of the index each query fetched (buckets of words and pairs,
//    and the articles shown, as they travel, brotli), budget 100 KB.
//   node bench-search.mjs --url http://127.0.0.1:8096/bai-viet/<slug> [--runs 5]
import { launch, SCREEN, throttle } from "./phone.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const url = arg("url");
const runs = Number(arg("runs", 5));
// Words of the generated endpoint (.tools/generate-endpoint.mjs), without
// marks as readers type them on phones, and one with marks and a phrase.
const QUERIES = ["dong bao", "ngan sach", "Lễ hội", "\"giao thong\"", "du lich", "nong dan"];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const browser = await launch();

async function search(page, query, typed = false) {
  if (typed) {
    // A reader on a phone: focus (the engine starts loading), then
    // about 6 characters a second.
    await page.fill("#search-q", "");
    await page.type("#search-q", query, { delay: 160 });
  } else {
    await page.fill("#search-q", query);
  }
  const started = await page.evaluate(() => performance.now());
  await page.press("#search-q", "Enter");
  await page.waitForFunction(
    (q) => {
      const status = document.querySelector(".search__status")?.textContent ?? "";
      return status.includes(q) && (document.querySelector(".search__results li") || /Không tìm thấy/.test(status));
    },
    query,
    { timeout: 60_000 },
  );
  return (await page.evaluate(() => performance.now())) - started;
}

/**
 * The page has settled: loaded, and its service worker installed (it
 * registers 2 s after the page shows its content, then downloads the
 * shell and the app, about 200 KB: a search during that download shares the
 * line with it, which is not what the budgets are about).
 */
async function settled(page) {
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active && r.active.state === "activated" ? 0 : new Promise((done) => r.active.addEventListener("statechange", done))));
  await page.waitForLoadState("networkidle");
}

const cold = [];
const typed = [];
const warm = [];
const bytes = [];
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext(SCREEN);
  const page = await context.newPage();
  await throttle(context, page, { cacheDisabled: false });
  let indexBytes = 0;
  context.on("requestfinished", async (request) => {
    if (!/\/search\/[wpd]\/\d+\.json$/.test(request.url())) return;
    const sizes = await request.sizes().catch(() => null);
    if (sizes) indexBytes += sizes.responseBodySize + sizes.responseHeadersSize;
    if (process.env.TRACE) console.log(Math.round(performance.now()), request.url().split("/search/")[1], sizes?.responseBodySize);
  });
  await page.goto(url);
  await page.waitForSelector("article.article h1");
  await settled(page);
  indexBytes = 0;
  cold.push(await search(page, QUERIES[run % QUERIES.length]));
  await page.waitForLoadState("networkidle");
  bytes.push(indexBytes);
  for (const query of QUERIES.filter((_, i) => i !== run % QUERIES.length).slice(0, 2)) {
    indexBytes = 0;
    warm.push(await search(page, query));
    await page.waitForLoadState("networkidle");
    bytes.push(indexBytes);
  }
  await context.close();
  // The same first search, typed as a reader types it.
  const context2 = await browser.newContext(SCREEN);
  const page2 = await context2.newPage();
  await throttle(context2, page2, { cacheDisabled: false });
  await page2.goto(url);
  await page2.waitForSelector("article.article h1");
  await settled(page2);
  typed.push(await search(page2, QUERIES[run % QUERIES.length], true));
  await context2.close();
}
await browser.close();
const ms = (v) => `${Math.round(v)} ms`;
console.log(`search, cold (the engine and the index fetched after Enter): median ${ms(median(cold))} [${cold.map(ms).join(", ")}] (budget 1000 ms)`);
console.log(`search, first query typed at 6 characters a second (the engine loading from focus, the buckets while typing): median ${ms(median(typed))} [${typed.map(ms).join(", ")}]`);
console.log(`search, warm (the search code loaded): median ${ms(median(warm))} [${warm.map(ms).join(", ")}] (budget 300 ms)`);
console.log(`index bytes per query: median ${(median(bytes) / 1000).toFixed(1)} KB, max ${(Math.max(...bytes) / 1000).toFixed(1)} KB (budget 100 KB)`);
