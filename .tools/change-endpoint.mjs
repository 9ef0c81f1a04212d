// Changes an endpoint written by generate-endpoint.mjs as an editor's day
// would, for the refresh benchmark (scripts/bench-prerender): one article
// edited (its title and first paragraph), one added (the newest, at the top
// of articles.json), one removed (from its list page and the endpoint).
//   node .tools/change-endpoint.mjs DIR
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node change-endpoint.mjs DIR");
  process.exit(2);
}
const read = (file) => JSON.parse(readFileSync(join(dir, file), "utf8"));
const write = (file, value) => writeFileSync(join(dir, file), JSON.stringify(value));

// The list pages, in order.
const pages = [];
for (let name = "articles.json"; name; ) {
  const page = read(name);
  pages.push([name, page]);
  name = page.next;
}
const all = pages.flatMap(([, page]) => page.articles);
const edited = all[Math.floor(all.length / 2)];
const removed = all[Math.floor(all.length / 3)];
const stamp = Date.now().toString(36);

const article = read(`articles/${edited.slug}.json`);
article.title = edited.title = `${edited.title} (sửa ${stamp})`;
article.body_html = `<p>Bài được sửa lúc ${stamp}.</p>${article.body_html}`;
article.updated_at = new Date().toISOString();
write(`articles/${edited.slug}.json`, article);

const slug = `bai-moi-${stamp}`;
const template = read(`articles/${all[0].slug}.json`);
const added = { ...template, slug, title: `Tin mới nhất ${stamp}`, published_at: new Date().toISOString(), related: [edited.slug] };
write(`articles/${slug}.json`, added);
pages[0][1].articles.unshift({ ...all[0], slug, title: added.title, published_at: added.published_at });

// Only the list pages that change are written.
for (const [name, page] of pages) {
  const kept = page.articles.filter((s) => s.slug !== removed.slug);
  const touched = name === "articles.json" || kept.length < page.articles.length || page.articles.includes(edited);
  page.articles = kept;
  if (touched) write(name, page);
}
rmSync(join(dir, "articles", `${removed.slug}.json`));
console.log(`change-endpoint: edited ${edited.slug}, added ${slug}, removed ${removed.slug}`);
