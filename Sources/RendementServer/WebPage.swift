import Foundation
import Hummingbird

/// The web page at `/`: plain HTML and a little JavaScript, served by the binary (no CDN).
/// It keeps the token in sessionStorage and sends it with every API call.
enum WebPage {
    static func response(status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.cacheControl] = "no-store"
        // Everything is inline; nothing may load from elsewhere.
        headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' blob: data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
        return JSONResponse.raw(status, Data(html.utf8), contentType: "text/html; charset=utf-8", headers: headers)
    }

    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rendement server</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1em 1.5em; color: #1d2733; }
h1 { font-size: 1.5em; margin: .2em 0 .6em; } h2 { font-size: 1.15em; margin: 1.2em 0 .4em; }
fieldset { border: 1px solid #cfd6de; border-radius: 6px; margin: .6em 0; padding: .6em 1em; }
label { display: inline-block; margin: .2em 1em .2em 0; }
input, select, textarea, button { font: inherit; }
textarea { width: 100%; box-sizing: border-box; font-family: ui-monospace, monospace; font-size: 13px; }
button { background: #1f5fa8; color: white; border: 0; border-radius: 4px; padding: .35em 1em; cursor: pointer; }
button.secondary { background: #e4e9ef; color: #1d2733; }
table { border-collapse: collapse; margin: .4em 0; } td, th { padding: .15em .8em .15em 0; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
#progress { width: 320px; height: 14px; vertical-align: middle; }
.error { color: #a8201a; white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 13px; }
.muted { color: #5b6b7b; } .figures img { max-width: 520px; border: 1px solid #e4e9ef; margin: .3em; vertical-align: top; }
#jobs td { font-size: 13px; } #jobs tr:hover { background: #f2f5f8; cursor: pointer; }
</style>
</head>
<body>
<h1>Rendement server</h1>
<fieldset>
  <legend>Access</legend>
  <label>Token <input id="token" type="password" size="40" autocomplete="off"></label>
  <button id="save-token" class="secondary">Use this token</button>
  <span id="token-state" class="muted"></span>
</fieldset>
<fieldset>
  <legend>New job</legend>
  <p><label>Scenario file <input id="file" type="file" accept=".yaml,.yml,.json"></label>
     <span class="muted">or paste the YAML or JSON below</span></p>
  <textarea id="scenario" rows="12" spellcheck="false" placeholder="scenario: …"></textarea>
  <p>
    <label>Kind <select id="kind">
      <option>run</option><option>report</option><option>sensitivity</option>
      <option>sweep</option><option>compare</option><option>claim</option>
    </select></label>
    <label>Samples <input id="samples" type="text" size="10" placeholder="scenario's"></label>
    <label>Seed <input id="seed" type="text" size="8" placeholder="scenario's"></label>
    <label>More options (JSON) <input id="extra" type="text" size="36" placeholder='{"vary": ["discount_rate=0:0.06:4"]}'></label>
  </p>
  <button id="submit">Submit</button>
  <div id="submit-error" class="error"></div>
</fieldset>
<section id="job" hidden>
  <h2>Job <span id="job-id"></span></h2>
  <p>Status: <b id="status"></b> <progress id="progress" max="1" value="0"></progress> <span id="percent"></span>
     <button id="cancel" class="secondary">Cancel</button></p>
  <div id="job-error" class="error"></div>
  <div id="result" hidden>
    <h2>Summary</h2>
    <table id="summary"></table>
    <div id="kassabon-section" hidden><h2>Kassabon</h2><table id="kassabon"></table></div>
    <div id="figures-section" hidden><h2>Figures</h2><div id="figures" class="figures"></div></div>
    <h2>Files</h2>
    <ul id="files"></ul>
  </div>
</section>
<h2>Recent jobs <button id="refresh" class="secondary">Refresh</button></h2>
<table id="jobs"><thead><tr><th>id</th><th>kind</th><th>status</th><th>progress</th><th>created</th></tr></thead><tbody></tbody></table>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
let current = null, timer = null;

function token() { return sessionStorage.getItem("rendement-token") || ""; }
function showTokenState() { $("token-state").textContent = token() ? "token set for this tab" : "no token yet"; }
$("save-token").onclick = () => { sessionStorage.setItem("rendement-token", $("token").value.trim()); $("token").value = ""; showTokenState(); refreshJobs(); };

async function api(path, options = {}) {
  options.headers = Object.assign({ "Authorization": "Bearer " + token() }, options.headers || {});
  const response = await fetch(path, options);
  if (response.status === 401) throw new Error("401: the token is missing or wrong");
  return response;
}
async function apiJSON(path, options) {
  const response = await api(path, options);
  const body = await response.json();
  if (!response.ok) { const e = new Error(body.text || body.error || response.statusText); e.body = body; throw e; }
  return body;
}

$("file").onchange = async () => { const f = $("file").files[0]; if (f) $("scenario").value = await f.text(); };

$("submit").onclick = async () => {
  $("submit-error").textContent = "";
  const options = {};
  if ($("samples").value.trim()) options.samples = $("samples").value.trim();
  if ($("seed").value.trim()) options.seed = $("seed").value.trim();
  try {
    if ($("extra").value.trim()) Object.assign(options, JSON.parse($("extra").value));
    const job = await apiJSON("/v1/jobs", { method: "POST", headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID ? crypto.randomUUID() : String(Math.random()) },
      body: JSON.stringify({ kind: $("kind").value, scenario: $("scenario").value, options }) });
    watch(job.id);
  } catch (e) { $("submit-error").textContent = e.message; }
};

function watch(id) {
  current = id; clearTimeout(timer);
  $("job").hidden = false; $("job-id").textContent = id; $("result").hidden = true;
  // Nothing of the previous job stays on screen under the new one's id.
  $("status").textContent = ""; $("progress").value = 0; $("percent").textContent = "";
  $("job-error").textContent = ""; poll();
}

async function poll() {
  if (!current) return;
  const id = current;
  try {
    const job = await apiJSON("/v1/jobs/" + id);
    if (id !== current) return;
    $("status").textContent = job.status;
    $("progress").value = job.progress || 0;
    $("percent").textContent = Math.round((job.progress || 0) * 100) + "%";
    $("cancel").hidden = !(job.status === "queued" || job.status === "running");
    if (job.status === "succeeded") { await showResult(job); refreshJobs(); return; }
    if (job.status === "failed" || job.status === "cancelled") { $("job-error").textContent = job.error || job.status; refreshJobs(); return; }
  } catch (e) { $("job-error").textContent = e.message; }
  timer = setTimeout(poll, 500);
}

$("cancel").onclick = async () => { if (current) { try { await api("/v1/jobs/" + current, { method: "DELETE" }); } catch (e) {} poll(); } };

const fmt = (x) => typeof x === "number" ? (Math.abs(x) >= 1000 ? x.toLocaleString("en-US", { maximumFractionDigits: 0 }) : x.toPrecision(4)) : String(x);

function row(table, cells, key) {
  const tr = document.createElement("tr");
  if (key) tr.dataset.key = key;
  cells.forEach((c, i) => { const td = document.createElement(i === 0 ? "th" : "td"); td.textContent = fmt(c); if (typeof c === "number") { td.className = "num"; td.dataset.value = String(c); } tr.appendChild(td); });
  table.appendChild(tr);
}

async function showResult(job) {
  const result = await apiJSON("/v1/jobs/" + job.id + "/result");
  $("result").hidden = false;
  const summary = $("summary"); summary.textContent = "";
  if (result.npv && result.bcr) {
    row(summary, ["", "mean", "P5", "P50", "P95"]);
    row(summary, ["NPV", result.npv.mean, result.npv.p05, result.npv.p50, result.npv.p95], "npv");
    row(summary, ["BCR", result.bcr.mean, result.bcr.p05, result.bcr.p50, result.bcr.p95], "bcr");
    if (result.pv_benefits) row(summary, ["PV benefits", result.pv_benefits.mean, result.pv_benefits.p05, result.pv_benefits.p50, result.pv_benefits.p95], "pv_benefits");
    if (result.pv_costs) row(summary, ["PV costs", result.pv_costs.mean, result.pv_costs.p05, result.pv_costs.p50, result.pv_costs.p95], "pv_costs");
    row(summary, ["P(NPV > 0)", result.probability_positive], "probability_positive");
    row(summary, ["samples, seed", result.samples + ", seed " + result.seed], "samples");
  } else {
    const pre = document.createElement("pre"); pre.textContent = JSON.stringify(result, null, 2).slice(0, 20000);
    const tr = document.createElement("tr"); const td = document.createElement("td"); td.appendChild(pre); tr.appendChild(td); summary.appendChild(tr);
  }
  const kassabon = $("kassabon"); kassabon.textContent = "";
  $("kassabon-section").hidden = !Array.isArray(result.lines);
  if (Array.isArray(result.lines)) {
    row(kassabon, ["line", "type", "stakeholder", "mean", "P5", "P95"]);
    result.lines.forEach((l) => row(kassabon, [l.name, l.type, l.stakeholder, l.mean, l.p05, l.p95], "line"));
  }
  const files = $("files"); files.textContent = "";
  const figures = $("figures"); figures.textContent = "";
  addDownload(files, "result.json", "/v1/jobs/" + job.id + "/result");
  for (const f of job.files || []) {
    addDownload(files, f.name, f.url);
    if (f.name.endsWith(".svg")) {
      const blob = await (await api(f.url)).blob();
      const img = document.createElement("img"); img.alt = f.name; img.title = f.name; img.src = URL.createObjectURL(blob);
      figures.appendChild(img);
    }
  }
  $("figures-section").hidden = figures.childElementCount === 0;
}

function addDownload(list, name, url) {
  const li = document.createElement("li"); const a = document.createElement("a");
  a.href = "#"; a.textContent = name;
  a.onclick = async (event) => {
    event.preventDefault();
    const blob = await (await api(url)).blob();
    const link = document.createElement("a"); link.href = URL.createObjectURL(blob); link.download = name; link.click();
  };
  li.appendChild(a); list.appendChild(li);
}

async function refreshJobs() {
  if (!token()) return;
  try {
    const page = await apiJSON("/v1/jobs?limit=20");
    const body = $("jobs").tBodies[0]; body.textContent = "";
    for (const j of page.jobs) {
      const tr = document.createElement("tr");
      [j.id, j.kind, j.status, Math.round((j.progress || 0) * 100) + "%", j.created_at].forEach((c) => { const td = document.createElement("td"); td.textContent = c; tr.appendChild(td); });
      tr.onclick = () => watch(j.id);
      body.appendChild(tr);
    }
  } catch (e) { $("token-state").textContent = e.message; }
}
$("refresh").onclick = refreshJobs;
showTokenState(); refreshJobs();
</script>
</body>
</html>
"""#
}
