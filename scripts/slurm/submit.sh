#!/bin/bash
# Submits a sharded Rendement run to Slurm: an array of N shard tasks, then a merge job that
# runs only if every task succeeded (--dependency=afterok). Prints the two job ids.
# Usage: scripts/slurm/submit.sh SCENARIO SAMPLES SEED SHARDS OUTDIR [RENDEMENT]
# Results: OUTDIR/parts/part-K.rdm, OUTDIR/logs/, and the merged OUTDIR/result.json. Submit from the
# folder the scenario path is relative to: jobs run there, and the JSON records the path as given.
set -euo pipefail
scenario=$1; samples=$2; seed=$3; shards=$4; out=$(realpath -m "$5")
rendement=$(realpath "${6:-.build/release/rendement}")
here=$(dirname "$(realpath "$0")")
mkdir -p "$out/parts" "$out/logs"
common="ALL,RENDEMENT=$rendement,SCENARIO=$scenario,SAMPLES=$samples,SEED=$seed,PARTS=$out/parts,RESULT=$out/result.json"
array=$(sbatch --parsable --array=0-$((shards - 1)) --output="$out/logs/shard-%a.log" --export="$common" "$here/shard.sbatch")
merge=$(sbatch --parsable --dependency=afterok:"$array" --output="$out/logs/merge.log" --export="$common" "$here/merge.sbatch")
echo "$array $merge"
