"""Resolving mention candidates to canonical actors.

Rules, in the order they apply (each has tests in ``tests/test_actors.py``):

* dictionary names and aliases -> the dictionary's canonical name (Wikipedia title);
* people not in the dictionary: a partial name ("Kolesnikov") links to the fullest name in the
  article that contains it ("Andrey Kolesnikov"), which is their canonical name;
* role nouns ("the Russian leader", "the president") -> the holder of the office on the
  publication date; without a country, the nearest earlier person holding such an office;
* seats of government ("Moscow", "the Kremlin", "Washington") -> the state when they act
  (subject, possessor, partner: "Moscow said", "talks with Washington"), the place itself after
  a locative preposition ("met in Moscow");
* demonyms and collective sides ("Russian", "the American side") -> the state;
* definite nominals ("the company") and pronouns -> the nearest compatible earlier actor;
* a description set off by commas beside a name ("Thomas Sam, a practising homeopath") -> that
  person;
* regions and places the article names, inside organisation and facility names ("University of
  Texas") -> mentions of their own;
* in a sports report, a country that plays -> its national team ("Belgium national football team");
* a name spaCy calls a place but written before an organisation's noun ("the Sea Org group") ->
  an organisation throughout the article; full names spelt two ways -> the first spelling.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..base.paragraphs import has_break
from ..data.loaders import load_given_names, load_regions
from ..data.schemas import ActorEntry, ReferenceFile
from ..model import Mention, Span
from ..settings import ActorOptions
from .dictionary import ActorDictionary, fold
from .mentions import Candidate, MentionFinder

_KIND_BY_LABEL = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group"}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# bearers in 100,000 of a given name that makes a mislabelled name a person's (the census
# list's tail holds words such as "Paris" and "Dallas")
_COMMON_GIVEN_NAME = 10.0


@dataclass
class Resolved:
    cand: Candidate
    actor: str | None
    kind: str | None
    label: str
    sent: int


def _clean(text: str) -> str:
    text = _POSSESSIVE.sub("", text.strip())
    if text.lower().startswith("the "):
        text = text[4:]
    return text.strip()


class ActorResolver:
    def __init__(self, book: ActorDictionary, ref: ReferenceFile, finder: MentionFinder, options: ActorOptions) -> None:
        self.book = book
        self.ref = ref
        self.finder = finder
        self.options = options
        self.titles = {t.lower().rstrip(".") for t in ref.titles}
        self.locative = {p.lower() for p in ref.locative_preps}
        self.motion = {m.lower() for m in ref.motion_heads}
        self.facility_words = frozenset(w.lower() for w in ref.facility_heads)
        self.org_heads = frozenset(w.lower() for w in ref.org_heads)
        self.match_verbs = frozenset(w.lower() for w in ref.match_verbs)
        self.person_verbs = frozenset(w.lower() for w in ref.person_verbs)
        self.org_words = frozenset(w.lower() for w in ref.org_words)
        self.place_nouns = frozenset(k for k, v in ref.nominals.items() if v.type in {"GPE", "LOC", "FAC"}) | {"home", "seat", "hub", "centre", "center"}
        self.governing_bodies = sorted((w.lower() for w in ref.governing_bodies), key=len, reverse=True)

    # -- people ------------------------------------------------------------------------------
    def _name_tokens(self, doc: Doc, cand: Candidate) -> list[str]:
        """A person's name without titles, country words or possessives."""
        words = [t.text for t in cand.span(doc) if t.text not in {"'s", "’s", "'", "’"}]
        while words and (
            words[0].lower().rstrip(".") in self.titles
            or words[0].lower() == "the"
            # "Russian President ...", "US Senator ...": a country word before a title or a
            # full name; "Jordan Peterson" keeps his given name
            or (self.book.state_of(words[0]) and len(words) > 1 and (words[1].lower().rstrip(".") in self.titles or len(words) > 2))
        ):
            words = words[1:]
        return words

    def person_names(self, doc: Doc, cands: list[Candidate]) -> dict[int, str]:
        """Canonical name for each PERSON candidate (by index): the dictionary's when it knows
        the name, else the fullest name in the article that contains it."""
        names: list[tuple[int, list[str], str]] = []  # candidate index, words, text as written
        for idx, cand in enumerate(cands):
            if cand.label == "PERSON" and cand.via in {"name", "dictionary"}:
                words = self._name_tokens(doc, cand)
                if words:
                    names.append((idx, words, _written(doc, cand, len(words))))
        out: dict[int, str] = {}
        full = [(idx, w, t) for idx, w, t in names if len(w) > 1]
        counts: dict[str, int] = {}
        for _, _, t in full:
            counts[t] = counts.get(t, 0) + 1
        for idx, words, text in names:
            known = self.book.lookup(text)
            if known is not None and known.kind == "person" and len(words) > 1:
                out[idx] = known.name
                continue
            # a longer article name containing these words: the most frequent such name,
            # then the nearest before, then the first after
            longer = [(j, w, t) for j, w, t in full if len(w) > len(words) and _contains(w, words)]
            if len(words) > 1:
                # a full name links to a longer one only if that is no rarer: "Ahmed Mohamed"
                # (ten times) is not "Ahmed Mohamed Image" (once, a misread caption)
                longer = [x for x in longer if counts[x[2]] >= counts.get(text, 0)]
            if longer:
                best = max(counts[t] for _, _, t in longer)
                longer = [x for x in longer if counts[x[2]] == best]
                before = [x for x in longer if x[0] < idx]
                target = (before[-1] if before else longer[0])[2]
                dict_hit = self.book.lookup(target)
                out[idx] = dict_hit.name if dict_hit is not None and dict_hit.kind == "person" else target
            elif known is not None and known.kind == "person":
                out[idx] = known.name
            else:
                out[idx] = text
        # a name met in a longer form links to that form's canonical (the fullest form wins)
        canon_of_text: dict[str, str] = {}
        for idx, _words, text in sorted(names, key=lambda x: -len(x[1])):
            canon_of_text.setdefault(text, out[idx])
        resolved = {idx: canon_of_text.get(out[idx], out[idx]) for idx in out}
        variant = _spelling_variants([resolved[idx] for idx in sorted(resolved)], set(self.book.actors))
        return {idx: variant.get(name, name) for idx, name in resolved.items()}

    # -- organisations -----------------------------------------------------------------------
    def org_names(self, doc: Doc, cands: list[Candidate]) -> dict[int, str]:
        """ORG names not in the dictionary: an acronym or a shorter form links to the fullest
        form in the article ("the Department of Agriculture" -> its full name); an acronym the
        article introduces beside a name is that name whatever its letters ("the National Bank
        of Romania (BNR)"); a governing organ is its institution ("the Board of the National
        Bank of Romania")."""
        forms = [(idx, _clean(c.span(doc).text)) for idx, c in enumerate(cands) if c.label == "ORG" and c.via in {"name", "dictionary"}]
        defined = self.defined_acronyms(doc, cands)
        out: dict[int, str] = {}
        for idx, text in forms:
            if text in defined:
                text = defined[text]
            text = self._institution(text)
            known = self.book.lookup(text)
            if known is not None:
                out[idx] = known.name
                continue
            best = text
            words = text.split()
            for _, other in forms:
                longer = other.split()
                if len(other) <= len(best):
                    continue
                if _is_acronym(text, other) or (len(words) > 1 and _contains(longer, words)):
                    best = other
                elif len(words) == 1 and "of" in longer and words[0][:1].isupper() and words[0] in (longer[0], longer[-1]):
                    best = other  # "the Church", "Scientology" -> "Church of Scientology"
            best = self._institution(best)
            spelt = self._spelt_out(best)
            hit = self.book.lookup(best) or self.book.lookup(spelt)
            out[idx] = hit.name if hit is not None else spelt
        return out

    def _institution(self, name: str) -> str:
        """ "Board of the National Bank of Romania" -> "National Bank of Romania": the name after
        a governing organ (``governing_bodies``), when it is a name of two words or more. A
        one-word organ needs the "the" ("Board of Education of the City of New York" is a
        board of its own)."""
        low = name.lower()
        for organ in self.governing_bodies:
            if low.startswith(organ + " of "):
                rest = name[len(organ) + 4 :]
                definite = rest.lower().startswith("the ")
                rest = rest[4:] if definite else rest
                if rest[:1].isupper() and len(rest.split()) >= 2 and (definite or " " in organ):
                    return rest
        return name

    def defined_acronyms(self, doc: Doc, cands: list[Candidate]) -> dict[str, str]:
        """Acronyms the article introduces in brackets right after an organisation's name:
        "the National Institute of Statistics (INS)" -> {"INS": "National Institute of Statistics"}."""
        out: dict[str, str] = {}
        for cand in cands:
            if cand.label != "ORG" or cand.via not in {"name", "dictionary"} or cand.end - cand.start < 2 or cand.end + 2 >= len(doc):
                continue
            opening, short, closing = doc[cand.end], doc[cand.end + 1], doc[cand.end + 2]
            if opening.text == "(" and closing.text == ")" and _acronym_like(short.text):
                out.setdefault(short.text, _clean(cand.span(doc).text))
        return out

    def _acronym_mentions(self, doc: Doc, cands: list[Candidate]) -> list[Candidate]:
        """Every use of an acronym the article introduced is a mention of that organisation,
        whatever spaCy tagged it (or if it tagged nothing): the candidates, completed."""
        defined = self.defined_acronyms(doc, cands)
        if not defined:
            return cands
        taken = {i for c in cands for i in range(c.start, c.end)}
        for cand in cands:
            if cand.via == "name" and cand.span(doc).text in defined:
                cand.label = "ORG"
        extra = [Candidate(t.i, t.i + 1, "ORG", "name", key=t.text) for t in doc if t.text in defined and t.i not in taken]
        return sorted(cands + extra, key=lambda c: c.start)

    def _spelt_out(self, name: str) -> str:
        """ "U.S. Department of Agriculture" -> "United States Department of Agriculture" (the
        reference file's ``name_prefixes``), as the Wikipedia title reads; a one-word rest is
        most often a company's own name ("US Steel", "U.S. Bancorp") and is kept."""
        first, _, rest = name.partition(" ")
        full = self.ref.name_prefixes.get(first)
        return f"{full} {rest}" if full and rest[:1].isupper() and " " in rest else name

    # -- places and seats --------------------------------------------------------------------
    def acts_as_government(self, doc: Doc, cand: Candidate) -> bool:
        """A capital or seat acts when it is a subject, a possessor, or a partner; it is a
        place after a locative preposition ("in Moscow", "flew to Kyiv")."""
        token: Token = cand.span(doc).root
        while token.dep_ in {"conj", "appos"} and token.head is not token:
            token = token.head
        if token.dep_ == "compound":
            # "Kremlin spokesman", "White House officials": the institution; "Moscow region": a place
            return cand.label == "ORG" or (self.book.lookup(_clean(cand.span(doc).text)) is not None and self._is_org(cand, doc))
        if token.dep_ == "pobj":
            prep = token.head
            word = prep.lower_
            if word in self.locative:
                return False
            if word in {"to", "from"}:
                return prep.head.lemma_.lower() not in self.motion
            return True
        if token.dep_ == "dobj" and token.head.lemma_.lower() in self.motion:
            return False
        nxt = doc[cand.end : cand.end + 2]
        if len(nxt) == 2 and nxt[0].text == "," and nxt[1].ent_type_ in {"GPE", "LOC"}:
            return False  # "Paris, Texas", "Anchorage, Alaska": an address, so a place
        if token.dep_ in {"nsubj", "nsubjpass"} and token.head.lemma_ == "be":
            attrs = [c for c in token.head.children if c.dep_ == "attr"]
            if any(a.lemma_.lower() in self.place_nouns for a in attrs):
                return False  # "Tbilisi is the capital of Georgia"
        return token.dep_ not in {"npadvmod", "ROOT"} or cand.label == "ORG"

    def _is_org(self, cand: Candidate, doc: Doc) -> bool:
        entry = self.book.lookup(_clean(cand.span(doc).text))
        return entry is not None and entry.kind == "org"

    def _resolve_name(
        self, doc: Doc, idx: int, cand: Candidate, people: dict[int, str], orgs: dict[int, str], surname_of: dict[str, str]
    ) -> tuple[str | None, str | None, str]:
        """(actor, kind, label) of a name found by spaCy or the dictionary."""
        text = cand.span(doc).text
        cleaned = _clean(text)
        label = cand.label
        entry = self.book.lookup(cleaned)
        seat_state = self.book.seats.get(fold(text))
        if idx in people:
            return people[idx], "person", label
        if entry is None and seat_state is None and cleaned in surname_of:
            # spaCy sometimes calls a person already met an ORG, GPE or NORP ("Petraitis")
            return surname_of[cleaned], "person", "PERSON"
        if entry is not None and seat_state is None:
            return entry.name, entry.kind, _label_for(entry, label, self.facility_words)
        if seat_state is not None:
            if self.acts_as_government(doc, cand):
                if entry is not None and entry.kind == "org":
                    return entry.name, "org", "ORG"
                return seat_state, "state", "GPE"
            place = entry.name if entry is not None and entry.kind != "state" else cleaned
            return place, "place", label if label in {"GPE", "LOC", "FAC"} else "GPE"
        if label == "NORP":
            state = self.book.state_of(text)
            return (state, "state", label) if state else (cleaned, "group", label)
        if idx in orgs:
            return orgs[idx], "org", label
        return cleaned, _KIND_BY_LABEL.get(label), label

    def resolve(self, doc: Doc, published: dt.date | None) -> list[Mention]:
        cands = self._acronym_mentions(doc, self.finder.find(doc))
        self._relabel_people(doc, cands)
        # a single word spaCy calls a person and that ends a person's full name in the article is
        # that person, even when the dictionary knows it as a place ("Valeska Paris" ... "Paris")
        surnames = {c.span(doc)[-1].text for c in cands if c.label == "PERSON" and c.via == "name" and c.end - c.start > 1}
        for cand in cands:
            token = doc[cand.start]
            acts = token.ent_type_ == "PERSON" or token.dep_ in {"nsubj", "nsubjpass", "poss"}
            if cand.end - cand.start == 1 and cand.via == "dictionary" and acts and token.text in surnames:
                cand.via, cand.label = "name", "PERSON"
        self._relabel_organisations(doc, cands)
        people = self.person_names(doc, cands)
        orgs = self.org_names(doc, cands)
        sent_of = {}
        for s_index, sentence in enumerate(doc.sents):
            for t in sentence:
                sent_of[t.i] = s_index
        done: list[Resolved] = []
        surname_of = {name.split()[-1]: name for name in people.values() if " " in name}
        for idx, cand in enumerate(cands):
            if cand.via == "title":
                continue
            sent = sent_of.get(cand.start, 0)
            label, actor, kind = cand.label, None, None
            if cand.via in {"name", "dictionary"}:
                actor, kind, label = self._resolve_name(doc, idx, cand, people, orgs, surname_of)
            elif cand.via in {"role", "phrase"}:
                following = next((j for j, c in enumerate(cands) if c.start == cand.end), None) if cand.names_next else None
                if following is not None and following in people:
                    actor = people[following]
                else:
                    actor = self._role_holder(cand, done, published)
                if actor is None:
                    continue  # "Thailand's foreign minister" with no known holder: not an actor we can name
                kind = "person"
            elif cand.via == "collective":
                actor, kind = cand.state, "state"
            elif cand.via == "nominal":
                found = self._antecedent(cand, done, sent, self.options.nominal_window)
                if found is None:
                    continue
                actor, kind = found.actor, found.kind
            elif cand.via == "pronoun":
                found = self._antecedent(cand, done, sent, self.options.pronoun_window)
                if found is None:
                    continue
                actor, kind, label = found.actor, found.kind, found.label
            done.append(Resolved(cand, actor, kind, label, sent))
            if cand.modifier is not None and cand.state is not None:
                # the country inside "Malaysia's prime minister" is a mention of its own
                mi, mj = cand.modifier
                inner = self.book.lookup(doc[mi:mj].text)
                inner_label = "GPE" if inner is not None and inner.kind == "state" else "NORP"
                done.append(Resolved(Candidate(mi, mj, inner_label, "modifier"), cand.state, "state", inner_label, sent))
        self._national_teams(doc, done)
        done += self._descriptions(doc, done)
        done += self._nested(doc, done, people, cands)
        out = []
        text = doc.text  # spaCy joins the tokens anew on every access: once, not per mention
        for r in sorted(done, key=lambda r: (r.cand.start, -r.cand.end)):
            start = doc[r.cand.start].idx
            last = doc[r.cand.end - 1]
            end = last.idx + len(last.text)
            base = Span.of(text, start, end)
            out.append(Mention(start=base.start, end=base.end, text=base.text, type=r.label, actor=r.actor, via=r.cand.via, kind=r.kind))
        return out

    def _relabel_people(self, doc: Doc, cands: list[Candidate]) -> None:
        """spaCy's small model calls some people organisations or places ("Amanda Pritchard
        said", tagged ORG). A name of two or three capitalised words that opens with a common
        given name (``given_names.tsv``), that no word of which the dictionary or the list of
        large regions knows ("Georgia Tech", "Virginia Beach"), that ends in no organisation's
        or facility's noun, and that does what people do (the subject of "say", "tell" ...), is
        a person everywhere in the article."""
        given = load_given_names()
        people: set[str] = set()
        for cand in cands:
            if cand.via != "name" or cand.label not in {"ORG", "GPE", "LOC", "FAC", "NORP"} or not 2 <= cand.end - cand.start <= 3:
                continue
            span = cand.span(doc)
            words = [t.text for t in span]
            first = given.get(words[0].lower())
            if first is None or first.per_100k < _COMMON_GIVEN_NAME:
                continue
            if not all(w[:1].isupper() and w[1:].islower() and w.replace("'", "").isalpha() for w in words):
                continue
            if words[-1].lower() in self.org_heads | self.facility_words or any(
                w.lower() in self.org_words or self.book.lookup(w) or fold(w) in _large_regions() for w in words
            ):
                continue
            if self.book.lookup(span.text) is not None:
                continue
            root = span.root
            if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.lower() in self.person_verbs:
                people.add(span.text)
        for cand in cands:
            if cand.via == "name" and cand.label != "PERSON" and cand.span(doc).text in people:
                cand.label = "PERSON"

    def _relabel_organisations(self, doc: Doc, cands: list[Candidate]) -> None:
        """spaCy's small model calls some organisations places ("the Sea Org", "Scientology"
        tagged LOC). A name the dictionary does not know, written once in the article before
        an organisation's noun ("the Sea Org group", "Scientology officials"), is an
        organisation everywhere in the article."""
        org_texts: set[str] = set()
        for cand in cands:
            if cand.via != "name" or cand.label not in {"LOC", "FAC"} or cand.end >= len(doc):
                continue
            if doc[cand.end].lower_ in self.org_heads and self.book.lookup(_clean(cand.span(doc).text)) is None:
                org_texts.add(cand.span(doc).text)
        for cand in cands:
            if cand.via == "name" and cand.label in {"LOC", "FAC"} and cand.span(doc).text in org_texts:
                cand.label = "ORG"

    def _national_teams(self, doc: Doc, done: list[Resolved]) -> None:
        """In a sports report a country that beats, faces or plays another, or stands in a
        score line ("Sweden 1 – 0 Korea"), is its national team: "Belgium defeated Panama 3 – 0"
        -> "Belgium national football team". Once a country is a side in the article, its
        other mentions are too ("Sweden's first victory", "the Belgians"), except where it
        is the place where something happens ("held in Russia")."""
        sport = self._sport_of(doc)
        if sport is None:
            return
        countries = [
            r for r in done if r.label in {"GPE", "NORP"} and r.kind in {"state", "place"} and r.actor and r.cand.via in {"name", "dictionary", "modifier"}
        ]
        sides: set[str] = set()
        country_tokens = {r.cand.span(doc).root.i for r in countries if r.label == "GPE"}
        for r in countries:
            if r.label == "GPE" and self._plays(doc, r.cand, country_tokens):
                sides.add(r.actor or "")
        for r in countries:
            if r.actor not in sides:
                continue
            words = r.cand.span(doc)
            if r.label == "NORP" and not (words[-1].text.endswith("s") and words[0].i > 0 and doc[words[0].i - 1].lower_ == "the"):
                continue  # "Swedish captain": the player's nationality; "the Belgians": the side
            token = words.root
            if token.dep_ == "pobj" and token.head.lower_ in self.locative:
                continue  # "held in Russia"
            r.actor, r.kind, r.label = f"{r.actor} national {sport} team", "org", "ORG"

    def _sport_of(self, doc: Doc) -> str | None:
        for sport, words in self.ref.team_sports.items():
            for word in words:
                # lower-case words match in any case ("Football"); names as written ("FIFA")
                flags = re.IGNORECASE if word.islower() else 0
                if re.search(r"\b" + re.escape(word) + r"\b", doc.text, flags):
                    return sport
        return None

    def _plays(self, doc: Doc, cand: Candidate, country_tokens: set[int]) -> bool:
        """A side in a score line, or a country that a match verb sets against another
        country ("Belgium defeated Panama"; not "Russia faces sanctions", nor "Ukraine beat
        back Russian attacks": a war report that mentions football is no match report)."""
        token = cand.span(doc).root
        while token.dep_ in {"conj", "appos"} and token.head is not token:
            token = token.head
        head = token.head
        if token.dep_ == "pobj" and head.lower_ in {"against", "versus", "vs", "vs."}:
            return head.head.i in country_tokens or any(c.i in country_tokens for c in head.head.children if c.dep_ == "nsubj")
        if token.dep_ in {"nsubj", "dobj", "nsubjpass"} and head.lemma_.lower() in self.match_verbs:
            if any(c.dep_ == "prt" and c.lower_ == "back" for c in head.children):
                return False
            other_deps = {"dobj"} if token.dep_ == "nsubj" else {"nsubj", "nsubjpass"}
            others = [c for c in head.children if c.dep_ in other_deps]
            preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ in {"against", "versus", "vs", "vs.", "with"}]
            others += [o for c in preps for o in c.children if o.dep_ == "pobj"]
            return any(t.i in country_tokens for o in others for t in [o, *o.conjuncts])
        after = doc[cand.end : cand.end + 3]
        before = doc[max(cand.start - 3, 0) : cand.start]
        score = re.compile(r"^\d{1,2}$")
        dash = {"-", "–", "—", ":"}
        return (len(after) == 3 and bool(score.match(after[0].text)) and after[1].text in dash and bool(score.match(after[2].text))) or (
            len(before) == 3 and bool(score.match(before[0].text)) and before[1].text in dash and bool(score.match(before[2].text))
        )

    def _descriptions(self, doc: Doc, done: list[Resolved]) -> list[Resolved]:
        """A common-noun phrase set off by commas next to a person's name describes that
        person and is a mention of them: "Thomas Sam, a practising homeopath, ...", "the Crown
        prosecutor, Mark Tedeschi, said". Only singular nouns outside any name, and only when
        the parser makes one the apposition of the other; a list of names ("Lukaku, Carrasco
        and Mertens") has no common noun and so no description."""
        covered = {i for r in done for i in range(r.cand.start, r.cand.end)}
        out: list[Resolved] = []
        for r in done:
            if r.label != "PERSON" or r.actor is None or r.cand.via not in {"name", "dictionary"}:
                continue
            span = r.cand.span(doc)
            root = span.root
            heads: list[Token] = [c for c in root.children if c.dep_ == "appos" and c.i >= r.cand.end]
            if root.dep_ == "appos" and root.head.i < r.cand.start:
                heads.append(root.head)
            for head in heads:
                if head.pos_ != "NOUN" or head.tag_ != "NN" or head.ent_type_ or head.i in covered:
                    continue
                if head.i < r.cand.start:
                    # "the Crown prosecutor, Mark Tedeschi": up to the comma before the name
                    first, last = head.left_edge.i, head.i
                    if doc[last + 1].text != ",":
                        continue
                else:
                    if doc[r.cand.end].text != ",":
                        continue
                    first, last = head.left_edge.i, head.right_edge.i
                while first < last and (doc[first].is_punct or doc[first].is_space):
                    first += 1
                while last > first and (doc[last].is_punct or doc[last].is_space):
                    last -= 1
                if last - first + 1 > self.options.max_description_tokens or any(has_break(doc[k].text) for k in range(first, last + 1)):
                    continue
                if any(k in range(r.cand.start, r.cand.end) for k in range(first, last + 1)):
                    continue
                out.append(Resolved(Candidate(first, last + 1, "PERSON", "description"), r.actor, "person", "PERSON", r.sent))
                covered.update(range(first, last + 1))
        return out

    def _nested(self, doc: Doc, done: list[Resolved], people: dict[int, str], cands: list[Candidate]) -> list[Resolved]:
        """Names inside organisation and facility names are mentions too: "U.S." in "U.S.
        Environmental Protection Agency", "Google" in "Google Science Fair", "Warhol" in
        "Warhol Factory" (a person met in the article). Only states and organisations the
        dictionary knows, and people the article names, qualify."""
        person_by_word: dict[str, str] = {}
        for idx, name in people.items():
            words = cands[idx].span(doc)
            if len(words) > 1 and words[-1].lower_ not in self.facility_words:
                person_by_word.setdefault(words[-1].text, name)
        person_words = {t.text for idx in people for t in cands[idx].span(doc)}
        # places the article itself names elsewhere ("Irving, Texas" ... "Irving Police Department")
        named_places = {
            doc[r.cand.start : r.cand.end].text: r.actor
            for r in done
            if r.label == "GPE" and r.kind in {"place", "state"} and r.actor and r.cand.via in {"name", "dictionary"}
        }
        out = []
        for r in done:
            if r.cand.via not in {"name", "dictionary"} or r.cand.label not in {"ORG", "FAC", "LOC"} or r.cand.end - r.cand.start < 2:
                continue
            k = r.cand.start
            while k < r.cand.end:
                hit = None
                for width in (3, 2, 1):
                    if k + width > r.cand.end or width == r.cand.end - r.cand.start:
                        continue
                    piece = doc[k : k + width]
                    if not piece[0].text[:1].isupper():
                        continue
                    entry = self.book.lookup(piece.text)
                    if entry is not None and entry.kind == "state" and fold(piece.text) not in self.book.demonyms:
                        hit = (width, entry.name, "state", "GPE")
                        break
                    if entry is not None and entry.kind == "org" and k == r.cand.start and r.actor != entry.name and piece.text[-1:].isalpha():
                        hit = (width, entry.name, "org", "ORG")  # "Google" in "Google Science Fair"
                        break
                    if width == 1 and piece.text in person_by_word:
                        hit = (1, person_by_word[piece.text], "person", "PERSON")
                        break
                    place = named_places.get(piece.text)
                    if place is None and fold(piece.text) in _large_regions() and not any(t.text in person_words for t in piece):
                        place = piece.text  # a region's name, unless it is part of a person's ("Victoria Beckham")
                    if place is not None and piece.text not in person_by_word and not (k + width < r.cand.end and doc[k + width].text in {"'s", "’s"}):
                        hit = (width, place, "place", "GPE")  # "Texas" in "University of Texas"
                        break
                if hit is None:
                    k += 1
                    continue
                width, actor, kind, label = hit
                out.append(Resolved(Candidate(k, k + width, label, "nested"), actor, kind, label, r.sent))
                k += width
        return out

    def _role_holder(self, cand: Candidate, done: list[Resolved], published: dt.date | None) -> str | None:
        offices = cand.offices or self.book.roles.get(cand.key, [])
        if cand.state is not None:
            code = self.book.country_code(cand.state)
            offices = [o for o in offices if o.country == code]
            for office in offices:
                holder = self.book.holder(office.id, published)
                if holder:
                    return holder
            return None
        if cand.via == "phrase":
            for office in offices:
                holder = self.book.holder(office.id, published)
                if holder:
                    return holder
        # "the leader": the nearest person the article names who fits, by a title written with
        # the name ("Senate Majority Leader John Thune", "Mayor Karen Lindqvist") or by an office
        # held then; pronouns and other role nouns name no one new, so they are passed over.
        # Failing that, the holder of such an office in the country of the nearest person who
        # holds an office of that country ("Peskov said the president"): a person merely from a
        # country (a senator the dictionary knows) does not make the article about its president.
        key = cand.key.split()
        ids = {o.id for o in offices}
        named = [prev for prev in reversed(done) if prev.kind == "person" and prev.actor is not None and prev.cand.via in {"name", "dictionary"}]
        for prev in named:
            if prev.cand.title and _contains(prev.cand.title.split(), key):
                return prev.actor
            if any(o.id in ids for o in self.book.offices_of(prev.actor or "", published)):
                return prev.actor
        for prev in named:
            countries = {o.country for o in self.book.offices_of(prev.actor or "", published) if o.country}
            for office in offices:
                holder = self.book.holder(office.id, published) if office.country in countries else None
                if holder:
                    return holder
        return None

    def _antecedent(self, cand: Candidate, done: list[Resolved], sent: int, window: int) -> Resolved | None:
        """The nearest earlier resolved mention within ``window`` sentences that fits: same
        gender for he/she when known, a group for they, a kind the nominal allows."""
        if cand.via == "pronoun":
            number = self.ref.pronouns.get(cand.key)
            for prev in reversed(done):
                if sent - prev.sent > window:
                    break
                if prev.actor is None or prev.cand.via == "nominal":
                    continue
                if number == "pl":
                    if prev.kind in {"org", "state"} or prev.label == "NORP":
                        return prev
                    continue
                if prev.kind != "person":
                    continue
                gender = self._gender(prev.actor)
                if gender is None or gender == number:
                    return prev
            return None
        entry = self.ref.nominals[cand.key]
        if cand.key == "capital":
            # "the capital": the seat of the nearest state ("Afghanistan ... the capital" -> Kabul)
            for prev in reversed(done):
                if sent - prev.sent > window:
                    break
                state = self.book.actors.get(prev.actor or "") if prev.kind == "state" else None
                if state is not None and state.seats:
                    return Resolved(prev.cand, state.seats[0], "place", "GPE", prev.sent)
            return None
        fits = []
        for prev in reversed(done):
            if sent - prev.sent > window:
                break
            if prev.actor is None or prev.cand.via in {"pronoun", "modifier"}:
                continue
            if not (prev.label in entry.antecedents or prev.kind in entry.antecedents):
                continue
            if "state" in entry.antecedents and prev.kind != "state":
                continue
            if "state" not in entry.antecedents and prev.kind == "state":
                continue  # "the city", "the region": not a country
            if entry.gender is not None and self._gender(prev.actor or "") not in (None, entry.gender):
                continue
            fits.append(prev)
        # "the team" prefers an actor whose name says team; otherwise the nearest fit, if near
        named = [f for f in fits if cand.key in prev_words(f.actor)]
        if named:
            return named[0]
        return fits[0] if fits and sent - fits[0].sent <= 2 else None

    def _gender(self, name: str) -> str | None:
        """The dictionary's gender of a person, else the gender most bearers of their given
        name have ("Amanda Pritchard" -> f), else None (either)."""
        actor = self.book.actors.get(name)
        if actor is not None:
            return actor.gender
        words = name.split()
        given = load_given_names().get(words[0].lower()) if len(words) > 1 else None
        return {"f": "f", "m": "m"}.get(given.gender) if given is not None else None


