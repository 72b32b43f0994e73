#!/usr/bin/env bash
# Installs what the browser and end-to-end tests need: Debian's Chromium and fonts (with ripgrep
# and libkrb5-dev for code-server), then code-server (VS Code 1.100 for the web) unpacked into
# .cache/code-server with its postinstall done by hand, since it would download ripgrep from the
# internet (see docs/development.md). Idempotent: a second run only checks what is there.
# `npm test` runs the Debian part before the webview tests and the whole before the e2e tests;
# `npm start` runs it on first use.
#
# Usage: bash scripts/setup-e2e.sh              (run as root in CI; needs the npm registry and apt)
#        bash scripts/setup-e2e.sh --packages   (only the Debian packages)
#        MEDCO_CODE_SERVER_DIR=... to use another cache folder.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"

PACKAGES_ONLY=0
case "${1:-}" in
  --packages) PACKAGES_ONLY=1 ;;
  "") ;;
  *) printf 'setup-e2e: unknown option %s (usage: setup-e2e.sh [--packages])\n' "$1" >&2; exit 2 ;;
esac

CODE_SERVER_VERSION="4.100.3"
CACHE="${MEDCO_CODE_SERVER_DIR:-$REPO/.cache/code-server}"
PKG="$CACHE/package"
MARKER="$CACHE/.ready-$CODE_SERVER_VERSION"

say() { printf 'setup-e2e: %s\n' "$*" >&2; }
die() { printf 'setup-e2e: error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- Debian packages
# fonts-noto-cjk and fonts-thai-tlwg: Chinese, Japanese, Korean and Thai text would otherwise render
# as empty boxes in the review panel's screenshots (Debian's Chromium ships no such fonts).
CJK_FONT=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
THAI_FONTS=/usr/share/fonts/truetype/tlwg
if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/rg || ! -e /usr/include/gssapi/gssapi.h || ! -e $CJK_FONT || ! -d $THAI_FONTS ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    die "chromium, ripgrep, libkrb5-dev or a font is missing and this is not root: run 'sudo apt-get install -y chromium libkrb5-dev ripgrep fonts-noto-cjk fonts-thai-tlwg'"
  fi
  say "installing chromium, libkrb5-dev, ripgrep, fonts with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  # Another job may be using apt at the same moment: wait for its lock instead of failing.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium libkrb5-dev ripgrep fonts-noto-cjk fonts-thai-tlwg >/dev/null
fi
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium is still missing after apt-get"
[[ -x /usr/bin/rg ]] || die "/usr/bin/rg is still missing after apt-get"
if (( PACKAGES_ONLY )); then
  say "Debian packages ready (chromium, ripgrep, libkrb5-dev, fonts)"
  exit 0
fi

# ---------------------------------------------------------------- code-server
if [[ -f "$MARKER" ]]; then
  say "code-server $CODE_SERVER_VERSION ready in $PKG"
  exit 0
fi

# A half-finished earlier run leaves an unknown state: start again from a clean folder.
rm -rf "$CACHE"
mkdir -p "$CACHE"
say "fetching code-server@$CODE_SERVER_VERSION from the npm registry"
(cd "$CACHE" && npm pack --silent "code-server@$CODE_SERVER_VERSION" >/dev/null)
tar -xzf "$CACHE/code-server-$CODE_SERVER_VERSION.tgz" -C "$CACHE"
rm -f "$CACHE/code-server-$CODE_SERVER_VERSION.tgz"
[[ -f "$PKG/out/node/entry.js" ]] || die "unexpected code-server package layout (no out/node/entry.js)"

# npm 11 skips lifecycle scripts of dependencies it has not been told to trust; every rebuild below
# says explicitly that scripts must run, and the native modules are checked afterwards.
export npm_config_ignore_scripts=false
export npm_config_yes=true
export npm_config_fund=false
export npm_config_audit=false
export npm_config_update_notifier=false

say "installing VS Code's own dependencies (lib/vscode)"
(cd "$PKG/lib/vscode" && npm install --omit=dev --ignore-scripts --no-package-lock --loglevel=error)
mkdir -p "$PKG/lib/vscode/node_modules/@vscode/ripgrep/bin"
cp /usr/bin/rg "$PKG/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
say "building native modules (node-pty, spdlog, kerberos, …); this takes a few minutes"
(cd "$PKG/lib/vscode" && npm rebuild --foreground-scripts --loglevel=error >"$CACHE/rebuild-vscode.log" 2>&1) \
  || die "npm rebuild in lib/vscode failed; see $CACHE/rebuild-vscode.log"
ln -sfn node_modules "$PKG/lib/vscode/node_modules.asar"

say "installing the built-in extensions' dependencies"
(cd "$PKG/lib/vscode/extensions" && npm install --omit=dev --no-package-lock --loglevel=error)

say "installing code-server's own dependencies"
(cd "$PKG" && npm install --omit=dev --ignore-scripts --no-package-lock --loglevel=error)
(cd "$PKG" && npm rebuild argon2 --foreground-scripts --loglevel=error >"$CACHE/rebuild-argon2.log" 2>&1) \
  || die "npm rebuild argon2 failed; see $CACHE/rebuild-argon2.log"

# A rebuild that silently skipped its scripts leaves no .node file: check the ones VS Code loads.
missing=()
for mod in node-pty @vscode/spdlog; do
  dir="$PKG/lib/vscode/node_modules/$mod"
  if [[ -d "$dir" ]] && ! find "$dir" -name '*.node' -path '*Release*' | grep -q .; then missing+=("$mod"); fi
done
if ! find "$PKG/node_modules/argon2" -name '*.node' | grep -q .; then missing+=(argon2); fi
if (( ${#missing[@]} > 0 )); then
  die "native modules did not build: ${missing[*]} (see $CACHE/rebuild-*.log)"
fi

# Smoke test: the server must at least print its version.
node "$PKG/out/node/entry.js" --version >/dev/null || die "code-server does not start (node out/node/entry.js --version)"

touch "$MARKER"
say "code-server $CODE_SERVER_VERSION ready in $PKG"
