#!/usr/bin/env python3
"""The web page end to end in headless Chromium (Debian's chromium + chromium-driver, Selenium):
enter the token, paste a bundled scenario and drive every job kind on the page. Each must show
its own view (the fragment its child wrote, in a sandboxed frame): a run's kassabon with the
CLI's numbers, sensitivity's tornado and Sobol' bars, a sweep's curves and points, a comparison's
paired differences, a claim's verdict; a report's figures. A hostile title shows as text and runs
nothing; a reload keeps the job (its URL is #/jobs/ID); a job reopens in the editor and is
resubmitted edited; a validation error marks its line in the editor, and clicking its message
moves the cursor there. Screenshots go to $RENDEMENT_SHOTS (else a temporary folder; paths
printed). RENDEMENT=path/to/rendement."""
import json
import os
import sys
import tempfile
from contextlib import contextmanager

sys.path.insert(0, os.path.dirname(__file__))
from common import Server, cli_json, fail, read_scenario  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

SCENARIO_NAME = "vonl-amsterdam.yaml"
SAMPLES, SEED = 5000, 11
HOSTILE = """scenario: "<script>alert(1)</script>"
stakeholders: [{id: city, label: "<img src=x onerror=alert(2)>"}]
inputs:
  x: {dist: uniform, min: 50, max: 250}
costs: [{name: "</td><script>alert(3)</script>", payer: city, amount: 100}]
benefits: [{name: B, beneficiary: city, amount: x}]
"""
BAD = """scenario: Bad
stakeholders: [{id: city}]
costs: [{name: C, payer: city, amount: 100}]
inputs:
  x: {dist: pret, min: 1, mode: 2, max: 3}
benefits: [{name: B, beneficiary: city, amount: x}]
"""


def browser():
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,2200"):
        options.add_argument(arg)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def fill(driver, kind, scenario, samples=SAMPLES, extra=None):
    driver.execute_script("setScenario(arguments[0]);", scenario)
    Select(driver.find_element(By.ID, "kind")).select_by_visible_text(kind)
    for field, value in (("samples", samples), ("seed", SEED), ("extra", json.dumps(extra) if extra else "")):
        box = driver.find_element(By.ID, field)
        box.clear()
        if value != "":
            box.send_keys(str(value))


def wait_done(driver, previous):
    # First the new job's id (until then the page still shows the previous job's final status).
    WebDriverWait(driver, 60).until(lambda d: d.find_element(By.ID, "job-id").text not in ("", previous))
    WebDriverWait(driver, 300).until(lambda d: d.find_element(By.ID, "status").text in ("succeeded", "failed", "cancelled"))
    job_id = driver.find_element(By.ID, "job-id").text
    status = driver.find_element(By.ID, "status").text
    if status != "succeeded":
        fail(f"job {job_id} {status}: {driver.find_element(By.ID, 'job-error').text}")
    if not driver.current_url.endswith("#/jobs/" + job_id):
        fail(f"the page's URL is {driver.current_url}, not the job's")
    return job_id


def submit(driver, kind, scenario, samples=SAMPLES, extra=None):
    fill(driver, kind, scenario, samples, extra)
    previous = driver.find_element(By.ID, "job-id").text
    driver.find_element(By.ID, "submit").click()
    return wait_done(driver, previous)


@contextmanager
def view(driver, kind):
    """Inside the job's view frame, once the fragment of `kind` is shown."""
    WebDriverWait(driver, 60).until(lambda d: d.execute_script(
        "const f = document.getElementById('view-frame');"
        "return !document.getElementById('view-section').hidden && f.contentDocument !== null"
        " && f.contentDocument.querySelector('section.rv-' + arguments[0]) !== null;", kind))
    driver.switch_to.frame(driver.find_element(By.ID, "view-frame"))
    try:
        if driver.find_elements(By.TAG_NAME, "script"):
            fail(f"the {kind} view holds a script element")
        yield
    finally:
        driver.switch_to.default_content()


