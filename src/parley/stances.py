"""The stance stage: where each actor stands on an issue, with its evidence
(``shared/eval/FORMAT.md`` ``stances``).

A stance is read from a cue word of ``data/stances.yaml`` ("renounce", "rule out", "interest
in", "willingness", "not being discussed", "off the table") in the clause that states it:

* ``position`` on a five-step scale (supports / open / conditional / opposes /
  rejects-discussion, see the README) and a finer free ``label`` ("rejects concession",
  "supports joint management"); negation is read off the parse and turns the cue's reading
  into its negated one ("did not rule out" = open; "will not renounce ... under any
  circumstances" = opposes, "rejects concession"); a hedge (could, may) softens support to
  open; a condition (if, provided that) makes it conditional;
* ``holder``: the clause's subject, or the possessor of a cue noun ("his willingness"), as the
  acting state or organisation PLOVER would code (:mod:`parley.actors.affiliation`; the person stays
  in ``holder_person``); a cue with no actor for subject ("the issue remains closed", "is not
  being discussed", "we ...") inside a statement is the statement's speaker's position;
* ``issue``: the issues the evidence names or points back to (:mod:`parley.base.issue_index`), those
  in what the cue is about first; a position on no known issue is not recorded;
* ``evidence``: the clause from its subject to the end of what the cue is about, without
  fronted adverbials, attributions ("According to Putin,") or trailing circumstances
  ("during a televised call-in show");
* ``date`` (extra): the statement's ``said_on``, else a date attached to the clause's verb,
  else the publication date; ``source`` (extra): who relays it (the statement's source, else
  the publisher), for telling reports apart across a corpus.

Limits: one clause at a time; sarcasm, irony and positions implied by actions are not read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from .actors import Acting, Affiliations, actor_of
from .base.context import DocContext
from .base.dating import date_governing
from .base.index import MentionIndex
from .base.issue_index import IssueIndex
from .base.parse import subjects_of
from .base.registry import resource
from .data.loaders import load_stance_lexicon
from .data.schemas import StanceCue, StancesFile
from .model import ArticleRecord, DateRef, Span, Stance

# Default reading of a negated cue when the lexicon gives none.
FLIP = {"supports": "opposes", "open": "opposes", "conditional": "opposes", "opposes": "open", "rejects-discussion": "open"}
# Children of the clause's verb that are not part of a stance's evidence.
_DROP_DEPS = frozenset({"advcl", "punct", "cc", "conj", "mark", "parataxis", "npadvmod", "dep", "intj", "meta", "appos", "relcl"})
# Prepositions of circumstance trimmed from the evidence ("during a call-in show").
_CIRCUMSTANCE = frozenset({"during", "after", "before", "amid", "following", "according", "at", "throughout", "since", "while", "on", "in", "when"})
_REFUSALS = frozenset({"refuse", "decline", "fail", "reject"})
_CONTENT_CHILD = frozenset({"prt", "prep", "dobj", "acomp", "xcomp", "advmod", "attr"})


class StanceLexicon:
    """``stances.yaml`` compiled once for one vocabulary."""

    def __init__(self, vocab: Vocab, data: StancesFile) -> None:
        self.data = data
        self.single: dict[str, StanceCue] = {}
        self.pairs: dict[tuple[str, str], StanceCue] = {}
        for key, cue in data.cues.items():
            words = key.split()
            if len(words) == 1:
                self.single[key] = cue
            else:
                self.pairs[(words[0], words[1])] = cue
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        self.phrase_cues: list[StanceCue] = []
        for number, (key, cue) in enumerate(data.phrases.items()):
            self.phrases.add(str(number), [Doc(vocab, words=key.split())])
            self.phrase_cues.append(cue)
        self.hedges = frozenset(data.hedges)
        self.conditions = tuple(data.conditions)
        self.emphatics = tuple(data.emphatics)
        self.label_skip = frozenset(data.label_skip)
        self.polarity = {name: entry.polarity for name, entry in data.scale.items()}


def get_stance_lexicon(vocab: Vocab, path: str | None = None) -> StanceLexicon:
    """``stances.yaml`` (or ``path``) compiled for one vocabulary, once per process."""
    return resource("stances.lexicon", (vocab, path), lambda: StanceLexicon(vocab, load_stance_lexicon(path)))


def scale() -> dict[str, int]:
    """Position -> polarity, from the packaged lexicon (for corpus queries)."""
    return resource("stances.scale", None, lambda: {name: entry.polarity for name, entry in load_stance_lexicon().scale.items()})


@dataclass
class CueHit:
    """A cue word in the Doc with the child that completes it ("rule" + "out")."""

    token: Token
    cue: StanceCue
    child: Token | None = None
    end: int | None = None  # phrases: their last token
    start: int | None = None  # phrases: their first token


def find_cues(doc: Doc, lex: StanceLexicon) -> list[CueHit]:
    """Every stance cue of ``doc``, in text order (a two-word cue before its one-word head)."""
    hits: list[CueHit] = []
    for token in doc:
        lemma = token.lemma_.lower()
        found: CueHit | None = None
        for child in token.children:
            if child.dep_ not in _CONTENT_CHILD:
                continue
            cue = lex.pairs.get((lemma, child.lower_)) or lex.pairs.get((lemma, child.lemma_.lower())) or lex.pairs.get((token.lower_, child.lower_))
            if cue is not None and (not cue.pos or token.pos_ in cue.pos):
                found = CueHit(token, cue, child)
                break
        if found is None:
            cue = lex.single.get(lemma) or lex.single.get(token.lower_)
            if cue is not None and (not cue.pos or token.pos_ in cue.pos):
                found = CueHit(token, cue)
        if found is not None:
            hits.append(found)
    for match_id, start, end in lex.phrases(doc):
        cue = lex.phrase_cues[int(doc.vocab.strings[match_id])]
        span = doc[start:end]
        hits.append(CueHit(span.root, cue, None, end - 1, start))
    return sorted(hits, key=lambda h: h.token.i)


def clause_verb(token: Token) -> Token:
    """The verb (or predicate adjective) of the clause a cue sits in."""
    if token.pos_ in {"VERB", "AUX"}:
        return token
    if token.pos_ == "ADJ":
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
            return token
        return token.head if token.dep_ in {"acomp", "xcomp", "attr"} else token
    node = token
    for _ in range(5):
        if node.head.i == node.i:
            return node
        node = node.head
        if node.pos_ in {"VERB", "AUX"} and node.dep_ not in {"prep", "acl", "amod"}:
            return node  # not "including" or "based" (participles used as prepositions)
    return token


def _negated(hit: CueHit, verb: Token, lex: StanceLexicon) -> bool:
    heads = {hit.token.i: hit.token, verb.i: verb}
    inside = range(hit.start, hit.end + 1) if hit.start is not None and hit.end is not None else range(0)
    for head in heads.values():
        for child in head.children:
            if child.i in inside:
                continue  # "not up for discussion" says its own negation
            if child.dep_ == "neg" or (child.lower_ in {"never", "no"} and child.dep_ in {"advmod", "det", "neg"}):
                return True
    if hit.start is not None and not any(hit.token.doc[i].dep_ == "neg" for i in inside):
        doc = hit.token.doc  # a phrase: "not" right before it ("is not on the table")
        if any(t.dep_ == "neg" for t in doc[max(0, hit.start - 2) : hit.start]):
            return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _REFUSALS  # "refuses to discuss"


def _hedged(verb: Token, lex: StanceLexicon) -> bool:
    return any((c.dep_ == "aux" and c.lower_ in lex.hedges) or (c.dep_ == "advmod" and c.lower_ in lex.hedges) for c in verb.children)


def _conditional(verb: Token, lex: StanceLexicon) -> bool:
    for child in verb.children:
        if child.dep_ == "advcl":
            words = " ".join(t.lower_ for t in child.subtree)
            if any(words.startswith(c + " ") for c in lex.conditions) or any(m.dep_ == "mark" and m.lower_ in lex.conditions for m in child.children):
                return True
        if child.dep_ == "prep" and " ".join(t.lower_ for t in list(child.subtree)[:3]).startswith(("in exchange for", "in return for")):
            return True
    return False


def _object_tokens(hit: CueHit) -> list[Token]:
    """What the cue is about: the object of its preposition, its direct object or its
    infinitive ("interest in X", "renounce X", "willingness to pursue X")."""
    token, child = hit.token, hit.child
    if child is not None and child.dep_ == "prep":
        return [o for o in child.children if o.dep_ in {"pobj", "pcomp"}]
    if child is not None and child.dep_ == "dobj" and hit.cue is not None:
        # "make concessions", "express interest in X": the child itself is the cue's noun
        inner = [o for c in child.children if c.dep_ == "prep" for o in c.children if o.dep_ in {"pobj", "pcomp"}]
        return inner or [child]
    if hit.end is not None:
        nxt = [c for c in token.children if c.dep_ == "prep" and c.i > hit.end]
        return [o for c in nxt for o in c.children if o.dep_ == "pobj"]
    out = [c for c in token.children if c.dep_ in {"dobj", "xcomp", "ccomp", "acl"}]
    out += [o for c in token.children if c.dep_ == "prep" and c.lower_ in {"to", "for", "in", "on", "of"} for o in c.children if o.dep_ in {"pobj", "pcomp"}]
    return out


def object_label(tokens: Iterable[Token], lex: StanceLexicon) -> str:
    """A short name for what a cue is about: the head noun with its compounds and adjectives
    ("potential joint management of the facility" -> "joint management"); for an infinitive,
    the verb and its object ("pursue compromises")."""
    for tok in tokens:
        if tok.pos_ in {"VERB", "AUX"}:
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            words = [tok.lemma_] + ([w.text for w in _noun_words(obj, lex)] if obj is not None else [])
            return " ".join(words)
        words = [w.text for w in _noun_words(tok, lex)]
        if words:
            return " ".join(words)
    return ""


_GENERIC_HEADS = frozenset({"idea", "possibility", "prospect", "plan", "proposal", "question", "issue", "notion", "option", "concept", "prospects"})


def _noun_words(noun: Token, lex: StanceLexicon) -> list[Token]:
    if noun.lemma_.lower() in _GENERIC_HEADS:  # "the idea of a territorial exchange" -> "territorial exchange"
        of = next((o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"), None)
        if of is not None:
            return _noun_words(of, lex)
    mods = [c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < noun.i and c.lower_ not in lex.label_skip]
    return sorted([*mods, noun], key=lambda t: t.i)


def evidence_chars(hit: CueHit, verb: Token, subject: Token | None) -> tuple[int, int]:
    """The clause that states the stance: subject, auxiliaries, cue and what it is about,
    without fronted adverbials, attributions and trailing circumstances."""
    doc = verb.doc
    keep: set[int] = {verb.i, hit.token.i}
    first_allowed = subject.left_edge.i if subject is not None and subject.i < verb.i else verb.i
    for child in verb.children:
        if child.dep_ in _DROP_DEPS:
            continue
        if child.dep_ == "prep" and child.lower_ in _CIRCUMSTANCE and child is not hit.child:
            continue
        if child.dep_ == "prep" and child.pos_ == "VERB" and child.lower_ != "including":
            continue  # "based on agreements discussed ...": a participle's afterthought
        if child.i < first_allowed and child.dep_ not in {"nsubj", "nsubjpass", "aux", "auxpass", "neg"}:
            continue
        keep |= _pruned_subtree(child, hit)
    if hit.end is not None:
        keep |= set(range(hit.token.left_edge.i, hit.end + 1))
    lo, hi = min(keep), max(keep)
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space or (doc[lo].dep_ == "mark" and doc[lo].lower_ == "that")):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _pruned_subtree(token: Token, hit: CueHit) -> set[int]:
    out: set[int] = set()
    stack = [token]
    while stack:
        tok = stack.pop()
        out.add(tok.i)
        for child in tok.children:
            if child.dep_ in {"advcl", "relcl", "appos", "parataxis"} and child.i > hit.token.i:
                continue
            if child.dep_ == "prep" and child.lower_ in _CIRCUMSTANCE - {"on", "in", "at"} and child is not hit.child:
                continue
            if child.dep_ == "punct" and child.i > hit.token.i:
                continue
            stack.append(child)
    return out


@dataclass
class StanceContext:
    doc: Doc
    record: ArticleRecord
    index: MentionIndex
    issues: IssueIndex
    aff: Affiliations
    dates: list[DateRef]
    look_back: int = 2


def _holder(hit: CueHit, verb: Token, ctx: StanceContext) -> tuple[Acting | None, Token | None]:
    """The acting body whose position it is, and the subject token it was read from."""
    on = ctx.record.published
    quote = ctx.index.quote_at(hit.token.idx)
    speaker = None
    if quote is not None and quote.speaker:
        entry = ctx.aff.book.actors.get(quote.speaker)
        # a speaker that is no actor ("the advertisement suggests that ...") holds no position
        if entry is not None or any(m.actor == quote.speaker for m in ctx.record.mentions):
            speaker = ctx.aff.acting(quote.speaker, entry.kind if entry is not None else "person", on)
    if hit.token.pos_ == "NOUN":
        poss = next((c for c in hit.token.children if c.dep_ == "poss"), None)
        if poss is not None:
            found = actor_of(poss, ctx.index, ctx.aff, on)
            if found is not None:
                return found, poss
    subjects = subjects_of(verb) if verb.pos_ in {"VERB", "AUX"} else []
    if verb.pos_ == "ADJ" or not subjects:
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}] or subjects
        if not subjects and verb.dep_ in {"acomp", "xcomp"}:
            subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    subject = subjects[0] if subjects else None
    if subject is not None:
        found = actor_of(subject, ctx.index, ctx.aff, on)
        if hit.cue.subject_not_actor:
            return (speaker, subject) if found is None else (None, subject)
        if found is not None:
            return found, subject
        if subject.pos_ == "PRON" and subject.lower_ not in {"it", "this", "that", "which"}:
            return speaker, subject  # "they" unresolved: the speaker's side is the best guess only for "we"
    return speaker, subject


def find_stances(doc: Doc, ctx: StanceContext, lex: StanceLexicon) -> list[Stance]:
    """Every stance ``doc`` states on a known issue."""
    text = doc.text
    out: list[Stance] = []
    taken: list[tuple[str, str, int, int]] = []  # holder, issue, evidence span of each stance
    hits = find_cues(doc, lex)
    cue_tokens = {h.token.i for h in hits}
    for hit in hits:
        if hit.token.lemma_.lower() in _REFUSALS and any(c.dep_ == "xcomp" and c.i in cue_tokens for c in hit.token.children):
            continue  # "refuses to discuss X": the inner cue, negated, says it better
        verb = clause_verb(hit.token)
        negated = _negated(hit, verb, lex)
        cue = hit.cue
        if cue.only_negated and not negated:
            continue
        holder, subject = _holder(hit, verb, ctx)
        if holder is None:
            continue
        position: str = cue.position
        label = cue.label
        if negated:
            if cue.negated is not None:
                position, label = cue.negated.position, cue.negated.label
            else:
                position, label = FLIP[cue.position], f"not ({cue.label})"
        hedged = _hedged(verb, lex)
        if hedged and position == "supports":
            position = "open"
        if position in {"supports", "open"} and _conditional(verb, lex):
            position, label = "conditional", f"{label} (conditional)"
        objects = _object_tokens(hit)
        if "{object}" in label:
            label = label.replace("{object}", object_label(objects, lex)).strip()
        start, end = evidence_chars(hit, verb, subject)
        cue_words = [hit.token] + ([hit.child] if hit.child is not None and hit.child.dep_ == "dobj" else [])
        about = [(t.idx, t.idx + len(t)) for t in cue_words]  # "made concessions" is about compromise
        about += [(t.left_edge.idx, min(end, t.right_edge.idx + len(t.right_edge))) for t in objects]  # within the evidence
        issues: list[str] = []
        for a, b in about:
            if a < b:  # an object past the evidence's end is not evidence
                issues += [i for i in ctx.issues.issues_for(a, b, look_back=ctx.look_back) if i not in issues]
        if not issues:
            issues = ctx.issues.issues_for(start, end, look_back=ctx.look_back)
        if not issues:
            continue
        quote = ctx.index.quote_at(hit.token.idx)
        date = quote.said_on if quote is not None and quote.said_on else None
        if date is None and ctx.dates:
            ref = date_governing(verb, ctx.dates, doc)
            date = ref.value if ref is not None else None
        if date is None and ctx.record.published is not None:
            date = ctx.record.published.isoformat()
        for issue in issues:
            if any(h == holder.actor and i == issue and a < end and start < b for h, i, a, b in taken):
                continue  # one clause, one stance: "prepared to make concessions" is said once
            taken.append((holder.actor, issue, start, end))
            out.append(
                Stance(
                    holder=holder.actor,
                    issue=issue,
                    position=position,
                    evidence=Span.of(text, start, end),
                    holder_person=holder.person,
                    label=label,
                    date=date,
                    cue=hit.token.text if hit.child is None or hit.end is not None else f"{hit.token.text} {hit.child.text}",
                    negated=negated,
                    hedged=hedged,
                    reported_by=quote.speaker if quote is not None else None,
                    source=(quote.source if quote is not None and quote.source else None) or ctx.record.publisher,
                )
            )
    return out


def stances_for(ctx: DocContext) -> list[Stance]:
    """The stage's entry point (needs the record's statements): the lexicon compiled once per
    vocabulary and file, the document's mention and issue indexes from its context."""
    doc, record = ctx.doc, ctx.record
    lex = get_stance_lexicon(doc.vocab, ctx.options.stances.lexicon)
    found = StanceContext(doc, record, ctx.mentions, ctx.issues, ctx.affiliations, [d for d in record.dates if d.value], ctx.options.issues.anaphor_sentences)
    return find_stances(doc, found, lex)


__all__ = [
    "FLIP",
    "CueHit",
    "StanceContext",
    "StanceLexicon",
    "clause_verb",
    "evidence_chars",
    "find_cues",
    "find_stances",
    "get_stance_lexicon",
    "scale",
    "stances_for",
]
