#!/bin/bash
# Stops the daemons that up.sh started, by the PIDs in their pid files, and waits for them.
B=$(realpath -m "${1:-.slurm-ci}"); pids=()
for d in slurmd slurmctld munged; do
  f="$B/run/$d.pid"; [ -f "$f" ] && p=$(cat "$f") && kill "$p" 2>/dev/null && pids+=("$p")
done
for i in $(seq 1 100); do
  alive=0; for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
  [ $alive = 0 ] && exit 0; sleep 0.1
done; exit 1
