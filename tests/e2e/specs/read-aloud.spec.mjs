// Read aloud (src/speech/: the wasm's button, speech.js the reading) on the
// release build, with a recording stand-in for the browser's speech
// synthesis (headless Chromium has the API, but seldom a voice and never a
// loudspeaker): the sentence highlighted follows the one spoken and stays
// in view, moves by sentence and paragraph, pause and resume, the speed
// applied and remembered, a start from the reader's choice, the message
// when there is no Vietnamese voice, the stop on navigation, the keyboard,
// axe, and the highlight in every contrast level. docs/read-aloud.md.
import { test, expect, axe, articleLoaded, withLang, SLUGS, TEA_TITLE } from "./helpers.mjs";

const ARTICLE = `/bai-viet/${SLUGS.tea}`;
const VI_VOICE = { lang: "vi-VN", name: "Giọng Việt" };
const EN_VOICE = { lang: "en-US", name: "English voice" };
// The tea article as read: title, lead, then the body's blocks, by sentence.
const LEAD = [
  "Những ngày cuối tháng 11, bà con các xã vùng cao tất bật thu hái chè Shan tuyết.",
  "Giá chè búp tươi năm nay tăng khoảng 15% so với cùng kỳ.",
];
const P1 = [
  "Trên những sườn đồi ở độ cao hơn 1.500 m, đồng bào Dao và Mông đang bước vào vụ chè cuối năm.",
  "Chè Shan tuyết ở đây được thu hái thủ công, chỉ lấy một tôm hai lá.",
];
const CAPTION = "Người dân xã Tả Phìn hái chè vào buổi sáng sớm.";
const H2 = "Giá chè tăng, người trồng phấn khởi";
const P2 = [
  "Theo hợp tác xã chè Tả Phìn, giá chè búp tươi loại một hiện ở mức 28.000 - 32.000 đồng/kg.",
  "Nhiều hộ có thu nhập trên 80 triệu đồng mỗi năm từ cây chè.",
];
const H3 = "Quy trình sao chè truyền thống";
const STEPS = [
  "Làm héo chè trên nong tre từ 2 đến 3 giờ;",
  "Sao diệt men trên chảo gang;",
  "Vò bằng tay khi chè còn nóng;",
  "Sấy khô bằng than củi.",
];
const LAST = "Tìm hiểu thêm về chương trình Mỗi xã một sản phẩm (OCOP).";
const READ = [TEA_TITLE, ...LEAD, ...P1, CAPTION, H2, ...P2, H3, ...STEPS, LAST];

/**
 * The stand-in: records each utterance (text, lang, voice, rate) and each
 * cancel. An utterance starts a task after `speak`, and ends when the test
 * calls `speechSynthesis.end()`; a cancelled one
 * reports "interrupted" late, as Chrome does, which must change nothing.
 * `voices: null` lists none until the test calls `setVoices`.
 */
async function fakeSpeech(page, { voices = [VI_VOICE, EN_VOICE] } = {}) {
  await page.addInitScript(
    ({ voices }) => {
      const log = (window.__speech = []);
      const listeners = new Set();
      let list = voices ?? [];
      const synth = {
        current: null,
        pending: false,
        paused: false,
        get speaking() {
          return !!this.current;
        },
        getVoices: () => list,
        setVoices(next) {
          list = next;
          listeners.forEach((f) => f(new Event("voiceschanged")));
        },
        addEventListener: (type, f) => type === "voiceschanged" && listeners.add(f),
        removeEventListener: (type, f) => listeners.delete(f),
        speak(u) {
          log.push({ op: "speak", text: u.text, lang: u.lang, voice: u.voice?.name ?? null, rate: u.rate });
          this.current = u;
          setTimeout(() => {
            if (this.current === u) u.onstart?.(new Event("start"));
          });
        },
        cancel() {
          log.push({ op: "cancel" });
          const u = this.current;
          this.current = null;
          if (u) setTimeout(() => u.onerror?.(Object.assign(new Event("error"), { error: "interrupted" })));
        },
        pause() {
          log.push({ op: "pause" });
        },
        resume() {
          log.push({ op: "resume" });
        },
        end() {
          const u = this.current;
          this.current = null;
          u?.onend?.(new Event("end"));
        },
        fail(error) {
          const u = this.current;
          this.current = null;
          u?.onerror?.(Object.assign(new Event("error"), { error }));
        },
      };
      Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
      window.SpeechSynthesisUtterance = class {
        constructor(text) {
          Object.assign(this, { text, lang: "", voice: null, rate: 1, onstart: null, onend: null, onerror: null });
        }
      };
    },
    { voices },
  );
}

