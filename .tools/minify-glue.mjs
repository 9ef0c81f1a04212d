// Minifies wasm-bindgen's JS glue in trunk's staging directory and updates the
// Subresource Integrity hashes that trunk already wrote into the HTML files for
// it. trunk 0.21 minifies HTML and CSS but leaves this file as generated.
//   node minify-glue.mjs STAGING_DIR
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";
import { updateIntegrity } from "./sri.mjs";

const dir = process.argv[2];

for (const file of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
  const path = join(dir, file);
  const source = readFileSync(path);
  const { code } = await minify(source.toString(), { module: true, compress: true, mangle: true });
  writeFileSync(path, code);
  updateIntegrity(dir, source, Buffer.from(code));
  console.log(`minify-glue: ${file} ${source.length} -> ${code.length} bytes`);
}
