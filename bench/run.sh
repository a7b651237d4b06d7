#!/usr/bin/env bash
# Every benchmark that prints the numbers the issues name.
set -euo pipefail
cd "$(dirname "$0")"
echo "== lab (real guests)"
./lab.sh
echo "== lab CA (release build)"
(cd .. && swift build -c release --product vgrid-bench-ca >/dev/null && .build/release/vgrid-bench-ca)
echo "== middleware on loopback"
./middleware.sh
echo "== middleware vs Slurm"
./slurm.sh
echo "== lab bundles (export / import)"
./bundle.sh
