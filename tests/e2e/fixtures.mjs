// What both browser suites know about the embedded data and the test hosts:
// the Playwright suite (specs/, Chromium) and the engine suite (engines/,
// Firefox and WebKit over WebDriver). Plain data, no test framework.

/** The two static hosts: the root build (dist/) and the sub-path one (dist-sub/). */
export const ROOT = "http://127.0.0.1:8090";
export const SUB = "http://127.0.0.1:8091/some/sub/path/";

/** Articles of the embedded data the tests rely on (the first two on page 1). */
export const TEA_TITLE = "Nông dân vùng cao thu hoạch chè Shan tuyết vụ cuối năm";
export const SLUGS = {
  // related: one existing article and one slug that does not resolve.
  land: "tu-01-12-nop-ho-so-dat-dai-truc-tuyen",
  newest: "khai-mac-ky-hop-thu-muoi-hdnd-tinh",
  // kinh-te, first of page 2: newer is the tea article (page 1), older the co-op.
  table: "thu-ngan-sach-chin-thang-dat-82-phan-tram",
  tea: "nong-dan-vung-cao-thu-hoach-che-shan-tuyet",
  reserved: "hoi-dap-ho-tro-nha-o-3-cung-2026",
  // Served from fixtures/overlay/ only: a body of hostile markup.
  hostile: "bai-thu-nghiem-noi-dung-doc-hai",
};

/** The reserved article's title: diacritics, &, quotes, # and an emoji. */
export const RESERVED_TITLE = 'Hỏi & đáp: hỗ trợ "nhà ở 3 cứng" năm 2026 – ai được nhận, nhận bao nhiêu? #2026 🏠';
export const RESERVED_CANONICAL = `https://sonha.example.vn/bai-viet/${SLUGS.reserved}`;

/** Every share link of an article, by its accessible name, as the app must build it. */
export function shareLinks(url, title) {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  return {
    "Chia sẻ lên Facebook (mở thẻ mới)": `https://www.facebook.com/sharer/sharer.php?u=${u}`,
    "Chia sẻ lên X (mở thẻ mới)": `https://twitter.com/intent/tweet?text=${t}&url=${u}`,
    "Chia sẻ lên LinkedIn (mở thẻ mới)": `https://www.linkedin.com/sharing/share-offsite/?url=${u}`,
    "Chia sẻ lên Telegram (mở thẻ mới)": `https://t.me/share/url?url=${u}&text=${t}`,
    "Chia sẻ lên e-mail": `mailto:?subject=${t}&body=${t}%0A%0A${u}`,
  };
}

/** The text of the hostile fixture article that must survive sanitising. */
export const HOSTILE_TEXT = ["Đoạn an toàn", "chữ trong font", "Tiêu đề lạ", "Đoạn cuối vẫn còn."];

/**
 * Run in the page: resolves once every image of the document has loaded or
 * failed, then after a frame and a task. A hostile body's payloads are image
 * handlers (`onerror`): a handler the sanitiser let through would have run
 * by then (an element's own handler is called before a listener added
 * later), so "nothing ran" is a fact, not a guess after a sleep.
 */
export function pageSettled() {
  const pending = [...document.images]
    .filter((img) => !img.complete)
    .map(
      (img) =>
        new Promise((done) => {
          img.addEventListener("load", done, { once: true });
          img.addEventListener("error", done, { once: true });
        }),
    );
  return Promise.all(pending).then(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));
}

/**
 * Run in the page: what is cut off or drawn over other text, as a list of
 * sentences (empty when nothing is). For the largest text, the widest
 * spacing and every palette at 320 px (issue 26), in every engine:
 *  - the page scrolls sideways;
 *  - a line of text runs out of its block (the nearest ancestor that is not
 *    an inline box), or out of an ancestor that hides what overflows it
 *    (`overflow: hidden | clip`; a scrolling region keeps it reachable);
 *  - two lines of text of different elements cover each other (by more than
 *    half the height of the smaller: fonts' boxes may touch a little).
 * What no one sees is skipped: hidden, screen-reader-only, off-screen.
 */
export function layoutFaults() {
  const faults = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    faults.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px in ${width}`);
  }
  const unseen = (el) =>
    el.closest(".sr-only, [hidden], [aria-hidden=true], noscript, script, style, template") ||
    getComputedStyle(el).visibility === "hidden";
  const lines = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || unseen(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
    if (rects.length === 0 || rects.every((r) => r.right < 0 || r.bottom < 0)) continue;
    const name = `<${el.tagName.toLowerCase()} class="${el.className}"> “${node.textContent.trim().slice(0, 30)}”`;
    let block = el;
    while (block.parentElement && getComputedStyle(block).display.startsWith("inline") && !/^inline-(block|flex|grid|table)$/.test(getComputedStyle(block).display)) {
      block = block.parentElement;
    }
    const outside = (r, box) => r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1;
    const own = block.getBoundingClientRect();
    if (rects.some((r) => outside(r, own))) faults.push(`${name} runs out of its <${block.tagName.toLowerCase()} class="${block.className}">`);
    for (let up = block; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      const hides = (o) => o === "hidden" || o === "clip";
      if ((hides(style.overflowX) || hides(style.overflowY)) && rects.some((r) => outside(r, up.getBoundingClientRect()))) {
        faults.push(`${name} is cut off by <${up.tagName.toLowerCase()} class="${up.className}">`);
      }
    }
    for (const r of rects) lines.push({ r, el, name });
  }
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const [a, b] = [lines[i], lines[j]];
      if (a.el === b.el) continue;
      const across = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const down = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (across > 2 && down > Math.min(a.r.height, b.r.height) / 2) faults.push(`${a.name} and ${b.name} overlap`);
    }
  }
  return faults;
}
