// Read aloud, the reading itself: the article cut into sentences, one
// utterance each, the sentence being spoken highlighted and kept in view,
// pause and resume, previous and next sentence or paragraph, the speed, a
// start from the sentence the reader chooses, the voice of the article's
// language. The wasm keeps only the "Nghe đọc bài viết" button
// (src/speech/control.rs); index.html's `portalSpeech` imports this module
// from dist/speech/speech.js on its first press, so none of this is in the
// first view (docs/read-aloud.md). The pure rules are exported for
// tests/engine/speech.test.mjs; the rest needs a page.
//
// Why one utterance per sentence: Chrome stops a single utterance after
// about 15 seconds, and a sentence is the unit the highlight, the moves and
// a resume work in. Sentences longer than MAX_PIECE are cut between words.

/** The longest piece handed to the synthesiser at once, in UTF-16 units. */
export const MAX_PIECE = 220;
/** The speeds offered, as the utterance's `rate`. */
export const RATES = [0.75, 1, 1.25, 1.5];
/** Where the chosen speed is kept. */
export const RATE_KEY = "portal.speech-rate";
/** The name of the highlight of the sentence being spoken (style/reader-actions.css). */
const HIGHLIGHT = "speech";
/** How long the engine may take to list its voices (Firefox, Chrome load them on demand). */
const VOICES_MS = 3000;

// ---------------------------------------------------------------- the rules

/** Sentences of `text` as [start, end) offsets: the browser's
 * `Intl.Segmenter` where there is one, else a word ending in . ! ? ; or …
 * (and any closing quotes or brackets after it) ends a sentence. Every
 * whitespace character counts as a space, so line breaks in the markup's
 * text never cut a sentence. */
