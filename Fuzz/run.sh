#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer (every module instrumented) and runs each for SECONDS
# (default 60) from its seed corpus: the bundled scenarios and Fuzz/corpus, plus every input in
# Fuzz/regressions (crashers found before, kept so that they are run first, and as tests).
# A crash, a hang (10 s for one input) or an allocation beyond 2 GiB fails the run; the input is
# copied to Fuzz/found/ with its backtrace. Usage: Fuzz/run.sh [SECONDS]   (CI: make fuzz)
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
# SwiftPM keeps the source lists of a path dependency in its build description; drop it so that
# files added to Rendement since the last fuzz build are compiled in.
rm -f ../.build-fuzz/release.yaml ../.build-fuzz/release/description.json
swift build -c release --scratch-path ../.build-fuzz -Xswiftc -sanitize=fuzzer -Xcc -fsanitize=fuzzer-no-link 2>&1 | grep -E "error|warning: |Compiling|Build" | tail -3
bin=../.build-fuzz/release
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
status=0
run() {   # $1: target, $2…: corpus folders and options
  local target=$1; shift
  mkdir -p "$work/$target"
  echo "fuzzing $target for $seconds s"
  if ! SWIFT_BACKTRACE=enable=no "$bin/$target" "$work/$target" "$@" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$work/$target-" -print_final_stats=1 >"$work/$target.log" 2>&1; then
    status=1
    mkdir -p found
    for f in "$work/$target"-*; do
      [ -f "$f" ] || continue
      cp "$f" "found/"
      echo "$target found an input that fails: Fuzz/found/$(basename "$f")"
      SWIFT_BACKTRACE=enable=yes,interactive=no "$bin/$target" "$f" 2>&1 | grep -E "Fatal error|at /.*Sources/" | head -8 || true
    done
    tail -5 "$work/$target.log"
  else
    grep -E "^Done|stat::number_of_executed_units|stat::new_units_added" "$work/$target.log" | tr '\n' ' '; echo
  fi
}
run FuzzScenario ../Scenarios corpus/scenario regressions/scenario -dict=scenario.dict -max_len=20000
run FuzzPartFile corpus/part regressions/part
exit $status