const spoken = (page) => page.evaluate(() => window.__speech.filter((e) => e.op === "speak"));
const lastSpoken = async (page) => (await spoken(page)).at(-1)?.text;
/** The text of the highlight, or null when there is none. */
const highlighted = (page) =>
  page.evaluate(() => {
    const h = CSS.highlights.get("speech");
    return h ? [...h].map((r) => r.toString().replace(/\s+/g, " ").trim()).join(" | ") : null;
  });
/** Whether the highlighted text is inside the window. */
const inView = (page) =>
  page.evaluate(() => {
    const [range] = CSS.highlights.get("speech");
    const box = range.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight;
  });
const endSentence = (page) => page.evaluate(() => window.speechSynthesis.end());
const main = (page) => page.locator("#listen-button");
const status = (page) => page.locator("#listen-status");
/** Waits for `text` to be what is spoken and highlighted. */
async function reading(page, text) {
  await expect.poll(() => lastSpoken(page)).toBe(text);
  await expect.poll(() => highlighted(page)).toBe(text);
}

async function openArticle(page, path = ARTICLE) {
  await page.goto(path);
  await articleLoaded(page);
}

test.use({ reducedMotion: "reduce" });

test("the sentence spoken is highlighted, one utterance each, kept in view, to the end", async ({ page }) => {
  await page.setViewportSize({ width: 400, height: 640 });
  await fakeSpeech(page);
  await openArticle(page);
  await expect(main(page)).toHaveText("Nghe đọc bài viết");
  await main(page).click();
  await expect(main(page)).toHaveText("Tạm dừng");
  await expect(status(page)).toHaveText(`Đang đọc câu 1/${READ.length}.`);
  await expect(page.locator(".listen-where")).toHaveText(`Câu 1/${READ.length}`);
  for (const [i, text] of READ.entries()) {
    await reading(page, text);
    expect(await inView(page), `"${text}" in view`).toBe(true);
    await expect(page.locator(".listen-where")).toHaveText(`Câu ${i + 1}/${READ.length}`);
    await endSentence(page);
  }
  const all = await spoken(page);
  expect(all.map((u) => u.text)).toEqual(READ);
  for (const u of all) expect(u).toMatchObject({ lang: "vi-VN", voice: "Giọng Việt", rate: 1 });
  // The end: the button back at the start, the controls and the highlight gone.
  await expect(main(page)).toHaveText("Nghe đọc bài viết");
  await expect(status(page)).toHaveText("Đã đọc hết bài.");
  await expect(page.getByRole("button", { name: "Dừng đọc" })).toHaveCount(0);
  expect(await highlighted(page)).toBeNull();
});

test("by keyboard: start, move by sentence and paragraph, pause, move while paused, resume, stop", async ({ page }) => {
  await fakeSpeech(page);
  await openArticle(page);
  await main(page).focus();
  await page.keyboard.press("Enter");
  await reading(page, TEA_TITLE);
  await expect(main(page)).toBeFocused();
  // The reading's controls follow the button, in this order.
  const names = [];
  for (let k = 0; k < 6; k++) {
    await page.keyboard.press("Tab");
    names.push(await page.evaluate(() => document.activeElement.getAttribute("aria-label") ?? document.activeElement.closest("label")?.textContent ?? document.activeElement.textContent));
  }
  expect(names.slice(0, 5)).toEqual(["Dừng đọc", "Đoạn trước", "Câu trước", "Câu sau", "Đoạn sau"]);
  expect(names[5]).toMatch(/^Tốc độ/);

  const press = async (name) => {
    await page.getByRole("button", { name, exact: true }).focus();
    await page.keyboard.press("Enter");
  };
  await press("Câu sau");
  await reading(page, LEAD[0]);
  await expect(status(page)).toHaveText(`Đang đọc câu 2/${READ.length}.`);
  await press("Đoạn sau");
  await reading(page, P1[0]);
  await press("Đoạn sau");
  await reading(page, CAPTION);
  await press("Câu trước");
  await reading(page, P1[1]);
  // From inside a paragraph: the start of the one before it.
  await press("Đoạn trước");
  await reading(page, LEAD[0]);
  await press("Đoạn trước");
  await reading(page, TEA_TITLE);
  // At the first sentence, back is the first sentence again.
  const before = (await spoken(page)).length;
  await press("Câu trước");
  await expect.poll(async () => (await spoken(page)).length).toBe(before + 1);
  await reading(page, TEA_TITLE);
  // The late "interrupted" of each cancelled utterance stopped nothing.
  await expect(main(page)).toHaveText("Tạm dừng");

  // Pause: nothing more is said; a move while paused moves the highlight only.
  await main(page).focus();
  await page.keyboard.press("Space");
  await expect(main(page)).toHaveText("Đọc tiếp");
  await expect(main(page)).toBeFocused();
  await expect(status(page)).toHaveText(`Đã tạm dừng ở câu 1/${READ.length}.`);
  expect((await page.evaluate(() => window.__speech.map((e) => e.op))).at(-1), "the sentence cut short").toBe("cancel");
  const paused = (await spoken(page)).length;
  await press("Câu sau");
  await expect.poll(() => highlighted(page)).toBe(LEAD[0]);
  await expect(status(page)).toHaveText(`Đã tạm dừng ở câu 2/${READ.length}.`);
  await page.waitForTimeout(100);
  expect((await spoken(page)).length).toBe(paused);
  // Resume: from the sentence highlighted.
  await main(page).focus();
  await page.keyboard.press("Enter");
  await expect(main(page)).toHaveText("Tạm dừng");
  await reading(page, LEAD[0]);
  expect((await spoken(page)).length).toBe(paused + 1);

  // Stop: focus back on the button, the controls and the highlight gone.
  await press("Dừng đọc");
  await expect(main(page)).toHaveText("Nghe đọc bài viết");
  await expect(main(page)).toBeFocused();
  await expect(status(page)).toHaveText("Đã dừng đọc.");
  await expect(page.getByRole("button", { name: "Câu sau" })).toHaveCount(0);
  expect(await highlighted(page)).toBeNull();
  const stopped = (await spoken(page)).length;
  await page.waitForTimeout(100);
  expect((await spoken(page)).length).toBe(stopped);
});

