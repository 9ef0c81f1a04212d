// Serves a build with the real nginx and Apache httpd of this machine, each
// from a temporary config of its own on a free port, through the files the
// build writes for them (DIR/_nginx.conf, included in a server block, and
// DIR/.htaccess), and checks what docs/deploying.md asks of a host:
//
//   node tests/hosts/run.mjs --dist dist --base /
//   node tests/hosts/run.mjs --dist dist-sub --base /some/sub/path/
//
// Options:
//   --only nginx|apache   one server only
//   --no-browser          skip the Chromium check (9)
//   --render              first copy DIR to a temporary folder and write
//                         _nginx.conf and .htaccess there from the build's
//                         templates (deploy/src/hosts/), as the build does;
//                         DIR itself is never written to
//   --redirects FILE      with --render: use FILE as the copy's _redirects
//   --keep                keep the temporary folders (configs, logs) and
//                         print where they are
//   --timeout S           how long a server may take to listen (60 s)
//   --expect-redirects    check 7 fails when _redirects carries none
//
// DIR/_redirects (optional, Netlify's "from to [301]" lines) is checked too:
// every entry (a sample of 100 when there are more) must answer 301. Needs
// nginx and apache2 (scripts/lib/hosts-install.sh) and, for check 9,
// Chromium and the Playwright of tests/e2e. Exit status 1 on any failure.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");

// --- arguments -----------------------------------------------------------------
const args = {};
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  if (!arg.startsWith("--")) usage(`unexpected argument ${arg}`);
  const next = process.argv[i + 1];
  if (next !== undefined && !next.startsWith("--")) {
    args[arg.slice(2)] = next;
    i++;
  } else args[arg.slice(2)] = true;
}
function usage(message) {
  console.error(`hosts: ${message}\nusage: node tests/hosts/run.mjs --dist DIR --base /|/sub/path/ [--only nginx|apache] [--no-browser] [--render [--redirects FILE]] [--keep]`);
  process.exit(2);
}
if (typeof args.dist !== "string") usage("--dist DIR is required");
const base = typeof args.base === "string" ? args.base : "/";
if (!/^\/([A-Za-z0-9._~-]+\/)*$/.test(base)) usage(`--base must start and end with "/": ${base}`);
const servers = args.only ? [args.only] : ["nginx", "apache"];
if (servers.some((s) => !["nginx", "apache"].includes(s))) usage(`--only nginx or --only apache`);
const keep = Boolean(args.keep);

// --- the build ----------------------------------------------------------------
const temporary = [];
let dist = resolve(args.dist);
if (!existsSync(join(dist, "index.html"))) usage(`${dist} has no index.html: not a build`);
if (args.render) {
  try {
    dist = await renderCopy(dist);
  } catch (e) {
    await cleanUp();
    usage(`--render: ${e.message}`);
  }
}
for (const file of ["_nginx.conf", ".htaccess", "_headers", "404.html"]) {
  if (!existsSync(join(dist, file))) usage(`${join(dist, file)} is missing${file.startsWith("_n") || file === ".htaccess" ? " (--render writes it into a copy)" : ""}`);
}
const headerRules = parseHeaders(await readFile(join(dist, "_headers"), "utf8"));
const expectedHeaders = headerRules.find(([pattern]) => pattern === `${base}*`)?.[1];
if (!expectedHeaders?.["content-security-policy"]) usage(`${dist}/_headers has no Content-Security-Policy for ${base}*`);
const redirects = existsSync(join(dist, "_redirects")) ? parseRedirects(await readFile(join(dist, "_redirects"), "utf8")) : [];
const top = await readdir(dist);
const hashed = top.filter((f) => /^portal-reader-[0-9a-f]+(_bg\.wasm|\.js)$/.test(f));
const glue = hashed.find((f) => f.endsWith(".js"));
const wasm = hashed.find((f) => f.endsWith(".wasm"));
if (!glue || !wasm) usage(`${dist} has no portal-reader-<hash>.js and _bg.wasm`);
const article = (await readdir(join(dist, "bai-viet"))).filter((f) => f.endsWith(".html")).sort()[0].replace(/\.html$/, "");
const articleDoc = (await readdir(join(dist, "api/articles"))).filter((f) => f.endsWith(".json")).sort()[0];
const category = (await readdir(join(dist, "chuyen-muc"))).filter((f) => f.endsWith(".html")).sort()[0].replace(/\.html$/, "");
const image = (await readdir(join(dist, "api/images"))).sort()[0];
const searchDoc = `search/d/${(await readdir(join(dist, "search/d"))).sort()[0]}`;
const shell = await readFile(join(dist, "404.html"));

