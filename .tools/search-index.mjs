// Builds the search index (DIST/search/) from the records the pre-render
// keeps (DIST/.deploy/records/<slug>.json, one article each: deploy/src/
// search_records.rs), in memory bounded whatever the portal's size:
//   w/<n>.json, p/<n>.json  buckets of words and of word pairs (for phrases)
//   d/<doc>.json            each article's summary fields and indexed text
//   search.js               the page's engine (src/search/search.js, which
//                           also holds the folding and word rules used here),
//                           with the bucket counts of this index, minified
// See src/search/search.js for the formats and docs/search.md for why the
// index is the app's own and how it is kept up to date.
//
// Two ways, chosen by the pre-render's list of changes (DIST/.deploy/
// search-changes: a line "+slug" for an article written, "-slug" for one
// gone, "*" when everything was):
//  - an update, when that list names articles and the index's state
//    (DIST/.deploy/search-state.json) is of this engine: only the buckets
//    holding a word of a changed article, and its own file, are written;
//  - a full build otherwise: the records read twice (their dates, to number
//    the articles newest first; then their words, spilled into partition
//    files by bucket), then each partition's buckets written on their own.
// Either way every file is written beside itself and renamed over it; a full
// build writes a new folder and swaps it in.
//   node .tools/search-index.mjs DIST
import { createHash } from "node:crypto";
import {
  closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync,
} from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { minify } from "terser";
import { bucket, fold, kind, pairKey, words } from "../src/search/search.js";

const dist = isMainThread ? process.argv[2] : workerData.dist;
const started = Date.now();
const state = join(dist, ".deploy");
const recordsDir = join(state, "records");
const changesPath = join(state, "search-changes");
const statePath = join(state, "search-state.json");
const out = join(dist, "search");
const engineSource = readFileSync(new URL("../src/search/search.js", import.meta.url), "utf8");
// An index is updated only by the engine (and rules) that wrote it.
const engineVersion = createHash("sha256").update(engineSource).update(readFileSync(new URL(import.meta.url))).digest("hex").slice(0, 16);
// Article numbers below the first a full build gives: each article an update
// adds takes the next one down, so it ranks as the newest on a tie.
const HEADROOM = 10_000;
// Partitions of a full build's postings, a power of two from 64 (about 1 500
// articles each, so one partition is a few tens of MB to read back) to 256
// (two files open each); bucket counts are powers of two too, so a bucket's
// keys all fall in one partition once there are as many buckets.
const partitionsFor = (articles) => Math.min(256, Math.max(64, powerOfTwo(articles / 1500)));
// A bucket's JSON kept small (a few KB with brotli): a query fetches little
// whatever the portal's size (SEARCH_INDEX_BUCKET_BYTES sets another, for
// the tests).
const BUCKET_BYTES = Number(process.env.SEARCH_INDEX_BUCKET_BYTES) || 48_000;
const MAX_BUCKETS = 8192;
// Postings a whole build holds before it writes them out, shared by its
// threads (about 100 MB; SEARCH_INDEX_HOLD sets another, for the tests).
const HOLD = Number(process.env.SEARCH_INDEX_HOLD) || 4_000_000;

/** A progress line on a terminal (none in CI and cron: the summary line is the log). */
function progress(what, total) {
  if (!process.stderr.isTTY || total < 1000) return { step() {}, done() {} };
  let n = 0;
  const draw = () => process.stderr.write(`\rsearch index: ${what} ${n}/${total} (${Math.floor((100 * n) / total)} %)`);
  return {
    step() {
      if (++n % 500 === 0) draw();
    },
    done() {
      process.stderr.write("\r\x1b[K");
    },
  };
}

/** Writes `text` to `path` beside it first, then renamed over it. */
function put(path, text) {
  const aside = `${path}.${process.pid}.part`;
  writeFileSync(aside, text);
  renameSync(aside, path);
}

const readRecord = (slug, from = dist) => {
  try {
    return JSON.parse(readFileSync(join(from, ".deploy", "records", `${slug}.json`), "utf8"));
  } catch {
    return null;
  }
};

