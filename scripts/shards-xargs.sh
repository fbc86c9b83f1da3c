#!/bin/bash
# Without a scheduler: run the N shards of a run with xargs -P and merge them.
# Usage: scripts/shards-xargs.sh SCENARIO SAMPLES SEED SHARDS PARALLEL OUTDIR
set -euo pipefail
scenario=$1 samples=$2 seed=$3 shards=$4 parallel=$5 out=$6
bin=${RENDEMENT:-.build/release/rendement}
mkdir -p "$out/parts"
seq 0 $((shards - 1)) | xargs -P "$parallel" -I{} "$bin" run "$scenario" --samples "$samples" --seed "$seed" --threads 1 --quiet \
  --shard {}/"$shards" --out "$out/parts/part-{}.rdm" --force
"$bin" merge "$out"/parts/part-*.rdm --format json --out "$out/result.json" --force
echo "$out/result.json"
