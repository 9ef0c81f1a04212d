// Optimises the release wasm in trunk's staging directory and renames what
// joins it to its JS glue. What each step saves is in the size report
// (docs/measurements.md, written by scripts/bench); the order of the passes is
// what measured smallest with brotli, which is what travels:
//  1. wasm-metadce drops exports no one calls: the wasm-streams classes that
//     gloo-net and server_fn export so JS could pull from a Rust stream. This
//     app never hands one to JS, and an export is a root no optimiser removes.
//     Step 1b then drops what those exports left in the function table.
//  2. wasm-opt -O2 --converge (larger raw than -Os, smaller with brotli),
//     then the control flow rebuilt (--flatten --rereloop) and optimised
//     again, with identical tails merged (--code-folding) before and after
//     (a last -Os, -Oz, -O3 or -O2 pass compresses worse). With
//     --zero-filled-memory (the module's own memory starts zeroed) and
//     --low-memory-unused (Rust puts the stack, not data, at the bottom of
//     memory, so the first 1 KB is never addressed).
//  3. wasm-opt --minify-imports-and-exports-and-modules: wasm-bindgen names
//     each import `__wbg_<method>_<16 hex digits>`, written in the wasm and
//     again in the glue, and hex does not compress. The glue is rewritten to
//     the short names from the mapping wasm-opt prints.
// trunk runs no wasm-opt itself (data-wasm-opt="0" in index.html).
//   node shrink-wasm.mjs STAGING_DIR
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import binaryen from "binaryen";
import { updateIntegrity } from "./sri.mjs";

/** The expressions each kind of expression holds, by the field names of
 * binaryen's `getExpressionInfo`: what a walk of a function body visits. A
 * kind not listed stops the build (the step cannot vouch for what it does
 * not read). */
const CHILDREN = new Map([
  [binaryen.BlockId, ["children"]],
  [binaryen.IfId, ["condition", "ifTrue", "ifFalse"]],
  [binaryen.LoopId, ["body"]],
  [binaryen.BreakId, ["condition", "value"]],
  [binaryen.SwitchId, ["condition", "value"]],
  [binaryen.CallId, ["operands"]],
  [binaryen.CallIndirectId, ["target", "operands"]],
  [binaryen.LocalGetId, []],
  [binaryen.LocalSetId, ["value"]],
  [binaryen.GlobalGetId, []],
  [binaryen.GlobalSetId, ["value"]],
  [binaryen.LoadId, ["ptr"]],
  [binaryen.StoreId, ["ptr", "value"]],
  [binaryen.ConstId, []],
  [binaryen.UnaryId, ["value"]],
  [binaryen.BinaryId, ["left", "right"]],
  [binaryen.SelectId, ["ifTrue", "ifFalse", "condition"]],
  [binaryen.DropId, ["value"]],
  [binaryen.ReturnId, ["value"]],
  [binaryen.MemorySizeId, []],
  [binaryen.MemoryGrowId, ["delta"]],
  [binaryen.NopId, []],
  [binaryen.UnreachableId, []],
  [binaryen.MemoryCopyId, ["dest", "source", "size"]],
  [binaryen.MemoryFillId, ["dest", "value", "size"]],
  // wasm-bindgen's table of JS values (externref).
  [binaryen.TableGetId, ["index"]],
  [binaryen.TableSetId, ["index", "value"]],
  [binaryen.TableSizeId, []],
  [binaryen.TableGrowId, ["value", "delta"]],
  [binaryen.RefNullId, []],
  [binaryen.RefIsNullId, ["value"]],
  [binaryen.RefFuncId, []],
  // Functions returning several values (multivalue).
  [binaryen.TupleMakeId, ["operands"]],
  [binaryen.TupleExtractId, ["tuple"]],
]);

