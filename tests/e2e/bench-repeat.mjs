// A reader coming back to an article: load-to-content of repeat visits on the
// throttled phone profile of bench.mjs, once the service worker keeps the
// page (issue 13: median <= 0.5 s, online or off). One browser context: a
// first visit (the worker installs and keeps the page), then N reloads
// online, then N reloads with every request of the worker refused, as on a
// road without signal (the worker's own requests are visible to routes only
// with PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS=1, which scripts/bench
// sets).
//   node bench-repeat.mjs --url http://127.0.0.1:8095/bai-viet/<slug> [--runs 5]
import { launch, SCREEN, throttle } from "./phone.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const url = arg("url");
const runs = Number(arg("runs", 5));

const browser = await launch();
const context = await browser.newContext({ ...SCREEN, serviceWorkers: "allow" });
const page = await context.newPage();
await throttle(context, page);
await page.addInitScript(() => {
  new MutationObserver((_, observer) => {
    const body = document.querySelector(".article__body");
    if (body && body.childNodes.length > 0 && document.querySelector("article.article h1")) {
      window.__contentAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
});

await page.goto(url);
await page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated", null, { timeout: 60_000 });
await page.waitForLoadState("networkidle");

async function visits(label) {
  const times = [];
  for (let run = 0; run < runs; run++) {
    await page.reload();
    await page.waitForFunction(() => window.__contentAt !== undefined, null, { timeout: 60_000 });
    times.push(Math.round(await page.evaluate(() => window.__contentAt)));
    await page.waitForLoadState("networkidle").catch(() => {});
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
  console.log(`repeat visits ${label}: ${times.join(", ")} ms; median load-to-content ${median} ms`);
}

await visits("online");
await context.route("**", (route) => (route.request().serviceWorker() ? route.abort("internetdisconnected") : route.continue()));
await context.setOffline(true);
await visits("offline");
await browser.close();
