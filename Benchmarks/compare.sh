#!/usr/bin/env bash
# Side-by-side throughput of Rendement and the numpy reference on the reference model
# (Scenarios/reference-model.yaml = shared/reference/reference-model.yaml), with a check that
# their numbers agree within Monte Carlo error. Prints a Markdown table for the README.
# Also times the hand-written C program Benchmarks/c/reference_model.c (same sizes, threads and
# seeds; compiled once with gcc into a temporary folder; "n/a" when gcc is missing or fails),
# with its default tabulated PERT and again with exact PERT draws (--pert exact), since
# Rendement's PERT draws are exact.
#
# Rates are medians over the repeats; ratios between programs are medians of each repeat's ratio
# (the programs run back to back within a repeat); the thread scaling line divides medians.
#
# Usage: Benchmarks/compare.sh [--sizes "1e6 1e7"] [--threads "1 2"] [--repeats 3]
# The numpy reference is looked for in $REFERENCE_DIR, ../shared/reference by default.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="1e6 1e7"; threads="1 2"; repeats=3
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done
ref_dir=${REFERENCE_DIR:-../shared/reference}
[ -f "$ref_dir/ref_benefit_model.py" ] || { echo "numpy reference not found in $ref_dir (set REFERENCE_DIR)" >&2; exit 1; }
swift build -c release --product rendement >/dev/null
bin=.build/release/rendement
model=Scenarios/reference-model.yaml
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
c_bin=
if command -v gcc >/dev/null 2>&1; then
  if gcc -O3 -march=native -pthread -o "$tmp/reference_model" Benchmarks/c/reference_model.c -lm 2>"$tmp/gcc.err"; then
    c_bin=$tmp/reference_model
  else
    echo "warning: could not compile Benchmarks/c/reference_model.c; the C column shows n/a" >&2
    cat "$tmp/gcc.err" >&2
  fi
else
  echo "note: gcc not found; the C column shows n/a" >&2
fi

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# The rate (M samples/s) in a JSON result's samples_per_s.
rate_of() { python3 -c "import json;print(json.load(open('$1'))['samples_per_s']/1e6)"; }
# One timing of the C program (samples, threads, seed, extra options): its rate, or a warning.
c_rate() {
  if "$c_bin" "$@" >"$tmp/c.json" 2>"$tmp/c.err"; then rate_of "$tmp/c.json"
  else echo "warning: the C program failed for $*: $(cat "$tmp/c.err")" >&2; fi
}
# The median over repeats of rendement's rate over another program's, each repeat's pair run back
# to back: on a machine whose speed drifts from minute to minute this is steadier than a ratio of
# medians taken at different moments. Arguments: rendement's rates, then the other's, in order.
paired_ratio() {
  python3 - "$@" <<'PY'
import sys, statistics
v = [float(x) for x in sys.argv[1:]]
h = len(v) // 2
print(f"{statistics.median(a / b for a, b in zip(v[:h], v[h:])):.2f}")
PY
}
# "median | median of paired ratios×" for a C column's rates, or "n/a | n/a" unless every repeat gave one.
c_columns() {
  if [ "$#" -eq "$repeats" ]; then
    local c; c=$(printf '%s\n' "$@" | median)
    echo "$(printf '%.2f' "$c") | $(paired_ratio "${r_rates[@]}" "$@")×"
  else echo "n/a | n/a"; fi
}

echo "| samples | threads | rendement (M samples/s) | numpy (M samples/s) | ratio | rendement peak memory (MiB) | mean NPV rendement / numpy | agree | C (M samples/s) | rendement / C | C, exact PERT (M samples/s) | rendement / C exact |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
declare -A engine_median
for n in $sizes; do
  for t in $threads; do
    r_rates=(); p_rates=(); c_rates=(); x_rates=()
    for i in $(seq "$repeats"); do
      /usr/bin/time -f "%M" -o "$tmp/mem" "$bin" run "$model" --samples "$n" --threads "$t" --format json --seed $((100 + i)) \
        >"$tmp/r.json" 2>"$tmp/r.err"
      r_rates+=("$(grep -o '([0-9.]* M samples/s' "$tmp/r.err" | tr -d '(' | awk '{print $1}')")
      python3 "$ref_dir/ref_benefit_model.py" --n "$n" --threads "$t" --seed $((100 + i)) >"$tmp/p.json"
      p_rates+=("$(rate_of "$tmp/p.json")")
      if [ -n "$c_bin" ]; then
        c=$(c_rate "$n" "$t" $((100 + i))); [ -n "$c" ] && c_rates+=("$c")
        # The same C program with exact PERT draws (a ratio of gammas), as Rendement's are exact.
        c=$(c_rate "$n" "$t" $((100 + i)) --pert exact); [ -n "$c" ] && x_rates+=("$c")
      fi
    done
    r=$(printf '%s\n' "${r_rates[@]}" | median); p=$(printf '%s\n' "${p_rates[@]}" | median)
    engine_median[$n,$t]=$r
    mem=$(( $(cat "$tmp/mem") / 1024 ))
    agree=$(python3 - "$tmp/r.json" "$tmp/p.json" <<'PY'
import json, sys, math
r = json.load(open(sys.argv[1])); p = json.load(open(sys.argv[2]))
se = math.hypot(r["npv"]["se"], p["npv_mean_se"])
pse = math.hypot(r["probability_positive_se"], p["p_npv_pos_se"])
ok = abs(r["npv"]["mean"] - p["npv_mean"]) <= 4 * se and abs(r["probability_positive"] - p["p_npv_pos"]) <= 4 * pse
print(f'{r["npv"]["mean"]:.0f} / {p["npv_mean"]:.0f} | {"yes" if ok else "NO"}')
PY
)
    ratio=$(paired_ratio "${r_rates[@]}" "${p_rates[@]}")
    echo "| $n | $t | $r | $(printf '%.2f' "$p") | ${ratio}× | $mem | $agree | $(c_columns "${c_rates[@]}") | $(c_columns "${x_rates[@]}") |"
  done
done
echo
scaling=()
for n in $sizes; do
  for t in $threads; do
    [ "$t" -gt 1 ] && [ -n "${engine_median[$n,1]:-}" ] && scaling+=("$n: $(python3 -c "print(f'{${engine_median[$n,$t]}/${engine_median[$n,1]}:.2f}')")× on $t threads")
  done
done
[ ${#scaling[@]} -gt 0 ] && echo "Rendement, threads against 1 (medians): ${scaling[*]}."
if [ -n "$c_bin" ]; then
  echo "C: Benchmarks/c/reference_model.c (PERT by table), gcc $(gcc -dumpfullversion 2>/dev/null || gcc -dumpversion) -O3 -march=native; its rate covers sampling, model and statistics. \"C, exact PERT\": the same program with --pert exact (gamma ratios)."
fi
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%Y-%m-%d)"
