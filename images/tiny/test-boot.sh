#!/usr/bin/env bash
# Boot the tiny image under QEMU (TCG) with a sample seed and check the seed
# contract (images/tiny/SEED.md) through the QEMU guest agent.
#
#   images/tiny/test-boot.sh OUTDIR        (OUTDIR as given to build.sh)
#
# Four boots:
#   1. "seed": full seed + two NICs: hostname, users, files, hosts, interface
#      addresses by MAC, default route, services, vgrid-service, guest-exec;
#      then guest-shutdown must power the VM off.
#  1b. "reboot": the same disk booted again: nothing duplicated, all applied.
#   2. "noseed": no seed disk: must still boot, warn on the console and
#      answer the agent.
#   3. "badseed": a seed with mistakes (NIC whose MAC is absent, file missing
#      from vgrid/files, bad user line, service that cannot start) and a
#      "dhcp" interface: warnings, the rest applied, node still ready.
# Prints boot-to-ready time and QEMU's RSS. Exits non-zero on any failure.
#
# Network safety: QEMU gets -nic none; the one NIC of boot 1 is a
# "-netdev socket,udp=127.0.0.1:P1,localaddr=127.0.0.1:P2" backend that only
# ever sends UDP to an unused loopback port.
#
# Environment: VGRID_TEST_MEM_MIB (default 96), VGRID_TEST_BALLOON=0 (no
# free-page-reporting balloon), VGRID_TEST_KEEP=1 keeps the
# temp directory, VGRID_TEST_ONLY="seed reboot noseed badseed" picks boots.
set -euo pipefail

PROG="images/tiny/test-boot.sh"
die() { echo "$PROG: error: $*" >&2; exit 1; }
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ -d "$1" ] || die "no such directory $1 (build it with images/tiny/build.sh $1)"
OUT="$(cd "$1" && pwd)"
[ -s "$OUT/image.json" ] || die "$OUT/image.json missing: run images/tiny/build.sh $1 first"
KERNEL="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["kernel"])' "$OUT/image.json")"
for f in "$KERNEL" initrd.img rootfs.qcow2; do
    [ -s "$OUT/$f" ] || die "$OUT/$f missing: run images/tiny/build.sh $1 first"
done
for c in qemu-system-x86_64 qemu-img genisoimage python3 dropbearkey; do
    command -v "$c" >/dev/null || die "$c not found (apt-get install qemu-system-x86 qemu-utils genisoimage python3 dropbear-bin)"
done

MEM="${VGRID_TEST_MEM_MIB:-96}"
# virtio balloon with free page reporting, as vgrid's domains have it
# (<memballoon model='virtio' freePageReporting='on'/>); VGRID_TEST_BALLOON=0
# leaves it out (QEMU RSS is then about 20 MB higher).
# shellcheck disable=SC2054
BALLOON=(-device virtio-balloon-pci,free-page-reporting=on)
[ "${VGRID_TEST_BALLOON:-1}" = 1 ] || BALLOON=()
CMDLINE="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["cmdline"])' "$OUT/image.json")"
T="$(mktemp -d /tmp/vgrid-tiny-test.XXXXXX)"
QPID=""
cleanup() {
    if [ -n "$QPID" ] && kill -0 "$QPID" 2>/dev/null; then kill "$QPID" 2>/dev/null || true; sleep 0.5; kill -9 "$QPID" 2>/dev/null || true; fi
    if [ "${VGRID_TEST_KEEP:-0}" = 1 ]; then echo "$PROG: kept $T" >&2; else rm -rf "$T"; fi
}
trap cleanup EXIT

# ---------------------------------------------------------------------------
# Sample seed (what the host side will generate)
# ---------------------------------------------------------------------------
S="$T/seed"
mkdir -p "$S/vgrid/files/etc/grid" "$S/vgrid/files/srv/www" "$S/vgrid/files/opt/grid/bin"
cat >"$S/meta-data" <<'EOF'
instance-id: intro-head-0001
local-hostname: head
EOF
cat >"$S/user-data" <<'EOF'
#cloud-config
# informational only: the vgrid tiny image applies vgrid/ instead
EOF
cat >"$S/network-config" <<'EOF'
version: 2
ethernets:
  internal:
    match: {macaddress: "52:54:00:12:34:56"}
    addresses: [10.1.2.3/24]
