"""The stage: every stance a Doc states on a known issue, with holder, position and evidence."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..actors import Acting, Affiliations, actor_of
from ..base.context import DocContext
from ..base.dating import date_governing
from ..base.index import MentionIndex
from ..base.issue_index import IssueIndex
from ..base.parse import subjects_of
from ..model import ArticleRecord, DateRef, Span, Stance
from .clause import _conditional, _hedged, _negated, _object_tokens, clause_verb, evidence_chars, object_label
from .lexicon import CueHit, StanceLexicon, find_cues, get_stance_lexicon

# Default reading of a negated cue when the lexicon gives none.
FLIP = {"supports": "opposes", "open": "opposes", "conditional": "opposes", "opposes": "open", "rejects-discussion": "open"}


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
        if hit.token.lemma_.lower() in lex.modality.refusal_heads and any(c.dep_ == "xcomp" and c.i in cue_tokens for c in hit.token.children):
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
