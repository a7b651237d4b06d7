#!/usr/bin/env bash
# Installs the Debian packages vgrid needs on a fresh Debian 12 host (run as root).
set -euo pipefail
packages=(
  libvirt-daemon-system libvirt-clients libvirt-dev libxml2-dev libxml2-utils libyaml-dev
  qemu-system-x86 qemu-utils qemu-guest-agent genisoimage busybox-static e2fsprogs cpio
  openssl iproute2 python3 zstd kmod libsqlite3-dev openssh-client dropbear-bin tini
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "vgrid: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Optional extra packages named on the command line (e.g. the Globus tools for tests).
if (($#)); then
  extra=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || extra+=("$p")
  done
  if ((${#extra[@]})); then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${extra[@]}" >/dev/null
  fi
fi
command -v swift >/dev/null || { echo "vgrid: the Swift 6.3 toolchain is not on PATH (see README)" >&2; exit 1; }
