#!/usr/bin/env bash
# Copies docs/openapi.json into Sources/RendementServer/OpenAPIDocument.swift, the copy the binary
# serves at /v1/openapi.json (a test checks that both are the same).
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 - <<'PY'
text = open("docs/openapi.json").read()
assert '"""#' not in text and text.endswith("\n")
swift = ('/// The OpenAPI document served at `/v1/openapi.json`: a copy of docs/openapi.json (a test checks\n'
         '/// that they are the same and that every route is in it). After editing docs/openapi.json, run\n'
         '/// scripts/server/embed-openapi.sh.\n'
         'enum OpenAPIDocument {\n    static let text = #"""\n' + text + '"""#\n}\n')
open("Sources/RendementServer/OpenAPIDocument.swift", "w").write(swift)
PY
echo "Sources/RendementServer/OpenAPIDocument.swift updated from docs/openapi.json"
