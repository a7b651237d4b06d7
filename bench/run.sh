#!/usr/bin/env bash
# Every benchmark that prints the numbers the issues name.
set -euo pipefail
cd "$(dirname "$0")"
for bench in lab.sh; do
  echo "== $bench"
  ./"$bench"
done
