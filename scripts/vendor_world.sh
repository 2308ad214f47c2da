#!/usr/bin/env bash
# Rebuild the world outline the web page draws its map on (src/parley/web/static/world-110m.geojson)
# from npm: world-atlas 2.0.2 (Natural Earth 1:110m countries as TopoJSON, ISC; Natural Earth
# is public domain), converted to GeoJSON with topojson-client 3.1.0, coordinates rounded to
# 0.01 degrees. The result is committed: the page loads it from the app, never from a CDN.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund world-atlas@2.0.2 topojson-client@3.1.0 >/dev/null)
NODE_PATH="$work/node_modules" node -e '
const topo = require("topojson-client");
const world = require(process.argv[1]);
const geo = topo.feature(world, world.objects.countries);
const round = (c) => Array.isArray(c[0]) ? c.map(round) : [Math.round(c[0] * 100) / 100, Math.round(c[1] * 100) / 100];
geo.features = geo.features.map((f) => ({type: "Feature", id: f.id, properties: {name: f.properties.name},
  geometry: {type: f.geometry.type, coordinates: round(f.geometry.coordinates)}}));
process.stdout.write(JSON.stringify(geo));
' "$work/node_modules/world-atlas/countries-110m.json" > src/parley/web/static/world-110m.geojson
echo "wrote src/parley/web/static/world-110m.geojson ($(wc -c < src/parley/web/static/world-110m.geojson) bytes)"
