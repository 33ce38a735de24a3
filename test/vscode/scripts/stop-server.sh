#!/usr/bin/env bash
# Stops the code-server started by start-server.sh: signals only its own process group.
# Usage: stop-server.sh <stateDir>
set -uo pipefail
STATE="$1"
if [ -f "$STATE/server.pgid" ]; then
  PGID="$(cat "$STATE/server.pgid")"
  kill -TERM -- "-$PGID" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 -- "-$PGID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$PGID" 2>/dev/null || true
  rm -f "$STATE/server.pgid"
fi
if [ -f "$STATE/server.tmpdir" ]; then rm -rf "$(cat "$STATE/server.tmpdir")"; rm -f "$STATE/server.tmpdir"; fi
exit 0
