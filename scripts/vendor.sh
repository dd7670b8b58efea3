#!/usr/bin/env bash
# Fetch the browser libraries of the web explorer from npm and copy them, with their licence files, into
# src/tacitus/web/static/vendor/ (served by `tacitus serve` itself: no CDN, no network when a page loads).
#
#   bash scripts/vendor.sh          # run from the repository; needs `npm` and the npm registry
#
# The versions are pinned here; to upgrade, change a version, run the script, check the pages
# (tests/test_web_browser.py) and commit src/tacitus/web/static/vendor/. vendor/VENDOR.md records what came from
# where under which licence.
set -euo pipefail

# name  version  files to copy from the package (space-separated, relative to the package)  licence
PACKAGES=(
  "d3|7.9.2|dist/d3.min.js|ISC"
  "@observablehq/plot|0.6.17|dist/plot.umd.min.js|ISC"
  "topojson-client|3.1.0|dist/topojson-client.min.js|ISC"
  "world-atlas|2.0.2|countries-110m.json|ISC (shapes: Natural Earth, public domain)"
)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/src/tacitus/web/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

rm -rf "$DEST"
mkdir -p "$DEST/licenses"
{
  echo "# Vendored browser libraries"
  echo
  echo "Fetched from npm by \`scripts/vendor.sh\`; do not edit these files by hand."
  echo
  echo "| package | version | files | licence |"
  echo "| --- | --- | --- | --- |"
} > "$DEST/VENDOR.md"

for entry in "${PACKAGES[@]}"; do
  IFS="|" read -r name version files licence <<< "$entry"
  safe="${name//\//-}"; safe="${safe#@}"
  mkdir -p "$WORK/$safe"
  tarball="$(cd "$WORK/$safe" && npm pack --silent "$name@$version")"
  tar -xzf "$WORK/$safe/$tarball" -C "$WORK/$safe"
  copied=()
  for file in $files; do
    cp "$WORK/$safe/package/$file" "$DEST/$(basename "$file")"
    copied+=("$(basename "$file")")
  done
  found=0
  for candidate in LICENSE LICENSE.md LICENSE.txt license license.md; do
    if [[ -f "$WORK/$safe/package/$candidate" ]]; then
      cp "$WORK/$safe/package/$candidate" "$DEST/licenses/$safe-LICENSE.txt"
      found=1
      break
    fi
  done
  if [[ $found -eq 0 ]]; then
    echo "vendor.sh: $name@$version has no licence file; refusing to vendor it" >&2
    exit 1
  fi
  echo "| $name | $version | ${copied[*]} | $licence (licenses/$safe-LICENSE.txt) |" >> "$DEST/VENDOR.md"
  echo "vendored $name@$version: ${copied[*]}" >&2
done
