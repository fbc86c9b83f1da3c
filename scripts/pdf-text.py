#!/usr/bin/env python3
"""The page count and text of a PDF, so that CI can compare PDFs by what they say rather than by
their bytes (Chromium writes the date into every PDF it prints).

    scripts/pdf-text.py report.pdf            # "pages: 7", then each page's text
    scripts/pdf-text.py --pages report.pdf    # only the page count

Uses poppler-utils (pdfinfo, pdftotext; Debian: apt-get install poppler-utils) and falls back
to pypdf (pip install pypdf) when poppler is missing."""
import re
import shutil
import subprocess
import sys


def with_poppler(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True)
    if info.returncode != 0:
        raise RuntimeError(info.stderr.strip() or f"pdfinfo failed on {path}")
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
    if not match:
        raise RuntimeError(f"pdfinfo gave no page count for {path}")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True)
    if text.returncode != 0:
        raise RuntimeError(text.stderr.strip() or f"pdftotext failed on {path}")
    pages = text.stdout.split("\f")
    if pages and pages[-1].strip() == "":
        pages = pages[:-1]
    return int(match.group(1)), pages


def with_pypdf(path):
    from pypdf import PdfReader  # noqa: PLC0415
    reader = PdfReader(path)
    return len(reader.pages), [page.extract_text() or "" for page in reader.pages]


def read(path):
    """(page count, [text of each page])."""
    if shutil.which("pdfinfo") and shutil.which("pdftotext"):
        return with_poppler(path)
    try:
        return with_pypdf(path)
    except ImportError:
        raise RuntimeError("neither poppler-utils (apt-get install poppler-utils) nor pypdf (pip install pypdf) is installed")


def main(argv):
    pages_only = "--pages" in argv
    paths = [a for a in argv if a != "--pages"]
    if len(paths) != 1:
        print(__doc__, file=sys.stderr)
        return 64
    try:
        count, pages = read(paths[0])
    except (RuntimeError, OSError) as error:
        print(f"pdf-text: {error}", file=sys.stderr)
        return 1
    print(f"pages: {count}")
    if not pages_only:
        for number, text in enumerate(pages, 1):
            print(f"--- page {number} ---")
            # Trailing spaces and blank-line runs vary with nothing the reader sees.
            lines = [line.rstrip() for line in text.splitlines()]
            print(re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