export function sentences(text, lang, Segmenter = globalThis.Intl?.Segmenter) {
  const flat = text.replace(/\s/g, " ");
  const spans = [];
  if (Segmenter) {
    for (const { index, segment } of new Segmenter(lang, { granularity: "sentence" }).segment(flat)) {
      spans.push([index, index + segment.length]);
    }
    return spans;
  }
  let start = 0;
  for (const word of flat.matchAll(/\S+/g)) {
    const end = word.index + word[0].length;
    if (/[.!?;…]["'”’»)\]]*$/.test(word[0])) {
      spans.push([start, end]);
      start = end;
    }
  }
  if (start < flat.length) spans.push([start, flat.length]);
  return spans;
}

/** What is said of `text`, as [start, end) offsets: its sentences, the long
 * ones cut between words at MAX_PIECE, without the spaces around them;
 * pieces with no letter or digit (a dash, a lone "*") are left out. */
export function pieces(text, lang, Segmenter) {
  const out = [];
  const push = (start, end) => {
    if (end > start && /[\p{L}\p{N}]/u.test(text.slice(start, end))) out.push([start, end]);
  };
  for (const [from, to] of sentences(text, lang, Segmenter)) {
    let start = -1;
    let end = -1;
    for (const word of text.slice(from, to).matchAll(/\S+/g)) {
      const wordStart = from + word.index;
      const wordEnd = wordStart + word[0].length;
      if (start >= 0 && wordEnd - start > MAX_PIECE) {
        push(start, end);
        start = -1;
      }
      if (start < 0) start = wordStart;
      end = wordEnd;
    }
    if (start >= 0) push(start, end);
  }
  return out;
}

/** Where a move from piece `i` lands, `paragraphs[k]` being piece k's
 * paragraph: by one sentence (`unit` "sentence"), or to the first piece of
 * the next or the previous paragraph. The first and the last piece are the
 * edges: a move past them stays there. */
export function move(paragraphs, i, unit, direction) {
  const last = paragraphs.length - 1;
  if (unit === "sentence") return Math.min(Math.max(i + direction, 0), last);
  let j = i;
  if (direction > 0) {
    while (j <= last && paragraphs[j] === paragraphs[i]) j++;
    return j <= last ? j : i;
  }
  while (j > 0 && paragraphs[j - 1] === paragraphs[i]) j--;
  if (j === 0) return 0;
  const previous = paragraphs[j - 1];
  while (j > 0 && paragraphs[j - 1] === previous) j--;
  return j;
}

/** The speed a stored value asks for: one of RATES (the nearest step,
 * within the range), 1 for anything unreadable. */
export function rateFrom(stored) {
  const n = typeof stored === "string" && stored.trim() ? Number(stored) : NaN;
  if (!Number.isFinite(n)) return 1;
  return Math.min(RATES.at(-1), Math.max(RATES[0], Math.round(n * 4) / 4));
}

/** The voice language asked for: English articles an English voice,
 * everything else (the portal writes Vietnamese) a Vietnamese one. */
export function voiceLang(contentLang) {
  return primary(contentLang) === "en" ? "en-US" : "vi-VN";
}

const primary = (tag) => String(tag ?? "").split(/[-_]/)[0].toLowerCase();

/** The voice for `wanted` (e.g. vi-VN) among `voices`: one of the same
 * language (its `lang` may be `vi-VN`, `vi_VN` on some Android versions, or
 * `vi`), the exact region first; null when there is none. */
export function pickVoice(voices, wanted) {
  const same = [...voices].filter((v) => primary(v.lang) === primary(wanted));
  const exact = (v) => String(v.lang).replace("_", "-").toLowerCase() === wanted.toLowerCase();
  return same.find(exact) ?? same[0] ?? null;
}

// Every string of the reading, in the interface languages (the button
// itself is src/i18n.rs's). {i}, {n} and {r} are filled in.
export const TEXT = {
  vi: {
    stop: "Dừng đọc",
    prevSentence: ["‹ Câu", "Câu trước"],
    nextSentence: ["Câu ›", "Câu sau"],
    prevParagraph: ["« Đoạn", "Đoạn trước"],
    nextParagraph: ["Đoạn »", "Đoạn sau"],
    speed: "Tốc độ",
    where: "Câu {i}/{n}",
    reading: "Đang đọc câu {i}/{n}.",
    paused: "Đã tạm dừng ở câu {i}/{n}.",
    stopped: "Đã dừng đọc.",
    finished: "Đã đọc hết bài.",
    rate: "Tốc độ đọc {r}.",
    failed: "Trình duyệt không đọc được bài viết lúc này.",
    noVoice:
      "Trình duyệt này chưa có giọng đọc {l}, nên không đọc bài này. Hãy thêm giọng {l} trong phần cài đặt " +
      "giọng nói (chuyển văn bản thành giọng nói) của máy, rồi tải lại trang.",
    langs: { vi: "tiếng Việt", en: "tiếng Anh" },
  },
  en: {
    stop: "Stop",
    prevSentence: ["‹ Sentence", "Previous sentence"],
    nextSentence: ["Sentence ›", "Next sentence"],
    prevParagraph: ["« Paragraph", "Previous paragraph"],
    nextParagraph: ["Paragraph »", "Next paragraph"],
    speed: "Speed",
    where: "Sentence {i}/{n}",
    reading: "Reading sentence {i}/{n}.",
    paused: "Paused at sentence {i}/{n}.",
    stopped: "Reading stopped.",
    finished: "Finished reading the article.",
    rate: "Reading speed {r}.",
    failed: "The browser could not read the article aloud just now.",
    noVoice:
      "This browser has no {l} voice, so it will not read this article. Add a {l} voice in your device's " +
      "speech (text-to-speech) settings, then reload the page.",
    langs: { vi: "Vietnamese", en: "English" },
  },
};

/** The strings of interface language `lang` (Vietnamese unless English). */
export function strings(lang) {
  return TEXT[primary(lang)] ?? TEXT.vi;
}

/** `template` with {i}, {n}, {r}, {l} filled in from `values`. */
export function fill(template, values) {
  return template.replace(/\{([inrl])\}/g, (_, key) => values[key]);
}

/** A speed as the interface writes it: "1,25×" in Vietnamese. */
export function rateLabel(rate, lang) {
  return `${new Intl.NumberFormat(primary(lang) === "en" ? "en" : "vi").format(rate)}×`;
}

// ---------------------------------------------------------- the page's side

/** The reading under way, or null. */
let reading = null;
/** Counts the pages left (dispose): a press still waiting for the voices
 * when the reader leaves must not start reading then. */
let left = 0;

const synth = () => window.speechSynthesis;
const byId = (id) => document.getElementById(id);
const uiLang = () => document.documentElement.lang;

/** The one button's press (the wasm's "Nghe đọc bài viết", "Tạm dừng",
 * "Đọc tiếp"): starts a reading, or pauses or resumes this one.
 * `report(state)` tells the button "playing", "paused" or "idle". */
export async function press(report) {
  if (reading) {
    if (reading.paused) resume();
    else pause();
    return;
  }
  const button = byId("listen-button");
  const article = button?.closest("article");
  if (!article) return report?.("idle");
  // What a previous press may have said (no voice) goes.
  article.querySelector(".listen-note")?.remove();
  const roots = [".article__title", ".article__lead", ".article__body"]
    .map((css) => article.querySelector(css))
    .filter(Boolean);
  const body = article.querySelector(".article__body");
  const contentLang = body?.lang || document.documentElement.lang;
  const wanted = voiceLang(contentLang);
  const here = left;
  const [found] = await Promise.all([voices(), styled()]);
  const voice = pickVoice(found, wanted);
  // The reader left while the voices loaded: nothing to read any more.
  if (here !== left || !button.isConnected) return;
  if (!voice) {
    // A Vietnamese article read by an English voice is noise, not help:
    // say why nothing is read, and how to get a voice.
    const t = strings(uiLang());
    const note = document.createElement("p");
    note.className = "reader-tools__status listen-note";
    note.textContent = fill(t.noVoice, { l: t.langs[primary(wanted)] });
    byId("listen-status")?.after(note);
    announce(note.textContent);
    return report?.("idle");
  }
  if (reading) return; // pressed twice while the voices loaded
  const units = collect(roots, contentLang);
  if (!units.length) return report?.("idle");
  reading = {
    run: 0,
    index: startAt(units),
    units,
    roots,
    lang: wanted,
    voice,
    rate: storedRate(),
    paused: false,
    report,
    controls: [],
    cleanups: [],
  };
  build(reading);
  watch(reading);
  report?.("playing");
  speakFrom(reading.index, "reading");
}

/** Stops the reading: the "Dừng đọc" button. Focus goes back to the one button. */
export function stop() {
  end("stopped");
}

/** Stops the reading without a word: the page is going away (the wasm's
 * cleanup calls this on navigation). */
export function dispose() {
  left++;
  if (reading) finish(false);
}

/** Pauses: the current sentence is cancelled and said again from its
 * start on resume (engines differ too much in pause(): Android's cancels,
 * Chrome's forgets a long pause), and its highlight stays. */
function pause() {
  const r = reading;
  r.paused = true;
  r.run++;
  synth().cancel();
  r.report?.("paused");
  announce(say("paused", r));
}

function resume() {
  const r = reading;
  r.paused = false;
  r.report?.("playing");
  speakFrom(r.index, "reading");
}

/** Reads on from piece `i` (a move, a resume, a new speed): whatever was
 * being said is cancelled; its late `end` or `error` events belong to an
 * older run and are ignored. While paused, a move only moves the highlight. */
function speakFrom(i, message) {
  const r = reading;
  r.index = i;
  r.run++;
  synth().cancel();
  show(r);
  if (message) announce(say(message, r));
  if (!r.paused) speak(r, r.run);
}

function speak(r, run) {
  const unit = r.units[r.index];
  const utterance = new SpeechSynthesisUtterance(unit.text);
  utterance.lang = r.lang;
  utterance.voice = r.voice;
  utterance.rate = r.rate;
  const current = () => reading === r && r.run === run;
  utterance.onstart = () => current() && show(r);
  utterance.onend = () => {
    if (!current()) return;
    if (r.index + 1 < r.units.length) {
      r.index++;
      speak(r, run);
    } else end("finished");
  };
  // "interrupted" and "canceled" are our own cancel().
  utterance.onerror = (event) => {
    if (current() && event.error !== "interrupted" && event.error !== "canceled") end("failed");
  };
  // Kept: Chrome drops the events of an utterance nothing refers to.
  r.utterance = utterance;
  synth().speak(utterance);
}

/** The end of a reading, said in the status; focus, if it was on a control
 * that goes, goes to the one button. */
function end(message) {
  const r = reading;
  if (!r) return;
  const focusWasHere = r.controls.some((c) => c.contains(document.activeElement));
  announce(say(message, r));
  finish(true);
  if (focusWasHere || message === "stopped") byId("listen-button")?.focus();
}

function finish(report) {
  const r = reading;
  reading = null;
  r.run++;
  synth().cancel();
  unmark(r);
  for (const cleanup of r.cleanups) cleanup();
  for (const control of r.controls) control.remove();
  if (report) r.report?.("idle");
}

/** A sentence of the status, in the interface's language. */
function say(key, r) {
  return fill(strings(uiLang())[key], { i: r.index + 1, n: r.units.length, r: rateLabel(r.rate, uiLang()) });
}

/** Says `text` in the polite status under the button (the wasm's
 * #listen-status, empty until now). */
function announce(text) {
  const status = byId("listen-status");
  if (status) status.textContent = text;
}

function storedRate() {
  try {
    return rateFrom(localStorage.getItem(RATE_KEY));
  } catch {
    return 1;
  }
}

/** Adds speech.css beside this module to the page, once; settles when it
 * has loaded or failed (the reading goes on without its highlight). */
function styled() {
  const href = new URL("speech.css", import.meta.url).href;
  if ([...document.styleSheets].some((sheet) => sheet.href === href)) return Promise.resolve();
  return new Promise((done) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.onload = link.onerror = done;
    document.head.append(link);
  });
}

