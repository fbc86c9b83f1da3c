#!/bin/bash
# `make slurm-test`: a real single-node Slurm on localhost (installed from Debian if missing),
# a 4-task array of shards and a merge job with afterok; the merged JSON must equal the single
# run byte for byte. Stops the daemons it started (by PID) whatever happens.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi
swift build -c release >/dev/null   # the same build as `make release`, so CI builds once
# munged needs every folder above its socket to be world-executable, which a checkout under a
# private temporary folder is not: keep the cluster's state in its own folder under /tmp.
state=$(mktemp -d /tmp/rendement-slurm.XXXXXX)
chmod 0755 "$state"
rm -rf .slurm-test && mkdir -p .slurm-test
trap 'scripts/slurm/down.sh "$state" || echo "warning: a Slurm daemon did not stop" >&2; rm -rf "$state"' EXIT
eval "$(scripts/slurm/up.sh "$state")"
scenario=Scenarios/reference-model.yaml samples=200000 seed=7

# Waits for the array and merge jobs ($1, $2) and fails unless both completed.
wait_jobs() {
  for i in $(seq 1 1200); do
    [ -z "$(squeue -h -j "$1,$2" 2>/dev/null)" ] && break
    sleep 0.1
  done
  scontrol -o show job "$1" | grep -o 'JobState=[A-Z]*' | sort | uniq -c
  if { scontrol -o show job "$1"; scontrol -o show job "$2"; } | grep -q 'JobState=\(FAILED\|CANCELLED\|TIMEOUT\)'; then
    tail -n 20 "$3"/logs/*.log; echo "slurm-test: a job failed"; exit 1
  fi
  [ -f "$3/result.json" ] || { tail -n 20 "$3"/logs/*.log; echo "slurm-test: no merged result"; exit 1; }
}

# Compares the merged result ($1/result.json) with the single computation's JSON (stdin).
same_as_single() {
  cat > "$1/single.json"
  if cmp -s "$1/result.json" "$1/single.json"; then echo "slurm-test: $2"
  else diff "$1/result.json" "$1/single.json" | head; echo "slurm-test: merged result differs ($2)"; exit 1; fi
}

read -r array merge < <(scripts/slurm/submit.sh "$scenario" "$samples" "$seed" 4 .slurm-test/run)
echo "submitted array $array and merge $merge"
wait_jobs "$array" "$merge" .slurm-test/run
.build/release/rendement run "$scenario" --samples "$samples" --seed "$seed" --format json --quiet |
  same_as_single .slurm-test/run "4 shards of a run on Slurm merged into exactly the single run ($samples samples)"

# A sharded sensitivity analysis (rank measures, value of information, Sobol' indices).
read -r array merge < <(COMMAND=sensitivity scripts/slurm/submit.sh "$scenario" 4096 "$seed" 3 .slurm-test/sensitivity -- --method rank,voi,sobol)
echo "submitted sensitivity array $array and merge $merge"
wait_jobs "$array" "$merge" .slurm-test/sensitivity
.build/release/rendement sensitivity "$scenario" --method rank,voi,sobol --samples 4096 --seed "$seed" --format json --quiet |
  same_as_single .slurm-test/sensitivity "3 shards of a sensitivity analysis on Slurm merged into exactly the single analysis"
