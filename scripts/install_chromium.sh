#!/usr/bin/env bash
# Install Debian's Chromium and its driver for the web page's browser tests (tests/test_web.py),
# if /usr/bin/chromium is missing. Playwright drives this browser; it never downloads its own.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install_chromium.sh: not root, cannot apt-get install chromium (the browser tests will skip)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q chromium chromium-driver >/dev/null
/usr/bin/chromium --version