/** The engine's voices, waiting for them when it lists none yet (Firefox
 * loads them on the first request; Chrome fires `voiceschanged` later). */
function voices() {
  const now = synth().getVoices();
  if (now.length || !synth().addEventListener) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      synth().removeEventListener("voiceschanged", done);
      resolve(synth().getVoices());
    };
    const timer = setTimeout(done, VOICES_MS);
    synth().addEventListener("voiceschanged", done);
  });
}

// ---------------------------------------------------------- text and ranges

/** Elements whose text is a paragraph of its own. */
const BLOCKS = "p,li,dt,dd,h1,h2,h3,h4,h5,h6,blockquote,figcaption,caption,pre,td,th,div,figure,section,aside,table,ul,ol,dl";
/** Elements whose text is not read. */
const UNSAID = "script,style,template,noscript,[hidden],[aria-hidden=true],.sr-only";

/** The pieces of `roots` (title, lead, body) in reading order, each with
 * its range in the page, its text and its paragraph's number. The page is
 * never changed: the highlight is a range. */
function collect(roots, lang) {
  const units = [];
  let paragraph = 0;
  for (const root of roots) {
    let block = null;
    let text = "";
    let nodes = [];
    const flush = () => {
      for (const [start, end] of pieces(text, lang)) {
        const range = document.createRange();
        range.setStart(...at(nodes, start, false));
        range.setEnd(...at(nodes, end, true));
        units.push({ range, paragraph, text: text.slice(start, end).replace(/\s+/g, " "), block });
      }
      paragraph++;
      text = "";
      nodes = [];
    };
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.nodeType === 1 && n.matches(UNSAID) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === 1) {
        if (n.localName === "br") text += " ";
        continue;
      }
      const owner = n.parentElement.closest(BLOCKS) ?? root;
      if (owner !== block) {
        if (nodes.length) flush();
        block = owner;
      }
      nodes.push([n, text.length]);
      text += n.data;
    }
    if (nodes.length) flush();
  }
  return units;
}

