#!/usr/bin/env bash
# Integration suite: mocha inside the real VS Code extension host (code-server 4.139 = VS Code 1.139),
# on a fresh copy of test/vscode/fixtures/workspace. Exit code = result (0 pass, 1 fail, 124 timeout).
# Env: ML_RUNBOOKS_TEST_PORT (default: a free port), ML_RUNBOOKS_TEST_GREP (mocha --grep),
#      ML_RUNBOOKS_SKIP_BUILD=1 (reuse dist/ and out/), ML_RUNBOOKS_SUITE_TIMEOUT (seconds, default 540).
set -euo pipefail
HARNESS_TAG=integration
HERE="$(cd "$(dirname "$0")" && pwd)"; . "$HERE/env.sh"
require_installed
cd "$ROOT"
if [ "${ML_RUNBOOKS_SKIP_BUILD:-}" != 1 ]; then
  node esbuild.mjs
  node test/vscode/build.mjs
fi
STATE="$(new_state integration)"
node out/test/vscode/prepare.js "$STATE/ws"
PORT="$(free_port)"
export ML_RUNBOOKS_TEST_RESULTS="$STATE/results.json"   # inherited by the extension host
export ML_RUNBOOKS_TEST_GREP="${ML_RUNBOOKS_TEST_GREP:-}"
trap '"$HERE/stop-server.sh" "$STATE"' EXIT
trap 'exit 143' TERM INT HUP
"$HERE/start-server.sh" "$PORT" "$STATE" "$STATE/ws" --vscode-option enable-smoke-test-driver
set +e
node test/vscode/driver/run-integration.mjs "http://127.0.0.1:$PORT" "$STATE/ws" "$ROOT" \
  "$ROOT/out/test/vscode/suite/index" "$STATE" "${ML_RUNBOOKS_SUITE_TIMEOUT:-540}" 2>&1 | tee "$STATE/output.log"
RC=${PIPESTATUS[0]}
set -e
say "exit $RC; results $STATE/results.json; server log $STATE/server.log; VS Code logs $STATE/data/logs"
exit "$RC"
