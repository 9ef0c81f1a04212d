// The search engine's rules (src/search/search.js), natively in Node: the
// folding, the words, the query syntax, the ranking over a small index
// written by .tools/search-index.mjs itself, the excerpts, and what it does
// with a hostile or broken index. `node --test tests/engine/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bucket, excerpt, fold, parse, words } from "../../src/search/search.js";

const REPO = new URL("../..", import.meta.url).pathname;

test("every Vietnamese letter folds to its letter without marks", () => {
  const table = {
    a: "aàáạảãâầấậẩẫăằắặẳẵ", e: "eèéẹẻẽêềếệểễ", i: "iìíịỉĩ", o: "oòóọỏõôồốộổỗơờớợởỡ",
    u: "uùúụủũưừứựửữ", y: "yỳýỵỷỹ", d: "dđ",
  };
  for (const [plain, letters] of Object.entries(table)) {
    for (const c of letters) {
      assert.equal(fold(c), plain, c);
      assert.equal(fold(c.toUpperCase().toLowerCase()), plain, c);
    }
  }
  // Marks typed as combining characters (NFD) fold the same.
  assert.equal(fold("châu".normalize("NFD")), "chau");
  assert.equal(fold("đảng"), "dang");
  assert.equal(fold("dang"), "dang");
  // Letters of other scripts and digits stay.
  assert.equal(fold("中文123"), "中文123");
});

test("words are cut at anything not a letter or digit, lower-cased, marks kept", () => {
  assert.deepEqual(words("Lai Châu, 2026: “Đảng bộ” (tỉnh)!"), ["lai", "châu", "2026", "đảng", "bộ", "tỉnh"]);
  assert.deepEqual(words("Lai Cha\u0302u"), ["lai", "châu"]);
  assert.deepEqual(words(" \n\t—…"), []);
  assert.deepEqual(words("<b>x</b>&amp;"), ["b", "x", "b", "amp"]);
});

test("a query is words and phrases in quotes; an open quote is no phrase", () => {
  assert.deepEqual(parse("Lai Châu"), {
    terms: [{ key: "lai", exact: null, inPhrase: false }, { key: "chau", exact: "châu", inPhrase: false }],
    phrases: [],
  });
  const phrase = parse('"shan tuyết" chè');
  assert.deepEqual(phrase.phrases, [["shan tuyet"]]);
  assert.deepEqual(phrase.terms.map((t) => [t.key, t.inPhrase]), [["shan", true], ["tuyet", true], ["che", false]]);
  assert.deepEqual(parse('"a b c"').phrases, [["a b", "b c"]]);
  // A phrase of one word is a word; an unclosed quote is plain words.
  assert.deepEqual(parse('"chè"').phrases, []);
  assert.deepEqual(parse('"shan tuyet').phrases, []);
  assert.equal(parse('"shan tuyet').terms.length, 2);
  assert.deepEqual(parse('""  ..  '), { terms: [], phrases: [] });
});

test("buckets are FNV-1a of the key, in range and spread", () => {
  // The published FNV-1a 32-bit test vectors (ASCII: one code unit a byte).
  assert.equal(bucket("", 2 ** 32 - 1), 0x811c9dc5);
  assert.equal(bucket("a", 2 ** 32 - 1), 0xe40c292c);
  assert.equal(bucket("foobar", 2 ** 32 - 1), 0xbf9cf968);
  assert.equal(bucket("foobar", 1000), 0xbf9cf968 % 1000);
  for (const count of [1, 7, 64, 507]) {
    const seen = new Array(count).fill(0);
    for (let i = 0; i < count * 40; i++) {
      const n = bucket(`từ ${i}`, count);
      assert.ok(Number.isInteger(n) && n >= 0 && n < count, `${n} of ${count}`);
      seen[n]++;
    }
    // Forty keys a bucket on average: none empty, none with three times that.
    assert.ok(seen.every((n) => n > 0 && (count === 1 || n < 120)), `${count}: ${seen}`);
  }
});

