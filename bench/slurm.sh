#!/usr/bin/env bash
# vgrid's middleware side by side with Slurm from Debian (slurm-wlm) on this machine, the same
# 4 slots: a 500-task array of /bin/true, from submission until every task is done. Prints lines
# starting "BENCH"; the goal is vgrid/slurm <= 1.0. Exits non-zero only when something failed to
# run (not when the ratio is over the goal).
#
# Slurm: munged, slurmctld and slurmd of their own (one node named after this host, CPUs=4 with
# SlurmdParameters=config_overrides, select/cons_tres with CR_CPU, no accounting), configured and
# kept in a temporary directory, run inside a private network namespace that has only the loopback
# interface; stopped and removed at exit. /etc/slurm, /etc/munge and any system daemons are left
# alone. The scheduler keeps Slurm's defaults; VGRID_SLURM_SCHEDULER_PARAMETERS sets
# SchedulerParameters instead (e.g. batch_sched_delay=0).
# vgrid: MiddlewareBenchmark/fiveHundredTaskArray (gwd + 2 gatekeepers x 2 slots as real processes
# on 127.0.0.x, the guest binary images/build/guest-bin/vgrid-guest or $VGRID_GUEST_BIN).
set -euo pipefail
cd "$(dirname "$0")/.."
here=$PWD
TASKS=500
SLURMCTLD_PORT=16817   # not Slurm's 6817/6818: a system Slurm on this machine keeps its ports
SLURMD_PORT=16818

log() { echo "bench/slurm.sh: $*" >&2; }

# The pid in WORKDIR/NAME.pid if that process is still this NAME (a stale file's pid may be reused).
daemon_pid() {
  local pid
  pid=$(cat "$1/$2.pid" 2>/dev/null) || return 1
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] || return 1
  echo "$pid"
}

