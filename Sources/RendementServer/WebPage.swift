import Foundation
import Hummingbird

/// The web page at `/`: plain HTML and a little JavaScript, served by the binary (no CDN).
/// It keeps the token in sessionStorage and sends it with every API call. A job has its own URL
/// (`/#/jobs/ID`), so a reload reopens it; its view (the HTML fragment its child wrote) is shown
/// in a sandboxed frame that may run no script.
enum WebPage {
    static func response(status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.cacheControl] = "no-store"
        // Everything is inline; nothing may load from elsewhere.
        headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' blob: data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
        return JSONResponse.raw(status, Data(html.utf8), contentType: "text/html; charset=utf-8", headers: headers)
    }

    static let html = head + body + "<script>\n" + WebPageScript.text + "</script>\n</body>\n</html>\n"

    static let head = #"""
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
button { background: #1f5fa8; color: white; border: 0; border-radius: 4px; padding: .35em 1em; cursor: pointer; }
button.secondary { background: #e4e9ef; color: #1d2733; }
table { border-collapse: collapse; margin: .4em 0; } td, th { padding: .15em .8em .15em 0; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
#progress { width: 320px; height: 14px; vertical-align: middle; }
.error { color: #a8201a; white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 13px; }
.ok { color: #0b6b3a; }
.muted { color: #5b6b7b; } .figures img { max-width: 520px; border: 1px solid #e4e9ef; margin: .3em; vertical-align: top; }
#jobs td { font-size: 13px; } #jobs tr:hover { background: #f2f5f8; cursor: pointer; }
.editor { display: flex; height: 24em; border: 1px solid #cfd6de; border-radius: 4px; overflow: hidden; resize: vertical; }
.gutter, .backdrop, #scenario { font: 13px/18px ui-monospace, "DejaVu Sans Mono", monospace; }
.gutter { width: 4.2em; overflow: hidden; background: #f4f6f8; color: #8592a0; text-align: right; user-select: none; padding: 4px 0 40px; box-sizing: border-box; }
.gutter div { height: 18px; padding-right: .5em; white-space: nowrap; }
.gutter div.bad { background: #f6c9c6; color: #a8201a; font-weight: bold; } .gutter div.warn { background: #f8e7b9; color: #7a5200; }
.code { position: relative; flex: 1; }
.backdrop, #scenario { position: absolute; inset: 0; margin: 0; padding: 4px 6px; border: 0; box-sizing: border-box; }
.backdrop { overflow: hidden; padding-bottom: 40px; } .backdrop div { height: 18px; } .backdrop div.bad { background: #fde2e1; } .backdrop div.warn { background: #fdf3d8; }
#scenario { background: transparent; resize: none; white-space: pre; overflow: auto; outline: none; color: #1d2733; }
#diagnostics { list-style: none; padding: 0; margin: .4em 0; font-size: 13px; }
#diagnostics li { padding: .2em .4em; border-left: 4px solid #a8201a; margin: .2em 0; cursor: pointer; background: #fbf3f2; }
#diagnostics li.warning { border-color: #c08a00; background: #fcf8ec; } #diagnostics li:hover { background: #f0e4e2; }
#diagnostics .hint { color: #5b6b7b; display: block; }
#view-frame { width: 100%; border: 0; min-height: 120px; display: block; }
pre.json { max-height: 40em; overflow: auto; background: #f7f9fb; padding: .6em; font-size: 12px; }
</style>
</head>
"""#

    static let body = #"""
<body>
<h1>Rendement server</h1>
<fieldset>
  <legend>Access</legend>
  <label>Token <input id="token" type="password" size="40" autocomplete="off"></label>
  <button id="save-token" class="secondary">Use this token</button>
  <span id="token-state" class="muted"></span>
</fieldset>
<fieldset id="new-job">
  <legend>New job</legend>
  <p><label>Scenario file <input id="file" type="file" accept=".yaml,.yml,.json"></label>
     <span class="muted">or paste or edit the YAML or JSON below</span></p>
  <div class="editor" id="editor">
    <div class="gutter" id="gutter" aria-hidden="true"></div>
    <div class="code"><div class="backdrop" id="backdrop" aria-hidden="true"></div>
      <textarea id="scenario" wrap="off" spellcheck="false" autocomplete="off" placeholder="scenario: …" aria-label="scenario"></textarea></div>
  </div>
  <ul id="diagnostics"></ul>
  <div id="check-state" class="muted"></div>
  <p>
    <label>Kind <select id="kind">
      <option>run</option><option>report</option><option>sensitivity</option>
      <option>sweep</option><option>compare</option><option>claim</option>
    </select></label>
    <label>Samples <input id="samples" type="text" size="10" placeholder="scenario's"></label>
    <label>Seed <input id="seed" type="text" size="8" placeholder="scenario's"></label>
    <label>More options (JSON) <input id="extra" type="text" size="36" placeholder='{"vary": ["discount_rate=0:0.06:4"]}'></label>
  </p>
  <button id="check" class="secondary">Check</button> <button id="submit">Submit</button>
  <div id="submit-error" class="error"></div>
</fieldset>
<section id="job" hidden>
  <h2>Job <a id="job-link" href="#"><span id="job-id"></span></a> <span id="job-kind" class="muted"></span></h2>
  <p>Status: <b id="status"></b> <progress id="progress" max="1" value="0"></progress> <span id="percent"></span>
     <button id="cancel" class="secondary">Cancel</button> <button id="reopen" class="secondary">Open in editor</button></p>
  <div id="job-error" class="error"></div>
  <div id="result" hidden>
    <div id="view-section" hidden><iframe id="view-frame" sandbox="allow-same-origin" title="the job's view"></iframe></div>
    <div id="json-section" hidden><h2>Result (JSON)</h2><pre id="json" class="json"></pre></div>
    <div id="report-section" hidden>
      <h2>Summary</h2>
      <table id="summary"></table>
      <div id="kassabon-section" hidden><h2>Kassabon</h2><table id="kassabon"></table></div>
      <div id="figures-section" hidden><h2>Figures</h2><div id="figures" class="figures"></div></div>
    </div>
    <h2>Files</h2>
    <ul id="files"></ul>
  </div>
</section>
<h2>Recent jobs <button id="refresh" class="secondary">Refresh</button></h2>
<table id="jobs"><thead><tr><th>id</th><th>kind</th><th>status</th><th>progress</th><th>created</th></tr></thead><tbody></tbody></table>
"""#
}
