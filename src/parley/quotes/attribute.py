"""Putting statements together: who said each quotation, which reported statements contain
quotations (mixed), which relay another (source), which are nested (reported_by), and the
speaker as a canonical actor.

Direct quotations are attributed in this order, the first rule that applies winning:

1. mixed — the quotation lies inside the content of a cue-led statement that has words of its
   own outside every quotation ("Sullivan says there has been “no illegal disclosure” at the
   agency", 'Clinton "is the only candidate ...," Newton said'): that statement becomes
   ``mixed`` and the quotation is not a statement of its own;
2. a cue standing right beside the quotation with nothing but its own subject, auxiliaries,
   adverbs and objects in between ("“...,” he said", "“...,” said Smith", "Smith told
   reporters: “...”", "“A,” he said, “B”"), else one linked to it through the parse a few
   words away. A short quotation is only taken when punctuation sets it off from the cue or
   the cue only ever introduces quotations ("chanted"); 'to fear a “lost decade”' is a term.
   A "that" between cue and quotation makes it ``mixed`` ("tweeted that, “...”");
3. the second part of a split quotation takes the cue between the parts ('“A,” she said. “B.”');
4. a colon: a cue whose sentence ends in it ("The New York Times reports: ¶ “...”"), or the
   name the sentence is about ("Pollsters agree - Carl Bialik: “...”");
5. a dash and a name after the closing mark ("“...” ― Sonya Herridge");
6. inheritance — a quotation that opens its paragraph, with no cue of its own, belongs to the
   statement just before it, within ``inherit_paragraphs`` paragraphs: "the president made it
   clear that ...  ¶ “The Donbas is ours.”" (speaker, source and date are inherited).

Anything else in quotation marks is a scare quote, a title or a nickname, not a statement;
so is a quotation in title case inside a sentence ('On Sunday's “Meet the Press,” the senator
said the bill would pass'), and one before a cue that reports something else. The speaker of a
quotation is never a word inside it (a misparse; the name right before the cue is taken), and a
first- or second-person cue inside quotation marks ("I think", "you say") is the quoted voice,
not a statement of its own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..base.dating import date_governing
from ..base.modality import modality_words, negated
from ..base.paragraphs import Paragraphs, has_break
from ..base.parse import is_relative_pronoun, is_ticker, noun_after, noun_before, noun_phrase, speaker_of
from ..base.registry import resource
from ..base.spans import covering_span, doc_text, token_chars
from ..data.loaders import load_reference
from ..model import DateRef, Mention
from ..settings import QuoteOptions
from .direct import QuoteRegion
from .indirect import CueHit
from .statement import Statement, trim_chars

_WORD = re.compile(r"\w+")
_DASH_NAME = re.compile(r"[ \t\u00a0]*[―—–-][ \t\u00a0]*((?:[A-Z][\w.'’-]*[ \t\u00a0]*){1,5})")
_QUOTE_TOKENS = frozenset({'"', "“", "”", "''", "``", "«", "»", "„", "'", "‘", "’"})
# Dependents of a cue that may stand between it and the quotation it introduces.
_BETWEEN_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "npadvmod", "prep", "dobj", "dative", "prt", "punct", "mark", "cc", "agent", "attr"})
_SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Speakers that, inside quotation marks, can only be the quoted person's own voice.
_QUOTED_VOICE = frozenset({"i", "we", "you", "me", "us"})


def words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end))


def _region_tokens(doc: Doc, region: QuoteRegion) -> tuple[int, int] | None:
    span = covering_span(doc, region.inner_start, region.inner_end)
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
    if hit.start - te > 40:  # "''...,'' Leonard E. Burman, director of the ... Center and a professor at ..., said"
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
    obj = prep_object(doc, hit)
    if obj is not None and obj.right_edge.i < ts:  # 'According to Limbaugh, “...”'
        allowed |= {t.i for t in obj.subtree}
    for t in doc[hit.end : ts]:
        if t.is_punct or t.is_space or (t.dep_ == "mark" and t.lower_ == "that"):
            continue
        if t.i in allowed and not (t.lower_ == "to" and t.dep_ == "aux"):
            continue
        return False
    return True


def prep_object(doc: Doc, hit: CueHit) -> Token | None:
    """The object of a prepositional cue ("according to X"): its speaker."""
    last = doc[hit.end - 1]
    if hit.end - hit.start < 2 or last.pos_ != "ADP":
        return None
    return next((c for c in last.children if c.dep_ == "pobj"), None)


def _linked(doc: Doc, hit: CueHit, ts: int, te: int) -> bool:
    head = doc[hit.head]
    if ts <= head.head.i < te and head.dep_ in ("parataxis", "ccomp", "advcl", "conj"):
        return True
    return any(ts <= c.i < te and c.dep_ in ("ccomp", "parataxis", "dobj", "xcomp", "advcl", "conj") for c in head.children)


def _gap(doc: Doc, a: int, b: int) -> int:
    """Words (not punctuation) between token indices ``a`` and ``b``."""
    lo, hi = min(a, b), max(a, b)
    return sum(1 for t in doc[lo:hi] if not (t.is_punct or t.is_space))


_CLOSING_PUNCT = frozenset(",.?!…—–-")


class QuoteAttributor:
    """Attributes the quotation regions of one Doc; see the module docstring for the rules."""

    def __init__(self, doc: Doc, regions: Sequence[QuoteRegion], statements: list[Statement], hits: list[CueHit],
                 options: QuoteOptions, paragraphs: Paragraphs | None = None) -> None:  # fmt: skip
        self.doc = doc
        self.text = doc_text(doc)
        self.regions = list(regions)
        self.statements = statements
        self.hits = hits
        self.min_words = options.min_quote_words
        self.inherit_paragraphs = options.inherit_paragraphs
        self.inherited_confidence = options.inherited_confidence
        self.paragraphs = paragraphs or Paragraphs(self.text)
        self.modality = modality_words()
        self.hit_starts = [h.start for h in hits]
        self.in_region = self._token_regions()
        self.by_cue: dict[int, list[Statement]] = {}
        for st in statements:
            if st.anchor is not None and st.frame != "according":
                self.by_cue.setdefault(st.anchor, []).append(st)
        self.pending: list[tuple[QuoteRegion, int, int]] = []

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
    def _outside_words(self, st: Statement) -> int:
        """Words of a statement's content outside every quotation, "that" and the statement's own
        parenthetical cue ('“A,” he said, “B”') not counted."""
        text, content = self.text, st.content
        skip: list[tuple[int, int]] = []
        if st.frame == "parenthetical" and st.anchor is not None:
            own = self.doc[st.anchor]
            skip.append(token_chars(self.doc, own.left_edge.i, own.right_edge.i + 1))
        for region in self.regions:
            if region.end > content[0] and region.start < content[1]:
                skip.append((region.start, region.end))
        count, pos = 0, content[0]
        for start, end in sorted(skip):
            count += sum(1 for w in _WORD.findall(text, pos, max(pos, start)) if w.lower() != "that")
            pos = max(pos, end)
        count += sum(1 for w in _WORD.findall(text, pos, max(pos, content[1])) if w.lower() != "that")
        return count

    def _mixed_host(self, index: int, region: QuoteRegion) -> Statement | None:
        best: Statement | None = None
        for st in self.statements:
            if st.cue is None or st.type == "direct" or self.in_region[st.cue[0]] == index:
                continue
            if st.start >= region.inner_end or st.end <= region.inner_start:
                continue
            if self._outside_words(st) < 1:
                continue
            if best is None or st.end - st.start < best.end - best.start:
                best = st
        return best

    # -- rules 2-4: a cue of its own --------------------------------------------------------
    def _own_content(self, hit: CueHit, region: QuoteRegion) -> bool:
        """Whether the cue reports something else: a content of its own apart from ``region``."""
        return any(not _overlap(st.content, (region.start, region.end)) for st in self.by_cue.get(hit.head, []))

    def _punctuated(self, region: QuoteRegion, hit: CueHit) -> bool:
        """A quotation set off from its cue by punctuation: '“...,” he said', 'he said: “...'."""
        text = self.text
        if hit.start >= 0 and self.doc[hit.start].idx >= region.end:
            inner = text[region.inner_start : region.inner_end].rstrip()
            after = text[region.end : region.end + 2].lstrip()
            return bool(inner) and (inner[-1] in _CLOSING_PUNCT or after[:1] in _CLOSING_PUNCT)
        before = text[self.doc[hit.end - 1].idx + len(self.doc[hit.end - 1]) : region.start].rstrip()
        return before[-1:] in (",", ":")

    def _local_cue(self, index: int, region: QuoteRegion, ts: int, te: int) -> tuple[CueHit, str] | None:
        doc = self.doc
        first_sent, last_sent = doc[ts].sent, doc[te - 1].sent
        lo = doc[first_sent.start - 1].sent.start if first_sent.start > 0 else 0
        hi = last_sent.end
        para = self.paragraphs.index(region.end)
        if hi < len(doc) and self.paragraphs.index(doc[hi].idx) == para:  # '“... win.” he said.': the next sentence
            nxt = doc[hi].sent
            # a short sentence whole; of a long one, its first words ('“You winning?” she said,
            # but Kevin was drifting off ...', which the parser split after the quotation)
            hi = nxt.end if len(nxt) <= 12 else min(nxt.end, nxt.start + 6)
        first_para = self.paragraphs.index(region.start)
        window = [h for h in self.hits[bisect.bisect_left(self.hit_starts, lo) : bisect.bisect_left(self.hit_starts, hi)]
                  if self.in_region[h.start] == -1 and first_para <= self.paragraphs.index(doc[h.start].idx) <= para]  # fmt: skip
        after = [h for h in window if h.start >= te and _after_ok(doc, h, te)
                 and (h.start < last_sent.end or not self._own_content(h, region))
                 and (self._opens_sentence(region) or not self._own_content(h, region))]  # fmt: skip
        before = [h for h in window if h.end <= ts and _before_ok(doc, h, ts)
                  and (h.start >= first_sent.start or _gap(doc, h.end, ts) == 0)]  # fmt: skip
        linked = [h for h in window if (h.start >= te or h.end <= ts) and _linked(doc, h, ts, te)
                  and (h.start < te or self._opens_sentence(region) or not self._own_content(h, region))]  # fmt: skip
        adjacent = after[:1] + before[-1:]
        for h in adjacent:
            if h in linked:
                return h, "quote"
        if adjacent:
            return min(adjacent, key=lambda h: h.start - te if h.start >= te else ts - h.end), "quote"
        close = [h for h in linked if _gap(doc, h.start, te) <= 6 or _gap(doc, h.end, ts) <= 6]
        if close:
            return min(close, key=lambda h: h.start - te if h.start >= te else ts - h.end), "quote"
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

    def _colon_speaker(self, ts: int) -> tuple[int, tuple[int, int], int] | None:
        """'Jeb Bush broke down what was wrong with the image: “...”', 'Pollsters agree - Carl
        Bialik: “...”': a colon with no cue before the quotation; the speaker is the subject of
        the sentence when it names someone, else the name right before the colon.
        Returns (colon token, speaker tokens, speaker head)."""
        doc = self.doc
        j = ts - 1
        while j >= 0 and (doc[j].is_space or doc[j].text in _QUOTE_TOKENS):
            j -= 1
        if j <= 0 or doc[j].text != ":":
            return None
        sent = doc[j].sent
        root = sent.root
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < j]
        if subjects and subjects[0].pos_ == "PROPN" and subjects[0].ent_type_ in _SPEAKER_ENTS:
            return j, noun_phrase(subjects[0]), subjects[0].i
        k = j - 1
        if doc[k].pos_ == "PROPN" and doc[k].ent_type_ in _SPEAKER_ENTS:
            start = k
            while start > sent.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].ent_iob_ == "I":
                start -= 1
            if doc[k].ent_iob_ == "I":
                while start > sent.start and doc[start].ent_iob_ == "I":
                    start -= 1
            return j, (start, k + 1), k
        return None

    def _dash_speaker(self, region: QuoteRegion) -> tuple[int, int, tuple[int, int]] | None:
        """'“...” ― Sonya Herridge': the dash's offsets and the name's tokens."""
        m = _DASH_NAME.match(self.text, region.end)
        if m is None or has_break(self.text[region.end : m.start(1)]):
            return None
        name_end = m.start(1) + len(m.group(1).rstrip())
        span = covering_span(self.doc, m.start(1), name_end)
        if span is None or not any(t.pos_ == "PROPN" for t in span):
            return None
        dash = self.text.index(m.group(0).strip()[0], region.end)
        return dash, dash + 1, (span.start, span.end)

    # -- rule 5 ----------------------------------------------------------------------------
    def _opens_sentence(self, region: QuoteRegion) -> bool:
        para = self.paragraphs.starts[self.paragraphs.index(region.start)]
        before = self.text[para : region.start].rstrip()
        return not before or before[-1] in ".!?:”\"'’»)"

    def _opens_paragraph(self, region: QuoteRegion) -> bool:
        """Only a quotation that opens its paragraph inherits a speaker: inside a paragraph, a
        quotation after '“A,” said X, ...' is the same statement going on, which the scorer
        and the reader see as one, and a quotation after someone else's words is too often
        someone else's."""
        para = self.paragraphs.starts[self.paragraphs.index(region.start)]
        return not self.text[para : region.start].strip()

    def _sentence_like(self, region: QuoteRegion, ts: int, te: int) -> bool:
        n = words(self.text, region.inner_start, region.inner_end)
        if n < self.min_words:
            return False
        if self._title(ts, te):
            return False  # a title in title case: "Make America Great Again"
        tokens = self.doc[ts:te]
        return any(t.pos_ in ("VERB", "AUX") for t in tokens) or n >= 8

    def _title(self, ts: int, te: int) -> bool:
        """Words in title case, as a name or a title is written ("Face the Nation")."""
        alpha = [t for t in self.doc[ts:te] if t.is_alpha]
        return 2 <= len(alpha) <= 8 and all(t.is_title or t.is_upper or t.is_stop for t in alpha) and alpha[0].is_title

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

    def _accept(self, region: QuoteRegion, ts: int, te: int, hit: CueHit) -> bool:
        """A quotation beside a cue is a statement when it reads like one, or is set off from the
        cue by punctuation, or the cue only ever introduces quotations ("chanted"); otherwise
        it is a term the writer quotes ('to fear a “Putin-RibbenTRUMP Pact”')."""
        if not region.closed and words(self.text, region.inner_start, region.inner_end) < self.min_words:
            return False
        if hit.cue.takes == frozenset({"quote"}):
            return True
        if not self._opens_sentence(region) and self._title(ts, te):
            return False  # 'for The Washington Post's project on "Women in Power," answering ...'
        if self._punctuated(region, hit):
            return True
        return self._sentence_like(region, ts, te)

    def _join_parts(self, direct: list[Statement]) -> list[Statement]:
        """'“A,” Lavrov said, “B.”' is one statement in two parts: one quote whose content runs
        from A's first word to B's last (as PolNeAR marks it, and as the scorer joins the parts
        when they are close), with the parts themselves kept in ``parts``. Parts are joined when
        they share the cue that stands between them, in one paragraph."""
        out: list[Statement] = []
        for st in direct:
            prev = out[-1] if out else None
            if (prev is not None and prev.cue is not None and st.cue == prev.cue and prev.region is not None
                    and st.region is not None and prev.type == st.type == "direct"
                    and prev.region.end <= self.doc[st.cue[0]].idx < st.region.start
                    and self.paragraphs.index(prev.region.start) == self.paragraphs.index(st.region.start)):  # fmt: skip
                if not prev.parts:
                    prev.parts.append(prev.content)
                prev.parts.append(st.content)
                prev.content = (prev.start, st.end)
                prev.regions.append(st.region)
                continue
            out.append(st)
        return out

    def _continues(self, index: int, direct: list[Statement]) -> Statement | None:
        """'“A,” she said. “B.”': B continues the quotation whose cue stands between them."""
        if index == 0 or not direct:
            return None
        prev = direct[-1]
        region = self.regions[index]
        if prev.region is not self.regions[index - 1] or prev.cue is None:
            return None
        cue_at = self.doc[prev.cue[0]].idx
        if not (prev.region.end <= cue_at < region.start):
            return None
        if self.paragraphs.index(prev.region.end) != self.paragraphs.index(region.start):
            return None
        return prev

    def run(self) -> list[Statement]:
        doc, text = self.doc, self.text
        direct: list[Statement] = []
        pending: list[tuple[QuoteRegion, int, int]] = []
        for index, region in enumerate(self.regions):
            span = _region_tokens(doc, region)
            if span is None:
                continue
            ts, te = span
            content = trim_chars(text, region.inner_start, region.inner_end)
            if content[1] <= content[0]:
                continue
            host = self._mixed_host(index, region)
            if host is not None:
                host.type = "mixed"
                host.content = (min(host.start, region.inner_start), max(host.end, region.end if region.end <= host.end + 2 else host.end))
                host.regions.append(region)
                continue
            local = self._local_cue(index, region, ts, te)
            if local is not None and self._accept(region, ts, te, local[0]):
                hit, frame = local
                obj = prep_object(doc, hit)
                speaker, speaker_head = (noun_phrase(obj), obj.i) if obj is not None else speaker_of(doc[hit.head])
                if speaker_head is not None and ts <= speaker_head < te:
                    # no one is the speaker of a quotation from inside it: the parser took a word of the
                    # quotation for the cue's subject ('“... : We will ...,” Chief Chuck Jordan said')
                    speaker, speaker_head = noun_before(doc[hit.head])
                    if speaker_head is not None and ts <= speaker_head < te:
                        speaker, speaker_head = None, None
                if speaker is None and hit.start >= te:
                    speaker, speaker_head = noun_after(doc[hit.head])
                between = doc[hit.end : ts] if hit.end <= ts else doc[0:0]
                kind = "mixed" if any(t.lower_ == "that" and t.dep_ == "mark" for t in between) else "direct"
                direct.append(Statement(type=kind, content=content, frame=frame, cue=(hit.start, hit.end), kind=hit.cue.kind,
                                        anchor=hit.head, speaker=speaker, speaker_head=speaker_head, region=region,
                                        negated=negated(doc[hit.head], self.modality)))  # fmt: skip
                continue
            prev = self._continues(index, direct)
            if prev is not None:
                direct.append(Statement(type="direct", content=content, frame="quote", cue=prev.cue, kind=prev.kind,
                                        anchor=prev.anchor, speaker=prev.speaker, speaker_head=prev.speaker_head,
                                        region=region, negated=prev.negated))  # fmt: skip
                continue
            colon = self._colon_speaker(ts)
            if colon is not None and self._sentence_like(region, ts, te):
                j, name, head = colon
                direct.append(Statement(type="direct", content=content, frame="colon", cue=(j, j + 1), kind="assertion",
                                        speaker=name, speaker_head=head, region=region))  # fmt: skip
                continue
            dash = self._dash_speaker(region)
            if dash is not None:
                d0, d1, name = dash
                direct.append(Statement(type="direct", content=content, frame="dash", cue_text=text[d0:d1], cue_chars=(d0, d1),
                                        kind="assertion", speaker=name, speaker_head=name[1] - 1, region=region))  # fmt: skip
                continue
            if region.closed:
                pending.append((region, ts, te))
        direct = self._join_parts(direct)
        # a cue that attributes a quotation does not also report it as indirect speech
        covered = [r for st in direct for r in ([st.region] if st.region is not None else []) + st.regions]
        kept: list[Statement] = []
        for st in self.statements:
            if st.cue is not None and self.in_region[st.cue[0]] != -1 and self._is_statement_region(self.in_region[st.cue[0]], direct, pending):
                continue  # speech reported inside a quotation belongs to the quotation
            if st.cue is not None and self.in_region[st.cue[0]] != -1 and st.speaker_head is not None and doc[st.speaker_head].lower_ in _QUOTED_VOICE:
                continue  # 'a “narcissist at a level I don't think this country has ever seen”': the quoted one's voice
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
            if not self._opens_paragraph(region) or not self._sentence_like(region, ts, te):
                continue
            origin = self._inherit_from(region, found)
            if origin is None:
                continue
            content = trim_chars(text, region.inner_start, region.inner_end)
            st = Statement(type="direct", content=content, frame="inherited", kind=origin.kind, speaker=origin.speaker,
                           speaker_head=origin.speaker_head, region=region, inherited=origin, anchor=origin.anchor,
                           source=origin.source, source_head=origin.source_head, confidence=self.inherited_confidence)  # fmt: skip
            bisect.insort(found, st, key=lambda s: s.start)
        return found

    def _is_statement_region(self, index: int, direct: list[Statement], pending: list[tuple[QuoteRegion, int, int]]) -> bool:
        region = self.regions[index]
        if any(st.region is region or region in st.regions for st in direct):
            return True
        return any(r is region and self._opens_sentence(r) and self._sentence_like(r, ts, te) for r, ts, te in pending)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# -- relays, nesting, speakers -------------------------------------------------------------


