// Layout shift as Lighthouse and Chrome count it, for the spec
// (specs/layout-shift.spec.mjs) and the benchmark (bench-shift.mjs): one
// rule in one place.

/** An init script: records every layout shift without recent input in
 * `window.__shifts` (its value, time, and what moved) and the largest
 * contentful paint's time in `window.__lcp`. Self-contained: Playwright
 * sends its source to the page. */
export function observeShifts() {
  const describe = (node) => {
    const el = node && node.nodeType === 1 ? node : node && node.parentElement;
    if (!el) return "?";
    const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : "";
    return el.localName + (el.id ? `#${el.id}` : "") + cls;
  };
  window.__shifts = [];
  window.__lcp = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__shifts.push({ value: e.value, at: e.startTime, sources: (e.sources || []).map((s) => describe(s.node)) });
    }
  }).observe({ type: "layout-shift", buffered: true });
  new PerformanceObserver((list) => {
    const all = list.getEntries();
    window.__lcp = all[all.length - 1].startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
}

/** The cumulative layout shift of `shifts`: the largest session window's
 * sum, a window being shifts less than 1 s apart, at most 5 s long. */
export function cls(shifts) {
  let best = 0, sum = 0, start = -Infinity, last = -Infinity;
  for (const s of shifts) {
    if (s.at - last > 1000 || s.at - start > 5000) {
      sum = 0;
      start = s.at;
    }
    sum += s.value;
    last = s.at;
    best = Math.max(best, sum);
  }
  return best;
}
