"""Toponyms in the text: which words name places, from the actor stage's mentions and from
capitalised names the text says are places (see the package docstring for the rules).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..base.paragraphs import has_break, line_start
from ..base.party_labels import inside_label, party_labels
from ..base.registry import resource
from ..base.spans import covering_span
from ..data.loaders import load_reference
from ..model import Mention
from .gazetteer import _ADMINISTRATIVE, Candidate, Gazetteer, _holds, place_key

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# How a mention refers; these never name a place ("the region", "it", "the American side").
# mentions that are no toponym of their own: nominals, pronouns ..., and a place named inside
# an organisation's name ("Texas" of "the University of Texas": the actor stage's "nested")
_NOT_NAMES = frozenset({"nominal", "pronoun", "collective", "role", "phrase", "title", "nested"})
# spaCy labels under which a name is never read as a place by the scan
_NOT_PLACE_ENTS = frozenset({"NORP", "DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "WORK_OF_ART", "LAW", "LANGUAGE", "EVENT"})
_KIND_OF_LABEL = {"FAC": "facility"}
# Gaps between the names of a list ("Kramatorsk and Slovyansk", "Armenia, Azerbaijan, Georgia")
_LIST_GAPS = frozenset({",", "and", ", and", "or", ", or", "&", "/"})


@dataclass
class Toponym:
    """A stretch of text that names a place, with the places it may name."""

    start: int  # character offsets into the text
    end: int
    text: str
    label: str  # GPE, LOC or FAC (spaCy's, or what the route that found it implies)
    candidates: list[Candidate] = field(default_factory=list)
    state: str | None = None  # ISO code of the state the actor stage resolved it to
    source: str = "mention"  # mention | chain | scan | joined | feature
    kind: str | None = None  # the kind its words say ("shoal" for "Second Thomas Shoal"), kept when unresolved


@dataclass
class _Doc:
    """What the finders need of a parsed Doc, computed once: token offsets and who holds them."""

    doc: Doc
    gaz: Gazetteer
    starts: dict[int, int]  # character offset -> token index
    blocked: set[int]  # tokens the actor stage resolved to a non-place (a seat acting, a person met in full)
    orgs: set[int]  # tokens of organisation mentions
    persons: set[int]  # tokens of person mentions
    ents: dict[int, SpacySpan] = field(default_factory=dict)  # token index -> spaCy entity holding it
    text: str = ""  # doc.text, which spaCy joins anew on every call
    # per token, read once (spaCy makes a Token object on every doc[i])
    words: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # "space" (or a line break), "punct", "word"
    spaced: list[bool] = field(default_factory=list)  # followed by whitespace
    ent_types: list[str] = field(default_factory=list)
    starts_of: list[int] = field(default_factory=list)  # token index -> character offset
    party_labels: list[tuple[int, int]] = field(default_factory=list)  # "R-S.D." after a lawmaker's name
    acronyms: dict[str, str] = field(default_factory=dict)  # "CR" -> "continuing resolution", as the article defines them

    def tokens(self, start: int, end: int) -> range:
        first = self.starts.get(start)
        if first is None:
            span = covering_span(self.doc, start, end)
            return range(span.start, span.end) if span is not None else range(0)
        k = first
        while k < len(self.doc) and self.doc[k].idx < end:
            k += 1
        return range(first, k)


def _prepare(doc: Doc, mentions: Sequence[Mention], gaz: Gazetteer) -> _Doc:
    d = _Doc(doc, gaz, {}, set(), set(), set(), text=doc.text)
    d.party_labels = party_labels(d.text)
    d.acronyms = defined_acronyms(d.text)
    for t in doc:
        d.starts[t.idx] = t.i
        d.starts_of.append(t.idx)
        d.words.append(t.text)
        d.kinds.append("space" if t.is_space or has_break(t.text) else "punct" if t.is_punct else "word")
        d.spaced.append(bool(t.whitespace_))
        d.ent_types.append(t.ent_type_)
    for ent in doc.ents:
        for k in range(ent.start, ent.end):
            d.ents[k] = ent
    seats: list[range] = []
    for m in mentions:
        tokens = d.tokens(m.start, m.end)
        if m.kind == "state" and m.type == "GPE" and not any(c.entry.kind == "country" for c in gaz.lookup(m.text)) and not _state_alias(gaz, m):
            seats.append(tokens)  # "Moscow said": a seat acting as its state (unless after "in")
        elif m.type == "NORP" or m.kind == "group":
            if m.kind == "state" or m.actor != m.text:
                d.blocked.update(tokens)  # a demonym ("Russian")
            else:
                d.persons.update(tokens)  # "the northern town of Toruń" tagged NORP: needs a strong signal
        elif m.type == "PERSON" or m.kind == "person":
            d.persons.update(tokens)
            if m.actor and m.actor != m.text and len(m.actor.split()) > len(m.text.split()):
                d.blocked.update(tokens)  # "Jackson" after "Michael Jackson"
        elif m.type == "ORG" or m.kind == "org":
            d.orgs.update(tokens)
    for tokens in seats:
        if not tokens or _locative(d, tokens.start) is None:
            d.blocked.update(tokens)
    return d


def _mention_toponyms(d: _Doc, mentions: Iterable[Mention], actor_countries: Mapping[str, str]) -> list[Toponym]:
    out: list[Toponym] = []
    gaz, text = d.gaz, d.text
    for m in mentions:
        if m.type not in PLACE_LABELS or m.via in _NOT_NAMES or m.kind not in {None, "place", "state"}:
            continue
        cands = gaz.lookup(m.text)
        state = None
        alias = _state_alias(gaz, m)
        if alias:
            cands = alias  # "exports from Korea": another name of the state the actor stage resolved
        if m.kind == "state":
            # "Moscow said": the seat acts; only words that name a country are a place, and a
            # seat after "in" or "the capital of" ("the capital city of Nairobi")
            if not any(c.entry.kind == "country" for c in cands):
                tokens = d.tokens(m.start, m.end)
                if not (cands and tokens and _locative(d, tokens.start) is not None):
                    continue
            state = actor_countries.get(m.actor or "") or _country_named(gaz, m.actor)
        elif not cands and m.actor and m.actor != m.text:
            cands = gaz.lookup(m.actor)  # the dictionary's canonical name ("Donbass" -> "Donbas")
        if not cands and _chain(m.text):
            out += _chain_parts(text, m.start, m.end, gaz, m.type)
            continue
        out.append(Toponym(m.start, m.end, m.text, m.type, cands, state))
    return out


def _state_alias(gaz: Gazetteer, m: Mention) -> list[Candidate]:
    """The country a state's other name stands for ("Korea", which the actor file makes South
    Korea), when the words name no country and no town of that country (a seat, "Moscow",
    acts otherwise)."""
    if m.kind != "state" or not m.actor or m.actor == m.text:
        return []
    country = [c for c in gaz.lookup(m.actor) if c.entry.kind == "country"]
    codes = {c.entry.country for c in country}
    own = gaz.lookup(m.text)
    if any(c.entry.kind == "country" or (c.entry.kind == "city" and c.entry.country in codes) for c in own):
        return []
    return country


def _country_named(gaz: Gazetteer, name: str | None) -> str | None:
    for c in gaz.lookup(name or ""):
        if c.entry.kind == "country":
            return c.entry.country
    return None


def _chain(words: str) -> bool:
    return sum(1 for part in _DASHES.split(words) if part.strip()[:1].isupper()) >= 2


_DASHES = re.compile(r"\s*[-–—]\s*")


def _chain_parts(text: str, start: int, end: int, gaz: Gazetteer, label: str) -> list[Toponym]:
    """ "Kramatorsk-Konstantinovka-Slovyansk", "Central Africa - Nigeria": each part the
    gazetteer knows, as its own toponym."""
    out = []
    pos = start
    for match in [*_DASHES.finditer(text, start, end), None]:
        stop = match.start() if match is not None else end
        part = text[pos:stop]
        cands = gaz.lookup(part) if part[:1].isupper() else []
        if cands:
            out.append(Toponym(pos, stop, part, label, cands, source="chain"))
        if match is not None:
            pos = match.end()
    return out


def _name_tokens(d: _Doc, i: int, j: int) -> bool:
    """Whether tokens ``i:j`` may form a name: no sentence punctuation or line break inside
    (a hyphen or apostrophe joined to its words is fine: "Guinea-Bissau", "Côte d'Ivoire"),
    capitalised at both ends."""
    words, kinds = d.words, d.kinds
    if not words[i][:1].isupper() or not (words[j - 1][:1].isupper() or words[j - 1][:1].isdigit()):
        return False
    for k in range(i, j):
        kind = kinds[k]
        if kind == "space":
            return False
        joined_dash = words[k] in {"-", "–"} and k not in (i, j - 1) and not d.spaced[k] and not d.spaced[k - 1]
        if kind == "punct" and words[k] not in {".", "'", "’"} and not joined_dash:
            return False
    return True


def _scan_toponyms(d: _Doc, found: list[Toponym]) -> list[Toponym]:
    """Capitalised names the actor stage did not call places, where the text says they are
    (:func:`_scan_reason`). Looks up n-grams of up to five tokens: index lookups, no scan of
    the gazetteer."""
    doc, gaz = d.doc, d.gaz
    place_tokens: set[int] = set()
    for t in found:
        place_tokens.update(d.tokens(t.start, t.end))
    hits: list[tuple[int, int, list[Candidate]]] = []
    i, n = 0, len(doc)
    while i < n:
        if i in place_tokens or i in d.blocked or not d.words[i][:1].isupper() or d.ent_types[i] in _NOT_PLACE_ENTS:
            i += 1
            continue
        hit = None
        for width in (5, 4, 3, 2, 1):
            j = i + width
            if j > n or any(k in place_tokens or k in d.blocked for k in range(i, j)) or not _name_tokens(d, i, j):
                continue
            cands = gaz.lookup(d.text[d.starts_of[i] : d.starts_of[j - 1] + len(d.words[j - 1])])
            if cands:
                hit = (i, j, cands)
                break
        if hit is None:
            i += 1
        else:
            hits.append(hit)
            i = hit[1]
    out: list[Toponym] = []
    pending = hits
    while pending:  # chains and lists are read both ways: go on until nothing is added
        left = []
        for i, j, cands in pending:
            if _scan_reason(d, i, j, cands, place_tokens) is None:
                left.append((i, j, cands))
                continue
            start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
            label = "FAC" if any(c.curated and c.entry.kind == "facility" for c in cands) else "GPE"
            out.append(Toponym(start, end, d.text[start:end], label, cands, source="scan"))
            place_tokens.update(range(i, j))
        if len(left) == len(pending):
            break
        pending = left
    return out


def _scan_reason(d: _Doc, i: int, j: int, cands: list[Candidate], place_tokens: set[int]) -> str | None:
    """Why the tokens ``i:j`` name a place, or None if the text does not say so.

    * a country, continent or hand-kept place, unless spaCy calls it a person or it lies inside
      an organisation's name ("Nigeria reported", untagged; "the Zaporizhzhia Nuclear Power
      Plant", tagged ORG as a whole); a country at the head of an organisation's name is one
      too ("the U.S. Centers for Disease Control");
    * part of a hyphenated chain with a place ("Kramatorsk-Konstantinovka-Slovyansk") or in a
      list with one ("Kramatorsk and Slovyansk");
    * after a locative preposition ("in Kisumu", "in the Temryuk"), or a place noun ("the
      town of Garissa"), or before ", <the region or country that holds it>" ("Pandi, Bulacan").

    A name spaCy tagged as a person or an organisation needs one of the strong signals: a
    list, a strong preposition, a place noun, its holder; an untagged one may follow a weak
    preposition too ("flew to Pandi").
    """
    # Long on purpose: the reasons are tried in order and the first that holds wins; read
    # together they show which signal each kind of name needs (split up, the order would hide).
    doc, words = d.doc, d.gaz.words
    span = doc[i:j]
    text = span.text
    ent = span[0].ent_type_
    ent_span = d.ents.get(i)
    ent_start = ent_span.start if ent_span is not None else i
    if ent_span is not None and doc[ent_start].lower_ in {"the", "a", "an"}:
        ent_start += 1
    whole_entity = ent_span is not None and ent_start == i and ent_span.end == j
    in_org = any(k in d.orgs for k in range(i, j)) or ent == "ORG"
    in_person = any(k in d.persons for k in range(i, j)) or ent in {"PERSON", "NORP"}
    known = [c for c in cands if not c.alternate]
    if j - i == 1 and text in words.not_places:
        return None
    if not in_org and not in_person and _dateline(d, i, j) and any(c.entry.kind in _ADMINISTRATIVE for c in known):
        return "dateline"  # "NEW DELHI: The minister said ...", "FORT WAYNE, Ind. --"
    well_known = any(c.entry.kind in {"country", "continent"} or c.curated for c in known)
    # "Sri Lanka - approximately" tagged PERSON: a misread, not a person called Sri Lanka
    if in_person and ent_span is not None and not whole_entity and well_known and not any(t.pos_ == "PROPN" for t in ent_span if t.i < i or t.i >= j):
        return "known"
    if in_person and whole_entity and j - i > 1 and any(c.entry.kind in {"country", "region"} for c in known):
        return "known"  # "Minas Gerais" tagged PERSON: a two-word region is no one's name
    if well_known and not in_person and (not in_org or whole_entity or ent_span is None):
        return "known"
    if in_org and ent_span is not None and ent_start == i and j < ent_span.end and any(c.entry.kind == "country" for c in known):
        return "known"  # "the U.S. Centers for Disease Control"
    if in_org and any(c.curated and c.entry.kind not in _ADMINISTRATIVE for c in known) and (ent_span is None or whole_entity or ent_span.end == j):
        return "known"  # "the Zaporizhzhia Nuclear Power Plant" tagged ORG
    if in_org and whole_entity and any(c.entry.kind == "region" for c in known) and place_key(text) not in d.gaz.generic:
        return "known"  # "Saxony-Anhalt" tagged ORG: a first-level region's own name
    if in_person and whole_entity and j - i == 1 and _misread_person(d, i, known):
        return "misread person"  # "shelled Kherson" tagged PERSON: a big city, not a person
    if in_person and whole_entity and known and _origin_of_someone(doc, j):
        return "origin"  # "A Sioux Falls man": where someone is from, not who they are
    if in_org and not whole_entity and ent_span is not None:
        return None  # a place word inside an organisation's name
    if in_person and not whole_entity and ent_span is not None:
        return None  # "Donald" of "Donald Trump"
    if _inside_longer_name(d, i, j, place_tokens):
        return None  # "Vice" of "Vice President", "Goz" of "Goz Beida"
    proper = all(t.pos_ == "PROPN" for t in span)
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[j] if j < len(doc) else None
    # "Kramatorsk-Konstantinovka-Slovyansk", "Kramatorsk and Slovyansk"
    if prev is not None and prev.text in {"-", "–"} and not prev.whitespace_ and i >= 2 and (i - 2) in place_tokens:
        return "chain"
    if nxt is not None and nxt.text in {"-", "–"} and not nxt.whitespace_ and (j + 1) in place_tokens:
        return "chain"
    if not proper:
        return None
    if prev is not None and prev.lower_ in {"and", "or", ","} and i >= 2 and (i - 2) in place_tokens:
        return "list"
    if nxt is not None and nxt.lower_ in {"and", "or", ","} and (j + 1) in place_tokens:
        return "list"
    # "from Paris to Lyon", "London to Birmingham": the other end of a route is a place
    if prev is not None and prev.lower_ == "to" and i >= 2 and (i - 2) in place_tokens:
        return "route"
    if nxt is not None and nxt.lower_ == "to" and (j + 1) in place_tokens and prev is not None and prev.lower_ == "from":
        return "route"
    # "Donetsk, the largest city of the Donbas", "Donetsk, a small town in Russia"
    if nxt is not None and nxt.text == "," and j + 2 < len(doc) and doc[j + 1].lower_ in {"the", "a", "an"}:
        for k2 in range(j + 2, min(j + 6, len(doc))):
            if doc[k2].lemma_.lower() in words.place_nouns and doc[k2].pos_ == "NOUN":
                return "apposition"
            if doc[k2].pos_ not in {"ADJ", "ADV", "NOUN", "PROPN"} or doc[k2].is_punct:
                break
    locative = _locative(d, i)
    if locative is not None:
        return locative
    # after a weak preposition, only a name spaCy left alone or called a place ("flew to Pandi")
    k = i - 1 if prev is not None and prev.lower_ != "the" else i - 2
    before1 = doc[k].lower_ if k >= 0 else ""
    before2 = f"{doc[k - 1].lower_} {before1}" if k >= 1 else ""
    if (before1 in words.weak_prepositions or before2 in words.weak_prepositions) and not in_org and not in_person and ent in {"", "GPE", "LOC", "FAC"}:
        return "preposition"
    # "Pandi, Bulacan": followed by a comma and a place that holds it
    if nxt is not None and nxt.text == "," and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
        for width in (3, 2, 1):
            if j + 1 + width <= len(doc) and _name_tokens(d, j + 1, j + 1 + width):
                holder = d.gaz.lookup(doc[j + 1 : j + 1 + width].text)
                if holder and any(_holds(h.entry, c.entry) for h in holder for c in known):
                    return "holder"
    return None


# A one-word name spaCy calls a person is read as a city only if the city is this big (or a
# first-level region): small places share their names with too many people.
_MISREAD_MIN_POPULATION = 100_000


def _origin_of_someone(doc: Doc, j: int) -> bool:
    """Whether the name ending before token ``j`` describes an indefinite person by where they
    are from: "a Sioux Falls man", "an Austin resident" (a person noun of ``reference.yaml``)."""
    last = doc[j - 1]
    head = last.head
    if last.dep_ != "compound" or head.pos_ != "NOUN" or head.i < j or head.lemma_.lower() not in _person_nouns():
        return False
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)


def _person_nouns() -> frozenset[str]:
    return resource("places.person_nouns", None, lambda: frozenset(k for k, v in load_reference().nominals.items() if v.type == "PERSON"))


_PERSON_SLOTS = frozenset({"nsubj", "nsubjpass", "poss", "compound", "appos", "npadvmod"})


def _misread_person(d: _Doc, i: int, known: Sequence[Candidate]) -> bool:
    """Whether the one-word PERSON entity at token ``i`` is a place spaCy misread: a big city
    or a region by that name, in no slot a person takes (a subject, a possessor, after a
    title), and no one in the article bears it (they are blocked before the scan)."""
    if d.ent_types[i] != "PERSON" or not any(
        (c.entry.kind == "city" and c.entry.population >= _MISREAD_MIN_POPULATION) or c.entry.kind == "region" for c in known
    ):
        return False
    tok = d.doc[i]
    if tok.dep_ in _PERSON_SLOTS or any(c.dep_ in {"poss", "case"} for c in tok.children):
        return False
    prev = d.doc[i - 1] if i > 0 else None
    return prev is None or not (prev.pos_ == "PROPN" or prev.text.endswith("."))  # "President X", "Mr. X"


_DATELINE_ENDS = frozenset({":", "—", "–", "-", "--", ",", "("})


def _dateline(d: _Doc, i: int, j: int) -> bool:
    """Whether tokens ``i:j`` are a dateline: in capitals, opening a line within the article's
    first 400 characters, followed by a colon, a dash, a comma or a bracket."""
    doc = d.doc
    start = doc[i].idx
    if start > 400 or not all(w.isupper() for w in d.words[i:j] if any(ch.isalpha() for ch in w)):
        return False
    if start > 0 and line_start(d.text, start) == 0 and d.text[:start].strip():
        return False  # not at the start of a line
    return j < len(doc) and doc[j].text in _DATELINE_ENDS


def _locative(d: _Doc, i: int) -> str | None:
    """Whether the words before token ``i`` make the name there a place: a strong locative
    preposition ("in Pandi", "in the Temryuk", "north of Kyiv") or a place noun ("the town of
    Garissa", "the capital city of Nairobi", "the South African region KwaZulu-Natal")."""
    doc, words = d.doc, d.gaz.words
    k = i - 1 if i > 0 and doc[i - 1].lower_ != "the" else i - 2
    if k < 0:
        return None
    before1 = doc[k].lower_
    before2 = f"{doc[k - 1].lower_} {before1}" if k >= 1 else ""
    if before1 in words.prepositions or before2 in words.prepositions:
        return "preposition"
    if before1 == "of" and k >= 1 and doc[k - 1].lemma_.lower() in words.place_nouns:
        return "place noun"
    if doc[k].lemma_.lower() in words.place_nouns and doc[k].pos_ == "NOUN" and k == i - 1:
        return "place noun"
    # "cities like Beijing", "countries such as Mexico"
    if before1 == "like" and k >= 1 and doc[k - 1].lemma_.lower() in words.place_nouns:
        return "place noun"
    if before2 == "such as" and k >= 2 and doc[k - 2].lemma_.lower() in words.place_nouns:
        return "place noun"
    # "30 km from Kyiv", "southwest from Mexico City", "miles north of Moscow"
    if before1 in {"from", "of", "outside"} and k >= 1 and doc[k - 1].lower_ in words.distance_words:
        return "distance"
    return None


def _inside_longer_name(d: _Doc, i: int, j: int, place_tokens: set[int]) -> bool:
    """Whether tokens ``i:j`` sit inside a longer capitalised name: a capitalised word joined
    right after it, or right before it (not opening the sentence), that is not itself a place."""
    doc = d.doc
    if j < len(doc) and j not in place_tokens and d.words[j][:1].isupper() and doc[j].pos_ == "PROPN" and d.kinds[j] == "word":
        return True
    return i > 0 and (i - 1) not in place_tokens and d.words[i - 1][:1].isupper() and doc[i - 1].pos_ == "PROPN" and not doc[i - 1].is_sent_start


def _extend(d: _Doc, toponyms: list[Toponym]) -> list[Toponym]:
    """Names spaCy cut short, made whole when the whole is a known place: "Washington state",
    "Hebei province", "Rio Grande do Sul", "Goz Beida", and two names joined by "and"
    ("Jammu and Kashmir", "Bosnia and Herzegovina")."""
    doc, gaz = d.doc, d.gaz
    toponyms = sorted(toponyms, key=lambda t: t.start)
    out: list[Toponym] = []
    skip_until = -1
    for idx, top in enumerate(toponyms):
        if top.start < skip_until:
            continue
        tokens = d.tokens(top.start, top.end)
        if not tokens:
            out.append(top)
            continue
        i, j = tokens.start, tokens.stop
        best = (i, j)
        for left in (0, 1, 2):
            for right in (0, 1, 2, 3):
                a, b = i - left, j + right
                if (left or right) and a >= 0 and b <= len(doc) and (b - a) > (best[1] - best[0]) and _extensible(doc, a, b, i, j):
                    longer = doc[a:b].text
                    if place_key(longer) != place_key(top.text) and gaz.knows(longer):
                        best = (a, b)
        if best != (i, j):
            a, b = best
            start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
            top = Toponym(start, end, d.text[start:end], top.label, gaz.lookup(d.text[start:end]), top.state, "joined")
            skip_until = end
            out = [t for t in out if t.end <= start]
        out.append(top)
        skip_until = max(skip_until, top.end)
        del idx
    return out


def _extensible(doc: Doc, a: int, b: int, i: int, j: int) -> bool:
    """Tokens ``a:b`` around a name ``i:j`` may extend it: words, hyphens joined to them,
    "and" between two names; no sentence punctuation or line break."""
    for k in range(a, b):
        if i <= k < j:
            continue
        t = doc[k]
        if t.is_space or has_break(t.text) or (t.is_punct and t.text not in {"-", "'", "’"}) or t.like_num or t.lower_ == "the":
            return False
    return doc[a].text[:1].isupper()


def _not_a_place(d: _Doc, top: Toponym) -> bool:
    """ "Marburg virus", "Lyme disease", "the Paris agreement": a place name that begins
    another name, not a mention of the place; lower-case words spaCy tagged ("swan"); a short
    abbreviation not written as one ("Us" is the pronoun, "US" the country; "Pa." is fine);
    names never on a map ("Earth"); the state of a party label ("John Thune, R-S.D."); an
    acronym that names no place (:func:`_stray_acronym`)."""
    if not top.text[:1].isupper() and not top.text.lower().startswith("the "):
        return True
    if len(top.text) <= 3 and "." not in top.text and not top.text.isupper():
        return True
    if place_key(top.text) in d.gaz.never:
        return True
    if inside_label(top.start, top.end, d.party_labels):
        return True
    if _stray_acronym(d, top):
        return True
    tokens = d.tokens(top.start, top.end)
    if not tokens:
        return False
    nxt = tokens.stop
    return nxt < len(d.doc) and d.doc[nxt].lower_ in d.gaz.words.name_parts


# -- acronyms --------------------------------------------------------------------------------

_ACRONYM = re.compile(r"[A-Z]{2,5}")
# "the continuing resolution (CR)", "the continuing resolution, or CR", "CR (continuing resolution)"
# (bounded runs of spaces: an unbounded one would be retried from every space of a long blank)
_DEFINED_AFTER = re.compile(r"(?:\s\(\s?|,?\s{1,3}or\s{1,3}(?:the\s{1,3})?)(?P<short>[A-Z]{2,6})(?:\s?\)|\b)")
_DEFINED_BEFORE = re.compile(r"\b(?P<short>[A-Z]{2,6})\s{1,3}\((?P<long>[A-Za-z][^()]{2,80})\)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# words an acronym skips ("Democratic Republic of the Congo" -> DRC)
_MINOR_WORDS = frozenset({"of", "and", "the", "for", "on", "in", "to", "a", "an", "&", "de", "du", "des", "la", "le"})


def defined_acronyms(text: str) -> dict[str, str]:
    """The acronyms ``text`` defines, each with the words it stands for: "continuing resolution"
    for "CR" in "the continuing resolution (CR)", "the continuing resolution, or CR" and "CR
    (continuing resolution)"; the initials of the words (case aside, minor words skipped)
    must spell it."""
    out: dict[str, str] = {}
    for m in _DEFINED_AFTER.finditer(text):
        short = m["short"]
        before = list(_WORD.finditer(text, max(0, m.start() - 160), m.start()))
        content: list[re.Match[str]] = []
        for w in reversed(before):
            if w.group().lower() in _MINOR_WORDS and content:
                continue
            content.insert(0, w)
            if len(content) == len(short):
                break
        if len(content) == len(short) and "".join(w.group()[0] for w in content).upper() == short:
            out.setdefault(short, text[content[0].start() : before[-1].end()])
    for m in _DEFINED_BEFORE.finditer(text):
        short, words = m["short"], [w for w in _WORD.findall(m["long"]) if w.lower() not in _MINOR_WORDS]
        if len(words) == len(short) and "".join(w[0] for w in words).upper() == short:
            out.setdefault(short, m["long"].strip())
    return out


def _stray_acronym(d: _Doc, top: Toponym) -> bool:
    """Whether a short name in capitals without dots ("CR", "HIV", "UN") is an acronym that names
    no place: one the article defines by words that are no place ("the continuing resolution
    (CR)"), unless it is a country's; or one the gazetteer knows as no country, region or
    hand-kept name (or not at all), unless the words before it make it a place ("in the
    DMZ", "Berea, OH"). A dateline or a line in capitals is no acronym ("ROME —")."""
    if not _ACRONYM.fullmatch(top.text):
        return False
    first = line_start(d.text, top.start)
    stop = d.text.find("\n", top.start)
    line = d.text[first : stop if stop >= 0 else len(d.text)]
    if not d.text[first : top.start].strip() or line.upper() == line:
        return False
    expansion = d.acronyms.get(top.text)
    if expansion is not None:
        return not d.gaz.knows(expansion) and not any(c.entry.kind == "country" for c in top.candidates)
    if any(c.curated or (not c.alternate and c.entry.kind in {"country", "region", "continent"}) for c in top.candidates):
        return False
    tokens = d.tokens(top.start, top.end)
    if not tokens:
        return True
    i = tokens.start
    if i >= 2 and d.words[i - 1] == "," and d.words[i - 2][:1].isupper():
        return False  # "Berea, OH": the state or country of the town before it
    return _locative(d, i) is None


# -- natural features ------------------------------------------------------------------------

# spaCy labels that keep a capitalised run from naming a feature ("Treasure Island" the book)
_NOT_FEATURE_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "WORK_OF_ART", "LAW", "LANGUAGE", "EVENT", "PRODUCT"})
# how the words of a feature's name may be tagged: "Second Thomas Shoal", "Great Barrier Reef"
_FEATURE_NAME_POS = frozenset({"PROPN", "ADJ", "NOUN", "NUM"})
_NAME_WORDS_BEFORE = 4  # at most this many words before the feature word ("Johnson South Reef")
_NAME_WORDS_AFTER = 3  # after "<Feature> of" or a prefix ("Strait of Hormuz", "Cape Engaño")


def _feature_toponyms(d: _Doc, found: list[Toponym]) -> list[Toponym]:
    """``found`` with the names of natural features added (``feature_words`` of
    ``places_extra.yaml``): a capitalised name ending in a feature word ("Second Thomas Shoal",
    "Mischief Reef"), opening "<Feature> of" ("Strait of Hormuz") or, for a prefix, opening with
    it ("Cape Engaño"). Each is a place even when the gazetteer lacks it (it then keeps its
    name and the feature's kind); a place found inside it gives way ("Thomas" of "Second
    Thomas Shoal"). A name spaCy calls an organisation needs the text to say it is a place (a
    preposition, a place noun, a list with a place: "through the Bashi Channel", not "the
    History Channel"; so too a name ending in a word of ``feature_words_of_organisations``,
    whatever spaCy says), and one it calls a person a strong sign (a locative preposition, a place
    noun, a list with a place: "claims Scarborough Shoal and Mischief Reef", not "director
    Michael Bay"). No name that runs on ("Tampa Bay Lightning") or holds an organisation's
    word ("Mount Sinai Hospital") is one."""
    features = d.gaz.words.feature_words
    if not features:
        return found
    prefixes = frozenset(d.gaz.words.feature_prefixes)
    doc, words, n = d.doc, d.words, len(d.doc)
    spans: list[tuple[int, int, str]] = []
    k = 0
    while k < n:
        word = words[k].lower()
        if word not in features or not words[k][:1].isupper() or not _feature_name_word(d, k):
            k += 1
            continue
        kind = features[word]
        i = k
        while i > 0 and k - i < _NAME_WORDS_BEFORE and _feature_name_word(d, i - 1) and not doc[i].is_sent_start:
            i -= 1
        j = k + 1
        if i == k:  # "Strait of Hormuz", "Gulf of the Farallones", "Cape Engaño"
            after = k + 2 + (k + 3 < n and doc[k + 2].lower_ == "the") if k + 1 < n and doc[k + 1].lower_ == "of" else k + 1
            if after > k + 1 or word in prefixes:
                j = after
                while j < n and j - after < _NAME_WORDS_AFTER and _feature_name_word(d, j) and doc[j].lower_ not in features:
                    j += 1
                if j == after:
                    j = k + 1
        if (i < k or j > k + 1) and not _runs_on(d, j) and not (i == k and _runs_on_before(d, i)):
            spans.append((i, j, kind))
            k = j
        else:
            k += 1
    if not spans:
        return found
    place_tokens = {t for top in found for t in d.tokens(top.start, top.end)}
    out = list(found)
    for i, j, kind in spans:
        start, end = d.starts_of[i], d.starts_of[j - 1] + len(words[j - 1])
        same = [t for t in out if t.start <= start and t.end >= end]
        if same:  # already a place ("the Luzon Strait"): its words say its kind
            for t in same:
                if place_key(t.text) == place_key(d.text[start:end]) and t.kind is None:
                    t.kind = kind
            continue
        if not _feature_allowed(d, i, j, place_tokens):
            continue
        if any(t.start < end and start < t.end and not (start <= t.start and t.end <= end) for t in out):
            continue  # straddles another place: the words are read otherwise
        out = [t for t in out if not (start <= t.start and t.end <= end)]
        out.append(Toponym(start, end, d.text[start:end], "LOC", d.gaz.lookup(d.text[start:end]), source="feature", kind=kind))
        place_tokens.update(range(i, j))
    return sorted(out, key=lambda t: t.start)


def _feature_name_word(d: _Doc, k: int) -> bool:
    """Whether token ``k`` may be a word of a feature's name: capitalised, tagged as a name, an
    adjective, a noun or a number, and in no date, quantity or work's title."""
    return d.kinds[k] == "word" and d.words[k][:1].isupper() and d.doc[k].pos_ in _FEATURE_NAME_POS and d.ent_types[k] not in _NOT_FEATURE_ENTS


def _runs_on(d: _Doc, j: int) -> bool:
    """Whether the name ending before token ``j`` runs on into another capitalised name, a
    number or a hyphenated word ("Tampa Bay Lightning", "WIVB Channel 4", "the Intrepid
    Sea-Air-Space Museum")."""
    if j >= len(d.doc) or d.doc[j].is_sent_start:
        return False
    if d.words[j] in {"-", "–"} and not d.spaced[j - 1]:
        return True
    return d.kinds[j] == "word" and (d.words[j][:1].isdigit() or (d.words[j][:1].isupper() and d.doc[j].pos_ == "PROPN"))


def _runs_on_before(d: _Doc, i: int) -> bool:
    """Whether a capitalised name stands right before token ``i`` ("the Royal Gulf of ...")."""
    return i > 0 and not d.doc[i].is_sent_start and d.kinds[i - 1] == "word" and d.words[i - 1][:1].isupper() and d.doc[i - 1].pos_ == "PROPN"


def _feature_allowed(d: _Doc, i: int, j: int, place_tokens: set[int]) -> bool:
    """Whether tokens ``i:j`` name a feature rather than an organisation or a person (see
    :func:`_feature_toponyms`)."""
    doc = d.doc
    if any(doc[k].lower_ in _org_words() for k in range(i, j)):
        return False
    # "the History Channel", untagged, reads as a spaCy ORG would
    as_org = any(k in d.orgs or d.ent_types[k] == "ORG" for k in range(i, j)) or doc[j - 1].lower_ in d.gaz.words.feature_words_of_organisations
    as_person = any(k in d.persons or d.ent_types[k] == "PERSON" for k in range(i, j))
    if not as_org and not as_person:
        return True
    listed_before = i >= 2 and doc[i - 1].lower_ in {"and", "or", ","} and (i - 2) in place_tokens
    listed_after = j + 1 < len(doc) and doc[j].lower_ in {"and", "or", ","} and (j + 1) in place_tokens
    if listed_before or listed_after or _locative(d, i) is not None:
        return True
    if as_person:
        return False  # "Director Michael Bay said", "an interview to Ricki Lake"
    k = i - 1 if i > 0 and doc[i - 1].lower_ != "the" else i - 2
    before1 = doc[k].lower_ if k >= 0 else ""
    before2 = f"{doc[k - 1].lower_} {before1}" if k >= 1 else ""
    return before1 in d.gaz.words.weak_prepositions or before2 in d.gaz.words.weak_prepositions


def _org_words() -> frozenset[str]:
    return resource("places.org_words", None, lambda: frozenset(load_reference().org_words))
