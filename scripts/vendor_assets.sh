#!/usr/bin/env bash
# Copy front-end packages from node_modules into ui/static/vendor (versions: package.json).
# GOV.UK's typeface is only for GOV.UK, so the stylesheet falls back to Arial, and the
# asset paths are pointed at where Django serves static files.
set -euo pipefail
cd "$(dirname "$0")/.."
out=ui/static/vendor
rm -rf "$out"
mkdir -p "$out/govuk/assets/images" "$out/moj/assets/images" "$out/htmx"
gov=node_modules/govuk-frontend/dist/govuk
moj=node_modules/@ministryofjustice/frontend/moj
# Drop the typeface's @font-face rules (nothing to download), then the name from font stacks.
sed -e 's#@font-face{font-family:GDS Transport;[^}]*}##g' \
    -e 's#url(/assets/#url(/static/vendor/govuk/assets/#g' \
    -e 's#font-family:GDS Transport,arial,sans-serif#font-family:arial,sans-serif#g' \
    -e 's#font-family:GDS Transport#font-family:arial#g' \
    "$gov/govuk-frontend.min.css" > "$out/govuk/govuk-frontend.min.css"
cp "$gov/govuk-frontend.min.js" "$out/govuk/"
cp -r "$gov/assets/images/." "$out/govuk/assets/images/"
sed -e 's#url(/assets/#url(/static/vendor/moj/assets/#g' \
    -e 's#font-family:GDS Transport,arial,sans-serif#font-family:arial,sans-serif#g' \
    "$moj/moj-frontend.min.css" > "$out/moj/moj-frontend.min.css"
cp "$moj/moj-frontend.min.js" "$out/moj/"
if [ -d "$moj/assets/images" ]; then cp -r "$moj/assets/images/." "$out/moj/assets/images/"; fi
cp node_modules/htmx.org/dist/htmx.min.js "$out/htmx/"
node -e 'for (const p of ["govuk-frontend","@ministryofjustice/frontend","htmx.org"]) console.log(p, require("./node_modules/"+p+"/package.json").version)' > "$out/VERSIONS.txt"
echo "Vendored: $(tr '\n' ' ' < "$out/VERSIONS.txt")"
