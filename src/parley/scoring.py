"""parley's own scorer: records against gold records, layer by layer, precision / recall / F1.

``parley evaluate`` uses it, so a user's clone (which has no ``shared/eval/score.py``) can
measure parley on a gold set of its own making (``parley import-annotations``). It follows the
matching rules of the shared scorer (``shared/eval/score.py``, described in
``shared/eval/FORMAT.md``) rule for rule, and a test checks that both give the same figures
on the shared gold files. Only the layers a gold record carries are scored (a gold record
without ``places`` scores no places); a prediction missing for a gold id counts as empty.

The matching rules:

- **names** are equal when their words are equal (case and punctuation ignored), or when
  their last words are ("Peskov" = "Dmitry Peskov"); the *strict* form used for actors and
  events allows the last-word rule only between a one-word name and a longer one, so "North
  Korea" is not "South Korea" nor "Jeb Bush" "George Bush".
- **quotes**: split quotes ("A," she said, "B": same speaker, one paragraph, quotation marks
  between) are first joined into one on both sides. A predicted quote matches a gold one when
  the word-level F1 of their contents is at least 0.5, one prediction per gold quote, best
  pairs first (``quotes.detect``). ``quotes.end_to_end`` also wants the speaker: equal names,
  a speaker mention overlapping the gold one (how a gold "he" is matched), or the predicted
  mention's words naming the gold speaker; a gold quote with no speaker wants none.
  ``quotes.content_exact`` compares content boundaries with quotation marks, punctuation and
  spaces trimmed at the edges. ``speaker_acc``, ``said_on_acc`` and ``source_acc`` are
  accuracies over the matched pairs (the latter two over gold quotes that give a date or a
  relaying source); ``quotes.<type>.end_to_end`` repeats the end-to-end measure per type.
- **mentions**: overlapping spans of the types the gold annotates (pronouns are not scored);
  ``mentions.actor`` also wants the canonical actor (strict names).
- **dates**: only predictions with a value; overlapping spans whose predicted value starts
  with the gold value and is at least as precise.
- **places**: distinct places on the map (within 5 km of an earlier one is the same place);
  a gold place is resolved by a prediction within 50 km (300 km for a region), a gold country
  by a predicted country with the same ISO code; where the gold annotates no country,
  predicted countries are not scored; predictions without coordinates are not scored.
- **events**: same type, and each gold actor (source, target) among the predicted ones
  (strict names).

Where it differs from ``score.py``: it never raises on a gold record that a hand-made gold set
may hold (a gold date without a value, a gold place without coordinates): those are left out
of the gold, as predictions lacking them are left out of the predictions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Record = Mapping[str, Any]

PRONOUNS = frozenset(
    [
        "he",
        "she",
        "it",
        "they",
        "him",
        "her",
        "them",
        "his",
        "hers",
        "its",
        "their",
        "theirs",
        "we",
        "us",
        "our",
        "i",
        "me",
        "my",
        "you",
        "your",
        "himself",
        "herself",
        "itself",
        "themselves",
    ]
)
_TOKEN = re.compile(r"\w+", re.UNICODE)
# Characters trimmed from the edges of a content span for the exact-boundary measure.
_EDGE = frozenset(" \t\n\"'“”‘’«»,.;:!?—–-()[]")
_QUOTE_MARKS = '"“”«»„'
# Parts of a split quote are at most this many characters apart.
_SPLIT_GAP = 120
QUOTE_MATCH = 0.5  # word-level F1 a predicted quote's content needs to match a gold one
PLACE_KM = 5.0  # toponyms closer than this are one place on the map
NEAR_KM = 50.0  # a prediction this close resolves a gold place
NEAR_REGION_KM = 300.0  # ... a gold region or country


def is_pronoun(text: str) -> bool:
    """Pronouns are not annotated as mentions; "US" the country is not "us"."""
    return text.lower() in PRONOUNS and not (len(text) > 1 and text.isupper())


def tokens(text: str | None) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text or "")]


def token_f1(a: str, b: str) -> float:
    """Word-level F1 of two texts (a multiset overlap)."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    pool = list(tb)
    common = 0
    for t in ta:
        if t in pool:
            pool.remove(t)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def span_text(span: Any) -> str:
    if span is None:
        return ""
    if isinstance(span, str):
        return span
    return str(span.get("text", ""))


