#!/usr/bin/env python3
"""The web page end to end in headless Chromium (Debian's chromium + chromium-driver, Selenium):
enter the token, paste a bundled scenario, run it, read the summary off the page and check it
against the CLI's JSON; then a report job, whose figures must show. Saves a screenshot (path
printed) for a person to look at. RENDEMENT=path/to/rendement."""
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from common import Server, cli_json, fail, read_scenario  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

SCENARIO_NAME = "vonl-amsterdam.yaml"
SAMPLES, SEED = 5000, 11


def browser():
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,2200"):
        options.add_argument(arg)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def submit(driver, kind, scenario):
    driver.execute_script("document.getElementById('scenario').value = arguments[0];", scenario)
    Select(driver.find_element(By.ID, "kind")).select_by_visible_text(kind)
    for field, value in (("samples", SAMPLES), ("seed", SEED)):
        box = driver.find_element(By.ID, field)
        box.clear()
        box.send_keys(str(value))
    previous = driver.find_element(By.ID, "job-id").text
    driver.find_element(By.ID, "submit").click()
    # First the new job's id (until then the page still shows the previous job's final status).
    WebDriverWait(driver, 60).until(lambda d: d.find_element(By.ID, "job-id").text not in ("", previous))
    WebDriverWait(driver, 300).until(lambda d: d.find_element(By.ID, "status").text in ("succeeded", "failed", "cancelled"))
    status = driver.find_element(By.ID, "status").text
    if status != "succeeded":
        fail(f"{kind} job {status}: {driver.find_element(By.ID, 'job-error').text}")
    WebDriverWait(driver, 60).until(EC.visibility_of_element_located((By.ID, "summary")))


def cell(driver, key, column):
    """The exact number behind a summary cell (data-value), column 1 = mean."""
    row = driver.find_element(By.CSS_SELECTOR, f"#summary tr[data-key='{key}']")
    return float(row.find_elements(By.CSS_SELECTOR, "td")[column - 1].get_attribute("data-value"))


def main():
    scenario = read_scenario(SCENARIO_NAME)
    expected = json.loads(cli_json("run", scenario, ["--samples", str(SAMPLES), "--seed", str(SEED)]))
    server = Server().start()
    driver = browser()
    shot = os.path.join(tempfile.mkdtemp(prefix="rendement-browser-"), "page.png")
    try:
        driver.get(server.url + "/")
        driver.find_element(By.ID, "token").send_keys(server.token)
        driver.find_element(By.ID, "save-token").click()

        submit(driver, "run", scenario)
        got = {"npv mean": cell(driver, "npv", 1), "npv p05": cell(driver, "npv", 2), "bcr mean": cell(driver, "bcr", 1),
               "P(NPV>0)": cell(driver, "probability_positive", 1)}
        want = {"npv mean": expected["npv"]["mean"], "npv p05": expected["npv"]["p05"], "bcr mean": expected["bcr"]["mean"],
                "P(NPV>0)": expected["probability_positive"]}
        if got != want:
            fail(f"the page shows {got}, the CLI's JSON says {want}")
        lines = driver.find_elements(By.CSS_SELECTOR, "#kassabon tr[data-key='line']")
        if len(lines) != len(expected["lines"]):
            fail(f"the kassabon shows {len(lines)} lines, the result has {len(expected['lines'])}")
        shown = driver.find_element(By.CSS_SELECTOR, "#summary tr[data-key='npv'] td").text
        print(f"run: the page shows NPV mean {shown} (exactly {got['npv mean']}), BCR mean {got['bcr mean']}, "
              f"P(NPV>0) {got['P(NPV>0)']}, {len(lines)} kassabon lines: equal to `rendement run --format json`")

        submit(driver, "report", scenario)
        WebDriverWait(driver, 60).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#figures img")) >= 3)
        figures = driver.find_elements(By.CSS_SELECTOR, "#figures img")
        loaded = [f.get_attribute("alt") for f in figures if driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", f)]
        if "kassabon.svg" not in loaded or len(loaded) != len(figures):
            fail(f"figures that did not load: {set(f.get_attribute('alt') for f in figures) - set(loaded)}")
        files = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#files a")]
        if "report.md" not in files or "summary.csv" not in files:
            fail(f"the files list is {files}")
        if cell(driver, "npv", 1) != expected["npv"]["mean"]:
            fail("the report's summary differs from the run's")
        print(f"report: {len(loaded)} figures shown ({', '.join(loaded)}), {len(files)} files listed for download")
        driver.save_screenshot(shot)
        print(f"screenshot: {shot}")
        print("browser test: OK")
    finally:
        driver.quit()
        server.stop()


if __name__ == "__main__":
    main()
