// The reader's first tap, in Chromium, Firefox and WebKit (issue 26): a cold
// load of a pre-rendered article on the throttled phone profile; the moment
// its text is shown, a tap on "A+" is queued (probe.js, ?bench-tap) and the
// time until the text size changes is taken. Budget: 100 ms. Also whether
// the pre-paint script answered (before the app had taken the page over).
// Chromium: the phone profile of phone.mjs (network and CPU 4x, over CDP).
// Firefox and WebKit, over WebDriver, have no throttling of their own: the
// server slows the network the same way (server.mjs --throttle); their CPU
// runs at full speed, so their figures are the network's part only.
//   node bench-first-tap.mjs --dist ../../dist --slug <slug> [--runs 5]
import { join, resolve } from "node:path";
import { Builder } from "selenium-webdriver";
import { launch, SCREEN, throttle } from "./phone.mjs";
import { ENGINES } from "./engines/driver.mjs";
import { startDrivers, startServer, stopAll } from "./engines/processes.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const here = new URL(".", import.meta.url).pathname;
const dist = resolve(arg("dist", join(here, "../../dist")));
const slug = arg("slug");
const runs = Number(arg("runs", 5));
const path = `/bai-viet/${slug}?bench-tap`;

async function settled(read) {
  for (let i = 0; i < 300; i++) {
    const tap = await read();
    if (tap && tap.shown !== undefined && (tap.answered !== undefined || performance.now() - tap.started > 15_000)) return tap;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

const results = { Chromium: [], Firefox: [], WebKit: [] };
try {
  const plain = await startServer(dist, ["--brotli", "--probe"]);
  const slowed = await startServer(dist, ["--brotli", "--probe", "--throttle"]);
  const browser = await launch();
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext(SCREEN);
    const page = await context.newPage();
    await throttle(context, page, { cacheDisabled: true });
    await page.goto(plain + path, { waitUntil: "commit" });
    const started = performance.now();
    results.Chromium.push(await settled(async () => ({ started, ...(await page.evaluate(() => window.__tap).catch(() => null)) })));
    await context.close();
  }
  await browser.close();
  const drivers = await startDrivers(["firefox", "webkit"]);
  for (const engine of ["firefox", "webkit"]) {
    for (let run = 0; run < runs; run++) {
      // A new session each time: a cold load, nothing cached.
      const driver = await new Builder().usingServer(drivers[engine]).withCapabilities({ ...ENGINES[engine].capabilities, pageLoadStrategy: "none" }).build();
      await driver.get(slowed + path);
      const started = performance.now();
      results[ENGINES[engine].name].push(await settled(async () => ({ started, ...(await driver.executeScript("return window.__tap").catch(() => null)) })));
      await driver.quit();
    }
  }
} finally {
  stopAll();
}

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`first tap on A+ after the article text is shown, ${runs} cold loads each (budget 100 ms):`);
for (const [engine, taps] of Object.entries(results)) {
  const waits = taps.map((t) => (t && t.answered !== undefined ? Math.round(t.answered - t.shown) : Infinity));
  const early = taps.filter((t) => t && t.before).length;
  const lost = waits.filter((w) => w === Infinity).length;
  const shown = median(taps.map((t) => (t ? Math.round(t.shown) : Infinity)));
  const ms = (value) => (value === Infinity ? "never" : `${value} ms`);
  console.log(
    `${engine.padEnd(9)} text at ${shown} ms (median); tap answered after ${ms(median(waits))} median, ${ms(Math.max(...waits))} worst; ` +
      `${early} of ${runs} by the pre-paint script (before the app)${lost ? `; ${lost} taps lost` : ""}`,
  );
}
