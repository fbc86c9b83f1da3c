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
read -r array merge < <(scripts/slurm/submit.sh "$scenario" "$samples" "$seed" 4 .slurm-test)
echo "submitted array $array and merge $merge"
for i in $(seq 1 1200); do
  [ -z "$(squeue -h -j "$array,$merge" 2>/dev/null)" ] && break
  sleep 0.1
done
scontrol -o show job "$array" | grep -o 'JobState=[A-Z]*' | sort | uniq -c
if { scontrol -o show job "$array"; scontrol -o show job "$merge"; } | grep -q 'JobState=\(FAILED\|CANCELLED\|TIMEOUT\)'; then
  tail -n 20 .slurm-test/logs/*.log; echo "slurm-test: a job failed"; exit 1
fi
[ -f .slurm-test/result.json ] || { tail -n 20 .slurm-test/logs/*.log; echo "slurm-test: no merged result"; exit 1; }
.build/release/rendement run "$scenario" --samples "$samples" --seed "$seed" --format json --quiet > .slurm-test/single.json
if cmp -s .slurm-test/result.json .slurm-test/single.json; then
  echo "slurm-test: 4 shards on Slurm merged into exactly the single run ($samples samples)"
else
  diff .slurm-test/result.json .slurm-test/single.json | head; echo "slurm-test: merged result differs"; exit 1
fi
