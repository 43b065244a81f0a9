#!/usr/bin/env bash
# Rebuilds the vendored GOV.UK Frontend in this folder. Needs Node.js and npm; the app does not.
#   bash victimcare/static/govuk-frontend/build.sh
set -euo pipefail
GOVUK_FRONTEND_VERSION=6.3.0   # must match the govuk-frontend-jinja release in pyproject.toml
SASS_VERSION=1.108.2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund "govuk-frontend@$GOVUK_FRONTEND_VERSION" "sass@$SASS_VERSION"
npx sass --no-source-map --style=compressed --quiet-deps --load-path=node_modules \
  "$here/victimcare.scss" "$here/govuk-frontend.min.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$here/govuk-frontend.min.js"
node -e 'const p = require("./node_modules/govuk-frontend/package.json"); if (p.license !== "MIT") { console.error("licence is now " + p.license); process.exit(1) }'
echo "$GOVUK_FRONTEND_VERSION" > "$here/VERSION"
# GOV.UK's fonts, crest and icons are not ours to use: no assets are copied.
if grep -q "GDS Transport" "$here/govuk-frontend.min.css"; then
  echo "GDS Transport found in the compiled CSS" >&2
  exit 1
fi
echo "GOV.UK Frontend $GOVUK_FRONTEND_VERSION built into $here"