def values(driver, selector):
    return [float(e.get_attribute("data-value")) for e in driver.find_elements(By.CSS_SELECTOR, selector)]


def no_alert(driver, what):
    try:
        text = driver.switch_to.alert.text
        fail(f"{what} opened an alert: {text}")
    except NoAlertPresentException:
        pass


def check_run(driver, scenario):
    expected = json.loads(cli_json("run", scenario, ["--samples", str(SAMPLES), "--seed", str(SEED)]))
    job = submit(driver, "run", scenario)
    with view(driver, "run"):
        npv = values(driver, "table.rv-kassabon tr[data-key='npv'] td[data-value]")
        bcr = values(driver, "table.rv-kassabon tr[data-key='bcr'] td[data-value]")
        p = values(driver, "li[data-key='probability_positive']")
        lines = driver.find_elements(By.CSS_SELECTOR, "table.rv-kassabon tr[data-key='line']")
        stakeholders = driver.find_elements(By.CSS_SELECTOR, "table.rv-stakeholders tr[data-key='stakeholder']")
        want = ([expected["base"]["npv"], expected["npv"]["mean"]], [expected["base"]["bcr"], expected["bcr"]["mean"]], [expected["probability_positive"]])
        if (npv, bcr, p) != want:
            fail(f"the kassabon shows NPV {npv}, BCR {bcr}, P {p}; the CLI's JSON says {want}")
        if len(lines) != len(expected["lines"]) or len(stakeholders) != len(expected["stakeholders"]):
            fail(f"the kassabon shows {len(lines)} lines and {len(stakeholders)} stakeholders, the result has {len(expected['lines'])} and {len(expected['stakeholders'])}")
        if not driver.find_elements(By.CSS_SELECTOR, "figure.rv-stakeholders-figure svg rect"):
            fail("the who-pays figure is missing")
    print(f"run {job}: the kassabon shows base NPV {npv[0]}, mean {npv[1]}, BCR {bcr[1]}, P(NPV>0) {p[0]}, {len(lines)} lines, "
          f"{len(stakeholders)} stakeholders: equal to `rendement run --format json`")


def check_hostile(driver):
    job = submit(driver, "run", HOSTILE, samples=1000)
    with view(driver, "run"):
        title = driver.find_element(By.CSS_SELECTOR, ".rv-title").text
        if "<script>alert(1)</script>" not in title:
            fail(f"the hostile title shows as {title!r}")
        if driver.find_elements(By.TAG_NAME, "img"):
            fail("the hostile label became an image")
    no_alert(driver, "the hostile scenario")
    print(f"hostile title {job}: shown as text ({title!r}), no script, no image, no alert")


def check_sensitivity(driver, server, scenario, shots):
    job = submit(driver, "sensitivity", scenario, samples=1000, extra={"method": "tornado,sobol", "sobol-samples": 128})
    _, result = server.json("GET", f"/v1/jobs/{job}/result")
    with view(driver, "sensitivity"):
        bars = driver.find_elements(By.CSS_SELECTOR, "figure.rv-tornado-figure svg rect")
        rows = driver.find_elements(By.CSS_SELECTOR, "table.rv-tornado tr[data-key='tornado']")
        sobol = driver.find_elements(By.CSS_SELECTOR, "figure.rv-sobol-figure svg rect")
        swings = values(driver, "table.rv-tornado tr[data-key='tornado'] td:last-child")
        if len(bars) < 2 * min(12, len(result["tornado"])) or len(rows) != len(result["tornado"]) or not sobol:
            fail(f"sensitivity: {len(bars)} tornado bars, {len(rows)} rows for {len(result['tornado'])} inputs, {len(sobol)} Sobol' bars")
        if swings != [b["swing"] for b in result["tornado"]]:
            fail("the tornado table's swings differ from the result's")
    driver.save_screenshot(os.path.join(shots, "sensitivity.png"))
    print(f"sensitivity {job}: {len(bars)} tornado bars in the figure, all {len(rows)} inputs in its table, {len(sobol)} Sobol' bars")


