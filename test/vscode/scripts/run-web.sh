#!/usr/bin/env bash
# Web extension suite: the extension as VS Code for the Web runs it. A package without `main` (so
# code-server can only run it in its web worker extension host, as vscode.dev and github.dev do) is
# installed into a fresh code-server; headless Chromium drives the workbench (test/vscode/driver/web.mjs):
# the web-worker language server's diagnostics in the Problems panel, the preview from the web client.
# Screenshots: test-results/web/. Exit 1 when a check fails.
set -euo pipefail
HARNESS_TAG=web
HERE="$(cd "$(dirname "$0")" && pwd)"; . "$HERE/env.sh"
require_installed
cd "$ROOT"
STATE="$(new_state web)"
node test/vscode/build.mjs
node out/test/vscode/prepare.js "$STATE/ws"
ML_RUNBOOKS_MINIFY=1 node esbuild.mjs > "$STATE/build.log" 2>&1 || { cat "$STATE/build.log"; exit 1; }
# Stage what the .vsix ships (the .vscodeignore allow-list decides), with a manifest that has no `main`.
PKG="$STATE/pkg"; mkdir -p "$PKG/client"
cp -r README.md CHANGELOG.md LICENSE .vscodeignore dist schemas snippets syntaxes images "$PKG/"
cp -r client/media client/*.json "$PKG/client/"
node -e 'const p=require("./package.json"); delete p.main; delete p.scripts; process.stdout.write(JSON.stringify(p,null,2))' > "$PKG/package.json"
(cd "$PKG" && "$ROOT/node_modules/.bin/vsce" package --no-dependencies -o "$STATE/ml-runbooks-web.vsix" > "$STATE/package.log" 2>&1) \
  || { cat "$STATE/package.log"; exit 1; }
say "packaged $(du -h "$STATE/ml-runbooks-web.vsix" | cut -f1) web-only .vsix"
code_server --config "$STATE/config.yaml" --user-data-dir "$STATE/data" --extensions-dir "$STATE/exts" \
  --install-extension "$STATE/ml-runbooks-web.vsix" > "$STATE/install-extension.log" 2>&1 \
  || { cat "$STATE/install-extension.log"; exit 1; }
PORT="$(free_port)"
trap '"$HERE/stop-server.sh" "$STATE"' EXIT
trap 'exit 143' TERM INT HUP
"$HERE/start-server.sh" "$PORT" "$STATE" "$STATE/ws"
node test/vscode/driver/web.mjs "http://127.0.0.1:$PORT" "$STATE/ws" "$ROOT/test-results/web" "$STATE"
