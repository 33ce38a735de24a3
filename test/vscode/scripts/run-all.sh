#!/usr/bin/env bash
# npm run test:vscode — installs the harness (cached in .vscode-test/), then runs the integration
# suite, the browser UI suite, the web extension suite (code-server's web worker extension host) and the
# browser worker suite (the web language server in Chromium), each
# in its own process group with its own time budget (ML_RUNBOOKS_SUITE_BUDGET seconds, default 600).
# Exit non-zero when anything failed.
# Usage: run-all.sh [integration|ui|web|worker]...    (default: all four, in that order)
set -uo pipefail
HARNESS_TAG=test:vscode
HERE="$(cd "$(dirname "$0")" && pwd)"; . "$HERE/env.sh"
BUDGET="${ML_RUNBOOKS_SUITE_BUDGET:-600}"
declare -A RESULT TIME
step() {
  local name="$1" s rc; shift; s=$(date +%s)
  say "== $name"
  "$@"; rc=$?
  TIME[$name]=$(( $(date +%s) - s )); RESULT[$name]=$rc
  say "== $name: $([ $rc = 0 ] && echo ok || { [ $rc = 124 ] && echo TIMEOUT || echo "FAILED (exit $rc)"; }) in ${TIME[$name]}s"
  return $rc
}
SUITES=("$@"); [ ${#SUITES[@]} -gt 0 ] || SUITES=(integration ui web worker)
for s in "${SUITES[@]}"; do
  case "$s" in integration|ui|web|worker) ;; *) echo "usage: run-all.sh [integration|ui|web|worker]..." >&2; exit 2;; esac
done
step install "$HERE/install.sh" || { say "install failed: suites not run"; exit 1; }
for s in "${SUITES[@]}"; do
  step "$s" "$HERE/with-timeout.sh" "$BUDGET" "$s suite" "$HERE/run-$s.sh"
done
fail=0
for n in install "${SUITES[@]}"; do
  printf '  %-12s %-8s %4ss\n' "$n" "$([ "${RESULT[$n]}" = 0 ] && echo ok || echo FAILED)" "${TIME[$n]}"
  [ "${RESULT[$n]}" = 0 ] || fail=1
done
exit $fail
