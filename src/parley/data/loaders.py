"""One loader per data file: read, validate against its schema, cache.

A file that does not match its schema raises :class:`DataFileError` naming the file and the
key (``[actors.yaml -> actors -> 12 -> terms -> 0 -> start] invalid date``), as spaCy's
``schemas.py`` does for pattern files.
"""

from __future__ import annotations

import gc
import gzip
import sys
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import DataFileError
from .schemas import (
    ActorsFile,
    CityRow,
    CityTable,
    CueLanguage,
    CuesFile,
    DateRulesFile,
    EventsFile,
    GivenName,
    IssuesFile,
    ModalityFile,
    PlacesExtraFile,
    ReferenceFile,
    RegionRow,
    StancesFile,
)

M = TypeVar("M", bound=BaseModel)


def data_path(name: str) -> Path:
    """The packaged data file ``name``."""
    return Path(str(resources.files("parley.data").joinpath(name)))


# libyaml's loader when PyYAML was built with it: ten times faster on the larger files.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_YAML_LOADER)  # a safe loader (libyaml's CSafeLoader)
    except FileNotFoundError:
        raise DataFileError(str(path), "-", "file not found") from None
    except yaml.YAMLError as exc:
        raise DataFileError(str(path), "-", f"not valid YAML: {exc}") from None


