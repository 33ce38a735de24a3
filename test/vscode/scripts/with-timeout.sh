#!/usr/bin/env bash
# Runs a command in its own process group and stops that whole group when it outlives its budget.
# Usage: with-timeout.sh <seconds> <name> <command...>      Exit: the command's, or 124 on timeout.
set -uo pipefail
SECS="$1"; NAME="$2"; shift 2
FLAG="$(mktemp)"; rm -f "$FLAG"
# In a non-interactive script a background child is not a group leader, so setsid makes the child
# itself the leader of a new session: $PID is the process-group id.
setsid "$@" < /dev/null &
PID=$!
stop_group() {
  kill -TERM -- "-$PID" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 -- "-$PID" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL -- "-$PID" 2>/dev/null || true
}
( end=$(( $(date +%s) + SECS ))
  while kill -0 "$PID" 2>/dev/null; do
    if [ "$(date +%s)" -ge "$end" ]; then
      echo "TIMEOUT: $NAME did not finish within ${SECS}s; stopping its process group ($PID)" >&2
      touch "$FLAG"; stop_group; exit 0
    fi
    sleep 1
  done ) &
WATCH=$!
trap 'stop_group' TERM INT HUP
RC=0; wait "$PID" || RC=$?
while kill -0 "$PID" 2>/dev/null; do RC=0; wait "$PID" || RC=$?; done   # woken by a trapped signal
kill "$WATCH" 2>/dev/null; wait "$WATCH" 2>/dev/null
if [ -f "$FLAG" ]; then rm -f "$FLAG"; exit 124; fi
exit "$RC"
