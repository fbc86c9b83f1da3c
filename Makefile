# Rendement: the two commands of the README's quick start are `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libopenblas-dev liblapacke-dev
SAMPLES ?= 100000

.PHONY: deps build release demo test bench clean

# Installs the system libraries (Debian) when they are missing; needs root or sudo.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

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

bench: deps
	Benchmarks/compare.sh

clean:
	rm -rf .build
