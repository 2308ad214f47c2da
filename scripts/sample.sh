#!/usr/bin/env bash
# Install parley into .venv (created if missing) and run it on the bundled sample article.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
.venv/bin/parley extract samples/peace-talks.txt --published 2025-11-12 --publisher "Sample Wire" --format text
