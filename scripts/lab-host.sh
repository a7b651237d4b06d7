#!/usr/bin/env bash
# Runs libvirtd inside a network namespace made for the lab host, so that every bridge and
# guest vgrid creates lives there and can reach nothing outside it.
#   scripts/lab-host.sh start|stop|status|exec CMD...
# The namespace is named by VGRID_NETNS (default: vgrid).
set -euo pipefail
ns=${VGRID_NETNS:-vgrid}
sock=/run/libvirt/libvirt-sock

libvirtd_pid() { pgrep -x libvirtd | head -n 1 || true; }

in_namespace() { # pid -> 0 when the process lives in our namespace
  [ -e "/run/netns/$ns" ] || return 1
  [ "$(stat -L -c %i "/proc/$1/ns/net")" = "$(stat -L -c %i "/run/netns/$ns")" ]
}

stop_daemons() {
  local pid
  for name in libvirtd virtlogd virtlockd; do
    pid=$(pgrep -x "$name" || true)
    [ -n "$pid" ] && kill $pid 2>/dev/null || true
  done
  for _ in $(seq 50); do pgrep -x libvirtd >/dev/null || break; sleep 0.1; done
  rm -f /run/libvirtd.pid /run/virtlogd.pid
}

start() {
  if ! [ -e "/run/netns/$ns" ]; then
    ip netns add "$ns"
  fi
  ip -n "$ns" link set lo up
  local pid; pid=$(libvirtd_pid)
  if [ -n "$pid" ] && in_namespace "$pid" && [ -S "$sock" ]; then
    echo "libvirtd is running in network namespace '$ns' (pid $pid)"
    return 0
  fi
  if [ -n "$pid" ]; then
    echo "libvirtd (pid $pid) runs outside namespace '$ns': restarting it inside" >&2
    stop_daemons
  fi
  # libvirt's own NAT network must never start on these hosts.
  rm -f /etc/libvirt/qemu/networks/autostart/default.xml
  mkdir -p /var/log/libvirt /run/libvirt /var/lib/vgrid /var/lib/libvirt/dnsmasq
  ip netns exec "$ns" virtlogd -d
  if command -v tini >/dev/null; then
    # libvirt waits for a destroyed QEMU to be gone, and an orphan is only gone once reaped.
    # Some machines' PID 1 reaps orphans a second or two late, which every `vgrid down` and
    # `vgrid reset` paid per node: tini -s adopts libvirtd's QEMUs and reaps them at once.
    ip netns exec "$ns" setsid tini -s -- libvirtd </dev/null >>/var/log/libvirt/libvirtd-console.log 2>&1 &
  else
    ip netns exec "$ns" libvirtd -d
  fi
  for _ in $(seq 100); do
    [ -S "$sock" ] && virsh -c qemu:///system version >/dev/null 2>&1 && break
    sleep 0.1
  done
  virsh -c qemu:///system version >/dev/null 2>&1 || { echo "libvirtd did not come up: see /var/log/libvirt" >&2; exit 1; }
  echo "libvirtd started in network namespace '$ns' (pid $(libvirtd_pid))"
}

status() {
  local pid; pid=$(libvirtd_pid)
  if [ -z "$pid" ]; then echo "libvirtd: not running"; return 1; fi
  if in_namespace "$pid"; then echo "libvirtd: running in namespace '$ns' (pid $pid)";
  else echo "libvirtd: running OUTSIDE namespace '$ns' (pid $pid)"; return 1; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop_daemons; echo "libvirtd stopped" ;;
  status) status ;;
  exec) shift; exec ip netns exec "$ns" "$@" ;;
  *) echo "usage: $0 start|stop|status|exec CMD..." >&2; exit 64 ;;
esac