test("an excerpt is plain text pieces, the matched words every second one", () => {
  const text = "Mở đầu. <script>alert(1)</script> & “Lai Châu” mở hội, lai chầu vui.";
  const pieces = excerpt(text, new Set(["chau"]));
  assert.deepEqual(pieces, ["Mở đầu. <script>alert(1)</script> & “Lai ", "Châu", "” mở hội, lai ", "chầu", " vui."]);
  // Long text: the window around the matches, about 24 words.
  const long = `${"một ".repeat(100)}chè shan tuyết ${"hai ".repeat(100)}`;
  const cut = excerpt(long, new Set(["che", "shan"]));
  assert.equal(cut.length, 5, cut);
  assert.deepEqual([cut[1], cut[2], cut[3]], ["chè", " ", "shan"]);
  assert.ok(words(cut.join("")).length <= 25, cut.join(""));
  assert.deepEqual(excerpt("", new Set(["x"])), [""]);
  assert.deepEqual(excerpt("không khớp", new Set(["x"])), ["không khớp"]);
});

/** Builds an index of `records` with the deploy's script (whole); returns its folder. */
function build(records, env = {}) {
  const dist = mkdtempSync(join(tmpdir(), "engine-"));
  // As the pre-render keeps them: one file an article (deploy/src/state.rs).
  mkdirSync(join(dist, ".deploy/records"), { recursive: true });
  for (const r of records) writeFileSync(join(dist, ".deploy/records", `${r.slug}.json`), JSON.stringify(r));
  execFileSync("node", [join(REPO, ".tools/search-index.mjs"), dist], { env: { ...process.env, ...env } });
  return dist;
}

/** The engine as the page loads it (dist/search/search.js), its fetches served from `dist`. */
async function engine(dist) {
  globalThis.document = { baseURI: "http://portal.test/" };
  globalThis.fetch = async (url) => {
    const path = join(dist, new URL(url).pathname);
    try {
      const body = readFileSync(path, "utf8");
      return { ok: true, status: 200, json: async () => JSON.parse(body) };
    } catch {
      return { ok: false, status: 404, json: async () => null };
    }
  };
  return import(`${join(dist, "search/search.js")}?${Math.random()}`);
}

const record = (slug, title, content, published_at = "2026-11-20") => ({ slug, title, published_at, category: "thoi-su", content: `${title}. ${content}` });

