#!/usr/bin/env bash
# The PDF of a report: report.html printed by headless Chromium (Debian's `chromium`), A4 as the
# page's own @page rules say, without the browser's header and footer.
#   scripts/report-pdf.sh notebooks-output/vonl-amsterdam/report.html /tmp/vonl-amsterdam.pdf
# The PDF's bytes differ from run to run (Chromium writes the date into it): compare PDFs with
# scripts/pdf-text.py (page count and text) instead.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 REPORT.html OUT.pdf" >&2
  exit 64
fi
html=$1
pdf=$2
[ -f "$html" ] || { echo "report-pdf: no such file: $html" >&2; exit 66; }

browser=""
for candidate in chromium chromium-browser; do
  if command -v "$candidate" >/dev/null 2>&1; then browser=$(command -v "$candidate"); break; fi
done
if [ -z "$browser" ]; then
  echo "report-pdf: Chromium is not installed; install it with: sudo apt-get install -y chromium  (or: make pdf-deps)" >&2
  exit 69
fi

mkdir -p "$(dirname -- "$pdf")"
out=$(cd "$(dirname -- "$pdf")" && pwd)/$(basename -- "$pdf")
url=$(python3 -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).resolve().as_uri())' "$html" 2>/dev/null) \
  || url="file://$(cd "$(dirname -- "$html")" && pwd)/$(basename -- "$html")"

# A profile of its own, so that two runs at once do not share (and lock) one.
profile=$(mktemp -d "${TMPDIR:-/tmp}/report-pdf-profile.XXXXXX")
log=$(mktemp "${TMPDIR:-/tmp}/report-pdf-log.XXXXXX")
trap 'rm -rf "$profile" "$log"' EXIT
rm -f "$out"

# --virtual-time-budget: Chromium prints once the page has settled (fonts, images, scripts),
# at most 10 s of page time; `timeout` stops a browser that hangs regardless.
status=0
timeout 120 "$browser" --headless --disable-gpu --no-sandbox --disable-dev-shm-usage \
  --no-first-run --no-default-browser-check --user-data-dir="$profile" \
  --run-all-compositor-stages-before-draw --virtual-time-budget=10000 \
  --no-pdf-header-footer --print-to-pdf="$out" "$url" >"$log" 2>&1 || status=$?

if [ "$status" -ne 0 ] || [ ! -s "$out" ] || [ "$(head -c 5 "$out")" != "%PDF-" ]; then
  echo "report-pdf: Chromium did not write $pdf (exit status $status); its output:" >&2
  grep -v 'unexpected operator' "$log" >&2 || true
  rm -f "$out"
  exit 1
fi
echo "$pdf"
