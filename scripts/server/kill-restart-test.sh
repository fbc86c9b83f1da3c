#!/usr/bin/env bash
# SIGKILL and SIGTERM the server during a load of queued and running jobs, restart it, and check
# that every accepted job finishes exactly once with the CLI's result. RENDEMENT=path/to/rendement.
set -euo pipefail
exec python3 "$(dirname "$0")/kill_restart.py" "$@"