_RELAYED_FRAMES = frozenset({"clause", "parenthetical", "phrase", "quote", "colon"})


def trailing_reporters(doc: Doc, statements: list[Statement], hits: Sequence[CueHit]) -> None:
    """'“The plan is dead,” Peskov said, Reuters reported.': a reporting cue right after a
    statement's own attribution, with only its subject in between, names the statement's
    ``source``."""
    by_start = {h.start: h for h in hits if h.cue.kind == "report" and h.cue.words != "according to"}
    if not by_start:
        return
    for st in statements:
        if st.cue is None or st.source is not None:
            continue
        cue = doc[st.cue[1] - 1]
        last = max(st.cue[1], st.speaker[1] if st.speaker is not None else 0)
        for child in cue.rights:  # "Lavrov said on Monday, Interfax reported"
            if child.dep_ in ("prep", "npadvmod", "advmod", "dative", "dobj") and child.i >= last and not (st.start <= doc[child.i].idx < st.end):
                last = child.right_edge.i + 1
        sent_end = doc[st.cue[0]].sent.end
        k = last
        while k < sent_end and doc[k].is_punct:
            k += 1
        for j in range(k, min(k + 8, sent_end)):
            hit = by_start.get(j)
            if hit is not None:
                tokens, head = speaker_of(doc[hit.head])
                if tokens is not None and tokens[0] == k and tokens[1] <= j:
                    st.source, st.source_head = tokens, head
                break


