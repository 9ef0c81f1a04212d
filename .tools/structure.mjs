// Checks the shape of src/ that the house style promises (STYLE.md), so it
// cannot drift back unnoticed:
//   1. no cycles between modules, nor between top-level modules (a module and
//      everything under it): no module uses one that uses it back;
//   2. every request is made in src/api/ (no fetch or gloo-net elsewhere);
//   3. no JSON written by hand outside src/api/;
//   4. every module that writes views uses the app's `view!`
//      (`crate::dynamic::view`, which unwraps Leptos' `View`), not the
//      prelude's: the prelude's compiles each element's code twice.
//   node .tools/structure.mjs [SRC]        (default: src)   exits 1 on a finding
//
// A module is a file's module (`src/pages/article.rs` is `pages::article`). A
// module depends on the module that *defines* each item it names through
// `crate::` or `super::` paths, in `use` lines or in code; re-exports
// (`pub use child::Item`) are followed to the defining module and are not
// dependencies themselves, and `mod child;` is not a dependency either.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

const src = process.argv[2] ?? "src";

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith(".rs") ? [path] : [];
  });
}

/** `src/a/b.rs` -> "a::b", `src/a/mod.rs` -> "a", `src/lib.rs` -> "" (the crate root). */
function moduleOf(path) {
  const parts = relative(src, path).replace(/\.rs$/, "").split(sep);
  if (parts.at(-1) === "mod") parts.pop();
  if (parts.length === 1 && ["lib", "main"].includes(parts[0])) return parts[0] === "lib" ? "" : "<main>";
  if (parts[0] === "bin") return `<bin ${parts.slice(1).join("::")}>`;
  return parts.join("::");
}

/** Code without comments and string literals, so neither can fake a path, and
 * without the `use super::*` of inline test modules (their super is the file). */
function code(text) {
  return text
    .replace(/\buse\s+super::\*\s*;/g, "")
    .replace(/\/\/[^\n]*/g, "")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/r#*"[\s\S]*?"#*/g, '""')
    .replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

/** Expands a `use` tree (`a::{b, c::{d, e as f}}`) into full paths. */
function expandUse(tree) {
  tree = tree.replace(/\s+/g, "");
  const brace = tree.indexOf("{");
  if (brace < 0) return [tree.replace(/as\w+$/, "").replace(/::self$/, "")];
  const prefix = tree.slice(0, brace);
  const inner = tree.slice(brace + 1, tree.lastIndexOf("}"));
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= inner.length; i++) {
    const c = inner[i];
    if (c === "{") depth++;
    if (c === "}") depth--;
    if ((c === "," && depth === 0) || i === inner.length) {
      if (inner.slice(start, i)) parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  return parts.flatMap((part) => expandUse(part === "self" ? prefix.replace(/::$/, "") : prefix + part));
}

const modules = new Map(); // name -> { path, code, children: Set, reexports: Map(name -> absolute path) }
for (const path of files(src)) {
  const text = code(readFileSync(path, "utf8"));
  modules.set(moduleOf(path), { path, code: text, children: new Set(), reexports: new Map() });
}
for (const [name, m] of modules) {
  for (const [, child] of m.code.matchAll(/\bmod\s+(\w+)\s*;/g)) m.children.add(child);
}

/** An absolute module path for `path` as written in module `from` (`crate::`, `super::`, `self::`, or a child). */
function absolute(from, path) {
  let segments = path.split("::").filter(Boolean);
  let base;
  if (segments[0] === "crate") {
    base = [];
    segments = segments.slice(1);
  } else if (segments[0] === "super" || segments[0] === "self") {
    base = from ? from.split("::") : [];
    while (segments[0] === "super" || segments[0] === "self") {
      if (segments.shift() === "super") base = base.slice(0, -1);
    }
  } else if (modules.get(from)?.children.has(segments[0])) {
    base = from ? from.split("::") : [];
  } else {
    return null; // an external crate or a prelude name
  }
  return [...base, ...segments];
}

for (const [name, m] of modules) {
  for (const [, tree] of m.code.matchAll(/\bpub(?:\([^)]*\))?\s+use\s+([^;]+);/g)) {
    for (const path of expandUse(tree)) {
      const abs = absolute(name, path);
      if (abs) m.reexports.set(abs.at(-1), abs);
    }
  }
}

/** The module that defines the item at `abs` (segments from the crate root). */
function definingModule(abs, seen = new Set()) {
  let current = "";
  for (let i = 0; i < abs.length; i++) {
    const segment = abs[i];
    const m = modules.get(current);
    if (!m) return current;
    const child = current ? `${current}::${segment}` : segment;
    if (m.children.has(segment) && modules.has(child)) {
      current = child;
      continue;
    }
    const key = `${current}|${segment}`;
    if (m.reexports.has(segment) && !seen.has(key)) {
      seen.add(key);
      return definingModule(m.reexports.get(segment), seen);
    }
    return current;
  }
  return current;
}

const edges = new Map();
for (const [name, m] of modules) {
  const targets = new Set();
  const paths = [];
  // `use` lines that are not re-exports.
  for (const [, tree] of m.code.matchAll(/(?<!pub(?:\([^)]*\))?\s+)\buse\s+([^;]+);/g)) paths.push(...expandUse(tree));
  // Paths written in code.
  for (const [path] of m.code.matchAll(/\b(?:crate|super)(?:::\w+)+/g)) paths.push(path);
  for (const path of paths) {
    const abs = absolute(name, path);
    if (!abs) continue;
    const target = definingModule(abs);
    if (target !== name && modules.has(target)) targets.add(target);
  }
  edges.set(name, targets);
}

