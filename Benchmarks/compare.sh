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
# (the programs and thread counts run back to back within a repeat), and so is the thread scaling.
# Within a repeat Rendement and the C program take turns going first, and the numpy runs come
# last, followed by a pause (--settle seconds). Every timed run follows an untimed warm-up run of
# the same program and size (--warmup 0 leaves them out): these are throughputs in steady use.
# Why: a virtual machine with free-page reporting (like this one) hands memory freed by a
# process back to its host about two seconds later, and a program that first touches such
# memory pays host page faults for it: 1-3 GB/s instead of 10-13 GB/s for memory a process
# freed just before, which is what repeated runs (sweeps, a server) get. A run of 10^6 samples
# touches 16 MiB (the C program) or 28 MiB (Rendement, which also keeps its lines' samples for
# the kassabon's intervals), so the state of the machine's memory alone moved ratios by 20-30%.
#
# Usage: Benchmarks/compare.sh [--sizes "1e6 1e7"] [--threads "1 2"] [--repeats 3] [--settle 3] [--warmup 1]
# The numpy reference is looked for in $REFERENCE_DIR, ../shared/reference by default.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="1e6 1e7"; threads="1 2"; repeats=3; settle=3; warmup=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --settle) settle="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
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
# One timing of the C program (samples, threads, seed, extra options), after $warmup untimed
# runs: its rate, or a warning.
c_rate() {
  for _ in $(seq "$warmup"); do "$c_bin" "$@" >/dev/null 2>&1 || true; done
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
# "median | median of paired ratios×" for a C column's rates (after r_rates, rendement's), or
# "n/a | n/a" unless every repeat gave one.
c_columns() {
  if [ "$#" -eq "$repeats" ] && ! printf '%s\n' "$@" | grep -q missing; then
    local c; c=$(printf '%s\n' "$@" | median)
    echo "$(printf '%.2f' "$c") | $(paired_ratio "${r_rates[@]}" "$@")×"
  else echo "n/a | n/a"; fi
}

echo "| samples | threads | rendement (M samples/s) | numpy (M samples/s) | ratio | rendement peak memory (MiB) | mean NPV rendement / numpy | agree | C (M samples/s) | rendement / C | C, exact PERT (M samples/s) | rendement / C exact |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
declare -A rates   # "program,samples,threads" -> the repeats' rates, space-separated
# The C program's two timings for size $n, $t threads, repeat $i.
run_c() {
  if [ -n "$c_bin" ]; then
    c=$(c_rate "$n" "$t" $((100 + i))); rates[c,$n,$t]+="${c:-missing} "
    # The same C program with exact PERT draws (a ratio of gammas), as Rendement's are exact.
    c=$(c_rate "$n" "$t" $((100 + i)) --pert exact); rates[x,$n,$t]+="${c:-missing} "
  fi
}
for n in $sizes; do
  # Repeat by repeat, every program and thread count back to back, so that each repeat's ratios
  # compare runs made within the same minute.
  for i in $(seq "$repeats"); do
    for t in $threads; do
      if [ $((i % 2)) -eq 0 ]; then run_c; fi
      for _ in $(seq "$warmup"); do "$bin" run "$model" --samples "$n" --threads "$t" --format json --quiet --seed $((100 + i)) >/dev/null; done
      /usr/bin/time -f "%M" -o "$tmp/mem.$t" "$bin" run "$model" --samples "$n" --threads "$t" --format json --seed $((100 + i)) \
        >"$tmp/r.$t.json" 2>"$tmp/r.err"
      rates[r,$n,$t]+="$(grep -o '([0-9.]* M samples/s' "$tmp/r.err" | tr -d '(' | awk '{print $1}') "
      if [ $((i % 2)) -eq 1 ]; then run_c; fi
    done
    for t in $threads; do
      for _ in $(seq "$warmup"); do python3 "$ref_dir/ref_benefit_model.py" --n "$n" --threads "$t" --seed $((100 + i)) >/dev/null; done
      python3 "$ref_dir/ref_benefit_model.py" --n "$n" --threads "$t" --seed $((100 + i)) >"$tmp/p.$t.json"
      rates[p,$n,$t]+="$(rate_of "$tmp/p.$t.json") "
    done
    sleep "$settle"
  done
  for t in $threads; do
    read -ra r_rates <<<"${rates[r,$n,$t]}"; read -ra p_rates <<<"${rates[p,$n,$t]}"
    r=$(printf '%s\n' "${r_rates[@]}" | median); p=$(printf '%s\n' "${p_rates[@]}" | median)
    mem=$(( $(cat "$tmp/mem.$t") / 1024 ))
    agree=$(python3 - "$tmp/r.$t.json" "$tmp/p.$t.json" <<'PY'
import json, sys, math
r = json.load(open(sys.argv[1])); p = json.load(open(sys.argv[2]))
se = math.hypot(r["npv"]["se"], p["npv_mean_se"])
pse = math.hypot(r["probability_positive_se"], p["p_npv_pos_se"])
ok = abs(r["npv"]["mean"] - p["npv_mean"]) <= 4 * se and abs(r["probability_positive"] - p["p_npv_pos"]) <= 4 * pse
print(f'{r["npv"]["mean"]:.0f} / {p["npv_mean"]:.0f} | {"yes" if ok else "NO"}')
PY
)
    ratio=$(paired_ratio "${r_rates[@]}" "${p_rates[@]}")
    c_cols="n/a | n/a | n/a | n/a"
    if [ -n "$c_bin" ]; then
      read -ra c_rates <<<"${rates[c,$n,$t]}"; read -ra x_rates <<<"${rates[x,$n,$t]}"
      c_cols="$(c_columns "${c_rates[@]}") | $(c_columns "${x_rates[@]}")"
    fi
    echo "| $n | $t | $r | $(printf '%.2f' "$p") | ${ratio}× | $mem | $agree | $c_cols |"
  done
done
echo
scaling=()
for n in $sizes; do
  for t in $threads; do
    if [ "$t" -gt 1 ] && [ -n "${rates[r,$n,1]:-}" ]; then
      read -ra one <<<"${rates[r,$n,1]}"; read -ra many <<<"${rates[r,$n,$t]}"
      scaling+=("$(paired_ratio "${many[@]}" "${one[@]}")× at $n on $t threads")
    fi
  done
done
if [ ${#scaling[@]} -gt 0 ]; then
  echo "Rendement against itself on 1 thread (medians of paired ratios): $(IFS=';'; echo "${scaling[*]}" | sed 's/;/; /g')."
fi
if [ -n "$c_bin" ]; then
  echo "C: Benchmarks/c/reference_model.c (PERT by table), gcc $(gcc -dumpfullversion 2>/dev/null || gcc -dumpversion) -O3 -march=native; its rate covers sampling, model and statistics. \"C, exact PERT\": the same program with --pert exact (gamma ratios)."
fi
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%Y-%m-%d)"