/** `fold`, remembered: a portal's words are few beside its articles' length. */
const foldedWords = new Map();
function folded(word) {
  let key = foldedWords.get(word);
  if (key === undefined) {
    if (foldedWords.size > 200_000) foldedWords.clear();
    foldedWords.set(word, (key = fold(word)));
  }
  return key;
}

/**
 * An article's postings: key -> spelling -> weight (occurrences at most 15,
 * plus 16 when in the title); pairs keep one spelling, "".
 */
function postingsOf(title, text) {
  const inTitle = new Set(words(title).map(folded));
  const counts = new Map();
  const pairs = new Map();
  let previous = null;
  for (const word of words(text)) {
    const key = folded(word);
    let spellings = counts.get(key);
    if (!spellings) counts.set(key, (spellings = new Map()));
    spellings.set(word, (spellings.get(word) ?? 0) + 1);
    if (previous !== null) {
      const pair = pairKey(previous, key);
      const [n, inBoth] = pairs.get(pair) ?? [0, inTitle.has(previous) && inTitle.has(key)];
      pairs.set(pair, [n + 1, inBoth]);
    }
    previous = key;
  }
  const postings = new Map();
  for (const [key, spellings] of counts) {
    const title = inTitle.has(key) ? 16 : 0;
    const entry = new Map();
    for (const [spelling, n] of spellings) entry.set(spelling, Math.min(n, 15) + title);
    postings.set(key, entry);
  }
  for (const [pair, [n, inBoth]] of pairs) postings.set(pair, new Map([["", Math.min(n, 15) + (inBoth ? 16 : 0)]]));
  return postings;
}

/** What an article's own file holds: the fields results show, the text. */
function docFile(record) {
  const meta = {};
  for (const key of ["slug", "title", "published_at", "category"]) {
    if (typeof record[key] === "string") meta[key] = record[key];
  }
  return { meta, text: String(record.content ?? "") };
}

/** A bucket's entry for a key: spelling -> [doc, weight, …] (docs ascending) as gaps. */
function encode(spellings) {
  const entry = {};
  for (const [spelling, list] of spellings) {
    const gaps = new Array(list.length);
    let last = 0;
    for (let i = 0; i < list.length; i += 2) {
      gaps[i] = list[i] - last;
      gaps[i + 1] = list[i + 1];
      last = list[i];
    }
    entry[spelling] = gaps;
  }
  return entry;
}

/** A bucket file read back: key -> spelling -> [doc, weight, …], docs ascending. */
function decode(file) {
  const keys = new Map();
  for (const [key, entry] of Object.entries(file)) {
    const spellings = new Map();
    for (const [spelling, gaps] of Object.entries(entry)) {
      const list = [];
      let doc = 0;
      for (let i = 0; i + 1 < gaps.length; i += 2) list.push((doc += gaps[i]), gaps[i + 1]);
      spellings.set(spelling, list);
    }
    keys.set(key, spellings);
  }
  return keys;
}

/** Where `doc` is, or goes, in a list [doc, weight, …] in the order of its docs. */
function place(list, doc) {
  let low = 0;
  let high = list.length / 2;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[2 * middle] < doc) low = middle + 1;
    else high = middle;
  }
  return 2 * low;
}

const powerOfTwo = (n) => 2 ** Math.ceil(Math.log2(Math.max(1, n)));

async function writeEngine(dir, counts) {
  let engine = engineSource;
  const set = (name, value) => {
    const pattern = new RegExp(`const ${name} = \\d+;`);
    if (!pattern.test(engine)) throw new Error(`search-index: no ${name} in search.js`);
    engine = engine.replace(pattern, `const ${name} = ${value};`);
  };
  set("BUCKETS", counts.w);
  set("PAIR_BUCKETS", counts.p);
  const minified = await minify(engine, { module: true, compress: true, mangle: true });
  put(join(dir, "search.js"), minified.code);
}

/** The changes the pre-render listed: slug -> true (written) or false (gone); null: everything. */
function readChanges() {
  if (!existsSync(changesPath)) return null;
  const changed = new Map();
  for (const line of readFileSync(changesPath, "utf8").split("\n")) {
    if (line === "*") return null;
    if (line.length > 1 && (line[0] === "+" || line[0] === "-")) changed.set(line.slice(1), line[0] === "+");
  }
  return changed;
}

