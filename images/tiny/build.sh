#!/usr/bin/env bash
# Build the vgrid "tiny" guest image from Debian packages only.
#
#   images/tiny/build.sh OUTDIR
#
# Produces OUTDIR/{vmlinuz,initrd.img,rootfs.qcow2,image.json}; downloaded
# .debs are cached in OUTDIR/cache. Idempotent: when nothing that goes into
# the image changed, it says so and exits without rebuilding (FORCE=1 to
# rebuild anyway).
#
# Environment:
#   VGRID_GUEST_BIN_DIR   optional directory; its files are copied into
#                         /opt/vgrid/bin in the image (plus their shared
#                         libraries, via ldd, when dynamically linked)
#   VGRID_TINY_MODULES    kernel modules to put in the initramfs (their
#                         dependencies are added); default below
#   VGRID_TINY_ROOTFS_MIB virtual size of the root filesystem (default 1024)
#   FORCE=1               rebuild even if up to date
#
# Needs root (apt-get, chown'd files for mkfs.ext4 -d, ldconfig -r).
# No loop mounts, no network other than Debian's apt repositories.
set -Eeuo pipefail

PROG="images/tiny/build.sh"
die()  { echo "$PROG: error: $*" >&2; exit 1; }
trap 'echo "$PROG: error: command failed (exit $?, line $LINENO): $BASH_COMMAND" >&2' ERR
info() { echo "$PROG: $*" >&2; }

[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || die "must run as root (apt-get, file ownership for mkfs.ext4 -d, ldconfig -r)"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$1" || die "cannot create output directory $1"
OUT="$(cd "$1" && pwd)"
CACHE="$OUT/cache"
WORK="$OUT/.work"
mkdir -p "$CACHE"

# Serialise concurrent builds into the same OUTDIR (make -j).
exec 9>"$OUT/.lock"
flock 9 || die "cannot lock $OUT/.lock"

T0=$(date +%s.%N)

# ---------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------
KERNEL_META=linux-image-cloud-amd64
# Modules the guest needs from the Debian cloud kernel (everything virtio is
# =m there; ext4, crc32c, devtmpfs, 8250 serial, unix sockets are built in):
#   virtio_pci      virtio transport (pulls virtio, virtio_ring, *_dev)
#   virtio_blk      /dev/vda (root) and /dev/vdb (seed)
#   virtio_net      lab NICs (pulls failover, net_failover)
#   virtio_console  virtio-serial port of the guest agent
#   isofs           the ISO9660 seed (pulls cdrom)
#   button, evdev   ACPI power button -> busybox acpid -> poweroff
#   virtio_balloon  free page reporting: with a balloon device that has
#                   free-page-reporting=on (libvirt: <memballoon model='virtio'
#                   freePageReporting='on'/>) the host gets free guest pages
#                   back (about -20 MB of QEMU RSS for a 96 MiB guest)
#   virtio_rng      entropy from a virtio-rng device, if the domain has one
MODULES="${VGRID_TINY_MODULES:-virtio_pci virtio_blk virtio_net virtio_console isofs button evdev virtio_balloon virtio_rng}"
ROOTFS_MIB="${VGRID_TINY_ROOTFS_MIB:-1024}"
case "$ROOTFS_MIB" in ''|*[!0-9]*) die "VGRID_TINY_ROOTFS_MIB must be a number of MiB" ;; esac
# nokaslr: the kernel stays where it was loaded, so its decompressor does not relocate it;
# about a second of CPU per boot under TCG, and a throwaway lab node gains nothing from KASLR.
CMDLINE="console=ttyS0,115200 root=/dev/vda rw rootfstype=ext4 quiet nokaslr"
# Smallest guest memory the image was verified to boot and serve the agent
# with (test-boot.sh with VGRID_TEST_MEM_MIB=...; see README.md).
MIN_MEMORY_MIB=80
# Fixed timestamp for reproducible initrd/rootfs contents.
EPOCH="${SOURCE_DATE_EPOCH:-1700000000}"
QGA=/usr/sbin/qemu-ga
# SSH server for the lab's users (public-key logins only; see SEED.md "vgrid/services").
DROPBEAR=/usr/sbin/dropbear
APT_OPTS=(-o APT::Sandbox::User=root -o Dpkg::Use-Pty=0)

