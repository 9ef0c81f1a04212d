// Votes and page views against the real counting service (tests/counter/run.sh):
// the release build with <meta name="portal-counter"> (dist-counter/, by
// scripts/set-endpoint --counter), and portal-counter on a fresh SQLite file,
// on another origin as a CDN deployment has it.
import { defineConfig } from "@playwright/test";
import base from "./playwright.config.mjs";

export const APP = "http://127.0.0.1:8096";
export const COUNTER = "http://127.0.0.1:8097";

export default defineConfig({
  ...base,
  testDir: "./counter",
  use: { ...base.use, baseURL: APP },
  webServer: [
    {
      command: "node server.mjs --dir ../../dist-counter --port 8096",
      url: `${APP}/index.html`,
      reuseExistingServer: false,
    },
    {
      command: `${process.env.COUNTER_BIN} --listen 127.0.0.1:8097 --endpoint ../../dist-counter/api --allow-origin ${APP}`,
      url: `${COUNTER}/healthz`,
      reuseExistingServer: false,
    },
  ],
});
