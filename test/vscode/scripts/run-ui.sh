#!/usr/bin/env bash
# Browser UI suite: npm run package -> .vsix -> code-server --install-extension into a fresh extensions
# folder -> code-server on a fresh copy of the fixture workspace -> headless Chromium drives the
# workbench (test/vscode/driver/ui.mjs). Screenshots: test-results/ui/. Exit 1 when a check fails.
# Env: ML_RUNBOOKS_TEST_PORT (default: a free port).
set -euo pipefail
HARNESS_TAG=ui
HERE="$(cd "$(dirname "$0")" && pwd)"; . "$HERE/env.sh"
require_installed
cd "$ROOT"
STATE="$(new_state ui)"
node test/vscode/build.mjs
node out/test/vscode/prepare.js "$STATE/ws"
VERSION="$(node -p 'require("./package.json").version')"
npm run -s package > "$STATE/package.log" 2>&1 || { cat "$STATE/package.log"; exit 1; }
mv "ml-runbooks-$VERSION.vsix" "$STATE/ml-runbooks.vsix"
say "packaged $(du -h "$STATE/ml-runbooks.vsix" | cut -f1) .vsix"
code_server --config "$STATE/config.yaml" --user-data-dir "$STATE/data" --extensions-dir "$STATE/exts" \
  --install-extension "$STATE/ml-runbooks.vsix" > "$STATE/install-extension.log" 2>&1 \
  || { cat "$STATE/install-extension.log"; exit 1; }
say "installed: $(ls "$STATE/exts" | grep -v '^extensions.json$' | tr '\n' ' ')"
PORT="$(free_port)"
trap '"$HERE/stop-server.sh" "$STATE"' EXIT
trap 'exit 143' TERM INT HUP
"$HERE/start-server.sh" "$PORT" "$STATE" "$STATE/ws"
node test/vscode/driver/ui.mjs "http://127.0.0.1:$PORT" "$STATE/ws" "$ROOT/test-results/ui" "$STATE"