test("the speed applies at once, is remembered across a reload, and storage that throws reads at 1×", async ({ page }) => {
  await fakeSpeech(page);
  await openArticle(page);
  await main(page).click();
  await reading(page, TEA_TITLE);
  const speed = page.getByLabel("Tốc độ");
  await expect(speed).toHaveValue("1");
  expect(await speed.locator("option").allTextContents()).toEqual(["0,75×", "1×", "1,25×", "1,5×"]);
  await speed.selectOption({ label: "1,25×" });
  // The sentence again, at the new speed.
  await expect.poll(async () => (await spoken(page)).at(-1)).toMatchObject({ text: TEA_TITLE, rate: 1.25 });
  await expect(status(page)).toHaveText("Tốc độ đọc 1,25×.");
  await endSentence(page);
  await expect.poll(async () => (await spoken(page)).at(-1)).toMatchObject({ text: LEAD[0], rate: 1.25 });
  expect(await page.evaluate(() => localStorage.getItem("portal.speech-rate"))).toBe("1.25");

  await page.reload();
  await articleLoaded(page);
  await main(page).click();
  await expect.poll(async () => (await spoken(page)).at(-1)).toMatchObject({ text: TEA_TITLE, rate: 1.25 });
  await expect(page.getByLabel("Tốc độ")).toHaveValue("1.25");
});

test("storage that throws: the speed is 1× and can still be changed", async ({ page }) => {
  await fakeSpeech(page);
  await page.addInitScript(() => {
    const deny = () => {
      throw new DOMException("denied", "SecurityError");
    };
    Storage.prototype.getItem = deny;
    Storage.prototype.setItem = deny;
  });
  await openArticle(page);
  await main(page).click();
  await expect.poll(async () => (await spoken(page)).at(-1)).toMatchObject({ text: TEA_TITLE, rate: 1 });
  await page.getByLabel("Tốc độ").selectOption("1.5");
  await expect.poll(async () => (await spoken(page)).at(-1)).toMatchObject({ text: TEA_TITLE, rate: 1.5 });
});

