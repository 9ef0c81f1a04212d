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
