#!/usr/bin/env bash
# Sobol' indices of the Ishigami and G test functions: Rendement against SALib 1.6 with its
# defaults (pip install SALib), both on ONE thread, at the same number of model runs, over
# SEEDS seeds each. Reports, per function and tool: model runs, median wall time of the whole
# process (as a user runs it), RMSE of S1 and ST against the analytic indices over all seeds and
# inputs, and the coverage of the 95% intervals. The two tools run back to back for each seed.
# Usage: Benchmarks/sobol-vs-salib.sh [SALIB_BASE_SAMPLES (default 8192)] [SEEDS (default 20)]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-8192}
seeds=${2:-20}
python3 -c "import SALib" 2>/dev/null || { echo "SALib is not installed: pip install SALib==1.6.0" >&2; exit 1; }
swift build -c release --product rendement >/dev/null
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for fn in ishigami gfunction; do
  d=$([ "$fn" = ishigami ] && echo 3 || echo 8)
  runs=$((n * (2 * d + 2)))            # SALib's default design: N(2D + 2) runs
  base=$((runs / (d + 2)))             # Rendement's: N(D + 2) runs, as many or fewer
  for seed in $(seq 1 "$seeds"); do
    s=$(date +%s.%N)
    .build/release/rendement sensitivity "Benchmarks/scenarios/$fn.yaml" --method sobol --sobol-samples "$base" --seed "$seed" \
      --threads 1 --format json --quiet >"$tmp/r-$fn-$seed.json"
    e=$(date +%s.%N); echo "$e - $s" | bc >"$tmp/rt-$fn-$seed"
    s=$(date +%s.%N)
    python3 Benchmarks/sobol_peer.py "$fn" "$n" "$seed" >"$tmp/s-$fn-$seed.json"
    e=$(date +%s.%N); echo "$e - $s" | bc >"$tmp/st-$fn-$seed"
  done
done
python3 - "$tmp" "$n" "$seeds" <<'PY'
import json, sys, statistics, math
tmp, n, seeds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def truth(fn):
    if fn == "ishigami":
        a, b, pi = 7.0, 0.1, math.pi
        v1 = 0.5 * (1 + b * pi ** 4 / 5) ** 2; v2 = a * a / 8; v13 = b * b * pi ** 8 * (1 / 18 - 1 / 50)
        v = v1 + v2 + v13
        return [v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v]
    a = [0, 1, 4.5, 9, 99, 99, 99, 99]
    vi = [1 / (3 * (1 + x) ** 2) for x in a]
    prod = math.prod(1 + x for x in vi); v = prod - 1
    return [x / v for x in vi], [x * prod / (1 + x) / v for x in vi]
print("| function | tool | model runs | median time (s, 1 thread) | RMSE S1 | RMSE ST | 95% interval coverage |")
print("|---|---|---:|---:|---:|---:|---:|")
ratios = []
for fn in ["ishigami", "gfunction"]:
    s1t, stt = truth(fn)
    rows = {}
    for tool in ["r", "s"]:
        err1, errt, inside, total, times, runs = [], [], 0, 0, [], 0
        for seed in range(1, seeds + 1):
            j = json.load(open(f"{tmp}/{tool}-{fn}-{seed}.json"))
            times.append(float(open(f"{tmp}/{tool}t-{fn}-{seed}").read()))
            if tool == "r":
                names = [f"x{i + 1}" for i in range(len(s1t))]
                s1 = [j["sobol"][k]["S1"] for k in names]; st = [j["sobol"][k]["ST"] for k in names]
                lo1 = [j["sobol"][k]["S1_ci"][0] for k in names]; hi1 = [j["sobol"][k]["S1_ci"][1] for k in names]
                lot = [j["sobol"][k]["ST_ci"][0] for k in names]; hit = [j["sobol"][k]["ST_ci"][1] for k in names]
                runs = j["sobol_model_runs"]
            else:
                s1, st = j["S1"], j["ST"]
                lo1 = [x - c for x, c in zip(s1, j["S1_conf"])]; hi1 = [x + c for x, c in zip(s1, j["S1_conf"])]
                lot = [x - c for x, c in zip(st, j["ST_conf"])]; hit = [x + c for x, c in zip(st, j["ST_conf"])]
                runs = j["runs"]
            for i in range(len(s1t)):
                err1.append((s1[i] - s1t[i]) ** 2); errt.append((st[i] - stt[i]) ** 2)
                inside += (lo1[i] <= s1t[i] <= hi1[i]) + (lot[i] <= stt[i] <= hit[i]); total += 2
        rows[tool] = (runs, statistics.median(times), math.sqrt(statistics.mean(err1)), math.sqrt(statistics.mean(errt)), inside / total)
    for tool, label in [("r", "Rendement (scrambled Sobol', 8 replicates)"), ("s", "SALib 1.6 defaults (second order, bootstrap)")]:
        runs, t, e1, et, cov = rows[tool]
        print(f"| {fn} | {label} | {runs:,} | {t:.3f} | {e1:.4f} | {et:.4f} | {cov:.3f} |")
    ratios.append((fn, rows["s"][1] / rows["r"][1]))
print()
for fn, r in ratios: print(f"{fn}: Rendement {r:.1f}× faster than SALib at as many or fewer model runs, one thread each, {seeds} seeds.")
PY
