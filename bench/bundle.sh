#!/usr/bin/env bash
# Lab bundle numbers (issue 6): size of the tiny-image intro bundle (goal <= 40 MB), and the
# time of `vgrid export` and `vgrid import` (goal <= 10 s each). Needs the image (make images);
# no libvirt (the bundle carries no disks).
set -euo pipefail
cd "$(dirname "$0")/.."
vgrid=${VGRID_BIN:-.build/debug/vgrid}
export VGRID_IMAGE_DIR=${VGRID_IMAGE_DIR:-$PWD/images/build}
work=$(mktemp -d)
images=/var/lib/vgrid/images/tiny
had_image=$([ -e "$images" ] && echo yes || echo no)
cleanup() {
  rm -rf "$work"
  [ "$had_image" = no ] && rm -rf "$images"
  return 0
}
trap cleanup EXIT
mkdir "$work/labs"
sed 's/^lab: .*/lab: bench-bundle/' labs/intro.yaml > "$work/labs/intro.yaml"
[ -d course-material ] && cp -r course-material "$work/course-material"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
verdict() { awk -v v="$1" -v max="$2" 'BEGIN { print (v <= max) ? "ok" : "OVER" }'; }

t0=$(now); "$vgrid" export "$work/labs/intro.yaml" -o "$work/intro.vgrid" -q 2>/dev/null >/dev/null; t1=$(now)
export_s=$(elapsed "$t0" "$t1")
size_mb=$(awk -v b="$(stat -c %s "$work/intro.vgrid")" 'BEGIN { printf "%.1f", b / 1000000 }')
# Importing where the image is not installed yet: the whole job (check, rebuild, place).
[ "$had_image" = yes ] && mv "$images" "$work/image.saved"
t0=$(now); "$vgrid" import "$work/intro.vgrid" --dir "$work/imported" -q >/dev/null; t1=$(now)
import_s=$(elapsed "$t0" "$t1")
[ "$had_image" = yes ] && { rm -rf "$images"; mv "$work/image.saved" "$images"; }

printf 'intro bundle size           %6s MB  (goal <= 40)  %s\n' "$size_mb" "$(verdict "$size_mb" 40)"
printf 'vgrid export                %6s s   (goal <= 10)  %s\n' "$export_s" "$(verdict "$export_s" 10)"
printf 'vgrid import                %6s s   (goal <= 10)  %s\n' "$import_s" "$(verdict "$import_s" 10)"