function readState() {
  try {
    const saved = JSON.parse(readFileSync(statePath, "utf8"));
    const usable = saved.engine === engineVersion && Array.isArray(saved.docs) && existsSync(join(out, "search.js"));
    return usable ? saved : null;
  } catch {
    return null;
  }
}

/** Every record's slug, from its file name. */
function recordSlugs() {
  if (!existsSync(recordsDir)) return [];
  return readdirSync(recordsDir)
    .filter((name) => name.endsWith(".json") && !name.startsWith("."))
    .map((name) => name.slice(0, -5))
    .sort();
}

/**
 * Indexes one part of the articles (`assigned`: [slug, doc], docs
 * ascending): writes their own files, and their postings as runs into the
 * part's partition files. Postings are held in memory (key -> spelling ->
 * [doc, weight, …]) and written out as a run when there are many: in
 * article order, so a key's runs, one after another, are in order too.
 */
function indexPart({ dist, next, spill, partitions: PARTITIONS, part, hold, assigned }, step) {
  const files = { w: [], p: [] };
  for (const where of ["w", "p"]) {
    for (let n = 0; n < PARTITIONS; n++) files[where].push(openSync(join(spill, `${where}${n}.${part}`), "w"));
  }
  let held = new Map();
  let holding = 0;
  // A key's partition is found once a run, not once an article.
  const writeRuns = () => {
    const lines = { w: Array.from({ length: PARTITIONS }, () => []), p: Array.from({ length: PARTITIONS }, () => []) };
    for (const [key, spellings] of held) {
      const out = lines[kind(key)][bucket(key, PARTITIONS)];
      for (const [spelling, list] of spellings) out.push(`${key}\t${spelling}\t${list.join(",")}\n`);
    }
    for (const where of ["w", "p"]) {
      lines[where].forEach((out, n) => out.length && writeSync(files[where][n], out.join("")));
    }
    held = new Map();
    holding = 0;
  };
  const postingsCount = { w: 0, p: 0 };
  const docs = [];
  for (const [slug, doc] of assigned) {
    step();
    const record = readRecord(slug, dist);
    if (!record) continue;
    docs.push([slug, doc]);
    const file = docFile(record);
    writeFileSync(join(next, "d", `${doc}.json`), JSON.stringify(file));
    for (const [key, spellings] of postingsOf(String(record.title ?? ""), file.text)) {
      let lists = held.get(key);
      if (!lists) held.set(key, (lists = new Map()));
      for (const [spelling, weight] of spellings) {
        const list = lists.get(spelling);
        if (list) list.push(doc, weight);
        else lists.set(spelling, [doc, weight]);
        // A pair keeps one spelling, "", and a word none.
        postingsCount[spelling === "" ? "p" : "w"]++;
        holding++;
      }
    }
    if (holding > hold) writeRuns();
  }
  writeRuns();
  for (const where of ["w", "p"]) files[where].forEach((fd) => closeSync(fd));
  return { postingsCount, docs };
}