def validate(model: type[M], data: Any, path: Path | str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = " -> ".join(str(x) for x in first["loc"]) or "-"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise DataFileError(Path(path).name, key, f"{first['msg']}{more}") from None


@lru_cache(maxsize=8)
def load_actors(path: str | None = None) -> ActorsFile:
    """The actor dictionary: ``parley/data/actors.yaml`` unless ``path`` names another file."""
    file = Path(path) if path else data_path("actors.yaml")
    actors = validate(ActorsFile, _read_yaml(file), file)
    return actors


def check_references(actors: ActorsFile, name: str) -> None:
    """Every term names a known office and every ``part_of`` a known actor."""
    office_ids = {o.id for o in actors.offices}
    names = {a.name for a in actors.actors}
    for i, actor in enumerate(actors.actors):
        for j, term in enumerate(actor.terms):
            if term.office not in office_ids:
                raise DataFileError(name, f"actors -> {i} ({actor.name}) -> terms -> {j} -> office", f"unknown office {term.office!r}")
        if actor.part_of is not None and actor.part_of not in names:
            raise DataFileError(name, f"actors -> {i} ({actor.name}) -> part_of", f"unknown actor {actor.part_of!r}")


@lru_cache(maxsize=8)
def load_actor_files(main: str | None = None, extra: tuple[str, ...] = ()) -> ActorsFile:
    """The packaged dictionary (or ``main``) with each ``extra`` file laid on top: an extra
    actor or office with a name or id already known replaces the earlier entry."""
    merged = load_actors(main)
    for path in extra:
        more = load_actors(path)
        offices = {o.id: o for o in merged.offices} | {o.id: o for o in more.offices}
        actors = {a.name: a for a in merged.actors} | {a.name: a for a in more.actors}
        merged = ActorsFile(version=merged.version, offices=list(offices.values()), actors=list(actors.values()))
    check_references(merged, " + ".join(Path(p).name for p in (main or "actors.yaml", *extra)))
    return merged


@lru_cache(maxsize=2)
def load_reference(path: str | None = None) -> ReferenceFile:
    """Titles, collectives, nominals and pronouns: ``parley/data/reference.yaml``."""
    file = Path(path) if path else data_path("reference.yaml")
    return validate(ReferenceFile, _read_yaml(file), file)


@lru_cache(maxsize=2)
def load_date_rules(path: str | None = None) -> DateRulesFile:
    """Calendar names, modifier, shift and deictic words, tense cues: ``parley/data/dates.yaml``."""
    file = Path(path) if path else data_path("dates.yaml")
    return validate(DateRulesFile, _read_yaml(file), file)


@lru_cache(maxsize=4)
def load_cues(language: str = "en", path: str | None = None) -> CueLanguage:
    """The cue lexicon for ``language``: ``parley/data/cues.yaml`` unless ``path`` names another
    file. A language the file does not have is an error naming the language and the file."""
    file = Path(path) if path else data_path("cues.yaml")
    cues = validate(CuesFile, _read_yaml(file), file)
    if language not in cues.languages:
        known = ", ".join(sorted(cues.languages)) or "none"
        raise DataFileError(file.name, "languages", f"no cues for language {language!r} (the file has: {known})")
    return cues.languages[language]


def _read_tsv_gz(path: Path, columns: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of a gzipped TSV written by ``scripts/build_gazetteer.py``."""
    return _tsv_fields(path.name, _read_gz_lines(path), columns)


def _tsv_fields(name: str, lines: Iterable[str], columns: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of the TSV file ``name``: ``#`` comment lines, then a header
    that must list ``columns`` in order, then rows of as many fields."""
    header = None
    for number, line in enumerate(lines, start=1):
        if line.startswith("#") or not line:
            continue
        fields = line.split("\t")
        if header is None:
            header = fields
            if header != columns:
                raise DataFileError(name, f"line {number}", f"columns {header} are not the expected {columns}")
            continue
        if len(fields) != len(columns):
            raise DataFileError(name, f"line {number}", f"{len(fields)} fields, expected {len(columns)}")
        yield number, fields


def load_regions(path: str | None = None) -> tuple[RegionRow, ...]:
    """Countries, continents, regions and districts with a point each: ``parley/data/regions.tsv.gz``.

    Not cached, like :func:`load_cities`: the gazetteer keeps what it needs of the rows."""
    file = Path(path) if path else data_path("regions.tsv.gz")
    columns = list(RegionRow.model_fields)
    rows = []
    for number, fields in _read_tsv_gz(file, columns):
        data: dict[str, Any] = {c: (v if v != "" else None) for c, v in zip(columns, fields, strict=True)}
        data["aliases"] = [a for a in (data["aliases"] or "").split("|") if a]
        try:
            rows.append(RegionRow.model_validate(data))
        except ValidationError as exc:
            first = exc.errors()[0]
            key = " -> ".join(str(x) for x in first["loc"])
            raise DataFileError(file.name, f"line {number} -> {key}", first["msg"]) from None
    return tuple(rows)


@lru_cache(maxsize=2)
def load_given_names(path: str | None = None) -> dict[str, GivenName]:
    """Given names, lower case, with gender and frequency: ``parley/data/given_names.tsv``
    (built by ``scripts/build_given_names.py``)."""
    file = Path(path) if path else data_path("given_names.tsv")
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DataFileError(str(file), "-", "file not found (rebuild it with scripts/build_given_names.py)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(file.name, "-", f"not a readable TSV file: {exc}") from None
    columns = list(GivenName.model_fields)
    out: dict[str, GivenName] = {}
    for number, fields in _tsv_fields(file.name, lines, columns):
        try:
            row = GivenName.model_validate(dict(zip(columns, fields, strict=True)))
        except ValidationError as exc:
            first = exc.errors()[0]
            raise DataFileError(file.name, f"line {number} -> {first['loc'][0]}", first["msg"]) from None
        out[row.name] = row
    return out


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large tables of strings and numbers:
    they hold no cycles, and its passes over a million new objects cost more than the build."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_cities(path: str | None = None) -> CityTable:
    """GeoNames populated places (population >= 500) as columns: ``parley/data/cities.tsv.gz``.

    Not cached: :func:`parley.places.get_gazetteer` keeps what it needs of the table and is
    itself cached, so the alternate names are not held twice. Values are checked as
    :class:`CityRow` would check them, by hand, because building 235,000 pydantic models
    would triple the load time; a bad value is reported with its line and column."""
    file = Path(path) if path else data_path("cities.tsv.gz")
    columns = list(CityRow.model_fields)
    table = CityTable(array("l"), [], [], [], array("d"), array("d"), array("l"), [])
    intern = sys.intern
    if not file.exists():
        raise DataFileError(str(file), "-", "file not found (rebuild it with scripts/build_gazetteer.py)")
    with gc_paused(), gzip.open(file, "rt", encoding="utf-8", newline="\n") as handle:
        header = False
        number = 0
        try:
            for number, line in enumerate(handle, start=1):
                if line.startswith("#"):
                    continue
                fields = line.rstrip("\n").split("\t")
                if not header:
                    if fields != columns:
                        raise DataFileError(file.name, f"line {number}", f"columns {fields} are not the expected {columns}")
                    header = True
                    continue
                if len(fields) != len(columns):
                    raise DataFileError(file.name, f"line {number}", f"{len(fields)} fields, expected {len(columns)}")
                gid, name, country, admin1, lat, lon, population, keys = fields
                column = "geonameid"
                try:
                    number_id = int(gid)
                    column = "lat"
                    y = float(lat)
                    column = "lon"
                    x = float(lon)
                    column = "population"
                    pop = int(population)
                except ValueError:
                    raise DataFileError(file.name, f"line {number} -> {column}", f"bad value {fields[columns.index(column)]!r}") from None
                for column, ok in (("lat", -90 <= y <= 90), ("lon", -180 <= x <= 180), ("population", pop >= 0), ("name", bool(name)), ("keys", bool(keys))):
                    if not ok:
                        raise DataFileError(file.name, f"line {number} -> {column}", f"bad value {fields[columns.index(column)]!r}")
                if len(country) != 2 or not country.isupper():
                    raise DataFileError(file.name, f"line {number} -> country", f"bad value {country!r}")
                table.geonameid.append(number_id)
                table.name.append(name)
                table.country.append(intern(country))
                table.admin1.append(intern(admin1))
                table.lat.append(y)
                table.lon.append(x)
                table.population.append(pop)
                table.keys.append(keys)
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            raise DataFileError(file.name, f"line {number}", f"not a readable gzipped TSV file: {exc}") from None
    if not header or not table.name:
        raise DataFileError(file.name, "-", "no cities")
    return table


def _read_gz_lines(path: Path) -> list[str]:
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="\n") as handle:
            return handle.read().split("\n")
    except FileNotFoundError:
        raise DataFileError(str(path), "-", "file not found (rebuild it with scripts/build_gazetteer.py)") from None
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise DataFileError(path.name, "-", f"not a readable gzipped TSV file: {exc}") from None


@lru_cache(maxsize=8)
def load_places_extra(path: str | None = None) -> PlacesExtraFile:
    """The hand-kept places and spellings: ``parley/data/places_extra.yaml`` unless ``path``
    names another file (same schema)."""
    file = Path(path) if path else data_path("places_extra.yaml")
    return validate(PlacesExtraFile, _read_yaml(file), file)


@lru_cache(maxsize=4)
def load_event_triggers(path: str | None = None) -> EventsFile:
    """PLOVER event triggers, roles and modality words: ``parley/data/events.yaml`` unless
    ``path`` names another file (same schema)."""
    file = Path(path) if path else data_path("events.yaml")
    return validate(EventsFile, _read_yaml(file), file)


@lru_cache(maxsize=8)
def load_issues(path: str | None = None) -> IssuesFile:
    """The issue taxonomy: ``parley/data/issues.yaml`` unless ``path`` names another file."""
    file = Path(path) if path else data_path("issues.yaml")
    return validate(IssuesFile, _read_yaml(file), file)


@lru_cache(maxsize=4)
def load_issue_files(main: str | None = None, extra: tuple[str, ...] = ()) -> IssuesFile:
    """The packaged taxonomy (or ``main``) with each ``extra`` file laid on top: an issue with
    a name already known replaces the earlier one, new issues are added, anaphors are joined."""
    merged = load_issues(main)
    for path in extra:
        more = load_issues(path)
        issues = {i.name: i for i in merged.issues} | {i.name: i for i in more.issues}
        anaphors = list(dict.fromkeys([*merged.anaphors, *more.anaphors]))
        merged = IssuesFile(version=merged.version, anaphors=anaphors, issues=list(issues.values()))
    return merged


@lru_cache(maxsize=4)
def load_stance_lexicon(path: str | None = None) -> StancesFile:
    """The stance scale and the words that state positions: ``parley/data/stances.yaml``
    unless ``path`` names another file (same schema)."""
    file = Path(path) if path else data_path("stances.yaml")
    return validate(StancesFile, _read_yaml(file), file)


@lru_cache(maxsize=2)
def load_modality(path: str | None = None) -> ModalityFile:
    """The words that negate or hedge a clause: ``parley/data/modality.yaml`` unless ``path``
    names another file (same schema)."""
    file = Path(path) if path else data_path("modality.yaml")
    return validate(ModalityFile, _read_yaml(file), file)