def resolve_relays(statements: list[Statement], doc: Doc) -> list[Statement]:
    """ "According to K, the president said S" and "X said S, Reuters reported": the reporting
    statement is not a statement of its own; its speaker becomes the inner one's ``source``.
    A reporting verb relays only a statement that heads what it reports: in "Police were
    treating it as an attack and urging people to stay home, BFM TV reported", BFM TV is the
    speaker, and "urging" a side clause of what it reported."""
    dropped: set[int] = set()
    for outer in statements:
        if outer.frame not in ("according", "clause") or outer.kind != "report" or outer.cue is None:
            continue
        inner = [s for s in statements if s is not outer and s.cue is not None and s.frame != "according"
                 and (outer.start <= _cue_start_char(s) < outer.end or _relayed_after(s, outer))]  # fmt: skip
        if outer.frame == "according" and inner and not any(s.frame in _RELAYED_FRAMES for s in inner):
            # "According to Putin, the American side expressed interest ...": no one else is
            # reported as saying anything, so X is the speaker and the inner cue is not a statement
            dropped.update(id(s) for s in inner)
            continue
        inner = [s for s in inner if s.frame in _RELAYED_FRAMES or outer.frame != "according"]
        if outer.frame == "clause" and outer.anchor is not None:
            heads = {c.i for c in doc[outer.anchor].children if c.dep_ in ("ccomp", "parataxis", "advcl")}
            inner = [s for s in inner if s.anchor in heads or s.type != "indirect"]
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
# Only what someone says can hold a nested statement: "praised Ted Cruz, who said ..." does not.
_HOST_FRAMES = frozenset({"clause", "parenthetical", "phrase", "according", "adverb", "label", "noun"})
_NESTED_KINDS = frozenset({"assertion", "denial", "promise", "demand", "warning", "report", "recollection"})


