// Builds the search index from the records the pre-render wrote
// (DIST/.search-records.jsonl, one article per line: deploy/src/
// search_records.rs) into DIST/search/, then removes the records:
//   w/<n>.json, p/<n>.json  buckets of words and of word pairs (for phrases)
//   d/<doc>.json            each article's summary fields and indexed text
//   search.js               the page's engine (src/search/search.js, which
//                           also holds the folding and word rules used here),
//                           with the bucket counts of this index, minified
// See src/search/search.js for the formats and docs/search.md for why the
// index is the app's own. A `pagefind/` directory an older build left in
// DIST is removed.
//   node .tools/search-index.mjs DIST
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";
import { bucket, fold, kind, pairKey, words } from "../src/search/search.js";

const dist = process.argv[2];
if (!dist) throw new Error("usage: search-index.mjs DIST");
const started = Date.now();
const recordsPath = join(dist, ".search-records.jsonl");
const records = readFileSync(recordsPath, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line));
// Doc numbers newest first: lists of gaps stay small, and ties rank the newer.
records.sort((a, b) => String(b.published_at).localeCompare(String(a.published_at)));

/** key -> spelling -> [doc, weight, doc, weight, …] (absolute docs, in order). */
const index = new Map();
const add = (key, spelling, doc, weight) => {
  let spellings = index.get(key);
  if (!spellings) index.set(key, (spellings = new Map()));
  let list = spellings.get(spelling);
  if (!list) spellings.set(spelling, (list = []));
  list.push(doc, weight);
};

const out = join(dist, "search");
rmSync(out, { recursive: true, force: true });
rmSync(join(dist, "pagefind"), { recursive: true, force: true });
for (const dir of ["w", "p", "d"]) mkdirSync(join(out, dir), { recursive: true });

records.forEach((record, doc) => {
  const text = String(record.content ?? "");
  const inTitle = new Set(words(String(record.title ?? "")).map(fold));
  const list = words(text);
  const counts = new Map();
  /** pair -> [occurrences, 16 when both its words are in the title] */
  const pairs = new Map();
  let previous = null;
  for (const word of list) {
    const key = fold(word);
    const spellings = counts.get(key) ?? new Map();
    spellings.set(word, (spellings.get(word) ?? 0) + 1);
    counts.set(key, spellings);
    if (previous !== null) {
      const pair = pairKey(previous, key);
      const [n, title] = pairs.get(pair) ?? [0, inTitle.has(previous) && inTitle.has(key) ? 16 : 0];
      pairs.set(pair, [n + 1, title]);
    }
    previous = key;
  }
  for (const [key, spellings] of counts) {
    const title = inTitle.has(key) ? 16 : 0;
    for (const [spelling, n] of spellings) add(key, spelling, doc, Math.min(n, 15) + title);
  }
  for (const [pair, [n, title]] of pairs) add(pair, "", doc, Math.min(n, 15) + title);
  const meta = {};
  for (const key of ["slug", "title", "published_at", "category"]) {
    if (typeof record[key] === "string") meta[key] = record[key];
  }
  writeFileSync(join(out, "d", `${doc}.json`), JSON.stringify({ meta, text }));
});

// Each key's entry as it is written: spellings' lists as gaps.
const entries = { w: [], p: [] };
const bytes = { w: 0, p: 0 };
for (const [key, spellings] of index) {
  const entry = {};
  for (const [spelling, list] of spellings) {
    const gaps = list.slice();
    for (let i = gaps.length - 2; i >= 2; i -= 2) gaps[i] -= gaps[i - 2];
    entry[spelling] = gaps;
  }
  entries[kind(key)].push([key, entry]);
  bytes[kind(key)] += JSON.stringify(entry).length + key.length;
}
// A bucket's JSON kept small (a few KB with brotli), so a query fetches
// little whatever the portal's size; at least 1, at most 8192 files.
const count = (where) => Math.min(8192, Math.max(1, Math.ceil(bytes[where] / 48_000)));
const counts = { w: count("w"), p: count("p") };
for (const where of ["w", "p"]) {
  const files = Array.from({ length: counts[where] }, () => ({}));
  for (const [key, entry] of entries[where]) files[bucket(key, counts[where])][key] = entry;
  files.forEach((file, n) => {
    if (Object.keys(file).length) writeFileSync(join(out, where, `${n}.json`), JSON.stringify(file));
  });
}

// The engine, told this index's bucket counts.
let engine = readFileSync(new URL("../src/search/search.js", import.meta.url), "utf8");
const set = (name, value) => {
  const pattern = new RegExp(`const ${name} = \\d+;`);
  if (!pattern.test(engine)) throw new Error(`search-index: no ${name} in search.js`);
  engine = engine.replace(pattern, `const ${name} = ${value};`);
};
set("BUCKETS", counts.w);
set("PAIR_BUCKETS", counts.p);
const minified = await minify(engine, { module: true, compress: true, mangle: true });
writeFileSync(join(out, "search.js"), minified.code);
rmSync(recordsPath);
console.log(
  `search index: ${records.length} articles, ${index.size} keys in ${counts.w} + ${counts.p} buckets, ` +
    `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
