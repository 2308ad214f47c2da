"""Reading the parse: who a clause is about and who speaks, the words of a noun phrase.

Helpers every stage may use over spaCy's dependency parse (English labels, ClearNLP style as
the ``en_core_web_*`` pipelines give them). Each takes tokens and returns tokens or token
spans ``(start, end)``; none reads the record.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from spacy.tokens import Token

from ..data.loaders import load_reference
from .paragraphs import has_break
from .registry import resource

T = TypeVar("T")

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_SUBJECTS = frozenset(_SUBJECT_DEPS)


@dataclass(frozen=True)
class _Words:
    """``data/reference.yaml``'s relative pronouns, subject-control verbs and target verbs."""

    relative: frozenset[str]
    subject_control: frozenset[str]
    target: frozenset[str]


def _words() -> _Words:
    def build() -> _Words:
        ref = load_reference()
        return _Words(frozenset(ref.relative_pronouns), frozenset(ref.subject_control_verbs), frozenset(ref.target_verbs))

    return resource("base.parse", None, build)


# Tokens that end a noun phrase on its left: a dateline or an aside before a name.
LEFT_BREAKS = frozenset({"-", "—", "–", ")", ":", ";"})
# A stock ticker as news agencies write it after a company's name ("AT&T T.N", "Verizon
# (VZ.N)", "Tencent 0700.HK"): a symbol, a dot and the exchange's code.
_TICKER = re.compile(r"^[A-Z0-9&]{1,6}\.[A-Z]{1,3}$")


def is_ticker(token: Token) -> bool:
    """A stock ticker after a name: no actor, and no part of the name before it."""
    if not _TICKER.match(token.text) or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    if before.text == "(" and token.i > 1:
        before = token.doc[token.i - 2]
    return before.text[:1].isupper() or before.text[:1].isdigit()


def left_break(token: Token) -> bool:
    """A token that ends a noun phrase on its left ("LONDON (Reuters) - ..."); a hyphen inside
    a word ("the Seattle-based retailer") is none."""
    if token.text not in LEFT_BREAKS:
        return False
    joined = token.i > 0 and not token.doc[token.i - 1].whitespace_ and not token.whitespace_
    return not (token.text == "-" and joined)


def conjuncts(token: Token) -> list[Token]:
    """``token`` and the words coordinated with it ("Moscow and Washington")."""
    out = [token]
    for c in token.conjuncts:
        if c.i not in {t.i for t in out}:
            out.append(c)
    return sorted(out, key=lambda t: t.i)


