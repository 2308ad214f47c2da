"""The stage: every toponym of a Doc resolved to a place, in text order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from spacy.tokens import Doc

from ..actors import actor_countries
from ..base.context import DocContext
from ..base.paragraphs import line_start
from ..model import Mention, Place, Span
from ..settings import PlaceOptions
from .gazetteer import Candidate, Gazetteer, get_gazetteer, place_key
from .resolution import Weights, _adjacent, _doubtful, build_context, resolve
from .toponyms import _KIND_OF_LABEL, Toponym, _extend, _feature_toponyms, _mention_toponyms, _not_a_place, _prepare, _scan_toponyms


def find_places(
    doc: Doc,
    mentions: Sequence[Mention],
    published: dt.date | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    actor_countries: Mapping[str, str] | None = None,
    weights: Weights | None = None,
    scan: bool = True,
) -> list[Place]:
    """Every toponym in ``doc`` resolved to a place, in text order.

    ``mentions`` are the actor stage's (their types, actors and kinds decide what is a place);
    ``actor_countries`` maps canonical actor names to ISO codes (the actor dictionary's
    ``country``), for the article's context. ``published`` is accepted for the stage
    signature; names are not resolved by date yet (Zaire and Bombay are plain aliases).
    """
    del published
    gaz = gazetteer or get_gazetteer()
    weights = weights or Weights()
    countries = actor_countries or {}
    d = _prepare(doc, mentions, gaz)
    toponyms = _mention_toponyms(d, mentions, countries)
    if scan:
        toponyms += _scan_toponyms(d, toponyms)
    toponyms = _feature_toponyms(d, toponyms)
    toponyms = [t for t in _extend(d, toponyms) if not _not_a_place(d, t)]
    context = build_context(toponyms, mentions, countries, gaz, weights)
    adjacent = [_adjacent(d.text, toponyms, i) for i in range(len(toponyms))]
    # first pass without the neighbours' choices, second with them
    choice: list[Candidate | None] = [None] * len(toponyms)
    scores: list[dict[int, tuple[float, float]]] = [{} for _ in toponyms]
    for round_ in range(2):
        for i, top in enumerate(toponyms):
            holders = [(c.entry, outer) for k, outer in adjacent[i][0] for c in toponyms[k].candidates]
            neighbours = [c.entry for k in adjacent[i][1] if (c := choice[k]) is not None] if round_ else []
            scores[i] = resolve(top, i, context, holders, neighbours, weights, gaz)
        for i, top in enumerate(toponyms):
            if scores[i]:
                best_id = max(scores[i], key=lambda cid: (scores[i][cid][0], -cid))
                choice[i] = next(c for c in top.candidates if c.id == best_id)
    _one_sense_per_article(toponyms, scores, choice)
    places: list[Place] = []
    for i, top in enumerate(toponyms):
        span = Span.of(d.text, top.start, top.end)
        best = choice[i]
        dateline = not d.text[line_start(d.text, top.start) : top.start].strip()
        named = bool(best and best.entry.country and context.has_country(best.entry.country, i))
        if best is not None and _doubtful(best, scores[i][best.id][1], top.text, weights, generic=gaz.generic, dateline=dateline, country_named=named):
            best = None
        if best is None:
            if any(ch.isdigit() for ch in top.text):
                continue  # "H1N1", "COVID-19": spaCy's misreadings, not unknown places
            name = top.text[4:] if top.text.lower().startswith("the ") else top.text
            kind = top.kind or _KIND_OF_LABEL.get(top.label, "unknown")
            places.append(Place(start=span.start, end=span.end, text=span.text, name=name, kind=kind))
            continue
        e = best.entry
        places.append(
            Place(
                start=span.start,
                end=span.end,
                text=span.text,
                name=e.name,
                kind=e.kind,
                country=e.country,
                lat=round(e.lat, 4),
                lon=round(e.lon, 4),
                geonameid=e.geonameid,
            )
        )
    return places


def _one_sense_per_article(toponyms: Sequence[Toponym], scores: Sequence[dict[int, tuple[float, float]]], choice: list[Candidate | None]) -> None:
    """The same words name the same place throughout an article: the one with the most
    evidence over all of them (``choice`` is changed in place)."""
    by_key: dict[str, list[int]] = {}
    for i, top in enumerate(toponyms):
        by_key.setdefault(place_key(top.text), []).append(i)
    for group in by_key.values():
        if len(group) < 2:
            continue
        total: dict[int, float] = {}
        for i in group:
            for cid, (score, _) in scores[i].items():
                total[cid] = total.get(cid, 0.0) + score
        if total:
            best_id = max(total, key=lambda cid: (total[cid], -cid))
            for i in group:
                if best_id in scores[i]:
                    choice[i] = next(c for c in toponyms[i].candidates if c.id == best_id)


def weights_of(options: PlaceOptions) -> Weights:
    """The ``[places]`` settings as :class:`Weights`."""
    return Weights(
        curated=options.curated_weight,
        alternate=options.alternate_weight,
        country_context=options.country_weight,
        main_country=options.main_country_weight,
        region_context=options.region_weight,
        holder=options.holder_weight,
        neighbour=options.neighbour_weight,
        near=options.near_weight,
        near_km=options.near_km,
        same_kind=options.same_kind_weight,
        max_context=options.max_context,
        capital=options.capital_weight,
        fame=options.fame_weight,
        min_alternate_population=options.min_alternate_population,
        curated_size=options.curated_size,
    )


def places_for(ctx: DocContext) -> list[Place]:
    """The stage's entry point: the record's places, from its mentions (needs the actor stage)."""
    options = ctx.options
    return find_places(
        ctx.doc,
        ctx.record.mentions,
        ctx.record.published,
        gazetteer=get_gazetteer(tuple(options.places.extra_gazetteers)),
        actor_countries=actor_countries(options.actors),
        weights=weights_of(options.places),
        scan=options.places.find_untagged,
    )
