"""A trained attribution model beside the cue rules: which cue-and-complement pairs of the parse
report what someone said, believed or backed, and where their content begins and ends.

The rules in ``indirect.py`` read a fixed lexicon; PolNeAR counts a far longer tail of cues
("mocked", "campaigned on", "was troubled by", "support for") and the rules cannot know which
complement of such a word is a statement. Here every word with a clausal or nominal complement
is a *candidate* — a verb with a ``ccomp``/``xcomp``/object/prepositional object, a noun with a
that-clause or a prepositional object, an adjective with a clause — and every statement the
rules found is one too. Each candidate comes in a few *variants* of its content span (with or
without the complementizer, side clauses cut or kept, a controller included). Two linear models
score them (weights in ``models/attribution.json.gz``, trained by
``scripts/train_attribution.py`` on PolNeAR's training split):

* the *detector*: is this cue-and-complement an attribution (does its content match a gold
  content, as the scorer counts a match)? Scored on the variant the candidate proposes first;
* the *bounder*: among a kept candidate's variants, which one is the content exactly.

A cue keeps its best candidate when the detector's probability passes the model's threshold.
Statements the model rejects are dropped, whether the rules or the parse proposed them. Direct
quotations, their attribution and the quotation logic of ``attribute.py`` stay the rules'.

Inference is a dot product over string features: no learning library is needed at run time.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Token

from ..base.parse import is_target_verb, noun_phrase, speaker_of
from ..base.spans import doc_text
from .direct import QuoteRegion
from .lexicon import CueLexicon
from .statement import Statement, clause_chars, trim_chars

MODEL_FILE = "attribution.json.gz"

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "prep", "acl", "oprd", "attr", "acomp", "advcl", "relcl", "pcomp", "conj", "dative"})
_QUOTE_CHARS = frozenset('"“”«»„')
_ASIDE_DEPS = frozenset({"relcl", "appos", "acl", "advcl", "conj", "parataxis"})


@dataclass(eq=False)
class Candidate:
    """A cue and one complement of it, with the content variants to choose from."""

    cue: tuple[int, int]  # token span of the cue
    head: int  # the cue's head token
    relation: str  # how the complement hangs on the cue: ccomp, xcomp, dobj, prep, noun-clause, rule, ...
    complement: int | None  # the complement's head token
    variants: list[tuple[str, tuple[int, int]]]  # (name, character span), the first the candidate's own
    rule: Statement | None = None  # the rules' statement, when this candidate is one
    sibling: bool = False  # the rules found a statement of the same cue with another content
    speaker: tuple[int, int] | None = None
    speaker_head: int | None = None
    frame: str = "model"
    probability: float = 0.0
    chosen: int = 0  # index of the variant the bounder picked
    features: list[str] = field(default_factory=list)


def _span(doc: Doc, tokens: Sequence[Token], keep_that: bool) -> tuple[int, int] | None:
    """Characters of ``tokens`` (first to last), edges trimmed; a leading complementizer kept
    or dropped."""
    toks = sorted(tokens, key=lambda t: t.i)
    if keep_that:
        while toks and (toks[0].is_punct or toks[0].is_space) and toks[0].text not in _QUOTE_CHARS:
            toks = toks[1:]
        if toks and toks[0].lower_ == "that" and (toks[0].dep_ == "mark" or toks[0].pos_ == "SCONJ"):
            rest = clause_chars(doc, toks[1:])
            if rest is None:
                return None
            return doc[toks[0].i].idx, rest[1]
    return clause_chars(doc, toks)


def _subtree(token: Token, drop: set[int] | None = None) -> list[Token]:
    return [t for t in token.subtree if drop is None or t.i not in drop]


def _asides(token: Token) -> set[int]:
    """Side clauses after a comma at the end of a complement: ", who ...", ", saying ...", ", but ..."."""
    out: set[int] = set()
    doc = token.doc
    for child in token.rights:
        left = child.left_edge.i
        if child.dep_ in _ASIDE_DEPS and left > 0 and doc[left - 1].text in (",", "—", "–", "(", ";"):
            out |= set(range(left - 1, token.right_edge.i + 1))
            break
    return out


def _sentence_cut(token: Token, tokens: list[Token]) -> list[Token]:
    """Only the tokens in the cue's sentence (an arc across a sentence is a parser error), and
    between the semicolons around the cue: a semicolon ends what a cue reports."""
    sent = token.sent
    doc = token.doc
    lo = next((k + 1 for k in range(token.i - 1, sent.start - 1, -1) if doc[k].text == ";"), sent.start)
    hi = next((k for k in range(token.i + 1, sent.end) if doc[k].text == ";"), sent.end)
    return [t for t in tokens if lo <= t.i < hi]


_BREAKS = frozenset({",", "—", "–", ";", "--", "(", ":"})


def _first_break(tokens: list[Token], after: int) -> list[Token]:
    """``tokens`` up to the first comma, dash or semicolon after token ``after``."""
    out = []
    for t in tokens:
        if t.i > after and t.text in _BREAKS:
            break
        out.append(t)
    return out


def _variants(
    doc: Doc, cue: Token, comp: Token, extra: Iterable[Token] = (), wider: Iterable[tuple[str, list[Token]]] = ()
) -> list[tuple[str, tuple[int, int]]]:
    """Content variants of one complement: the whole subtree with and without a leading
    complementizer, without side clauses after a comma, and up to the first break; and the
    ``wider`` spans that take in more of the cue's dependents."""
    extra_tokens = list(extra)
    own = {t.i for t in cue.subtree} - {t.i for t in comp.subtree} - {t.i for t in extra_tokens}
    whole = [t for t in _sentence_cut(cue, _subtree(comp) + extra_tokens) if t.i not in own or t.i in {x.i for x in extra_tokens}]
    whole.sort(key=lambda t: t.i)
    aside = _asides(comp)
    cut = [t for t in whole if t.i not in aside]
    first = _first_break(whole, comp.i)
    named = [("whole", whole), ("cut", cut), ("first", first)]
    if comp.pos_ == "NOUN":  # "rejected the idea that X": X, the clause the noun stands for
        clause = next((c for c in comp.rights if c.dep_ in ("acl", "ccomp") and c.left_edge.lower_ == "that"), None)
        if clause is not None:
            named.append(("clause", _sentence_cut(cue, _subtree(clause))))
    for name, tokens in wider:
        named.append((name, sorted(_sentence_cut(cue, tokens), key=lambda t: t.i)))
    return _spans(doc, named)


