// Writes a large endpoint for benchmarks: N articles (default 10 000) in the
// contract's shape, from the embedded endpoint's site.json and images, with
// Vietnamese titles and bodies of a realistic length (about 600 words, a
// figure, a list, a table) and vocabulary (about 6 000 words), list pages
// of 20, related slugs and ratings.
//   node .tools/generate-endpoint.mjs OUT_DIR [N]
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [out, countText] = process.argv.slice(2);
if (!out) {
  console.error("usage: node generate-endpoint.mjs OUT_DIR [N]");
  process.exit(2);
}
const count = Number(countText ?? 10_000);
const here = new URL("..", import.meta.url).pathname;
const api = join(here, "public/api");
mkdirSync(join(out, "articles"), { recursive: true });
cpSync(join(api, "images"), join(out, "images"), { recursive: true });
cpSync(join(api, "site.json"), join(out, "site.json"));
cpSync(join(api, "stats.json"), join(out, "stats.json"));
const site = JSON.parse(readFileSync(join(api, "site.json"), "utf8"));
const categories = site.categories.map((c) => c.slug);
const images = ["che-shan-tuyet.svg", "hdnd-ky-hop.svg", "cau-treo.svg", "gau-tao.svg", "truong-ban-tru.svg"];

// A deterministic generator, so every run writes the same endpoint.
let seed = 20261127;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];
const words = (
  "tỉnh huyện xã đồng bào nông dân chè lúa ngô cầu đường trường học bệnh viện kỳ họp nghị quyết " +
  "ngân sách đầu tư dự án hợp tác xã sản phẩm du lịch lễ hội văn hóa di sản người dân cán bộ " +
  "chính sách hỗ trợ nhà ở giáo dục y tế giao thông thủy lợi rừng biên giới an ninh kinh tế"
).split(" ");
// A real text's vocabulary: the common words above, then a long tail of
// syllables (onset, rhyme and tone marks) drawn with a skew, rare ones
// rarely, so the index meets the tens of thousands of words and the far
// more word pairs of a real portal.
const onsets = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s", "t", "th", "tr", "v", "x"];
const rhymes = ["a", "ai", "am", "an", "ang", "anh", "ao", "at", "ăn", "âm", "ân", "âu", "e", "em", "en", "êm", "ên", "i", "im", "in", "inh", "o", "oi", "om", "on", "ong", "ô", "ôi", "ông", "ơ", "ơi", "u", "ui", "um", "un", "ung", "ư", "ưa", "ương", "ươi", "iêu", "uyên"];
const tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
const tail = [];
for (const onset of onsets) for (const rhyme of rhymes) for (const tone of tones) tail.push((onset + rhyme.slice(0, 1) + tone + rhyme.slice(1)).normalize("NFC"));
const word = () => (random() < 0.6 ? pick(words) : tail[Math.floor(tail.length * random() ** 3)]);
const sentence = (n) => {
  const s = Array.from({ length: n }, word).join(" ");
  return s[0].toUpperCase() + s.slice(1) + ".";
};
const pad = (n) => String(n).padStart(2, "0");

const summaries = [];
for (let i = 0; i < count; i++) {
  // Newest first: one article every 53 minutes back from 26/11/2026.
  const at = new Date(Date.UTC(2026, 10, 26, 2, 0) - i * 53 * 60_000);
  const date = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}T${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:00+07:00`;
  const slug = `bai-${i + 1}-${pick(words).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d")}`;
  const title = `${sentence(8).slice(0, -1)} (số ${i + 1})`;
  const category = categories[i % categories.length];
  const image = pick(images);
  const summary = sentence(30);
  const paragraphs = Array.from({ length: 12 }, () => `<p>${sentence(25)} ${sentence(20)}</p>`);
  const body = [
    ...paragraphs.slice(0, 4),
    `<figure><img src="images/${image}" alt="${sentence(6)}"><figcaption>${sentence(10)}</figcaption></figure>`,
    `<h2>${sentence(5)}</h2>`,
    ...paragraphs.slice(4, 8),
    `<ul><li>${sentence(8)}</li><li>${sentence(8)}</li><li>${sentence(8)}</li></ul>`,
    `<table><tr><th>Chỉ tiêu</th><th>Kết quả</th></tr><tr><td>${sentence(3)}</td><td>${i}</td></tr></table>`,
    ...paragraphs.slice(8),
  ].join("");
  const article = {
    slug,
    title,
    summary,
    category,
    published_at: date,
    author: "Phóng viên " + (i % 37),
    source: "Báo Sơn Hà",
    cover: { src: `images/${image}`, alt: sentence(8), caption: sentence(12) },
    body_html: body,
    tags: [pick(words), pick(words)],
    views: (i * 7919) % 10_000,
    rating: { total: (i * 13) % 50, count: (i * 3) % 12 },
    related: [],
  };
  summaries.push({ slug, title, summary, category, published_at: date, author: article.author, thumbnail: { src: `images/${image}`, alt: article.cover.alt } });
  writeFileSync(join(out, "articles", `${slug}.json`), JSON.stringify(article));
}
// Related: two older articles of the same category, by slug.
for (let i = 0; i < count; i++) {
  const path = join(out, "articles", `${summaries[i].slug}.json`);
  const article = JSON.parse(readFileSync(path, "utf8"));
  article.related = [i + categories.length, i + 2 * categories.length].filter((j) => j < count).map((j) => summaries[j].slug);
  writeFileSync(path, JSON.stringify(article));
}
const pageSize = 20;
for (let p = 0; p * pageSize < count; p++) {
  const name = p === 0 ? "articles.json" : `articles-${p + 1}.json`;
  const next = (p + 1) * pageSize < count ? `articles-${p + 2}.json` : null;
  writeFileSync(join(out, name), JSON.stringify({ articles: summaries.slice(p * pageSize, (p + 1) * pageSize), next }));
}
console.log(`generate-endpoint: ${count} articles, ${Math.ceil(count / pageSize)} list pages in ${out}`);
