// Offline reading with Chromium's real service worker (src/offline/sw.js).
// Each test serves a build from a static host of its own, so that "offline"
// is the host gone (the worker's requests fail as on a mountain road) plus
// the browser's offline flag (navigator.onLine, the `online` event), and so
// that a test can deploy a new version under a page that is open.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, axe, articleLoaded, SLUGS, TEA_TITLE } from "./helpers.mjs";

test.use({ serviceWorkers: "allow" });

const E2E = new URL("..", import.meta.url).pathname;
const REPO = join(E2E, "../..");
const BUILDS = [
  { name: "at the root", dir: join(REPO, "dist"), prefix: "/" },
  { name: "under a sub-path", dir: join(REPO, "dist-sub"), prefix: "/some/sub/path/" },
];
const OFFLINE_NOTICE = /^Bạn đang ngoại tuyến — đang hiển thị bản đã lưu lúc \d\d:\d\d\.$/;

/** A static host (server.mjs) for `dir` on `port`, until `stop()`; `extra`:
 * more of server.mjs's options. */
async function host(dir, port, prefix, extra = []) {
  const child = spawn("node", [join(E2E, "server.mjs"), "--dir", dir, "--port", String(port), "--prefix", prefix, ...extra], {
    stdio: "ignore",
  });
  const base = `http://127.0.0.1:${port}${prefix}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}index.html`)).ok) break;
    } catch {}
    if (i > 100) throw new Error(`no host on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    // Stopping twice is fine (a test that stopped its host, then its cleanup).
    stop: () =>
      new Promise((done) => (child.exitCode !== null || child.signalCode !== null ? done() : (child.once("exit", done), child.kill()))),
  };
}

/** A port of this test's own: workers run in parallel. */
/** The app's delay between showing content and registering the worker,
 * read from its source so that the test follows it. */
const REGISTER_AFTER_MS = Number(
  /const REGISTER_AFTER_MS: i32 = ([\d_]+);/.exec(readFileSync(new URL("../../../src/offline/mod.rs", import.meta.url), "utf8"))[1].replaceAll("_", ""),
);
const portFor = (testInfo, n = 0) => 8200 + testInfo.parallelIndex * 10 + n;

/** Waits until the worker controls the page and is done activating (it
 * registers once the page has shown its content, precaches the shell,
 * claims the page and keeps a copy of what the page showed). */
/** Stops the host, takes the browser offline and reloads: the tea article
 * and the offline notice come from the worker alone. */
async function readTeaOffline(page, context, server) {
  await server.stop();
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator("article.article h1")).toHaveText(TEA_TITLE);
  await expect(page.locator(".offline-status")).toHaveText(OFFLINE_NOTICE);
}

async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated", null, { timeout: 20_000 });
}

for (const build of BUILDS) {
  test(`a visited article and the home page read offline, ${build.name}, and the notice clears online`, async ({ page, context }, testInfo) => {
    const port = portFor(testInfo);
    let server = await host(build.dir, port, build.prefix);
    try {
      await page.goto(server.base);
      await controlled(page);
      // An article opened from the list: the app fetched its document.
      await page.locator(".feed").getByRole("link", { name: TEA_TITLE }).first().click();
      await articleLoaded(page);
      await expect(page.locator(".article__cover img")).toHaveJSProperty("complete", true);
      await expect(page.getByRole("status").filter({ hasText: "ngoại tuyến" })).toHaveCount(0);

      await server.stop();
      await context.setOffline(true);
      await page.reload();
      await expect(page.locator("article.article h1")).toHaveText(TEA_TITLE);
      await expect(page.locator(".article__body figcaption")).toHaveText("Người dân xã Tả Phìn hái chè vào buổi sáng sớm.");
      const notice = page.locator(".offline-status");
      await expect(notice).toHaveText(OFFLINE_NOTICE);
      await expect(notice).toHaveAttribute("role", "status");
      // The cover comes from the worker's image cache.
      await expect
        .poll(() => page.locator(".article__cover img").evaluate((img) => img.complete && img.naturalWidth > 0))
        .toBe(true);
      expect(await axe(page)).toEqual([]);

      // The home page, loaded as a page while online, comes back as it was.
      await page.goto(server.base);
      await expect(page.locator(".feed").getByRole("link", { name: TEA_TITLE }).first()).toBeVisible();
      await expect(notice).toHaveText(OFFLINE_NOTICE);

      // The network returns: the notice goes.
      server = await host(build.dir, port, build.prefix);
      await context.setOffline(false);
      await expect(notice).toHaveText("");
    } finally {
      await server.stop();
    }
  });
}

// What the endpoint sends cannot pass for the worker's own answer
// (`x-portal-local`), nor hide that a page is a saved copy.
test("an endpoint's own x-portal-local header does not hide the offline notice", async ({ page, context }, testInfo) => {
  const port = portFor(testInfo);
  const build = BUILDS[0];
  let server = await host(build.dir, port, build.prefix, ["--header", "x-portal-local: 1"]);
  try {
    await page.goto(server.base);
    await controlled(page);
    await page.locator(".feed").getByRole("link", { name: TEA_TITLE }).first().click();
    await articleLoaded(page);
    await readTeaOffline(page, context, server);
  } finally {
    await server.stop();
  }
});

test("a saved article's copy carries no header of the endpoint's that only the worker may set", async ({ page, context }, testInfo) => {
  const port = portFor(testInfo);
  const build = BUILDS[0];
  let server = await host(build.dir, port, build.prefix, ["--header", "x-portal-local: 1"]);
  try {
    // Pre-rendered: its document is embedded, so saving fetches it.
    await page.goto(`${server.base}bai-viet/${SLUGS.tea}`);
    await articleLoaded(page);
    await controlled(page);
    await page.getByRole("button", { name: "Lưu đọc sau" }).click();
    await expect(page.locator(".reader-tools__status")).toHaveText("Đã lưu bài để đọc khi không có mạng.");
    // Only the saved copy may serve it.
    await page.evaluate(() => Promise.all(["portal-data", "portal-images"].map((name) => caches.delete(name))));
    await readTeaOffline(page, context, server);
  } finally {
    await server.stop();
  }
});

test("two saves at once both stay saved: the worker takes changes in turn", async ({ page }, testInfo) => {
  const server = await host(BUILDS[0].dir, portFor(testInfo), "/");
  try {
    await page.goto(`${server.base}bai-viet/${SLUGS.tea}`);
    await articleLoaded(page);
    await controlled(page);
    // As two tabs would, each as the app sends it (src/api/saved.rs).
    const { statuses, list } = await page.evaluate(async (slugs) => {
      const save = (slug) =>
        fetch("saved.txt", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ save: { slug, title: slug, urls: [new URL(`api/articles/${slug}.json`, document.baseURI).href] } }),
        }).then((r) => r.status);
      const statuses = await Promise.all(slugs.map(save));
      return { statuses, list: await fetch("saved.txt").then((r) => r.text()) };
    }, [SLUGS.tea, SLUGS.land, SLUGS.table]);
    expect(statuses).toEqual([200, 200, 200]);
    const saved = list.split("\n").slice(1).map((line) => line.split("\t")[1]);
    expect(saved.sort()).toEqual([SLUGS.tea, SLUGS.land, SLUGS.table].sort());
  } finally {
    await server.stop();
  }
});

test("images the page may not read are not kept, and an article with them still saves", async ({ page }, testInfo) => {
  // A copy of the build that reads its endpoint from a second host, which
  // allows other origins its JSON but not its images (they load opaque).
  const [portApp, portEndpoint] = [portFor(testInfo), portFor(testInfo, 1)];
  const dir = mkdtempSync(join(tmpdir(), "portal-endpoint-elsewhere-"));
  cpSync(BUILDS[0].dir, dir, { recursive: true });
  const tool = join(process.env.CARGO_TARGET_DIR ?? join(REPO, "target"), "tool/portal-deploy");
  execFileSync(tool, ["set-endpoint", dir, `http://127.0.0.1:${portEndpoint}/api/`, "--shell"], { stdio: "ignore" });
  execFileSync("node", [join(REPO, ".tools/service-worker.mjs"), dir], { stdio: "ignore" });
  const endpoint = await host(BUILDS[0].dir, portEndpoint, "/", ["--cors"]);
  const server = await host(dir, portApp, "/");
  try {
    await page.goto(`${server.base}bai-viet/${SLUGS.tea}`);
    await articleLoaded(page);
    await controlled(page);
    await page.reload();
    await articleLoaded(page);
    await expect.poll(() => page.locator(".article__cover img").evaluate((img) => img.complete && img.naturalWidth > 0)).toBe(true);
    const kept = (name) => page.evaluate(async (n) => (await (await caches.open(n)).keys()).map((r) => r.url), name);
    expect((await kept("portal-images")).filter((url) => url.includes(`:${portEndpoint}/`))).toEqual([]);
    await expect.poll(() => kept("portal-data")).toContainEqual(`http://127.0.0.1:${portEndpoint}/api/articles/${SLUGS.tea}.json`);

    await page.getByRole("button", { name: "Lưu đọc sau" }).click();
    await expect(page.locator(".reader-tools__status")).toHaveText("Đã lưu bài để đọc khi không có mạng.");
    const saved = await kept("portal-saved");
    expect(saved).toContainEqual(`http://127.0.0.1:${portEndpoint}/api/articles/${SLUGS.tea}.json`);
    expect(saved.filter((url) => /\.(svg|png|jpe?g|webp)$/.test(url))).toEqual([]);
  } finally {
    await server.stop();
    await endpoint.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a page never saved says so offline, with a retry that works once the network is back", async ({ page, context }, testInfo) => {
  const port = portFor(testInfo);
  const build = BUILDS[0];
  let server = await host(build.dir, port, build.prefix);
  try {
    await page.goto(server.base);
    await controlled(page);
    await server.stop();
    await context.setOffline(true);
    // Never visited: the worker answers with the shell, which has no document to show.
    await page.goto(`${server.base}bai-viet/${SLUGS.land}`);
    const panel = page.locator(".error-panel");
    await expect(panel).toContainText("Bạn đang ngoại tuyến và nội dung này chưa được lưu trên máy.");
    await expect(page.locator("h1")).not.toHaveText("");
    expect(await axe(page)).toEqual([]);

    server = await host(build.dir, port, build.prefix);
    await context.setOffline(false);
    await panel.getByRole("button", { name: "Thử lại" }).click();
    await articleLoaded(page);
    await expect(page.locator(".error-panel")).toHaveCount(0);
  } finally {
    await server.stop();
  }
});

