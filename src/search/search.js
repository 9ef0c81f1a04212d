// The search engine of the page and the rules of the index, in one module:
// `.tools/search-index.mjs` imports `fold` and `words` from this file when it
// writes the index at deploy time, and the page imports the same file (a copy
// in dist/search/search.js) when the reader focuses the search field, so a
// word is folded and cut the same way on both sides.
//
// The index (dist/search/, see docs/search.md):
//   w/<n>.json  a bucket of words and word pairs, by a hash of the folded key:
//               {"key": {"spelling": [doc, weight, doc, weight, …]}, …},
//               docs as gaps from the previous one (newest first, so small);
//               weight = occurrences (at most 15) + 16 when in the title.
//               Pairs ("a b", for phrases) keep one spelling, "".
//   d/<doc>.json  one article: {"meta": {slug, title, published_at,
//               category}, "text": what was indexed}.
// A query fetches the buckets of its words (or of its phrases' pairs), then
// the articles of the results shown: no file holds the whole index.
//
// Everything in the index comes from the endpoint and is untrusted: excerpts
// are plain text pieces, which the page writes as text and marks; doc
// numbers are checked before they name a file; the meta is decoded by the
// app like any endpoint document (src/search/mod.rs, `Hit`).

/** Buckets of words and of word pairs; the build writes the numbers in. */
const BUCKETS = 64;
const PAIR_BUCKETS = 64;

// Vietnamese letters with marks, each group followed by its letter without
// them; other marks (combining, U+0300–U+036F) are dropped.
const FOLDS = [
  ["àáạảãâầấậẩẫăằắặẳẵ", "a"], ["èéẹẻẽêềếệểễ", "e"], ["ìíịỉĩ", "i"],
  ["òóọỏõôồốộổỗơờớợởỡ", "o"], ["ùúụủũưừứựửữ", "u"], ["ỳýỵỷỹ", "y"], ["đ", "d"],
];
const FOLD = new Map();
for (const [marked, plain] of FOLDS) for (const c of marked) FOLD.set(c, plain);

/** `word` (lower case) without tone marks, vowel marks or the bar of đ. */
export function fold(word) {
  let out = "";
  for (const c of word.normalize("NFC")) {
    if (c >= "\u0300" && c <= "\u036f") continue;
    out += FOLD.get(c) ?? c;
  }
  return out;
}

/** A word: letters and digits, with any combining marks among them. */
const WORD = /[\p{L}\p{N}\u0300-\u036f]+/gu;

/** The words of `text`, in lower case, as written (with their marks). */
export function words(text) {
  return text.normalize("NFC").toLowerCase().match(WORD) ?? [];
}

/** The key of two neighbouring words' folded keys, for phrases. */
export function pairKey(first, second) {
  return `${first} ${second}`;
}

/** Where a key's bucket lives: "p" for a pair (a space in it), else "w". */
export function kind(key) {
  return key.includes(" ") ? "p" : "w";
}

/** The bucket of a folded key (FNV-1a over its UTF-16 code units). */
export function bucket(key, count) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return hash % count;
}

/**
 * A query as the engine runs it: plain words (each a folded key and, when
 * typed with marks, the spelling ranked first) and phrases in quotes (the
 * folded pairs of neighbouring words).
 */
export function parse(query) {
  const terms = [];
  const phrases = [];
  const parts = query.split('"');
  parts.forEach((part, i) => {
    const list = words(part);
    // Inside quotes (odd parts, when the quote is closed): a phrase.
    if (i % 2 === 1 && i < parts.length - 1 && list.length > 1) {
      phrases.push(list.slice(1).map((w, j) => pairKey(fold(list[j]), fold(w))));
      for (const w of list) terms.push({ key: fold(w), exact: null, inPhrase: true });
    } else {
      for (const w of list) terms.push({ key: fold(w), exact: fold(w) === w ? null : w, inPhrase: false });
    }
  });
  return { terms, phrases };
}

let base = null;
const buckets = new Map();

/** The folder of the index, under the page's base (a sub-path too). */
function root() {
  if (base === null) base = new URL("search/", document.baseURI).href;
  return base;
}

async function json(path) {
  const response = await fetch(root() + path);
  // A bucket no word falls in is not written: nothing found there.
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
  return response.json();
}

/** The file that holds `key`: a word's bucket, or a pair's ("a b"). */
export function file(key) {
  const where = kind(key);
  return `${where}/${bucket(key, where === "p" ? PAIR_BUCKETS : BUCKETS)}.json`;
}

/** The bucket holding `key`, fetched once per page (a failure is tried again). */
function load(key) {
  const path = file(key);
  let pending = buckets.get(path);
  if (!pending) {
    pending = json(path).then((b) => b ?? {});
    pending.catch(() => buckets.delete(path));
    buckets.set(path, pending);
  }
  return pending;
}

/**
 * The postings of `key` as Map doc -> bits: occurrences of all its
 * spellings (at most 15), 16 when in the title, 32 when the article has the
 * spelling `exact`. Numbers, not objects: a common word has a posting in
 * nearly every article, and a phone decodes tens of thousands per query.
 */
