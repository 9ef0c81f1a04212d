// Minifies the inline classic scripts of the shell (the pre-paint script and
// the data preload) in trunk's staging directory: trunk 0.21 minifies the
// HTML around them but leaves the pre-paint script as written, comments and
// all (index.html keeps them for readers). Runs before the pre-render copies
// the shell into every page and before the Content-Security-Policy hashes
// the final scripts. JSON and module scripts are left alone.
//   node minify-inline.mjs FILE.html...
import { readFileSync, writeFileSync } from "node:fs";
import { minify } from "terser";

for (const file of process.argv.slice(2)) {
  const html = readFileSync(file, "utf8");
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].filter(
    ([, attributes, code]) => code.trim() && !/\b(src|type)=/.test(attributes),
  );
  let out = html;
  for (const [whole, attributes, code] of scripts) {
    const { code: small } = await minify(code, { compress: true, mangle: true });
    out = out.replace(whole, () => `<script${attributes}>${small}</script>`);
  }
  writeFileSync(file, out);
  console.log(`minify-inline: ${file.split("/").pop()} ${html.length} -> ${out.length} bytes (${scripts.length} scripts)`);
}