# ---------------------------------------------------------------------------
# Host tools
# ---------------------------------------------------------------------------
APT_UPDATED=0
apt_update_once() {
    if [ "$APT_UPDATED" -eq 0 ]; then
        info "apt-get update"
        apt-get "${APT_OPTS[@]}" update -qq >&2 || die "apt-get update failed"
        APT_UPDATED=1
    fi
}
apt_install() {
    info "installing host packages: $*"
    if ! DEBIAN_FRONTEND=noninteractive apt-get "${APT_OPTS[@]}" install -y -qq "$@" >&2; then
        apt_update_once
        DEBIAN_FRONTEND=noninteractive apt-get "${APT_OPTS[@]}" install -y -qq "$@" >&2 \
            || die "apt-get install $* failed"
    fi
}
missing=()
need() { [ -e "$1" ] || command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need "$QGA"       qemu-guest-agent
need "$DROPBEAR"  dropbear-bin
need qemu-img     qemu-utils
need mkfs.ext4    e2fsprogs
need modinfo      kmod
need cpio         cpio
need gzip         gzip
need ldd          libc-bin
need ldconfig     libc-bin
need dpkg-deb     dpkg
need genisoimage  genisoimage
need flock        util-linux
if [ ${#missing[@]} -gt 0 ]; then
    # shellcheck disable=SC2207
    missing=($(printf '%s\n' "${missing[@]}" | sort -u))
    apt_install "${missing[@]}"
fi
[ -x "$QGA" ] || die "$QGA missing after installing qemu-guest-agent"
[ -x "$DROPBEAR" ] || die "$DROPBEAR missing after installing dropbear-bin"

# ---------------------------------------------------------------------------
# Debian packages: kernel image (behind the linux-image-cloud-amd64
# metapackage) and busybox-static, cached in OUTDIR/cache.
# ---------------------------------------------------------------------------
deb_field() { dpkg-deb -f "$1" "$2"; }

# Newest cached .deb for a package (by dpkg version order).
cached_deb() {
    local pkg="$1" best="" bestv="" f v
    for f in "$CACHE"/"${pkg}"_*.deb; do
        [ -f "$f" ] || continue
        [ "$(deb_field "$f" Package 2>/dev/null)" = "$pkg" ] || continue
        v="$(deb_field "$f" Version)"
        if [ -z "$best" ] || dpkg --compare-versions "$v" gt "$bestv"; then best="$f"; bestv="$v"; fi
    done
    [ -n "$best" ] && echo "$best"
}

candidate_version() {
    apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print $2 }' | grep -v '(none)' || true
}

# fetch_deb PKG -> path of the .deb for the candidate version (downloads if
# not cached; falls back to the newest cached one when apt cannot tell).
fetch_deb() {
    local pkg="$1" ver f
    ver="$(candidate_version "$pkg")"
    if [ -z "$ver" ]; then
        apt_update_once
        ver="$(candidate_version "$pkg")"
    fi
    if [ -n "$ver" ]; then
        for f in "$CACHE"/"${pkg}"_*.deb; do
            [ -f "$f" ] || continue
            if [ "$(deb_field "$f" Package)" = "$pkg" ] && [ "$(deb_field "$f" Version)" = "$ver" ]; then
                echo "$f"; return 0
            fi
        done
        info "downloading $pkg $ver"
        if (cd "$CACHE" && apt-get "${APT_OPTS[@]}" download -qq "$pkg=$ver" >&2); then
            f="$(cached_deb "$pkg")" && { echo "$f"; return 0; }
        fi
        info "warning: download of $pkg $ver failed"
    fi
    f="$(cached_deb "$pkg")" || die "cannot get package $pkg (apt has no candidate and nothing is cached in $CACHE)"
    info "warning: using cached $(basename "$f")"
    echo "$f"
}

kernel_pkg() {
    local p
    p="$(apt-cache depends "$KERNEL_META" 2>/dev/null | awk '/Depends: linux-image-/ { print $2; exit }')"
    if [ -z "$p" ]; then
        apt_update_once
        p="$(apt-cache depends "$KERNEL_META" 2>/dev/null | awk '/Depends: linux-image-/ { print $2; exit }')"
    fi
    if [ -z "$p" ]; then
        # offline: newest cached kernel image
        local f
        f="$(ls -1 "$CACHE"/linux-image-*-cloud-amd64_*.deb 2>/dev/null | sort -V | tail -n1)"
        [ -n "$f" ] || die "cannot resolve $KERNEL_META (apt-cache depends failed, no cached kernel)"
        p="$(deb_field "$f" Package)"
    fi
    echo "$p"
}

KPKG="$(kernel_pkg)"
KDEB="$(fetch_deb "$KPKG")"
BDEB="$(fetch_deb busybox-static)"
info "kernel:  $(basename "$KDEB")"
info "busybox: $(basename "$BDEB")"

# ---------------------------------------------------------------------------
# Up to date?
# ---------------------------------------------------------------------------
guest_bins=()
if [ -n "${VGRID_GUEST_BIN_DIR:-}" ]; then
    [ -d "$VGRID_GUEST_BIN_DIR" ] || die "VGRID_GUEST_BIN_DIR=$VGRID_GUEST_BIN_DIR is not a directory"
    while IFS= read -r -d '' f; do guest_bins+=("$f"); done \
        < <(find "$VGRID_GUEST_BIN_DIR" -maxdepth 1 \( -type f -o -type l \) -print0 | sort -z)
fi

input_key() {
    {
        echo "modules=$MODULES rootfs_mib=$ROOTFS_MIB cmdline=$CMDLINE epoch=$EPOCH minmem=$MIN_MEMORY_MIB"
        sha256sum "$HERE/build.sh" "$KDEB" "$BDEB" "$QGA" "$DROPBEAR"
        ldd "$QGA" | awk '/=> \// { print $3 } /^[ \t]*\// { print $1 }' | xargs -r readlink -f | xargs -r sha256sum
        ldd "$DROPBEAR" | awk '/=> \// { print $3 } /^[ \t]*\// { print $1 }' | xargs -r readlink -f | xargs -r sha256sum
        (cd "$HERE" && find initramfs rootfs -printf '%p %m %y %l\n' | LC_ALL=C sort)
        (cd "$HERE" && find initramfs rootfs -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
        if [ ${#guest_bins[@]} -gt 0 ]; then
            for f in "${guest_bins[@]}"; do [ -L "$f" ] && echo "link ${f##*/} -> $(readlink "$f")"; done
            sha256sum "${guest_bins[@]}"
            for f in "${guest_bins[@]}"; do
                if ldd "$f" >/dev/null 2>&1; then
                    ldd "$f" | awk '/=> \// { print $3 } /^[ \t]*\// { print $1 }' | xargs -r readlink -f | xargs -r sha256sum
                fi
            done
        fi
    } | sha256sum | cut -d' ' -f1
}
KEY="$(input_key)"
if [ "${FORCE:-0}" != 1 ] && [ -f "$OUT/.inputs" ] && [ "$(cat "$OUT/.inputs")" = "$KEY" ] \
   && [ -s "$OUT/vmlinuz" ] && [ -s "$OUT/initrd.img" ] && [ -s "$OUT/rootfs.qcow2" ] && [ -s "$OUT/image.json" ]; then
    info "up to date: $OUT (FORCE=1 to rebuild)"
    exit 0
fi

rm -rf "$WORK"
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT

# ---------------------------------------------------------------------------
# Unpack
# ---------------------------------------------------------------------------
info "unpacking packages"
mkdir -p "$WORK/kernel" "$WORK/busybox"
dpkg-deb -x "$KDEB" "$WORK/kernel"
dpkg-deb -x "$BDEB" "$WORK/busybox"
BB="$WORK/busybox/bin/busybox"
[ -x "$BB" ] || die "busybox-static package has no bin/busybox"
KVMLINUZ="$(ls -1 "$WORK"/kernel/boot/vmlinuz-* 2>/dev/null | head -n1)"
[ -n "$KVMLINUZ" ] || die "$KPKG has no boot/vmlinuz-*"
KREL="${KVMLINUZ##*/vmlinuz-}"
KMODDIR="$WORK/kernel/lib/modules/$KREL"
[ -d "$KMODDIR" ] || KMODDIR="$WORK/kernel/usr/lib/modules/$KREL"
[ -d "$KMODDIR" ] || die "$KPKG has no lib/modules/$KREL"
info "kernel release $KREL"

# ---------------------------------------------------------------------------
# Kernel modules: resolve dependencies with modinfo -F depends (the package
# has no modules.dep; depmod runs at install time), order them dependencies
# first.
# ---------------------------------------------------------------------------
declare -A MODPATH=()
while IFS= read -r -d '' f; do
    n="${f##*/}"; n="${n%%.ko*}"; n="${n//-/_}"
    MODPATH[$n]="$f"
done < <(find "$KMODDIR" -name '*.ko*' -print0)
[ ${#MODPATH[@]} -gt 0 ] || die "no kernel modules found in $KMODDIR"
builtin_mod() {
    grep -qE "(^|/)$1\.ko$" "$KMODDIR/modules.builtin" 2>/dev/null \
        || grep -qE "(^|/)${1//_/-}\.ko$" "$KMODDIR/modules.builtin" 2>/dev/null
}

declare -A SEEN=()
ORDER=()
BUILTIN=()
visit() {
    local m="${1//-/_}" d deps
    [ -n "${SEEN[$m]:-}" ] && return 0
    SEEN[$m]=1
    if [ -z "${MODPATH[$m]:-}" ]; then
        builtin_mod "$m" && { BUILTIN+=("$m"); return 0; }
        die "kernel module $m not found in $KPKG (neither module nor built-in)"
    fi
    deps="$(modinfo -F depends "${MODPATH[$m]}")"
    for d in ${deps//,/ }; do visit "$d"; done
    ORDER+=("$m")
}
for m in $MODULES; do visit "$m"; done
info "initramfs modules (load order): ${ORDER[*]}"
[ ${#BUILTIN[@]} -eq 0 ] || info "built into the kernel (not loaded): ${BUILTIN[*]}"

# ---------------------------------------------------------------------------
# vmlinuz + initrd.img
# ---------------------------------------------------------------------------
info "building initrd.img"
IR="$WORK/initramfs"
mkdir -p "$IR"/{bin,dev,proc,sys,run,tmp,newroot,etc,lib/modules}
cp "$BB" "$IR/bin/busybox"
ln -s busybox "$IR/bin/sh"
install -m 0755 "$HERE/initramfs/init" "$IR/init"
: >"$IR/etc/modules.order"
for m in "${ORDER[@]}"; do
    f="${MODPATH[$m]}"
    case "$f" in
        *.ko)     cp "$f" "$IR/lib/modules/$m.ko" ;;
        *.ko.xz)  xz -dc "$f" >"$IR/lib/modules/$m.ko" ;;
        *.ko.zst) zstd -qdc "$f" >"$IR/lib/modules/$m.ko" ;;
        *.ko.gz)  gzip -dc "$f" >"$IR/lib/modules/$m.ko" ;;
        *) die "unsupported module file $f" ;;
    esac
    echo "$m" >>"$IR/etc/modules.order"
done
# console device for the kernel to open before devtmpfs is mounted
mknod -m 0600 "$IR/dev/console" c 5 1
find "$IR" -exec touch -h -d "@$EPOCH" {} +
(cd "$IR" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0 --reproducible) \
    | gzip -9 -n >"$WORK/initrd.img"
cp "$KVMLINUZ" "$WORK/vmlinuz"

# ---------------------------------------------------------------------------
# Root filesystem tree
# ---------------------------------------------------------------------------
info "building root filesystem tree"
R="$WORK/root"
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,usr/local/sbin,lib/x86_64-linux-gnu,lib64}
mkdir -p "$R"/{dev,proc,sys,run,tmp,root,home,mnt,opt/vgrid/bin,etc/vgrid,var/log/vgrid,var/lib/vgrid,var/tmp}
ln -s ../run "$R/var/run"
cp "$BB" "$R/bin/busybox"
chmod 0755 "$R/bin/busybox"
# applet links (absolute targets: correct from any directory)
"$BB" --list-full | while IFS= read -r p; do
    case "$p" in */*) ;; *) continue ;; esac
    [ -e "$R/$p" ] || [ -L "$R/$p" ] || ln -s /bin/busybox "$R/$p"
done
# our files (init scripts, vgrid-boot, vgrid-service, /etc/...) override applets
cp -a --remove-destination "$HERE/rootfs/." "$R/"

copy_libs() { # copy the shared libraries (and the loader) a dynamic ELF needs
    local bin="$1" lib real
    ldd "$bin" >/dev/null 2>&1 || return 0   # static, or not an ELF executable
    if ldd "$bin" | grep -q 'not found'; then
        die "$bin needs libraries the host does not have: $(ldd "$bin" | grep 'not found' | tr -s '\t\n' '  ')"
    fi
    while IFS= read -r lib; do
        [ -e "$R$lib" ] && continue
        real="$(readlink -f "$lib")" || die "cannot resolve $lib (needed by $bin)"
        mkdir -p "$R$(dirname "$lib")"
        cp -L "$real" "$R$lib"
    done < <(ldd "$bin" | awk '/=> \// { print $3 } /^[ \t]*\// { print $1 }')
}

# QEMU guest agent from Debian, with every library it needs. No
# /etc/qemu/qemu-ga.conf is installed, so no RPC is blocked (guest-exec and
# guest-exec-status included).
install -m 0755 "$QGA" "$R/usr/sbin/qemu-ga"
copy_libs "$QGA"
[ ! -e "$R/etc/qemu/qemu-ga.conf" ] || die "rootfs must not contain /etc/qemu/qemu-ga.conf"

# Dropbear SSH server from Debian (dropbear-bin), with its libraries. No host key in the
# image: each node's key comes from its seed (/etc/dropbear/dropbear_ed25519_host_key,
# generated on the host by vgrid up), so it stays the same when a node gets a fresh disk.
install -m 0755 "$DROPBEAR" "$R/usr/sbin/dropbear"
copy_libs "$DROPBEAR"
mkdir -p "$R/etc/dropbear"

# Project guest binaries.
if [ ${#guest_bins[@]} -gt 0 ]; then
    for f in "${guest_bins[@]}"; do
        # A relative link (a multi-call binary's command names) stays a link.
        if [ -L "$f" ] && [ "$(readlink "$f")" = "$(basename "$(readlink "$f")")" ]; then
            ln -sfn "$(readlink "$f")" "$R/opt/vgrid/bin/${f##*/}"
            continue
        fi
        cp -L "$f" "$R/opt/vgrid/bin/"
        chmod a+rx,go-w "$R/opt/vgrid/bin/${f##*/}"
        copy_libs "$f"
        info "guest binary: ${f##*/}"
    done
fi

printf '/lib/x86_64-linux-gnu\n/usr/lib/x86_64-linux-gnu\n/usr/local/lib\n' >"$R/etc/ld.so.conf"
ldconfig -r "$R" || die "ldconfig -r failed"

# permissions (git does not keep them all)
chmod 0755 "$R"/usr/sbin/vgrid-* "$R"/etc/init.d/* "$R/sbin/shutdown" "$R/etc/acpi/PWRF/00000080" \
    "$R/usr/share/udhcpc/default.script"
chmod 0644 "$R"/etc/{passwd,group,hosts,hostname,profile,motd,securetty,nsswitch.conf,shells,inittab,ld.so.conf}
chmod 0600 "$R/etc/shadow"
chmod 0700 "$R/root"
chmod 0755 "$R/etc/dropbear"
chmod 1777 "$R/tmp" "$R/var/tmp"
chown -R 0:0 "$R"

# Smoke test on the host: the agent and the shell run from the tree.
chroot "$R" /usr/sbin/qemu-ga -V >/dev/null 2>&1 || die "qemu-ga does not run inside the rootfs tree (missing libraries?)"
chroot "$R" /usr/sbin/dropbear -V >/dev/null 2>&1 || die "dropbear does not run inside the rootfs tree (missing libraries?)"
chroot "$R" /bin/sh -c 'true' || die "busybox sh does not run inside the rootfs tree"
for f in "${guest_bins[@]}"; do
    if ldd "$f" >/dev/null 2>&1; then
        # resolve (without running it) with the image's own loader
        chroot "$R" /lib64/ld-linux-x86-64.so.2 --list "/opt/vgrid/bin/${f##*/}" 2>&1 | grep -q 'not found' \
            && die "guest binary ${f##*/}: libraries unresolved inside the image"
    fi
done

find "$R" -exec touch -h -d "@$EPOCH" {} +
ROOT_KIB="$(du -sk "$R" | cut -f1)"

# ---------------------------------------------------------------------------
# Version: hash of what is inside (kernel, initrd, rootfs tree)
# ---------------------------------------------------------------------------
VERSION="$(
    {
        sha256sum "$WORK/vmlinuz" "$WORK/initrd.img" | cut -d' ' -f1
        (cd "$R" && find . -printf '%p %m %U:%G %y %l\n' | LC_ALL=C sort)
        (cd "$R" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
        echo "$CMDLINE $ROOTFS_MIB"
    } | sha256sum | cut -c1-16
)"
FSUUID="$(echo "$VERSION" | sha256sum | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\1-\2-\3-\4-\5/')"

# ---------------------------------------------------------------------------
# ext4 image (mkfs.ext4 -d, no loop mount) -> compressed qcow2
# ---------------------------------------------------------------------------
info "building rootfs.qcow2 (ext4, ${ROOTFS_MIB} MiB virtual)"
# lazy_*_init=0: zero the inode tables/journal here (qemu-img drops the zero
# clusters) so the guest's ext4lazyinit thread has nothing to write at boot.
truncate -s "${ROOTFS_MIB}M" "$WORK/rootfs.raw"
E2FSPROGS_FAKE_TIME="$EPOCH" mkfs.ext4 -q -F -t ext4 -L vgrid-root -U "$FSUUID" \
    -E "lazy_itable_init=0,lazy_journal_init=0,root_owner=0:0,hash_seed=$FSUUID" \
    -d "$R" "$WORK/rootfs.raw" >&2 || die "mkfs.ext4 -d failed"
qemu-img convert -c -O qcow2 "$WORK/rootfs.raw" "$WORK/rootfs.qcow2" || die "qemu-img convert failed"
VSIZE="$(qemu-img info --output=json "$WORK/rootfs.qcow2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["virtual-size"])' 2>/dev/null \
         || echo $((ROOTFS_MIB * 1024 * 1024)))"

cat >"$WORK/image.json" <<EOF
{
  "name": "tiny",
  "version": "$VERSION",
  "kernel": "vmlinuz",
  "initrd": "initrd.img",
  "rootfs": "rootfs.qcow2",
  "cmdline": "$CMDLINE",
  "minMemoryMiB": $MIN_MEMORY_MIB,
  "rootfsVirtualSizeBytes": $VSIZE,
  "kernelRelease": "$KREL",
  "seedLabel": "cidata",
  "agentPort": "org.qemu.guest_agent.0"
}
EOF

# Install the outputs (image.json last: it marks a complete build).
rm -f "$OUT/image.json" "$OUT/.inputs"
mv -f "$WORK/vmlinuz" "$OUT/vmlinuz"
mv -f "$WORK/initrd.img" "$OUT/initrd.img"
mv -f "$WORK/rootfs.qcow2" "$OUT/rootfs.qcow2"
mv -f "$WORK/image.json" "$OUT/image.json"
echo "$KEY" >"$OUT/.inputs"

T1=$(date +%s.%N)
sz() { stat -c %s "$1"; }
total=$(( $(sz "$OUT/vmlinuz") + $(sz "$OUT/initrd.img") + $(sz "$OUT/rootfs.qcow2") ))
info "done in $(echo "$T0 $T1" | awk '{ printf "%.1f", $2 - $1 }')s: version $VERSION"
info "  vmlinuz      $(sz "$OUT/vmlinuz") bytes"
info "  initrd.img   $(sz "$OUT/initrd.img") bytes"
info "  rootfs.qcow2 $(sz "$OUT/rootfs.qcow2") bytes (virtual $VSIZE; files ${ROOT_KIB} KiB)"
info "  total        $total bytes"
