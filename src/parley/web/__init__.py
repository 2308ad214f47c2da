"""The web page ``parley serve`` shows under ``/ui/``: hand-written HTML, CSS and JavaScript in
``static/`` (no framework, no CDN, nothing fetched from the internet), and the world outline
``static/world-110m.geojson`` vendored from npm by ``scripts/vendor_world.sh``. Every page
draws the JSON of a REST route, unchanged, and links to it."""
