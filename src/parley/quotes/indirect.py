"""Reported speech found through the dependency parse: a cue word and the complement that
carries what was said.

The rules, each with the construction it reads (tests in ``tests/test_quotes.py``):

* clause — a cue verb and its clausal complement: "X said (that) ...", "X told reporters ...",
  "..., X said." (spaCy makes the clause before the verb its ``ccomp``);
* parenthetical — a cue verb set into the clause it reports: "The economy, he said, is
  strong" (``parataxis``): the content is the host clause without the parenthesis;
* object — a cue verb whose object is the content, for the verbs the lexicon allows it
  ("denied the allegations", "endorsed Clinton"); a bare pronoun object ("denied it") is not;
* infinitive — "X vowed to ...", "X urged Congress to ..." (the object and the to-clause);
* phrase — a multiword cue and what it governs after its last word ("made it clear that ...",
  "called for restraint", "did not rule out a deal");
* noun — a cue noun with a that-clause, speaker the possessor or the by-phrase ("Putin's
  statement that ...", "a claim by the ministry that ...");
* according — "according to X, ...": the host clause, speaker X; when the host clause is
  itself attributed ("According to K, the president said ..."), X becomes that statement's
  source instead (``attribute.py``);
* adverb — "reportedly" on a main clause: a statement whose speaker the text does not name.

After Krestel, Bergler and Witte (2008), "Minding the Source: Automatic Tagging of Reported
Speech in Newspaper Articles", and the verb-and-complement rules of textacy's
``triples.direct_quotations``. Limits: one level of cue per clause (a cue inside the content
becomes its own, nested statement); no coreference of its own (speakers are resolved through
the actor stage's mentions); English only.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .lexicon import Cue, CueLexicon
from .statement import Statement, clause_chars, subtree_tokens

# Object words that are not content: "denied it", "said so", "announced nothing".
_EMPTY_OBJECTS = frozenset(
    "it this that these those so something nothing anything everything what which who whom them him her me us you one".split()
)
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_MODAL_HEDGES = frozenset({"may", "might", "could", "would"})
_RAISING = frozenset({"appear", "seem"})
# Dependents of a phrase cue that carry its content.
_CONTENT_DEPS = frozenset({"dobj", "pobj", "ccomp", "advcl", "xcomp", "attr", "oprd", "acomp"})


def speaker_of(token: Token) -> tuple[tuple[int, int] | None, int | None]:
    """The speaker of a cue verb: its subject's words (token span) and head, or (None, None).

    Passives take their by-agent ("it was announced by the ministry"); a passive without one
    has no speaker ("Trump is expected to ..."). A verb without a subject borrows the subject
    of the verb it depends on ("X appeared to suggest ...", "X said A and added B",
    "X attacked Y, saying ..."); a relative pronoun stands for the noun it modifies.
    """
    current = token
    for _ in range(6):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in current.children)
        if passive and current.i != token.i:
            # "X is expected to say ...": the raised subject of the passive verb speaks
            for child in current.children:
                if child.dep_ == "nsubjpass":
                    return noun_phrase(child), child.i
            return None, None
        if passive:
            for child in current.children:
                if child.dep_ == "agent":
                    objects = [g for g in child.children if g.dep_ == "pobj"]
                    if objects:
                        return noun_phrase(objects[0]), objects[0].i
            return None, None
        for child in current.children:
            if child.dep_ in _SUBJECT_DEPS:
                if child.lower_ in _RELATIVE and current.dep_ == "relcl":
                    return noun_phrase(current.head), current.head.i
                if child.pos_ in ("SCONJ", "ADP") or (child.dep_ == "nsubj" and child.lower_ in ("there", "it") and current.i != token.i):
                    return None, None
                return noun_phrase(child), child.i
        if current.dep_ in ("xcomp", "conj", "advcl", "ccomp") and current.head.i != current.i and current.head.pos_ in ("VERB", "AUX"):
            if current.dep_ == "ccomp" and current.i == token.i:
                return None, None  # a reported verb without a subject of its own is not spoken by the outer one
            if current.dep_ == "advcl" and current.tag_ not in ("VBG", "VBN"):
                return None, None
            current = current.head
            continue
        if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN"):
            return noun_phrase(current.head), current.head.i
        return None, None
    return None, None


def noun_phrase(head: Token) -> tuple[int, int]:
    """The words of a speaker: the head's subtree, cut before an appositive, a relative clause
    or a comma after the head ("Kevin Sullivan, the state's tax commissioner, ..." ->
    "Kevin Sullivan")."""
    start = head.left_edge.i
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("appos", "relcl", "acl", "punct", "cc", "conj", "advcl", "parataxis") or child.text in {",", "(", "—", "–"}:
            break
        end = child.right_edge.i + 1
    for t in head.doc[start:end]:
        if t.text in {",", "(", "—", "–"} and t.i > head.i:
            end = t.i
            break
    return start, end


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _hedged(token: Token, lexicon: CueLexicon) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in _MODAL_HEDGES for c in token.children):
        return True
    if any(c.dep_ == "advmod" and lexicon.adverb(c) is not None for c in token.children):
        return True
    return token.dep_ == "xcomp" and token.head.lemma_ in _RAISING


def _statement(doc: Doc, lexicon: CueLexicon, cue_tokens: tuple[int, int], head: Token, cue: Cue, frame: str,
               content: tuple[int, int]) -> Statement:
    speaker, speaker_head = speaker_of(head)
    return Statement(
        type="indirect", content=content, frame=frame, cue=cue_tokens, kind=cue.kind, anchor=head.i,
        speaker=speaker, speaker_head=speaker_head, negated=_negated(head), hedged=_hedged(head, lexicon),
    )  # fmt: skip


def verb_statements(doc: Doc, token: Token, cue: Cue, lexicon: CueLexicon) -> list[Statement]:
    """Statements carried by one cue verb, by the frames the lexicon allows it."""
    found: list[Statement] = []
    span = (token.i, token.i + 1)
    if "clause" in cue.takes:
        for child in token.children:
            if child.dep_ == "ccomp" and not (len(list(child.subtree)) == 1 and child.lower_ in _EMPTY_OBJECTS):
                content = clause_chars(doc, subtree_tokens(child))
                if content:
                    found.append(_statement(doc, lexicon, span, token, cue, "clause", content))
                    break
        if not found and token.dep_ == "parataxis" and token.head.pos_ in ("VERB", "AUX"):
            own = {t.i for t in token.subtree}
            content = clause_chars(doc, subtree_tokens(token.head, own))
            if content:
                found.append(_statement(doc, lexicon, span, token, cue, "parenthetical", content))
    if not found and "infinitive" in cue.takes:
        for child in token.children:
            if child.dep_ == "xcomp" and child.i > token.i and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
                objects = [c for c in token.children if c.dep_ == "dobj" and c.i < child.i]
                tokens = subtree_tokens(child) + (subtree_tokens(objects[0]) if objects else [])
                content = clause_chars(doc, tokens)
                if content:
                    found.append(_statement(doc, lexicon, span, token, cue, "infinitive", content))
                break
    if not found and "object" in cue.takes:
        for child in token.children:
            if child.dep_ == "dobj" and child.i > token.i:
                if len(list(child.subtree)) == 1 and child.lower_ in _EMPTY_OBJECTS:
                    break
                content = clause_chars(doc, subtree_tokens(child))
                if content:
                    found.append(_statement(doc, lexicon, span, token, cue, "object", content))
                break
    return found


def phrase_statement(doc: Doc, start: int, end: int, cue: Cue, lexicon: CueLexicon) -> Statement | None:
    """A multiword cue ("made it clear", "called for", "did not rule out") and what it governs."""
    head = doc[start]
    inside = set(range(start, end))
    best: Token | None = None
    for i in inside:
        for child in doc[i].children:
            if child.i >= end and child.dep_ in _CONTENT_DEPS and (best is None or child.i < best.i):
                best = child
    if best is None:
        return None
    tokens = subtree_tokens(best)
    for child in head.children:  # "called on Congress to act": the to-clause joins the object
        if child.dep_ == "xcomp" and child.i > best.right_edge.i:
            tokens += subtree_tokens(child)
    content = clause_chars(doc, tokens)
    if content is None:
        return None
    return _statement(doc, lexicon, (start, end), head, cue, "phrase", content)


def noun_statement(doc: Doc, token: Token, cue: Cue) -> Statement | None:
    """"Putin's statement that ...", "the claim by the ministry that ...", "a Times report that ..."."""
    clause = None
    for child in token.children:
        if child.dep_ in ("acl", "ccomp", "appos", "relcl") and child.i > token.i:
            first = child.left_edge
            if first.lower_ == "that" and first.dep_ == "mark":
                clause = child
                break
    if clause is None:
        return None
    content = clause_chars(doc, subtree_tokens(clause))
    if content is None:
        return None
    speaker: tuple[int, int] | None = None
    speaker_head: int | None = None
    for child in token.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            speaker, speaker_head = (child.left_edge.i, child.i + 1), child.i
        elif child.dep_ == "prep" and child.lower_ in ("by", "from") and child.i < clause.i:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                speaker, speaker_head = noun_phrase(objects[0]), objects[0].i
    return Statement(type="indirect", content=content, frame="noun", cue=(token.i, token.i + 1), kind=cue.kind,
                     anchor=token.i, speaker=speaker, speaker_head=speaker_head)  # fmt: skip


def according_statement(doc: Doc, start: int, end: int, cue: Cue) -> Statement | None:
    """"According to X, S" / "S, according to X": content S (the host clause), speaker X."""
    prep = doc[end - 1]
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if not objects:
        return None
    phrase = doc[start]
    host = phrase.head if phrase.head.i != phrase.i else None
    if host is None or host.i in range(start, end):
        return None
    while host.pos_ not in ("VERB", "AUX") and host.head.i != host.i:
        host = host.head
    own = {t.i for t in phrase.subtree} | set(range(start, end))
    content = clause_chars(doc, [t for t in subtree_tokens(host, own) if t.sent.start == phrase.sent.start])
    if content is None:
        return None
    return Statement(type="indirect", content=content, frame="according", cue=(start, end), kind=cue.kind, anchor=host.i,
                     speaker=noun_phrase(objects[0]), speaker_head=objects[0].i)  # fmt: skip


def adverb_statement(doc: Doc, token: Token, cue: Cue, lexicon: CueLexicon) -> Statement | None:
    """"The FBI is reportedly making arrangements ...": a main clause said by someone unnamed.
    A cue verb it modifies ("he reportedly said") is hedged instead, not a second statement."""
    head = token.head
    if token.dep_ != "advmod" or head.dep_ not in ("ROOT", "conj") or lexicon.verb(head) is not None:
        return None
    own = {token.i}
    content = clause_chars(doc, subtree_tokens(head, own))
    if content is None:
        return None
    return Statement(type="indirect", content=content, frame="adverb", cue=(token.i, token.i + 1), kind=cue.kind,
                     anchor=head.i, hedged=True)  # fmt: skip


@dataclass(frozen=True)
class CueHit:
    """A cue word or phrase in the Doc, whether or not it governs a content of its own
    (the "said" of '"...," he said.' governs the quotation, found by ``attribute.py``)."""

    start: int
    end: int
    head: int
    cue: Cue


def find_indirect(doc: Doc, lexicon: CueLexicon) -> tuple[list[Statement], list[CueHit]]:
    """Every cue-led statement in ``doc`` and every cue, in one walk over its tokens (phrases
    by one Matcher call)."""
    found: list[Statement] = []
    hits: list[CueHit] = []
    phrase_heads: set[int] = set()
    for start, end, cue in lexicon.phrase_matches(doc):
        hits.append(CueHit(start, end, start, cue))
        phrase_heads.add(start)
        st = phrase_statement(doc, start, end, cue, lexicon)
        if st is not None:
            found.append(st)
    for token in doc:
        if token.i in phrase_heads:
            continue
        verb = lexicon.verb(token)
        if verb is not None:
            hits.append(CueHit(token.i, token.i + 1, token.i, verb))
            found.extend(verb_statements(doc, token, verb, lexicon))
            continue
        noun = lexicon.noun(token)
        if noun is not None:
            st = noun_statement(doc, token, noun)
            if st is not None:
                found.append(st)
            continue
        if token.pos_ in ("VERB", "ADP") and lexicon.prepositions:
            hit = lexicon.preposition_at(doc, token.i)
            if hit is not None:
                hits.append(CueHit(token.i, hit[0], token.i, hit[1]))
                st = according_statement(doc, token.i, hit[0], hit[1])
                if st is not None:
                    found.append(st)
                continue
        adverb = lexicon.adverb(token)
        if adverb is not None:
            st = adverb_statement(doc, token, adverb, lexicon)
            if st is not None:
                found.append(st)
    hits.sort(key=lambda h: h.start)
    return found, hits
