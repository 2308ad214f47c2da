"""Speakers that are not the words the parse gives: a document stands for who issued it, and
a description of a body stands for the body that spoke last.

"“We will defend our rights,” said a statement from the Philippine military": the statement
does not speak; the Philippine military does. A speaker whose head is a document or message
noun (``documents`` in ``cues.yaml``) is replaced by who issued it — the object of a "from",
"by" or "of" phrase on it, or its possessor ("the ministry's report") — when the text names
one; otherwise the document stays the speaker ("a report said ...").

"The Philippine coast guard said ... The agency said ...": a definite description of a body
(``bodies`` in ``cues.yaml``) is the body whose statement came last within a paragraph, not a
new speaker called "agency", nor the navy the actor stage found as the nearest organisation,
unless that body was the subject of a main clause since.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from spacy.tokens import Doc, Token

from ..base.paragraphs import Paragraphs
from ..model import Mention
from .lexicon import CueLexicon
from .statement import Statement

_ISSUER_PREPOSITIONS = frozenset({"from", "by", "of"})


def issuer(head: Token, lexicon: CueLexicon) -> Token | None:
    """Who issued the document ``head`` names, when the text says so."""
    if head.lemma_.lower() not in lexicon.documents or head.pos_ != "NOUN":
        return None
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN", "PRON"):  # "their complaint": who "their" is
            return child
    names = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if names and names[-1].ent_type_ in ("ORG", "PERSON"):
        return names[-1]  # "a Bloomberg poll", "the Mueller report": the name written before it
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in _ISSUER_PREPOSITIONS:
            objects = [g for g in child.children if g.dep_ == "pobj" and g.pos_ in ("PROPN", "NOUN")]
            if objects:
                return objects[0]
    return None


def speakers_behind_documents(doc: Doc, statements: Iterable[Statement], lexicon: CueLexicon) -> None:
    """Replace each document speaker (and source) by who issued it."""
    for st in statements:
        if st.speaker_head is not None:
            who = issuer(doc[st.speaker_head], lexicon)
            if who is not None:
                st.speaker, st.speaker_head = _words(who), who.i
        if st.source_head is not None:
            who = issuer(doc[st.source_head], lexicon)
            if who is not None:
                st.source, st.source_head = _words(who), who.i


def _words(head: Token) -> tuple[int, int]:
    """The noun phrase of ``head`` up to the head itself (a possessor without its "'s")."""
    return head.left_edge.i, head.i + 1


_DEFINITE = frozenset({"the", "this", "that"})
_BODY_KINDS = frozenset({"org", "state", "group"})


def body_description(head: Token, lexicon: CueLexicon) -> bool:
    """ "the agency", "the U.S. telecom company": a definite noun naming a body, described only
    by places, nationalities and common words."""
    if head.pos_ != "NOUN" or head.lemma_.lower() not in lexicon.bodies:
        return False
    words = list(head.subtree)
    if not words or words[0].lower_ not in _DEFINITE:
        return False
    return all(t.i == head.i or t.pos_ not in ("PROPN",) or t.ent_type_ in ("GPE", "NORP") for t in words if t.i <= head.i)


def name_body_descriptions(
    doc: Doc, statements: Sequence[Statement], paragraphs: Paragraphs, kinds: Mapping[str, str], lexicon: CueLexicon, mentions: Sequence[Mention] = ()
) -> None:
    """Name each body description after the body that spoke last (text order): one the actor
    stage could not resolve, and one it resolved to a body named only in passing since that
    statement ("The coast guard said ... near the shoal, where the navy was patrolling. The
    agency said ..." is the coast guard). A body named as the subject of a main clause since
    then is what the description means, and stays ("The Foreign Affairs department summoned the
    envoy. The ministry said ...")."""
    last: Statement | None = None
    for st in sorted(statements, key=lambda x: x.cue_pos if x.cue_pos is not None else x.start):
        head = doc[st.speaker_head] if st.speaker_head is not None else None
        if head is None or st.speaker_name is None:
            continue
        name = st.speaker_name
        near = last is not None and last.speaker_head is not None and paragraphs.index(head.idx) - paragraphs.index(doc[last.speaker_head].idx) <= 1
        if near and last is not None and last.speaker_name != name and body_description(head, lexicon):
            since = doc[last.cue[1] - 1].idx if last.cue is not None else doc[last.speaker_head].idx if last.speaker_head is not None else 0
            if name not in kinds or not _main_subject_since(doc, name, since, head.idx, mentions):
                st.speaker_name = last.speaker_name
        if kinds.get(name) in _BODY_KINDS or body_description(head, lexicon) or _named_body(head, lexicon):
            last = st


def _main_subject_since(doc: Doc, actor: str, since: int, before: int, mentions: Sequence[Mention]) -> bool:
    """Whether a name of ``actor`` between the characters ``since`` and ``before`` is the
    subject of its sentence's main verb."""
    for m in mentions:
        if m.actor != actor or m.via in ("nominal", "pronoun") or not since <= m.start < before:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "ROOT":
            return True
    return False


def _named_body(head: Token, lexicon: CueLexicon) -> bool:
    """A body the text names or describes with a name of a place ("the Philippine coast guard")."""
    return head.lemma_.lower() in lexicon.bodies or head.ent_type_ == "ORG"


__all__ = ["body_description", "issuer", "name_body_descriptions", "speakers_behind_documents"]
