#!/usr/bin/env python3
"""SALib's Sobol' analysis of the reference model (shared/reference), timed like Rendement's:
sampling, model runs (numpy, vectorised) and analysis with bootstrap confidence intervals.
Prints one JSON line. Usage: sobol_salib.py N [reference_dir] [resamples]"""
import json, sys, time, importlib.util, os
import numpy as np
from SALib.sample import sobol as sobol_sample
from SALib.analyze import sobol as sobol_analyze
from scipy import stats

n = int(float(sys.argv[1])) if len(sys.argv) > 1 else 16384
ref_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "reference")
resamples = int(sys.argv[3]) if len(sys.argv) > 3 else 500
spec = importlib.util.spec_from_file_location("ref", os.path.join(ref_dir, "ref_benefit_model.py"))
ref = importlib.util.module_from_spec(spec); spec.loader.exec_module(ref)

names = list(ref.INPUTS)
problem = {"num_vars": len(names), "names": names, "bounds": [[0, 1]] * len(names)}

def inverse_cdf(dist, par, u):
    if dist == "pert":
        lo, _, hi = par
        return lo + (hi - lo) * stats.beta.ppf(u, *ref.pert_shape(*par))
    if dist == "tri":
        lo, mode, hi = par
        return stats.triang.ppf(u, (mode - lo) / (hi - lo), loc=lo, scale=hi - lo)
    if dist == "uniform":
        return par[0] + (par[1] - par[0]) * u
    if dist == "lognormal90":
        mu, s = ref.lognormal_params(*par)
        return np.exp(mu + s * stats.norm.ppf(u))
    m, s = par  # truncnormal0
    return stats.truncnorm.ppf(u, -m / s, np.inf, loc=m, scale=s)

t0 = time.perf_counter()
u = sobol_sample.sample(problem, n, calc_second_order=False, seed=1)
x = {name: inverse_cdf(*ref.INPUTS[name], u[:, j]) for j, name in enumerate(names)}
t1 = time.perf_counter()
pv_b, pv_c = ref.model(x)
y = pv_b - pv_c
t2 = time.perf_counter()
res = sobol_analyze.analyze(problem, y, calc_second_order=False, num_resamples=resamples, seed=1)
t3 = time.perf_counter()
print(json.dumps({"tool": "SALib", "base_samples": n, "model_runs": int(len(y)), "time_total_s": t3 - t0,
                  "time_sample_s": t1 - t0, "time_model_s": t2 - t1, "time_analyze_s": t3 - t2,
                  "ST": dict(zip(names, map(float, res["ST"]))), "S1": dict(zip(names, map(float, res["S1"])))}))
