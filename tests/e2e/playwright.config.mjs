// End-to-end tests against the release builds in dist/ (served at the root)
// and dist-sub/ (built with --public-url /some/sub/path/), in Debian's Chromium.
import { defineConfig } from "@playwright/test";

import { ROOT, SUB } from "./fixtures.mjs";
export { ROOT, SUB };

export default defineConfig({
  testDir: "./specs",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL: ROOT,
    locale: "vi-VN",
    // The service worker answers from its caches, where most tests route
    // the page's requests to fake an endpoint: it is blocked except in the
    // tests of offline reading (offline.spec.mjs), which allow it.
    serviceWorkers: "block",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      command: "node server.mjs --dir ../../dist --port 8090 --overlay fixtures/overlay",
      url: `${ROOT}/index.html`,
      reuseExistingServer: !process.env.CI,
    },
    {
      command: "node server.mjs --dir ../../dist-sub --port 8091 --prefix /some/sub/path/ --overlay fixtures/overlay",
      url: `${SUB}index.html`,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
