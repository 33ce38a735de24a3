#!/usr/bin/env bash
# npm run demo — packages the extension, installs the .vsix into a code-server state folder
# (.vscode-test/demo/) and opens examples/ in VS Code in the browser on http://127.0.0.1:<port>.
# Runs until Ctrl+C, then stops its own code-server process group.
# Env: ML_RUNBOOKS_DEMO_PORT (default 8080), ML_RUNBOOKS_DEMO_FOLDER (default examples/).
set -euo pipefail
HARNESS_TAG=demo
HERE="$(cd "$(dirname "$0")" && pwd)"; . "$HERE/env.sh"
"$HERE/install.sh"
cd "$ROOT"
PORT="${ML_RUNBOOKS_DEMO_PORT:-8080}"
FOLDER="$(cd "${ML_RUNBOOKS_DEMO_FOLDER:-$ROOT/examples}" && pwd)"
STATE="$CACHE/demo"
if [ -f "$STATE/server.pgid" ] && kill -0 -- "-$(cat "$STATE/server.pgid")" 2>/dev/null; then
  say "a demo is already running (process group $(cat "$STATE/server.pgid")); stop it first"; exit 1
fi
rm -rf "$STATE/exts"; mkdir -p "$STATE"
VERSION="$(node -p 'require("./package.json").version')"
npm run -s package > "$STATE/package.log" 2>&1 || { cat "$STATE/package.log"; exit 1; }
mv "ml-runbooks-$VERSION.vsix" "$STATE/ml-runbooks.vsix"
code_server --config "$STATE/config.yaml" --user-data-dir "$STATE/data" --extensions-dir "$STATE/exts" \
  --install-extension "$STATE/ml-runbooks.vsix" > "$STATE/install-extension.log" 2>&1 \
  || { cat "$STATE/install-extension.log"; exit 1; }
stop() { "$HERE/stop-server.sh" "$STATE"; say "stopped"; }
trap stop EXIT
trap 'exit 0' INT TERM HUP
"$HERE/start-server.sh" "$PORT" "$STATE" "$FOLDER"
echo
echo "  ML Runbooks demo: http://127.0.0.1:$PORT/?folder=$FOLDER"
echo "  (VS Code in the browser: code-server $CODE_SERVER_VERSION; server log ${STATE#"$ROOT"/}/server.log)"
echo "  Press Ctrl+C to stop."
echo
# Wait for the server's process group to end (or for Ctrl+C).
PGID="$(cat "$STATE/server.pgid")"
while kill -0 -- "-$PGID" 2>/dev/null; do sleep 1 & wait $!; done
say "code-server exited; see $STATE/server.log"