def span_range(span: Any) -> tuple[int, int] | None:
    if isinstance(span, Mapping) and "start" in span and "end" in span:
        return int(span["start"]), int(span["end"])
    return None


def overlaps(a: Any, b: Any) -> bool:
    ra, rb = span_range(a), span_range(b)
    return bool(ra and rb and ra[0] < rb[1] and rb[0] < ra[1])


def same_name(gold: str | None, pred: str | None, *, strict: bool = False) -> bool:
    """Equal words, or equal last words (strict: only between a one-word name and a longer one)."""
    if not gold or not pred:
        return False
    g, p = tokens(gold), tokens(pred)
    if g == p:
        return True
    if not g or not p or g[-1] != p[-1]:
        return False
    return not strict or min(len(g), len(p)) == 1


def speaker_ok(gold: Record, pred: Record) -> bool:
    """The speaker is right when the names agree, or the prediction points at the same words
    as the gold speaker mention (a pronoun such as "he" included)."""
    if gold.get("speaker") is None:
        return pred.get("speaker") is None  # an unattributed statement stays unattributed
    if same_name(gold.get("speaker"), pred.get("speaker")):
        return True
    gm, pm = gold.get("speaker_mention"), pred.get("speaker_mention")
    if gm and pm and overlaps(gm, pm):
        return True
    return bool(pm) and same_name(gold.get("speaker"), span_text(pm))


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1; nothing predicted where nothing is annotated is perfect."""
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def greedy_match(golds: Sequence[Record], preds: Sequence[Record], score: Callable[[Record, Record], float], threshold: float) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, prediction index) scoring at least ``threshold``, best first."""
    pairs = sorted(
        ((s, i, j) for i, g in enumerate(golds) for j, p in enumerate(preds) if (s := score(g, p)) >= threshold),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[int, int]] = []
    for _, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j))
    return out


def trimmed(span: Any) -> tuple[int, int] | None:
    """A content span's offsets without quotation marks, punctuation and spaces at its edges."""
    r = span_range(span)
    if not r:
        return None
    text, (s, e) = span_text(span), r
    i, j = 0, len(text)
    while i < j and text[i] in _EDGE:
        i += 1
    while j > i and text[j - 1] in _EDGE:
        j -= 1
    return (s + i, s + j) if len(text) == e - s else None


def quote_score(gold: Record, pred: Record) -> float:
    """Contents match on their words, so a span off by a clause still counts."""
    return token_f1(span_text(gold.get("content")), span_text(pred.get("content")))


def join_split_quotes(quotes: Iterable[Record], text: str) -> list[Record]:
    """ "A," she said, "B" is one statement however it is marked: parts with the same speaker,
    in one paragraph, with a closing and an opening quotation mark between them become one
    quote from A's first word to B's last (as PolNeAR marks it)."""

    def start(q: Record) -> float:
        r = span_range(q.get("content"))
        return r[0] if r else math.inf

    out: list[Record] = []
    for q in sorted(quotes, key=start):
        prev = out[-1] if out else None
        r = span_range(q.get("content"))
        pr = span_range(prev.get("content")) if prev else None
        if prev is not None and r and pr and text and 0 <= r[0] - pr[1] < _SPLIT_GAP:
            gap = text[max(pr[0], pr[1] - 2) : min(r[1], r[0] + 2)]  # the marks may lie inside the spans
            agree = (prev.get("speaker") is None and q.get("speaker") is None) or same_name(prev.get("speaker"), q.get("speaker"))
            if "\n" not in gap and sum(gap.count(m) for m in _QUOTE_MARKS) >= 2 and agree:
                kind = prev.get("type") if prev.get("type") == q.get("type") else "mixed"
                out[-1] = {**prev, "content": {"start": pr[0], "end": r[1], "text": text[pr[0] : r[1]]}, "type": kind}
                continue
        out.append(q)
    return out


