#!/usr/bin/env bash
# Refresh the project's own copy of the evaluation sets (eval/) and of the seed
# articles (seeds/) from ../shared, when that folder is beside the checkout.
# The tests and the README use only the copies, so a clone passes its tests alone;
# run this when ../shared/eval changes, then commit what it changed.
#   bash scripts/refresh_eval.sh [SHARED]     (default: ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
if [ ! -d "$shared/eval" ]; then
  echo "refresh_eval: no $shared/eval here; eval/ left as it is" >&2
  exit 0
fi
tmp=$(mktemp -d eval.refresh.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cp -R "$shared/eval/." "$tmp/"
chmod 755 "$tmp"
chmod -R u+w "$tmp"
rm -rf eval
mv "$tmp" eval
if [ -d "$shared/seeds" ]; then
  # the seed texts only: seeds/manifest.json is the project's own
  cp "$shared"/seeds/*.txt seeds/
fi
git status --short -- eval seeds >&2 || true
echo "refresh_eval: eval/ and seeds/ now match $shared" >&2
