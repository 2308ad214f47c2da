"""Reported speech found through the dependency parse: a cue word and the complement that
carries what was said.

The rules, each with the construction it reads (tests in ``tests/test_quotes.py``):

* clause — a cue verb and its clausal complement: "X said (that) ...", "X told reporters ...",
  "..., X said." (spaCy makes the clause before the verb its ``ccomp``);
* parenthetical — a cue verb set into the clause it reports: "The economy, he said, is
  strong" (``parataxis``): the content is the host clause without the parenthesis; also a cue
  between commas that the parser made the root ("Exports rose, the ministry said in a report,
  and imports fell"): both halves are the content;
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

A semicolon ends what a cue reports, and a colon before the cue ends what came before it;
a quotation that closes right before its cue is all the cue reports ('“A,” they said, under
Article 21 ...').

After Krestel, Bergler and Witte (2008), "Minding the Source: Automatic Tagging of Reported
Speech in Newspaper Articles", and the verb-and-complement rules of textacy's
``triples.direct_quotations``. Limits: one level of cue per clause (a cue inside the content
becomes its own, nested statement); no coreference of its own (speakers are resolved through
the actor stage's mentions); English only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..base.modality import hedged, negated
from ..base.paragraphs import has_break, line_end, line_start
from ..base.parse import LEFT_BREAKS, noun_phrase, speaker_of
from ..base.spans import doc_text
from .lexicon import Cue, CueLexicon
from .statement import Statement, clause_chars, subtree_tokens, trim_chars

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Dependents of a phrase cue that carry its content.
_CONTENT_DEPS = frozenset({"dobj", "pobj", "pcomp", "ccomp", "advcl", "xcomp", "attr", "oprd", "acomp"})


def _hedged(token: Token, lexicon: CueLexicon) -> bool:
    """A hedged cue: "may have said", "reportedly said", "appeared to suggest"."""
    words = lexicon.modality
    return hedged(token, words.statement_hedges, lambda c: lexicon.adverb(c) is not None, words.raising_verbs)


def _statement(doc: Doc, lexicon: CueLexicon, cue_tokens: tuple[int, int], head: Token, cue: Cue, frame: str, content: tuple[int, int]) -> Statement:
    speaker, speaker_head = speaker_of(head)
    return Statement(
        type="indirect", content=content, frame=frame, cue=cue_tokens, kind=cue.kind, anchor=head.i,
        speaker=speaker, speaker_head=speaker_head, negated=negated(head, lexicon.modality), hedged=_hedged(head, lexicon),
    )  # fmt: skip


def verb_statements(doc: Doc, token: Token, cue: Cue, lexicon: CueLexicon) -> list[Statement]:
    """Statements carried by one cue verb, by the frames the lexicon allows it."""
    found: list[Statement] = []
    span = (token.i, token.i + 1)
    if "clause" in cue.takes:
        framed = _framed(doc, token, lexicon)
        if framed is not None:
            content = clause_chars(doc, framed)
            if content:
                found.append(_statement(doc, lexicon, span, token, cue, "parenthetical", content))
        for child in token.children if not found else ():
            if child.i < token.i and lexicon.verb(child) is not None and _attributes_quotation(doc, child):
                continue  # '“You winning?” she said, but ..., Melanie said yes': a statement of its own, not the content
            if child.dep_ == "ccomp" and not (len(list(child.subtree)) == 1 and child.lower_ in lexicon.empty_objects):
                content = clause_chars(doc, _segment(doc, token, _before_cue(doc, token, subtree_tokens(child, _asides(doc, child, lexicon)))))
                if content:
                    found.append(_statement(doc, lexicon, span, token, cue, "clause", content))
                    break
        if not found:
            content = _loose_clause(doc, token, lexicon)
            if content:
                found.append(_statement(doc, lexicon, span, token, cue, "clause", content))
        if not found and token.dep_ == "parataxis" and token.head.pos_ in ("VERB", "AUX"):
            own = {t.i for t in token.subtree}
            content = clause_chars(doc, _before_cue(doc, token, subtree_tokens(token.head, own)))
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
    if not found and "naming" in cue.takes:
        objects = [c for c in token.children if c.dep_ == "dobj" and c.i > token.i]
        names = [c for c in token.children if c.dep_ in ("oprd", "xcomp") and objects and c.i > objects[0].i]
        if objects and names:
            content = clause_chars(doc, subtree_tokens(objects[0]) + subtree_tokens(names[0]))
            if content:
                found.append(_statement(doc, lexicon, span, token, cue, "object", content))
    if not found and "object" in cue.takes:
        for child in token.children:
            if child.dep_ == "dobj" and child.i > token.i:
                if len(list(child.subtree)) == 1 and child.lower_ in lexicon.empty_objects:
                    break
                aside = set()
                for sub in child.rights:  # "praised Ted Cruz, who said ...": the aside is not the object
                    if sub.dep_ in ("relcl", "appos", "acl") and doc[sub.left_edge.i - 1].text == ",":
                        aside |= {t.i for t in sub.subtree} | {sub.left_edge.i - 1}
                tokens = subtree_tokens(child, aside)
                for more in token.children:  # "described the plan as reckless", "called him a liar"
                    likened = more.lower_ == "to" and token.lemma_ in lexicon.likening_verbs
                    if more.i > child.i and (more.dep_ == "oprd" or (more.dep_ == "prep" and (more.lower_ == "as" or likened))):
                        tokens += subtree_tokens(more)
                content = clause_chars(doc, tokens)
                if content:
                    found.append(_statement(doc, lexicon, span, token, cue, "object", content))
                break
    return found


_CLOSING_QUOTES = frozenset({'"', "”", "''", "»"})
_OPENING_QUOTES = frozenset({'"', "“", "''", "``", "«", "„"})


def _before_cue(doc: Doc, cue: Token, tokens: list[Token]) -> list[Token]:
    """'“A,” they said, under Article 21 ...', '“A,” he said, adding that ...': a quotation
    that closes right before its cue is what the cue reports; the words after the cue are the
    writer's again (the parser hangs them on the quoted clause), unless another quotation
    opens right after the cue ('“A,” he said, “B”', one statement in two parts)."""
    subject = {t.i for c in cue.children if c.dep_ in _SUBJECT_DEPS for t in c.subtree}
    k = cue.i - 1
    while k >= 0 and doc[k].text not in _CLOSING_QUOTES:
        t = doc[k]
        if not (t.is_punct or t.is_space or t.i in subject or (t.head.i == cue.i and t.dep_ in ("aux", "neg", "advmod"))):
            return tokens
        k -= 1
    if k < 0 or not any(t.i > cue.i for t in tokens) or not any(t.i < k for t in tokens):
        return tokens
    j = cue.i + 1
    while j < len(doc) and (doc[j].is_space or (doc[j].head.i == cue.i and doc[j].text not in _OPENING_QUOTES) or doc[j].text in (",", ":")):
        j += 1
    if j < len(doc) and doc[j].text in _OPENING_QUOTES:
        return tokens
    return [t for t in tokens if t.i < k]


def _attributes_quotation(doc: Doc, verb: Token) -> bool:
    """'“...,” she said': a cue verb whose subject follows a closing quotation mark."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    first = min([verb.i] + [c.left_edge.i for c in subjects])
    return bool(subjects) and first > 0 and doc[first - 1].text in _CLOSING_QUOTES


