// Subresource Integrity of a file that changed after trunk hashed it: the
// `integrity` trunk wrote into the HTML pages for the old bytes is replaced
// by that of the new ones.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";

const sri = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");

export function updateIntegrity(dir, oldBytes, newBytes) {
  const [before, after] = [sri(oldBytes), sri(newBytes)];
  for (const page of readdirSync(dir).filter((f) => f.endsWith(".html"))) {
    const path = join(dir, page);
    const text = readFileSync(path, "utf8");
    if (text.includes(before)) writeFileSync(path, text.split(before).join(after));
  }
}
