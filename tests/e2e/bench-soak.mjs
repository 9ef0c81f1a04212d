// Memory over a long reading session: a tab left open on a kiosk
// or an office screen goes from page to page inside the app for hours. This
// opens the app once, then follows links in the app, round the home page, a
// category, two articles, the saved articles and a search, `--views` times
// (a link clicked as a reader clicks it, the router taking it), and reads
// the wasm's memory (what the allocator took from the browser, which never
// gives it back) and the JS heap after a garbage collection.
// Growth per view after the first `--warm` views is what a day costs:
// budget 0.5 KB a view for the wasm.
//   node bench-soak.mjs --url http://127.0.0.1:8095 [--views 1000] [--warm 100] [--routes 0,2]
import { launch } from "./phone.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const base = arg("url");
const views = Number(arg("views", 1000));
const warm = Number(arg("warm", 100));
const BUDGET = 512; // bytes of wasm memory a view

const allRoutes = [
  { path: "/", ready: ".card__title a" },
  { path: "/chuyen-muc/kinh-te", ready: ".card__title a" },
  { path: "/bai-viet/nong-dan-vung-cao-thu-hoach-che-shan-tuyet", ready: "article.article .article__body p" },
  { path: "/bai-viet/khai-mac-ky-hop-thu-muoi-hdnd-tinh", ready: "article.article .article__body p" },
  { path: "/bai-da-luu", ready: "section.saved h1" },
  { path: "/tim-kiem?q=che", ready: ".search__results h2 a" },
];
// `--routes 0,2`: only some of them, to find which page keeps memory.
const routes = arg("routes") ? arg("routes").split(",").map((i) => allRoutes[Number(i)]) : allRoutes;

const browser = await launch();
const context = await browser.newContext();
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("HeapProfiler.enable");
await page.addInitScript(() => {
  // The wasm's exports, their names shortened by the build: the memory is
  // the one that is a WebAssembly.Memory.
  addEventListener("TrunkApplicationStarted", (e) => {
    window.__memory = Object.values(e.detail.wasm).find((v) => v instanceof WebAssembly.Memory);
  });
});
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));

await page.goto(`${base}/`);
await page.waitForFunction(() => window.__memory && !document.querySelector("#app[data-prerendered], #app [data-pending]"));

/** Follows an in-app link to `route` and waits for its content. */
async function visit(route) {
  await page.evaluate((path) => {
    const link = document.createElement("a");
    link.href = path;
    link.textContent = path;
    document.querySelector("#main").append(link);
    link.click();
    link.remove();
  }, route.path);
  await page.waitForFunction(
    ({ path, ready }) => location.pathname + location.search === path && document.querySelector(ready),
    route,
    { timeout: 15_000 },
  );
}

async function measure() {
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const wasm = await page.evaluate(() => window.__memory.buffer.byteLength);
  return { wasm, js: usedSize };
}

const started = Date.now();
let atWarm;
for (let view = 1; view <= views; view++) {
  await visit(routes[view % routes.length]);
  if (view === warm) atWarm = await measure();
}
const atEnd = await measure();
await browser.close();

const perView = (key) => (atEnd[key] - atWarm[key]) / (views - warm);
const kb = (bytes) => (bytes / 1024).toFixed(1);
console.log(
  `soak: ${views} in-app views in ${((Date.now() - started) / 1000).toFixed(0)} s; ` +
    `wasm memory ${kb(atWarm.wasm)} KB after ${warm}, ${kb(atEnd.wasm)} KB after ${views}: ` +
    `${perView("wasm").toFixed(0)} B a view (budget ${BUDGET}); ` +
    `JS heap ${kb(atWarm.js)} KB -> ${kb(atEnd.js)} KB: ${perView("js").toFixed(0)} B a view`,
);
if (errors.length) console.log(`page errors: ${errors.join("; ")}`);
if (perView("wasm") > BUDGET || errors.length) process.exit(1);
