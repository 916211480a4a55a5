#!/usr/bin/env bash
# Lints generated OpenAPI documents with Spectral's OpenAPI rules (spectral:oas); any error fails.
#
#   gyre-web/src/test/openapi/spectral.sh [APP_CLASS ...]     default: io.gyre.examples.ShopApp
#
# Each app's document is generated without starting it (gyre openapi APP_CLASS) into
# gyre-web/target/openapi/, together with the feature showcase written by OpenApiDocumentTest
# when that test has run. Needs JDK 25 (found by ./gyre) and node + npm: Spectral is installed
# from this folder's package-lock.json on first use.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../../.." && pwd)
OUT=$ROOT/gyre-web/target/openapi
mkdir -p "$OUT"

if [[ ! -x $HERE/node_modules/.bin/spectral ]]; then
  (cd "$HERE" && npm ci --no-audit --no-fund)
fi

"$ROOT/gyre" build
CP="$ROOT/examples/target/classes:$(cat "$ROOT/examples/target/classpath.txt")"

apps=("$@")
[[ ${#apps[@]} -gt 0 ]] || apps=(io.gyre.examples.ShopApp)
docs=()
for app in "${apps[@]}"; do
  doc=$OUT/${app##*.}.json
  "$ROOT/gyre" java -cp "$CP" io.gyre.cli.GyreCli openapi "$app" --output "$doc"
  docs+=("$doc")
done
if [[ -f $OUT/showcase.json ]]; then
  docs+=("$OUT/showcase.json")
fi

"$HERE/node_modules/.bin/spectral" lint --ruleset "$HERE/.spectral.yaml" --fail-severity=error "${docs[@]}"
echo "spectral: ${#docs[@]} document(s) without errors"
