# Rendement: the two commands of the README's quick start are `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libopenblas-dev liblapacke-dev libsqlite3-dev libssl-dev libxlsxwriter-dev
# For the report's PDF (scripts/report-pdf.sh: headless Chromium) and reading PDFs back
# (scripts/pdf-text.py: poppler-utils); `make report-check` also drives Chromium with Selenium.
PDF_APT := chromium poppler-utils
REPORT_CHECK_APT := $(PDF_APT) chromium-driver
# Where `make report-check` leaves its screenshots and PDFs for a person to look at.
REPORT_SHOTS ?= /tmp/report-shots
# For `make server-test` only: the browser test drives Debian's Chromium with Selenium.
SERVER_TEST_APT := chromium chromium-driver
# The build folder server-test uses (the debug build of `make test` by default).
SERVER_TEST_BUILD ?= .build
SAMPLES ?= 100000
# Seconds of schemathesis-generated requests against the server in `make server-test`.
API_FUZZ_SECONDS ?= 60

# Installs the Debian packages of $(1) that are missing (as root, or with sudo).
apt_install = missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

.PHONY: deps build release demo test bench outputs check-outputs report-check pdf-deps slurm-test server-test fuzz clean

# Installs the system libraries (Debian) when they are missing; needs root or sudo.
deps:
	@$(call apt_install,$(APT_PACKAGES))

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Runs every bundled scenario end to end and prints its kassabon.
demo: release
	@for f in Scenarios/*.yaml; do \
	  echo; echo "=== $$f"; \
	  .build/release/rendement run "$$f" --samples $(SAMPLES) || exit 1; \
	done

test: deps
	$(SWIFT) test

# Regenerates notebooks-output/<scenario>/ for every file in Scenarios/ (deterministic: the date
# recorded in the files is notebooks-output/REPORT_DATE; `make outputs REPORT_DATE=YYYY-MM-DD` changes it).
REPORT_DATE ?= $(shell cat notebooks-output/REPORT_DATE 2>/dev/null || date -u +%F)
OUTPUTS_DIR ?= notebooks-output

outputs: release pdf-deps
	@mkdir -p $(OUTPUTS_DIR)
	@echo $(REPORT_DATE) > notebooks-output/REPORT_DATE
	@for f in Scenarios/*.yaml; do \
	  name=$$(basename "$$f" .yaml); \
	  rm -rf "$(OUTPUTS_DIR)/$$name"; \
	  .build/release/rendement report "$$f" --out "$(OUTPUTS_DIR)/$$name" --date $(REPORT_DATE) --quiet || exit 1; \
	  scripts/report-pdf.sh "$(OUTPUTS_DIR)/$$name/report.html" "$(OUTPUTS_DIR)/$$name/report.pdf" >/dev/null || exit 1; \
	  echo "$(OUTPUTS_DIR)/$$name"; \
	done

# CI: regenerating the outputs must change no byte (PDFs: the same text and page count).
check-outputs: release pdf-deps
	@tmp=$$(mktemp -d); \
	$(MAKE) --no-print-directory outputs OUTPUTS_DIR=$$tmp >/dev/null && \
	for f in Scenarios/*.yaml; do name=$$(basename "$$f" .yaml); \
	  [ -d notebooks-output/$$name ] || { echo "notebooks-output/$$name is missing: run make outputs"; exit 1; }; \
	done && \
	for pdf in $$tmp/*/report.pdf; do name=$$(basename $$(dirname $$pdf)); \
	  if ! cmp -s <(python3 scripts/pdf-text.py $$pdf) <(python3 scripts/pdf-text.py notebooks-output/$$name/report.pdf); then \
	    echo "notebooks-output/$$name/report.pdf: text or page count differs from a fresh run: run make outputs and commit"; rm -rf $$tmp; exit 1; fi; \
	done && \
	if diff -r --exclude=REPORT_DATE --exclude=report.pdf $$tmp notebooks-output >/dev/null; then echo "notebooks-output is up to date (PDFs by text and page count: Chromium dates them)"; rm -rf $$tmp; \
	else diff -rq --exclude=REPORT_DATE --exclude=report.pdf $$tmp notebooks-output | head -20; echo "notebooks-output differs from a fresh run: run make outputs and commit"; rm -rf $$tmp; exit 1; fi

# Installs Chromium and poppler-utils when missing (for scripts/report-pdf.sh and scripts/pdf-text.py).
pdf-deps:
	@$(call apt_install,$(PDF_APT))

# Reads every report in notebooks-output/ as its readers will: each xlsx with openpyxl and pandas,
# each CSV with pandas, report.html in headless Chromium at 1280 px and under print emulation
# (sections present, no raw identifiers, no horizontal overflow) and printed to PDF. Screenshots
# and PDFs go to $(REPORT_SHOTS). Installs Chromium, chromium-driver, poppler-utils, pandas,
# openpyxl and Selenium when missing.
report-check:
	@$(call apt_install,$(REPORT_CHECK_APT))
	@for m in pandas openpyxl selenium; do python3 -c "import $$m" 2>/dev/null || python3 -m pip install --quiet $$m; done
	python3 scripts/check-report-files.py --pdf --screenshots $(REPORT_SHOTS) notebooks-output/*/

# A real single-node Slurm: a 4-task array and a merge job; the merge must equal the single run.
slurm-test: deps
	scripts/slurm/test.sh

# The server end to end: a load test (32 clients, 500 jobs), SIGKILL/SIGTERM and restart, the web
# page in headless Chromium, and a minute of schemathesis requests generated from the OpenAPI
# document (no 5xx, the server stays up). Installs Chromium, chromium-driver, Selenium and
# schemathesis when missing.
server-test: deps
	@$(call apt_install,$(SERVER_TEST_APT))
	@python3 -c 'import selenium' 2>/dev/null || python3 -m pip install --quiet selenium
	@command -v schemathesis >/dev/null 2>&1 || python3 -m pip install --quiet schemathesis
	$(SWIFT) build --scratch-path $(SERVER_TEST_BUILD)
	RENDEMENT=$(SERVER_TEST_BUILD)/debug/rendement python3 scripts/server/load-test.py
	RENDEMENT=$(SERVER_TEST_BUILD)/debug/rendement scripts/server/kill-restart-test.sh
	RENDEMENT=$(SERVER_TEST_BUILD)/debug/rendement python3 scripts/server/browser-test.py
	RENDEMENT=$(SERVER_TEST_BUILD)/debug/rendement python3 scripts/server/api-fuzz.py $(API_FUZZ_SECONDS)

# Coverage-guided fuzzing (libFuzzer): scenario text and part files, FUZZ_SECONDS each.
FUZZ_SECONDS ?= 60
fuzz: deps
	Fuzz/run.sh $(FUZZ_SECONDS)

bench: deps
	Benchmarks/compare.sh

clean:
	rm -rf .build .build-fuzz