const dir = process.argv[2];
const [wasmFile] = readdirSync(dir).filter((f) => f.endsWith("_bg.wasm"));
const glueFile = readdirSync(dir).find((f) => f.endsWith(".js") && f !== "sw.js");
if (!wasmFile || !glueFile) throw new Error(`shrink-wasm: no wasm or glue in ${dir}`);
const wasmPath = join(dir, wasmFile);
const gluePath = join(dir, glueFile);
const work = mkdtempSync(join(tmpdir(), "shrink-wasm-"));
const run = (args) => execFileSync("wasm-opt", args, { encoding: "utf8", maxBuffer: 64 << 20 });
const before = statSync(wasmPath).size;

// 1. Every export is a root except wasm-streams' (`intounderlying…`).
const exportNames = JSON.parse(
  run([wasmPath, "--minify-imports-and-exports", "-o", join(work, "probe.wasm")]),
).exports.map(([name]) => name);
const unused = (name) => /^(__wbg_)?intounderlying/.test(name);
const graph = [
  { name: "js", root: true, reaches: exportNames.filter((n) => !unused(n)).map((n) => `export:${n}`) },
  ...exportNames.map((n) => ({ name: `export:${n}`, export: n })),
];
writeFileSync(join(work, "graph.json"), JSON.stringify(graph));
const live = join(work, "live.wasm");
execFileSync("wasm-metadce", [wasmPath, "-g", "--graph-file", join(work, "graph.json"), "-o", live], {
  stdio: ["ignore", "ignore", "inherit"],
});

// 1b. What is left of wasm-streams: the futures its exports created, still
// in the function table through their vtables (data no optimiser can prove
// dead), so step 1 could not drop them.
dropDeadTableEntries(live, /wasm_streams/);

// 2. Optimise.
const optimised = join(work, "optimised.wasm");
run([
  live,
  ...["-O2", "--converge", "--code-folding", "--flatten", "--rereloop", "-O2", "--code-folding"],
  ...["--zero-filled-memory", "--low-memory-unused", "-o", optimised],
]);

// 3. Short names, and the glue told them.
const mapping = JSON.parse(
  run([optimised, "--minify-imports-and-exports-and-modules", "-o", wasmPath]),
);
const original = readFileSync(gluePath);
let glue = original.toString();
const modules = new Set(mapping.imports.map(([module]) => module));
if (modules.size !== 1) throw new Error(`shrink-wasm: imports from ${[...modules]}`);
const [module] = modules;
const rename = (from, to, required) => {
  const next = glue.replaceAll(from, () => to);
  if (required && next === glue) throw new Error(`shrink-wasm: ${from} not found in ${glueFile}`);
  glue = next;
};
// The import object: `"./x_bg.js": import0` (the one module becomes "a"),
// and its `__wbg_…: function` keys, each defined once.
rename(JSON.stringify(module) + ":", '"a":', true);
for (const [, name, short] of mapping.imports) {
  rename(new RegExp(`\\b${name}(?=: ?function)`, "g"), short, true);
}
// Exports, which the glue reads from `wasm` (not every one of them).
for (const [name, short] of mapping.exports) {
  rename(new RegExp(`\\bwasm\\.${name.replace(/\$/g, "\\$")}\\b`, "g"), `wasm.${short}`, false);
}
// What the glue defines for what is gone from the wasm: imports the
// optimiser found unused (still named `__wbg_…`: only live ones were renamed)
// and the wasm-streams classes whose exports step 1 dropped.
const lines = glue.split("\n");
const kept = [];
for (let i = 0; i < lines.length; i++) {
  const deadImport = /^ {8}__wbg_\w+: function\(/.test(lines[i]);
  const deadClass = /^export class IntoUnderlying\w+ \{$/.test(lines[i]);
  if (deadImport || deadClass) {
    // An import's function ends `},`, or `}, arguments); },` when wrapped
    // in `handleError`.
    const end = deadImport ? /^ {8}\}(, arguments\); \})?,$/ : /^\}$/;
    while (i < lines.length && !end.test(lines[i])) i++;
    continue;
  }
  if (/^if \(Symbol\.dispose\) IntoUnderlying/.test(lines[i])) continue;
  if (/^const IntoUnderlying\w+Finalization = /.test(lines[i])) {
    i += 2; // the two lines of its conditional
    continue;
  }
  kept.push(lines[i]);
}
glue = kept.join("\n");
const left = /.*(IntoUnderlying|^ {8}__wbg_\w+: function).*/m.exec(glue);
if (left) throw new Error(`shrink-wasm: dead glue left: ${left[0]}`);
// And nothing live removed with it: every import of the wasm is defined.
for (const [, , short] of mapping.imports) {
  const defined = new RegExp(`^ {8}${short.replace(/\$/g, "\\$")}: ?function`, "m");
  if (!defined.test(glue)) throw new Error(`shrink-wasm: the glue lost import ${short}`);
}
writeFileSync(gluePath, glue);
updateIntegrity(dir, original, Buffer.from(glue));
rmSync(work, { recursive: true, force: true });
console.log(`shrink-wasm: ${wasmFile} ${before} -> ${statSync(wasmPath).size} bytes`);

