"""Putting statements together: who said each quotation, which reported statements contain
quotations (mixed), which relay another (source), which are nested (reported_by), and the
speaker as a canonical actor.

Direct quotations are attributed in this order, the first rule that applies winning:

1. mixed — the quotation lies inside the content of a cue-led statement that has at least two
   more words of its own ("Sullivan says there has been “no illegal disclosure” at the
   agency"): that statement becomes ``mixed`` and the quotation is not a statement of its own;
2. a cue linked to the quotation through the parse, or standing right beside it with nothing
   but its own subject, auxiliaries, adverbs and objects in between ("“...,” he said",
   "“...,” said Smith", "Smith told reporters: “...”", "“A,” he said, “B”");
3. a dash and a name after the closing mark ("“...” ― Sonya Herridge");
4. a cue whose sentence ends in a colon right before the quotation, even in the paragraph
   before ("The New York Times reports:");
5. inheritance — a quotation that opens its own sentence, with no cue of its own, belongs to
   the statement just before it, within ``inherit_paragraphs`` paragraphs: "the president made
   it clear that ...  ¶ “The Donbas is ours.”" (speaker, source and date are inherited).

Anything else in quotation marks is a scare quote, a title or a nickname, not a statement.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ..model import DateRef, Mention
from .direct import QuoteRegion
from .indirect import CueHit, speaker_of
from .statement import Statement, clause_chars, token_chars, trim_chars

_WORD = re.compile(r"\w+")
_DASH_NAME = re.compile(r"[ \t\u00a0]*[―—–-][ \t\u00a0]*((?:[A-Z][\w.'’-]*[ \t\u00a0]*){1,5})")
_QUOTE_TOKENS = frozenset({'"', "“", "”", "''", "``", "«", "»", "„", "'", "‘", "’"})
# Dependents of a cue that may stand between it and the quotation it introduces.
_BETWEEN_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "npadvmod", "prep", "dobj", "dative", "prt", "punct", "mark", "cc", "agent", "attr"})
_PRONOUN_SPEAKERS = frozenset({"he", "she", "they", "it", "i", "we", "you"})


def words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end))


class Paragraphs:
    """Paragraph index of a character offset (paragraphs are lines)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\n\s*", text)]

    def index(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1


def _outside_words(text: str, content: tuple[int, int], region: QuoteRegion) -> int:
    before = text[content[0] : max(content[0], region.start)]
    after = text[min(content[1], region.end) : content[1]]
    return sum(1 for w in _WORD.findall(before + " " + after) if w.lower() != "that")


def _region_tokens(doc: Doc, region: QuoteRegion) -> tuple[int, int] | None:
    span = doc.char_span(region.inner_start, region.inner_end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.start, span.end


def _subject_tokens(head: Token) -> set[int]:
    out: set[int] = set()
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass", "expl"):
            out |= {t.i for t in child.subtree}
    return out


def _after_ok(doc: Doc, hit: CueHit, te: int) -> bool:
    """'“...,” he said' / '“...,” said Smith, the ...': only punctuation, the cue's subject,
    auxiliaries and adverbs between the closing mark and the cue."""
    if hit.start - te > 12:
        return False
    head = doc[hit.head]
    subject = _subject_tokens(head)
    for t in doc[te : hit.start]:
        if t.is_punct or t.is_space or t.i in subject:
            continue
        if t.head.i == head.i and t.dep_ in ("aux", "neg", "advmod", "npadvmod"):
            continue
        return False
    return True


def _before_ok(doc: Doc, hit: CueHit, ts: int) -> bool:
    """'Smith said, “...' / 'Smith told reporters on Monday: “...': only the cue's own objects,
    adverbs and prepositional phrases between it and the opening mark."""
    if ts - hit.end > 15:
        return False
    head = doc[hit.head]
    allowed: set[int] = set()
    for child in head.children:
        if child.dep_ in _BETWEEN_DEPS and child.i >= hit.end and child.right_edge.i < ts:
            allowed |= {t.i for t in child.subtree}
    for t in doc[hit.end : ts]:
        if t.is_punct or t.is_space or t.i in allowed or (t.dep_ == "mark" and t.lower_ == "that"):
            continue
        return False
    return True


def _linked(doc: Doc, hit: CueHit, ts: int, te: int) -> bool:
    head = doc[hit.head]
    if ts <= head.head.i < te and head.dep_ in ("parataxis", "ccomp", "advcl", "conj"):
        return True
    return any(ts <= c.i < te and c.dep_ in ("ccomp", "parataxis", "dobj", "xcomp", "advcl", "conj") for c in head.children)


class QuoteAttributor:
    """Attributes the quotation regions of one Doc; see the module docstring for the rules."""

    def __init__(self, doc: Doc, regions: Sequence[QuoteRegion], statements: list[Statement], hits: list[CueHit],
                 min_words: int, inherit_paragraphs: int) -> None:  # fmt: skip
        self.doc = doc
        self.text = doc.text
        self.regions = list(regions)
        self.statements = statements
        self.hits = hits
        self.min_words = min_words
        self.inherit_paragraphs = inherit_paragraphs
        self.paragraphs = Paragraphs(doc.text)
        self.hit_starts = [h.start for h in hits]
        self.in_region = self._token_regions()

    def _token_regions(self) -> list[int]:
        """For each token, the index of the region whose inner text holds it, or -1."""
        out = [-1] * len(self.doc)
        k = 0
        for token in self.doc:
            while k < len(self.regions) and self.regions[k].inner_end <= token.idx:
                k += 1
            if k < len(self.regions) and self.regions[k].inner_start <= token.idx < self.regions[k].inner_end:
                out[token.i] = k
        return out

    # -- rule 1: mixed ---------------------------------------------------------------------
    def _mixed_host(self, index: int, region: QuoteRegion) -> Statement | None:
        best: Statement | None = None
        for st in self.statements:
            if st.cue is None or st.type == "direct" or self.in_region[st.cue[0]] == index:
                continue
            if st.start >= region.inner_end or st.end <= region.inner_start:
                continue
            if _outside_words(self.text, st.content, region) < 2:
                continue
            if best is None or st.end - st.start < best.end - best.start:
                best = st
        return best

    # -- rules 2-4: a cue of its own --------------------------------------------------------
    def _local_cue(self, index: int, ts: int, te: int) -> tuple[CueHit, str] | None:
        doc = self.doc
        first_sent, last_sent = doc[ts].sent, doc[te - 1].sent
        lo = first_sent.start
        hi = last_sent.end
        if hi < len(doc) and doc[hi].sent.start == hi:  # '“... win.” he said.': the next sentence too
            nxt = doc[hi].sent
            if len(nxt) <= 12:
                hi = nxt.end
        window = [h for h in self.hits[bisect.bisect_left(self.hit_starts, lo) : bisect.bisect_left(self.hit_starts, hi)]
                  if self.in_region[h.start] == -1]  # fmt: skip
        linked = [h for h in window if _linked(doc, h, ts, te) and (h.start >= te or h.end <= ts)]
        after = [h for h in window if h.start >= te and _after_ok(doc, h, te)]
        before = [h for h in window if h.end <= ts and h.start >= first_sent.start and _before_ok(doc, h, ts)]
        adjacent = after[:1] + before[-1:]
        for h in adjacent:
            if h in linked:
                return h, "quote"
        if adjacent:
            return min(adjacent, key=lambda h: h.start - te if h.start >= te else ts - h.end), "quote"
        if linked:
            return min(linked, key=lambda h: h.start - te if h.start >= te else ts - h.end), "quote"
        return self._colon_cue(ts)

    def _colon_cue(self, ts: int) -> tuple[CueHit, str] | None:
        """'The New York Times reports:  ¶ “...”': a cue whose sentence ends in a colon."""
        doc = self.doc
        j = ts - 1
        while j >= 0 and (doc[j].is_space or doc[j].text in _QUOTE_TOKENS):
            j -= 1
        if j < 0 or doc[j].text != ":":
            return None
        sent = doc[j].sent
        cands = [h for h in self.hits if sent.start <= h.start < j and self.in_region[h.start] == -1]
        for h in reversed(cands):
            if _before_ok(doc, h, j):
                return h, "colon"
        return None

    def _dash_speaker(self, region: QuoteRegion) -> tuple[int, int, tuple[int, int]] | None:
        """'“...” ― Sonya Herridge': the dash's offsets and the name's tokens."""
        m = _DASH_NAME.match(self.text, region.end)
        if m is None or "\n" in self.text[region.end : m.start(1)]:
            return None
        name_end = m.start(1) + len(m.group(1).rstrip())
        span = self.doc.char_span(m.start(1), name_end, alignment_mode="expand")
        if span is None or not any(t.pos_ == "PROPN" for t in span):
            return None
        dash = self.text.index(m.group(0).strip()[0], region.end)
        return dash, dash + 1, (span.start, span.end)

    # -- rule 5 ----------------------------------------------------------------------------
    def _opens_sentence(self, region: QuoteRegion) -> bool:
        para = self.paragraphs.starts[self.paragraphs.index(region.start)]
        before = self.text[para : region.start].rstrip()
        return not before or before[-1] in ".!?:”\"'’»)"

    def _sentence_like(self, region: QuoteRegion, ts: int, te: int) -> bool:
        n = words(self.text, region.inner_start, region.inner_end)
        if n < self.min_words:
            return False
        tokens = self.doc[ts:te]
        alpha = [t for t in tokens if t.is_alpha]
        if alpha and all(t.is_title or t.is_upper or t.is_stop for t in alpha) and len(alpha) <= 8:
            return False  # a title in title case: "Make America Great Again"
        return any(t.pos_ in ("VERB", "AUX") for t in tokens) or n >= 8

    def _inherit_from(self, region: QuoteRegion, found: list[Statement]) -> Statement | None:
        para = self.paragraphs.index(region.start)
        best: Statement | None = None
        for st in found:
            if st.end > region.start or (st.speaker is None and st.inherited is None and st.frame != "dash"):
                continue
            if para - self.paragraphs.index(st.end) > self.inherit_paragraphs:
                continue
            if best is None or st.end > best.end:
                best = st
        return best

    def run(self) -> list[Statement]:
        doc, text = self.doc, self.text
        direct: list[Statement] = []
        pending: list[tuple[QuoteRegion, int, int]] = []
        used_cues: set[tuple[int, int]] = set()
        for index, region in enumerate(self.regions):
            span = _region_tokens(doc, region)
            if span is None:
                continue
            ts, te = span
            host = self._mixed_host(index, region)
            if host is not None:
                host.type = "mixed"
                host.content = (min(host.start, region.inner_start), max(host.end, region.end if region.end <= host.end + 2 else host.end))
                host.regions.append(region)
                continue
            local = self._local_cue(index, ts, te)
            content = trim_chars(text, region.inner_start, region.inner_end)
            if content[1] <= content[0]:
                continue
            if local is not None:
                hit, frame = local
                speaker, speaker_head = speaker_of(doc[hit.head])
                st = Statement(type="direct", content=content, frame=frame, cue=(hit.start, hit.end), kind=hit.cue.kind,
                               anchor=hit.head, speaker=speaker, speaker_head=speaker_head, region=region,
                               negated=any(c.dep_ == "neg" for c in doc[hit.head].children))  # fmt: skip
                if not region.closed and words(text, *content) < self.min_words:
                    continue
                if words(text, *content) < 2 and frame == "quote" and not _linked(doc, hit, ts, te):
                    continue  # a one-word quotation beside a cue is a label, not a statement
                direct.append(st)
                used_cues.add((hit.start, region.start))
                continue
            dash = self._dash_speaker(region)
            if dash is not None:
                d0, d1, name = dash
                direct.append(Statement(type="direct", content=content, frame="dash", cue_text=text[d0:d1], cue_chars=(d0, d1),
                                        kind="assertion", speaker=name, speaker_head=name[1] - 1, region=region))  # fmt: skip
                continue
            if region.closed:
                pending.append((region, ts, te))
        # a cue that attributes a quotation does not also report it as indirect speech
        covered = [st.region for st in direct if st.region is not None]
        kept: list[Statement] = []
        for st in self.statements:
            if st.cue is not None and self.in_region[st.cue[0]] != -1 and self._is_statement_region(self.in_region[st.cue[0]], direct, pending):
                continue  # speech reported inside a quotation belongs to the quotation
            if st.type != "mixed" and any(r.inner_start <= st.start and st.end <= r.end for r in covered if r is not None):
                continue
            if st.type != "mixed" and any(d.cue == st.cue and _overlap(d.content, st.content) for d in direct):
                continue
            kept.append(st)
        self.pending = pending
        return sorted(kept + direct, key=lambda s: s.start)

    def inherit(self, found: list[Statement]) -> list[Statement]:
        """Rule 5, once relays are resolved: unattributed quotations that open a sentence take
        the speaker, source and date of the statement before them."""
        text = self.text
        found = list(found)
        for region, ts, te in self.pending:
            if not self._opens_sentence(region) or not self._sentence_like(region, ts, te):
                continue
            origin = self._inherit_from(region, found)
            if origin is None:
                continue
            content = trim_chars(text, region.inner_start, region.inner_end)
            st = Statement(type="direct", content=content, frame="inherited", kind=origin.kind, speaker=origin.speaker,
                           speaker_head=origin.speaker_head, region=region, inherited=origin, anchor=origin.anchor,
                           source=origin.source, source_head=origin.source_head, confidence=0.7)  # fmt: skip
            bisect.insort(found, st, key=lambda s: s.start)
        return found

    def _is_statement_region(self, index: int, direct: list[Statement], pending: list[tuple[QuoteRegion, int, int]]) -> bool:
        region = self.regions[index]
        if any(st.region is region for st in direct):
            return True
        return any(r is region and self._opens_sentence(r) and self._sentence_like(r, ts, te) for r, ts, te in pending)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# -- relays, nesting, speakers -------------------------------------------------------------


def resolve_relays(statements: list[Statement]) -> list[Statement]:
    """"According to K, the president said S" and "X said S, Reuters reported": the reporting
    statement is not a statement of its own; its speaker becomes the inner one's ``source``."""
    dropped: set[int] = set()
    for outer in statements:
        if outer.frame not in ("according", "clause") or outer.kind != "report" or outer.cue is None:
            continue
        inner = [s for s in statements if s is not outer and s.cue is not None
                 and outer.start <= _cue_start(s) < outer.end and s.frame != "according"]  # fmt: skip
        if inner:
            for s in inner:
                if s.source is None:
                    s.source, s.source_head = outer.speaker, outer.speaker_head
            dropped.add(id(outer))
    return [s for s in statements if id(s) not in dropped]


# Nested statements kept: speech reported inside speech ("He recalled that Trump stated
# that ..."). A belief, intention or judgement inside someone's statement ("Putin stressed
# that Russia does not question ...") is part of what they said, not a statement of its own.
_NESTED_FRAMES = frozenset({"clause", "parenthetical"})
_NESTED_KINDS = frozenset({"assertion", "denial", "promise", "demand", "warning", "report", "recollection"})


def resolve_nesting(statements: list[Statement]) -> list[Statement]:
    """A statement whose cue lies inside another's content is ``reported_by`` the outer one's
    speaker, and kept only when it is reported speech of someone else (see above)."""
    kept: list[Statement] = []
    for st in statements:
        if st.cue is None:
            kept.append(st)
            continue
        hosts = [o for o in statements if o is not st and o.cue is not None and o.start <= _cue_start_char(st) < o.end
                 and not (st.start <= _cue_start_char(o) < st.end)]  # fmt: skip
        if not hosts:
            kept.append(st)
            continue
        host = min(hosts, key=lambda o: o.end - o.start)
        if st.frame not in _NESTED_FRAMES or st.kind not in _NESTED_KINDS or st.speaker is None:
            continue
        st.reported_by = host
        kept.append(st)
    return kept


def _cue_start_char(st: Statement) -> int:
    return st.cue_pos if st.cue_pos is not None else -1


def _cue_start(st: Statement) -> int:
    return st.cue[0] if st.cue is not None else -1


class SpeakerNames:
    """Canonical names for speaker words through the actor stage's mentions."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]

    def _within(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, start)
        out: list[Mention] = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            out.append(self.mentions[i])
            i += 1
        return out

    def name(self, tokens: tuple[int, int] | None, head: int | None) -> str | None:
        if tokens is None:
            return None
        doc = self.doc
        start, end = token_chars(doc, *tokens)
        inside = [m for m in self._within(max(0, start - 40), end) if m.end > start]
        if head is not None:
            h = doc[head]
            for m in inside:
                if m.start <= h.idx < m.end and m.actor:
                    return m.actor
        people = [m for m in inside if m.actor and m.type in ("PERSON", "ORG", "GPE") and m.start >= start]
        if people and head is not None and doc[head].pos_ == "PROPN":
            return people[-1].actor
        words = doc[tokens[0] : tokens[1]]
        text = " ".join(t.text for t in words if not (t.i == tokens[0] and t.lower_ in ("the", "a", "an")))
        text = re.sub(r"\s+(['’]s?)\b", r"\1", text).strip()
        if text.lower() in _PRONOUN_SPEAKERS and people:
            return people[-1].actor
        return text or None


def dates_for(doc: Doc, statements: list[Statement], dates: Sequence[DateRef], paragraphs: Paragraphs,
              names: dict[int, str | None]) -> None:  # fmt: skip
    """``said_on``: the date attached to the cue through the parse ("said on Tuesday",
    "Earlier, on December 19, Putin reiterated ..."), else a date that opens an earlier
    sentence of the same paragraph about the same speaker (a frame: "Earlier, on December 19,
    Putin reiterated ... He recalled that ..."); inherited quotations take their origin's."""
    try:
        from ..dates import date_governing
    except ImportError:  # the time stage is optional: without it, no statement is dated
        return
    resolved = [d for d in dates if d.value]
    if not resolved:
        return
    frames: dict[int, list[tuple[int, str, str | None]]] = {}  # paragraph -> (offset, value, actor)
    for sent in doc.sents:
        root = sent.root
        ref = date_governing(root, resolved, doc)
        if ref is None or ref.value is None:
            continue
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or ref.start > subject.idx:
            continue  # only a date before the subject frames what follows
        speaker, head = speaker_of(root)
        actor = names.get(head) if head is not None else None
        frames.setdefault(paragraphs.index(sent.start_char), []).append((sent.start_char, ref.value, actor))
    for st in statements:
        if st.inherited is not None:
            continue
        if st.anchor is not None:
            ref = date_governing(doc[st.anchor], resolved, doc)
            if ref is not None and ref.value and not (st.start <= ref.start < st.end):
                st.said_on = ref.value
                continue
        actor = names.get(st.speaker_head) if st.speaker_head is not None else None
        for offset, value, who in reversed(frames.get(paragraphs.index(st.start), [])):
            if offset <= (doc[st.anchor].idx if st.anchor is not None else st.start) and who is not None and who == actor:
                st.said_on = value
                break
    for st in statements:
        if st.inherited is not None:
            st.said_on = st.inherited.said_on


__all__ = ["Paragraphs", "QuoteAttributor", "SpeakerNames", "clause_chars", "dates_for", "resolve_relays", "words"]
