// Writes docs/prerender-scale.md from the figures scripts/bench-prerender
// measured (bench/prerender.tsv): for each size, each run's pre-render and
// search index, the new deploy step beside the baseline's when it ran.
//   node .tools/prerender-report.mjs bench/prerender.tsv > docs/prerender-scale.md
import { readFileSync } from "node:fs";

const [tsv] = process.argv.slice(2);
if (!tsv) {
  console.error("usage: node prerender-report.mjs bench/prerender.tsv");
  process.exit(2);
}
const rows = readFileSync(tsv, "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [articles, version, run, step, seconds, mb] = line.split("\t");
    return { articles: Number(articles), version, run, step, seconds, mb: Number(mb) };
  });
const sizes = [...new Set(rows.map((r) => r.articles))].sort((a, b) => a - b);
const find = (articles, version, run, step) => rows.find((r) => r.articles === articles && r.version === version && r.run === run && r.step === step);
const cell = (row) => (row ? `${row.seconds} s, ${row.mb} MB` : "–");
// The baseline builds its index whole whatever changed: its whole run's.
const total = (articles, version, run, steps) => {
  const found = steps.map((step) => find(articles, version, version === "baseline" && step === "search index" ? "whole" : run, step));
  if (found.some((r) => !r || !/^[\d.]+$/.test(r.seconds))) return "–";
  return `${found.reduce((sum, r) => sum + Number(r.seconds), 0).toFixed(1)} s, ${Math.max(...found.map((r) => r.mb))} MB`;
};
const runs = [
  ["whole", "a build never pre-rendered"],
  ["same", "again, nothing changed"],
  ["changed", "one article edited, one added, one removed"],
];
const out = [];
out.push("# The deploy step at scale");
out.push("");
out.push(
  `Written by \`scripts/bench-prerender ${sizes.join(" ")}\` (\`.tools/prerender-report.mjs\`) on ${new Date().toISOString().slice(0, 10)}, on 2 cores:`,
);
out.push("a generated endpoint of N articles of a real portal's length and vocabulary (`.tools/generate-endpoint.mjs`),");
out.push("deployed into a copy of the release build. Each cell: wall time, peak memory of that step.");
out.push("\"baseline\" is the commit before the change, on the same endpoint in the same run; it builds");
out.push("its index whole on every run (it has no other way). See [prerender.md](prerender.md#at-scale)");
out.push("for what changed and why.");
out.push("");
out.push("| articles | run | step | baseline | now |");
out.push("|---:|---|---|---:|---:|");
for (const articles of sizes) {
  for (const [run, label] of runs) {
    for (const step of ["prerender", "search index"]) {
      const baselineRun = run === "changed" ? null : step === "search index" ? "whole" : run;
      const base = baselineRun && find(articles, "baseline", baselineRun, step);
      out.push(`| ${articles} | ${label} | ${step} | ${run === "same" && step === "search index" ? "(as whole)" : cell(base)} | ${cell(find(articles, "new", run, step))} |`);
    }
    out.push(`| ${articles} | ${label} | **both** | ${run === "changed" ? "–" : total(articles, "baseline", run, ["prerender", "search index"])} | **${total(articles, "new", run, ["prerender", "search index"])}** |`);
  }
}
out.push("");
out.push("Per article, whole run (pre-render and index): time linear in the portal's size when this stays flat.");
out.push("");
out.push("| articles | baseline, ms an article | now, ms an article |");
out.push("|---:|---:|---:|");
const perArticle = (articles, version, steps) => {
  const found = steps.map((step) => find(articles, version, "whole", step));
  if (found.some((r) => !r || !/^[\d.]+$/.test(r.seconds))) return "–";
  return ((1000 * found.reduce((sum, r) => sum + Number(r.seconds), 0)) / articles).toFixed(2);
};
for (const articles of sizes) {
  out.push(`| ${articles} | ${perArticle(articles, "baseline", ["prerender", "search index"])} | ${perArticle(articles, "new", ["prerender", "search index"])} |`);
}
console.log(out.join("\n"));