def resolve_nesting(statements: list[Statement], doc: Doc) -> list[Statement]:
    """A statement whose cue lies inside another's content is ``reported_by`` the outer one's
    speaker, and kept only when it is what the outer one reports: its cue heads the outer
    one's complement ("He recalled that Trump stated that ...")."""
    heads: dict[int, set[int]] = {}
    for st in statements:
        if st.anchor is not None and st.frame in ("clause", "phrase"):
            heads[st.anchor] = {c.i for c in doc[st.anchor].children if c.dep_ in ("ccomp", "advcl", "xcomp")}
    kept: list[Statement] = []
    for st in statements:
        if st.cue is None:
            kept.append(st)
            continue
        hosts = [o for o in statements if o is not st and o.cue is not None and o.start <= _cue_start_char(st) < o.end
                 and not (st.start <= _cue_start_char(o) < st.end) and o.frame in _HOST_FRAMES]  # fmt: skip
        if not hosts:
            kept.append(st)
            continue
        host = min(hosts, key=lambda o: o.end - o.start)
        if st.frame not in _NESTED_FRAMES or st.kind not in _NESTED_KINDS or st.speaker is None:
            continue
        if host.anchor is None or st.anchor is None or st.anchor not in heads.get(host.anchor, ()):
            continue  # speech in a side clause of what was said ("... until Haley said") is not reported speech
        st.reported_by = host
        kept.append(st)
    return kept