EOF
cat >"$S/vgrid/node.env" <<'EOF'
VGRID_LAB=intro
VGRID_INSTANCE=intro
VGRID_NODE=head
VGRID_ROLE=headnode
VGRID_IFACES='external internal'
VGRID_IF_external_MAC=52:54:00:AB:CD:EF
VGRID_IF_external_ADDR=192.168.77.10/24
VGRID_IF_internal_MAC=52:54:00:12:34:56
VGRID_IF_internal_ADDR=10.1.2.3/24
VGRID_GATEWAY=192.168.77.1
EOF
cat >"$S/vgrid/hosts" <<'EOF'
127.0.0.1	localhost
10.1.2.3	head
10.1.2.11	worker1
10.1.2.12	worker2
EOF
cat >"$S/vgrid/users" <<'EOF'
# name:uid:gid:home:shell
alice:1001:1001:/home/alice:/bin/sh
gridsvc:990:990:/var/lib/gridsvc:/bin/bash
EOF
cat >"$S/vgrid/files.list" <<'EOF'
# MODE OWNER:GROUP /dest
0640 alice:alice /etc/grid/alice.conf
0755 root:root /opt/grid/bin/hello.sh
0644 gridsvc:gridsvc /srv/www/index.html
0600 alice:alice /home/alice/.grid/token
0700 alice:alice /home/alice/.ssh/
0600 alice:alice /home/alice/.ssh/authorized_keys
0600 root:root /etc/dropbear/dropbear_ed25519_host_key
EOF
mkdir -p "$S/vgrid/files/home/alice/.grid" "$S/vgrid/files/home/alice/.ssh" "$S/vgrid/files/etc/dropbear"
printf 'secret\n' >"$S/vgrid/files/home/alice/.grid/token"
dropbearkey -t ed25519 -f "$S/vgrid/files/etc/dropbear/dropbear_ed25519_host_key" >/dev/null 2>&1 \
    || die "dropbearkey cannot make a host key"
printf 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAbcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS alice@test\n' \
    >"$S/vgrid/files/home/alice/.ssh/authorized_keys"
printf 'queue=default\nowner=alice\n' >"$S/vgrid/files/etc/grid/alice.conf"
printf '#!/bin/sh\necho "hello from $(hostname)"\n' >"$S/vgrid/files/opt/grid/bin/hello.sh"
printf 'vgrid tiny web service\n' >"$S/vgrid/files/srv/www/index.html"
cat >"$S/vgrid/services" <<'EOF'
web httpd -f -p 127.0.0.1:8080 -h /srv/www
ticker sh -c 'while :; do date; sleep 5; done'
sshd dropbear -F -E -s -w -r /etc/dropbear/dropbear_ed25519_host_key -p 22
EOF
genisoimage -quiet -V cidata -J -R -o "$T/seed.iso" "$S" || die "genisoimage failed"

# A seed with mistakes (and a dhcp interface): the node must still come up.
B="$T/badseed"
cp -a "$S" "$B"
sed -i -e '/^VGRID_IF_external_ADDR=/d' -e '/^VGRID_GATEWAY=/d' "$B/vgrid/node.env"
cat >>"$B/vgrid/node.env" <<'EOF'
VGRID_IF_external_ADDR=dhcp
VGRID_IFACES="external internal spare"
VGRID_IF_spare_MAC=52:54:00:00:00:99
VGRID_IF_spare_ADDR=10.9.9.9/24
EOF
echo 'Bad User:1005:1005:/home/bad:/bin/sh' >>"$B/vgrid/users"
echo '0644 root:root /etc/grid/not-in-seed.conf' >>"$B/vgrid/files.list"
echo 'broken /nonexistent/daemon --flag' >>"$B/vgrid/services"
genisoimage -quiet -V cidata -J -R -o "$T/badseed.iso" "$B" || die "genisoimage failed"