// The same graph between top-level modules (`pages::article` is `pages`; the
// crate root and main.rs are their own): a cycle there is one too, even when
// no two files use each other (a -> b::x, b::y -> a).
const top = (m) => (m.startsWith("<") ? m : m.split("::")[0]);
const topEdges = new Map();
for (const [name, targets] of edges) {
  const from = top(name);
  if (!topEdges.has(from)) topEdges.set(from, new Set());
  for (const target of targets) if (top(target) !== from) topEdges.get(from).add(top(target));
}

/** Tarjan's strongly connected components of `graph`: any of two or more is a cycle. */
function cyclesOf(graph) {
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
let counter = 0;
function visit(v) {
  index.set(v, counter);
  low.set(v, counter++);
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!index.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) {
      low.set(v, Math.min(low.get(v), index.get(w)));
    }
  }
  if (low.get(v) === index.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) cycles.push(component);
  }
}
for (const v of graph.keys()) if (!index.has(v)) visit(v);
return cycles;
}

const findings = [];
const label = (m) => (m === "" ? "crate root (lib.rs)" : m);
for (const [what, graph] of [["modules", edges], ["top-level modules", topEdges]]) {
  for (const cycle of cyclesOf(graph)) {
    const members = new Set(cycle);
    const links = cycle.flatMap((a) => [...graph.get(a)].filter((b) => members.has(b)).map((b) => `${label(a)} -> ${label(b)}`));
    findings.push(`cycle between ${what} ${cycle.map(label).join(", ")}:\n    ${links.join("\n    ")}`);
  }
}
for (const [name, m] of modules) {
  if (name === "api" || name.startsWith("api::")) continue;
  if (/\bgloo_net\b|\bRequest::(get|post)\b|\.fetch_with_(str|request)\b/.test(m.code)) {
    findings.push(`${m.path} makes a request: requests belong in src/api/`);
  }
}
for (const [name, m] of modules) {
  if (name === "api" || name.startsWith("api::")) continue;
  const raw = readFileSync(m.path, "utf8");
  // An object opened in a format string, or a quoted key and its colon.
  if (/format!\(\s*"\{\{|\\"\w+\\":/.test(raw)) {
    findings.push(`${m.path} writes JSON by hand: use the writer in src/api/json.rs`);
  }
}

for (const [name, m] of modules) {
  if (name === "dynamic" || !/\bview!/.test(m.code)) continue;
  if (!/\buse\s+crate::dynamic::(view\b|\{[^}]*\bview\b)/.test(m.code)) {
    findings.push(`${m.path} writes views with the prelude's view!: add \`use crate::dynamic::view;\``);
  }
}

const edgeCount = [...edges.values()].reduce((n, t) => n + t.size, 0);
if (findings.length) {
  console.error(findings.map((f) => `structure: ${f}`).join("\n"));
  process.exit(1);
}
console.log(
  `structure: ${modules.size} modules, ${edgeCount} dependencies, no cycles; requests and JSON only in src/api/; every view! the app's`,
);
