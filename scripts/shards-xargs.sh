#!/bin/bash
# Without a scheduler: run the N shards of a run (or, with COMMAND=sensitivity|sweep, of that
# command) with xargs -P and merge them.
# Usage: scripts/shards-xargs.sh SCENARIO SAMPLES SEED SHARDS PARALLEL OUTDIR [-- MORE ARGUMENTS]
set -euo pipefail
scenario=$1 samples=$2 seed=$3 shards=$4 parallel=$5 out=$6; shift 6
[ $# -gt 0 ] && [ "$1" = "--" ] && shift
bin=${RENDEMENT:-.build/release/rendement}
mkdir -p "$out/parts"
seq 0 $((shards - 1)) | xargs -P "$parallel" -I{} "$bin" "${COMMAND:-run}" "$scenario" --samples "$samples" --seed "$seed" --threads 1 --quiet \
  "$@" --shard {}/"$shards" --out "$out/parts/part-{}.rdm" --force
"$bin" merge "$out"/parts/part-*.rdm --format json --out "$out/result.json" --force
echo "$out/result.json"