free_udp_port() {
    python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# boot NAME [extra qemu args...]: start QEMU in the background, set QPID
boot() {
    local name="$1"; shift
    rm -f "$T/qga.sock" "$T/console-$name.log"
    if [ "$name" != reboot ]; then # "reboot" boots the overlay of the previous boot again
        rm -f "$T/overlay.qcow2"
        qemu-img create -q -f qcow2 -b "$OUT/rootfs.qcow2" -F qcow2 "$T/overlay.qcow2"
    fi
    T_LAUNCH="$(date +%s.%N)"
    qemu-system-x86_64 -name "vgrid-tiny-test-$name" \
        -machine q35 -accel tcg,tb-size=32 -m "$MEM" -smp 1 \
        -nographic -nic none -monitor none -no-reboot \
        -kernel "$OUT/$KERNEL" -initrd "$OUT/initrd.img" -append "$CMDLINE" \
        -drive "file=$T/overlay.qcow2,if=virtio,format=qcow2" \
        -device virtio-serial \
        -chardev "socket,path=$T/qga.sock,server=on,wait=off,id=qga0" \
        -device virtserialport,chardev=qga0,name=org.qemu.guest_agent.0 \
        -serial "file:$T/console-$name.log" \
        "${BALLOON[@]}" "$@" </dev/null >"$T/qemu-$name.out" 2>&1 &
    QPID=$!
}

run_checks() { # MODE: seed | noseed
    python3 - "$1" "$T" "$QPID" "$T_LAUNCH" "$HERE" <<'PYEOF'
import os, re, sys, time
mode, tdir, qpid, t_launch, here = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
sys.path.insert(0, here)
from qga import QGA, AgentError

failures = []
def check(name, ok, detail=""):
    print(f"  {'ok  ' if ok else 'FAIL'} {name}" + (f"  ({detail})" if detail and not ok else ""))
    if not ok:
        failures.append(name)

def rss():
    st = {}
    with open(f"/proc/{qpid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            st[k] = v.strip()
    return st.get("VmRSS"), st.get("VmHWM")

def console_tail(n=25):
    try:
        with open(f"{tdir}/console-{mode}.log", errors="replace") as f:
            return "".join(f.readlines()[-n:])
    except OSError:
        return "(no console log)"

try:
    q = QGA(f"{tdir}/qga.sock", timeout=30)
    q.sync(timeout=120)
    q.ping()
except AgentError as e:
    print(f"FAIL: guest agent not ready: {e}\n--- console tail ---\n{console_tail()}")
    sys.exit(1)
ready = time.time() - t_launch
print(f"  boot-to-ready (QEMU start -> guest-ping ok): {ready:.2f}s")

def sh(cmd):
    code, out, err = q.sh(cmd)
    return code, out.strip(), err.strip()

code, out, _ = sh("cat /proc/uptime; cat /run/vgrid/ready")
check("/run/vgrid/ready exists", code == 0 and "uptime=" in out, out)
print("  guest: uptime / ready: " + out.replace("\n", " | "))

info = q.cmd("guest-info")
enabled = {c["name"] for c in info["supported_commands"] if c["enabled"]}
check("qemu-ga enables guest-exec and guest-exec-status",
      {"guest-exec", "guest-exec-status"} <= enabled, sorted(enabled))
print(f"  qemu-ga {info['version']}")

code, out, err = q.exec(["/bin/sh", "-c", "echo out; echo err >&2; exit 7"])
check("guest-exec capture-output (stdout, stderr, exit code)",
      (code, out, err) == (7, "out\n", "err\n"), repr((code, out, err)))
code, out, _ = sh('echo "$PATH"')
check("/opt/vgrid/bin on the agent's PATH", "/opt/vgrid/bin" in out.split(":"), out)
code, out, _ = sh("ls -ld /opt/vgrid/bin | cut -c1-10")
check("/opt/vgrid/bin exists", code == 0 and out.startswith("d"), out)

if mode == "seed" and os.environ.get("VGRID_GUEST_BIN_DIR"):
    # the project's guest binaries baked into the image (build.sh) are there
    # and resolve their libraries (not run: they may be daemons)
    gdir = os.environ["VGRID_GUEST_BIN_DIR"]
    for name in sorted(os.listdir(gdir)):
        if not os.path.isfile(os.path.join(gdir, name)):
            continue
        code, out, _ = sh(f"test -x /opt/vgrid/bin/{name} && echo present; "
                          f"/lib64/ld-linux-x86-64.so.2 --list /opt/vgrid/bin/{name} 2>&1 | grep -c 'not found'")
        check(f"guest binary {name} in /opt/vgrid/bin, libraries resolved",
              out.split() == ["present", "0"], out)

if mode == "seed":
    code, out, _ = sh("cat /sys/class/misc/hw_random/rng_current")
    check("virtio-rng device driven by virtio_rng", out.startswith("virtio_rng"), out)
    code, out, _ = sh("hostname; cat /etc/hostname")
    check("hostname from meta-data", out.split() == ["head", "head"], out)
    code, out, _ = sh("cat /etc/hosts")
    check("/etc/hosts from the seed", "10.1.2.12\tworker2" in out and "10.1.2.3\thead" in out, out)
    code, out, _ = sh("id alice; stat -c '%U:%G %a' /home/alice; grep '^alice:' /etc/shadow | cut -d: -f2")
    check("user alice with home 0755 and no password (*, not locked)",
          code == 0 and "uid=1001(alice) gid=1001(alice)" in out and "alice:alice 755" in out
          and out.splitlines()[-1] == "*", out)
    code, out, _ = sh("id gridsvc; stat -c '%U:%G %a' /var/lib/gridsvc; grep '^gridsvc:' /etc/passwd")
    check("user gridsvc (missing /bin/bash -> /bin/sh)",
          code == 0 and "gridsvc:gridsvc 755" in out and out.endswith(":/var/lib/gridsvc:/bin/sh"), out)
    code, out, _ = sh("su -s /bin/sh alice -c 'id -un; echo $HOME'")
    check("root can run commands as alice", out.split() == ["alice", "/home/alice"], out)
    code, out, _ = sh("stat -c '%a %U:%G' /etc/grid/alice.conf; cat /etc/grid/alice.conf")
    check("seeded file mode/owner/content",
          out == "640 alice:alice\nqueue=default\nowner=alice", out)
    code, out, _ = sh("stat -c '%a %U:%G' /home/alice/.grid /home/alice/.grid/token /opt/grid /opt/grid/bin")
    check("new parent dirs: owner's inside their home, root's elsewhere",
          out.split("\n") == ["755 alice:alice", "600 alice:alice", "755 root:root", "755 root:root"], out)
    code, out, _ = sh("stat -c '%a %U:%G' /home/alice/.ssh /home/alice/.ssh/authorized_keys /etc/dropbear/dropbear_ed25519_host_key")
    check("directory entry (trailing /) and SSH files: modes and owners",
          out.split("\n") == ["700 alice:alice", "600 alice:alice", "600 root:root"], out)
    code, out, _ = sh("vgrid-service status sshd && netstat -ltn | grep -c ':22 ' && "
                      "(sleep 2 | nc 127.0.0.1 22 | head -c 16; echo)")
    check("dropbear (service sshd) listens on port 22 and answers SSH",
          code == 0 and "sshd: running" in out and "SSH-2.0-dropbear" in out, out)
    code, out, _ = sh("/usr/sbin/dropbear -V 2>&1 | head -n1")
    print(f"  {out}")
    code, out, _ = sh("stat -c '%a %U:%G' /opt/grid/bin/hello.sh; /opt/grid/bin/hello.sh")
    check("seeded executable runs", out == "755 root:root\nhello from head", out)
    for mac, addr in (("52:54:00:12:34:56", "10.1.2.3/24"), ("52:54:00:ab:cd:ef", "192.168.77.10/24")):
        code, out, _ = sh(
            f"for d in /sys/class/net/*; do [ \"$(cat $d/address)\" = {mac} ] && "
            "ip -4 -o addr show dev ${d##*/} && ip -o link show dev ${d##*/}; done")
        check(f"NIC with MAC {mac} is up with {addr}", f"inet {addr}" in out and ",UP," in out, out)
    code, out, _ = sh("ip route show default")
    check("default route via VGRID_GATEWAY", "default via 192.168.77.1" in out, out)
    code, out, _ = sh("vgrid-service status web && wget -qO- http://127.0.0.1:8080/index.html")
    check("service 'web' running and serving", code == 0 and "vgrid tiny web service" in out, out)
    code, out, _ = sh("vgrid-service status-all; cat /run/vgrid/ticker.pid; head -n1 /var/log/vgrid/ticker.log")
    check("service 'ticker' running, pid file, log file", code == 0 and "ticker: running" in out, out)
    # started at nice 19 for the boot; nice 0 again (every task) once the agent answers
    code, out, _ = sh("for p in $(cat /run/vgrid/web.pid /run/vgrid/ticker.pid); do "
                      "for t in /proc/$p/task/*; do cut -d' ' -f19 $t/stat; done; done; "
                      "[ -e /run/vgrid/boot-niced ] && echo still-pending")
    check("services run at nice 0 after the boot", out.split() and set(out.split()) == {"0"}, out)
    code, out, _ = sh("old=$(cat /run/vgrid/web.pid); vgrid-service restart web >/dev/null; "
                      "new=$(cat /run/vgrid/web.pid); [ \"$old\" != \"$new\" ] && kill -0 $new && echo restarted")
    check("vgrid-service restart web", out == "restarted", out)
    code, out, _ = sh("vgrid-service stop ticker; vgrid-service status ticker; echo rc=$?")
    check("vgrid-service stop ticker", "ticker: stopped" in out and "rc=3" in out, out)
    code, out, _ = sh("cat /etc/vgrid/node.env | grep -c VGRID_; . /etc/vgrid/node.env; echo $VGRID_ROLE")
    check("node.env installed in /etc/vgrid", out.endswith("headnode"), out)
    code, out, _ = sh("ls /run/vgrid/seed | wc -l; grep -c ' /run/vgrid/seed ' /proc/mounts")
    check("seed unmounted after boot", out.splitlines()[-1] == "0", out)
    # as an older image left it: locked with "!"; the next boot must turn it into "*"
    code, out, _ = sh("sed -i 's/^alice:[*]:/alice:!:/' /etc/shadow && grep '^alice:' /etc/shadow | cut -d: -f2 && sync")
    check("(test setup) alice locked with ! before the second boot", out == "!", out)
elif mode == "reboot":
    code, out, _ = sh("grep -c '^alice:' /etc/passwd; grep -c '^alice:' /etc/group; grep -c '^alice:' /etc/shadow; "
                      "hostname; stat -c '%a %U:%G' /etc/grid/alice.conf; grep -c 'users: alice already exists' /var/log/vgrid/boot.log")
    check("second boot of the same disk: nothing duplicated, seed re-applied",
          out.split() == ["1", "1", "1", "head", "640", "alice:alice", "1"], out)
    code, out, _ = sh("grep '^alice:' /etc/shadow | cut -d: -f2; stat -c '%a' /etc/shadow; grep -c 'password field ! -> [*]' /var/log/vgrid/boot.log")
    check("an existing user's ! password field becomes * (shadow stays 0600)", out.split() == ["*", "600", "1"], out)
    code, out, _ = sh("stat -c '%a %U:%G' /home/alice/.ssh; vgrid-service status sshd")
    check("~/.ssh stays 0700 and sshd runs after the second boot", out.split("\n")[0] == "700 alice:alice"
          and "sshd: running" in out, out)
    code, out, _ = sh("vgrid-service status-all; ip -4 -o addr | grep -c 'inet 10.1.2.3/24'")
    check("services and addresses after the second boot", "web: running" in out and "ticker: running" in out
          and out.splitlines()[-1] == "1", out)
elif mode == "noseed":
    code, out, _ = sh("grep -c 'WARNING: no seed disk' /var/log/vgrid/boot.log; hostname")
    check("no seed: warning logged, default hostname", out.split() == ["1", "vgrid"], out)
else:  # badseed
    code, out, _ = sh("cat /var/log/vgrid/boot.log")
    for what in ("WARNING: net: no interface with MAC 52:54:00:00:00:99 for spare",
                 "WARNING: users: bad user name 'Bad User'",
                 "WARNING: files: /run/vgrid/seed/vgrid/files/etc/grid/not-in-seed.conf missing",
                 "broken: exited immediately",
                 "net: external = ",
                 "dhcp client started"):
        check(f"boot.log has: {what[:50]}", what in out, what)
    code, out, _ = sh("hostname; id -un alice; head -n1 /etc/grid/alice.conf; ip -4 -o addr | grep -c 'inet 10.1.2.3/24'; pidof udhcpc >/dev/null && echo udhcpc")
    check("the rest of the seed is applied, udhcpc runs", out.split() == ["head", "alice", "queue=default", "1", "udhcpc"], out)
    code, out, _ = sh("vgrid-service status web; vgrid-service status broken; echo rc=$?")
    check("good service runs, broken one is stopped", "web: running" in out and "broken: stopped" in out and "rc=3" in out, out)

with open(f"{tdir}/console-{mode}.log", errors="replace") as f:
    console = f.read()
check("console shows vgrid-init: lines", "] ready; starting the guest agent" in console)
if mode == "noseed":
    check("console shows the missing-seed warning",
          re.search(r"vgrid-init: \[[0-9.]+\] WARNING: no seed disk", console) is not None)

time.sleep(3)  # let free page reporting hand memory back (2 s delay in the guest)
vmrss, vmhwm = rss()
print(f"  QEMU RSS: VmRSS {vmrss}, peak VmHWM {vmhwm}")
kb = int(vmrss.split()[0])
check("QEMU RSS <= 200 MB", kb <= 200 * 1024, vmrss)

if mode in ("seed", "reboot"):
    # guest-shutdown: the agent runs /sbin/shutdown -P +0 (our busybox shim)
    try:
        q.cmd("guest-shutdown", {"mode": "powerdown"}, timeout=3)
    except AgentError:
        pass  # on success guest-shutdown sends no reply
    t0 = time.time()
    while time.time() - t0 < 30 and os.path.exists(f"/proc/{qpid}") and \
            "zombie" not in open(f"/proc/{qpid}/status").read():
        time.sleep(0.2)
    gone = not os.path.exists(f"/proc/{qpid}") or "zombie" in open(f"/proc/{qpid}/status").read()
    check("guest-shutdown powers the VM off", gone, f"QEMU still running after 30s")
    if gone:
        print(f"  powered off {time.time() - t0:.1f}s after guest-shutdown")
q.close()

with open(f"{tdir}/ready-{mode}", "w") as f:
    f.write(f"{ready:.2f} {vmrss}\n")
if failures:
    print(f"--- console tail ({mode}) ---\n{console_tail()}")
    sys.exit(1)
PYEOF
}

P1="$(free_udp_port)"; P2="$(free_udp_port)"; P3="$(free_udp_port)"; P4="$(free_udp_port)"
# shellcheck disable=SC2054
NICS=(-netdev "socket,id=n0,udp=127.0.0.1:$P1,localaddr=127.0.0.1:$P2"
      -device virtio-net-pci,netdev=n0,mac=52:54:00:12:34:56
      -netdev "socket,id=n1,udp=127.0.0.1:$P3,localaddr=127.0.0.1:$P4"
      -device virtio-net-pci,netdev=n1,mac=52:54:00:ab:cd:ef)

rc=0
for b in ${VGRID_TEST_ONLY:-seed reboot noseed badseed}; do
    case "$b" in
        seed)
            echo "== boot 1: seed + two NICs (memory ${MEM} MiB, TCG)"
            boot seed -drive "file=$T/seed.iso,if=virtio,format=raw,readonly=on" "${NICS[@]}" \
                -object rng-random,id=rng0,filename=/dev/urandom -device virtio-rng-pci,rng=rng0 ;;
        reboot)
            [ -f "$T/overlay.qcow2" ] || die "the reboot test needs the seed boot before it"
            echo "== boot 1b: the same disk and seed again (memory ${MEM} MiB, TCG)"
            boot reboot -drive "file=$T/seed.iso,if=virtio,format=raw,readonly=on" "${NICS[@]}" ;;
        noseed)
            echo "== boot 2: no seed, no NIC (memory ${MEM} MiB, TCG)"
            boot noseed ;;
        badseed)
            echo "== boot 3: seed with mistakes + two NICs (memory ${MEM} MiB, TCG)"
            boot badseed -drive "file=$T/badseed.iso,if=virtio,format=raw,readonly=on" "${NICS[@]}" ;;
        *) die "unknown boot '$b' in VGRID_TEST_ONLY" ;;
    esac
    run_checks "$b" || rc=1
    kill "$QPID" 2>/dev/null || true
    wait "$QPID" 2>/dev/null || true
    QPID=""
done

if [ $rc -eq 0 ]; then
    echo "$PROG: PASS"
else
    echo "$PROG: FAIL (VGRID_TEST_KEEP=1 keeps consoles and logs in the temp dir)"
fi
exit $rc
