/// The web page's script: the token, the editor (line numbers, the lines a check marks, the
/// messages that move the cursor), submitting and checking, a job's URL (`#/jobs/ID`), its view
/// in a sandboxed frame, reopening its request in the editor, and the list of recent jobs.
/// Text from the server is only ever set as `textContent` or as the frame's document.
enum WebPageScript {
    static let text = #"""
"use strict";
const $ = (id) => document.getElementById(id);
const LINE = 18;
let current = null, timer = null, marks = new Map(), paintedLines = -1;

function token() { return sessionStorage.getItem("rendement-token") || ""; }
function showTokenState() { $("token-state").textContent = token() ? "token set for this tab" : "no token yet"; }
$("save-token").onclick = () => { sessionStorage.setItem("rendement-token", $("token").value.trim()); $("token").value = ""; showTokenState(); refreshJobs(); route(); };

async function api(path, options = {}) {
  options.headers = Object.assign({ "Authorization": "Bearer " + token() }, options.headers || {});
  const response = await fetch(path, options);
  if (response.status === 401) throw new Error("401: the token is missing or wrong");
  return response;
}
async function apiJSON(path, options) {
  const response = await api(path, options);
  const body = await response.json();
  if (!response.ok) { const e = new Error(body.text || body.error || response.statusText); e.body = body; e.status = response.status; throw e; }
  return body;
}

// The editor: a textarea over a backdrop of line highlights, beside a gutter of line numbers.
const editor = $("scenario");
function lineCount() { let n = 1; for (let i = editor.value.indexOf("\n"); i >= 0; i = editor.value.indexOf("\n", i + 1)) n++; return n; }
function paintEditor() {
  const n = lineCount(), gutter = document.createDocumentFragment(), backdrop = document.createDocumentFragment();
  for (let i = 1; i <= n; i++) {
    const mark = marks.get(i), g = document.createElement("div"), b = document.createElement("div");
    g.dataset.line = String(i);
    g.textContent = (mark ? "● " : "") + i;
    if (mark) { g.className = b.className = mark.severity === "error" ? "bad" : "warn"; g.title = mark.message; }
    gutter.appendChild(g); backdrop.appendChild(b);
  }
  $("gutter").replaceChildren(gutter); $("backdrop").replaceChildren(backdrop);
  paintedLines = n; syncScroll();
}
function syncScroll() { $("gutter").scrollTop = $("backdrop").scrollTop = editor.scrollTop; }
editor.addEventListener("scroll", syncScroll);
editor.addEventListener("input", () => { if (lineCount() !== paintedLines) paintEditor(); });
function setScenario(text) { editor.value = text; editor.scrollTop = 0; paintEditor(); }

function moveTo(line, column) {
  const lines = editor.value.split("\n");
  let offset = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i].length + 1;
  offset += Math.max(0, Math.min((column || 1) - 1, (lines[line - 1] || "").length));
  editor.focus();
  editor.setSelectionRange(offset, offset);
  editor.scrollTop = Math.max(0, (line - 1) * LINE - editor.clientHeight / 2);
  syncScroll();
}

// Diagnostics: marked in the gutter and the backdrop, listed below; a click moves the cursor.
function setDiagnostics(list) {
  marks = new Map();
  const ul = $("diagnostics"); ul.textContent = "";
  for (const d of list || []) {
    const severity = d.severity === "error" ? "error" : "warning";
    if (d.line > 0 && !(marks.has(d.line) && marks.get(d.line).severity === "error")) marks.set(d.line, { severity, message: d.message });
    const li = document.createElement("li");
    li.className = severity; li.dataset.line = String(d.line || 0); li.dataset.column = String(d.column || 0);
    const where = document.createElement("b");
    where.textContent = (d.line > 0 ? "line " + d.line + ", column " + d.column : d.file || "scenario") + " · " + severity + (d.field ? " · " + d.field : "") + ": ";
    li.appendChild(where);
    li.appendChild(document.createTextNode(d.message || ""));
    if (d.hint) { const hint = document.createElement("span"); hint.className = "hint"; hint.textContent = "hint: " + d.hint; li.appendChild(hint); }
    if (d.line > 0) li.onclick = () => moveTo(d.line, d.column);
    ul.appendChild(li);
  }
  paintEditor();
}

$("file").onchange = async () => { const f = $("file").files[0]; if (f) { setScenario(await f.text()); setDiagnostics([]); } };