def check_sweep(driver, server, scenario):
    job = submit(driver, "sweep", scenario, samples=500, extra={"vary": ["discount_rate=0:0.06:4"]})
    _, result = server.json("GET", f"/v1/jobs/{job}/result")
    with view(driver, "sweep"):
        curves = driver.find_elements(By.CSS_SELECTOR, "figure.rv-sweep-figure svg polyline")
        means = [values(driver, f"table.rv-sweep tr[data-key='point']:nth-child({i + 1}) td[data-value]")[2] for i in range(len(result["points"]))]
        if not curves or means != [p["npv"]["mean"] for p in result["points"]]:
            fail(f"sweep: {len(curves)} curves, means {means} against {[p['npv']['mean'] for p in result['points']]}")
    print(f"sweep {job}: a curve with its band, {len(means)} points with the result's means")


def check_compare(driver, server, scenario, shots):
    job = submit(driver, "compare", scenario, samples=2000)
    _, result = server.json("GET", f"/v1/jobs/{job}/result")
    with view(driver, "compare"):
        rows = driver.find_elements(By.CSS_SELECTOR, "table.rv-compare tr[data-key='variant']")
        pessimistic = values(driver, "table.rv-compare tr[data-name='pessimistic'] td[data-value]")
        want = next(v for v in result["variants"] if v["name"] == "pessimistic")["difference"]["npv"]["mean"]
        if len(rows) != len(result["variants"]) or want not in pessimistic:
            fail(f"compare: {len(rows)} rows for {len(result['variants'])} variants; pessimistic {pessimistic}, Δ mean {want}")
    driver.save_screenshot(os.path.join(shots, "compare.png"))
    print(f"compare {job}: a table of {len(rows)} variants with the paired differences (pessimistic Δ mean NPV {want})")


def check_claim(driver, server, scenario, bcr):
    job = submit(driver, "claim", scenario, extra={"bcr": bcr})
    _, result = server.json("GET", f"/v1/jobs/{job}/result")
    with view(driver, "claim"):
        verdict = driver.find_element(By.CSS_SELECTOR, ".rv-verdict")
        if float(verdict.get_attribute("data-value")) != result["probability"] or f"BCR ≥ {bcr}" not in verdict.text:
            fail(f"the verdict {verdict.text!r} does not match the result's probability {result['probability']}")
        text = verdict.text
    print(f"claim {job}: {text}")
    return job, text


def check_reload_and_reopen(driver, scenario, job, verdict):
    driver.refresh()
    WebDriverWait(driver, 60).until(lambda d: d.find_element(By.ID, "job-id").text == job)
    with view(driver, "claim"):
        if driver.find_element(By.CSS_SELECTOR, ".rv-verdict").text != verdict:
            fail("after a reload the page shows another verdict")
    print(f"reload: the page reopened job {job} from its URL with the same verdict")
    driver.find_element(By.ID, "reopen").click()
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.getElementById('scenario').value") == scenario)
    if Select(driver.find_element(By.ID, "kind")).first_selected_option.text != "claim" or '"bcr"' not in driver.find_element(By.ID, "extra").get_attribute("value"):
        fail("reopening the job did not restore its kind and options")
    extra = driver.find_element(By.ID, "extra")
    extra.clear()
    extra.send_keys(json.dumps({"bcr": 1.5}))
    driver.find_element(By.ID, "submit").click()
    edited = wait_done(driver, job)
    with view(driver, "claim"):
        text = driver.find_element(By.CSS_SELECTOR, ".rv-verdict").text
        if "BCR ≥ 1.5" not in text:
            fail(f"the edited job's verdict is {text!r}")
    print(f"reopen: job {job}'s request came back into the editor; edited and resubmitted as {edited}: {text}")


