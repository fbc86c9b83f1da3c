#!/usr/bin/env python3
"""Reads a report's files the way its readers will, and fails on what they would stumble over.

    scripts/check-report-files.py [--screenshots DIR] [--pdf] REPORT_DIR...

For every report folder:
  * every *.xlsx, opened with openpyxl and with pandas: no sheet empty, no sheet name over 31
    characters, numbers stored as numbers (a cell with a number format holds a number; no cell
    below the header holds a number as text such as "€ 1.800.000" or "1,47");
  * every *.csv, read with pandas and the csv module: a header row (no empty or repeated column
    names), at least one row, every row as many fields as the header;
  * report.html, when Chromium and Selenium are installed, rendered 1280 px wide: every section
    named in <body data-sections="…"> (else every <section id=…>) present, no raw identifiers
    (tokens with an underscore such as p_work) in the visible text outside <code>, <pre> and
    elements of class "id", no horizontal overflow; then the same under print emulation at A4
    width. Screenshots of both go to --screenshots DIR (default /tmp/report-shots).
  * with --pdf: report.html printed to PDF (scripts/report-pdf.sh) next to the screenshots, and
    its page count and title checked with scripts/pdf-text.py.
Exit status 1 when any check fails. Needs pandas and openpyxl (pip install pandas openpyxl);
the browser checks need Debian's chromium + chromium-driver and pip's selenium, and are skipped
with a note when missing."""
import argparse
import base64
import csv
import glob
import math
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCREEN_WIDTH = 1280
# A4 is 210 mm wide: 793.7 CSS pixels at 96 per inch.
A4_WIDTH = 794
MAX_SHEET_NAME = 31
# A token with an underscore between letters or digits: p_work, care_trajectories_avoided.
RAW_IDENTIFIER = re.compile(r"(?<![\w/.-])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?![\w/-])")
# Text that is a number a spreadsheet should hold as a number: "1800000", "€ 1.800.000",
# "−250.000", "1,47", "32%", "EUR 1,800".
NUMBER_AS_TEXT = re.compile(r"^\s*[−+-]?\s*(?:€|EUR|USD|GBP)?\s*[−+-]?\d[\d.,  ]*%?\s*$")

failures = []


def fail(where, message):
    failures.append(f"{where}: {message}")
    print(f"  FAIL {where}: {message}")


def ok(message):
    print(f"  ok   {message}")


# ---------------------------------------------------------------------------------------------
# xlsx


def check_xlsx(path):
    import openpyxl
    import pandas as pd

    name = os.path.normpath(path)
    try:
        book = openpyxl.load_workbook(path)
    except Exception as error:  # noqa: BLE001 (any failure to open is the finding)
        fail(name, f"openpyxl cannot open it: {error}")
        return
    problems = 0
    for sheet in book.worksheets:
        where = f"{name} [{sheet.title}]"
        if len(sheet.title) > MAX_SHEET_NAME:
            fail(where, f"sheet name has {len(sheet.title)} characters (Excel allows {MAX_SHEET_NAME})")
            problems += 1
        values = [c for row in sheet.iter_rows() for c in row if c.value is not None]
        if not values:
            fail(where, "the sheet is empty")
            problems += 1
            continue
        for cell in values:
            number_format = cell.number_format or "General"
            if isinstance(cell.value, bool):
                continue
            if isinstance(cell.value, (int, float)):
                if isinstance(cell.value, float) and not math.isfinite(cell.value):
                    fail(where, f"{cell.coordinate} holds {cell.value}")
                    problems += 1
                continue
            if number_format != "General" and number_format != "@":
                fail(where, f"{cell.coordinate} has number format {number_format!r} but holds text {cell.value!r}")
                problems += 1
            elif cell.row > 2 and isinstance(cell.value, str) and NUMBER_AS_TEXT.match(cell.value):
                fail(where, f"{cell.coordinate} holds the number {cell.value!r} as text")
                problems += 1
    try:
        frames = pd.read_excel(path, sheet_name=None, header=None, engine="openpyxl")
    except Exception as error:  # noqa: BLE001
        fail(name, f"pandas cannot read it: {error}")
        return
    for sheet_name, frame in frames.items():
        if frame.dropna(how="all").empty:
            fail(f"{name} [{sheet_name}]", "pandas reads an empty sheet")
            problems += 1
    if problems == 0:
        sheets = ", ".join(f"{s} ({len(f)}×{len(f.columns)})" for s, f in frames.items())
        ok(f"{os.path.basename(path)}: {len(frames)} sheets: {sheets}")


