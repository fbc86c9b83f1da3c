#!/usr/bin/env python3
"""A bounded load test on loopback: CLIENTS concurrent clients submit JOBS small jobs in all and poll
each until it finishes. Every job must succeed with the CLI's result; no 5xx, nothing lost or
duplicated. Prints throughput and latency percentiles. RENDEMENT=path/to/rendement."""
import argparse
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from common import Server, cli_json, fail, percentile, read_scenario  # noqa: E402


def hostile(server, scenario):
    """Oversized, deeply nested and alias-bomb bodies are refused fast, and the server keeps serving."""
    bomb = ["scenario: Bomb", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    bomb += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    deep_expression = "scenario: Deep\nstakeholders: [{id: c}]\nbenefits: [{name: B, beneficiary: c, amount: \"" + "(" * 1000 + "1" + ")" * 1000 + "\"}]"
    cases = [
        ("3 MiB body", 413, "larger than", {"kind": "run", "scenario": "# " + "x" * (3 << 20)}),
        ("billion laughs", 422, "aliases expand", {"kind": "run", "scenario": "\n".join(bomb)}),
        ("YAML nested 100,000 deep", 422, "nests deeper", {"kind": "run", "scenario": "x: " + "[" * 100_000 + "]" * 100_000}),
        ("expression nested 1,000 deep", 422, "nests deeper", {"kind": "run", "scenario": deep_expression}),
    ]
    for name, want, message, body in cases:
        t0 = time.perf_counter()
        status, reply = server.json("POST", "/v1/jobs", body)
        ms = 1000 * (time.perf_counter() - t0)
        if status != want or message not in str(reply):
            fail(f"{name}: {status} instead of {want}: {str(reply)[:300]}")
        print(f"hostile: {name} refused with {status} in {ms:.0f} ms")
    status, _ = server.json("GET", "/health", token=False)
    if status != 200:
        fail("the server stopped answering after the hostile bodies")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--jobs", type=int, default=500)
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--seeds", type=int, default=5, help="distinct seeds (each checked against one CLI run)")
    parser.add_argument("--max-running", type=int, default=2)
    parser.add_argument("--poll", type=float, default=0.2, help="seconds between polls")
    args = parser.parse_args()

    scenario = read_scenario("den-haag-casemanagement.yaml")
    expected = {seed: cli_json("run", scenario, ["--samples", str(args.samples), "--seed", str(seed)]) for seed in range(1, args.seeds + 1)}
    server = Server(extra=["--max-running", str(args.max_running), "--max-queued", str(args.clients * 2)]).start()
    print(f"server on {server.url}: {args.clients} clients, {args.jobs} jobs of {args.samples} samples, --max-running {args.max_running}")

    hostile(server, scenario)
    lock = threading.Lock()
    next_job = [0]
    submit_latency, end_to_end, errors, server_errors, ids = [], [], [], [], []
    requests = [0]

    def client():
        while True:
            with lock:
                n = next_job[0]
                if n >= args.jobs:
                    return
                next_job[0] += 1
            seed = n % args.seeds + 1
            body = {"kind": "run", "scenario": scenario, "options": {"samples": args.samples, "seed": seed}}
            t0 = time.perf_counter()
            status, reply = server.json("POST", "/v1/jobs", body, headers={"Idempotency-Key": f"load-{n}"})
            t1 = time.perf_counter()
            with lock:
                requests[0] += 1
            if status >= 500:
                server_errors.append(status)
            if status != 202:
                errors.append(f"submit {n}: {status} {reply}")
                continue
            job_id = reply["id"]
            while True:
                time.sleep(args.poll)
                status, job = server.json("GET", f"/v1/jobs/{job_id}")
                with lock:
                    requests[0] += 1
                if status >= 500:
                    server_errors.append(status)
                if status == 200 and job["status"] in ("succeeded", "failed", "cancelled"):
                    break
            t2 = time.perf_counter()
            status, _, result = server.request("GET", f"/v1/jobs/{job_id}/result")
            with lock:
                requests[0] += 1
                ids.append(job_id)
                submit_latency.append(t1 - t0)
                end_to_end.append(t2 - t0)
            if status != 200 or result.decode() != expected[seed]:
                errors.append(f"job {job_id} (seed {seed}): {job['status']} {job.get('error')}, result {'differs' if status == 200 else status}")

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started

    listed = server.all_jobs()
    server.stop()
    if server_errors:
        fail(f"{len(server_errors)} responses were 5xx")
    if errors:
        fail(f"{len(errors)} problems, e.g. {errors[:3]}")
    if len(ids) != args.jobs or len(set(ids)) != args.jobs:
        fail(f"{len(ids)} jobs finished ({len(set(ids))} distinct) of {args.jobs}")
    if sorted(j["id"] for j in listed) != sorted(ids):
        fail(f"the server lists {len(listed)} jobs, the clients submitted {len(ids)}")
    print(f"{args.jobs} jobs in {elapsed:.1f} s: {args.jobs / elapsed:.1f} jobs/s, {requests[0] / elapsed:.0f} requests/s; "
          f"all succeeded with the CLI's result, no 5xx, none lost or duplicated")
    print("submit latency   p50 %.1f ms  p95 %.1f ms  p99 %.1f ms" % tuple(1000 * percentile(submit_latency, p) for p in (50, 95, 99)))
    print("end-to-end       p50 %.2f s  p95 %.2f s  p99 %.2f s" % tuple(percentile(end_to_end, p) for p in (50, 95, 99)))
    print("load test: OK")


if __name__ == "__main__":
    main()
