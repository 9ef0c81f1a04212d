// The Content-Security-Policy of a built app, computed from the built pages
// themselves: SHA-256 hashes of their final inline scripts and styles (after
// every minifier has run), the endpoint's origin from their portal-api meta.
//
//   node csp.mjs DIST [--zalo | --no-zalo]
//
// Writes the policy into every *.html of DIST as <meta http-equiv> (first in
// <head>, before any script) and writes DIST/_headers (Netlify / Cloudflare
// Pages format) with the same policy plus the directives and headers a <meta>
// cannot carry. Run again after the endpoint changes (scripts/set-endpoint
// does). Zalo's plugin hosts are allowed only with --zalo; without either flag
// the choice already in the pages is kept (a new build: off unless the
// embedded site.json gives share.zalo_oaid).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

/** Hosts Zalo's share plugin needs: its script, and the iframe it draws. */
export const ZALO = { script: "https://sp.zalo.me", frame: "https://*.zalo.me" };

const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** Adjacent <style> elements as one (trunk inlines one per CSS file): the
 * same cascade, one hash instead of nine, a shorter policy in every page. */
export function mergeAdjacentStyles(html) {
  return html.replace(/<\/style>\s*<style>/gi, "");
}

/** Hashes of the inline scripts that run (not JSON data blocks) and of the inline styles. */
export function inlineHashes(html) {
  const scripts = [];
  for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(attributes)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    if (type && type !== "module" && type !== "text/javascript") continue; // data blocks do not run
    scripts.push(sha256(body));
  }
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map(([, body]) => sha256(body));
  return { scripts: [...new Set(scripts)], styles: [...new Set(styles)] };
}

/** The endpoint's origin when it is not the app's own, else null ('self' covers it). */
export function endpointOrigin(html) {
  const meta = /<meta\b(?=[^>]*\bname=["']?portal-api\b)[^>]*\bcontent=["']?([^"'\s>]*)/i.exec(html)?.[1] || "api/";
  const page = "https://app.invalid/";
  try {
    const url = new URL(meta, page);
    if (url.origin === new URL(page).origin) return null;
    return ["http:", "https:"].includes(url.protocol) ? url.origin : null;
  } catch {
    return null;
  }
}

/** The policy text. `header` adds what only an HTTP header can carry. */
export function policy({ scripts, styles, endpoint, zalo }, { header = false } = {}) {
  const extra = (list) => list.filter(Boolean).join(" ");
  const directives = [
    ["default-src", "'none'"],
    ["script-src", extra(["'self'", "'wasm-unsafe-eval'", ...scripts, zalo && ZALO.script])],
    ["style-src", extra(["'self'", ...styles])],
    ["img-src", extra(["'self'", "https:", endpoint])],
    ["connect-src", extra(["'self'", endpoint])],
    ["font-src", "'self'"],
    ["manifest-src", "'self'"],
    ["worker-src", "'self'"],
    ["frame-src", zalo ? ZALO.frame : "'none'"],
    ["media-src", "'none'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    // The search field's GET to /tim-kiem (before the app runs, or without it).
    ["form-action", "'self'"],
  ];
  if (header) directives.push(["frame-ancestors", "'none'"]);
  return directives.map(([name, value]) => `${name} ${value}`).join("; ");
}

/** The policy as it stands in a page, if any. */
export function currentPolicy(html) {
  return /<meta\b(?=[^>]*http-equiv=["']?Content-Security-Policy)[^>]*content="([^"]*)"/i.exec(html)?.[1] ?? null;
}

/** `html` with its policy meta written (replaced, or inserted first in <head>). */
export function withPolicy(html, text) {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${text}">`;
  const existing = /<meta\b(?=[^>]*http-equiv=["']?Content-Security-Policy)[^>]*>/i;
  if (existing.test(html)) return html.replace(existing, meta);
  // Right after <meta charset>, so it governs every script and style after it.
  const charset = /<meta\b[^>]*charset[^>]*>/i.exec(html);
  if (!charset) throw new Error("no <meta charset> to put the policy after");
  const at = charset.index + charset[0].length;
  return html.slice(0, at) + meta + html.slice(at);
}

/** Other security headers for DIST/_headers. */
export const HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
};

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "api" ? [] : htmlFiles(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

function zaloWanted(dist, pages, flag) {
  if (flag !== undefined) return flag;
  const current = pages.map((p) => currentPolicy(readFileSync(p, "utf8"))).find(Boolean);
  if (current) return current.includes(ZALO.script);
  try {
    return Boolean(JSON.parse(readFileSync(join(dist, "api/site.json"), "utf8")).share?.zalo_oaid);
  } catch {
    return false;
  }
}

export function applyToDist(dist, { zalo: flag } = {}) {
  const pages = htmlFiles(dist);
  if (pages.length === 0) throw new Error(`no HTML pages in ${dist}`);
  const zalo = zaloWanted(dist, pages, flag);
  const all = { scripts: new Set(), styles: new Set() };
  let endpoint = null;
  for (const page of pages) {
    const html = mergeAdjacentStyles(readFileSync(page, "utf8"));
    const facts = { ...inlineHashes(html), endpoint: endpointOrigin(html), zalo };
    facts.scripts.forEach((h) => all.scripts.add(h));
    facts.styles.forEach((h) => all.styles.add(h));
    endpoint = facts.endpoint;
    writeFileSync(page, withPolicy(html, policy(facts)));
  }
  // One header policy for every path: the union of the pages' hashes.
  const base = /<base\b[^>]*href=["']?([^"'\s>]*)/i.exec(readFileSync(pages[0], "utf8"))?.[1] || "/";
  const header = policy({ scripts: [...all.scripts], styles: [...all.styles], endpoint, zalo }, { header: true });
  const lines = [`${base.endsWith("/") ? base : base + "/"}*`, `  Content-Security-Policy: ${header}`];
  for (const [name, value] of Object.entries(HEADERS)) lines.push(`  ${name}: ${value}`);
  writeFileSync(join(dist, "_headers"), lines.join("\n") + "\n");
  return { pages: pages.map((p) => relative(dist, p)), zalo, endpoint };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dist, ...flags] = process.argv.slice(2);
  if (!dist || !existsSync(dist)) {
    console.error("usage: node csp.mjs DIST [--zalo | --no-zalo]");
    process.exit(2);
  }
  const zalo = flags.includes("--zalo") ? true : flags.includes("--no-zalo") ? false : undefined;
  const done = applyToDist(dist, { zalo });
  console.log(`csp: ${done.pages.length} pages, endpoint ${done.endpoint ?? "'self'"}, Zalo ${done.zalo ? "on" : "off"}`);
}