/**
 * Points the function-table entries of functions named by `dead` (v0 symbol
 * names, which name a generic copy's type parameters: see
 * .cargo/config.toml) at a stub that traps, so the optimiser can drop their
 * code: what is left of code whose callers step 1 removed, reachable only
 * through vtables, which are data no optimiser can prove dead.
 *
 * A name is not proof: LLVM merges identical functions under one name, so
 * a function named after wasm-streams may also be the drop glue of a live
 * type. An entry is replaced only when nothing live can reach it:
 *  - no live function (one not named by `dead`) holds its index as a
 *    constant (code that stores a function pointer; a constant added to a
 *    local is a stack or struct offset, and a load's offset an address);
 *  - wherever its index is a word of data, that word lies in an object
 *    (a vtable) only dead code points at: the nearest address at or below
 *    it, within 256 bytes, that anything points at is pointed at by
 *    functions named by `dead` alone, not by live code or by data.
 * Anything else (no such address, a live pointer, an index that happens to
 * equal a live constant) keeps the entry.
 */
function dropDeadTableEntries(file, dead) {
  const module = binaryen.readBinary(readFileSync(file));
  // Per function: the constants it holds (addresses of data, indices of
  // functions), the addresses it reads and writes at (the static offsets of
  // loads and stores; a constant added to a local, an offset in a stack
  // frame or into a static array, counts as one too: it is never a
  // function's index), and the functions it calls.
  const functions = [];
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const { name, body } = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    if (!body) continue;
    functions.push({ name, candidate: dead.test(name), ...readFunction(body) });
  }
  const names = new Set(functions.map((f) => f.name));
  for (let i = 0; i < module.getNumFunctions(); i++) {
    names.add(binaryen.getFunctionInfo(module.getFunctionByIndex(i)).name);
  }
  const unknown = functions.flatMap((f) => f.calls).find((callee) => !names.has(callee));
  if (unknown !== undefined) throw new Error(`shrink-wasm: step 1b misread a call to ${unknown}`);
  // Every aligned word of data: what data points at (always counted as
  // live), and where each value occurs.
  const liveData = new Set();
  const occurrences = new Map();
  for (let i = 0; i < module.getNumDataSegments(); i++) {
    const { offset, data, passive } = module.getDataSegmentInfo(module.getDataSegmentByIndex(i));
    if (passive) throw new Error("shrink-wasm: a passive data segment; step 1b cannot read it");
    const view = new DataView(data);
    for (let at = (4 - (offset % 4)) % 4; at + 4 <= view.byteLength; at += 4) {
      const value = view.getUint32(at, true);
      liveData.add(value);
      if (!occurrences.has(value)) occurrences.set(value, []);
      occurrences.get(value).push(offset + at);
    }
  }
  if (module.getNumElementSegments() !== 1) throw new Error("shrink-wasm: expected one table segment");
  const segment = binaryen.getElementSegmentInfo(module.getElementSegmentByIndex(0));
  const base = binaryen.getExpressionInfo(segment.offset).value;

  // Live: every function not named by `dead`, and, until nothing changes,
  // every one that a live function calls or whose table entry live code or
  // data may reach (see the comment above).
  const live = new Set(functions.filter((f) => !f.candidate).map((f) => f.name));
  for (;;) {
    const liveConstants = new Set();
    const liveAddresses = new Set(liveData);
    const deadAddresses = new Set();
    const called = new Set();
    for (const f of functions) {
      if (live.has(f.name)) {
        f.constants.forEach((n) => liveConstants.add(n));
        f.constants.forEach((n) => liveAddresses.add(n));
        f.offsets.forEach((n) => liveAddresses.add(n));
        f.calls.forEach((n) => called.add(n));
      } else {
        f.constants.forEach((n) => deadAddresses.add(n));
        f.offsets.forEach((n) => deadAddresses.add(n));
      }
    }
    const inDeadObject = (at) => {
      for (let start = at; start >= at - 256; start -= 4) {
        if (liveAddresses.has(start)) return false;
        if (deadAddresses.has(start)) return true;
      }
      return false;
    };
    const reachable = (slot) =>
      liveConstants.has(slot) || !(occurrences.get(slot) ?? []).every(inDeadObject);
    const before = live.size;
    segment.data.forEach((name, i) => {
      if (!live.has(name) && reachable(base + i)) live.add(name);
    });
    functions.forEach((f) => called.has(f.name) && live.add(f.name));
    if (live.size === before) break;
  }

  const stubs = new Map();
  const stubbed = new Set();
  const entries = segment.data.map((name) => {
    // Only a function named by `dead` (never an import, which has no body).
    if (live.has(name) || !dead.test(name)) return name;
    stubbed.add(name);
    const { params, results } = binaryen.getFunctionInfo(module.getFunction(name));
    const key = `${params}:${results}`;
    if (!stubs.has(key)) {
      const stub = `dead_table_entry_${stubs.size}`;
      module.addFunction(stub, params, results, [], module.unreachable());
      stubs.set(key, stub);
    }
    return stubs.get(key);
  });
  module.removeElementSegment(segment.name);
  module.addActiveElementSegment(segment.table, segment.name, entries, segment.offset);
  const candidates = functions.filter((f) => f.candidate).length;
  console.log(`shrink-wasm: ${stubbed.size} table entries of ${candidates} functions matching ${dead} dropped`);
  writeFileSync(file, module.emitBinary());
  module.dispose();
}