/** The text node and offset of `offset` in a paragraph's text; an end
 * offset belongs to the node it ends. */
function at(nodes, offset, isEnd) {
  for (const [node, start] of nodes) {
    const length = node.data.length;
    if (isEnd ? offset <= start + length : offset < start + length) return [node, offset - start];
  }
  const [node] = nodes.at(-1);
  return [node, node.data.length];
}

/** The piece at a point of the page, or the next one after it; -1 past the last. */
function unitAt(units, node, offset) {
  return units.findIndex((u) => {
    try {
      return u.range.comparePoint(node, offset) <= 0;
    } catch {
      return false;
    }
  });
}

/** Where a reading starts: at the reader's selection in the article, if
 * there is one (select a word, press the button), else at the title. */
function startAt(units) {
  const selection = getSelection();
  if (!selection?.rangeCount || selection.isCollapsed) return 0;
  const range = selection.getRangeAt(0);
  const i = unitAt(units, range.startContainer, range.startOffset);
  return Math.max(i, 0);
}

/** Marks the piece being read and keeps it in view. */
function show(r) {
  const unit = r.units[r.index];
  unmark(r);
  if (globalThis.CSS?.highlights && globalThis.Highlight) {
    CSS.highlights.set(HIGHLIGHT, new Highlight(unit.range));
  } else if (unit.block) {
    // Engines without the Highlight API: the paragraph outlined instead.
    unit.block.style.outline = "2px solid currentColor";
    r.outlined = unit.block;
  }
  r.where && (r.where.textContent = say("where", r));
  keepInView(unit.range);
}

function unmark(r) {
  if (globalThis.CSS?.highlights) CSS.highlights.delete(HIGHLIGHT);
  if (r.outlined) r.outlined.style.outline = "";
  r.outlined = null;
}

/** Scrolls only when the piece has left the window, by as little as brings
 * it back (its top first, if it is taller than the window); at once for a
 * reader who asked for reduced motion. */
