"""Shared helpers for the server scripts: start `rendement serve`, call the API (urllib only), run the CLI."""
import atexit
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.path.abspath(os.environ.get("RENDEMENT", os.path.join(ROOT, ".build", "debug", "rendement")))


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


class Server:
    """A `rendement serve` child on a free loopback port, with its own data folder and token."""

    def __init__(self, data=None, token=None, extra=()):
        self.data = data or tempfile.mkdtemp(prefix="rendement-serve-")
        self.token = token or secrets.token_hex(24)
        self.tokens_file = os.path.join(self.data, "test-tokens")
        with open(self.tokens_file, "w") as f:
            f.write(self.token + "\n")
        self.extra = list(extra)
        self.process = None
        self.url = None
        self.log_path = os.path.join(self.data, "server.log")

    def start(self, timeout=30):
        # A script that fails (or raises) must not leave its server running.
        atexit.register(self.stop)
        log = open(self.log_path, "a")
        self.process = subprocess.Popen(
            [BINARY, "serve", "--port", "0", "--data", self.data, "--tokens", self.tokens_file, "--log-level", "warning"] + self.extra,
            stdout=log, stderr=subprocess.PIPE, text=True, start_new_session=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            line = self.process.stderr.readline()
            if not line:
                if self.process.poll() is not None:
                    fail(f"the server exited with {self.process.returncode}; see {self.log_path}")
                continue
            log.write(line)
            log.flush()
            m = re.search(r"listening on (http://\S+)", line)
            if m:
                self.url = m.group(1)
                # Keep draining stderr into the log so the server never blocks on a full pipe.
                import threading
                threading.Thread(target=self._drain, args=(log,), daemon=True).start()
                return self
        fail("the server did not start in time")

    def _drain(self, log):
        for line in self.process.stderr:
            log.write(line)
            log.flush()

    def signal(self, sig):
        self.process.send_signal(sig)

    def wait(self, timeout=60):
        return self.process.wait(timeout=timeout)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def request(self, method, path, body=None, headers=None, token=True, timeout=30):
        """(status, headers, bytes) of one request; never raises on HTTP errors."""
        data = None
        h = dict(headers or {})
        if body is not None:
            data = json.dumps(body).encode() if not isinstance(body, (bytes, str)) else (body.encode() if isinstance(body, str) else body)
            h.setdefault("Content-Type", "application/json")
        if token:
            h["Authorization"] = f"Bearer {self.token if token is True else token}"
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=h)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def json(self, method, path, body=None, **kw):
        status, headers, data = self.request(method, path, body, **kw)
        try:
            return status, json.loads(data) if data else None
        except ValueError:
            return status, data.decode(errors="replace")

    def all_jobs(self):
        jobs, cursor = [], None
        while True:
            status, page = self.json("GET", "/v1/jobs?limit=500" + (f"&cursor={cursor}" if cursor else ""))
            if status != 200:
                fail(f"GET /v1/jobs: {status} {page}")
            jobs += page["jobs"]
            cursor = page["next_cursor"]
            if not cursor:
                return jobs


def cli_json(kind, scenario_text, args, name="scenario.yaml"):
    """The CLI's stdout for the same scenario file name (the JSON records it), in a scratch folder."""
    folder = tempfile.mkdtemp(prefix="rendement-cli-")
    with open(os.path.join(folder, name), "w") as f:
        f.write(scenario_text)
    out = subprocess.run([BINARY, kind, name] + args + ["--format", "json", "--quiet"], cwd=folder,
                         capture_output=True, text=True)
    if out.returncode != 0:
        fail(f"the CLI failed: {out.stderr}")
    return out.stdout


def read_scenario(name):
    with open(os.path.join(ROOT, "Scenarios", name)) as f:
        return f.read()


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)