# single words that name a region somewhere but are mostly points of the compass or plain words
_GENERIC_REGION_NAMES = frozenset(
    {"central", "capital", "northern", "southern", "eastern", "western", "north", "south", "east", "west"}
    | {"centre", "center", "coast", "islands", "national", "federal", "metropolitan"}
)


@lru_cache(maxsize=1)
def _large_regions() -> frozenset[str]:
    """Folded names of first-level regions (states, provinces, oblasts) of a million people or
    more, from the packaged gazetteer: "Texas", "Lombardy", "Volgograd". Names found inside
    an organisation's or facility's name ("University of Texas") are mentions of the region."""
    return frozenset(
        fold(row.name) for row in load_regions() if row.kind == "region" and row.population >= 1_000_000 and fold(row.name) not in _GENERIC_REGION_NAMES
    )


def prev_words(name: str | None) -> set[str]:
    return set((name or "").lower().split())


def _label_for(entry: ActorEntry, label: str, facility_words: frozenset[str] = frozenset()) -> str:
    if entry.kind == "person":
        return "PERSON"
    if entry.kind == "org":
        return "ORG"
    if entry.kind == "state":
        return "GPE"
    if entry.kind == "group":
        return "NORP"
    if facility_words and entry.name.split()[-1].lower() in facility_words:
        return "FAC"
    return label if label in {"GPE", "LOC", "FAC"} else "LOC"


