"""Finding actor mentions in a parsed Doc: named entities, dictionary names, role nouns
("the Russian leader"), collective sides ("the American side"), definite nominals
("the company") and personal pronouns.

This module only finds candidates and says how each refers (``via``); ``resolve.py`` decides
what each refers to. Overlaps are settled by :func:`prefer_longest_then_dictionary`, a named
policy in the manner of spaCy's ``span_ruler`` filters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..base.paragraphs import has_break
from ..base.parse import is_ticker
from ..base.party_labels import inside_label, party_labels
from ..data.schemas import OfficeEntry, ReferenceFile
from .dictionary import ActorDictionary, fold

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
DETERMINERS = {"the", "this", "that", "these", "those"}
POSSESSIVES = {"their", "its", "our", "his", "her"}
# spaCy labels a demonym or country adjective NORP or GPE; either may modify a role noun.
_PRIORITY = {"title": 5, "role": 4, "phrase": 4, "collective": 4, "dictionary": 3, "name": 2, "nominal": 1, "pronoun": 1}


@dataclass
class Candidate:
    """A stretch of tokens that may name an actor, and how it refers."""

    start: int  # token indices into the Doc
    end: int
    label: str  # PERSON / ORG / GPE / LOC / FAC / NORP
    via: str  # name | dictionary | role | phrase | collective | nominal | pronoun
    key: str = ""  # the role noun, nominal head, pronoun or dictionary alias
    state: str | None = None  # the state named by a modifier ("Russian" in "the Russian leader")
    offices: list[OfficeEntry] = field(default_factory=list)
    title: str | None = None  # a role noun written before a name ("President Putin")
    modifier: tuple[int, int] | None = None  # tokens naming the state ("Russian", "of Russia")
    determined: bool = False  # "the"/"this" or a possessive before it
    names_next: bool = False  # "Malaysia's Prime Minister Najib Razak": the role names the person after it

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


def prefer_longest_then_dictionary(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: the longer wins, then the one found by the surer route
    (a role phrase over a dictionary name over a spaCy entity). Returned in text order."""
    ranked = sorted(candidates, key=lambda c: (c.end - c.start, _PRIORITY.get(c.via, 0), -c.start), reverse=True)
    taken: set[int] = set()
    kept: list[Candidate] = []
    for cand in ranked:
        tokens = set(range(cand.start, cand.end))
        if tokens & taken:
            continue
        taken |= tokens
        kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