function jobRequest() {
  const options = {};
  if ($("samples").value.trim()) options.samples = $("samples").value.trim();
  if ($("seed").value.trim()) options.seed = $("seed").value.trim();
  if ($("extra").value.trim()) Object.assign(options, JSON.parse($("extra").value));
  return { kind: $("kind").value, scenario: editor.value, options };
}

$("check").onclick = async () => {
  const state = $("check-state");
  $("submit-error").textContent = ""; state.className = "muted"; state.textContent = "checking…";
  try {
    const response = await api("/v1/check", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(jobRequest()) });
    const body = await response.json();
    if (!response.ok) { state.textContent = ""; $("submit-error").textContent = body.error || response.statusText; return; }
    setDiagnostics(body.diagnostics);
    const warnings = (body.diagnostics || []).length;
    if (body.valid) {
      state.className = "ok";
      state.textContent = "✓ valid: " + Number(body.model_runs).toLocaleString("en-US") + " model runs" + (warnings ? ", " + warnings + " warning" + (warnings === 1 ? "" : "s") : "");
    } else {
      state.className = "error";
      state.textContent = (body.error || "not valid") + (body.field ? " (" + body.field + ")" : "");
    }
  } catch (e) { state.textContent = ""; $("submit-error").textContent = e.message; }
};

$("submit").onclick = async () => {
  $("submit-error").textContent = ""; $("check-state").textContent = "";
  try {
    const job = await apiJSON("/v1/jobs", { method: "POST", headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID ? crypto.randomUUID() : String(Math.random()) },
      body: JSON.stringify(jobRequest()) });
    openJob(job.id);
  } catch (e) {
    if (e.body && Array.isArray(e.body.diagnostics)) setDiagnostics(e.body.diagnostics);
    $("submit-error").textContent = e.message;
  }
};

