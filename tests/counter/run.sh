#!/usr/bin/env bash
# The counting service end to end, as scripts/serve runs it: a copy of the
# release build pointed at the service (scripts/set-endpoint --counter), the
# service on a fresh SQLite file, the Playwright suite on both; the service
# and the static host are started and stopped by Playwright, by their pids.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d /tmp/countertest.XXXXXX)
trap 'rm -rf "$work"' EXIT
rm -rf dist-counter
cp -a dist dist-counter
scripts/set-endpoint dist-counter api/ --counter http://127.0.0.1:8097/ >"$work/set-endpoint.log"
grep -q '<meta name="portal-counter" content="http://127.0.0.1:8097/">' dist-counter/index.html
# The debug binary the native tests built: speed is not what this measures.
cargo build --quiet --locked -p portal-counter
export COUNTER_BIN="$PWD/${CARGO_TARGET_DIR:-target}/debug/portal-counter"
export COUNTER_STORE="sqlite:$work/counts.sqlite"
(cd tests/e2e && npx playwright test -c playwright.counter.config.mjs)