def _written(doc: Doc, cand: Candidate, n_words: int) -> str:
    """The last ``n_words`` name tokens of a candidate as written in the text (so "El-Hassan"
    keeps its hyphen), without a trailing possessive."""
    tokens = [t for t in cand.span(doc) if t.text not in {"'s", "’s", "'", "’"}][-n_words:]
    return doc[tokens[0].i : tokens[-1].i + 1].text  # the same characters, without joining the whole doc's text


def _spelling_variants(names: list[str], known: set[str]) -> dict[str, str]:
    """Full names that differ by one letter in one word ("Kristin Wilkins" and, later, "Kristen
    Wilkins") are one person spelt two ways: each later spelling maps to the first one met.
    Names the dictionary knows keep their own; a one-letter difference in a short word
    ("Jan" / "Jon") is two people."""
    out: dict[str, str] = {}
    firsts: list[list[str]] = []
    for name in names:
        words = name.split()
        if len(words) < 2 or name in known or name in out:
            continue
        for first in firsts:
            if first == words or len(first) != len(words):
                continue
            diffs = [(a, b) for a, b in zip(first, words, strict=True) if a != b]
            if len(diffs) == 1 and min(len(diffs[0][0]), len(diffs[0][1])) >= 4 and _one_edit(*diffs[0]):
                out[name] = " ".join(first)
                break
        else:
            if words not in firsts:
                firsts.append(words)
    return out


def _one_edit(a: str, b: str) -> bool:
    """One letter replaced, added or dropped."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _acronym_like(text: str) -> bool:
    """ "BNR", "INS", "AT&T": two to eight capitals (an ampersand allowed), no lower case."""
    letters = text.replace("&", "").replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def _is_acronym(short: str, long: str) -> bool:
    """ "DAB" of "Democratic Alliance for the Betterment ... of Hong Kong", "FTU" of "Hong Kong
    Federation of Trade Unions": the letters are the initials of the capitalised words, or
    (three letters or more) a run of them."""
    letters = short.replace(".", "")
    if not (2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha()):
        return False
    initials = "".join(w[0] for w in long.split() if w[:1].isupper())
    return initials == letters or (len(letters) >= 3 and letters in initials)