# ---------------------------------------------------------------------------------------------
# The Slurm side, run as `slurm.sh --slurm-side WORKDIR` inside the private network namespace.
# Writes the seconds to WORKDIR/slurm.result.
if [ "${1:-}" = "--slurm-side" ]; then
  work=$2
  export SLURM_CONF=$work/slurm.conf
  stop_daemons() {
    local name pid
    for name in slurmd slurmctld munged; do
      pid=$(daemon_pid "$work" "$name") || continue
      kill "$pid" 2>/dev/null || continue
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    done
  }
  trap stop_daemons EXIT
  if [ "${VGRID_SLURM_NETNS:-1}" = 1 ]; then
    ip link set lo up
    # Slurm resolves addresses with AI_ADDRCONFIG, which finds nothing (not even 127.0.0.1)
    # while 127.0.0.1 is the only IPv4 address: give lo a second one.
    ip addr add 127.0.0.2/32 dev lo
  fi

  mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/log"
  chmod 755 "$work/munge"   # munged wants its socket's directory searchable by all
  head -c 1024 /dev/urandom > "$work/munge/munge.key"
  chmod 400 "$work/munge/munge.key"
  munged --socket="$work/munge/munge.socket" --key-file="$work/munge/munge.key" \
    --pid-file="$work/munged.pid" --log-file="$work/log/munged.log" --seed-file="$work/munge/munged.seed" \
    || { log "munged did not start:"; tail -5 "$work/log/munged.log" >&2; exit 1; }

  node=$(hostname -s)
  address=${VGRID_SLURM_ADDRESS:-127.0.0.1}
  {
    echo "ClusterName=vgridbench"
    echo "SlurmctldHost=localhost($address)"
    echo "SlurmctldPort=$SLURMCTLD_PORT"
    echo "SlurmdPort=$SLURMD_PORT"
    # Outside a network namespace: bind to this host's (loopback, checked) address, not to all.
    [ "${VGRID_SLURM_NETNS:-1}" = 1 ] || echo "CommunicationParameters=NoCtldInAddrAny,NoInAddrAny"
    echo "SlurmUser=root"
    echo "SlurmdUser=root"
    echo "AuthType=auth/munge"
    echo "CredType=cred/munge"
    echo "AuthInfo=socket=$work/munge/munge.socket"
    echo "StateSaveLocation=$work/state"
    echo "SlurmdSpoolDir=$work/spool"
    echo "SlurmctldPidFile=$work/slurmctld.pid"
    echo "SlurmdPidFile=$work/slurmd.pid"
    echo "SlurmctldLogFile=$work/log/slurmctld.log"
    echo "SlurmdLogFile=$work/log/slurmd.log"
    echo "ProctrackType=proctrack/linuxproc"
    echo "TaskPlugin=task/none"
    echo "JobAcctGatherType=jobacct_gather/none"
    echo "AccountingStorageType=accounting_storage/none"
    echo "JobCompType=jobcomp/none"
    echo "MpiDefault=none"
    echo "MailProg=/bin/true"
    echo "SwitchType=switch/none"
    echo "ReturnToService=2"
    # Finished tasks' records stay long enough to count them at the end (default 300 s).
    echo "MinJobAge=3600"
    echo "SelectType=select/cons_tres"
    echo "SelectTypeParameters=CR_CPU"
    # 4 CPUs on a machine that may have fewer: slurmd takes the configured count.
    echo "SlurmdParameters=config_overrides"
    [ -z "${VGRID_SLURM_SCHEDULER_PARAMETERS:-}" ] || echo "SchedulerParameters=$VGRID_SLURM_SCHEDULER_PARAMETERS"
    echo "NodeName=$node NodeAddr=$address CPUs=4 State=UNKNOWN"
    echo "PartitionName=bench Nodes=$node Default=YES MaxTime=INFINITE State=UP"
  } > "$SLURM_CONF"

  slurmctld -f "$SLURM_CONF" || { log "slurmctld did not start:"; tail -5 "$work/log/slurmctld.log" >&2; exit 1; }
  slurmd -f "$SLURM_CONF" || { log "slurmd did not start:"; tail -5 "$work/log/slurmd.log" >&2; exit 1; }
  state=
  deadline=$((SECONDS + 60))
  while [ "$SECONDS" -lt "$deadline" ]; do
    state=$(timeout 10 sinfo -h -n "$node" -o %T 2>/dev/null || true)
    [ "$state" = idle ] && break
    for name in slurmctld slurmd; do   # one that started and died: no use waiting
      [ ! -e "$work/$name.pid" ] || daemon_pid "$work" "$name" >/dev/null || deadline=0
    done
    sleep 0.2
  done
  if [ "$state" != idle ]; then
    log "the Slurm node did not come up idle (state: ${state:-none}); its logs end:"
    tail -5 "$work/log/slurmctld.log" "$work/log/slurmd.log" >&2
    exit 1
  fi
  cpus=$(sinfo -h -n "$node" -o %c)
  [ "$cpus" = 4 ] || { log "the Slurm node has $cpus CPUs, not 4"; exit 1; }

  cd /tmp
  start=$(date +%s%N)
  id=$(sbatch --parsable --array=0-$((TASKS - 1)) --ntasks=1 --cpus-per-task=1 --chdir=/tmp \
         -o /dev/null -e /dev/null --wrap=/bin/true) || { log "sbatch failed"; exit 1; }
  failures=0
  deadline=$((SECONDS + 3600))
  while :; do
    [ "$SECONDS" -lt "$deadline" ] || { log "the Slurm array did not finish within an hour"; exit 1; }
    # squeue lists pending, running and completing tasks; empty output once all are done.
    if ! out=$(timeout 30 squeue -h -r -j "$id" -o %i 2>/dev/null); then
      failures=$((failures + 1))
      [ "$failures" -lt 25 ] || { log "squeue keeps failing"; exit 1; }
    elif [ -z "$out" ]; then
      break
    fi
    sleep 0.2
  done
  end=$(date +%s%N)
  completed=$(scontrol -o show job "$id" | grep -c 'JobState=COMPLETED .*ExitCode=0:0' || true)
  [ "$completed" = "$TASKS" ] || { log "only $completed of $TASKS Slurm tasks completed with exit code 0"; exit 1; }
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e9 }' > "$work/slurm.result"
  sbatch --version | awk '{ print $2 }' > "$work/slurm.version"
  scontrol show config | awk -F' = ' '/^SchedulerParameters/ { print $2 }' > "$work/slurm.sched"
  scontrol shutdown >/dev/null 2>&1 || true
  exit 0
