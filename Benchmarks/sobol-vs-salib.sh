#!/usr/bin/env bash
# Sobol' indices of the reference model at 2^14 base samples (N(k + 2) = 360,448 model runs):
# Rendement against SALib (pip install SALib), each timed end to end as a user runs it, with the
# same bootstrap resamples (500). Prints a Markdown table and the largest difference in ST.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-16384}
ref_dir=${REFERENCE_DIR:-../shared/reference}
python3 -c "import SALib" 2>/dev/null || { echo "SALib is not installed: pip install SALib" >&2; exit 1; }
swift build -c release --product rendement >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
start=$(date +%s.%N)
.build/release/rendement sensitivity Scenarios/reference-model.yaml --method sobol --samples "$n" --format json -q >"$tmp/r.json"
r_time=$(python3 -c "print($(date +%s.%N) - $start)")
start=$(date +%s.%N)
python3 Benchmarks/sobol_salib.py "$n" "$ref_dir" 500 >"$tmp/s.json"
s_time=$(python3 -c "print($(date +%s.%N) - $start)")
python3 - "$tmp/r.json" "$tmp/s.json" "$r_time" "$s_time" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); s = json.load(open(sys.argv[2]))
rt, st = float(sys.argv[3]), float(sys.argv[4])
diff = max(abs(r["sobol"][k]["ST"] - s["ST"][k]) for k in s["ST"])
print("| tool | base samples | model runs | wall time (s) |")
print("|---|---|---|---|")
print(f"| rendement (--design mc) | {r['sobol_base_samples']} | {r['sobol_model_runs']} | {rt:.2f} |")
print(f"| SALib (sample + numpy model + analyze) | {s['base_samples']} | {s['model_runs']} | {st:.2f} |")
print(f"\nspeed-up {st / rt:.1f}×; largest |ST difference| {diff:.3f}")
PY
