#!/usr/bin/env python3
"""SALib 1.6 with its defaults on a Sobol' test function, as a user runs it: sample (scrambled
Sobol', second-order design), evaluate the function with numpy, analyze (bootstrap intervals,
100 resamples, 95%). Prints one JSON line. Usage: sobol_peer.py ishigami|gfunction N SEED"""
import json, sys
import numpy as np
from SALib.sample import sobol as sobol_sample
from SALib.analyze import sobol as sobol_analyze

name, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
if name == "ishigami":
    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * 3}
    f = lambda x: np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])
else:
    a = np.array([0, 1, 4.5, 9, 99, 99, 99, 99])
    problem = {"num_vars": 8, "names": [f"x{i + 1}" for i in range(8)], "bounds": [[0, 1]] * 8}
    f = lambda x: np.prod((np.abs(4 * x - 2) + a) / (1 + a), axis=1)
x = sobol_sample.sample(problem, n, seed=seed)
y = f(x)
res = sobol_analyze.analyze(problem, y, seed=seed)
print(json.dumps({"runs": int(len(y)), "S1": list(map(float, res["S1"])), "ST": list(map(float, res["ST"])),
                  "S1_conf": list(map(float, res["S1_conf"])), "ST_conf": list(map(float, res["ST_conf"]))}))