// A job's URL is #/jobs/ID: a reload or a shared link opens it again.
function jobFromHash() { const m = /^#\/jobs\/([A-Za-z0-9_-]{1,100})$/.exec(location.hash); return m ? m[1] : null; }
function openJob(id) { if (jobFromHash() === id) watch(id); else location.hash = "#/jobs/" + id; }
function route() {
  const id = jobFromHash();
  if (!id) return;
  if (!token()) { $("token-state").textContent = "enter the token to open job " + id; return; }
  if (id !== current) watch(id);
}
window.addEventListener("hashchange", route);

function watch(id) {
  current = id; clearTimeout(timer);
  $("job").hidden = false; $("job-id").textContent = id; $("job-link").href = "#/jobs/" + id; $("job-kind").textContent = "";
  // Nothing of the previous job stays on screen under the new one's id.
  $("result").hidden = true; $("view-section").hidden = true; $("json-section").hidden = true; $("report-section").hidden = true;
  $("view-frame").srcdoc = ""; $("json").textContent = "";
  $("status").textContent = ""; $("progress").value = 0; $("percent").textContent = "";
  $("job-error").textContent = ""; poll();
}

async function poll() {
  if (!current) return;
  const id = current;
  try {
    const job = await apiJSON("/v1/jobs/" + id);
    if (id !== current) return;
    $("job-kind").textContent = job.kind;
    $("status").textContent = job.status;
    $("progress").value = job.progress || 0;
    $("percent").textContent = Math.round((job.progress || 0) * 100) + "%";
    $("cancel").hidden = !(job.status === "queued" || job.status === "running");
    if (job.status === "succeeded") { await showResult(job); refreshJobs(); return; }
    if (job.status === "failed" || job.status === "cancelled") { $("job-error").textContent = job.error || job.status; refreshJobs(); return; }
  } catch (e) { if (id === current) $("job-error").textContent = e.message; if (e.status === 404) return; }
  timer = setTimeout(poll, 500);
}

$("cancel").onclick = async () => { if (current) { try { await api("/v1/jobs/" + current, { method: "DELETE" }); } catch (e) {} poll(); } };

$("reopen").onclick = async () => {
  if (!current) return;
  try {
    const request = await apiJSON("/v1/jobs/" + current + "/request");
    setScenario(request.scenario);
    $("kind").value = request.kind;
    const options = Object.assign({}, request.options);
    $("samples").value = options.samples !== undefined ? String(options.samples) : ""; delete options.samples;
    $("seed").value = options.seed !== undefined ? String(options.seed) : ""; delete options.seed;
    $("extra").value = Object.keys(options).length ? JSON.stringify(options) : "";
    setDiagnostics([]); $("check-state").textContent = "job " + current + "'s request: edit it and submit it as a new job";
    $("new-job").scrollIntoView(); editor.focus();
  } catch (e) { $("job-error").textContent = e.message; }
};

async function showResult(job) {
  const id = job.id;
  const files = $("files"); files.textContent = "";
  addDownload(files, "result.json (the full result)", "/v1/jobs/" + id + "/result", "result-" + id + ".json");
  for (const f of job.files || []) addDownload(files, f.name, f.url, f.name);
  if (job.links && job.links.view) {
    const response = await api(job.links.view);
    if (id !== current) return;
    if (response.ok) { showView(await response.text()); $("result").hidden = false; return; }
  }
  if (job.kind === "report") await showReport(job); else await showJSON(job);
  if (id === current) $("result").hidden = false;
}

// The view is the engine's own rendering; the frame may run no script and load nothing.
function showView(fragment) {
  const frame = $("view-frame");
  frame.onload = fitView;
  frame.srcdoc = '<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">' + fragment + "</body></html>";
  $("view-section").hidden = false;
}
function fitView() {
  const frame = $("view-frame");
  try { frame.style.height = (frame.contentDocument.documentElement.scrollHeight + 8) + "px"; } catch (e) { frame.style.height = "60em"; }
}
window.addEventListener("resize", () => { if (!$("view-section").hidden) fitView(); });

async function showJSON(job) {
  const result = await (await api("/v1/jobs/" + job.id + "/result")).text();
  if (job.id !== current) return;
  let text = result;
  try { text = JSON.stringify(JSON.parse(result), null, 2); } catch (e) {}
  $("json").textContent = text; $("json-section").hidden = false;
}

const fmt = (x) => typeof x === "number" ? (Math.abs(x) >= 1000 ? x.toLocaleString("en-US", { maximumFractionDigits: 0 }) : x.toPrecision(4)) : String(x);
function row(table, cells, key) {
  const tr = document.createElement("tr");
  if (key) tr.dataset.key = key;
  cells.forEach((c, i) => { const td = document.createElement(i === 0 ? "th" : "td"); td.textContent = fmt(c); if (typeof c === "number") { td.className = "num"; td.dataset.value = String(c); } tr.appendChild(td); });
  table.appendChild(tr);
}

// A report job: its summary and kassabon from result.json, and every figure it wrote.
async function showReport(job) {
  const result = await apiJSON("/v1/jobs/" + job.id + "/result");
  if (job.id !== current) return;
  const summary = $("summary"); summary.textContent = "";
  if (result.npv && result.bcr) {
    row(summary, ["", "mean", "P5", "P50", "P95"]);
    row(summary, ["NPV", result.npv.mean, result.npv.p05, result.npv.p50, result.npv.p95], "npv");
    row(summary, ["BCR", result.bcr.mean, result.bcr.p05, result.bcr.p50, result.bcr.p95], "bcr");
    if (result.pv_benefits) row(summary, ["PV benefits", result.pv_benefits.mean, result.pv_benefits.p05, result.pv_benefits.p50, result.pv_benefits.p95], "pv_benefits");
    if (result.pv_costs) row(summary, ["PV costs", result.pv_costs.mean, result.pv_costs.p05, result.pv_costs.p50, result.pv_costs.p95], "pv_costs");
    row(summary, ["P(NPV > 0)", result.probability_positive], "probability_positive");
    row(summary, ["samples, seed", result.samples + ", seed " + result.seed], "samples");
  }
  const kassabon = $("kassabon"); kassabon.textContent = "";
  $("kassabon-section").hidden = !Array.isArray(result.lines);
  if (Array.isArray(result.lines)) {
    row(kassabon, ["line", "type", "stakeholder", "mean", "P5", "P95"]);
    result.lines.forEach((l) => row(kassabon, [l.name, l.type, l.stakeholder, l.mean, l.p05, l.p95], "line"));
  }
  const figures = $("figures"); figures.textContent = "";
  for (const f of job.files || []) {
    if (!f.name.endsWith(".svg")) continue;
    const blob = await (await api(f.url)).blob();
    const img = document.createElement("img"); img.alt = f.name; img.title = f.name; img.src = URL.createObjectURL(blob);
    figures.appendChild(img);
  }
  $("figures-section").hidden = figures.childElementCount === 0;
  $("report-section").hidden = false;
}

function addDownload(list, label, url, name) {
  const li = document.createElement("li"); const a = document.createElement("a");
  a.href = "#"; a.textContent = label; a.dataset.name = name;
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
      tr.onclick = () => openJob(j.id);
      body.appendChild(tr);
    }
  } catch (e) { $("token-state").textContent = e.message; }
}
$("refresh").onclick = refreshJobs;
showTokenState(); paintEditor(); refreshJobs(); route();

"""#
}
