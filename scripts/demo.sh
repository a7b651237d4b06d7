#!/usr/bin/env bash
# The main job: bring a lab up, show it, and walk one student through the grid: a command
# on every node, then a proxy from the lab CA on the headnode.
set -euo pipefail
vgrid=${VGRID:-.build/debug/vgrid}
lab=${1:-labs/intro.yaml}

"$vgrid" up "$lab"
echo
"$vgrid" status "$lab"
echo
for node in $("$vgrid" status "$lab" --names); do
  printf '%-16s ' "$node:"
  "$vgrid" exec "$node" -- sh -c 'echo "$(hostname), internal $(ip -4 -o addr show | awk "/10\\./ {print \$4}" | head -n 1)"'
done

name=$(sed -n 's/^lab: *//p' "$lab")
sheet=/var/lib/vgrid/ca/$name/instructor-sheet.txt
student=$(awk '/^account:/ {print $2; exit}' "$sheet")
pass=$(awk -v u="$student" '$1 == "account:" {a = $2} $1 == "passphrase:" && a == u {print $2; exit}' "$sheet")
head=$("$vgrid" status "$lab" --json | awk -F'"' '/"domain"/ {d = $4} /"role" : "headnode"/ {print d; exit}')
echo
echo "== $student makes a grid proxy on $head"
echo "$pass" | "$vgrid" exec "$head" --user "$student" -- sh -l -c 'grid-proxy-init -pwstdin && grid-proxy-info'
echo
echo "== A job through the grid: gwsubmit on the headnode, gwd dispatches it to a workernode's gatekeeper"
"$vgrid" exec "$head" --user "$student" -- sh -c '. /etc/profile; cd ~
for i in $(seq 60); do [ "$(gwhost -n | grep -c worker)" -ge 1 ] && ! gwhost -n | grep -q " 0/0/0 " && break; sleep 1; done
gwhost
printf "EXECUTABLE  = /bin/hostname\nSTDOUT_FILE = hello.out\n" > hello.jt
id=$(gwsubmit -v hello.jt | sed -n "s/JOB ID: *//p")
gwwait -v -k "$id" && gwps "$id" && echo "the job ran on: $(cat hello.out)"'
echo
echo "The lab is up. Try: $vgrid exec $head --user $student -- sh -l -c 'grid-proxy-info -all'"
echo "Remove it with:    $vgrid down $lab"
