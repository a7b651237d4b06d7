#!/usr/bin/env bash
# Lab numbers (issue: foundation): intro lab up -> all ready, down, QEMU RSS per tiny node,
# and the 3-student course ready. Needs libvirtd (scripts/lab-host.sh start) and the image.
set -euo pipefail
cd "$(dirname "$0")/.."
vgrid=${VGRID_BIN:-.build/debug/vgrid}
export VGRID_IMAGE_DIR=${VGRID_IMAGE_DIR:-$PWD/images/build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed 's/^lab: .*/lab: bench-intro/' labs/intro.yaml > "$work/intro.yaml"
sed 's/^lab: .*/lab: bench-course/' labs/course.yaml > "$work/course.yaml"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
verdict() { awk -v v="$1" -v max="$2" 'BEGIN { print (v <= max) ? "ok" : "OVER" }'; }

"$vgrid" down "$work/intro.yaml" -q >/dev/null
"$vgrid" down "$work/course.yaml" -q >/dev/null
# Warm the shared things (pool, base image upload, accelerator probe) once, as on any
# host that has run vgrid before; the numbers below are per lab.
"$vgrid" up "$work/intro.yaml" -q >/dev/null && "$vgrid" down "$work/intro.yaml" -q >/dev/null

t0=$(now); "$vgrid" up "$work/intro.yaml" -q >/dev/null; t1=$(now)
up=$(elapsed "$t0" "$t1")
rss_max=0; rss_sum=0; n=0
for pid in $(pgrep -f 'qemu-system-x86_64.*guest=bench-intro-'); do
  kb=$(awk '/^VmRSS/ {print $2}' /proc/$pid/status)
  rss_sum=$((rss_sum + kb)); n=$((n + 1))
  ((kb > rss_max)) && rss_max=$kb
done
# The middleware in the real lab (TCG guests): a student's 100-task array of /bin/true,
# timed on the headnode from gwsubmit until gwwait returns.
sheet=/var/lib/vgrid/ca/bench-intro/instructor-sheet.txt
pass=$(awk '$1 == "account:" {a = $2} $1 == "passphrase:" && a == "alice" {print $2; exit}' "$sheet")
echo "$pass" | "$vgrid" exec bench-intro-head --user alice -- sh -l -c 'grid-proxy-init -pwstdin' >/dev/null
array=$("$vgrid" exec bench-intro-head --user alice -- sh -l -c '
  for i in $(seq 90); do [ "$(gwhost -n | grep -c worker)" -ge 2 ] && ! gwhost -n | grep -q " 0/0/0 " && break; sleep 1; done
  cd ~ && printf "EXECUTABLE = /bin/true\n" > bench.jt
  start=$(cut -d" " -f1 /proc/uptime)   # busybox date has no %N
  ids=$(gwsubmit -v -n 100 bench.jt | awk "NF == 2 && \$1 ~ /^[0-9]+\$/ { print \$2 }")
  gwwait -t 600 $ids >/dev/null || exit 1
  awk -v a="$start" -v b="$(cut -d" " -f1 /proc/uptime)" "BEGIN { printf \"%.1f\n\", b - a }"' | tail -n 1)

# vgrid reset of one node (issue: students' side): a fresh disk, booted again, until its
# guest agent answers; the headnode (gwd, gsiftpd) and a workernode.
t0=$(now); "$vgrid" reset bench-intro head -q >/dev/null; t1=$(now)
reset_head=$(elapsed "$t0" "$t1")
t0=$(now); "$vgrid" reset bench-intro worker1 -q >/dev/null; t1=$(now)
reset_worker=$(elapsed "$t0" "$t1")

t0=$(now); "$vgrid" down "$work/intro.yaml" -q >/dev/null; t1=$(now)
down=$(elapsed "$t0" "$t1")

t0=$(now); "$vgrid" up "$work/course.yaml" -q >/dev/null; t1=$(now)
course=$(elapsed "$t0" "$t1")
"$vgrid" down "$work/course.yaml" -q >/dev/null

accel=$(cat /var/lib/vgrid/accelerator.json 2>/dev/null | sed -n 's/.*"accelerator":"\([a-z]*\)".*/\1/p')
echo "lab bench (accelerator: ${accel:-?}, $(nproc) cores)"
printf '  intro up -> all 3 nodes ready : %6s s   (goal <= 15 s)  %s\n' "$up" "$(verdict "$up" 15)"
printf '  intro down                    : %6s s   (goal <= 5 s)   %s\n' "$down" "$(verdict "$down" 5)"
printf '  QEMU RSS per tiny node        : %6s MB  max, %s MB mean over %s nodes (goal <= 200 MB)  %s\n' \
  "$((rss_max / 1024))" "$((n ? rss_sum / n / 1024 : 0))" "$n" "$(verdict $((rss_max / 1024)) 200)"
printf '  100-task array in the lab     : %6s s   (goal <= 60 s)  %s\n' "$array" "$(verdict "$array" 60)"
printf '  reset headnode -> ready       : %6s s   (goal <= 10 s)  %s\n' "$reset_head" "$(verdict "$reset_head" 10)"
printf '  reset workernode -> ready     : %6s s   (goal <= 10 s)  %s\n' "$reset_worker" "$(verdict "$reset_worker" 10)"
printf '  course (9 guests) ready       : %6s s   (goal <= 45 s)  %s\n' "$course" "$(verdict "$course" 45)"
