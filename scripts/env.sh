# Sourced by the scripts: the tools scripts/setup installed, first on PATH.
# wasm-opt must be npm binaryen's, found before any Debian wasm-opt.
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$repo_root/.tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# trunk must not ask the network for updates or tools: everything is installed.
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-auto}"
