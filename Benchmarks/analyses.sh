#!/usr/bin/env bash
# Every analysis against `run` on the reference model (20 inputs, 8 lines, 5 years): whole-process
# wall time (median of REPEATS, the commands of a repeat back to back), its ratio to `run` at the
# same samples and threads, and peak memory (/usr/bin/time's maximum resident set). `compare` runs
# the base case and 2 variants (target ≤ 3 × run), `sweep` 4 points (target ≤ 4 × run). Then
# Sobol' indices' model runs per second, and peak memory of every command at 10^8 samples.
# Usage: Benchmarks/analyses.sh [REPEATS (default 3)] [SIZES (default "1e6 1e7")]
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-3}
sizes=${2:-1e6 1e7}
swift build -c release --product rendement >/dev/null
bin=.build/release/rendement
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
scenario=Scenarios/reference-model.yaml
# The reference model with two variants, for `compare`.
cp "$scenario" "$tmp/variants.yaml"
cat >>"$tmp/variants.yaml" <<'YAML'
variants:
  higher-rate: {description: "4% discount rate", discount_rate: 0.04}
  pessimistic: {description: "attribution at its low end", inputs: {att: {dist: uniform, min: 0.4, max: 0.6}}}
YAML
commands=(
  "run|run $scenario"
  "claim|claim $scenario --bcr 1.5"
  "compare (base + 2 variants)|compare $tmp/variants.yaml"
  "sweep (4 points)|sweep $scenario --vary discount_rate=0:0.06:4"
  "sensitivity rank|sensitivity $scenario --method rank"
  "sensitivity voi|sensitivity $scenario --method voi"
  "report|report $scenario --out $tmp/report --force"
)
measure() {   # $1: arguments; prints "seconds kilobytes"
  /usr/bin/time -f "%e %M" -o "$tmp/time" $bin $1 --quiet >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  cat "$tmp/time"
}
echo "| command | samples | threads | time (s) | × run | target | peak memory (MiB) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for n in $sizes; do
  for t in 1 2; do
    declare -A times=() mems=()
    for r in $(seq 1 "$repeats"); do
      for entry in "${commands[@]}"; do
        name=${entry%%|*}; args=${entry#*|}
        read -r s m < <(measure "$args --samples $n --threads $t")
        times[$name]+="$s "; mems[$name]=$m
      done
    done
    median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
    base=$(median "${times[run]}")
    for entry in "${commands[@]}"; do
      name=${entry%%|*}
      med=$(median "${times[$name]}")
      case $name in
        run) target="1" ;; claim) target="≤ 1.5" ;; compare*) target="≤ 3" ;; sweep*) target="≤ 4" ;;
        "sensitivity rank") target="≤ 3" ;; "sensitivity voi") target="≤ 5" ;; report) target="≤ 3" ;;
      esac
      printf "| %s | %s | %s | %.2f | %.2f | %s | %d |\n" "$name" "$n" "$t" "$med" "$(echo "$med / $base" | bc -l)" "$target" "$((mems[$name] / 1024))"
    done
    unset times mems
  done
done
echo
echo "Sobol' indices (sensitivity --method sobol, 2^16 base samples: 1,441,792 model runs, with their intervals):"
for t in 1 2; do
  read -r s m < <(measure "sensitivity $scenario --method sobol --sobol-samples 65536 --threads $t")
  printf "  %d thread%s: %.2f s, %.2f M model runs/s (%.2f per core), peak %d MiB\n" "$t" "$([ "$t" = 1 ] || echo s)" "$s" "$(echo "1441792 / $s / 1000000" | bc -l)" "$(echo "1441792 / $s / 1000000 / $t" | bc -l)" "$((m / 1024))"
done
echo
echo "Peak memory at 10^8 samples (2 threads; budget 256 MiB of kept samples, target ≤ 400 MiB):"
for entry in "${commands[@]}"; do
  name=${entry%%|*}; args=${entry#*|}
  read -r s m < <(measure "$args --samples 1e8 --threads 2")
  printf "  %-28s %7.1f s  %4d MiB\n" "$name" "$s" "$((m / 1024))"
done
read -r s m < <(measure "sensitivity $scenario --method rank,voi --rows all --samples 1e8 --threads 2")
printf "  %-28s %7.1f s  %4d MiB\n" "rank,voi --rows all" "$s" "$((m / 1024))"