def _segment(doc: Doc, cue: Token, tokens: list[Token]) -> list[Token]:
    """A semicolon ends what a cue reports, and a colon before the cue ends what came before
    it: 'Republicans said the timing was not intentional; they only learned ...', '... set off
    another round of fireworks: Republicans said they are convinced ...' (the parser may hang
    the other half on the cue)."""
    sent = cue.sent
    lo, hi = sent.start, sent.end
    for k in range(cue.i - 1, sent.start - 1, -1):
        if doc[k].text in (";", ":"):
            lo = k + 1
            break
    for k in range(cue.i + 1, sent.end):
        if doc[k].text == ";":
            hi = k
            break
    if lo == sent.start and hi == sent.end:
        return tokens
    return [t for t in tokens if lo <= t.i < hi]


# Dependents that may stand between a cue verb and the comma closing its parenthesis
# ("..., the agency said in a June report, and ...").
_CUE_MODIFIERS = frozenset({"prep", "npadvmod", "advmod", "dative", "dobj", "prt", "agent", "pobj", "det", "compound", "amod", "nummod", "poss", "case"})


def _framed(doc: Doc, token: Token, lexicon: CueLexicon) -> list[Token] | None:
    """'Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt', 'The middle fifth paid
    8.9 percent, the agency said in a June report, and those in the bottom fifth paid 0.8
    percent': a cue set into the sentence it reports, between commas, reports the words on both
    sides of it (the parser hangs the second half on the cue, as an adverbial or a conjunct,
    not on the reported clause). Not when a quotation closes before the cue (the quotation is
    the statement) or opens after it (a split quotation), nor when the words after it are the
    writer's: a participle ("..., he said, adding that ..."), a contrast ("..., but ..."), or
    someone else's statement."""
    sent = token.sent
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i]
    if not subjects or token.dep_ not in ("ROOT", "parataxis"):
        return None
    left = subjects[0].left_edge.i - 1
    if left <= sent.start or doc[left].text != "," or doc[left - 1].text in _CLOSING_QUOTES:
        return None
    before = [t for t in doc[sent.start : left] if not t.is_space]
    if not any(t.pos_ in ("VERB", "AUX") for t in before) or before[0].text in _OPENING_QUOTES:
        return None
    comma = None
    for j in range(token.i + 1, min(sent.end, token.i + 10)):
        t = doc[j]
        if t.text == ",":
            comma = j
            break
        if t.is_punct or not (t.head.i == token.i or t.dep_ in _CUE_MODIFIERS) or t.dep_ in ("ccomp", "xcomp", "conj", "advcl"):
            return None
    if comma is None:
        return None
    after = [t for t in doc[comma + 1 : sent.end] if not t.is_space]
    if len([t for t in after if t.is_alpha]) < 2:
        return None
    first = after[0]
    if first.text in _OPENING_QUOTES or first.lower_ in lexicon.contrastive or (first.tag_ == "VBG" and first.head.i == token.i):
        return None
    for t in after:
        if t.text in (";", ":"):
            after = after[: after.index(t)]
            break
        if lexicon.verb(t) is not None and any(c.dep_ in _SUBJECT_DEPS for c in t.children):
            return None  # "..., he said, and Smith said ...": someone else's statement
    return before + after


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _asides(doc: Doc, root: Token, lexicon: CueLexicon) -> set[int]:
    """Words that end a reported clause without belonging to it: a participle after a comma
    ("Crutcher had his hands up, contradicting the police's claim") and a contrasting clause
    with a subject of its own (", but analysts agreed ...", ", although they say ...")."""
    out: set[int] = set()
    for child in root.rights:
        if child.dep_ not in ("advcl", "conj", "parataxis") or doc[child.left_edge.i - 1].text != ",":
            first = doc[child.left_edge.i]
            if not (child.dep_ in ("advcl", "conj") and first.lower_ in lexicon.contrastive and doc[first.i - 1].text == ","):
                continue
        first = doc[child.left_edge.i]
        participle = child.tag_ == "VBG" and child.left_edge.i == child.i
        contrast = first.lower_ in lexicon.contrastive or any(c.dep_ == "cc" and c.lower_ in lexicon.contrastive for c in root.children if c.i < child.i)
        if participle or (contrast and any(c.dep_ in _SUBJECT_DEPS for c in child.children)):
            start = child.left_edge.i - 1
            out |= set(range(start, root.right_edge.i + 1))
            break
    return out