def _relayed_after(st: Statement, according: Statement) -> bool:
    """'She told him it was not that simple, according to an account she gave ...': the
    according phrase closes the statement whose content it shares."""
    shared = according.frame == "according" and st.frame in _RELAYED_FRAMES and st.content == according.content
    return shared and _cue_start_char(st) < _cue_start_char(according)


def _cue_start_char(st: Statement) -> int:
    return st.cue_pos if st.cue_pos is not None else -1


@dataclass(frozen=True)
class _Pronouns:
    """The pronouns ``data/reference.yaml`` gives a gender, and those that may stand for an
    organisation or a state."""

    male: frozenset[str]
    female: frozenset[str]
    organisation: frozenset[str]
    plural: frozenset[str]
    gendered_nouns: Mapping[str, str]  # "mother" -> f
    body_nouns: frozenset[str]  # nominals of organisations ("agency", "newspaper")


def _pronouns() -> _Pronouns:
    def build() -> _Pronouns:
        ref = load_reference()
        by_gender = ref.pronouns.items()
        return _Pronouns(
            frozenset(w for w, g in by_gender if g == "m"),
            frozenset(w for w, g in by_gender if g == "f"),
            frozenset(ref.organisation_pronouns),
            frozenset(w for w, g in by_gender if g == "pl"),
            dict(ref.gendered_nouns),
            frozenset(k for k, v in ref.nominals.items() if v.type == "ORG"),
        )

    return resource("quotes.pronouns", None, build)