async function fullBuild() {
  // What a whole build that stopped half way left beside search/.
  for (const name of readdirSync(dist)) {
    if (/^search\.\d+\.(next|old)$/.test(name)) rmSync(join(dist, name), { recursive: true, force: true });
  }
  const slugs = recordSlugs();
  // Numbers newest first: lists of gaps stay small, and ties rank the newer.
  const dated = [];
  const dating = progress("reading the dates", slugs.length);
  for (const slug of slugs) {
    dating.step();
    const record = readRecord(slug);
    if (record && typeof record === "object") dated.push([String(record.published_at), slug]);
  }
  dating.done();
  dated.sort((a, b) => b[0].localeCompare(a[0]) || (a[1] < b[1] ? -1 : 1));
  const next = `${out}.${process.pid}.next`;
  rmSync(next, { recursive: true, force: true });
  for (const dir of ["w", "p", "d"]) mkdirSync(join(next, dir), { recursive: true });
  const PARTITIONS = partitionsFor(dated.length);
  const spill = join(next, ".spill");
  mkdirSync(spill);
  // The articles in as many parts as there are cores, each indexed by a
  // thread of its own into its own runs (indexPart), the first part the
  // newest: a partition's runs, read part after part, stay in order.
  // (SEARCH_INDEX_PARTS sets another number, for the tests.)
  const parts = Number(process.env.SEARCH_INDEX_PARTS) || Math.max(1, Math.min(availableParallelism(), 4, Math.ceil(dated.length / 2000)));
  const assigned = dated.map(([, slug], rank) => [slug, HEADROOM + rank]);
  const size = Math.ceil(assigned.length / parts);
  const indexing = progress("indexing", dated.length);
  const hold = Math.ceil(HOLD / parts);
  const results = await Promise.all(
    Array.from({ length: parts }, (_, part) => {
      const job = { dist, next, spill, partitions: PARTITIONS, part, hold, assigned: assigned.slice(part * size, (part + 1) * size) };
      if (parts === 1) return indexPart(job, () => indexing.step());
      return new Promise((resolve, reject) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: job, argv: [dist] });
        worker.on("message", (message) => (message === "step" ? indexing.step() : resolve(message)));
        worker.on("error", reject);
        worker.on("exit", (code) => code && reject(new Error(`search-index: a worker stopped (${code})`)));
      });
    }),
  );
  indexing.done();
  const postingsCount = { w: 0, p: 0 };
  const docs = [];
  for (const result of results) {
    postingsCount.w += result.postingsCount.w;
    postingsCount.p += result.postingsCount.p;
    docs.push(...result.docs);
  }
  // About 8 bytes of JSON a posting: the bucket counts that keep each small.
  const counts = {};
  for (const where of ["w", "p"]) {
    counts[where] = Math.min(MAX_BUCKETS, powerOfTwo(Math.ceil((postingsCount[where] * 8) / BUCKET_BYTES)));
  }
  let keys = 0;
  for (const where of ["w", "p"]) {
    const groups = Math.min(counts[where], PARTITIONS);
    for (let group = 0; group < groups; group++) {
      // key -> spelling -> [doc, weight, …], for the buckets of this group only.
      const index = new Map();
      for (let n = group; n < PARTITIONS; n += groups) for (let part = 0; part < parts; part++) {
        const text = readFileSync(join(spill, `${where}${n}.${part}`), "utf8");
        let start = 0;
        while (start < text.length) {
          const end = text.indexOf("\n", start);
          const tab = text.indexOf("\t", start);
          const tab2 = text.indexOf("\t", tab + 1);
          const key = text.slice(start, tab);
          const spelling = text.slice(tab + 1, tab2);
          const run = text.slice(tab2 + 1, end).split(",").map(Number);
          start = end + 1;
          let spellings = index.get(key);
          if (!spellings) index.set(key, (spellings = new Map()));
          const list = spellings.get(spelling);
          if (list) for (const n of run) list.push(n);
          else spellings.set(spelling, run);
        }
        rmSync(join(spill, `${where}${n}.${part}`));
      }
      keys += index.size;
      const byBucket = new Map();
      for (const [key, spellings] of index) {
        const b = bucket(key, counts[where]);
        let file = byBucket.get(b);
        if (!file) byBucket.set(b, (file = {}));
        file[key] = encode(spellings);
      }
      for (const [b, file] of byBucket) writeFileSync(join(next, where, `${b}.json`), JSON.stringify(file));
    }
  }
  rmSync(spill, { recursive: true });
  await writeEngine(next, counts);
  // The new index in, the old one out: two renames apart.
  const old = `${out}.${process.pid}.old`;
  if (existsSync(out)) renameSync(out, old);
  renameSync(next, out);
  rmSync(old, { recursive: true, force: true });
  rmSync(join(dist, "pagefind"), { recursive: true, force: true });
  mkdirSync(state, { recursive: true });
  // Each article's number as [slug, doc] pairs (a slug may be any name).
  put(statePath, JSON.stringify({ engine: engineVersion, counts, next: HEADROOM - 1, docs }));
  return `search index: ${dated.length} articles, ${keys} keys in ${counts.w} + ${counts.p} buckets (built whole)`;
}