def _loose_clause(doc: Doc, token: Token, lexicon: CueLexicon) -> tuple[int, int] | None:
    """A saying verb whose clause the parser attached wrongly ("said legalizing it could put
    ..." as an xcomp, "said following a vote in 2001 that he had ..." under a preposition):
    the rest of the sentence after the verb, or after a "that" a few words on, when it holds a
    finite verb. Only for verbs with a subject of their own, in a main or complement clause."""
    if not any(c.dep_ in _SUBJECT_DEPS for c in token.children) or token.dep_ in ("relcl", "acl", "amod", "advcl"):
        return None
    if token.i > 0 and doc[token.i - 1].text in _CLOSING_QUOTES:
        return None  # '“Meh,” wrote a supporter who runs ...': what follows is who wrote it
    sent_end = token.sent.end
    start = token.i + 1
    while start < sent_end and doc[start].dep_ in ("prt", "advmod", "npadvmod") and doc[start].head.i == token.i:
        start += 1
    for k in range(start, min(start + 10, sent_end)):
        t = doc[k]
        if t.lower_ == "that" and (t.dep_ == "mark" or (k + 1 < sent_end and doc[k + 1].pos_ in ("DET", "NOUN", "PROPN", "PRON"))):
            start = k + 1
            break
        if t.pos_ in ("VERB", "AUX") or t.is_punct:
            break
    if start >= sent_end or doc[start].is_punct:
        return None
    if doc[start].dep_ not in ("dobj", "xcomp", "nsubj", "mark", "prep", "dative") and doc[start].head.i == token.i:
        return None
    tokens = list(doc[start:sent_end])
    for k, t in enumerate(tokens):  # "..., adding that ...": the participle is a statement of its own
        if k > 0 and t.text == "," and k + 1 < len(tokens):
            nxt = tokens[k + 1]
            if (nxt.tag_ == "VBG" and nxt.head.i == token.i) or nxt.lower_ in lexicon.contrastive:
                tokens = tokens[:k]
                break
    inside = {t.i for t in tokens}
    clause = any(
        any(c.dep_ in _SUBJECT_DEPS and c.i in inside for c in t.children)
        and (t.tag_ in _FINITE or any(c.dep_ == "aux" and c.tag_ == "MD" for c in t.children))
        for t in tokens
    )
    if not clause or sum(1 for t in tokens if t.is_alpha) < 3:
        return None
    return clause_chars(doc, tokens)


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
    """ "Putin's statement that ...", "the claim by the ministry that ...", "a Times report that ..."."""
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
    """ "According to X, S" / "S, according to X": content S (the host clause), speaker X."""
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
    tokens = [t for t in subtree_tokens(host, own) if t.sent.start == phrase.sent.start]
    last = max(own)
    if host.i > last and any(t.i < start for t in tokens):
        core = {t.i for c in host.children if c.dep_ in _SUBJECT_DEPS or c.dep_ in ("aux", "auxpass", "neg") for t in c.subtree}
        if not any(t.i in core for t in tokens if t.i < start):
            # "While most were elevated ..., according to an official, two were upgraded": what
            # comes before the phrase is a side clause; the statement is the clause after it
            tokens = [t for t in tokens if t.i > last]
    content = clause_chars(doc, tokens)
    if content is None:
        return None
    return Statement(type="indirect", content=content, frame="according", cue=(start, end), kind=cue.kind, anchor=host.i,
                     speaker=noun_phrase(objects[0]), speaker_head=objects[0].i)  # fmt: skip