test("ranking: all words needed; the exact spelling first when typed with marks; the title counts", async () => {
  const dist = build([
    record("mot", "Lai Châu mở hội", "Hội xuân."),
    record("hai", "Lai chầu mở hội", "Hội xuân."),
    record("ba", "Đảng bộ họp", "Bàn về đường."),
    record("bon", "Dang dở công việc", "Việc còn dở."),
    record("nam", "Tin khác", "Ở Lai Châu có chè shan tuyết, chè ngon.", "2026-11-21"),
    record("sau", "Chè", "Tuyết rơi trên núi Shan.", "2026-11-19"),
  ]);
  try {
    const search = await engine(dist);
    const slugs = async (q) => {
      const found = await search.find(q);
      return (await search.read(found)).map((r) => r.meta.slug);
    };
    // "Lai Châu": both articles with that spelling (the title's first),
    // the other spelling last.
    assert.deepEqual(await slugs("Lai Châu"), ["mot", "nam", "hai"]);
    assert.equal((await slugs("lai chầu"))[0], "hai");
    assert.deepEqual((await slugs("lai chau")).sort(), ["hai", "mot", "nam"]);
    assert.deepEqual(await slugs("Đảng"), ["ba", "bon"]);
    assert.deepEqual((await slugs("dang")).sort(), ["ba", "bon"]);
    // In the title ranks above in the text.
    assert.deepEqual(await slugs("chè"), ["sau", "nam"]);
    // Every word needed; a phrase only in its order.
    assert.deepEqual((await slugs("che shan tuyet")).sort(), ["nam", "sau"]);
    assert.deepEqual(await slugs('"shan tuyet"'), ["nam"]);
    assert.deepEqual(await slugs('"tuyet shan"'), []);
    assert.deepEqual(await slugs("xyzzy"), []);
    assert.deepEqual(await slugs(""), []);
    // The excerpt marks the query's words.
    const [first] = await search.read((await search.find("shan tuyết")).slice(0, 1));
    assert.deepEqual(first.excerpt.slice(1, 4), ["shan", " ", "tuyết"]);
    assert.deepEqual(Object.keys(first.meta).sort(), ["category", "published_at", "slug", "title"]);
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
});

test("a hostile or broken index: bad numbers and files are skipped, never a crash or a path", async () => {
  const dist = build([record("mot", "Một", "chè")]);
  try {
    const search = await engine(dist);
    const key = "che";
    const file = join(dist, "search", (await import(join(dist, "search/search.js"))).file(key));
    const original = JSON.parse(readFileSync(file, "utf8"));
    // Gaps that are not numbers (that list stops at once), a non-array list,
    // and a spelling `__proto__` of the file's own (as JSON.parse makes it;
    // an object literal would set the prototype instead) whose list is
    // sound: its posting is the one result, so a reader that lost or
    // mistook that key fails here.
    const bucketText = JSON.stringify({ ...original, [key]: "ENTRY" }).replace(
      '"ENTRY"',
      '{"chè": ["x", 1, 0.5, 2, null, 3], "": "nope", "__proto__": [0, 3]}',
    );
    assert.ok(Object.hasOwn(JSON.parse(bucketText)[key], "__proto__"), "the file holds the key itself");
    writeFileSync(file, bucketText);
    const found = await search.find("che");
    assert.equal(found.length, 1, JSON.stringify(found));
    // A result naming a path is refused; a missing article is left out.
    assert.deepEqual(await search.read([{ doc: "../../etc/passwd", keys: [] }, { doc: -1, keys: [] }, { doc: 99, keys: [] }]), []);
    // An article file that is not the right shape is left out.
    mkdirSync(join(dist, "search", "d"), { recursive: true });
    writeFileSync(join(dist, "search", "d", "0.json"), JSON.stringify({ meta: {}, text: 5 }));
    assert.deepEqual(await search.read([{ doc: 0, keys: ["che"] }]), []);
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
});

/**
 * Every posting of an index as "where key spelling slug weight", sorted:
 * what a search can find, whatever the numbers; each key checked to be in
 * the bucket the engine will fetch for it.
 */
function postings(dist) {
  const { counts } = JSON.parse(readFileSync(join(dist, ".deploy/search-state.json"), "utf8"));
  const slugOf = new Map();
  for (const name of readdirSync(join(dist, "search", "d"))) {
    slugOf.set(Number(name.slice(0, -5)), JSON.parse(readFileSync(join(dist, "search", "d", name), "utf8")).meta.slug);
  }
  const out = [];
  for (const where of ["w", "p"]) {
    for (const name of readdirSync(join(dist, "search", where))) {
      for (const [key, entry] of Object.entries(JSON.parse(readFileSync(join(dist, "search", where, name), "utf8")))) {
        assert.equal(`${bucket(key, counts[where])}.json`, name, `${where}/${name}: ${key} is not in its bucket`);
        for (const [spelling, gaps] of Object.entries(entry)) {
          let doc = 0;
          for (let i = 0; i < gaps.length; i += 2) {
            assert.ok(i === 0 || gaps[i] > 0, `${where}/${name} ${key}: articles out of order`);
            doc += gaps[i];
            assert.ok(slugOf.has(doc), `${where}/${name} ${key}: article ${doc} has no file`);
            out.push(`${where} ${key} ${spelling} ${slugOf.get(doc)} ${gaps[i + 1]}`);
          }
        }
      }
    }
  }
  return out.sort();
}

test("an update from the pre-render's list of changes gives the index a whole build gives", async () => {
  const start = [
    record("mot", "Lai Châu mở hội", "Hội xuân ở bản."),
    record("hai", "Đảng bộ họp", "Bàn về đường giao thông."),
    record("ba", "Chè shan tuyết", "Chè ngon trên núi."),
  ];
  // Buckets of a few bytes: many of them, more than the whole build's
  // partitions, so a key's bucket is its own.
  const small = { SEARCH_INDEX_BUCKET_BYTES: "1" };
  const dist = build(start, small);
  const whole = build([
    record("mot", "Lai Châu mở hội lớn", "Hội xuân ở bản, có chè."),
    record("ba", "Chè shan tuyết", "Chè ngon trên núi."),
    record("bon", "Tin mới", "Đường giao thông mới mở.", "2026-11-22"),
  ], small);
  try {
    const records = join(dist, ".deploy/records");
    // Edited, added, removed: as the pre-render writes them, and lists them.
    writeFileSync(join(records, "mot.json"), JSON.stringify(record("mot", "Lai Châu mở hội lớn", "Hội xuân ở bản, có chè.")));
    writeFileSync(join(records, "bon.json"), JSON.stringify(record("bon", "Tin mới", "Đường giao thông mới mở.", "2026-11-22")));
    rmSync(join(records, "hai.json"));
    writeFileSync(join(dist, ".deploy/search-changes"), "+mot\n+bon\n-hai\n");
    const untouched = readFileSync(join(dist, "search", "search.js"), "utf8");
    const said = execFileSync("node", [join(REPO, ".tools/search-index.mjs"), dist], { encoding: "utf8" });
    assert.match(said, /2 written and 1 removed/);
    assert.ok(!existsSync(join(dist, ".deploy/search-changes")), "the list is read once");
    assert.equal(readFileSync(join(dist, "search", "search.js"), "utf8"), untouched);
    assert.deepEqual(postings(dist), postings(whole));
    // A whole build in two threads that write their postings out every few
    // (as one of a large portal does) gives the same index.
    const inRuns = build(
      ["mot", "ba", "bon"].map((slug) => JSON.parse(readFileSync(join(records, `${slug}.json`), "utf8"))),
      { ...small, SEARCH_INDEX_HOLD: "3", SEARCH_INDEX_PARTS: "2" },
    );
    assert.deepEqual(postings(inRuns), postings(whole));
    rmSync(inRuns, { recursive: true, force: true });
    const search = await engine(dist);
    const slugs = async (q) => (await search.read(await search.find(q))).map((r) => r.meta.slug);
    // The added article is the newest: first on a tie.
    assert.deepEqual(await slugs("giao thông"), ["bon"]);
    assert.deepEqual(await slugs("đảng"), []);
    assert.deepEqual(await slugs('"mở hội lớn"'), ["mot"]);
    // Nothing listed: nothing done; "*": built whole again.
    writeFileSync(join(dist, ".deploy/search-changes"), "");
    assert.match(execFileSync("node", [join(REPO, ".tools/search-index.mjs"), dist], { encoding: "utf8" }), /nothing changed/);
    // and the next change is an update still.
    writeFileSync(join(dist, ".deploy/search-changes"), "+mot\n");
    assert.match(execFileSync("node", [join(REPO, ".tools/search-index.mjs"), dist], { encoding: "utf8" }), /1 written and 0 removed/);
    writeFileSync(join(dist, ".deploy/search-changes"), "+mot\n*\n");
    assert.match(
      execFileSync("node", [join(REPO, ".tools/search-index.mjs"), dist], { encoding: "utf8", env: { ...process.env, ...small } }),
      /built whole/,
    );
    assert.deepEqual(postings(dist), postings(whole));
  } finally {
    rmSync(dist, { recursive: true, force: true });
    rmSync(whole, { recursive: true, force: true });
  }
});
