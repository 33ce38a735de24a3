#!/usr/bin/env bash
# Starts code-server on 127.0.0.1:<port> (no auth, offline, quiet) in its own session/process group.
# Usage: start-server.sh <port> <stateDir> <workspaceDir> [extra code-server args...]
# Writes <stateDir>/server.pgid and <stateDir>/server.log; stop it with stop-server.sh <stateDir>.
set -euo pipefail
. "$(dirname "$0")/env.sh"
PORT="$1"; STATE="$2"; WS="$3"; shift 3
mkdir -p "$STATE/data/User" "$STATE/exts"
# Quiet, offline-friendly user settings: no AI/chat panel, telemetry, update checks, trust prompt or welcome page.
[ -f "$STATE/data/User/settings.json" ] || cat > "$STATE/data/User/settings.json" <<'JSON'
{
  "telemetry.telemetryLevel": "off",
  "chat.disableAIFeatures": true,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "git.enabled": false,
  "security.workspace.trust.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "redhat.telemetry.enabled": false
}
JSON
# VS Code leaves IPC sockets in os.tmpdir(): give it a private, short TMPDIR (unix socket paths are
# limited to ~107 bytes) that stop-server.sh removes.
SRV_TMP="$(mktemp -d "${TMPDIR:-/tmp}/mlrb.XXXXXX")"; echo "$SRV_TMP" > "$STATE/server.tmpdir"
T0=$(date +%s%N)
TMPDIR="$SRV_TMP" PATH="$NODE24_DIR/bin:$PATH" setsid bash -c 'echo $$ > "$0/server.pgid"; exec "$@"' "$STATE" \
  "$CODE_SERVER" --config "$STATE/config.yaml" --bind-addr "127.0.0.1:$PORT" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$STATE/data" --extensions-dir "$STATE/exts" "$@" "$WS" > "$STATE/server.log" 2>&1 < /dev/null &
for _ in $(seq 1 600); do
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz"; then
    say "code-server up on http://127.0.0.1:$PORT (process group $(cat "$STATE/server.pgid")) after $(( ($(date +%s%N) - T0) / 1000000 )) ms"
    exit 0
  fi
  if [ -f "$STATE/server.pgid" ] && ! kill -0 -- "-$(cat "$STATE/server.pgid")" 2>/dev/null; then break; fi
  sleep 0.1
done
say "code-server did not start; log:"; cat "$STATE/server.log"; exit 1
