#!/usr/bin/env bash
# Sobol' indices of the Ishigami and G test functions: Rendement against SALib 1.6 with its
# defaults (pip install SALib==1.6.0), both on ONE thread (OMP/BLAS threads 1, --threads 1).
#
# SALib's default design spends N(2D + 2) model runs (it also estimates second-order indices);
# Rendement's spends N(D + 2) in two Owen-scrambled replicates. Neither can match the other's run
# count with complete nets, so each tool runs at its natural size: SALib at N = $1 (a power of
# two), Rendement at the nearest power-of-two design with at least as many runs (N' = 2N) and
# with fewer (N' = N). Per function and configuration, over SEEDS seeds: model runs, median wall
# time of the whole process as a user runs it (the two tools back to back for each seed), RMSE of
# S1 and ST against the analytic indices over all seeds and inputs, the accuracy per model run
# (RMSE × √runs: lower is better), and the coverage of the 95% intervals.
# Usage: Benchmarks/sobol-vs-salib.sh [SALIB_BASE_SAMPLES (default 8192)] [SEEDS (default 50)]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-8192}
seeds=${2:-50}
python3 -c "import SALib" 2>/dev/null || { echo "SALib is not installed: pip install SALib==1.6.0" >&2; exit 1; }
swift build -c release --product rendement >/dev/null
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for fn in ishigami gfunction; do
  for seed in $(seq 1 "$seeds"); do
    for base in $((2 * n)) "$n"; do
      s=$(date +%s.%N)
      .build/release/rendement sensitivity "Benchmarks/scenarios/$fn.yaml" --method sobol --sobol-samples "$base" --seed "$seed" \
        --threads 1 --format json --quiet 2>/dev/null >"$tmp/r$base-$fn-$seed.json"
      e=$(date +%s.%N); echo "$e - $s" | bc >"$tmp/r${base}t-$fn-$seed"
    done
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
print("| function | tool | model runs | median time (s, 1 thread) | RMSE S1 | RMSE ST | RMSE × √runs (S1, ST) | 95% coverage |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
lines = []
for fn in ["ishigami", "gfunction"]:
    s1t, stt = truth(fn)
    k = len(s1t)
    rows = {}
    for tool in [f"r{2 * n}", f"r{n}", "s"]:
        err1, errt, inside, total, times, runs = [], [], 0, 0, [], 0
        for seed in range(1, seeds + 1):
            j = json.load(open(f"{tmp}/{tool}-{fn}-{seed}.json"))
            times.append(float(open(f"{tmp}/{tool}t-{fn}-{seed}").read()))
            if tool != "s":
                names = [f"x{i + 1}" for i in range(k)]
                s1 = [j["sobol"][x]["S1"] for x in names]; st = [j["sobol"][x]["ST"] for x in names]
                lo1 = [j["sobol"][x]["S1_ci"][0] for x in names]; hi1 = [j["sobol"][x]["S1_ci"][1] for x in names]
                lot = [j["sobol"][x]["ST_ci"][0] for x in names]; hit = [j["sobol"][x]["ST_ci"][1] for x in names]
                runs = j["sobol_model_runs"]
            else:
                s1, st = j["S1"], j["ST"]
                lo1 = [x - c for x, c in zip(s1, j["S1_conf"])]; hi1 = [x + c for x, c in zip(s1, j["S1_conf"])]
                lot = [x - c for x, c in zip(st, j["ST_conf"])]; hit = [x + c for x, c in zip(st, j["ST_conf"])]
                runs = j["runs"]
            for i in range(k):
                err1.append((s1[i] - s1t[i]) ** 2); errt.append((st[i] - stt[i]) ** 2)
                inside += (lo1[i] <= s1t[i] <= hi1[i]) + (lot[i] <= stt[i] <= hit[i]); total += 2
        rows[tool] = (runs, statistics.median(times), math.sqrt(statistics.mean(err1)), math.sqrt(statistics.mean(errt)), inside / total)
    labels = {f"r{2 * n}": f"Rendement, N = {2 * n}, 2 Owen-scrambled replicates", f"r{n}": f"Rendement, N = {n}, 2 replicates",
              "s": f"SALib 1.6 defaults, N = {n} (second order, bootstrap)"}
    for tool in [f"r{2 * n}", f"r{n}", "s"]:
        runs, t, e1, et, cov = rows[tool]
        print(f"| {fn} | {labels[tool]} | {runs:,} | {t:.3f} | {e1:.5f} | {et:.5f} | {e1 * math.sqrt(runs):.3f}, {et * math.sqrt(runs):.3f} | {cov:.3f} |")
    s_runs, s_time = rows["s"][0], rows["s"][1]
    r_runs, r_time = rows[f"r{2 * n}"][0], rows[f"r{2 * n}"][1]
    lines.append(f"{fn}: SALib takes {s_time / r_time:.0f}× Rendement's time for {s_runs:,} model runs against Rendement's {r_runs:,}; "
                 f"per model run, {s_time / s_runs / (r_time / r_runs):.0f}× ({seeds} seeds, one thread each).")
print()
print("\n".join(lines))
PY