test("a search done online works offline on the index it read, and a new one says the index is not there", async ({ page, context }, testInfo) => {
  const port = portFor(testInfo);
  const build = BUILDS[0];
  const server = await host(build.dir, port, build.prefix);
  try {
    await page.goto(server.base);
    await controlled(page);
    await page.goto(`${server.base}tim-kiem?q=che+shan+tuyet`);
    await expect(page.locator(".search__status")).toHaveText("2 kết quả cho “che shan tuyet”.");
    await server.stop();
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator(".search__status")).toHaveText("2 kết quả cho “che shan tuyet”.");
    await expect(page.locator(".search__results h2 a").first()).toHaveText(TEA_TITLE);
    // Words whose part of the index was never fetched: an error with a retry, not a blank page.
    await page.getByRole("searchbox").fill("Gầu Tào");
    await page.keyboard.press("Enter");
    await expect(page.locator(".error-panel, .search__results, .search__status")).not.toHaveCount(0);
    await expect(page.locator(".error-panel").or(page.locator(".search__status").filter({ hasText: /kết quả|Không tìm thấy/ }))).toBeVisible();
    expect(await axe(page)).toEqual([]);
  } finally {
    await server.stop();
  }
});

test("a new deploy is offered, and the page reloads only when the reader asks", async ({ page }, testInfo) => {
  const dir = mkdtempSync(join(tmpdir(), "portal-deploy-"));
  cpSync(BUILDS[0].dir, dir, { recursive: true });
  const server = await host(dir, portFor(testInfo), "/");
  try {
    await page.goto(`${server.base}bai-viet/${SLUGS.tea}`);
    await articleLoaded(page);
    await controlled(page);
    const first = await page.evaluate(() => fetch("sw.js").then((r) => r.text()));

    // A new build lands on the host: a changed shell is a new version.
    writeFileSync(join(dir, "404.html"), readFileSync(join(dir, "404.html"), "utf8") + "\n<!-- deploy 2 -->\n");
    const written = spawn("node", [join(REPO, ".tools/service-worker.mjs"), dir], { stdio: "ignore" });
    await new Promise((done) => written.once("exit", done));
    expect(readFileSync(join(dir, "sw.js"), "utf8")).not.toBe(first);

    // The reader moves on inside the app; the app asks whether there is news.
    await page.evaluate(() => (window.__samePage = true));
    await page.locator(".breadcrumb").getByRole("link", { name: "Kinh tế" }).click();
    const offer = page.locator(".offline-status");
    await expect(offer).toContainText("Có phiên bản mới.");
    expect(await axe(page)).toEqual([]);
    // It waits for the reader: no reload by itself.
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => window.__samePage)).toBe(true);

    await offer.getByRole("button", { name: "Tải lại" }).click();
    await page.waitForFunction(() => window.__samePage === undefined);
    await expect(page.locator("h1")).toHaveText("Kinh tế");
    await expect(page.locator(".offline-status")).toHaveText("");
    expect(await page.evaluate(() => fetch("sw.js").then((r) => r.text()))).not.toBe(first);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the worker registers only once the page has shown its content", async ({ page }, testInfo) => {
  const server = await host(BUILDS[0].dir, portFor(testInfo), "/");
  try {
    let release;
    const held = new Promise((r) => (release = r));
    await page.route(`**/api/articles/${SLUGS.tea}.json`, async (route) => {
      await held;
      await route.continue();
    });
    // The shell: the app has to fetch the article before it has content.
    await page.setExtraHTTPHeaders({ "x-test-shell": "1" });
    await page.goto(`${server.base}bai-viet/${SLUGS.tea}`, { waitUntil: "load" });
    await expect(page.locator("main .skeleton").first()).toBeVisible();
    // Longer than the delay after the content shows: a worker registered
    // that long after the start instead would be there by now.
    await page.waitForTimeout(REGISTER_AFTER_MS + 1000);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r === undefined))).toBe(true);
    release();
    await articleLoaded(page);
    await controlled(page);
  } finally {
    await server.stop();
  }
});