def adverb_statement(doc: Doc, token: Token, cue: Cue, lexicon: CueLexicon) -> Statement | None:
    """ "The FBI is reportedly making arrangements ...": a main clause said by someone unnamed.
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


def label_statements(doc: Doc, lexicon: CueLexicon, places: Sequence[tuple[int, int]] = ()) -> list[Statement]:
    """'TAPPER: Do you think ...', 'Roger Stone: Don't Trust the Voting Machines': a line that
    opens with a name and a colon is that speaker's (a transcript, a headline). The name is a
    few words without a verb; the content is the rest of the line. A name that is a place
    (``places``: character spans) is a dateline, not a speaker ("NEW DELHI: The minister said ...")."""
    found: list[Statement] = []
    start = 0
    n = len(doc)
    while start < n:
        end = start
        while end < n and not has_break(doc[end].text):
            end += 1
        line = [t for t in doc[start:end] if not t.is_space]
        colon = next((k for k, t in enumerate(line[:9]) if t.text == ":"), None)
        if colon is not None and colon > 0:
            label = line[:colon]
            for k, t in enumerate(label):  # "EXCLUSIVE – Roger Stone:"
                if t.text in LEFT_BREAKS:
                    label = label[k + 1 :]
            rest = line[colon + 1 :]
            if (label and len(label) <= 6 and label[0].lower_ not in lexicon.not_labels and not label[0].like_num
                    and all(t.pos_ == "PROPN" or t.is_upper or t.is_title or t.text in {".", "'", "’", "-"} for t in label)
                    and any(t.pos_ == "PROPN" or t.is_title or (t.is_upper and len(t) > 1) for t in label)
                    and sum(1 for t in rest if t.is_alpha) >= 3):  # fmt: skip
                content = clause_chars(doc, rest)
                dateline = any(a <= label[0].idx and label[-1].idx + len(label[-1]) <= b for a, b in places)
                if content and not dateline:
                    head = label[-1]
                    found.append(Statement(type="indirect", content=content, frame="label", cue=(line[colon].i, line[colon].i + 1),
                                           kind="assertion", anchor=line[colon].i, speaker=(label[0].i, head.i + 1), speaker_head=head.i))  # fmt: skip
        start = end + 1
    return found


def headline_statement(doc: Doc, lexicon: CueLexicon, taken: list[Statement]) -> Statement | None:
    """A headline in title case, which the tagger reads badly ("Chris Christie Calls Hillary
    Clinton ‘A Disgrace’", "Sanders Vows To Eliminate Tax Breaks"): the first word that is a
    cue verb by its form splits it into speaker and content. Only the article's first line,
    only when it is in title case and nothing else was found in it."""
    end = 0
    while end < len(doc) and not has_break(doc[end].text):
        end += 1
    line = [t for t in doc[:end] if not t.is_space]
    words = [t for t in line if t.is_alpha]
    if len(words) < 4 or sum(1 for t in words if t.is_title or t.is_upper) < 0.7 * len(words):
        return None
    if any(st.cue is not None and st.cue[0] < end for st in taken):
        return None
    for k, t in enumerate(line[1:-1], start=1):
        if not t.is_title or t.lower_ in lexicon.headline_auxiliaries:
            continue
        cue = lexicon.verb_form(t.lower_)
        if cue is None or not ({"clause", "object", "naming", "infinitive"} & cue.takes):
            continue
        speaker = line[:k]
        commas = [j for j, s in enumerate(speaker) if s.text in {",", ":", "-", "—", "–"}]
        if commas:  # "Railing Against Trump, Sanders Vows ..."
            speaker = speaker[commas[-1] + 1 :]
        if not speaker or not any(s.pos_ == "PROPN" or s.is_title for s in speaker) or len(speaker) > 6:
            return None
        content = clause_chars(doc, line[k + 1 :])
        if content is None:
            return None
        return Statement(type="indirect", content=content, frame="headline", cue=(t.i, t.i + 1), kind=cue.kind, anchor=t.i,
                         speaker=(speaker[0].i, speaker[-1].i + 1), speaker_head=speaker[-1].i)  # fmt: skip
    return None


@dataclass(frozen=True)
class CueHit:
    """A cue word or phrase in the Doc, whether or not it governs a content of its own
    (the "said" of '"...," he said.' governs the quotation, found by ``attribute.py``)."""

    start: int
    end: int
    head: int
    cue: Cue


def find_indirect(doc: Doc, lexicon: CueLexicon, places: Sequence[tuple[int, int]] = ()) -> tuple[list[Statement], list[CueHit]]:
    """Every cue-led statement in ``doc`` and every cue, in one walk over its tokens (phrases
    by one Matcher call); ``places`` are the character spans of the article's places."""
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
    found.extend(label_statements(doc, lexicon, places))
    headline = headline_statement(doc, lexicon, found)
    if headline is not None:
        found.append(headline)
    hits.sort(key=lambda h: h.start)
    _cut_before_side_cues(doc, found)
    return [st for st in (_within_paragraph(doc, st) for st in found) if st is not None], hits


def _cut_before_side_cues(doc: Doc, found: list[Statement]) -> None:
    """'Lewandowski rejected the idea that ..., saying the huge crowds ... prove ...': a cue
    participle after a comma reports a statement of its own, so another statement's content
    ends before that comma (the parser often hangs the participle inside the first content).
    So does a trailing 'according to' ('She told him it was not that simple, according to an
    account she gave ...'): it names who relays the statement, not what was said."""
    participles = {
        st.cue[0]: st for st in found
        if st.cue is not None and st.cue[0] > 0 and doc[st.cue[0] - 1].text == ","
        and ((st.cue[1] - st.cue[0] == 1 and doc[st.cue[0]].tag_ == "VBG") or st.frame == "according")
    }  # fmt: skip
    if not participles:
        return
    text = doc_text(doc)
    for st in found:
        if st.cue is None:
            continue
        for at, other in participles.items():
            comma = doc[at - 1].idx
            if other is st or not (st.cue[1] <= at - 1 and st.start < comma < st.end):
                continue
            start, end = trim_chars(text, st.start, comma)
            if sum(1 for ch in text[start:end] if ch.isalpha()) < 3:
                break
            st.content = (start, end)
            if other.frame != "according" and st.start <= doc[at].head.idx < comma:
                # hung on a word of the first content, the participle took its subject from there
                other.speaker, other.speaker_head = st.speaker, st.speaker_head
            break


def _within_paragraph(doc: Doc, st: Statement) -> Statement | None:
    """Reported speech never runs over a paragraph break: an arc across one is a parser error
    (a sentence the parser did not split at the break), so the content is cut at the cue's
    paragraph, and dropped if nothing is left."""
    if st.cue is None:
        return st
    text = doc_text(doc)
    at = doc[st.cue[0]].idx
    para_start, para_end = line_start(text, at), line_end(text, at)
    start, end = max(st.start, para_start), min(st.end, para_end)
    if start >= end:
        return None
    if (start, end) != st.content:
        start, end = trim_chars(text, start, end)
        if sum(1 for ch in text[start:end] if ch.isalpha()) < 3:
            return None
        st.content = (start, end)
    return st
