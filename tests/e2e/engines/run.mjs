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
import { spawn } from "node:child_process";
import { run } from "node:test";
import { spec } from "node:test/reporters";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import net from "node:net";
import { finished } from "node:stream/promises";

const here = new URL(".", import.meta.url).pathname;
const e2e = join(here, "..");
const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const engines = wanted.length ? wanted : ["firefox", "webkit"];
for (const engine of engines) {
  if (!["firefox", "webkit"].includes(engine)) throw new Error(`unknown engine ${engine}: firefox or webkit`);
}

const children = [];
function start(command, args, env = {}) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  child.on("exit", (code) => code && !stopping && console.error(`${command} exited with ${code}:\n${stderr}`));
  children.push(child);
  return child;
}
let stopping = false;
function stopAll() {
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
}
process.on("SIGINT", () => (stopAll(), process.exit(130)));

async function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
async function waitForPort(port, what) {
  for (let i = 0; i < 150; i++) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => (socket.end(), resolve(true)));
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start on port ${port}`);
}
function which(name, fallbacks = []) {
  const dirs = (process.env.PATH ?? "").split(":").concat(fallbacks);
  const found = dirs.map((d) => join(d, name)).find((p) => existsSync(p));
  if (!found) throw new Error(`${name} not found: run scripts/setup test`);
  return found;
}

const serverPort = await freePort();
start("node", [join(e2e, "server.mjs"), "--dir", join(e2e, "../../dist"), "--port", String(serverPort), "--overlay", join(e2e, "fixtures/overlay"), "--probe"]);
await waitForPort(serverPort, "the static server");
const base = `http://127.0.0.1:${serverPort}`;

const drivers = {};
if (engines.includes("firefox")) {
  const port = await freePort();
  start(which("geckodriver", [join(process.env.CARGO_HOME ?? join(homedir(), ".cargo"), "bin")]), ["--port", String(port)]);
  await waitForPort(port, "geckodriver");
  drivers.firefox = `http://127.0.0.1:${port}`;
}
/** A virtual display: Xvfb picks a free one and writes its number on the
 * pipe (`-displayfd`) once it accepts clients. */
async function virtualDisplay() {
  const child = spawn(which("Xvfb"), ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  children.push(child);
  let said = "";
  for await (const chunk of child.stdio[3]) {
    said += chunk;
    if (said.includes("\n")) return `:${said.trim()}`;
  }
  throw new Error("Xvfb ended without a display");
}

if (engines.includes("webkit")) {
  // MiniBrowser needs a display even when nobody looks at it.
  const display = await virtualDisplay();
  const port = await freePort();
  start(which("WebKitWebDriver"), [`--port=${port}`], { DISPLAY: display });
  await waitForPort(port, "WebKitWebDriver");
  drivers.webkit = `http://127.0.0.1:${port}`;
}

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
