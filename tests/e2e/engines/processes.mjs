// The processes the engine suite and the engine benchmark start: the static
// server, geckodriver, WebKitWebDriver on a virtual display; each stopped by
// the child process it started (stopAll), never by name.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import net from "node:net";

const children = [];
export function start(command, args, env = {}) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  child.on("exit", (code) => code && !stopping && console.error(`${command} exited with ${code}:\n${stderr}`));
  children.push(child);
  return child;
}
let stopping = false;
export function stopAll() {
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
}
process.on("SIGINT", () => (stopAll(), process.exit(130)));

export async function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
export async function waitForPort(port, what) {
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
export function which(name, fallbacks = []) {
  const dirs = (process.env.PATH ?? "").split(":").concat(fallbacks);
  const found = dirs.map((d) => join(d, name)).find((p) => existsSync(p));
  if (!found) throw new Error(`${name} not found: run scripts/setup test`);
  return found;
}

const e2e = join(new URL(".", import.meta.url).pathname, "..");

/** The static server on `dist` with `options` (server.mjs flags), on a free
 * port; resolves to its base URL once it accepts connections. */
export async function startServer(dist, options = []) {
  const port = await freePort();
  start("node", [join(e2e, "server.mjs"), "--dir", dist, "--port", String(port), ...options]);
  await waitForPort(port, "the static server");
  return `http://127.0.0.1:${port}`;
}

/** A WebDriver server for each of `engines` (firefox, webkit): their URLs. */
export async function startDrivers(engines) {
  const drivers = {};
  if (engines.includes("firefox")) {
    const port = await freePort();
    start(which("geckodriver", [join(process.env.CARGO_HOME ?? join(homedir(), ".cargo"), "bin")]), ["--port", String(port)]);
    await waitForPort(port, "geckodriver");
    drivers.firefox = `http://127.0.0.1:${port}`;
  }
  if (engines.includes("webkit")) {
    // MiniBrowser needs a display even when nobody looks at it.
    const display = await virtualDisplay();
    const port = await freePort();
    start(which("WebKitWebDriver"), [`--port=${port}`], { DISPLAY: display });
    await waitForPort(port, "WebKitWebDriver");
    drivers.webkit = `http://127.0.0.1:${port}`;
  }
  return drivers;
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