/**
 * What a function body holds, read through binaryen's expression tree: the
 * i32 constants (addresses of data, indices of functions), the addresses
 * its loads and stores use (their static offsets; and a constant added to a
 * local, an offset in a stack frame or into a static array: never a
 * function's index), and the functions it calls.
 */
function readFunction(body) {
  const found = { constants: [], offsets: [], calls: [] };
  const visit = (expression) => {
    if (!expression) return;
    const id = binaryen.getExpressionId(expression);
    const children = CHILDREN.get(id);
    if (!children) throw new Error(`shrink-wasm: step 1b cannot read an expression of kind ${id}`);
    // (binaryen.js has no reader for `nop`, `unreachable` and `ref.null`:
    // they hold nothing to read.)
    if (id === binaryen.NopId || id === binaryen.UnreachableId || id === binaryen.RefNullId) return;
    const info = binaryen.getExpressionInfo(expression);
    switch (info.id) {
      case binaryen.ConstId:
        if (info.type === binaryen.i32 && info.value >= 0) found.constants.push(info.value);
        break;
      case binaryen.LoadId:
      case binaryen.StoreId:
        found.offsets.push(info.offset);
        break;
      case binaryen.CallId:
        found.calls.push(info.target);
        break;
      case binaryen.RefFuncId:
        // A reference to a function keeps it as a call does.
        found.calls.push(info.func);
        break;
      case binaryen.BinaryId: {
        // `local + N`: an offset, not a constant.
        const [left, right] = [binaryen.getExpressionInfo(info.left), binaryen.getExpressionInfo(info.right)];
        if (info.op === binaryen.AddInt32 && left.id === binaryen.LocalGetId && right.id === binaryen.ConstId) {
          found.offsets.push(right.value);
          return;
        }
        break;
      }
    }
    for (const field of children) {
      const child = info[field];
      for (const c of Array.isArray(child) ? child : [child]) visit(c);
    }
  };
  visit(body);
  return found;
}