class SpeakerNames:
    """Canonical names for speaker words through the actor stage's mentions.

    Corrections on top of the actor stage for a pronoun that is the subject of a cue:

    * "they", "their" and "it" stand for the subject of the nearest sentence before them that
      fits — people described ("Several customers told Reuters ... They said") or an
      organisation, state or group — not the organisation named last in any slot;
    * otherwise a pronoun ("He also recalled ...") refers to the speaker of the statement just
      before it, when that speaker fits the pronoun (a person for he/she, of the gender the
      article's other pronouns give them or a gendered noun describes: "Kern's mother" for
      "she"; an organisation or state for it/they). Reporting runs in chains of statements by
      one speaker, so the last speaker is a better antecedent than the last name, which the
      actor stage picks ("... with Ukrainian President Volodymyr Zelensky. He also recalled").
      Speech reported inside a statement is a third person's: its pronoun neither continues
      the chain nor is continued by the next one ("He said he would appeal, his father added").
    """

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.pronouns = _pronouns()
        self.gender: dict[str, set[str]] = {}
        self.kind: dict[str, str] = {}
        for m in self.mentions:
            if not m.actor:
                continue
            self.kind.setdefault(m.actor, m.kind or m.type.lower())
            word = m.text.lower()
            if m.via == "pronoun" and (word in self.pronouns.male or word in self.pronouns.female):
                self.gender.setdefault(m.actor, set()).add("m" if word in self.pronouns.male else "f")

    def _within(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, start)
        out: list[Mention] = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            out.append(self.mentions[i])
            i += 1
        return out

    def name(self, tokens: tuple[int, int] | None, head: int | None) -> str | None:
        """The actor the words ``tokens`` (with head ``head``) name, else the words themselves."""
        if tokens is None:
            return None
        doc = self.doc
        if head is not None and tokens[1] - tokens[0] == 1 and head != tokens[0] and is_relative_pronoun(doc[tokens[0]]):
            # "a New Hampshire law that allows ...": the words are "that", the name the noun it stands for
            tokens = noun_phrase(doc[head])
        start, end = token_chars(doc, *tokens)
        inside = [m for m in self._within(start, end) if m.end > start]
        if head is not None:
            h = doc[head]
            for m in self._within(max(0, h.idx - 200), h.idx + 1):
                if m.start <= h.idx < m.end and m.actor:
                    return m.actor
        people = [m for m in inside if m.actor and m.type in ("PERSON", "ORG", "GPE")]
        if people and head is not None and doc[head].pos_ == "PROPN":
            return people[-1].actor
        if head is not None and doc[head].lemma_.lower() in self.pronouns.body_nouns:
            # "the Interfax agency": a name that modifies a body's noun, not a possessor (but "a
            # Trump supporter" is not Trump, "a Senate aide" not the Senate, "the U.S. company" not the U.S.)
            for child in doc[head].lefts:
                if child.dep_ == "compound" and child.pos_ == "PROPN":
                    named = [m for m in inside if m.actor and m.start <= child.idx < m.end and m.type == "ORG"]
                    if named:
                        return named[0].actor
        first, last = tokens
        if doc[first].lower_ in ("the", "a", "an"):
            first += 1
        while last > first and is_ticker(doc[last - 1]):
            last -= 1  # "Verizon VZ.N": the ticker is no part of the name
        text = " ".join(doc[first:last].text.split()) if first < last else ""  # as written: "Seattle-based" keeps its hyphen
        text = re.sub(r"\s+(['’]s?)\b", r"\1", text).strip()
        return text or None

    def fits_speaker(self, pronoun: str, st: Statement) -> bool:
        """Whether ``pronoun`` may stand for the speaker of ``st``: a named actor that fits, or
        people described by a noun of the pronoun's gender ("Tyler Kern's mother" for "she")."""
        if st.speaker_name is None:
            return False
        if st.speaker_name in self.kind or st.speaker_head is None:
            return self.fits(pronoun, st.speaker_name)
        gender = self.pronouns.gendered_nouns.get(self.doc[st.speaker_head].lemma_.lower())
        want = "m" if pronoun in self.pronouns.male else "f" if pronoun in self.pronouns.female else None
        return gender is not None and gender == want

    def fits(self, pronoun: str, actor: str) -> bool:
        kind = self.kind.get(actor)
        if pronoun in self.pronouns.male or pronoun in self.pronouns.female:
            want = "m" if pronoun in self.pronouns.male else "f"
            return kind == "person" and want in self.gender.get(actor, {want})
        return pronoun in self.pronouns.organisation and kind in ("org", "state", "group")

    def _outside_quotation(self, pronoun: str, actor: str, start: int, end: int) -> str:
        """'“... Obama had will.i.am ...,” he said': a person named inside a quotation is not
        who "he" after it is (the actor stage took the nearest name); the nearest fitting name
        before the quotation is."""
        if not any(m.actor == actor for m in self._within(start, end)):
            return actor
        i = bisect.bisect_left(self.starts, start)
        for m in reversed(self.mentions[max(0, i - 40) : i]):
            if m.actor and m.end <= start and self.fits(pronoun, m.actor):
                return m.actor
        return actor

    def _subject_antecedent(self, pronoun: Token, paragraphs: Paragraphs) -> str | None:
        """ "More than 200 customers sued the bank. Their complaint says ...": what "they",
        "their" or "it" stands for, by the subject of the nearest sentence before it (this
        paragraph or the one before, three sentences at most) that fits — a plural noun phrase
        for "they" (people the article describes, not the company their sentence names), or
        an organisation, state or group. None when no such subject comes first."""
        doc = self.doc
        plural = pronoun.lower_ in self.pronouns.plural
        sent = pronoun.sent
        for _ in range(4):
            if paragraphs.index(pronoun.idx) - paragraphs.index(sent.start_char) > 1:
                return None
            root = sent.root
            subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pronoun.i and c.pos_ in ("NOUN", "PROPN")]
            if subjects:
                subject = subjects[0]
                actor = self.name(noun_phrase(subject), subject.i)
                if actor is not None and self.kind.get(actor) in ("org", "state", "group"):
                    return actor
                if plural and (subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)) and actor not in self.kind:
                    return actor  # "Several customers", "residents": people described, not named
                if actor in self.kind:
                    return None  # a person, or a place: the pronoun is someone else's word
            if sent.start == 0:
                return None
            sent = doc[sent.start - 1].sent
        return None

    def name_all(self, statements: Sequence[Statement], paragraphs: Paragraphs) -> None:
        """Set ``speaker_name`` and ``source_name`` on each statement (text order)."""
        doc = self.doc
        last: Statement | None = None
        for st in sorted(statements, key=lambda x: x.cue_pos if x.cue_pos is not None else x.start):
            st.source_name = self.name(st.source, st.source_head)
            if st.inherited is not None:
                st.speaker_name = st.inherited.speaker_name
                continue
            st.speaker_name = self.name(st.speaker, st.speaker_head)
            head = doc[st.speaker_head] if st.speaker_head is not None else None
            if head is not None and head.pos_ == "PRON" and st.speaker is not None and st.speaker[1] - st.speaker[0] == 1:
                pronoun = head.lower_
                if st.end <= head.idx and st.speaker_name is not None:
                    st.speaker_name = self._outside_quotation(pronoun, st.speaker_name, st.start, st.end)
                found = self._subject_antecedent(head, paragraphs) if pronoun in self.pronouns.plural | self.pronouns.organisation else None
                if found is not None:
                    st.speaker_name = found
                elif (last is not None and st.reported_by is None and last.speaker_name and last.speaker_name != st.speaker_name
                        and paragraphs.index(head.idx) - paragraphs.index(last.end) <= 1
                        and self.fits_speaker(pronoun, last)):  # fmt: skip
                    st.speaker_name = last.speaker_name
            if st.speaker_name is not None and st.reported_by is None:
                last = st  # speech reported inside a statement is not the chain the next pronoun continues


