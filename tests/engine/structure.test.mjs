// The structure check (.tools/structure.mjs) on two small fixture trees: it
// fails on a cycle between top-level modules that no two files share, and
// passes the same tree without it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

const check = (fixture) =>
  spawnSync("node", [new URL("../../.tools/structure.mjs", import.meta.url).pathname, new URL(`structure-fixtures/${fixture}`, import.meta.url).pathname], {
    encoding: "utf8",
  });

test("a cycle between top-level modules fails the check, though no two files form one", () => {
  const run = check("top-level-cycle");
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stderr, /cycle between top-level modules/);
});

test("the same modules without the cycle pass", () => {
  const run = check("no-cycle");
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /no cycles/);
});
