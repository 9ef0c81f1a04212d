// The NukeViet bridge end to end (tests/nukeviet/run.sh): the release build
// refreshed from a throwaway MariaDB into dist-nukeviet/, served twice, as a
// host with redirects (Netlify, Cloudflare Pages: _redirects) and as one
// without (GitHub Pages: the pages left at the old addresses).
import { defineConfig } from "@playwright/test";
import base from "./playwright.config.mjs";

export const REDIRECTING = "http://127.0.0.1:8094";
export const STATIC = "http://127.0.0.1:8095";

export default defineConfig({
  ...base,
  testDir: "./nukeviet",
  use: { ...base.use, baseURL: REDIRECTING },
  webServer: [
    {
      command: "node server.mjs --dir ../../dist-nukeviet --port 8094 --redirects",
      url: `${REDIRECTING}/index.html`,
      reuseExistingServer: false,
    },
    {
      command: "node server.mjs --dir ../../dist-nukeviet --port 8095",
      url: `${STATIC}/index.html`,
      reuseExistingServer: false,
    },
  ],
});