// --- running the servers ---------------------------------------------------------
const running = new Set();
let stopping = false;
let openBrowser = null;
let interrupted = null;
async function stopAll() {
  stopping = true;
  await Promise.all([...running].map((s) => s.stop()));
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (interrupted) return;
    interrupted = signal;
    console.error(`hosts: ${signal}, stopping the servers`);
    const closing = openBrowser?.close().catch(() => {});
    await stopAll();
    await Promise.race([closing, new Promise((r) => setTimeout(r, 3000))]);
    await cleanUp();
    process.exit(signal === "SIGINT" ? 130 : 143);
  });
}

/** A free port: the kernel's choice for port 0, released at once. */
function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/** The folder the server serves, holding DIR at BASE. */
async function documentRoot(work) {
  const tail = base.replace(/\/$/, "");
  if (!tail) return dist;
  if (dist.endsWith(tail)) return dist.slice(0, -tail.length) || "/";
  const root = join(work, "www");
  await mkdir(dirname(join(root, tail)), { recursive: true });
  await symlink(dist, join(root, tail));
  return root;
}

/** The unprivileged user the servers' workers run as, when started as root. */
function workerUser() {
  if (process.getuid() !== 0) return null;
  for (const user of ["www-data", "nobody"]) {
    if (spawnSync("id", ["-u", user]).status === 0) {
      const group = spawnSync("id", ["-gn", user]).stdout.toString().trim();
      const readable = spawnSync("runuser", ["-u", user, "--", "test", "-r", join(dist, "index.html")]).status === 0;
      if (!readable) throw new Error(`${user} (the servers' worker user) cannot read ${dist}/index.html: open up the folders on its path`);
      return { user, group };
    }
  }
  throw new Error("no www-data or nobody user to run the workers as");
}

function nginxConfig(work, root, port, who) {
  // Debian's http block as shipped (mime.types, gzip on for text/html only),
  // and a regex location as operators often have, which must not take the
  // app's files.
  return `${who ? `user ${who.user} ${who.group};` : ""}
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    gzip on;
    access_log off;
    client_body_temp_path ${work}/client_body;
    proxy_temp_path ${work}/proxy;
    fastcgi_temp_path ${work}/fastcgi;
    uwsgi_temp_path ${work}/uwsgi;
    scgi_temp_path ${work}/scgi;
    server {
        listen 127.0.0.1:${port};
        server_name localhost;
        root "${root}";
        index index.html;
        location ~* \\.(?:js|css|png|svg|json|wasm)$ { expires 7d; add_header X-Operator-Rule "1"; }
        include "${dist}/_nginx.conf";
    }
}
`;
}

function apacheConfig(work, root, port, who) {
  const modules = ["mpm_event", "authz_core", "mime", "dir", "autoindex", "rewrite", "headers", "deflate"];
  // Debian's defaults for a site: Options Indexes FollowSymLinks, the .ht*
  // files denied; AllowOverride as the .htaccess asks, and no more.
  return `ServerRoot "${work}"
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile "${work}/httpd.pid"
ErrorLog "${work}/error.log"
LogLevel warn
DefaultRuntimeDir "${work}/run"
Mutex file:${work}/run default
${who ? `User ${who.user}\nGroup ${who.group}` : ""}
${modules.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join("\n")}
StartServers 1
ServerLimit 1
ThreadsPerChild 32
MaxRequestWorkers 32
MinSpareThreads 1
MaxSpareThreads 32
KeepAlive On
TypesConfig /etc/mime.types
DocumentRoot "${root}"
<Directory />
    Options FollowSymLinks
    AllowOverride None
    Require all denied
</Directory>
<Directory "${root}">
    Options Indexes FollowSymLinks
    AllowOverride FileInfo
    Require all granted
</Directory>
<FilesMatch "^\\.ht">
    Require all denied
</FilesMatch>
`;
}