class MentionFinder:
    """Finds mention candidates; built once per (pipeline, dictionary) and reused."""

    def __init__(self, vocab: object, book: ActorDictionary, ref: ReferenceFile) -> None:
        self.book = book
        self.ref = ref
        self.matcher = PhraseMatcher(vocab)  # type: ignore[arg-type]
        self.lower_matcher = PhraseMatcher(vocab, attr="LOWER")  # type: ignore[arg-type]
        names: set[str] = set()
        for actor in book.actors.values():
            names.update([actor.name, *actor.aliases, *actor.demonyms, *actor.seats])
        self._tokenizer = English(vocab=vocab).tokenizer  # type: ignore[arg-type]
        self.matcher.add("ACTOR", [self._tokenizer(n) for n in sorted(names) if n.strip()])
        self.lower_matcher.add("PHRASE", [self._tokenizer(p) for p in sorted(book.phrases)])
        # Role nouns as token sequences, longest first ("foreign minister" before "minister").
        self.roles: dict[str, list[tuple[str, ...]]] = {}
        for role in sorted((tuple(r.split()) for r in book.roles), key=len, reverse=True):
            self.roles.setdefault(role[0], []).append(role)
        self.titles = {t.lower().rstrip(".") for t in ref.titles}
        # Titles that are no office of the dictionary and no nominal: made definite ("the mayor",
        # "the chief executive") each names the nearest person the article introduced with it.
        self.title_roles = frozenset(t for t in self.titles if t.isalpha() and t not in ref.nominals and t not in book.roles)

    # -- the parts --------------------------------------------------------------------------
    def entities(self, doc: Doc) -> list[Candidate]:
        out = []
        for ent in doc.ents:
            if ent.label_ not in ENTITY_LABELS:
                continue
            start, end = ent.start, ent.end
            while start < end and doc[start].lower_ in DETERMINERS | {"'s", "’s"}:
                start += 1
            while end > start and (doc[end - 1].lower_ in {"'s", "’s", "'", "’", "(", ")"} or is_ticker(doc[end - 1])):
                end -= 1  # "AT&T T.N": the stock ticker is no part of the name
            # an entity never runs across a line break ("Election Results\nEddie Chu")
            piece = start
            for k in range(start, end + 1):
                if k == end or has_break(doc[k].text):
                    if piece < k:
                        out.append(Candidate(piece, k, ent.label_, "name", key=doc[piece:k].text))
                    piece = k + 1
        return out

    def dictionary(self, doc: Doc) -> list[Candidate]:
        out = []
        for _, start, end in self.matcher(doc):
            text = doc[start:end].text
            actor = self.book.lookup(text)
            if actor is not None:
                # a place keeps spaCy's kind of place (GPE / LOC / FAC) when it gave one
                spacy_label = doc[start].ent_type_
                place_label = spacy_label if spacy_label in {"GPE", "LOC", "FAC"} else "LOC"
                label = {"person": "PERSON", "org": "ORG", "state": "GPE", "group": "NORP"}.get(actor.kind, place_label)
            elif fold(text) in self.book.demonyms:
                label = "NORP"
            elif fold(text) in self.book.seats:
                label = "GPE"
            else:
                continue
            out.append(Candidate(start, end, label, "dictionary", key=text))
        return out

    def roles_and_collectives(self, doc: Doc) -> list[Candidate]:
        """ "the Russian leader", "Russia's president", "the president of Ukraine",
        "the Kremlin chief", "the American side"; a role written before a name
        ("US President Donald Trump") is kept as the name's title instead."""
        out = []
        for _, start, end in self.lower_matcher(doc):
            offices = self.book.phrases[doc[start:end].text.lower()]
            first = start - 1 if start > 0 and doc[start - 1].lower_ in DETERMINERS and doc[start - 1].pos_ == "DET" else start
            out.append(Candidate(first, end, "PERSON", "phrase", key=doc[start:end].text.lower(), offices=list(offices)))
        i = 0
        n = len(doc)
        while i < n:
            role = self._role_at(doc, i)
            if role is None:
                titled = self._definite_title(doc, i)
                if titled is not None:
                    out.append(titled)
                coll = doc[i].lower_
                # NORP collectives ("US representatives") stay with the country word's own mention
                if coll in self.ref.collectives and i > 0 and self.ref.collectives[coll] != "NORP":
                    cand = self._modified(doc, i, i + 1, coll, "collective", self.ref.collectives[coll])
                    if cand is not None and cand.state is not None:
                        out.append(cand)
                i += 1
                continue
            end = i + len(role)
            key = " ".join(role)
            nxt = doc[end] if end < n else None
            cand = self._modified(doc, i, end, key, "role", "PERSON")
            if nxt is not None and nxt.ent_type_ == "PERSON" and doc[end - 1].is_title:
                if cand is not None and cand.determined and cand.end == end:
                    # "Malaysia's Prime Minister Najib Razak": a mention of its own, naming him
                    cand.names_next = True
                    out.append(cand)
                else:
                    # "US Secretary of State Marco Rubio": the role is the name's title, not a
                    # mention; it still blocks entities inside it ("State"), but not the
                    # country word before it ("US").
                    out.append(Candidate(i, end, "PERSON", "title", key=key))
            elif cand is not None:
                out.append(cand)
            i = end
        return out

    def _definite_title(self, doc: Doc, i: int) -> Candidate | None:
        """ "the mayor", "the chief executive", "the judge": a title made definite, with only
        other titles or adjectives between it and "the" and no name after it (a title before a
        name is the name's: "Judge Karen Holt")."""
        token = doc[i]
        if token.lower_ not in self.title_roles or token.pos_ not in {"NOUN", "PROPN"} or token.ent_type_:
            return None  # a title spaCy reads as a name ("the Sheriff's detective") stays one
        if i + 1 < len(doc) and doc[i + 1].ent_type_ == "PERSON":
            return None
        if token.dep_ == "appos" or any(c.dep_ == "appos" for c in token.children):
            return None  # "John Burrows, the chairman of the panel": a description beside the name
        j = i
        while j > 0 and i - j < 3 and (doc[j - 1].lower_.rstrip(".") in self.titles or doc[j - 1].pos_ == "ADJ"):
            j -= 1
        if j == 0 or doc[j - 1].lower_ not in DETERMINERS or doc[j - 1].pos_ != "DET":
            return None
        if j > 2 and doc[j - 2].text == "," and doc[j - 3].ent_type_ == "PERSON":
            return None  # "John Burrows, the chairman of ...": the description's, however parsed
        return Candidate(j - 1, i + 1, "PERSON", "role", key=token.lower_, determined=True)

    def _role_at(self, doc: Doc, i: int) -> tuple[str, ...] | None:
        for role in self.roles.get(doc[i].lower_, ()):
            end = i + len(role)
            if end <= len(doc) and all(doc[i + k].lower_ == role[k] for k in range(len(role))) and doc[end - 1].pos_ in {"NOUN", "PROPN"}:
                return role
        return None

    def _modified(self, doc: Doc, start: int, end: int, key: str, via: str, label: str) -> Candidate | None:
        """Extend a role or collective noun with its modifiers: a determiner, a demonym or
        country ("Russian", "US", "Russia's"), or a following "of Russia"."""
        state = None
        modifier: tuple[int, int] | None = None
        possessive = False
        i = start
        if i > 1 and doc[i - 1].lower_ in {"'s", "’s"}:
            state = self.book.state_of(doc[i - 2].text)
            if state:
                modifier, possessive, i = (i - 2, i - 1), True, i - 2
        elif i > 0:
            # up to three tokens of modifier: "US", "U.S.", "United States", "Russian"
            for width in (3, 2, 1):
                window = doc[i - width : i] if i - width >= 0 else None
                if window is None or any(t.is_space or t.lower_ in DETERMINERS or (t.is_punct and t.text != ".") for t in window):
                    continue
                found = self.book.state_of(window.text)
                if found:
                    state, modifier, i = found, (i - width, i), i - width
                    break
        determined = False
        if i > 0 and doc[i - 1].lower_ in DETERMINERS and doc[i - 1].pos_ == "DET":
            i, determined = i - 1, True
        elif state is None and i == start:
            return None  # a bare role noun ("president") with no determiner or country
        j = end
        if state is None and j + 1 < len(doc) and doc[j].lower_ == "of":
            k = j + 1 + (1 if doc[j + 1].lower_ == "the" else 0)
            for width in (3, 2, 1):
                if k + width <= len(doc):
                    found = self.book.state_of(doc[k : k + width].text)
                    if found:
                        state, modifier, j = found, (k, k + width), k + width
                        break
        return Candidate(i, j, label, via, key=key, state=state, modifier=modifier, determined=determined or possessive)

    def nominals(self, doc: Doc) -> list[Candidate]:
        out = []
        for chunk in doc.noun_chunks:
            root = chunk.root
            entry = self.ref.nominals.get(root.lemma_.lower())
            if entry is None or root.tag_ in {"NNS", "NNPS"} or root.pos_ != "NOUN":
                continue
            first = chunk[0]
            definite = first.lower_ in DETERMINERS and first.pos_ == "DET"
            # "their country", "our nation": possessives make places definite too
            possessed = first.lower_ in POSSESSIVES and entry.type == "GPE"
            if not (definite or possessed) or sum(1 for t in chunk if not t.is_punct) > 4:  # "the Seattle-based retailer"
                continue
            # a place or nationality may describe it ("the U.S. telecom company", "the Philippine
            # agency"); any other name makes it a name of its own ("the Interfax agency")
            if any((t.pos_ == "PROPN" or t.ent_type_) and t.ent_type_ not in ("GPE", "NORP") for t in chunk):
                continue
            out.append(Candidate(chunk.start, chunk.end, entry.type, "nominal", key=root.lemma_.lower()))
        return out

    def listed_companies(self, doc: Doc) -> list[Candidate]:
        """A name written before a stock ticker is a company's ("AT&T T.N said", "Verizon
        (VZ.N)"), even where spaCy tagged no entity: the capitalised words before the ticker."""
        out = []
        for token in doc:
            if not is_ticker(token):
                continue
            end = token.i - 1 if doc[token.i - 1].text == "(" else token.i
            start = end
            while start > 0 and _name_word(doc[start - 1]) and not doc[start - 1].is_sent_start:
                start -= 1
            if start > 0 and doc[start - 1].is_sent_start and doc[start - 1].text[:1].isupper() and doc[start - 1].pos_ == "PROPN":
                start -= 1  # a name opening the sentence
            if start < end:
                out.append(Candidate(start, end, "ORG", "name", key=doc[start:end].text))
        return out

    def pronouns(self, doc: Doc) -> list[Candidate]:
        return [
            Candidate(t.i, t.i + 1, "PERSON" if self.ref.pronouns[t.lower_] != "pl" else "ORG", "pronoun", key=t.lower_)
            for t in doc
            if (t.lower_ in self.ref.pronouns and t.pos_ == "PRON") or (t.lower_ in {"his", "her", "their"} and t.tag_ == "PRP$")
        ]

    def titles_of(self, doc: Doc, cand: Candidate) -> str | None:
        """The role noun written just before a person's name ("President" in "President X"),
        and the post an apposition gives them ("Mugur Isarescu, governor of the central bank",
        "the Crown prosecutor, Mark Tedeschi"): the words a later "the governor" is read by."""
        i = cand.start
        words: list[str] = []
        while i > 0 and doc[i - 1].lower_.rstrip(".") in self.titles:
            words.insert(0, doc[i - 1].lower_)
            i -= 1
        root = cand.span(doc).root
        posts = [c for c in root.children if c.dep_ == "appos" and c.i >= cand.end]
        if root.dep_ == "appos" and root.head.i < cand.start:
            posts.append(root.head)
        for post in posts:
            if post.pos_ == "NOUN":
                words += [t.lower_ for t in post.lefts if t.dep_ in ("amod", "compound") and t.pos_ in ("NOUN", "ADJ")] + [post.lower_]
        return " ".join(words) or None

    def echoes(self, doc: Doc, found: list[Candidate]) -> list[Candidate]:
        """Untagged repeats of names tagged elsewhere in the article: spaCy's small model often
        tags "Daniel Montalvo" once and misses "Montalvo" later, or tags an organisation in one
        sentence and not the next. A repeat must match exactly, case included, and be a
        proper noun unless it opens no sentence."""
        names: dict[tuple[str, ...], str] = {}
        for cand in found:
            if cand.via not in {"name", "dictionary"}:
                continue
            words = tuple(t.text for t in cand.span(doc))
            if cand.label == "PERSON" and len(words) > 1 and words[-1][:1].isupper() and len(words[-1]) > 2:
                names.setdefault((words[-1],), "PERSON")
            if cand.label in {"PERSON", "ORG", "GPE", "LOC", "FAC"} and words[0][:1].isupper():
                names.setdefault(words, cand.label)
        if not names:
            return []
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in sorted(names, key=len, reverse=True):
            by_first.setdefault(words[0], []).append(words)
        taken = {i for c in found for i in range(c.start, c.end)}
        out = []
        i = 0
        while i < len(doc):
            hit = None
            for words in by_first.get(doc[i].text, ()):
                end = i + len(words)
                if end <= len(doc) and all(doc[i + k].text == words[k] for k in range(len(words))):
                    hit = (words, end)
                    break
            if hit is None or any(k in taken for k in range(i, hit[1])):
                i += 1
                continue
            token = doc[i]
            if (token.is_sent_start and token.pos_ != "PROPN") or (hit[1] < len(doc) and doc[hit[1]].pos_ == "PROPN" and doc[hit[1]].text[:1].isupper()):
                i = hit[1]
                continue
            out.append(Candidate(i, hit[1], names[hit[0]], "name", key=" ".join(hit[0])))
            i = hit[1]
        return out

    def find(self, doc: Doc) -> list[Candidate]:
        found = prefer_longest_then_dictionary(
            [*self.roles_and_collectives(doc), *self.dictionary(doc), *self.entities(doc), *self.nominals(doc), *self.listed_companies(doc)]
        )
        found = sorted(found + self.echoes(doc, found), key=lambda c: c.start)
        labels = party_labels(doc.text)
        if labels:  # "John Thune, R-S.D.": a party-state label, no actor of its own
            found = [c for c in found if not inside_label(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1]), labels)]
        taken = {i for c in found for i in range(c.start, c.end)}
        found += [p for p in self.pronouns(doc) if p.start not in taken]
        for cand in found:
            if cand.label == "PERSON" and cand.via in {"name", "dictionary"}:
                cand.title = self.titles_of(doc, cand)
        return sorted(found, key=lambda c: c.start)


def head_token(span: Span) -> Token:
    return span.root


def _name_word(token: Token) -> bool:
    """A capitalised word that may be part of a company's name ("AT&T", "Northwind Grocers")."""
    return token.text[:1].isupper() and not token.is_punct and token.lower_ not in DETERMINERS
