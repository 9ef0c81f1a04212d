// Writes DIST/sw.js, the service worker (src/offline/sw.js), with this
// build's precache list and a version that changes whenever any precached
// file does (a new deploy is a new version: its files go into a cache of
// their own, and the old version keeps its files until the new one takes
// over). Precached: the shell (404.html, which renders any route), the JS
// glue and the wasm, the favicon and the manifest; pages are cached as they
// are visited. Run last, after everything that edits the shell (the
// pre-render, the policy, scripts/set-endpoint). The worker handles requests
// to the app's origin and the endpoint's, which the policy lets it fetch.
//   node service-worker.mjs DIST
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { minify } from "terser";

const dist = process.argv[2];
if (!dist || !existsSync(join(dist, "404.html"))) {
  console.error("usage: node service-worker.mjs DIST (a built app, with 404.html)");
  process.exit(2);
}
// Not the PNG icons: only an install asks for them, and the browser
// fetches them itself then.
const wanted = (name) => ["404.html", "manifest.webmanifest", "icon.svg"].includes(name) || /\.(js|wasm)$/.test(name);
const files = readdirSync(dist)
  .filter((name) => name !== "sw.js" && wanted(name))
  .sort();
// Read aloud's module and its styles (src/speech/, loaded on the first press of
// its button): kept with the app, so a saved article is read aloud offline.
for (const name of ["speech.js", "speech.css"]) if (existsSync(join(dist, "speech", name))) files.push(`speech/${name}`);
const hash = createHash("sha256");
for (const name of files) hash.update(name).update("\0").update(readFileSync(join(dist, name)));
const version = hash.digest("hex").slice(0, 16);

const shell = readFileSync(join(dist, "404.html"), "utf8");
/** The portal-api meta's value in the shell (the build's own element,
 * written by portal-deploy with its characters escaped), as the app reads it. */
function apiMeta(html) {
  const raw = /<meta\b(?=[^>]*\bname=["']?portal-api\b)[^>]*\bcontent=["']?([^"'\s>]*)/i.exec(html)?.[1];
  const entities = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
  return raw ? raw.replace(/&(amp|lt|gt|quot|#39);/g, (e) => entities[e]) : "api/";
}
/** The endpoint's origin when the meta names another host, else null. */
function endpointOrigin(html) {
  try {
    const url = new URL(apiMeta(html), "https://app.invalid/");
    return url.origin !== "https://app.invalid" && ["http:", "https:"].includes(url.protocol) ? url.origin : null;
  } catch {
    return null;
  }
}
const template = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../src/offline/sw.js"), "utf8");
// Function replacements: a replacement string would read `$&` or `$'` in
// the operator's address as patterns.
const source = template
  .replace(/^const VERSION = .*$/m, () => `const VERSION = ${JSON.stringify(version)};`)
  .replace(/^const PRECACHE = .*$/m, () => `const PRECACHE = ${JSON.stringify(files)};`)
  .replace(/^const API = .*$/m, () => `const API = ${JSON.stringify(apiMeta(shell))};`)
  .replace(/^const ENDPOINT = .*$/m, () => `const ENDPOINT = ${JSON.stringify(endpointOrigin(shell))};`);
if (!source.includes(version) || !source.includes(JSON.stringify(files))) {
  console.error("service-worker: src/offline/sw.js lost its VERSION or PRECACHE line");
  process.exit(1);
}
const { code } = await minify(source, { compress: true, mangle: true });
// Beside it, then renamed over it: a refresh works in a copy whose files
// are hard links to the live site's, which must not change under a reader.
writeFileSync(join(dist, ".sw.js.part"), code);
renameSync(join(dist, ".sw.js.part"), join(dist, "sw.js"));
console.log(`service-worker: ${files.length} files precached, version ${version}, sw.js ${code.length} bytes`);