async function startServer(name) {
  const work = await mkdtemp(join(tmpdir(), `hosts-${name}-`));
  temporary.push(work);
  await chmod(work, 0o755); // the workers' user reaches a symlinked root through it
  await mkdir(join(work, "run"));
  const who = workerUser();
  const root = await documentRoot(work);
  const port = await freePort();
  let command, argv;
  if (name === "nginx") {
    await writeFile(join(work, "nginx.conf"), nginxConfig(work, root, port, who));
    command = "nginx";
    argv = ["-p", `${work}/`, "-e", `${work}/error.log`, "-c", `${work}/nginx.conf`, "-g", "daemon off;"];
  } else {
    await writeFile(join(work, "httpd.conf"), apacheConfig(work, root, port, who));
    command = "apache2";
    argv = ["-d", work, "-f", `${work}/httpd.conf`, "-DFOREGROUND"];
  }
  const path = `${process.env.PATH}:/usr/sbin:/sbin`;
  if (stopping) throw new Error(`${name}: stopping`);
  const started = performance.now();
  const child = spawn(command, argv, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PATH: path } });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  let exited = null;
  const exit = new Promise((done) =>
    child.on("exit", (code, signal) => {
      exited = { code, signal };
      done();
    }),
  );
  child.on("error", (e) => {
    output += String(e);
    exited ??= { code: -1 };
  });
  const server = {
    name,
    work,
    port,
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async errorLog() {
      const log = await readFile(join(work, "error.log"), "utf8").catch(() => "");
      return `${output}${log}`.trim();
    },
    async stop() {
      if (exited) return;
      child.kill("SIGTERM");
      const late = setTimeout(() => exited || child.kill("SIGKILL"), 5000);
      await exit;
      clearTimeout(late);
      running.delete(server);
    },
  };
  running.add(server);
  // Ready when the port takes a connection; fail at once if it exited.
  const deadline = Date.now() + Number(args.timeout ?? 60) * 1000;
  for (;;) {
    if (exited || stopping) {
      throw new Error(`${name} exited (${JSON.stringify(exited)}) before listening:\n${await server.errorLog()}`);
    }
    if (await canConnect(port)) break;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`${name} did not listen on ${port} within ${args.timeout ?? 60} s:\n${await server.errorLog()}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  server.startup = performance.now() - started;
  return server;
}

function canConnect(port) {
  return new Promise((done) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("error", () => done(false));
  });
}

// --- the checks ------------------------------------------------------------------
const u = (path) => base + path; // a path under BASE
const SECURITY = ["content-security-policy", "x-content-type-options", "referrer-policy", "permissions-policy"];

async function checks(server, browser) {
  const seen = []; // [url, status, headers] of every answer but the redirects
  async function get(path, headers = {}) {
    const response = await fetch(server.origin + path, {
      redirect: "manual",
      headers: { "accept-encoding": "identity", ...headers },
    });
    const body = Buffer.from(await response.arrayBuffer());
    const result = { path, status: response.status, headers: response.headers, body };
    // The app's answers; not the 301s, nor what lies outside BASE (the server's).
    if (response.status !== 301 && path.startsWith(base)) seen.push(result);
    return result;
  }
  const file = (path) => readFile(join(dist, path));
  const results = [];
  const lines = []; // printed by the caller: the two servers run at once
  async function check(title, fn) {
    const problems = [];
    let detail = "";
    const t0 = performance.now();
    try {
      detail = (await fn((message) => problems.push(message))) ?? "";
    } catch (e) {
      problems.push(`threw ${e.stack ?? e}`);
    }
    results.push({ title, ok: problems.length === 0, detail, problems });
    const mark = problems.length === 0 ? "ok  " : "FAIL";
    const ms = Math.round(performance.now() - t0);
    lines.push(`${mark} ${server.name.padEnd(6)} ${title}${detail ? `: ${detail}` : ""} (${ms} ms)`);
    for (const p of problems.slice(0, 12)) lines.push(`       ${p}`);
    if (problems.length > 12) lines.push(`       … and ${problems.length - 12} more`);
  }

  await check("1 routes: /x is x.html, status 200", async (fail) => {
    const routes = [
      ["", "index.html"],
      ["index.html", "index.html"],
      [`bai-viet/${article}`, `bai-viet/${article}.html`],
      [`chuyen-muc/${category}`, `chuyen-muc/${category}.html`],
      ["tim-kiem", "tim-kiem.html"],
      ["bai-da-luu", "bai-da-luu.html"],
      ["sw.js", "sw.js"],
      [glue, glue],
      ["search/search.js", "search/search.js"],
    ];
    for (const [path, name] of routes) {
      const r = await get(u(path));
      if (r.status !== 200) fail(`${u(path)}: status ${r.status}, not 200`);
      else if (!r.body.equals(await file(name))) fail(`${u(path)}: not the bytes of ${name}`);
    }
    if (base !== "/") {
      // The sub-path without its slash: the folder's redirect, or the page.
      const r = await get(base.replace(/\/$/, ""));
      const to = r.headers.get("location");
      if (!(r.status === 200 || (r.status === 301 && to && new URL(to, server.origin).pathname === base))) {
        fail(`${base.replace(/\/$/, "")}: status ${r.status} ${to ?? ""}, not 301 to ${base}`);
      }
    }
    return `${routes.length} paths`;
  });

  await check("2 other paths: the shell 404.html, status 404; api/ never the shell", async (fail) => {
    const unknown = ["khong-co-trang-nay", "bai-viet/bai-chua-pre-render", "bai-viet/", "bai-viet", "chuyen-muc/", "a/b/c/d", "404", "portal-reader-0000000000000000.js", "index"];
    for (const path of unknown) {
      const r = await get(u(path));
      const expected = path === "404" || path === "index" ? 200 : 404; // /404 is 404.html, /index is index.html
      if (r.status !== expected) fail(`${u(path)}: status ${r.status}, not ${expected}`);
      else if (expected === 404 && !r.body.equals(shell)) fail(`${u(path)}: 404 but not the shell (${r.body.length} bytes: ${r.body.toString().slice(0, 80)})`);
    }
    const api = ["api/articles/khong-co.json", "api/khong-co", "api/", "api/articles/", "api/images/khong-co.svg"];
    for (const path of api) {
      const r = await get(u(path));
      if (r.status !== 404) fail(`${u(path)}: status ${r.status}, not 404`);
      else if (r.body.includes("id=app") || r.body.includes('id="app"')) fail(`${u(path)}: 404 with the app's shell as body`);
    }
    for (const path of ["api/site.json", `api/articles/${articleDoc}`]) {
      const r = await get(u(path));
      if (r.status !== 200 || !r.body.equals(await file(path))) fail(`${u(path)}: status ${r.status}, not the file`);
    }
    return `${unknown.length} paths, ${api.length} under api/`;
  });

  await check("3 content types", async (fail) => {
    const types = [
      ["", /^text\/html; ?charset=utf-8$/i],
      [`bai-viet/${article}`, /^text\/html; ?charset=utf-8$/i],
      ["khong-co-trang-nay", /^text\/html; ?charset=utf-8$/i],
      [glue, /^(text|application)\/javascript; ?charset=utf-8$/i],
      ["sw.js", /^(text|application)\/javascript; ?charset=utf-8$/i],
      ["search/search.js", /^(text|application)\/javascript; ?charset=utf-8$/i],
      [wasm, /^application\/wasm$/],
      ["api/site.json", /^application\/json; ?charset=utf-8$/i],
      [searchDoc, /^application\/json; ?charset=utf-8$/i],
      ["manifest.webmanifest", /^application\/manifest\+json(; ?charset=utf-8)?$/i],
      ["icon.svg", /^image\/svg\+xml(; ?charset=utf-8)?$/i],
      [`api/images/${image}`, /^image\/svg\+xml(; ?charset=utf-8)?$/i],
      ["icon-192.png", /^image\/png$/],
      ["feed.xml", /^application\/atom\+xml; ?charset=utf-8$/i],
      [`chuyen-muc/${category}.xml`, /^application\/atom\+xml; ?charset=utf-8$/i],
      ["sitemap.xml", /^application\/xml; ?charset=utf-8$/i],
      ["robots.txt", /^text\/plain; ?charset=utf-8$/i],
    ];
    for (const [path, pattern] of types) {
      const r = await get(u(path));
      const type = r.headers.get("content-type") ?? "(none)";
      if (r.status !== 200 && path !== "khong-co-trang-nay") fail(`${u(path)}: status ${r.status}`);
      if (!pattern.test(type)) fail(`${u(path)}: ${type}, not ${pattern}`);
    }
    return `${types.length} files`;
  });

  await check("4 gzip when asked for, and only then", async (fail) => {
    const paths = ["", `bai-viet/${article}`, "khong-co-trang-nay", glue, "sw.js", "search/search.js", wasm, "api/site.json", searchDoc, "icon.svg", "feed.xml", "sitemap.xml", "manifest.webmanifest", "robots.txt"];
    for (const path of paths) {
      const name = path === "" ? "index.html" : path === "khong-co-trang-nay" ? "404.html" : existsSync(join(dist, path)) ? path : `${path}.html`;
      const zipped = await get(u(path), { "accept-encoding": "gzip" });
      // A body under 100 bytes (robots.txt): Apache's deflate leaves it be
      // (seen at 68 bytes, compressed at 70), and nothing is lost.
      const tiny = (await file(name)).length < 100;
      if (tiny && !zipped.headers.get("content-encoding")) continue;
      if (zipped.headers.get("content-encoding") !== "gzip") fail(`${u(path)}: content-encoding ${zipped.headers.get("content-encoding")} with Accept-Encoding: gzip`);
      else if (!/accept-encoding/i.test(zipped.headers.get("vary") ?? "")) fail(`${u(path)}: gzip without Vary: Accept-Encoding`);
      // fetch has unzipped it: the same bytes as the file.
      if (!zipped.body.equals(await file(name))) fail(`${u(path)}: unzipped, not the bytes of ${name}`);
      const plain = await get(u(path));
      if (plain.headers.get("content-encoding")) fail(`${u(path)}: content-encoding ${plain.headers.get("content-encoding")} without Accept-Encoding`);
    }
    // Through a CDN or proxy (a Via header), as well.
    const proxied = await get(u(""), { "accept-encoding": "gzip", via: "1.1 cdn.example" });
    if (proxied.headers.get("content-encoding") !== "gzip") fail(`${u("")} with Via (a CDN in front): not gzipped`);
    return `${paths.length} files`;
  });

  await check("6 cache-control", async (fail) => {
    const immutable = "public, max-age=31536000, immutable";
    const rules = [
      [glue, immutable],
      [wasm, immutable],
      ["", "no-cache"],
      ["index.html", "no-cache"],
      [`bai-viet/${article}`, "no-cache"],
      [`chuyen-muc/${category}`, "no-cache"],
      ["khong-co-trang-nay", "no-cache"],
      ["portal-reader-0000000000000000.js", "no-cache"], // not there: the shell
      ["sw.js", "no-cache"],
      ["search/search.js", "no-cache"],
      [searchDoc, "no-cache"],
      ["sitemap.xml", "no-cache"],
      ["robots.txt", "no-cache"],
      ["feed.xml", "no-cache"],
      [`chuyen-muc/${category}.xml`, "no-cache"],
      ["manifest.webmanifest", "no-cache"],
      ["icon.svg", "no-cache"],
      ["icon-192.png", "no-cache"],
      ["api/site.json", "public, max-age=60"],
      [`api/articles/${articleDoc}`, "public, max-age=60"],
      [`api/images/${image}`, "public, max-age=60"],
    ];
    for (const [path, expected] of rules) {
      for (const encoding of ["identity", "gzip"]) {
        const r = await get(u(path), { "accept-encoding": encoding });
        const value = r.headers.get("cache-control"); // two headers would read "a, b"
        if (value !== expected) fail(`${u(path)} (${encoding}): Cache-Control ${JSON.stringify(value)}, not ${JSON.stringify(expected)}`);
        if (r.headers.get("expires")) fail(`${u(path)}: an Expires header as well (${r.headers.get("expires")})`);
      }
    }
    // A reload: revalidated (304), still no-cache; gzipped as a browser asks.
    for (const path of ["sw.js", "", `bai-viet/${article}`]) {
      for (const encoding of ["identity", "gzip"]) {
        const first = await get(u(path), { "accept-encoding": encoding });
        const validators = {};
        if (first.headers.get("etag")) validators["if-none-match"] = first.headers.get("etag");
        if (first.headers.get("last-modified")) validators["if-modified-since"] = first.headers.get("last-modified");
        if (!Object.keys(validators).length) fail(`${u(path)} (${encoding}): neither ETag nor Last-Modified to revalidate with`);
        const again = await get(u(path), { "accept-encoding": encoding, ...validators });
        if (again.status !== 304) fail(`${u(path)} (${encoding}) revalidated with ${JSON.stringify(validators)}: status ${again.status}, not 304`);
        if (again.headers.get("cache-control") !== "no-cache") fail(`${u(path)} (${encoding}) revalidated: Cache-Control ${again.headers.get("cache-control")}`);
      }
    }
    return `${rules.length} files, with and without gzip; sw.js and pages revalidate (304, no-cache)`;
  });

  await check("7 redirects of old addresses: exact, 301", async (fail) => {
    if (!redirects.length) {
      // A build of an endpoint with old addresses must carry them.
      if (args["expect-redirects"]) fail(`${dist}/_redirects is empty, and --expect-redirects was given`);
      return "no _redirects: nothing to check";
    }
    let list = redirects;
    let skipped = 0;
    if (server.name === "apache") {
      // An .htaccess sees only the requests for its own folder.
      list = redirects.filter(([from]) => from.startsWith(base));
      skipped = redirects.length - list.length;
    }
    // All, or 100 spread evenly from the first to the last (an .htaccess
    // with 100 000 of them takes 0.4 s a request).
    const sample = list.length <= 100 ? list : Array.from({ length: 100 }, (_, i) => list[Math.round((i * (list.length - 1)) / 99)]);
    for (const [from, to] of sample) {
      for (const query of ["", "?utm_source=x"]) {
        const r = await get(from + query);
        const location = r.headers.get("location");
        const target = location && new URL(location, server.origin);
        if (r.status !== 301) fail(`${from}${query}: status ${r.status}, not 301`);
        else if (!target || target.pathname + target.search !== to) fail(`${from}${query}: to ${location}, not ${to}`);
      }
      // Exact, not a prefix.
      const longer = await get(`${from}${from.endsWith("/") ? "x" : "/x"}`);
      if (longer.status === 301) fail(`${from}…/x: redirected too (${longer.headers.get("location")}): a prefix match`);
    }
    return `${sample.length} of ${list.length}${skipped ? ` (${skipped} outside ${base} left to the server's config: an .htaccess there cannot see them)` : ""}`;
  });

  await check("8 the build's host files are not served", async (fail) => {
    const names = ["_nginx.conf", ".htaccess", "_headers", "_redirects", ".legacy-pages", ".deploy/pages", ".deploy/search-state.json"];
    // And a search record the pre-render keeps there (deploy/src/state.rs).
    const records = join(dist, ".deploy/records");
    if (existsSync(records)) names.push(`.deploy/records/${readdirSync(records)[0]}`);
    for (const name of names) {
      const r = await get(u(name));
      const content = existsSync(join(dist, name)) ? await file(name) : null;
      // Apache's own config denies .ht* files (403) before the .htaccess is read.
      const allowed = name === ".htaccess" ? [403, 404] : [404];
      if (!allowed.includes(r.status)) fail(`${u(name)}: status ${r.status}, not ${allowed.join(" or ")}`);
      const leaked = content?.length && (r.body.equals(content) || (content.length >= 32 && r.body.includes(content.subarray(0, 64))));
      if (leaked) fail(`${u(name)}: its content is served`);
    }
    return names.join(", ");
  });

  if (browser) {
    await check("9 Chromium: zero policy violations, no console errors, the app takes over; sw.js registers", (fail) =>
      browserCheck(server, browser, fail),
    );
  }

  // Last: over every answer the checks above received (but 301s).
  await check("5 security headers of _headers on every answer", async (fail) => {
    let count = 0;
    for (const r of seen) {
      count++;
      for (const name of SECURITY) {
        const value = r.headers.get(name);
        if (value !== expectedHeaders[name]) fail(`${r.path} (${r.status}): ${name} ${value === null ? "missing" : `differs: ${value.slice(0, 80)}…`}`);
      }
    }
    // The pages' own policy (meta) must be within the header's: a header
    // policy from another build blocks this build's inline scripts.
    const header = directives(expectedHeaders["content-security-policy"]);
    for (const path of ["", `bai-viet/${article}`, "khong-co-trang-nay"]) {
      const page = (await get(u(path))).body.toString();
      const meta = /http-equiv="?Content-Security-Policy"? content="([^"]*)"/i.exec(page)?.[1]?.replace(/&#39;/g, "'");
      if (!meta) continue;
      for (const [name, sources] of directives(meta)) {
        for (const source of sources) {
          if (!header.get(name)?.includes(source)) fail(`${u(path)}: its meta policy has ${name} ${source}, the header does not`);
        }
      }
    }
    const statuses = [...new Set(seen.map((r) => r.status))].sort().join(", ");
    return `${count} answers (${statuses}); CSP exactly the line of _headers, covering every page's meta policy`;
  });

  return { results, lines };
}

