// A static host for the built app, as a CDN bucket would serve it:
//   node server.mjs --dir ../../dist --port 8090 [--prefix /some/sub/path/] [--brotli]
// Unknown paths under the prefix get 404.html with status 404 (GitHub Pages,
// Netlify and S3 website hosting behave so), which is how deep links that were
// not pre-rendered survive a reload; /x is answered by x.html where it exists.
// With --brotli, text assets are sent brotli-compressed when the browser
// accepts it (pre-compressed once, as a CDN does). The build's
// _headers file (Netlify / Cloudflare Pages format: the Content-Security-Policy
// and the other security headers) is honoured, as those hosts do.
//
// For the tests of an endpoint on another host (offline.spec.mjs):
//   --cors         JSON answers allow any origin (the endpoint's documents);
//                  nothing else does, so its images load as opaque answers;
//   --header "N: V"  every answer carries that header too (an endpoint that
//                  sends what only the service worker may set).
//
// For the old addresses of a portal (nukeviet.spec.mjs):
//   --redirects    the build's _redirects (`from to 301` lines) is honoured,
//                  exact paths, before any file, as Cloudflare Pages does
//                  (Netlify lets an existing file win: there the page the
//                  build left at the old path answers); without it the host
//                  is GitHub Pages', and that page answers.
//
// Two options for the engine suite (WebDriver has no request interception):
//   --overlay DIR  files under DIR are served in place of the build's (test
//                  fixtures such as a hostile article, fixtures/overlay/);
//   --probe        every HTML page gets <script src="__probe.js"> first in its
//                  head (same origin, so the policy allows it): it records
//                  errors and policy violations for the tests to read, and
//                  with ?test-no-storage makes localStorage throw. A request
//                  carrying the cookie test-delay-wasm=1 gets the wasm 3 s late.
//
// For the benchmarks in engines with no network throttling of their own
// (Firefox and WebKit over WebDriver, bench-first-tap.mjs):
//   --throttle     the phone profile's network (phone.mjs): every answer
//                  starts a round trip (150 ms) late, and all answers share
//                  one 1.6 Mbit/s link, sent in 16 KB pieces.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith("--")) {
      const next = all[i + 1];
      pairs.push([arg.slice(2), next && !next.startsWith("--") ? next : true]);
    }
    return pairs;
  }, []),
);
const root = resolve(args.dir ?? "../../dist");
const port = Number(args.port ?? 8090);
const prefix = args.prefix ?? "/";
const useBrotli = Boolean(args.brotli);
const overlay = args.overlay ? resolve(args.overlay) : null;
const probe = Boolean(args.probe);
const cors = Boolean(args.cors);
const extraHeader = typeof args.header === "string" ? args.header.split(/:\s*/) : null;
const throttle = Boolean(args.throttle);
const here = new URL(".", import.meta.url).pathname;

const sleep = (ms) => new Promise((done) => setTimeout(done, Math.max(0, ms)));
/** When the shared link of --throttle is free again (ms since the epoch). */
let linkFreeAt = 0;
const BYTES_PER_MS = (1.6 * 1024 * 1024) / 8 / 1000;

async function send(res, status, headers, body) {
  if (!throttle) return res.writeHead(status, headers).end(body ?? undefined);
  await sleep(150);
  res.writeHead(status, headers);
  for (let at = 0; body && at < body.length; at += 16384) {
    const piece = body.subarray(at, at + 16384);
    linkFreeAt = Math.max(linkFreeAt, Date.now()) + piece.length / BYTES_PER_MS;
    await sleep(linkFreeAt - Date.now());
    res.write(piece);
  }
  res.end();
}

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".webmanifest": "application/manifest+json",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
};
/** DIST/_headers as [[pattern, {name: value}]]: a path line, then indented headers. */
async function readHeaderRules() {
  let text = "";
  try {
    text = await readFile(join(root, "_headers"), "utf8");
  } catch {
    return [];
  }
  const rules = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      const pattern = new RegExp("^" + line.trim().replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*") + "$");
      rules.push([pattern, {}]);
    } else if (rules.length) {
      const [name, ...value] = line.trim().split(":");
      rules[rules.length - 1][1][name.trim().toLowerCase()] = value.join(":").trim();
    }
  }
  return rules;
}
const headerRules = await readHeaderRules();