def subjects_of(verb: Token) -> list[Token]:
    """The subjects of a verb, conjuncts included; inherited from the verb it is coordinated
    with or whose complement it is ("Russia wants to meet", "Putin arrived and met"); the
    noun a relative clause or a participle describes ("troops, who attacked", "forces
    attacking"). A passive's subject is not its source: its ``by`` agent is."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if passive:
        agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        return [t for a in agents for t in conjuncts(a)]
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"}:
            if is_relative_pronoun(child):
                return conjuncts(verb.head)
            return conjuncts(child)
    for aux in verb.children:  # "Egypt and Qatar are mediating": the parser may hang it on "are"
        if aux.dep_ == "aux" and aux.i < verb.i:
            subject = next((c for c in aux.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return conjuncts(subject)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return conjuncts(verb.head)
    if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        noun = verb.head  # "Iran's willingness to resume talks", "expressed willingness to resume"
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is not None:
            return conjuncts(poss)
        if noun.dep_ == "dobj" and noun.head.pos_ in {"VERB", "AUX"}:
            return subjects_of(noun.head)
        return []
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.i != verb.i and verb.head.pos_ in {"VERB", "AUX", "ADJ"}:
        head = verb.head
        if verb.dep_ == "xcomp":
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return conjuncts(obj)  # "urged Kyiv to accept": Kyiv accepts
        if head.pos_ == "ADJ":  # "Moscow was prepared to make concessions", "Russia is ready to"
            subj = next((c for c in head.children if c.dep_ in _SUBJECTS), None)
            if subj is not None:
                return conjuncts(subj)
            return subjects_of(head.head) if head.dep_ in {"acomp", "xcomp"} and head.head.i != head.i else []
        return subjects_of(head)
    return []


def is_target_verb(token: Token) -> bool:
    """Whether the subject of ``token`` is the target or cause of the words its object names, not
    who says them ("faced criticism", "sparked concerns": ``target_verbs`` in ``reference.yaml``)."""
    return token.lemma_.lower() in _words().target


def is_relative_pronoun(token: Token) -> bool:
    """Whether ``token`` is a relative pronoun opening a relative clause ("the law that allows")."""
    return token.lower_ in _words().relative and token.head.dep_ == "relcl"


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
                if child.dep_ in ("nsubjpass", "nsubj"):
                    return noun_phrase(child), child.i
            return None, None
        if passive:
            for child in current.children:
                if child.dep_ == "agent":
                    objects = [g for g in child.children if g.dep_ == "pobj"]
                    if objects:
                        return noun_phrase(objects[0]), objects[0].i
            return None, None
        subjects = [c for c in current.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            # "LONDON (Reuters) - Donald Trump said": the subject nearest the verb
            child = min(subjects, key=lambda c: abs(c.i - current.i))
            lo, hi = sorted((child.i, current.i))
            if any(has_break(t.text) for t in current.doc[lo:hi]):
                return None, None  # a subject across a paragraph break is a parser error
            if is_relative_pronoun(child):
                # "Ted Cruz, who said ...": the words are "who", the speaker the noun it stands for
                return (child.i, child.i + 1), current.head.i
            if child.pos_ in ("SCONJ", "ADP") or (child.dep_ == "nsubj" and child.lower_ in ("there", "it") and current.i != token.i):
                return None, None
            return noun_phrase(child), child.i
        if current.dep_ == "advcl" and current.tag_ == "VBN" and not any(c.dep_ == "aux" for c in current.children):
            # "Asked whether he would run, Smith declined": a bare past participle is passive, the
            # main subject the one asked; the asker is its by-agent, else unnamed ("having said" is active)
            agents = [g for c in current.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            return (noun_phrase(agents[0]), agents[0].i) if agents else (None, None)
        head = current.head
        if (current.dep_ in ("advcl", "dep") and current.tag_ in ("VBD", "VBZ", "VBP") and head.tag_ == "VBG" and head.dep_ == "ROOT"
                and not any(c.dep_ in ("aux", "mark") for c in (*head.children, *current.children))):  # fmt: skip
            # "Protesters marching through the streets chanted ...": a sentence with no finite
            # verb but this one, which the parser hung on the participle, whose subject it takes
            current = head
            continue
        if current.dep_ in ("xcomp", "conj", "advcl", "ccomp") and current.head.i != current.i and current.head.pos_ in ("VERB", "AUX"):
            if current.dep_ == "ccomp" and current.i == token.i and not (current.i > 0 and current.doc[current.i - 1].dep_ == "cc"):
                # a reported verb without a subject of its own is not spoken by the outer one (but
                # in "X said A but said B", which the parser may read so, the verb after "but" is X's)
                return None, None
            if current.dep_ == "xcomp":
                # object control: "forced Stumpf to admit ...", "asked him to say ..."
                controller = [c for c in current.head.children if c.dep_ == "dobj" and c.i < current.i]
                if controller and current.head.lemma_ not in _words().subject_control:
                    return noun_phrase(controller[0]), controller[0].i
            if current.dep_ == "advcl" and current.tag_ not in ("VBG", "VBN") and not any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children):
                return None, None  # "..., saying", "... to say": the main verb's subject; "when he said": its own
            head = current.head
            if (current.dep_ == "advcl" and current.tag_ == "VBG" and head.dep_ == "ccomp" and head.head.i != head.i
                    and head.head.i < current.i and current.doc[current.left_edge.i - 1].text == ","):  # fmt: skip
                # "The Kremlin denied that troops had crossed the border, calling the reports a
                # provocation": a participle closing a reported clause belongs to the reporter
                head = head.head
            current = head
            continue
        if current.dep_ == "pcomp" and current.head.dep_ == "prep" and current.head.head.pos_ in ("VERB", "AUX"):
            current = current.head.head  # "for saying that ...", "after telling reporters ...": the verb's subject
            continue
        if current.dep_ in ("acl", "relcl") and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return noun_phrase(current.head), current.head.i
        if current.dep_ == "ROOT" and current.tag_ in ("VBD", "VBZ", "VBP"):
            return noun_before(current)
        return None, None
    return None, None


def noun_before(verb: Token) -> tuple[tuple[int, int] | None, int | None]:
    """A finite main verb the parser left without a subject ("In an interview with X, the
    candidate stated ..." with "the candidate" made an appositive of X): the noun phrase that
    ends right before it."""
    k = verb.i - 1
    doc = verb.doc
    while k >= verb.sent.start and doc[k].dep_ in ("advmod", "aux", "neg") and doc[k].head.i == verb.i:
        k -= 1
    if k < verb.sent.start or doc[k].pos_ not in ("NOUN", "PROPN"):
        return None, None
    start = k
    while start > verb.sent.start and doc[start - 1].pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM") and not left_break(doc[start - 1]):
        start -= 1
    return (start, k + 1), k


def noun_after(verb: Token) -> tuple[tuple[int, int] | None, int | None]:
    """'“Meh,” wrote a Trump supporter who runs ...', '“...,” said retired neurosurgeon Ben
    Carson, asked about ...': after a quotation the subject may follow its verb, where the
    parser often hangs it elsewhere; the noun phrase right after the verb, up to its last noun."""
    doc = verb.doc
    k = verb.i + 1
    last = None
    while k < verb.sent.end and (doc[k].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or (doc[k].tag_ == "VBN" and doc[k].dep_ == "amod")):
        if doc[k].pos_ in ("NOUN", "PROPN"):
            last = k
        k += 1
    if last is None:
        return None, None
    return (verb.i + 1, last + 1), last


def noun_phrase(head: Token) -> tuple[int, int]:
    """The words of a speaker: the head's subtree, cut before an appositive, a relative clause
    or a comma after the head ("Kevin Sullivan, the state's tax commissioner, ..." ->
    "Kevin Sullivan")."""
    start = head.left_edge.i
    for t in head.doc[start : head.i]:  # a dateline or an aside before the name: "LONDON (Reuters) - ..."
        if left_break(t) or has_break(t.text):
            start = t.i + 1
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


def unique_by(items: Iterable[T], key: Callable[[T], Hashable]) -> list[T]:
    """``items`` in their order, each only the first time its ``key`` is met."""
    seen: set[Hashable] = set()
    out: list[T] = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out