function directives(policy) {
  return new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

async function browserCheck(server, browser, fail) {
  const origin = server.origin;
  const pages = [
    [u(""), true],
    [u(`bai-viet/${article}`), true],
    [u("bai-viet/bai-chua-pre-render"), false], // the shell, for a path not pre-rendered
  ];
  const timings = [];
  await Promise.all([
    serviceWorker(origin, browser, fail),
    ...pages.map(async ([path, prerendered]) => {
      const context = await browser.newContext({ serviceWorkers: "block" });
      await context.addInitScript(() => {
        window.__violations = [];
        document.addEventListener("securitypolicyviolation", (e) =>
          window.__violations.push(`${e.violatedDirective} ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`),
        );
      });
      const page = await context.newPage();
      const problems = [];
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("console", (m) => {
        const text = m.text();
        // The document of a path not pre-rendered is a 404, and so is its missing article's JSON: expected.
        if (!prerendered && /status of 404/.test(text)) return;
        // An image the endpoint names on another host (a portal's CDN): this
        // machine has no route out, and the host under test is not at fault.
        const from = m.location()?.url ?? "";
        if (/ERR_NAME_NOT_RESOLVED|ERR_CONNECTION_REFUSED/.test(text) && from && !from.startsWith(origin)) return;
        if (m.type() === "error" || /MIME|Content.Security|Permissions.Policy|instantiateStreaming/i.test(text)) problems.push(`console ${m.type()}: ${text}`);
      });
      page.on("requestfailed", (r) => {
        if (!r.url().startsWith(origin) && /ERR_NAME_NOT_RESOLVED/.test(r.failure()?.errorText ?? "")) return;
        problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
      });
      let wasmType = null;
      page.on("response", (r) => {
        if (r.url().endsWith("_bg.wasm")) wasmType = `${r.status()} ${r.headers()["content-type"]}`;
      });
      // Quiet: no request in flight for 150 ms (Playwright's networkidle waits 500).
      let inFlight = 0;
      let lastChange = performance.now();
      const moved = (d) => () => ((inFlight += d), (lastChange = performance.now()));
      page.on("request", moved(1));
      page.on("requestfinished", moved(-1));
      page.on("requestfailed", moved(-1));
      const quiet = async () => {
        const until = performance.now() + 10000;
        while (!(inFlight <= 0 && performance.now() - lastChange >= 150) && performance.now() < until) await new Promise((r) => setTimeout(r, 25));
      };
      const t0 = performance.now();
      try {
        const response = await page.goto(origin + path, { waitUntil: "load", timeout: 20000 });
        const expected = prerendered ? 200 : 404;
        if (response.status() !== expected) throw new Error(`status ${response.status()}, not ${expected}`);
        await page.waitForFunction(
          () => {
            const app = document.getElementById("app");
            return app && !app.hasAttribute("data-prerendered") && app.childElementCount > 0 && !app.querySelector("[data-pending]");
          },
          null,
          { timeout: 15000 },
        );
        await quiet();
        const violations = await page.evaluate(() => window.__violations);
        for (const v of violations) problems.push(`policy violation: ${v}`);
        if (wasmType !== "200 application/wasm") problems.push(`the wasm: ${wasmType ?? "not requested"}`);
      } catch (e) {
        problems.push(e.message.startsWith("status ") ? e.message : `no takeover: ${e.message.split("\n")[0]}`);
        const violations = await page.evaluate(() => window.__violations).catch(() => []);
        for (const v of violations) problems.push(`policy violation: ${v}`);
      }
      timings.push(`${Math.round(performance.now() - t0)} ms`);
      for (const p of problems) fail(`${path}: ${p}`);
      await context.close();
    }),
  ]);
  return `${pages.length} pages (${timings.join(", ")}), sw.js registers as a worker`;
}

async function serviceWorker(origin, browser, fail) {
  // The service worker, registered by the browser itself, which refuses a
  // script of another type than JavaScript. (Check 6 revalidates sw.js.)
  const context = await browser.newContext({ serviceWorkers: "allow" });
  const page = await context.newPage();
  try {
    // From a page without the app: only the registration is asked of it.
    await page.goto(origin + u("robots.txt"), { waitUntil: "load" });
    const worker = await page.evaluate(
      async ([script, scope]) => {
        // Resolves once the script is fetched (of a JavaScript type) and has
        // run. (update() would wait for the install, and its precaching.)
        const registration = await navigator.serviceWorker.register(script, { scope });
        return (registration.installing ?? registration.waiting ?? registration.active)?.scriptURL ?? null;
      },
      [u("sw.js"), base],
    );
    if (worker !== origin + u("sw.js")) fail(`the service worker: ${worker}`);
  } catch (e) {
    fail(`the service worker: ${e.message.split("\n")[0]}`);
  }
  await context.close();
}

// --- helpers -----------------------------------------------------------------------
/** DIR/_headers as [[pattern, {name: value}]]: a path line, then indented "Name: value" lines. */
function parseHeaders(text) {
  const rules = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) rules.push([line.trim(), {}]);
    else if (rules.length) {
      const at = line.indexOf(":");
      rules[rules.length - 1][1][line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
    }
  }
  return rules;
}

