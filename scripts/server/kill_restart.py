"""SIGKILL the server while jobs are queued and running, restart it, and check that every accepted
job finishes exactly once with the CLI's result. Then the same with SIGTERM (graceful)."""
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from common import Server, cli_json, fail, read_scenario  # noqa: E402

SCENARIO = read_scenario("den-haag-casemanagement.yaml")
QUICK, LONG = 2000, int(os.environ.get("LONG_SAMPLES", "400000"))


def submit_all(server, plan):
    accepted = {}
    for i, samples in enumerate(plan):
        body = {"kind": "run", "scenario": SCENARIO, "options": {"samples": samples, "seed": 100 + i}}
        status, reply = server.json("POST", "/v1/jobs", body, headers={"Idempotency-Key": f"kill-test-{i}"})
        if status != 202:
            fail(f"submission {i}: {status} {reply}")
        accepted[reply["id"]] = (samples, 100 + i)
    return accepted


def wait_until(predicate, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    fail(f"timed out waiting for {what}")


def statuses(server):
    return {j["id"]: j for j in server.all_jobs()}


def check_all(server, accepted, label):
    wait_until(lambda: all(j["status"] in ("succeeded", "failed", "cancelled") for j in statuses(server).values()), 900, "every job to finish")
    jobs = server.all_jobs()
    ids = [j["id"] for j in jobs]
    if len(ids) != len(set(ids)):
        fail(f"{label}: duplicate job ids")
    if set(ids) != set(accepted):
        fail(f"{label}: {len(accepted)} accepted, {len(ids)} listed ({set(accepted) ^ set(ids)})")
    expected = {}
    for job in jobs:
        if job["status"] != "succeeded":
            fail(f"{label}: job {job['id']} {job['status']}: {job['error']}")
        samples, seed = accepted[job["id"]]
        key = (samples, seed)
        if key not in expected:
            expected[key] = cli_json("run", SCENARIO, ["--samples", str(samples), "--seed", str(seed)])
        status, _, body = server.request("GET", f"/v1/jobs/{job['id']}/result")
        if status != 200 or body.decode() != expected[key]:
            fail(f"{label}: job {job['id']} result differs from the CLI's")
    return jobs


def main():
    # 16 quick runs and 4 long ones, interleaved so that the kill finds some of each queued.
    plan = [LONG if i % 5 == 1 else QUICK for i in range(20)]
    server = Server(extra=["--max-running", "1"]).start()
    print(f"server on {server.url}, data {server.data}")
    accepted = submit_all(server, plan)
    # Kill while the second long job is running (past its start), with some jobs finished and
    # others still queued.
    second_long = [i for i, s in enumerate(plan) if s == LONG][1]
    def long_running():
        js = statuses(server)
        running = [j for j in js.values() if j["status"] == "running" and accepted[j["id"]][1] - 100 == second_long and (j["progress"] or 0) > 0.05]
        return running and any(j["status"] == "queued" for j in js.values())
    wait_until(long_running, 300, "a long job to be running with others queued")
    before = statuses(server)
    counts = {s: sum(1 for j in before.values() if j["status"] == s) for s in ("queued", "running", "succeeded")}
    running_ids = [i for i, j in before.items() if j["status"] == "running"]
    print(f"SIGKILL with {counts['succeeded']} succeeded, {counts['running']} running, {counts['queued']} queued")
    server.signal(signal.SIGKILL)
    server.wait()

    server = Server(data=server.data, token=server.token, extra=["--max-running", "1"]).start()
    # A retry of a submission after the crash (same Idempotency-Key) must not duplicate the job.
    status, reply = server.json("POST", "/v1/jobs", {"kind": "run", "scenario": SCENARIO, "options": {"samples": plan[3], "seed": 103}},
                                headers={"Idempotency-Key": "kill-test-3"})
    if status != 200 or reply["id"] not in accepted:
        fail(f"a retried submission after the restart gave {status} {reply}")
    jobs = check_all(server, accepted, "after SIGKILL")
    with open(server.log_path) as f:
        orphans = f.read().count("killing the orphaned child")
    print(f"the restarted server killed {orphans} orphaned child process(es) of the killed one")
    attempts = {j["id"]: j["attempts"] for j in jobs}
    for i in running_ids:
        if attempts[i] != 2:
            fail(f"job {i} was running at the kill but has {attempts[i]} attempts")
    print(f"after SIGKILL and restart: {len(jobs)}/{len(accepted)} jobs succeeded exactly once, results equal to the CLI's; "
          f"attempts {sorted(attempts.values())}")

    # Graceful: SIGTERM while a long job runs; it goes back to the queue and runs on the next start.
    status, reply = server.json("POST", "/v1/jobs", {"kind": "run", "scenario": SCENARIO, "options": {"samples": LONG, "seed": 999}})
    accepted[reply["id"]] = (LONG, 999)
    wait_until(lambda: statuses(server)[reply["id"]]["status"] == "running", 60, "the job to start")
    started = time.time()
    server.signal(signal.SIGTERM)
    code = server.wait(timeout=60)
    print(f"SIGTERM: the server exited with {code} after {time.time() - started:.1f} s")
    if code != 0:
        fail(f"SIGTERM exit code {code}")
    server = Server(data=server.data, token=server.token).start()
    jobs = check_all(server, accepted, "after SIGTERM")
    stopped = next(j for j in jobs if j["id"] == reply["id"])
    if stopped["attempts"] != 2:
        fail(f"the job stopped by SIGTERM has {stopped['attempts']} attempts, not 2")
    print(f"after SIGTERM and restart: {len(jobs)} jobs, all succeeded with the CLI's result (the stopped one on its 2nd attempt)")
    server.stop()
    print("kill-restart test: OK")


if __name__ == "__main__":
    main()