fi

# ---------------------------------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || { log "run as root (Slurm's daemons, the loopback grid's test accounts)"; exit 1; }

# What Slurm needs, from Debian. Packages' own daemons are not started by the install
# (a policy-rc.d of our own while apt-get runs, when the machine has none).
missing=
for command in slurmctld slurmd sbatch squeue sinfo scontrol munged; do
  command -v "$command" >/dev/null || missing=yes
done
packages=()
[ -z "$missing" ] || packages+=(slurm-wlm munge)
command -v ip >/dev/null || packages+=(iproute2)
if [ ${#packages[@]} -gt 0 ]; then
  policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && policy=yes
  fi
  trap '[ -z "$policy" ] || rm -f /usr/sbin/policy-rc.d' EXIT
  log "installing ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-cache show "${packages[@]}" >/dev/null 2>&1; then apt-get update -qq >/dev/null; fi
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null \
    || { log "apt-get install ${packages[*]} failed"; exit 1; }
  [ -z "$policy" ] || rm -f /usr/sbin/policy-rc.d
  policy=
fi

work=$(mktemp -d /tmp/vgrid-bench-slurm.XXXXXX)
chmod 755 "$work"   # munged's socket below must be reachable by all
cleanup() {
  local name pid
  # The Slurm side stops its daemons itself; this is for when it could not.
  for name in slurmd slurmctld munged; do
    pid=$(daemon_pid "$work" "$name") || continue
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
status=0

# Slurm, in a network namespace of its own (loopback only) when the kernel lets us make one.
if unshare --net true 2>/dev/null; then
  unshare --net -- "$here/bench/slurm.sh" --slurm-side "$work" || status=1
else
  # No namespace: bind to this host's address, which must then be a loopback one.
  address=$(getent ahostsv4 "$(hostname)" | awk 'NR == 1 { print $1 }')
  case "$address" in
    127.*) VGRID_SLURM_NETNS=0 VGRID_SLURM_ADDRESS=$address "$here/bench/slurm.sh" --slurm-side "$work" || status=1 ;;
    *) log "cannot make a network namespace and $(hostname) is $address, not loopback: Slurm not run"; status=1 ;;
  esac
fi
slurm=$(cat "$work/slurm.result" 2>/dev/null || true)

# vgrid: the loopback benchmark's 500-task array.
export VGRID_BENCH=1 VGRID_BENCH_RESULT_500=$work/vgrid.result
rm -f "$VGRID_BENCH_RESULT_500"
vlog=/tmp/vgrid-bench-slurm-vgrid.log
swift test --scratch-path "${VGRID_BENCH_SCRATCH:-.build}" --filter MiddlewareBenchmark/fiveHundredTaskArray > "$vlog" 2>&1 || true
vgrid=$(cat "$VGRID_BENCH_RESULT_500" 2>/dev/null || true)
[ -n "$vgrid" ] || { log "the vgrid side did not finish (see $vlog)"; grep -E '✘|error:' "$vlog" | head -5 >&2 || true; status=1; }

sched=$(cat "$work/slurm.sched" 2>/dev/null || true)
[ "$sched" != "(null)" ] || sched="Slurm's defaults"
[ -z "$slurm" ] || echo "(Slurm $(cat "$work/slurm.version") from Debian, 4 CPUs on one node; SchedulerParameters: $sched)"
[ -z "$slurm" ] || printf 'BENCH slurm %d-task array: %.2f s\n' "$TASKS" "$slurm"
[ -z "$vgrid" ] || printf 'BENCH vgrid %d-task array: %.2f s\n' "$TASKS" "$vgrid"
if [ -n "$slurm" ] && [ -n "$vgrid" ]; then
  awk -v v="$vgrid" -v s="$slurm" 'BEGIN { printf "BENCH ratio vgrid/slurm: %.3f (goal <= 1.0)\n", v / s }'
fi
exit "$status"
