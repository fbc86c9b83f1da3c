#!/bin/bash
# Submits a sharded Rendement computation to Slurm: an array of N shard tasks, then a merge job
# that runs only if every task succeeded (--dependency=afterok). Prints the two job ids.
# Usage: scripts/slurm/submit.sh SCENARIO SAMPLES SEED SHARDS OUTDIR [RENDEMENT] [-- MORE ARGUMENTS]
#   COMMAND=run (default), sensitivity or sweep chooses what is sharded; MORE ARGUMENTS go to it,
#   e.g. COMMAND=sensitivity scripts/slurm/submit.sh s.yaml 65536 7 32 out -- --method sobol
#        COMMAND=sweep scripts/slurm/submit.sh s.yaml 1e6 7 16 out -- --vary discount_rate=0:0.06:13
# Results: OUTDIR/parts/part-K.rdm, OUTDIR/logs/, and the merged OUTDIR/result.json. Submit from the
# folder the scenario path is relative to: jobs run there, and the JSON records the path as given.
set -euo pipefail
scenario=$1; samples=$2; seed=$3; shards=$4; out=$(realpath -m "$5"); shift 5
rendement=.build/release/rendement
if [ $# -gt 0 ] && [ "$1" != "--" ]; then rendement=$1; shift; fi
[ $# -gt 0 ] && [ "$1" = "--" ] && shift
rendement=$(realpath "$rendement")
case "${COMMAND:=run}" in run|sensitivity|sweep) ;; *) echo "COMMAND must be run, sensitivity or sweep (found '$COMMAND')" >&2; exit 64 ;; esac
here=$(dirname "$(realpath "$0")")
mkdir -p "$out/parts" "$out/logs"
# The extra arguments travel in a file, one per line: sbatch --export would split them at commas.
if [ $# -gt 0 ]; then printf '%s\n' "$@"; fi > "$out/arguments"
common="ALL,RENDEMENT=$rendement,COMMAND=$COMMAND,SCENARIO=$scenario,SAMPLES=$samples,SEED=$seed,PARTS=$out/parts,ARGUMENTS=$out/arguments,RESULT=$out/result.json"
array=$(sbatch --parsable --array=0-$((shards - 1)) --output="$out/logs/shard-%a.log" --export="$common" "$here/shard.sbatch")
merge=$(sbatch --parsable --dependency=afterok:"$array" --output="$out/logs/merge.log" --export="$common" "$here/merge.sbatch")
echo "$array $merge"