def dates_for(doc: Doc, statements: list[Statement], dates: Sequence[DateRef], paragraphs: Paragraphs, names: SpeakerNames) -> None:
    """``said_on``: the date attached to the cue through the parse ("said on Tuesday",
    "Earlier, on December 19, Putin reiterated ..."), else a date that opens an earlier
    sentence of the same paragraph about the same speaker (a frame: "Earlier, on December 19,
    Putin reiterated ... He recalled that ..."); inherited quotations take their origin's."""
    resolved = [d for d in dates if d.value]
    if not resolved:
        return
    by_head = {st.speaker_head: st.speaker_name for st in statements if st.speaker_head is not None}
    frames: dict[int, list[tuple[int, str, str | None]]] = {}  # paragraph -> (offset, value, actor)
    for sent in doc.sents:
        root = sent.root
        ref = date_governing(root, resolved, doc)
        if ref is None or ref.value is None:
            continue
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or ref.start > subject.idx:
            continue  # only a date before the subject frames what follows
        tokens, head = speaker_of(root)
        actor = by_head.get(head) if head in by_head else names.name(tokens, head)
        frames.setdefault(paragraphs.index(sent.start_char), []).append((sent.start_char, ref.value, actor))
    for st in statements:
        if st.inherited is not None:
            continue
        if st.anchor is not None:
            ref = date_governing(doc[st.anchor], resolved, doc)
            if ref is not None and ref.value and not (st.start <= ref.start < st.end):
                st.said_on = ref.value
                continue
        at = doc[st.anchor].idx if st.anchor is not None else st.start
        for offset, value, who in reversed(frames.get(paragraphs.index(at), [])):
            if offset <= at and who is not None and who == st.speaker_name:
                st.said_on = value
                break
    for st in statements:
        if st.inherited is not None:
            st.said_on = st.inherited.said_on


__all__ = ["QuoteAttributor", "SpeakerNames", "dates_for", "resolve_nesting", "resolve_relays", "trailing_reporters", "words"]