async function postings(key, exact) {
  const found = new Map();
  const all = await load(key);
  // Own keys only (no `constructor` or `__proto__` from the prototype);
  // not `Object.hasOwn`, which phones' older browsers lack (Chrome < 93).
  const entry = Object.prototype.hasOwnProperty.call(all, key) ? all[key] : null;
  if (!entry || typeof entry !== "object") return found;
  for (const spelling of Object.keys(entry)) {
    const list = entry[spelling];
    if (!Array.isArray(list)) continue;
    const as = spelling === exact ? 32 : 0;
    let doc = 0;
    for (let i = 0; i + 1 < list.length; i += 2) {
      doc += list[i];
      const weight = list[i + 1];
      if (!Number.isSafeInteger(doc) || doc < 0 || doc >= MAX_DOCS || !Number.isSafeInteger(weight)) break;
      const seen = found.get(doc) ?? 0;
      found.set(doc, Math.min(15, (seen & 15) + (weight & 15)) | ((seen | weight) & 16) | (seen & 32) | as);
    }
  }
  return found;
}

/** Articles an index may number (doc < 2^21: they sort packed with their score). */
const MAX_DOCS = 2 ** 21;

/** While the reader types: fetch the buckets of the words so far. */
export function preload(query) {
  const { terms, phrases } = parse(query);
  const keys = [...terms.filter((t) => !t.inPhrase).map((t) => t.key), ...phrases.flat()];
  return Promise.all(keys.map(load)).then(() => undefined);
}

/**
 * The results of `query`, best first: every article that has all its words
 * (and its phrases' pairs), ranked first by how many of the words typed
 * with marks it has as typed, then by title and occurrences, then newest. Each result is read with `read`.
 */
export async function find(query) {
  const { terms, phrases } = parse(query);
  const plain = terms.filter((t) => !t.inPhrase);
  const lists = await Promise.all([
    ...plain.map((t) => postings(t.key, t.exact)),
    ...phrases.flat().map((pair) => postings(pair, null)),
  ]);
  if (lists.length === 0) return [];
  const shortest = lists.reduce((a, b) => (b.size < a.size ? b : a));
  // Score and doc packed in one number, sorted as numbers: best score
  // first, then the newest (the smallest doc).
  const packed = new Float64Array(shortest.size);
  let count = 0;
  for (const doc of shortest.keys()) {
    let score = 0;
    let all = true;
    for (const list of lists) {
      const bits = list === shortest ? shortest.get(doc) : list.get(doc);
      if (bits === undefined) {
        all = false;
        break;
      }
      // Words typed with marks and found with them rank first, whatever
      // the rest (at most 39 a word).
      score += (bits & 15) + (bits & 16 ? 24 : 0) + (bits & 32 ? 1000 : 0);
    }
    if (all) packed[count++] = score * MAX_DOCS + (MAX_DOCS - 1 - doc);
  }
  const ranked = packed.subarray(0, count).sort().reverse();
  const keys = terms.map((t) => t.key);
  return Array.from(ranked, (p) => ({ doc: MAX_DOCS - 1 - (p % MAX_DOCS), keys }));
}

/** Each result's article and excerpt, as the page shows them; a result that cannot be read is left out. */
export async function read(results) {
  const all = await Promise.allSettled(
    results.map(async ({ doc, keys }) => {
      if (!Number.isSafeInteger(doc) || doc < 0) throw new Error("bad result");
      const article = await json(`d/${doc}.json`);
      if (!article || typeof article.text !== "string") throw new Error("no article");
      return { meta: article.meta, excerpt: excerpt(article.text, new Set(keys)) };
    }),
  );
  return all.filter((o) => o.status === "fulfilled").map((o) => o.value);
}

const WINDOW = 24;

/**
 * About `WINDOW` words of `text` around the most matches of `keys`, as
 * pieces of plain text: text, a matched word, text, a matched word, …, text
 * (always an odd number; the page marks every second one). No markup: the
 * text is the endpoint's, and the page writes it as text.
 */
export function excerpt(text, keys) {
  const found = [...text.matchAll(WORD)];
  const hit = found.map((m) => keys.has(fold(m[0].toLowerCase())));
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < found.length; i++) {
    count += hit[i] ? 1 : 0;
    if (i >= WINDOW) count -= hit[i - WINDOW] ? 1 : 0;
    const start = Math.max(0, i - WINDOW + 1);
    if (count > bestCount && (i >= WINDOW - 1 || i === found.length - 1)) {
      bestCount = count;
      best = start;
    }
  }
  const last = Math.min(found.length, best + WINDOW) - 1;
  if (last < 0) return [text.slice(0, 200)];
  const pieces = [];
  let plain = "";
  let at = found[best].index;
  for (let i = best; i <= last; i++) {
    const m = found[i];
    plain += text.slice(at, m.index);
    if (hit[i]) {
      pieces.push(plain, m[0]);
      plain = "";
    } else {
      plain += m[0];
    }
    at = m.index + m[0].length;
  }
  const end = text.slice(at).search(/\s/);
  pieces.push(plain + (end < 0 ? text.slice(at) : text.slice(at, at + end)));
  return pieces;
}
