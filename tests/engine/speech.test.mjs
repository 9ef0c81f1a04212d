// Read aloud's rules (src/speech/speech.js), natively in Node: sentences
// with Intl.Segmenter and with the fallback rule, the cut of long sentences,
// the moves by sentence and paragraph at the edges, the speed read from
// storage, the voice chosen, the strings of both languages.
// `node --test tests/engine/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  MAX_PIECE,
  RATES,
  TEXT,
  fill,
  move,
  pickVoice,
  pieces,
  rateFrom,
  rateLabel,
  sentences,
  strings,
  voiceLang,
} from "../../src/speech/speech.js";

const said = (text, ...args) => pieces(text, "vi", ...args).map(([s, e]) => text.slice(s, e));

test("Intl.Segmenter cuts sentences, spaces and line breaks of the markup never do", () => {
  assert.ok(Intl.Segmenter, "Node has Intl.Segmenter (full ICU)");
  const text = "Kỳ họp khai mạc sáng nay. Đại biểu thảo\nluận! Ngân sách đạt 82 %.  ";
  assert.deepEqual(said(text), ["Kỳ họp khai mạc sáng nay.", "Đại biểu thảo\nluận!", "Ngân sách đạt 82 %."]);
  // The spans cover the text without gaps: offsets, not copies.
  const spans = sentences(text, "vi");
  assert.equal(spans[0][0], 0);
  assert.equal(spans.at(-1)[1], text.length);
  for (let k = 1; k < spans.length; k++) assert.equal(spans[k][0], spans[k - 1][1]);
});

test("without Intl.Segmenter a word ending in . ! ? ; or … ends a sentence", () => {
  const text = "Một. Hai! Ba? Bốn; năm… “Sáu.” Bảy (tám.) chín";
  assert.deepEqual(said(text, null), ["Một.", "Hai!", "Ba?", "Bốn;", "năm…", "“Sáu.”", "Bảy (tám.)", "chín"]);
  // A full stop inside a word (a number, a domain) is no end.
  assert.deepEqual(said("Giá 1.200 đồng tại portal.vn hôm nay.", null), ["Giá 1.200 đồng tại portal.vn hôm nay."]);
  assert.deepEqual(sentences("", "vi", null), []);
});

test("long sentences are cut between words, nothing lost, nothing empty", () => {
  for (const Segmenter of [undefined, null]) {
    const long = "chữ ".repeat(120) + "cuối.";
    const cut = said(long, Segmenter);
    assert.ok(cut.length >= 3, cut.length);
    assert.ok(cut.every((p) => p.length <= MAX_PIECE), "no piece over MAX_PIECE");
    assert.equal(cut.join(" "), long, "no word lost or split");
    // Pieces with nothing to say are left out; spaces around pieces too.
    assert.deepEqual(said("  —  * . ", Segmenter), []);
    assert.deepEqual(said("\t A  B \n", Segmenter), ["A  B"]);
  }
  // A single word longer than a piece stays whole.
  const word = "x".repeat(MAX_PIECE + 5);
  assert.deepEqual(said(`${word} y`), [word, "y"]);
});

test("moves by sentence and paragraph stop at the edges", () => {
  // Pieces 0..6 in paragraphs 0 (title), 1, 1, 1, 2, 3, 3.
  const p = [0, 1, 1, 1, 2, 3, 3];
  assert.equal(move(p, 0, "sentence", -1), 0);
  assert.equal(move(p, 0, "sentence", 1), 1);
  assert.equal(move(p, 6, "sentence", 1), 6);
  assert.equal(move(p, 3, "sentence", -1), 2);
  // Next paragraph: its first piece; from the last paragraph, nowhere.
  assert.equal(move(p, 0, "paragraph", 1), 1);
  assert.equal(move(p, 2, "paragraph", 1), 4);
  assert.equal(move(p, 4, "paragraph", 1), 5);
  assert.equal(move(p, 5, "paragraph", 1), 5);
  assert.equal(move(p, 6, "paragraph", 1), 6);
  // Previous paragraph: the first piece of the one before, from anywhere in this one.
  assert.equal(move(p, 3, "paragraph", -1), 0);
  assert.equal(move(p, 1, "paragraph", -1), 0);
  assert.equal(move(p, 4, "paragraph", -1), 1);
  assert.equal(move(p, 6, "paragraph", -1), 4);
  assert.equal(move(p, 0, "paragraph", -1), 0);
  assert.equal(move([5], 0, "paragraph", 1), 0);
});

test("the speed from storage: a step within 0.75–1.5, 1 for anything unreadable", () => {
  assert.deepEqual(RATES, [0.75, 1, 1.25, 1.5]);
  for (const rate of RATES) assert.equal(rateFrom(String(rate)), rate);
  assert.equal(rateFrom("2"), 1.5);
  assert.equal(rateFrom("0.1"), 0.75);
  assert.equal(rateFrom("1.3"), 1.25);
  for (const bad of [null, undefined, "", " ", "nhanh", "NaN", "Infinity", "1,25", 1.5]) assert.equal(rateFrom(bad), 1, String(bad));
  assert.equal(rateLabel(1.25, "vi"), "1,25×");
  assert.equal(rateLabel(0.75, "en"), "0.75×");
  assert.equal(rateLabel(1, "vi"), "1×");
});

test("the voice speaks the article's language: vi-VN, vi_VN or vi; none is null", () => {
  assert.equal(voiceLang("vi"), "vi-VN");
  assert.equal(voiceLang("en"), "en-US");
  assert.equal(voiceLang("en-GB"), "en-US");
  assert.equal(voiceLang(""), "vi-VN");
  const en = { lang: "en-US", name: "en" };
  const viUnderscore = { lang: "vi_VN", name: "android" };
  const viBare = { lang: "VI", name: "bare" };
  const viVN = { lang: "vi-VN", name: "exact" };
  assert.equal(pickVoice([en, viBare, viVN], "vi-VN"), viVN);
  assert.equal(pickVoice([en, viUnderscore], "vi-VN"), viUnderscore);
  assert.equal(pickVoice([en, viBare], "vi-VN"), viBare);
  assert.equal(pickVoice([en, { lang: "" }], "vi-VN"), null);
  assert.equal(pickVoice([], "vi-VN"), null);
  assert.equal(pickVoice([viVN, en], "en-US"), en);
});

test("both languages have every string, with the same placeholders", () => {
  const placeholders = (value) => JSON.stringify(value).match(/\{[a-z]\}/g)?.sort().join() ?? "";
  assert.deepEqual(Object.keys(TEXT.en).sort(), Object.keys(TEXT.vi).sort());
  for (const key of Object.keys(TEXT.vi)) assert.equal(placeholders(TEXT.en[key]), placeholders(TEXT.vi[key]), key);
  // Each control's name contains its visible word (WCAG 2.5.3).
  for (const t of Object.values(TEXT)) {
    for (const key of ["prevSentence", "nextSentence", "prevParagraph", "nextParagraph"]) {
      const [visible, name] = t[key];
      const word = visible.replace(/[‹›«»]/g, "").trim();
      assert.ok(name.toLowerCase().includes(word.toLowerCase()), `${name} / ${visible}`);
    }
  }
  assert.equal(strings("en-GB"), TEXT.en);
  assert.equal(strings("fr"), TEXT.vi);
  assert.equal(fill(TEXT.vi.reading, { i: 3, n: 20 }), "Đang đọc câu 3/20.");
  assert.equal(fill(TEXT.en.noVoice, { l: "Vietnamese" }).includes("no Vietnamese voice"), true);
});