# ---------------------------------------------------------------------------------------------
# csv


def check_csv(path):
    import pandas as pd

    name = os.path.normpath(path)
    problems = 0
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        fail(name, "the file is empty")
        return
    header = rows[0]
    if any(h.strip() == "" for h in header):
        fail(name, f"empty column name in the header {header}")
        problems += 1
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        fail(name, f"column names repeated in the header: {', '.join(repeated)}")
        problems += 1
    if all(re.fullmatch(r"[-+.\deE]+", h.strip() or "x") for h in header):
        fail(name, "the first row looks like data, not a header")
        problems += 1
    ragged = [i + 1 for i, row in enumerate(rows) if len(row) != len(header)]
    if ragged:
        fail(name, f"{len(ragged)} rows have not {len(header)} fields (lines {ragged[:5]})")
        problems += 1
    try:
        frame = pd.read_csv(path)
    except Exception as error:  # noqa: BLE001
        fail(name, f"pandas cannot read it: {error}")
        return
    if frame.empty:
        fail(name, "no rows below the header")
        problems += 1
    if problems == 0:
        ok(f"{os.path.basename(path)}: {len(frame)} rows × {len(frame.columns)} columns")


# ---------------------------------------------------------------------------------------------
# report.html in Chromium

VISIBLE_TEXT_JS = r"""
const skip = 'code, pre, script, style, noscript, template, .id, [hidden], [aria-hidden="true"]';
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const out = [];
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const parent = node.parentElement;
  if (!parent || parent.closest(skip)) continue;
  if (!node.textContent.trim()) continue;
  if (parent.getClientRects().length === 0) continue;
  const style = getComputedStyle(parent);
  if (style.visibility === 'hidden' || style.display === 'none') continue;
  const where = parent.closest('[id]');
  out.push([node.textContent, where ? where.id : '']);
}
return out;
"""

OVERFLOW_JS = r"""
const width = arguments[0];
const wide = [];
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.right > width + 0.5 && r.width > 0) {
    const parentWide = el.parentElement && el.parentElement.getBoundingClientRect().right > width + 0.5;
    if (!parentWide) wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
      ' (right edge ' + Math.round(r.right) + ' px)');
  }
}
return [document.documentElement.scrollWidth, wide.slice(0, 5)];
"""