test("the app installs: a manifest with its icons, scoped to the deployment", async ({ request }) => {
  for (const base of ["http://127.0.0.1:8090/", "http://127.0.0.1:8091/some/sub/path/"]) {
    const response = await request.get(`${base}manifest.webmanifest`);
    expect(response.headers()["content-type"]).toContain("application/manifest+json");
    const manifest = await response.json();
    expect(manifest).toMatchObject({ name: "Cổng thông tin điện tử", display: "standalone", lang: "vi" });
    expect(manifest.short_name.length).toBeLessThanOrEqual(12);
    const url = new URL(`${base}manifest.webmanifest`);
    expect(new URL(manifest.start_url, url).href).toBe(base);
    expect(new URL(manifest.scope, url).href).toBe(base);
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    const sizes = {};
    for (const icon of manifest.icons) {
      const file = await request.get(new URL(icon.src, url).href);
      expect(file.ok(), icon.src).toBe(true);
      const bytes = await file.body();
      if (icon.type === "image/png") {
        // The PNG header's width and height (IHDR) match what the manifest says.
        sizes[`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`] = icon.sizes;
      } else {
        expect(icon.type).toBe("image/svg+xml");
        expect(bytes.toString()).toContain("<svg");
      }
    }
    expect(sizes).toEqual({ "192x192": "192x192", "512x512": "512x512" });
  }
});