/** DIST/_redirects as a Map from path to [status, target], when asked for. */
async function readRedirects() {
  const map = new Map();
  if (!args.redirects) return map;
  let text = "";
  try {
    text = await readFile(join(root, "_redirects"), "utf8");
  } catch {
    return map;
  }
  for (const line of text.split("\n")) {
    const [from, to, code] = line.trim().split(/\s+/);
    if (from && to && !from.startsWith("#") && !map.has(from)) map.set(from, [Number(code ?? 301), to]);
  }
  return map;
}
const redirects = await readRedirects();

const compressible = new Set([".html", ".js", ".wasm", ".css", ".json", ".svg"]);
const brotliCache = new Map();

// Like GitHub Pages, Cloudflare Pages and Netlify: /bai-viet/x is answered
// by bai-viet/x.html, a directory by its index.html.
async function fileAt(path, tryHtml = true) {
  try {
    const info = await stat(path);
    if (info.isFile()) return path;
    if (info.isDirectory()) return fileAt(join(path, "index.html"), false);
  } catch {}
  return tryHtml && !path.endsWith("/") ? fileAt(`${path}.html`, false) : null;
}

createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  let pathname;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    pathname = url.pathname;
  }
  if (!pathname.startsWith(prefix) && pathname + "/" !== prefix) {
    res.writeHead(404, { "content-type": "text/plain" }).end("outside the app");
    return;
  }
  const redirect = redirects.get(url.pathname);
  if (redirect) {
    res.writeHead(redirect[0], { location: redirect[1], "content-type": "text/plain" }).end();
    return;
  }
  const relative = normalize(pathname.slice(prefix.length) || "/").replace(/^(\.\.[/\\])+/, "");
  let file = (overlay && (await fileAt(join(overlay, relative)))) || (await fileAt(join(root, relative)));
  if (probe && relative === "__probe.js") file = join(here, "probe.js");
  let status = 200;
  // A test may ask for a route as if it had not been pre-rendered (an article
  // published after the deploy): the shell, as the host's fallback serves it.
  // "x-test-shell: 200" gets the same shell with status 200, for Lighthouse,
  // which measures no page answered 404 (bench-shift.mjs).
  const shellAsked = req.headers["x-test-shell"];
  const shellWanted = (shellAsked === "1" || shellAsked === "200") && file && extname(file) === ".html";
  if (!file || shellWanted) {
    file = join(root, "404.html");
    status = shellAsked === "200" ? 200 : 404;
  }
  const ext = extname(file);
  let body = await readFile(file);
  if (probe && ext === ".html") {
    // Before everything else in <head>: right after <meta charset>.
    const tag = `<script src="${prefix}__probe.js"></script>`;
    body = Buffer.from(body.toString().replace(/(<meta\b[^>]*charset[^>]*>)/i, `$1${tag}`));
  }
  if (ext === ".wasm" && /(^|;\s*)test-delay-wasm=1/.test(req.headers.cookie ?? "")) {
    await new Promise((done) => setTimeout(done, 3000));
  }
  const headers = {
    "content-type": types[ext] ?? "application/octet-stream",
    "cache-control": "no-cache",
  };
  for (const [pattern, values] of headerRules) {
    if (pattern.test(url.pathname)) Object.assign(headers, values);
  }
  if (cors && ext === ".json") headers["access-control-allow-origin"] = "*";
  if (extraHeader) {
    headers[extraHeader[0].toLowerCase()] = extraHeader[1];
    if (cors) headers["access-control-expose-headers"] = extraHeader[0];
  }
  if (useBrotli && compressible.has(ext) && /\bbr\b/.test(req.headers["accept-encoding"] ?? "")) {
    if (!brotliCache.has(file)) {
      brotliCache.set(
        file,
        brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      );
    }
    body = brotliCache.get(file);
    headers["content-encoding"] = "br";
    headers["vary"] = "accept-encoding";
  }
  headers["content-length"] = body.length;
  await send(res, status, headers, req.method === "HEAD" ? null : body);
}).listen(port, "127.0.0.1", () => {
  console.log(`serving ${root} at http://127.0.0.1:${port}${prefix}`);
});