def browser():
    """A headless Chromium driven by Selenium, or (None, why not)."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return None, "selenium is not installed (pip install selenium)"
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not binary or not driver_path:
        return None, "Chromium or chromedriver is missing (apt-get install chromium chromium-driver)"
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={SCREEN_WIDTH},1000", "--hide-scrollbars"):
        options.add_argument(arg)
    options.binary_location = binary
    try:
        return webdriver.Chrome(service=Service(driver_path), options=options), None
    except Exception as error:  # noqa: BLE001
        return None, f"Chromium did not start: {error}"


def set_width(driver, width, media):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})


def screenshot(driver, path):
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    with open(path, "wb") as handle:
        handle.write(base64.b64decode(shot["data"]))


def check_layout(driver, name, width, media, shot_path):
    set_width(driver, width, media)
    driver.execute_script("return document.fonts ? document.fonts.ready.then(() => true) : true")
    scroll_width, wide = driver.execute_script(OVERFLOW_JS, width)
    label = f"{media} at {width} px"
    if scroll_width > width:
        fail(name, f"{label}: the page is {scroll_width} px wide (horizontal overflow); widest: {'; '.join(wide)}")
    else:
        ok(f"{label}: no horizontal overflow (scrollWidth {scroll_width})")
    if shot_path:
        screenshot(driver, shot_path)
        print(f"       screenshot {shot_path}")


def check_html(driver, folder, shots):
    path = os.path.join(folder, "report.html")
    name = os.path.normpath(path)
    driver.get("file://" + os.path.abspath(path))
    set_width(driver, SCREEN_WIDTH, "screen")

    listed = (driver.execute_script("return document.body.getAttribute('data-sections')") or "").replace(",", " ").split()
    present = driver.execute_script("return Array.from(document.querySelectorAll('section[id]')).map(s => s.id)")
    if listed:
        missing = [s for s in listed if not driver.execute_script("return !!document.getElementById(arguments[0])", s)]
        if missing:
            fail(name, f"sections listed in data-sections but missing: {', '.join(missing)}")
        else:
            ok(f"all {len(listed)} sections of data-sections present")
    elif present:
        empty = driver.execute_script(
            "return Array.from(document.querySelectorAll('section[id]')).filter(s => !s.innerText.trim()).map(s => s.id)")
        if empty:
            fail(name, f"empty sections: {', '.join(empty)}")
        else:
            ok(f"{len(present)} sections present: {', '.join(present)}")
    else:
        fail(name, "no <body data-sections> and no <section id=…>")

    raw = {}
    for text, where in driver.execute_script(VISIBLE_TEXT_JS):
        for token in RAW_IDENTIFIER.findall(text):
            raw.setdefault(token, where)
    if raw:
        shown = ", ".join(f"{t} (in #{w})" if w else t for t, w in list(raw.items())[:12])
        fail(name, f"{len(raw)} raw identifiers in the visible text: {shown}")
    else:
        ok("no raw identifiers in the visible text")

    base = os.path.basename(os.path.normpath(folder))
    check_layout(driver, name, SCREEN_WIDTH, "screen", shots and os.path.join(shots, f"{base}-screen.png"))
    check_layout(driver, name, A4_WIDTH, "print", shots and os.path.join(shots, f"{base}-print.png"))


def check_pdf(folder, shots):
    html = os.path.join(folder, "report.html")
    name = os.path.normpath(html)
    base = os.path.basename(os.path.normpath(folder))
    out = os.path.join(shots or "/tmp/report-shots", f"{base}.pdf")
    made = subprocess.run([os.path.join(HERE, "report-pdf.sh"), html, out], capture_output=True, text=True)
    if made.returncode != 0:
        fail(name, f"no PDF: {made.stderr.strip()}")
        return
    text = subprocess.run([sys.executable, os.path.join(HERE, "pdf-text.py"), out], capture_output=True, text=True)
    if text.returncode != 0:
        fail(name, f"cannot read the PDF: {text.stderr.strip()}")
        return
    pages = int(re.match(r"pages: (\d+)", text.stdout).group(1))
    with open(html, encoding="utf-8") as handle:
        title = re.search(r"<title>(.*?)</title>", handle.read(), re.S)
    words = (title.group(1) if title else "").split()[:3]
    if pages < 1:
        fail(name, "the PDF has no pages")
    elif words and not all(w in text.stdout for w in words):
        fail(name, f"the PDF's text lacks the title words {words}")
    else:
        ok(f"PDF {out}: {pages} pages")


# ---------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", metavar="REPORT_DIR")
    parser.add_argument("--screenshots", metavar="DIR", default="/tmp/report-shots")
    parser.add_argument("--pdf", action="store_true", help="also print report.html to PDF and check it")
    args = parser.parse_args()
    try:
        import openpyxl  # noqa: F401
        import pandas  # noqa: F401
    except ImportError as error:
        print(f"check-report-files: {error.name} is missing: python3 -m pip install pandas openpyxl", file=sys.stderr)
        return 2
    os.makedirs(args.screenshots, exist_ok=True)

    folders = [f for f in args.folders if os.path.isdir(f)]
    for f in args.folders:
        if not os.path.isdir(f):
            fail(f, "not a folder")
    driver, why_not = (None, None)
    if any(os.path.exists(os.path.join(f, "report.html")) for f in folders):
        driver, why_not = browser()
    try:
        for folder in folders:
            print(os.path.normpath(folder))
            files = 0
            for path in sorted(glob.glob(os.path.join(folder, "*.xlsx"))):
                check_xlsx(path)
                files += 1
            for path in sorted(glob.glob(os.path.join(folder, "*.csv"))):
                check_csv(path)
                files += 1
            if os.path.exists(os.path.join(folder, "report.html")):
                files += 1
                if driver:
                    check_html(driver, folder, args.screenshots)
                else:
                    print(f"  skip report.html: {why_not}")
                if args.pdf:
                    check_pdf(folder, args.screenshots)
            if files == 0:
                fail(os.path.normpath(folder), "no report.html, *.xlsx or *.csv")
    finally:
        if driver:
            driver.quit()
    if failures:
        print(f"\n{len(failures)} problems in {len(folders)} report folders")
        return 1
    print(f"\n{len(folders)} report folders: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