test.describe("Lưu đọc sau", () => {
  const SAVED_DONE = "Đã lưu bài để đọc khi không có mạng.";

  test("a saved article opens offline in a browser started again, listed on 'Bài đã lưu', and can be removed", async ({ browser }, testInfo) => {
    const profile = mkdtempSync(join(tmpdir(), "portal-profile-"));
    const launch = () =>
      browser.browserType().launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
        args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        locale: "vi-VN",
        serviceWorkers: "allow",
      });
    let server = await host(BUILDS[0].dir, portFor(testInfo), "/");
    let context = await launch();
    try {
      let page = context.pages()[0] ?? (await context.newPage());
      const errors = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${server.base}bai-viet/${SLUGS.tea}`);
      await articleLoaded(page);
      await controlled(page);
      const save = page.getByRole("button", { name: "Lưu đọc sau" });
      await expect(save).toHaveAttribute("aria-pressed", "false");
      await save.click();
      await expect(page.locator(".reader-tools__status")).toHaveText(SAVED_DONE);
      await expect(save).toHaveAttribute("aria-pressed", "true");
      // Only what was saved may serve it: the worker's other copies go.
      await page.evaluate(() => Promise.all(["portal-pages", "portal-data", "portal-images"].map((name) => caches.delete(name))));
      await context.close();
      await server.stop();

      context = await launch();
      await context.setOffline(true);
      page = context.pages()[0] ?? (await context.newPage());
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${server.base}bai-viet/${SLUGS.tea}`);
      await expect(page.locator("article.article h1")).toHaveText(TEA_TITLE);
      await expect(page.locator(".article__body figcaption")).toHaveText("Người dân xã Tả Phìn hái chè vào buổi sáng sớm.");
      await expect
        .poll(() => page.locator(".article__body figure img").evaluate((img) => img.complete && img.naturalWidth > 0))
        .toBe(true);
      await expect(page.getByRole("button", { name: "Lưu đọc sau" })).toHaveAttribute("aria-pressed", "true");

      await page.getByRole("navigation", { name: "Chuyên mục" }).getByRole("link", { name: "Bài đã lưu" }).click();
      await expect(page.locator("h1")).toHaveText("Bài đã lưu");
      const item = page.locator(".saved__item");
      await expect(item).toHaveCount(1);
      await expect(item.getByRole("link")).toHaveText(TEA_TITLE);
      await expect(item.locator(".saved__when")).toHaveText(/^Đã lưu lúc \d\d:\d\d$/);
      expect(await axe(page)).toEqual([]);
      // The saved page and the offline status line, in every contrast level
      // (AAA where the levels promise it).
      await expect(page.locator(".offline-status")).toHaveText(OFFLINE_NOTICE);
      for (const level of ["soft", "normal", "high", "maximum"]) {
        await page.evaluate((l) => localStorage.setItem("portal.contrast", l), level);
        await page.reload();
        await expect(page.locator("html")).toHaveAttribute("data-contrast", level);
        await expect(item).toHaveCount(1);
        await expect(page.locator(".offline-status")).toHaveText(OFFLINE_NOTICE);
        expect(await axe(page), level).toEqual([]);
        if (level === "high" || level === "maximum") expect(await axe(page, ["wcag2aaa"]), `${level} AAA`).toEqual([]);
      }
      await item.getByRole("button", { name: `Xoá bài đã lưu: ${TEA_TITLE}` }).click();
      await expect(page.locator(".saved p").last()).toContainText("Chưa có bài nào được lưu.");
      await expect(page.locator(".saved [role=status]")).toHaveText("Đã bỏ lưu bài này.");
      await expect(page.locator("h1")).toBeFocused();
      expect(errors).toEqual([]);
    } finally {
      await context.close().catch(() => {});
      await server.stop();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test("a full device: a clear message, and nothing listed as saved", async ({ page }, testInfo) => {
    const server = await host(BUILDS[0].dir, portFor(testInfo), "/");
    try {
      await page.goto(`${server.base}bai-viet/${SLUGS.tea}`);
      await articleLoaded(page);
      await controlled(page);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Storage.overrideQuotaForOrigin", { origin: new URL(server.base).origin, quotaSize: 1 });
      const save = page.getByRole("button", { name: "Lưu đọc sau" });
      await save.click();
      await expect(page.locator(".reader-tools__status")).toHaveText(
        "Không đủ dung lượng trên máy để lưu bài này. Hãy xoá bớt bài đã lưu rồi thử lại.",
      );
      await expect(save).toHaveAttribute("aria-pressed", "false");
      await page.goto(`${server.base}bai-da-luu`);
      await expect(page.locator(".saved")).toContainText("Chưa có bài nào được lưu.");
    } finally {
      await server.stop();
    }
  });
});

test.describe("Lưu đọc sau without a service worker", () => {
  test.use({ serviceWorkers: "block" });

  test("saving says the browser cannot, and the saved page says so too", async ({ page }) => {
    await page.goto(`/bai-viet/${SLUGS.tea}`);
    await articleLoaded(page);
    await page.getByRole("button", { name: "Lưu đọc sau" }).click();
    await expect(page.locator(".reader-tools__status")).toHaveText("Trình duyệt này chưa lưu được bài để đọc khi không có mạng.");
    await expect(page.getByRole("button", { name: "Lưu đọc sau" })).toHaveAttribute("aria-pressed", "false");
    await page.goto("/bai-da-luu");
    await expect(page.locator("h1")).toHaveText("Bài đã lưu");
    await expect(page.locator(".saved")).toContainText("Trình duyệt này chưa lưu được bài để đọc khi không có mạng.");
    expect(await axe(page)).toEqual([]);
  });
});