def haversine(la1: float, lo1: float, la2: float, lo2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(la1), math.radians(la2)
    dp, dl = p2 - p1, math.radians(lo2 - lo1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _located(place: Record) -> bool:
    return place.get("lat") is not None and place.get("lon") is not None


def distinct_places(places: Iterable[Record]) -> list[Record]:
    """One entry per place on the map: repeats ("US" and "United States") neither help nor hurt."""
    kept: list[Record] = []
    for x in places:
        if not _located(x) or not any(haversine(x["lat"], x["lon"], k["lat"], k["lon"]) <= PLACE_KM for k in kept if _located(k)):
            kept.append(x)
    return kept


def place_near(gold: Record, pred: Record) -> float:
    """1.0 when the prediction resolves the gold place (see the module docstring)."""
    if gold.get("kind") == "country" and gold.get("country"):
        return 1.0 if pred.get("kind") == "country" and str(pred.get("country") or "").upper() == str(gold["country"]).upper() else 0.0
    limit = NEAR_REGION_KM if gold.get("kind") in ("region", "country") else NEAR_KM
    return 1.0 if haversine(gold["lat"], gold["lon"], pred["lat"], pred["lon"]) <= limit else 0.0


def _event_match(gold: Record, pred: Record) -> float:
    if gold.get("type") != pred.get("type"):
        return 0.0
    parties = (pred.get("source"), pred.get("target"))
    wanted = [x for x in (gold.get("source"), gold.get("target")) if x]
    return 1.0 if all(any(same_name(x, y, strict=True) for y in parties) for x in wanted) else 0.0


def _overlap_score(a: Record, b: Record) -> float:
    return 1.0 if overlaps(a, b) else 0.0


@dataclass
class Tally:
    """Counts per measure: true positives, predictions, gold items."""

    counts: dict[str, list[int]] = field(default_factory=dict)

    def add(self, key: str, tp: int, n_pred: int, n_gold: int) -> None:
        row = self.counts.setdefault(key, [0, 0, 0])
        row[0] += tp
        row[1] += n_pred
        row[2] += n_gold


def _score_quotes(gold: Record, pred: Record, t: Tally) -> None:
    text = str(gold.get("text") or "")
    gq = join_split_quotes(gold["quotes"], text)
    pq = join_split_quotes(pred.get("quotes") or [], text)
    m = greedy_match(gq, pq, quote_score, QUOTE_MATCH)
    t.add("quotes.detect", len(m), len(pq), len(gq))
    gx = {trimmed(q.get("content")) for q in gq} - {None}
    px = {trimmed(q.get("content")) for q in pq} - {None}
    t.add("quotes.content_exact", len(gx & px), len(px), len(gx))
    right = sum(1 for i, j in m if speaker_ok(gq[i], pq[j]))
    t.add("quotes.end_to_end", right, len(pq), len(gq))
    t.add("quotes.speaker_acc|matched", right, len(m), len(m))
    for kind in ("direct", "indirect", "mixed"):
        gk = [q for q in gq if q.get("type") == kind]
        pk = [q for q in pq if q.get("type") == kind]
        if gk or pk:
            mk = greedy_match(gk, pk, quote_score, QUOTE_MATCH)
            t.add(f"quotes.{kind}.end_to_end", sum(1 for i, j in mk if speaker_ok(gk[i], pk[j])), len(pk), len(gk))
    dated = [(i, j) for i, j in m if gq[i].get("said_on")]
    if dated:
        t.add("quotes.said_on_acc|matched", sum(1 for i, j in dated if (pq[j].get("said_on") or "") == gq[i]["said_on"]), len(dated), len(dated))
    relayed = [(i, j) for i, j in m if gq[i].get("source")]
    if relayed:
        t.add("quotes.source_acc|matched", sum(1 for i, j in relayed if same_name(gq[i]["source"], pq[j].get("source"))), len(relayed), len(relayed))


def _score_mentions(gold: Record, pred: Record, t: Tally) -> None:
    gm = list(gold["mentions"])
    kinds = {x.get("type") for x in gm}  # demonyms (NORP) are not annotated, so not scored
    pm = [x for x in pred.get("mentions") or [] if x.get("type") in kinds and not is_pronoun(span_text(x))]
    m = greedy_match(gm, pm, _overlap_score, 1.0)
    t.add("mentions.detect", len(m), len(pm), len(gm))
    t.add("mentions.actor", sum(1 for i, j in m if same_name(gm[i].get("actor"), pm[j].get("actor"), strict=True)), len(pm), len(gm))


def _score_dates(gold: Record, pred: Record, t: Tally) -> None:
    gd = [x for x in gold["dates"] if x.get("value")]
    pd = [x for x in pred.get("dates") or [] if x.get("value")]  # only resolved expressions count
    m = greedy_match(gd, pd, _overlap_score, 1.0)

    def right(g: Record, p: Record) -> bool:
        value, wanted = str(p.get("value", "")), str(g["value"])
        return value.startswith(wanted) and len(value) >= len(wanted)

    t.add("dates.value", sum(1 for i, j in m if right(gd[i], pd[j])), len(pd), len(gd))


def _score_places(gold: Record, pred: Record, t: Tally) -> None:
    gp = distinct_places(x for x in gold["places"] if _located(x))
    pp = [x for x in pred.get("places") or [] if _located(x)]
    if not any(x.get("kind") == "country" for x in gp):
        pp = [x for x in pp if x.get("kind") != "country"]  # the gold annotates no countries
    pp = distinct_places(pp)
    m = greedy_match(gp, pp, place_near, 1.0)
    t.add("places.resolved", len(m), len(pp), len(gp))


def _score_events(gold: Record, pred: Record, t: Tally) -> None:
    ge, pe = list(gold["events"]), list(pred.get("events") or [])
    t.add("events.typed_actors", len(greedy_match(ge, pe, _event_match, 1.0)), len(pe), len(ge))


LAYERS: dict[str, Callable[[Record, Record, Tally], None]] = {
    "quotes": _score_quotes,
    "mentions": _score_mentions,
    "dates": _score_dates,
    "places": _score_places,
    "events": _score_events,
}


def score_record(gold: Record, pred: Record, tally: Tally) -> None:
    """Add one article's counts, for the layers the gold record annotates."""
    for layer, scorer in LAYERS.items():
        if layer in gold and gold[layer] is not None:
            scorer(gold, pred, tally)


@dataclass(frozen=True)
class Report:
    """Scores per measure: ``{"quotes.end_to_end": {"precision", "recall", "f1", "tp", "pred",
    "gold"}, "quotes.speaker_acc": {"accuracy", "n"}, ...}`` (the shape of ``score.py --json``)."""

    documents: int
    missing: int
    scores: dict[str, dict[str, float | int]]

    def as_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "missing": self.missing, "scores": self.scores}

    def lines(self) -> list[str]:
        """One line per measure, sorted by name, as ``score.py`` prints them."""
        out = [f"documents {self.documents}  missing predictions {self.missing}"]
        for key in sorted(self.scores):
            v = self.scores[key]
            if "f1" in v:
                out.append(f"{key:32s} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}  (tp {v['tp']}, pred {v['pred']}, gold {v['gold']})")
            else:
                out.append(f"{key:32s} accuracy {v['accuracy']:.3f}  (n {v['n']})")
        return out


def score(gold: Iterable[Record], pred: Iterable[Record]) -> Report:
    """Score predictions against gold records, matched by ``id``."""
    golds = {str(g["id"]): g for g in gold}
    preds = {str(p["id"]): p for p in pred}
    tally = Tally()
    for key, g in golds.items():
        score_record(g, preds.get(key, {}), tally)
    scores: dict[str, dict[str, float | int]] = {}
    for key, (tp, n_pred, n_gold) in tally.counts.items():
        if key.endswith("|matched"):
            scores[key.split("|")[0]] = {"accuracy": round(tp / n_gold if n_gold else 0.0, 4), "n": n_gold}
        else:
            p, r, f = prf(tp, n_pred, n_gold)
            scores[key] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": n_pred, "gold": n_gold}
    return Report(documents=len(golds), missing=sum(1 for k in golds if k not in preds), scores=scores)
