// The throttled phone profile both benchmarks measure on (bench.mjs, cold
// loads; bench-repeat.mjs, repeat visits): a 390 x 844 touch screen, 150 ms
// round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU slowed 4x, in Debian's
// Chromium. One definition, so the two sets of figures stay comparable.
import { chromium } from "playwright-core";

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** The phone's screen, for `browser.newContext`. */
export const SCREEN = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Slows `page`'s network and CPU to the profile; returns its CDP session. */
export async function throttle(context, page, { cacheDisabled = false } = {}) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  if (cacheDisabled) await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return cdp;
}
