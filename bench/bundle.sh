#!/usr/bin/env bash
# Lab bundle numbers (issue 6): size of the tiny-image intro bundle (goal <= 40 MB), and the
# time of `vgrid export` and `vgrid import` (goal <= 10 s each). Needs the image (make images);
# no libvirt (the bundle carries no disks).
#
# Runs with a state directory of its own (VGRID_STATE_DIR), so the host's labs, images and
# bundle cache are neither used nor touched: the first export compresses the image's members
# into the empty cache (once per image version: "cold", informational), the second copies them
# from it (every later export: "warm", the goal), and the import installs the image.
set -euo pipefail
cd "$(dirname "$0")/.."
vgrid=${VGRID_BIN:-.build/debug/vgrid}
export VGRID_IMAGE_DIR=${VGRID_IMAGE_DIR:-$PWD/images/build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export VGRID_STATE_DIR=$work/state
mkdir "$work/labs" "$VGRID_STATE_DIR"
sed 's/^lab: .*/lab: bench-bundle/' labs/intro.yaml > "$work/labs/intro.yaml"
[ -d course-material ] && cp -r course-material "$work/course-material"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
verdict() { awk -v v="$1" -v max="$2" 'BEGIN { print (v <= max) ? "ok" : "OVER" }'; }
megabytes() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1000000 }'; }

t0=$(now); "$vgrid" export "$work/labs/intro.yaml" -o "$work/cold.vgrid" -q 2>/dev/null >/dev/null; t1=$(now)
cold_s=$(elapsed "$t0" "$t1")
t0=$(now); "$vgrid" export "$work/labs/intro.yaml" -o "$work/intro.vgrid" -q 2>/dev/null >/dev/null; t1=$(now)
export_s=$(elapsed "$t0" "$t1")
size_mb=$(megabytes "$work/intro.vgrid")
cold_mb=$(megabytes "$work/cold.vgrid")
# Importing where the image is not installed yet: the whole job (check, rebuild, place).
t0=$(now); "$vgrid" import "$work/intro.vgrid" --dir "$work/imported" -q >/dev/null; t1=$(now)
import_s=$(elapsed "$t0" "$t1")

printf 'intro bundle size           %6s MB  (goal <= 40)  %s\n' "$size_mb" "$(verdict "$size_mb" 40)"
printf 'vgrid export, cold cache    %6s s   (first export of an image version: compresses it once; %s MB)\n' "$cold_s" "$cold_mb"
printf 'vgrid export                %6s s   (goal <= 10)  %s\n' "$export_s" "$(verdict "$export_s" 10)"
printf 'vgrid import                %6s s   (goal <= 10)  %s\n' "$import_s" "$(verdict "$import_s" 10)"
