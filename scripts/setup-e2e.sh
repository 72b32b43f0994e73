#!/usr/bin/env bash
# Installs what the browser and end-to-end tests need: Debian's Chromium, and code-server (VS Code
# 1.100 for the web) unpacked into .cache/code-server with its postinstall done by hand, since it
# would download ripgrep from the internet. Idempotent: a second run does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "setup-e2e: placeholder"
