// Layout shift and largest paint of the routes the app renders itself (the
// shell: a search, "Bài đã lưu", an article newer than the last deploy, a
// path that is no page), and of two pre-rendered pages for comparison, on
// the throttled phone profile (phone.mjs), every load cold. Budget: CLS
// <= 0.01 on every route (issue 26).
//
// CLS as Lighthouse counts it: shifts without recent input, grouped in
// session windows (a gap under 1 s, at most 5 s long), the largest window.
// With --lighthouse (scripts/setup bench installs it in .tools/lighthouse/)
// each route is also run once through Lighthouse's mobile preset,
// performance only, for its score (budget >= 95), CLS and LCP.
//   node bench-shift.mjs --url http://127.0.0.1:8095 [--runs 3] [--lighthouse]
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { SLUGS } from "./fixtures.mjs";
import { cls, observeShifts } from "./layout-shift.mjs";
import { launch, SCREEN, throttle } from "./phone.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const base = arg("url", "http://127.0.0.1:8095").replace(/\/$/, "");
const runs = Number(arg("runs", 3));
const lighthouse = process.argv.includes("--lighthouse");
const only = arg("only"); // a substring of the route labels, to measure a few

export const ROUTES = [
  { label: "search (shell)", path: "/tim-kiem?q=lai+chau", shell: true },
  { label: "saved articles (shell)", path: "/bai-da-luu", shell: true },
  { label: "article, not pre-rendered (shell)", path: `/bai-viet/${SLUGS.tea}`, shell: true },
  { label: "not found (shell)", path: "/khong-co-trang-nay", shell: true },
  { label: "home (pre-rendered)", path: "/", shell: false },
  { label: "article (pre-rendered)", path: `/bai-viet/${SLUGS.tea}`, shell: false },
].filter((r) => !only || r.label.includes(only));

async function measure(browser, route) {
  const context = await browser.newContext({ ...SCREEN, extraHTTPHeaders: route.shell ? { "x-test-shell": "1" } : {} });
  const page = await context.newPage();
  await throttle(context, page, { cacheDisabled: true });
  await page.addInitScript(observeShifts);
  await page.goto(base + route.path);
  await page.waitForLoadState("networkidle", { timeout: 60_000 });
  // The sidebar asks for its documents once the main column shows its
  // content, and lazy images come after: give late arrivals their time.
  await page.waitForTimeout(1500);
  await page.waitForLoadState("networkidle", { timeout: 60_000 });
  const { shifts, lcp } = await page.evaluate(() => ({ shifts: window.__shifts, lcp: window.__lcp }));
  await context.close();
  return { cls: cls(shifts), lcp, shifts };
}

const execFileP = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const lighthouseBin = join(here, "../../.tools/lighthouse/node_modules/.bin/lighthouse");

/** One Lighthouse run (mobile preset, simulated phone throttling). */
async function runLighthouse(route) {
  const dir = await mkdtemp(join(tmpdir(), "lh-"));
  const out = join(dir, "report.json");
  try {
    await execFileP(lighthouseBin, [
      base + route.path,
      "--only-categories=performance",
      "--output=json",
      `--output-path=${out}`,
      "--quiet",
      // The shell with status 200: Lighthouse measures no page answered 404.
      `--extra-headers=${JSON.stringify(route.shell ? { "x-test-shell": "200" } : {})}`,
      `--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=${join(dir, "profile")}`,
    ], { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM ?? "/usr/bin/chromium" }, timeout: 180_000 });
    const report = JSON.parse(await readFile(out, "utf8"));
    const audit = (id) => report.audits[id]?.numericValue;
    return {
      score: Math.round((report.categories.performance.score ?? 0) * 100),
      cls: audit("cumulative-layout-shift"),
      lcp: audit("largest-contentful-paint"),
    };
  } catch (e) {
    return { error: String(e.message || e).split("\n")[0] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const browser = await launch();
const rows = [];
for (const route of ROUTES) {
  const results = [];
  for (let run = 0; run < runs; run++) results.push(await measure(browser, route));
  const median = (key) => results.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
  const worst = results.reduce((a, b) => (b.cls > a.cls ? b : a));
  // What moved in the worst run, largest shifts first.
  const moved = [...new Set(worst.shifts.toSorted((a, b) => b.value - a.value).flatMap((s) => s.sources))].slice(0, 4);
  const lh = lighthouse ? await runLighthouse(route) : null;
  rows.push({ route, cls: median("cls"), worstCls: worst.cls, lcp: median("lcp"), moved, lh });
}
await browser.close();

const pad = (s, n) => String(s).padEnd(n);
const num = (v, d) => (v === undefined ? "–" : v.toFixed(d));
console.log(`layout shift, ${runs} cold loads a route on the phone profile (CLS: median, worst; LCP: median)`);
console.log(pad("route", 36) + pad("CLS", 8) + pad("worst", 8) + pad("LCP ms", 8) + (lighthouse ? "Lighthouse: perf  CLS     LCP ms" : ""));
let over = false;
for (const r of rows) {
  over ||= r.worstCls > 0.01;
  let line = pad(r.route.label, 36) + pad(num(r.cls, 3), 8) + pad(num(r.worstCls, 3), 8) + pad(Math.round(r.lcp), 8);
  if (r.lh) line += r.lh.error ? `failed: ${r.lh.error}` : pad(r.lh.score, 18).padStart(18) + pad(num(r.lh.cls, 3), 8) + Math.round(r.lh.lcp);
  console.log(line);
  if (r.moved.length && r.worstCls > 0) console.log(`  moved: ${r.moved.join(", ")}`);
}
console.log(over ? "layout shift: over its budget (CLS <= 0.01) on a route above" : "layout shift: every route within its budget (CLS <= 0.01)");
