#!/usr/bin/env bash
# Browser worker suite: builds the bundles, then test/browser/ (node's test runner) starts
# dist/browser/server.js as a web worker in headless Chromium, speaks LSP to it over postMessage and
# compares its findings with the CLI's on the examples and the fixtures. Exit 1 when a test fails.
set -euo pipefail
HARNESS_TAG=worker
HERE="$(cd "$(dirname "$0")" && pwd)"; . "$HERE/env.sh"
[ -x "$CHROMIUM_PATH" ] || { say "no browser at $CHROMIUM_PATH (run install.sh)"; exit 1; }
cd "$ROOT"
node esbuild.mjs
node test/run.mjs browser
