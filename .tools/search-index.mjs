// Builds the search index (issue 15) from the records the pre-render wrote
// (DIST/.search-records.jsonl, one article per line: src/prerender/
// search_records.rs) with Pagefind's Node API, into DIST/pagefind/, then
// removes the records. Pagefind shards the index by word and fetches only the
// shards a query needs; the page reads it through pagefind/pagefind.js
// (src/search/engine.rs). Each record's `content` is already in the index's
// form (`đ` written as `d` + U+0335, which Pagefind folds like a tone mark).
//   node .tools/search-index.mjs DIST
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import * as pagefind from "pagefind";

const dist = process.argv[2];
if (!dist) throw new Error("usage: search-index.mjs DIST");
const started = Date.now();
const recordsPath = join(dist, ".search-records.jsonl");
const lines = readFileSync(recordsPath, "utf8").split("\n").filter(Boolean);
const { index, errors } = await pagefind.createIndex({ forceLanguage: "vi" });
if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
for (const line of lines) {
  const record = JSON.parse(line);
  // Meta values are strings; an article without a category has none.
  const meta = {};
  for (const key of ["slug", "title", "published_at", "category"]) {
    if (typeof record[key] === "string") meta[key] = record[key];
  }
  const added = await index.addCustomRecord({
    url: `/bai-viet/${record.slug}`,
    content: record.content,
    language: "vi",
    meta,
  });
  if (added.errors.length) throw new Error(`pagefind: ${record.slug}: ${added.errors.join("; ")}`);
}
rmSync(join(dist, "pagefind"), { recursive: true, force: true });
const written = await index.writeFiles({ outputPath: join(dist, "pagefind") });
if (written.errors.length) throw new Error(`pagefind: ${written.errors.join("; ")}`);
await pagefind.close();
rmSync(recordsPath);
console.log(`search index: ${lines.length} articles in ${((Date.now() - started) / 1000).toFixed(1)} s`);
