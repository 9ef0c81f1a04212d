// Runs the engine suite (suite.mjs) in Firefox and WebKit against the release
// build in dist/, headless: starts the static server, geckodriver, a virtual
// display with WebKitWebDriver, runs the tests, stops everything.
//   node engines/run.mjs               both engines
//   node engines/run.mjs firefox       one engine (or: webkit)
//   ENGINE_ONLY=toolbar ENGINE_REPEAT=20 node engines/run.mjs webkit
//                                      the tests whose name matches, 20 times
// Every assertion fails the run: nothing is run again. Only a WebDriver
// command that hangs (the driver answers nothing) is sent once more, and
// the log says so (see driver.mjs).
// The drivers come from scripts/setup test (geckodriver by cargo install,
// WebKitWebDriver and Xvfb from Debian).
import { run } from "node:test";
import { spec } from "node:test/reporters";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { startDrivers, startServer, stopAll } from "./processes.mjs";

const here = new URL(".", import.meta.url).pathname;
const e2e = join(here, "..");
const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const engines = wanted.length ? wanted : ["firefox", "webkit"];
for (const engine of engines) {
  if (!["firefox", "webkit"].includes(engine)) throw new Error(`unknown engine ${engine}: firefox or webkit`);
}

const base = await startServer(join(e2e, "../../dist"), ["--overlay", join(e2e, "fixtures/overlay"), "--probe"]);
const drivers = await startDrivers(engines);

process.env.ENGINE_BASE = base;
process.env.ENGINE_DRIVERS = JSON.stringify(drivers);
const files = engines.map((engine) => join(here, `${engine}.test.mjs`));
const started = Date.now();
let failed = 0;
let passed = 0;
const only = process.env.ENGINE_ONLY;
const stream = run({ files, concurrency: engines.length, timeout: 240_000, ...(only ? { testNamePatterns: [new RegExp(only)] } : {}) });
let flaky = 0;
stream.on("test:stdout", (event) => (flaky += (event.message.match(/^flaky: /gm) ?? []).length));
stream.on("test:fail", (event) => event.details?.type !== "suite" && failed++);
stream.on("test:pass", (event) => event.details?.type !== "suite" && !event.skip && passed++);
const report = stream.compose(spec);
report.pipe(process.stdout);
await finished(report);
stopAll();
console.log(
  `\nengines ${engines.join(" + ")}: ${passed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s` +
    (flaky ? ` (${flaky} WebDriver command${flaky > 1 ? "s" : ""} sent twice: see "flaky:" above)` : ""),
);
process.exit(failed ? 1 : 0);