test("a reading starts where the reader chooses: a selection before, a click while reading", async ({ page }) => {
  await fakeSpeech(page);
  await openArticle(page);
  // Select words of a sentence, then press: the reading starts there.
  await page.evaluate(() => {
    const p = [...document.querySelectorAll(".article__body p")].find((e) => e.textContent.includes("Nhiều hộ"));
    const text = [...p.childNodes].find((n) => n.nodeType === 3 && n.data.includes("Nhiều hộ"));
    const at = text.data.indexOf("Nhiều hộ");
    getSelection().setBaseAndExtent(text, at + 2, text, at + 8);
  });
  await main(page).click();
  await reading(page, P2[1]);
  await expect(status(page)).toHaveText(`Đang đọc câu ${READ.indexOf(P2[1]) + 1}/${READ.length}.`);
  // While reading, a click in the text reads from the sentence clicked.
  await page.evaluate(() => getSelection().removeAllRanges());
  await page.locator(".article__body h3").click();
  await reading(page, H3);
  await page.locator(".article__body li", { hasText: "chảo gang" }).click({ position: { x: 4, y: 8 } });
  await reading(page, STEPS[1]);
  await page.locator(".article__lead").click({ position: { x: 4, y: 8 } });
  await reading(page, LEAD[0]);
  // Once the reading has stopped, a click is a click.
  await page.getByRole("button", { name: "Dừng đọc" }).click();
  const after = (await spoken(page)).length;
  await page.locator(".article__body h3").click();
  await page.waitForTimeout(100);
  expect((await spoken(page)).length).toBe(after);
});

test("without a Vietnamese voice: a clear message, nothing read in another voice", async ({ page }) => {
  await fakeSpeech(page, { voices: [EN_VOICE] });
  await openArticle(page);
  await main(page).click();
  const note = page.locator(".listen-note");
  await expect(note).toBeVisible();
  await expect(note).toContainText("Trình duyệt này chưa có giọng đọc tiếng Việt");
  await expect(note).toContainText("cài đặt giọng nói");
  await expect(status(page)).toHaveText(await note.textContent());
  await expect(main(page)).toHaveText("Nghe đọc bài viết");
  expect(await spoken(page)).toEqual([]);
  await expect(page.getByRole("button", { name: "Dừng đọc" })).toHaveCount(0);
  expect(await axe(page)).toEqual([]);
  // Pressed again: one message, not two.
  await main(page).click();
  await expect(page.locator(".listen-note")).toHaveCount(1);
});

test("in English: the message names the language", async ({ page }) => {
  await fakeSpeech(page, { voices: [EN_VOICE] });
  await withLang(page, "en");
  await openArticle(page);
  await page.getByRole("button", { name: "Listen to this article" }).click();
  await expect(page.locator(".listen-note")).toContainText("This browser has no Vietnamese voice");
});

test("voices listed late (voiceschanged) are waited for", async ({ page }) => {
  await fakeSpeech(page, { voices: null });
  await openArticle(page);
  await main(page).click();
  await page.waitForTimeout(200);
  expect(await spoken(page)).toEqual([]);
  await page.evaluate((voices) => window.speechSynthesis.setVoices(voices), [EN_VOICE, VI_VOICE]);
  await reading(page, TEA_TITLE);
  expect((await spoken(page))[0]).toMatchObject({ voice: "Giọng Việt", lang: "vi-VN" });
  await expect(page.locator(".listen-note")).toHaveCount(0);
});

test("leaving while the first press waits for the voices: nothing is read, there or on the next page", async ({ page }) => {
  await fakeSpeech(page, { voices: null });
  await openArticle(page);
  await main(page).click();
  await page.waitForTimeout(200);
  await page.getByRole("navigation", { name: "Chuyên mục" }).getByRole("link", { name: "Trang chủ" }).click();
  await expect(page.locator(".feed .card")).toHaveCount(5);
  await page.evaluate((voices) => window.speechSynthesis.setVoices(voices), [VI_VOICE]);
  await page.waitForTimeout(300);
  expect(await spoken(page)).toEqual([]);
  await expect(page.locator(".listen-speed")).toHaveCount(0);
  expect(await page.evaluate(() => CSS.highlights.size)).toBe(0);
});

test("leaving the article stops the reading: no highlight, no controls, nothing more said", async ({ page }) => {
  await fakeSpeech(page);
  await openArticle(page);
  await main(page).click();
  await reading(page, TEA_TITLE);
  await endSentence(page);
  await reading(page, LEAD[0]);
  await page.getByRole("navigation", { name: "Chuyên mục" }).getByRole("link", { name: "Trang chủ" }).click();
  await expect(page.locator(".feed .card")).toHaveCount(5);
  const log = await page.evaluate(() => window.__speech.map((e) => e.op));
  expect(log.at(-1), "the sentence cut short").toBe("cancel");
  expect(await page.evaluate(() => CSS.highlights.size)).toBe(0);
  // Whatever the engine still reports ends nothing more: no next sentence.
  await endSentence(page);
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => window.__speech.length)).toBe(log.length);
  // The next page's reading starts afresh, from the title.
  await page.goto(ARTICLE);
  await articleLoaded(page);
  await main(page).click();
  await expect.poll(async () => (await spoken(page))[0]?.text).toBe(TEA_TITLE);
});