def _wider(cue: Token, relation: str, comp: Token) -> list[tuple[str, list[Token]]]:
    """Spans that take in more than the complement: a prepositional object with its preposition
    ("apologized for the incident"), the object before it ("praised his sure-footedness as a
    candidate", "attacked Trump for his rhetoric"), an object with what follows it ("appointed
    Bharara to the job", "pressured them to stop"), a clause with the cue's subject ("Clinton is
    not expected to pressure Sanders", "the candidate seemed to be shrinking": what is expected
    or seems is the whole clause)."""
    out: list[tuple[str, list[Token]]] = []
    if relation.startswith("prep:"):
        prep = comp.head
        out.append(("withprep", _subtree(prep)))
        objects = [c for c in cue.children if c.dep_ == "dobj" and c.i < prep.i]
        if objects:
            out.append(("objprep", _subtree(objects[0]) + _subtree(prep)))
    elif relation == "dobj":
        rest = [t for c in cue.rights if c.i > comp.i and c.dep_ in ("prep", "xcomp", "ccomp", "oprd") for t in c.subtree]
        if rest:
            out.append(("objrest", _subtree(comp) + rest))
    subjects = [c for c in cue.lefts if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects and relation.startswith(("xcomp", "ccomp")) and comp.i > cue.i:
        doc = cue.doc
        out.append(("withsubj", list(doc[subjects[0].left_edge.i : comp.right_edge.i + 1])))
    return out


def _spans(doc: Doc, named: Iterable[tuple[str, list[Token]]], seen: set[tuple[int, int]] | None = None) -> list[tuple[str, tuple[int, int]]]:
    """Named token lists -> distinct character spans, each with and without a leading "that"."""
    out: list[tuple[str, tuple[int, int]]] = []
    seen = set() if seen is None else seen
    for name, tokens in named:
        for keep in (True, False):
            span = _span(doc, tokens, keep)
            if span is not None and span not in seen:
                seen.add(span)
                out.append((f"{name}{'+that' if keep else ''}", span))
    return out


_DISCOURSE = frozenset({"but", "and", "however", "still", "also", "so", "yet", "meanwhile", "instead", "moreover", "or", "now", "then", "further"})


def _token_range(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens inside the characters ``start:end``."""
    i = _token_at(doc, start)
    out: list[Token] = []
    while i < len(doc) and doc[i].idx < end:
        if doc[i].idx >= start:
            out.append(doc[i])
        i += 1
    return out


def expand(doc: Doc, variants: list[tuple[str, tuple[int, int]]]) -> list[tuple[str, tuple[int, int]]]:
    """More variants of each span: without a leading connective or introductory phrase ("But",
    "In addition,"), and up to its first break after its first clause's head."""
    out = list(variants)
    seen = {span for _, span in variants}
    for name, (start, end) in variants:
        tokens = _token_range(doc, start, end)
        if len(tokens) < 3:
            continue
        lead = 0
        if tokens[0].lower_ in _DISCOURSE or tokens[0].dep_ == "cc":
            lead = 1
        comma = next((k for k, t in enumerate(tokens[:6]) if t.text == ","), None)
        if comma is not None and all(t.dep_ in ("advmod", "prep", "pobj", "det", "amod", "cc", "npadvmod", "compound") for t in tokens[lead:comma]):
            lead = comma + 1
        derived: list[tuple[str, list[Token]]] = []
        if lead:
            derived.append((f"{name}-lead", tokens[lead:]))
            if lead > 1 and (tokens[0].lower_ in _DISCOURSE or tokens[0].dep_ == "cc"):  # "But | in recent days, ..."
                derived.append((f"{name}-cc", tokens[1:]))
        if tokens[0].lower_ == "to" and tokens[0].dep_ == "aux":  # "aims to | expand checks": PolNeAR's cue takes the "to"
            derived.append((f"{name}-to", tokens[1:]))
        root = min(tokens, key=lambda t: len(list(t.ancestors)))
        first = _first_break(tokens[lead:], root.i)
        if first and len(first) < len(tokens) - lead:
            derived.append((f"{name}-break", first))
        last_pp = _trailing_phrase(tokens[lead:])
        if last_pp:
            derived.append((f"{name}-pp", last_pp))
        first_conjunct = _first_conjunct(tokens[lead:])
        if first_conjunct:
            derived.append((f"{name}-conj", first_conjunct))
        before_tail = _before_trailing_modifier(tokens[lead:])
        if before_tail:
            derived.append((f"{name}-tail", before_tail))
        for new_name, toks in derived:
            span = clause_chars(doc, toks) if toks[0].lower_ != "that" else _span(doc, toks, True)
            if span is not None and span not in seen:
                seen.add(span)
                out.append((new_name, span))
    return out


def _first_conjunct(tokens: list[Token]) -> list[Token]:
    """``tokens`` up to the conjunction before a conjunct that runs to their end ("the polls that
    showed him victorious | and followed the same script", "what he says | and how experts say");
    empty when no conjunct ends them."""
    if not tokens:
        return []
    inside, last = {t.i for t in tokens}, tokens[-1].i
    cuts = []
    for t in tokens:
        conj = next((c for c in t.children if c.dep_ == "conj" and c.i in inside and c.right_edge.i >= last), None)
        if conj is not None:
            cc = next((c for c in t.children if c.dep_ == "cc" and t.i < c.i < conj.i), None)
            cuts.append(cc.i if cc is not None else conj.left_edge.i)
    if not cuts:
        return []
    cut = [t for t in tokens if t.i < min(cuts)]
    while cut and (cut[-1].is_punct or cut[-1].is_space):
        cut.pop()
    return cut if len(cut) >= 2 else []


_TAIL_DEPS = frozenset({"relcl", "advcl", "acl", "appos", "npadvmod", "prep", "advmod"})


def _before_trailing_modifier(tokens: list[Token]) -> list[Token]:
    """``tokens`` up to the comma before the modifier that ends them, however deep it hangs
    ("Trump's health | , who is 70", "kept trucks from hauling cargo | , forcing them to ...");
    empty when no comma-led modifier ends them."""
    end = tokens[-1].i if tokens else -1
    for k in range(len(tokens) - 2, 1, -1):
        comma, first = tokens[k], tokens[k + 1]
        if comma.text != "," or first.i != comma.i + 1:
            continue
        head = next((t for t in (first, *first.ancestors) if t.left_edge.i == first.i and t.right_edge.i >= end), None)
        if head is not None and head.dep_ in _TAIL_DEPS:
            return tokens[:k]
    return []


def _trailing_phrase(tokens: list[Token]) -> list[Token]:
    """``tokens`` without the prepositional phrase, noun adverbial or adverbial clause that ends
    them ("defended his record | on Sunday night", "urged a bigger role | at the Munich
    conference"); empty when none ends them."""
    if len(tokens) < 4:
        return []
    end = tokens[-1].i
    inside = {t.i for t in tokens}
    for t in tokens[1:]:
        if t.dep_ in ("prep", "npadvmod", "advcl") and t.right_edge.i == end and t.left_edge.i in inside and t.head.i in inside:
            cut = [x for x in tokens if x.i < t.left_edge.i]
            while cut and (cut[-1].is_punct or cut[-1].is_space):
                cut.pop()
            return cut
    return []


def _noun_speaker(token: Token) -> tuple[tuple[int, int] | None, int | None]:
    """Who holds a cue noun: its possessor, a name compounded on it, a by-phrase, else the
    subject of the verb it is the object of ("launched attacks on ...") unless that subject is
    the noun's target ("faced criticism for ...")."""
    for child in token.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            return (child.left_edge.i, child.i + 1), child.i
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return noun_phrase(objects[0]), objects[0].i
    head = token.head
    if token.dep_ in ("dobj", "pobj", "attr") and head.i != token.i:
        if token.dep_ == "pobj" and head.head.i != head.i:
            head = head.head
        if head.pos_ in ("VERB", "AUX") and not is_target_verb(head):
            return speaker_of(head)
    return None, None


def _speaker(token: Token) -> tuple[tuple[int, int] | None, int | None]:
    if token.pos_ in ("NOUN", "PROPN"):
        return _noun_speaker(token)
    if token.pos_ == "ADJ" and token.head.i != token.i:
        return speaker_of(token.head)
    return speaker_of(token)


def generate(doc: Doc, rule_statements: Sequence[Statement], regions: Sequence[QuoteRegion]) -> list[Candidate]:
    """Every candidate of ``doc``: the rules' statements and the parse's cue-complement pairs.
    A pair whose content overlaps a rule statement's with the same cue is not a candidate of its
    own: its variants join the rule statement's."""
    cands: list[Candidate] = []
    text = doc_text(doc)
    by_cue: dict[int, list[Candidate]] = {}
    for st in rule_statements:
        if st.cue is None or st.type == "direct":
            continue
        head = st.anchor if st.anchor is not None and st.frame != "according" else st.cue[0]
        start, end = st.content
        variants: list[tuple[str, tuple[int, int]]] = [("rule", st.content)]
        if text[max(0, start - 5) : start].rstrip().lower().endswith("that"):
            variants.append(("rule+that", (text.lower().rfind("that", 0, start), end)))  # "That" too
        cand = Candidate(cue=st.cue, head=head, relation=f"rule-{st.frame}", complement=None, variants=variants, rule=st,
                         speaker=st.speaker, speaker_head=st.speaker_head, frame=st.frame)  # fmt: skip
        cands.append(cand)
        by_cue.setdefault(st.cue[0], []).append(cand)
    for token in doc:
        if token.pos_ not in ("VERB", "NOUN", "ADJ", "AUX", "PROPN") or token.is_space:
            continue
        if token.pos_ == "AUX" and not any(c.dep_ in ("ccomp", "xcomp") for c in token.children):
            continue
        speaker: tuple[tuple[int, int] | None, int | None] | None = None
        for child in token.children:
            relation, comp, extra = _relation(token, child)
            if relation is None or comp is None:
                continue
            variants = _variants(doc, token, comp, extra, _wider(token, relation, comp))
            if not variants:
                continue
            host = next((c for c in by_cue.get(token.i, ()) if _overlap_share(c.variants[0][1], variants[0][1]) >= 0.5), None)
            if host is not None:
                seen = {span for _, span in host.variants}
                if host.frame != "parenthetical":
                    host.variants += [(f"{relation.split(':')[0]}-{name}", span) for name, span in variants if span not in seen]
                if host.complement is None:
                    host.complement = comp.i
                continue
            if speaker is None:
                speaker = _speaker(token)
            sibling = token.i in by_cue
            frame = {"ccomp": "clause", "xcomp": "infinitive", "dobj": "object"}.get(relation.split(":")[0], "phrase")
            if token.pos_ in ("NOUN", "PROPN"):
                frame = "noun"
            cands.append(Candidate(cue=(token.i, token.i + 1), head=token.i, relation=relation, complement=comp.i, variants=variants,
                                   speaker=speaker[0], speaker_head=speaker[1], frame=frame, sibling=sibling))  # fmt: skip
    side = _side_cues(doc, rule_statements)
    for cand in cands:
        if side:
            cand.variants = _before_side_cues(doc, cand, side)
        if cand.frame != "parenthetical":  # both halves around the cue, as the rule put them together
            cand.variants = expand(doc, cand.variants)
            cand.variants += _through_quotations(doc, cand, regions)
    return cands


def _through_quotations(doc: Doc, cand: Candidate, regions: Sequence[QuoteRegion]) -> list[tuple[str, tuple[int, int]]]:
    """Variants that run on to the close of a quotation their content stops at or inside: a
    partial quotation the parser hung elsewhere ('blamed the media for focusing on | “he said
    this, he tweeted that”', 'criticised as a “use it | or lose it”')."""
    text = doc_text(doc)
    sentence_end = doc[cand.cue[0]].sent.end_char
    seen = {span for _, span in cand.variants}
    out: list[tuple[str, tuple[int, int]]] = []
    for name, (start, end) in cand.variants:
        for region in regions:
            if region.paragraphs > 1 or region.end > sentence_end + 2 or region.start < start:
                continue
            opens_after = start < region.start and end <= region.start <= end + 2 and not text[end : region.start].strip()
            if opens_after or region.inner_start <= end < region.inner_end:
                span = (start, region.inner_end)
                if span not in seen:
                    seen.add(span)
                    out.append((f"{name}-quote", span))
    return out


def _side_cues(doc: Doc, statements: Sequence[Statement]) -> list[int]:
    """Character offsets of the commas before cue participles and trailing "according to"s
    that report statements of their own ("..., saying ...", "..., according to ...")."""
    out = []
    for st in statements:
        if st.cue is None or st.cue[0] == 0 or doc[st.cue[0] - 1].text != ",":
            continue
        if (st.cue[1] - st.cue[0] == 1 and doc[st.cue[0]].tag_ == "VBG") or st.frame == "according":
            out.append(doc[st.cue[0] - 1].idx)
    return out


def _before_side_cues(doc: Doc, cand: Candidate, commas: list[int]) -> list[tuple[str, tuple[int, int]]]:
    """The candidate's variants cut before a side cue's comma after its own cue (as the rules
    cut theirs: ``indirect._cut_before_side_cues``)."""
    cue_end = doc[cand.cue[1] - 1].idx
    out: list[tuple[str, tuple[int, int]]] = []
    seen: set[tuple[int, int]] = set()
    text = doc_text(doc)
    for name, (start, end) in cand.variants:
        for comma in commas:
            if cue_end < comma and start < comma < end:
                start, end = trim_chars(text, start, comma)
                break
        if end > start and (start, end) not in seen:
            seen.add((start, end))
            out.append((name, (start, end)))
    return out or cand.variants


def _overlap_share(a: tuple[int, int], b: tuple[int, int]) -> float:
    """How much of the shorter of two character spans the other covers."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, inter) / max(1, min(a[1] - a[0], b[1] - b[0]))


def _relation(token: Token, child: Token) -> tuple[str | None, Token | None, list[Token]]:
    """How ``child`` complements ``token``, the complement's head and words to add to it."""
    dep = child.dep_
    if dep == "ccomp":
        return "ccomp", child, []
    if dep == "xcomp":
        to = any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)
        objects = [c for c in token.children if c.dep_ == "dobj" and c.i < child.i]
        if objects:
            return "xcomp:obj", child, list(objects[0].subtree)
        return ("xcomp:to" if to else "xcomp"), child, []
    if dep == "dobj":
        extra = [t for more in token.children if more.i > child.i and (more.dep_ == "oprd" or (more.dep_ == "prep" and more.lower_ == "as"))
                 for t in more.subtree]  # fmt: skip
        return "dobj", child, extra
    if dep == "prep":
        objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
        if objects:
            return f"prep:{child.lower_}", objects[0], []
        return None, None, []
    if dep == "acl" and token.pos_ in ("NOUN", "PROPN"):
        mark = child.left_edge
        if mark.lower_ == "that" and mark.dep_ == "mark":
            return "noun-that", child, []
        if any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
            return "noun-to", child, []
        return None, None, []
    if dep == "advcl" and child.left_edge.lower_ in ("that", "if", "whether"):
        return "advcl-that", child, []
    if dep == "nsubjpass" and child.i < token.i and any(c.dep_ == "agent" for c in token.children):
        return "passive", child, []  # "the plan is supported by Trump": what Trump supports
    return None, None, []


# -- features ------------------------------------------------------------------------------


def _bucket(n: int, edges: Sequence[int] = (1, 2, 3, 5, 8, 13, 21, 34)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return "more"


class Context:
    """What features need of a whole Doc, computed once."""

    def __init__(self, doc: Doc, regions: Sequence[QuoteRegion], lexicon: CueLexicon) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lexicon = lexicon
        self.in_quote = [False] * len(doc)
        k = 0
        regs = sorted(regions, key=lambda r: r.start)
        for t in doc:
            while k < len(regs) and regs[k].end <= t.idx:
                k += 1
            if k < len(regs) and regs[k].start <= t.idx < regs[k].end:
                self.in_quote[t.i] = True
        self.para_index: list[int] = []
        para = 0
        for t in doc:
            self.para_index.append(para)
            if "\n" in t.text or "\n" in t.whitespace_:
                para += 1

    def nesting(self, i: int) -> int:
        """How many quotation regions or reported clauses hold token ``i`` (0, 1, 2+)."""
        n = int(self.in_quote[i])
        token = self.doc[i]
        for a in token.ancestors:
            if a.dep_ == "ccomp" and self.lexicon.verb(a.head) is not None:
                n += 1
                break
        return min(n, 2)

    def cue_kind(self, token: Token) -> str:
        lex = self.lexicon
        for cue in (lex.verb(token), lex.noun(token), lex.adverb(token)):
            if cue is not None:
                return cue.kind
        return "none"


def features(ctx: Context, cand: Candidate) -> list[str]:
    """The detector's features of a candidate (its first variant)."""
    doc = ctx.doc
    cue = doc[cand.head]
    lemma = cue.lemma_.lower()
    rel = cand.relation
    rel0 = rel.split(":")[0]
    f = [
        "bias",
        f"rel={rel}",
        f"rel0={rel0}",
        f"lemma={lemma}",
        f"lemma|rel={lemma}|{rel}",
        f"lemma|rel0={lemma}|{rel0}",
        f"pos={cue.pos_}",
        f"tag={cue.tag_}",
        f"dep={cue.dep_}",
        f"tag|rel={cue.tag_}|{rel}",
        f"dep|rel={cue.dep_}|{rel}",
        f"kind={ctx.cue_kind(cue)}",
        f"kind|rel={ctx.cue_kind(cue)}|{rel}",
        f"cuelen={cand.cue[1] - cand.cue[0]}",
        f"headlemma={cue.head.lemma_.lower()}|{cue.dep_}",
    ]
    if cand.cue[1] - cand.cue[0] > 1:
        words = " ".join(t.lower_ for t in doc[cand.cue[0] : cand.cue[1]])
        f.append(f"cuewords={words}")
    if cand.rule is not None:
        f.append(f"rulekind={cand.rule.kind}")
        f.append(f"rule|lemma={lemma}")
        f.append(f"rulehedged={cand.rule.hedged}")
    # the complement
    start, end = cand.variants[0][1]
    text = ctx.text
    content = text[start:end]
    nwords = len(content.split())
    f.append(f"len={_bucket(nwords)}")
    f.append(f"rel|len={rel0}|{_bucket(nwords)}")
    if cand.complement is not None:
        comp = doc[cand.complement]
        f.append(f"comptag={comp.tag_}")
        f.append(f"rel|comptag={rel}|{comp.tag_}")
        f.append(f"lemma|comptag={lemma}|{comp.tag_}")
        f.append(f"compent={comp.ent_type_ or '-'}")
        f.append(f"rel|compent={rel0}|{comp.ent_type_ or '-'}")
        f.append(f"complemma={comp.lemma_.lower()}|{rel0}")
        if comp.pos_ == "PRON":
            f.append(f"comppron={comp.lower_}")
        comp_subj = any(c.dep_ in _SUBJECT_DEPS for c in comp.children)
        f.append(f"compsubj={comp_subj}|{rel0}")
        f.append(f"before={comp.i < cue.i}|{rel0}")
    first = doc_first(doc, start)
    if first is not None:
        f.append(f"first={first.lower_ if first.is_stop else first.pos_}")
        f.append(f"rel|first={rel0}|{first.lower_ if first.is_stop else first.pos_}")
    f.append(f"quoted={any(ch in _QUOTE_CHARS for ch in content)}")
    f.append(f"sibling={cand.sibling}|{rel0}")
    f.append(f"nvariants={min(len(cand.variants), 6)}")
    cue_end = doc[cand.cue[1] - 1].idx + len(doc[cand.cue[1] - 1])
    gap = start - cue_end if start >= cue_end else cue.idx - end
    f.append(f"gap={'after' if start >= cue_end else 'before'}|{_bucket(max(0, gap), (1, 3, 10, 30, 80))}")
    f.append(f"sentend={text[end:end + 2].strip()[:1] in ('.', '?', '!', '')}")
    f.append(f"lemma|dep={lemma}|{cue.dep_}")
    f.append(f"lemma|spk={lemma}|{_speaker_kind(doc, cand)}")
    f.append(f"rel|quoted={rel0}|{any(ch in _QUOTE_CHARS for ch in content)}")
    content_words = content.split()
    if content_words:
        f.append(f"w0={content_words[0].lower() if len(content_words[0]) < 6 else '*'}|{rel0}")
        f.append(f"wn={content_words[-1].lower().strip('.,;:') if len(content_words[-1]) < 6 else '*'}")
    if cand.complement is not None:
        comp = doc[cand.complement]
        f.append(f"lemma|complemma={lemma}|{comp.lemma_.lower()}")
        verbs = sum(1 for t in comp.subtree if t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBD", "VBZ", "VBP", "MD"))
        f.append(f"finite={min(verbs, 2)}|{rel0}")
    for depth, ancestor in enumerate(list(cue.ancestors)[:3]):
        f.append(f"anc{depth}={ancestor.lemma_.lower() if ancestor.pos_ in ('VERB', 'AUX') else ancestor.pos_}")
    f.append(f"nested={ctx.nesting(cue.i)}")
    f.append(f"cueinquote={ctx.in_quote[cue.i]}")
    f.append(f"cueinquote|pron={ctx.in_quote[cue.i]}|{_speaker_kind(doc, cand)}")
    # the speaker
    sk = _speaker_kind(doc, cand)
    f.append(f"spk={sk}")
    f.append(f"spk|rel={sk}|{rel0}")
    f.append(f"spk|lemma={sk}|{lemma}")
    if cand.speaker_head is not None:
        sh = doc[cand.speaker_head]
        f.append(f"spkent={sh.ent_type_ or '-'}")
        if sh.pos_ == "PRON":
            f.append(f"spkpron={sh.lower_}")
        else:
            f.append(f"spklemma={sh.lemma_.lower()}")
    # the verb's own marks
    children = list(cue.children)
    if any(c.dep_ == "neg" for c in children):
        f.append("neg")
    f += [f"aux={c.lower_}" for c in children if c.dep_ in ("aux", "auxpass")]
    if any(c.dep_ == "auxpass" for c in children):
        f.append(f"passive|lemma={lemma}")
    # around the cue
    prev = doc[cue.i - 1] if cue.i > 0 else None
    nxt = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
    f.append(f"prev={prev.lower_ if prev is not None else '<s>'}")
    f.append(f"next={nxt.lower_ if nxt is not None else '</s>'}")
    f.append(f"lemma|next={lemma}|{nxt.lower_ if nxt is not None else '</s>'}")
    sent = cue.sent
    f.append(f"sentpos={_bucket(cue.i - sent.start, (0, 2, 5, 10, 20))}")
    f.append(f"para={_bucket(ctx.para_index[cue.i], (0, 1, 3, 8))}")
    f.append(f"sentroot={cue.i == sent.root.i}")
    return f


def doc_first(doc: Doc, char: int) -> Token | None:
    for t in doc[max(0, _token_at(doc, char)) :]:
        if t.idx >= char:
            return t
    return None


def _token_at(doc: Doc, char: int) -> int:
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx < char:
            lo = mid + 1
        else:
            hi = mid
    return max(0, lo - 1)


def _speaker_kind(doc: Doc, cand: Candidate) -> str:
    if cand.speaker_head is None:
        return "none"
    sh = doc[cand.speaker_head]
    if sh.pos_ == "PRON":
        return "pron"
    if sh.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return sh.ent_type_
    return sh.pos_


def variant_features(ctx: Context, cand: Candidate, index: int) -> list[str]:
    """The bounder's features of one variant."""
    doc = ctx.doc
    name, (start, end) = cand.variants[index]
    rel = cand.relation
    rel0 = rel.split(":")[0]
    cue = doc[cand.head]
    text = ctx.text
    content = text[start:end]
    first = doc_first(doc, start)
    f = [
        "bias",
        f"v={name}",
        f"v|rel={name}|{rel}",
        f"v|rel0={name}|{rel0}",
        f"v|lemma={name}|{cue.lemma_.lower()}",
        f"v|first={name}|{first.lower_ if first is not None and first.is_stop else (first.pos_ if first is not None else '-')}",
        f"v|quoted={name}|{any(ch in _QUOTE_CHARS for ch in content)}",
        f"v|len={name}|{_bucket(len(content.split()))}",
        f"v|n={name}|{len(cand.variants)}",
    ]
    last = text[max(start, end - 1) : end]
    f.append(f"v|last={name}|{last if not last.isalnum() else 'w'}")
    after = text[end : end + 2].strip()[:1]
    f.append(f"v|after={name}|{after if after and not after.isalnum() else 'w'}")
    base = name.split("-")[0]
    f.append(f"base={base}")
    f.append(f"derived={name[len(base):] or '-'}|{rel0}")
    nxt = doc_first(doc, end)
    if nxt is not None:
        f.append(f"nextword={nxt.lower_ if nxt.is_punct or nxt.is_stop else nxt.pos_}")
        after_next = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
        if nxt.is_punct and after_next is not None:
            f.append(f"nextword2={nxt.text}{after_next.lower_ if after_next.is_stop else after_next.tag_}")
    if first is not None:
        f.append(f"firstdep={first.dep_}|{first.lower_ if first.is_stop else first.pos_}")
        if first.i > 0:
            before = doc[first.i - 1]
            f.append(f"before={before.lower_ if before.is_stop or before.is_punct else before.pos_}")
    f += _against_own(ctx, cand, start, end)
    return f


def _word_class(token: Token | None) -> str:
    if token is None:
        return "-"
    return token.lower_ if token.is_stop or token.is_punct else token.tag_


def _against_own(ctx: Context, cand: Candidate, start: int, end: int) -> list[str]:
    """How a variant differs from the candidate's own span: the words where it reaches further
    or stops short ("appointed Bharara | to the job", "said the talks failed | , adding ...")."""
    doc = ctx.doc
    own_start, own_end = cand.variants[0][1]
    rel0 = cand.relation.split(":")[0]
    lemma = doc[cand.head].lemma_.lower()
    f: list[str] = []
    if end > own_end:
        grow = _word_class(doc_first(doc, own_end))
        f += [f"grow={grow}|{rel0}", f"grow|lemma={grow}|{lemma}", f"growdep={_top_dep(doc, own_end, end)}|{rel0}"]
    elif end < own_end:
        stop = doc_first(doc, end)
        after = doc[stop.i + 1] if stop is not None and stop.i + 1 < len(doc) else None
        f += [f"shrink={_word_class(stop)}|{rel0}", f"shrink2={_word_class(stop)}|{_word_class(after)}|{rel0}"]
        f.append(f"shrinkdep={_top_dep(doc, end, own_end)}|{_word_class(stop) if stop is not None and stop.is_punct else 'w'}|{rel0}")
        if after is not None:
            f.append(f"shrinkent={_word_class(stop)}|{after.ent_type_ or '-'}")
    if start < own_start:
        at = doc_first(doc, start)
        f += [f"growleft={_word_class(at)}|{rel0}", f"growleft|lemma={_word_class(at)}|{lemma}", f"growleftdep={_top_dep(doc, start, own_start)}|{rel0}"]
    elif start > own_start:
        f.append(f"shrinkleft={_word_class(doc_first(doc, own_start))}|{rel0}")
        f.append(f"shrinkleftdep={_top_dep(doc, own_start, start)}|{rel0}")
    return f


def _top_dep(doc: Doc, start: int, end: int) -> str:
    """The relation of the highest word in the characters ``start:end`` (what a variant adds or
    leaves out: a relative clause, a prepositional phrase, a conjunct)."""
    tokens = [t for t in _token_range(doc, start, end) if not t.is_punct and not t.is_space]
    if not tokens:
        return "-"
    return min(tokens, key=lambda t: sum(1 for _ in t.ancestors)).dep_


# -- the model -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinearModel:
    """Logistic regression over named binary features."""

    weights: dict[str, float]
    bias: float

    def probability(self, feats: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(x, 0.0) for x in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class AttributionModel:
    detector: LinearModel
    bounder: LinearModel
    threshold: float
    meta: dict[str, object]
    linker: LinearModel | None = None

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> AttributionModel:
        def linear(part: object) -> LinearModel:
            assert isinstance(part, dict)
            return LinearModel({str(k): float(v) for k, v in part["weights"].items()}, float(part["bias"]))

        meta = data.get("meta", {})
        linker = linear(data["linker"]) if data.get("linker") else None
        return cls(linear(data["detector"]), linear(data["bounder"]), float(str(data["threshold"])), dict(meta) if isinstance(meta, dict) else {}, linker)


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> AttributionModel | None:
    """The packaged model (or one at ``path``); None when the packaged file is absent."""
    if path is not None:
        raw = Path(path).read_bytes()
    else:
        ref = resources.files("parley.quotes").joinpath("models", MODEL_FILE)
        if not ref.is_file():
            return None
        raw = ref.read_bytes()
    return AttributionModel.from_dict(json.loads(gzip.decompress(raw)))


def attribution_model(setting: str) -> AttributionModel | None:
    """The model a ``[quotes] attribution_model`` setting names: "packaged", "off" or a path."""
    if setting == "off":
        return None
    return load_model(None if setting == "packaged" else setting)


def score_candidates(ctx: Context, cands: list[Candidate], model: AttributionModel) -> None:
    for cand in cands:
        cand.features = features(ctx, cand)
        cand.probability = model.detector.probability(cand.features)
        if len(cand.variants) > 1:
            scores = [model.bounder.probability(variant_features(ctx, cand, k)) for k in range(len(cand.variants))]
            cand.chosen = max(range(len(scores)), key=scores.__getitem__)


def select(doc: Doc, cands: list[Candidate], threshold: float) -> list[Candidate]:
    """The candidates kept: above the threshold, one per cue (its most probable), and of two
    that report the same words through a chain of cues ("expressed concern that X", "appeared
    to suggest that X", "continued to call for X", "made it clear that X"), the more probable:
    one's content holds the other's cue and content, or both have the same content. Not when
    the inner one's speaker is inside the outer one's content ("He recalled that Trump stated
    that ...": someone else's statement, reported)."""
    best: dict[int, Candidate] = {}
    for cand in cands:
        if cand.probability < threshold:
            continue
        other = best.get(cand.cue[0])
        if other is None or cand.probability > other.probability:
            best[cand.cue[0]] = cand
    kept = sorted(best.values(), key=lambda c: c.variants[c.chosen][1][0])
    text = doc_text(doc)
    outer: set[int] = set()
    for a in kept:
        if a.frame == "according":
            continue  # "According to K, the president said ...": a relay, resolved by attribute.py
        a0, a1 = a.variants[a.chosen][1]
        for b in kept:
            if b is a or b.frame == "according":
                continue
            b0, b1 = b.variants[b.chosen][1]
            if b.speaker_head is not None and a0 <= doc[b.speaker_head].idx < a1:
                continue  # "He recalled that Trump stated that ...": someone else's statement, reported
            cue_at = doc[b.cue[0]].idx
            chained = (a0 <= cue_at < a1 and a0 <= b0 and b1 <= a1) or (a0, a1) == (b0, b1)
            if chained and word_f1(text[a0:a1], text[b0:b1]) >= 0.5:
                outer.add(id(a) if a.probability < b.probability else id(b))
    return [c for c in kept if id(c) not in outer]


_WORD = re.compile(r"\w+")


def word_f1(a: str, b: str) -> float:
    """Word-level F1 of two texts (as multisets), how the shared scorer matches contents."""
    ta, tb = [w.lower() for w in _WORD.findall(a)], [w.lower() for w in _WORD.findall(b)]
    if not ta or not tb:
        return 0.0
    common = sum((Counter(ta) & Counter(tb)).values())
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def to_statement(doc: Doc, lexicon: CueLexicon, cand: Candidate) -> Statement:
    content = cand.variants[cand.chosen][1]
    if cand.rule is not None:
        st = cand.rule
        st.content = content
        st.confidence = round(cand.probability, 3)
        return st
    cue = doc[cand.head]
    kind = None
    for c in (lexicon.verb(cue), lexicon.noun(cue)):
        if c is not None:
            kind = c.kind
            break
    return Statement(type="indirect", content=content, frame=cand.frame, found_by=f"model:{cand.relation}", cue=cand.cue, kind=kind or "assertion",
                     anchor=cand.head,
                     speaker=cand.speaker, speaker_head=cand.speaker_head, negated=any(c.dep_ == "neg" for c in cue.children),
                     confidence=round(cand.probability, 3))  # fmt: skip


_NOMINAL_FRAMES = frozenset({"object", "phrase", "noun"})


_FUTURE = frozenset({"will", "shall", "'ll", "’ll", "wo"})
_SCHEDULED = frozenset({"schedule", "due", "set", "expect", "plan", "poise"})


def scheduled(cue: Token) -> bool:
    """A cue in the future: "the INS will announce the figures on Friday", "the bank is
    scheduled to publish its report": nothing has been said yet."""
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in cue.children):
        return True
    head = cue.head
    return cue.dep_ == "xcomp" and head.lemma_.lower() in _SCHEDULED and any(c.lower_ == "to" for c in cue.children)


def names_only(doc: Doc, cand: Candidate, lexicon: CueLexicon) -> bool:
    """A content that only names a topic or a stance, an infinitive that is the subject's own
    action (``not_statements`` in ``cues.yaml``), or an act still to come: "spoke about the
    negotiations", "discussed the plan", "reaffirmed Moscow's position", "did not rule out the
    possibility of ...", "learned to swim", "will announce the figures". A clause always says
    something."""
    relation = cand.relation
    if cand.frame != "according" and scheduled(doc[cand.head]):
        return True
    if relation.startswith("xcomp") and cand.rule is None and doc[cand.head].lemma_.lower() in lexicon.action_verbs:
        return True  # "learned to swim", "tried to leave"
    nominal = relation == "dobj" or relation.startswith("prep:") or (cand.rule is not None and cand.frame in _NOMINAL_FRAMES)
    if not nominal:
        return False
    if doc[cand.head].lemma_.lower() in lexicon.topic_verbs:
        return True  # "spoke about the talks", "spoke at the ruins", "discussed the plan"
    start, end = cand.variants[0][1]
    tokens = _token_range(doc, start, end)
    if not tokens:
        return False
    inside = {t.i for t in tokens}
    head = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
    return head.lemma_.lower() in lexicon.shell_nouns


_WORDS = re.compile(r"[^\W_]+")


def addressee(doc: Doc, cand: Candidate, regions: Sequence[QuoteRegion]) -> bool:
    """The object of a cue that stands beside a quotation is whom it was said to, not what:
    '“Are you winning?” she asked the crowd', 'he told reporters: “...”'."""
    if cand.rule is not None or cand.relation != "dobj" or cand.complement is None:
        return False
    text = doc_text(doc)
    cue = doc[cand.head]
    obj_end = doc[cand.complement].right_edge
    after = obj_end.idx + len(obj_end)
    for region in regions:
        if cue.idx - 40 <= region.end <= cue.idx and "\n" not in text[region.end : cue.idx] and len(_WORDS.findall(text, region.end, cue.idx)) <= 4:
            return True
        if region.start >= after and not text[after : region.start].strip(" ,:"):
            return True
    return False


def reporter_clause(doc: Doc, cand: Candidate, lexicon: CueLexicon) -> bool:
    """A "complement" that is a reporter of its own after a comma, hung on the cue by the parser:
    "Sanctions will not work, Lavrov said on Monday, the Interfax agency reported" (the agency
    relays what Lavrov said; it is not what he said)."""
    if cand.complement is None or not cand.relation.startswith("ccomp") or cand.complement <= cand.head:
        return False
    comp = doc[cand.complement]
    words = [t for t in comp.subtree if not t.is_punct]
    left = words[0].i if words else comp.i
    reports = lexicon.verb_form(comp.lemma_.lower()) is not None or lexicon.verb_form(comp.lower_) is not None
    return (left > 0 and doc[left - 1].text == "," and reports and comp.right_edge.i + 2 >= comp.sent.end
            and any(c.dep_ == "nsubj" for c in comp.children) and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in comp.children))  # fmt: skip


def apply_model(doc: Doc, statements: list[Statement], regions: Sequence[QuoteRegion], lexicon: CueLexicon, model: AttributionModel,
                keep_complementizer: bool = False, topic_statements: bool = False) -> list[Statement]:  # fmt: skip
    """The statements the model keeps, of the rules' and the parse's candidates; a reported
    clause's leading "that" is kept only with ``keep_complementizer``, a statement that only
    names its topic, a stance or an act to come (:func:`names_only`) only with ``topic_statements``."""
    ctx = Context(doc, regions, lexicon)
    cands = [c for c in generate(doc, statements, regions)
             if (topic_statements or not names_only(doc, c, lexicon)) and not reporter_clause(doc, c, lexicon) and not addressee(doc, c, regions)]  # fmt: skip
    score_candidates(ctx, cands, model)
    kept = select(doc, cands, model.threshold)
    out = [to_statement(doc, lexicon, c) for c in kept]
    if not keep_complementizer:
        for st in out:
            st.content = without_complementizer(doc, st.content)
    out += [st for st in statements if st.cue is None or st.type == "direct"]
    return sorted(out, key=lambda s: s.start)


def without_complementizer(doc: Doc, content: tuple[int, int]) -> tuple[int, int]:
    """``content`` without a leading complementizer "that" (when words are left after it)."""
    tokens = _token_range(doc, *content)
    if len(tokens) > 1 and tokens[0].lower_ == "that" and (tokens[0].dep_ == "mark" or tokens[0].pos_ == "SCONJ"):
        rest = clause_chars(doc, tokens[1:])
        if rest is not None:
            return rest[0], content[1]
    return content


__all__ = ["AttributionModel", "Candidate", "Context", "apply_model", "attribution_model", "features", "generate", "load_model", "variant_features"]


# -- the speaker linker ------------------------------------------------------------------------

_SPEAKER_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_PERSONAL = frozenset({"he", "she", "they", "it", "we", "i", "you", "who"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})


@dataclass(frozen=True)
class SpeakerCandidate:
    """Who may have said a statement: a span of words (None: no one the text names) and how it was found."""

    source: str  # rule, none, subject-N (of the N-th verb up the parse), possessor, agent, entity-before, entity-after, previous
    tokens: tuple[int, int] | None
    head: int | None


def speaker_candidates(doc: Doc, st: Statement, previous: Statement | None) -> list[SpeakerCandidate]:
    """The rules' speaker, no speaker, and the other noun phrases the speaker could be."""
    out = [SpeakerCandidate("rule", st.speaker, st.speaker_head), SpeakerCandidate("none", None, None)]
    seen = {st.speaker_head, None}
    if st.cue is None:
        return out
    cue = doc[st.anchor] if st.anchor is not None else doc[st.cue[0]]
    start, end = st.content
    sent = cue.sent

    def add(source: str, head: Token) -> None:
        if head.i in seen or start <= head.idx < end:
            return
        seen.add(head.i)
        out.append(SpeakerCandidate(source, noun_phrase(head), head.i))

    for depth, verb in enumerate([cue, *list(cue.ancestors)[:3]]):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                add(f"subject-{depth}", child)
            elif child.dep_ == "agent":
                for g in child.children:
                    if g.dep_ == "pobj":
                        add("agent", g)
            elif child.dep_ == "poss":
                add("possessor", child)
    before = [t for t in doc[sent.start : cue.i] if (t.ent_type_ in _SPEAKER_ENTS and t.ent_iob_ != "I") or t.lower_ in _PERSONAL]
    if before:
        add("entity-before", before[-1] if before[-1].ent_iob_ != "B" else _entity_head(before[-1]))
    after = [t for t in doc[cue.i + 1 : sent.end] if (t.ent_type_ in _SPEAKER_ENTS and t.ent_iob_ != "I") or t.lower_ in _PERSONAL]
    if after:
        add("entity-after", _entity_head(after[0]) if after[0].ent_iob_ == "B" else after[0])
    if previous is not None and previous.speaker_head is not None and previous.speaker is not None:
        head = doc[previous.speaker_head]
        if head.i not in seen:
            seen.add(head.i)
            out.append(SpeakerCandidate("previous", previous.speaker, head.i))
    return out


def _entity_head(token: Token) -> Token:
    """The last token of the named entity that starts at ``token``."""
    doc = token.doc
    k = token.i
    while k + 1 < len(doc) and doc[k + 1].ent_iob_ == "I":
        k += 1
    return doc[k]


def speaker_features(doc: Doc, st: Statement, cand: SpeakerCandidate) -> list[str]:
    """The linker's features of one speaker candidate for one statement."""
    src = cand.source
    frame = st.found_by or st.frame
    frame0 = frame.split(":")[0] if not frame.startswith("model") else ":".join(frame.split(":")[:2])
    cue = doc[st.anchor] if st.anchor is not None else (doc[st.cue[0]] if st.cue is not None else None)
    lemma = cue.lemma_.lower() if cue is not None else "-"
    f = [f"src={src}", f"src|frame={src}|{frame0}", f"src|type={src}|{st.type}", f"src|lemma={src}|{lemma}"]
    if cue is not None:
        f.append(f"src|cuedep={src}|{cue.dep_}")
        f.append(f"src|cuetag={src}|{cue.tag_}")
        f.append(f"src|passive={src}|{any(c.dep_ == 'auxpass' for c in cue.children)}")
    rule = st.speaker_head
    f.append(f"rulehas={rule is not None}|{src}")
    if cand.head is None:
        f.append(f"none|frame={frame0}")
        if cue is not None:
            first = doc_first(doc, st.content[0])
            if first is not None:
                f.append(f"none|first={first.lower_ if first.is_stop else first.pos_}")
        return f
    head = doc[cand.head]
    kind = "pron" if head.pos_ == "PRON" else (head.ent_type_ or head.pos_)
    f.append(f"src|kind={src}|{kind}")
    f.append(f"kind={kind}")
    if head.pos_ == "PRON":
        f.append(f"pron={head.lower_}|{src}")
    else:
        f.append(f"hlemma={head.lemma_.lower()}")
    f.append(f"hdep={head.dep_}|{src}")
    if cue is not None:
        distance = head.i - cue.i
        f.append(f"dist={'+' if distance > 0 else '-'}{_bucket(abs(distance), (1, 2, 4, 8, 16))}|{src}")
        f.append(f"samesent={head.sent.start == cue.sent.start}")
    if rule is not None and cand.head != rule:
        r = doc[rule]
        f.append(f"rulekind={'pron' if r.pos_ == 'PRON' else (r.ent_type_ or r.pos_)}|{src}")
        f.append(f"rulelemma={r.lower_ if r.pos_ == 'PRON' else r.pos_}|{src}")
    return f


def link_speakers(doc: Doc, statements: list[Statement], model: AttributionModel) -> None:
    """Re-decide each cue-led statement's speaker among its candidates by the linker."""
    if model.linker is None:
        return
    previous: Statement | None = None
    for st in sorted(statements, key=lambda s: s.cue_pos if s.cue_pos is not None else s.start):
        if st.cue is not None and st.frame not in ("inherited", "label", "headline", "dash", "colon"):
            cands = speaker_candidates(doc, st, previous)
            scores = [model.linker.probability(speaker_features(doc, st, c)) for c in cands]
            best = cands[max(range(len(cands)), key=scores.__getitem__)]
            if best.source != "rule":
                st.speaker, st.speaker_head = best.tokens, best.head
                head = doc[best.head] if best.head is not None else None
                if head is not None and head.lower_ in _RELATIVE and head.head.dep_ == "relcl":
                    st.speaker_head = head.head.head.i  # "Ted Cruz, who said ...": who stands for Ted Cruz
        if st.speaker is not None:
            previous = st
