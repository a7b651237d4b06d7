#!/usr/bin/env bash
# The middleware's numbers on loopback: gwd + 2 gatekeepers x 2 slots as real processes (the
# guest binary from `make guest`), driven by the students' commands. Prints lines starting "BENCH".
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "bench/middleware.sh: run as root (jobs run as local test accounts)" >&2; exit 1; }
export VGRID_BENCH=1
swift test --filter MiddlewareBenchmark 2>&1 | tee /tmp/vgrid-bench-middleware.log | grep -E '^BENCH|✘|error:' || true
grep -q '✘' /tmp/vgrid-bench-middleware.log && { echo "bench/middleware.sh: a benchmark failed (see /tmp/vgrid-bench-middleware.log)" >&2; exit 1; }
exit 0