test("an engine error ends the reading and says so; the module that cannot load says so too", async ({ page }) => {
  await fakeSpeech(page);
  await openArticle(page);
  await main(page).click();
  await reading(page, TEA_TITLE);
  await page.evaluate(() => window.speechSynthesis.fail("synthesis-failed"));
  await expect(main(page)).toHaveText("Nghe đọc bài viết");
  await expect(status(page)).toHaveText("Trình duyệt không đọc được bài viết lúc này.");
  expect(await highlighted(page)).toBeNull();

  // Offline before the module was ever fetched (a fresh page).
  await page.route("**/speech/speech.js", (route) => route.abort());
  await page.reload();
  await articleLoaded(page);
  await main(page).click();
  await expect(status(page)).toHaveText("Chưa tải được phần đọc bài. Hãy thử lại khi có mạng.");
  await expect(main(page)).toHaveText("Nghe đọc bài viết");
  // Back online: the next press loads it.
  await page.unroute("**/speech/speech.js");
  await main(page).click();
  await reading(page, TEA_TITLE);
});

test("in English: controls named in English, their names starting with what they show; axe is clean", async ({ page }) => {
  await fakeSpeech(page);
  await withLang(page, "en");
  await openArticle(page);
  await page.getByRole("button", { name: "Listen to this article" }).click();
  await reading(page, TEA_TITLE);
  // The Vietnamese article keeps its Vietnamese voice.
  expect((await spoken(page))[0]).toMatchObject({ lang: "vi-VN", voice: "Giọng Việt" });
  for (const [shown, name] of [
    ["« Paragraph", "Previous paragraph"],
    ["‹ Sentence", "Previous sentence"],
    ["Sentence ›", "Next sentence"],
    ["Paragraph »", "Next paragraph"],
  ]) {
    await expect(page.getByRole("button", { name, exact: true })).toHaveText(shown);
  }
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  // Switching the interface language while reading: the controls follow,
  // the body the app renders again is cut again, the reading goes on.
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.getByRole("button", { name: "Câu sau", exact: true })).toHaveText("Câu ›");
  await page.getByRole("button", { name: "Câu sau", exact: true }).click();
  await reading(page, LEAD[0]);
  await page.getByRole("button", { name: "Đoạn sau", exact: true }).click();
  await reading(page, P1[0]);
});

/** WCAG relative luminance contrast of two computed `rgb()` colours. */
function contrast(a, b) {
  const lum = (rgb) => {
    const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

for (const level of ["soft", "normal", "high", "maximum"]) {
  test(`contrast '${level}': the highlight shows, with the text's contrast and an underline; axe is clean`, async ({ page }) => {
    await fakeSpeech(page);
    await page.addInitScript((l) => localStorage.setItem("portal.contrast", l), level);
    await openArticle(page);
    await expect(page.locator("html")).toHaveAttribute("data-contrast", level);
    const heading = page.locator("article.article h1");
    const plain = await heading.screenshot();
    await main(page).click();
    await reading(page, TEA_TITLE);
    const styles = await page.evaluate(() => {
      const h1 = document.querySelector("article.article h1");
      const mark = getComputedStyle(h1, "::highlight(speech)");
      const text = getComputedStyle(h1);
      return {
        mark: { bg: mark.backgroundColor, fg: mark.color, line: mark.textDecorationLine },
        text: { fg: text.color, line: text.textDecorationLine },
        page: getComputedStyle(document.body).backgroundColor,
      };
    });
    // Not colour alone: an underline the plain text has not.
    expect(styles.mark.line).toContain("underline");
    expect(styles.text.line).not.toContain("underline");
    expect(styles.mark.bg).not.toBe(styles.page);
    expect(styles.mark.fg).not.toBe(styles.text.fg);
    const needed = level === "high" || level === "maximum" ? 7 : 4.5;
    expect(contrast(styles.mark.fg, styles.mark.bg), "text on the highlight").toBeGreaterThanOrEqual(needed);
    expect(contrast(styles.mark.bg, styles.page), "the highlight against the page").toBeGreaterThanOrEqual(3);
    // And it is painted: the heading looks different while it is spoken.
    expect((await heading.screenshot()).equals(plain)).toBe(false);
    expect(await axe(page)).toEqual([]);
  });
}

test("without speech synthesis there is no read-aloud control", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "speechSynthesis", { value: undefined, configurable: true });
    window.SpeechSynthesisUtterance = undefined;
  });
  await openArticle(page);
  await expect(page.getByRole("button", { name: "In bài viết" })).toBeVisible();
  await expect(page.locator("#listen-button")).toHaveCount(0);
});