/** Netlify's _redirects: "from to [status]" lines, # comments; 301s only here. */
function parseRedirects(text) {
  const entries = [];
  for (const line of text.split("\n")) {
    const fields = line.replace(/#.*/, "").trim().split(/\s+/);
    if (!fields[0]) continue;
    const [from, to, status = "301"] = fields;
    if (status !== "301" || !to) throw new Error(`_redirects: cannot check "${line}"`);
    entries.push([from, to]);
  }
  return entries;
}

/** The text of a template with {{NAME}} replaced; an unknown placeholder is an error. */
function fill(template, values) {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`no value for {{${name}}}`);
    return values[name];
  });
}

/**
 * --render: DIR copied under a temporary folder at BASE, with the host files
 * written from the templates as the build is to write them (the reference
 * for deploy/src/host_files.rs).
 */
async function renderCopy(source) {
  const work = await mkdtemp(join(tmpdir(), "hosts-build-"));
  temporary.push(work);
  await chmod(work, 0o755);
  const target = join(work, "www", base);
  await mkdir(dirname(target.replace(/\/$/, "")), { recursive: true });
  await cp(source, target, { recursive: true });
  for (const name of ["_nginx.conf", ".htaccess"]) await rm(join(target, name), { force: true });
  if (typeof args.redirects === "string") await cp(resolve(args.redirects), join(target, "_redirects"));
  const rules = parseHeaders(await readFile(join(target, "_headers"), "utf8"));
  const csp = rules.find(([pattern]) => pattern === `${base}*`)?.[1]["content-security-policy"];
  if (!csp) throw new Error(`${source}/_headers has no Content-Security-Policy for ${base}*`);
  // nginx reads $ as a variable and \ and " as quoting; Apache's Header reads % as a format.
  if (/["\\$%\n]/.test(csp)) throw new Error(`the policy has a character the host files cannot carry: ${csp}`);
  const entries = existsSync(join(target, "_redirects")) ? parseRedirects(await readFile(join(target, "_redirects"), "utf8")) : [];
  const seenFrom = new Set();
  const unique = [];
  for (const [from, to] of entries) {
    for (const path of [from, to]) {
      if (!/^\/[A-Za-z0-9._~/-]*$/.test(path)) throw new Error(`_redirects: "${path}" is not an absolute path of [A-Za-z0-9._~/-]`);
    }
    if (seenFrom.has(from)) continue; // the first one wins, as on Netlify; nginx refuses duplicates
    seenFrom.add(from);
    unique.push([from, to]);
  }
  // In nginx's own order of locations (bytes, "/" before all): nginx 1.22
  // sorts a server's locations by insertion, in quadratic time but for an
  // input already in order (100 000 unsorted: over 10 minutes; sorted: 1.4 s).
  const nginxOrder = (path) => Buffer.from(path.replaceAll("/", "\0"));
  const sorted = [...unique].sort(([a], [b]) => Buffer.compare(nginxOrder(a), nginxOrder(b)));
  const nginxLines = sorted.map(([from, to]) => `location = ${from} { return 301 ${to}; }`);
  const apacheLines = unique
    .filter(([from]) => from.startsWith(base))
    .map(([from, to]) => `RewriteCond %{REQUEST_URI} =${from}\nRewriteRule ^ ${to} [R=301,L,QSD]`);
  const values = (lines) => ({ BASE: base, CSP: csp, REDIRECTS: lines.join("\n") });
  await writeFile(join(target, "_nginx.conf"), fill(await readFile(join(repo, "deploy/src/hosts/nginx.conf"), "utf8"), values(nginxLines)));
  await writeFile(join(target, ".htaccess"), fill(await readFile(join(repo, "deploy/src/hosts/htaccess"), "utf8"), values(apacheLines)));
  return target.replace(/\/$/, "");
}

async function cleanUp() {
  if (keep) {
    for (const dir of temporary) console.log(`kept ${dir}`);
    return;
  }
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
}

// --- main ------------------------------------------------------------------------------
let failed = 0;
let passed = 0;
let launching = Promise.resolve(null);
try {
  const require = createRequire(join(repo, "tests/e2e/package.json"));
  launching = args["no-browser"]
    ? Promise.resolve(null)
    : require("playwright").chromium.launch({
        executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
        // Ours close it: Playwright's own handlers would exit before the servers stop.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
      });
  launching.catch(() => {});
  // allSettled: a server that failed must not leave the other one starting unseen.
  const starts = await Promise.allSettled(servers.map(startServer));
  const failure = starts.find((s) => s.status === "rejected");
  if (failure) throw failure.reason;
  const started = starts.map((s) => s.value);
  for (const s of started) console.log(`${s.name} (pid ${s.pid}) serves ${dist} at ${s.origin}${base}, listening after ${Math.round(s.startup)} ms`);
  const browser = (openBrowser = await launching);
  const runs = started.map((s) => checks(s, browser));
  for (const [i, s] of started.entries()) {
    const { results, lines } = await runs[i];
    if (interrupted) break;
    console.log(lines.join("\n"));
    for (const r of results) r.ok ? passed++ : failed++;
    if (results.some((r) => !r.ok)) {
      const log = await s.errorLog();
      if (log) console.log(`--- ${s.name} error log (last lines):\n${log.split("\n").slice(-15).join("\n")}`);
    }
  }
} catch (e) {
  failed++;
  if (!interrupted) console.error(`FAIL ${e.stack ?? e}`);
} finally {
  await (await launching.catch(() => null))?.close().catch(() => {});
  await stopAll();
  await cleanUp();
}
if (interrupted) await new Promise(() => {}); // the signal's handler exits
console.log(`hosts: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