function keepInView(range) {
  const box = range.getBoundingClientRect();
  const margin = 16;
  const below = box.bottom - (innerHeight - margin);
  const above = box.top - margin;
  const by = above < 0 ? above : below > 0 ? Math.min(below, above) : 0;
  if (by) {
    const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
    scrollBy({ top: by, behavior: still ? "instant" : "smooth" });
  }
}

// ------------------------------------------------------------ the controls

/** The controls of a reading, after the one button, in the order they are
 * tabbed to: stop, sentence and paragraph moves, speed, where the reading is. */
function build(r) {
  const t = strings(uiLang());
  const anchor = byId("listen-button");
  const button = (label, onClick, icon) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "control";
    if (icon) {
      const glyph = document.createElement("span");
      glyph.className = `icon ${icon}`;
      glyph.setAttribute("aria-hidden", "true");
      b.append(glyph);
    }
    // [visible, name]: the name contains the visible word (WCAG 2.5.3),
    // and the title shows the whole name to a pointer.
    if (Array.isArray(label)) {
      b.append(label[0]);
      b.setAttribute("aria-label", label[1]);
      b.title = label[1];
    } else b.append(label);
    b.addEventListener("click", onClick);
    return b;
  };
  const to = (unit, direction) => () => {
    const i = move(r.units.map((u) => u.paragraph), r.index, unit, direction);
    speakFrom(i, r.paused ? "paused" : "reading");
  };
  const speed = document.createElement("label");
  speed.className = "listen-speed";
  const select = document.createElement("select");
  select.className = "control";
  for (const rate of RATES) select.add(new Option(rateLabel(rate, uiLang()), String(rate), false, rate === r.rate));
  select.addEventListener("change", () => {
    r.rate = rateFrom(select.value);
    try {
      localStorage.setItem(RATE_KEY, String(r.rate));
    } catch {}
    // Heard at once: the sentence again, at the new speed.
    speakFrom(r.index, "rate");
  });
  speed.append(`${t.speed} `, select);
  r.where = document.createElement("span");
  r.where.className = "listen-where";
  r.controls = [
    button(t.stop, stop, "icon--stop"),
    button(t.prevParagraph, to("paragraph", -1)),
    button(t.prevSentence, to("sentence", -1)),
    button(t.nextSentence, to("sentence", 1)),
    button(t.nextParagraph, to("paragraph", 1)),
    speed,
    r.where,
  ];
  anchor.after(...r.controls);
}

/** While reading: a click in the text reads from the sentence clicked; the
 * interface language rebuilds the controls; a body the app renders again
 * (a refresh, a language switch) is cut again, at the same piece. */
function watch(r) {
  const onClick = (event) => {
    if (event.button !== 0 || event.target.closest("a,button,input,select,textarea,summary,label")) return;
    if (!getSelection()?.isCollapsed) return; // the reader is selecting text
    const point = document.caretPositionFromPoint?.(event.clientX, event.clientY);
    const range = point ? null : document.caretRangeFromPoint?.(event.clientX, event.clientY);
    const node = point?.offsetNode ?? range?.startContainer;
    if (!node) return;
    const i = unitAt(r.units, node, point ? point.offset : range.startOffset);
    if (i >= 0) speakFrom(i, r.paused ? "paused" : "reading");
  };
  for (const root of r.roots) root.addEventListener("click", onClick);
  const texts = new MutationObserver(() => {
    const units = collect(r.roots, r.lang);
    if (!units.length) return end("stopped");
    r.units = units;
    r.index = Math.min(r.index, units.length - 1);
    if (reading === r) show(r);
  });
  for (const root of r.roots) texts.observe(root, { childList: true, subtree: true, characterData: true });
  // Only a change of language: the app sets `lang` again on every setting.
  const language = new MutationObserver((records) => {
    if (records.every((record) => record.oldValue === uiLang())) return;
    const focused = r.controls.findIndex((c) => c.contains(document.activeElement));
    for (const control of r.controls) control.remove();
    build(r);
    show(r);
    const control = r.controls[focused];
    (control?.querySelector("select") ?? control)?.focus();
  });
  language.observe(document.documentElement, { attributes: true, attributeFilter: ["lang"], attributeOldValue: true });
  r.cleanups.push(
    () => r.roots.forEach((root) => root.removeEventListener("click", onClick)),
    () => texts.disconnect(),
    () => language.disconnect(),
  );
}