/** Applies `changes` to the index `saved` describes; false when it cannot (a full build then). */
function update(saved, changes) {
  const counts = saved.counts;
  const docs = new Map(saved.docs);
  // Most of the portal changed (a new site.json, a new build): whole is quicker.
  if (changes.size > Math.max(1000, docs.size / 4)) return false;
  // bucket file -> { gone: Set of docs, added: key -> spelling -> [[doc, weight]] }
  const patches = new Map();
  const patch = (key) => {
    const where = kind(key);
    const path = join(where, `${bucket(key, counts[where])}.json`);
    let found = patches.get(path);
    if (!found) patches.set(path, (found = { gone: new Set(), added: new Map() }));
    return found;
  };
  const written = [];
  const removed = [];
  for (const [slug, present] of changes) {
    const old = docs.get(slug);
    if (old !== undefined) {
      // Its words as the index has them: from its own file.
      let before = null;
      try {
        before = JSON.parse(readFileSync(join(out, "d", `${old}.json`), "utf8"));
      } catch {
        return false;
      }
      for (const key of postingsOf(String(before.meta?.title ?? ""), String(before.text ?? "")).keys()) {
        patch(key).gone.add(old);
      }
    }
    const record = present ? readRecord(slug) : null;
    if (!record) {
      if (old !== undefined) {
        removed.push(old);
        docs.delete(slug);
      }
      continue;
    }
    let doc = old;
    if (doc === undefined) {
      if (saved.next < 0) return false;
      doc = saved.next--;
      docs.set(slug, doc);
    }
    const file = docFile(record);
    written.push([doc, file]);
    for (const [key, spellings] of postingsOf(String(record.title ?? ""), file.text)) {
      const { added } = patch(key);
      let entry = added.get(key);
      if (!entry) added.set(key, (entry = new Map()));
      for (const [spelling, weight] of spellings) {
        if (!entry.has(spelling)) entry.set(spelling, []);
        entry.get(spelling).push(doc, weight);
      }
    }
  }
  // The articles' own files first, the buckets that name them next, and
  // the files of articles gone last: a search never finds a number whose
  // file is not there yet.
  for (const [doc, file] of written) put(join(out, "d", `${doc}.json`), JSON.stringify(file));
  for (const [path, { gone, added }] of patches) {
    let keys = new Map();
    try {
      keys = decode(JSON.parse(readFileSync(join(out, path), "utf8")));
    } catch {
      // A bucket no key fell in before.
    }
    // A list is in the order of its docs: each doc gone or added is found
    // by halving, not by a walk (a common word's list holds every article).
    for (const [key, spellings] of keys) {
      for (const [spelling, list] of spellings) {
        for (const doc of gone) {
          const at = place(list, doc);
          if (list[at] === doc) list.splice(at, 2);
        }
        if (!list.length) spellings.delete(spelling);
      }
      if (!spellings.size) keys.delete(key);
    }
    for (const [key, entry] of added) {
      let spellings = keys.get(key);
      if (!spellings) keys.set(key, (spellings = new Map()));
      for (const [spelling, pairs] of entry) {
        const list = spellings.get(spelling) ?? [];
        for (let i = 0; i < pairs.length; i += 2) list.splice(place(list, pairs[i]), 0, pairs[i], pairs[i + 1]);
        spellings.set(spelling, list);
      }
    }
    const file = {};
    for (const [key, spellings] of keys) file[key] = encode(spellings);
    if (keys.size) put(join(out, path), JSON.stringify(file));
    else rmSync(join(out, path), { force: true });
  }
  for (const doc of removed) rmSync(join(out, "d", `${doc}.json`), { force: true });
  put(statePath, JSON.stringify({ ...saved, docs: [...docs] }));
  return `search index: ${docs.size} articles, ${written.length} written and ${removed.length} removed, ${patches.size} buckets rewritten (updated)`;
}

if (!isMainThread) {
  // A part of a whole build (indexPart), in a thread of its own.
  parentPort.postMessage(indexPart(workerData, () => parentPort.postMessage("step")));
} else {
  if (!dist) throw new Error("usage: search-index.mjs DIST");
  const changes = readChanges();
  const saved = changes ? readState() : null;
  let summary;
  if (saved && changes.size === 0) {
    summary = `search index: ${saved.docs.length} articles, nothing changed`;
  } else {
    // No state while this run works: one that stops half way leaves the
    // next a whole build, never an update of an index it does not describe.
    rmSync(statePath, { force: true });
    summary = (saved && update(saved, changes)) || (await fullBuild());
  }
  rmSync(changesPath, { force: true });
  console.log(`${summary}, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