def check_validation(driver, shots):
    driver.execute_script("setScenario(arguments[0]);", BAD)
    Select(driver.find_element(By.ID, "kind")).select_by_visible_text("run")
    driver.find_element(By.ID, "extra").clear()
    driver.find_element(By.ID, "check").click()
    WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#gutter div.bad[data-line='5']"))
    if not driver.find_elements(By.CSS_SELECTOR, "#backdrop div.bad"):
        fail("the error line is not highlighted")
    item = next((li for li in driver.find_elements(By.CSS_SELECTOR, "#diagnostics li") if "inputs.x.dist" in li.text), None)
    if item is None:
        fail("the message list lacks the error of inputs.x.dist")
    column = int(item.get_attribute("data-column"))
    item.click()
    offset = sum(len(line) + 1 for line in BAD.split("\n")[:4]) + column - 1
    cursor = driver.execute_script("const e = document.getElementById('scenario'); return [document.activeElement === e, e.selectionStart];")
    if cursor != [True, offset]:
        fail(f"clicking the message put the cursor at {cursor}, not line 5 column {column} (offset {offset})")
    driver.save_screenshot(os.path.join(shots, "editor-error.png"))
    print(f"check: line 5 marked in the gutter and highlighted; '{item.text.splitlines()[0]}'; a click moved the cursor to line 5, column {column}")
    # A refused submission marks the lines as well.
    driver.execute_script("setDiagnostics([]);")
    driver.find_element(By.ID, "submit").click()
    WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#gutter div.bad[data-line='5']"))
    print("submit: the refused submission marked line 5 too")


def check_report(driver, scenario):
    submit(driver, "report", scenario)
    # The view of a report job is the report's own self-contained HTML (the file's renderer).
    WebDriverWait(driver, 90).until(lambda d: d.execute_script(
        "const f = document.getElementById('view-frame');"
        "return !document.getElementById('view-section').hidden && f.contentDocument !== null"
        " && f.contentDocument.querySelector('section#stress-test') !== null;"))
    driver.switch_to.frame(driver.find_element(By.ID, "view-frame"))
    try:
        if driver.find_elements(By.TAG_NAME, "script"):
            fail("the report view holds a script element")
        sections = [e.get_attribute("id") for e in driver.find_elements(By.CSS_SELECTOR, "section[id]")]
        for needed in ["summary", "overview", "stress-test", "actors"]:
            if needed not in sections:
                fail(f"the report view lacks the section {needed}: {sections}")
        figures = driver.find_elements(By.CSS_SELECTOR, "figure svg")
        if len(figures) < 3:
            fail(f"the report view shows {len(figures)} figures")
    finally:
        driver.switch_to.default_content()
    files = [a.get_attribute("data-name") for a in driver.find_elements(By.CSS_SELECTOR, "#files a")]
    for needed in ["report.html", "report.md", "report.xlsx", "summary.csv"]:
        if needed not in files:
            fail(f"the files list lacks {needed}: {files}")
    print(f"report: sections {', '.join(sections)}; {len(figures)} figures; {len(files)} files listed for download")


def main():
    scenario = read_scenario(SCENARIO_NAME)
    shots = os.environ.get("RENDEMENT_SHOTS") or tempfile.mkdtemp(prefix="rendement-browser-")
    os.makedirs(shots, exist_ok=True)
    server = Server().start()
    driver = browser()
    try:
        driver.get(server.url + "/")
        driver.find_element(By.ID, "token").send_keys(server.token)
        driver.find_element(By.ID, "save-token").click()
        check_run(driver, scenario)
        driver.save_screenshot(os.path.join(shots, "run.png"))
        check_hostile(driver)
        check_sensitivity(driver, server, scenario, shots)
        check_sweep(driver, server, scenario)
        check_compare(driver, server, scenario, shots)
        job, verdict = check_claim(driver, server, scenario, 1.2)
        check_reload_and_reopen(driver, scenario, job, verdict)
        check_validation(driver, shots)
        check_report(driver, scenario)
        driver.save_screenshot(os.path.join(shots, "report.png"))
        print(f"screenshots: {shots}")
        print("browser test: OK")
    finally:
        driver.quit()
        server.stop()


if __name__ == "__main__":
    main()
