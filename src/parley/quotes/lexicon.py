"""The cue lexicon compiled for fast lookup: sets for single words, one spaCy ``Matcher`` for
the multiword phrases. Built once per (vocabulary, language, file) and reused for every Doc,
so a stage call only walks the Doc's tokens once."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..base.modality import modality_words
from ..base.registry import resource
from ..data.loaders import load_cues
from ..data.schemas import CueEntry, CueLanguage

# spaCy's small English model lemmatises some verbs wrongly ("hopes" -> "hop", "guts" ...);
# a cue verb is also found from its inflected form with these suffixes removed.
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("d", ""))


@dataclass(frozen=True)
class Cue:
    """One entry of the lexicon: the words, the kind of statement and the complements it takes."""

    words: str
    kind: str
    takes: frozenset[str]


def _entry(words: str, value: str | CueEntry) -> Cue:
    if isinstance(value, CueEntry):
        return Cue(words, value.kind, frozenset(value.takes))
    return Cue(words, value, frozenset({"clause"}))


class CueLexicon:
    """Lookups over one language's cues (``data/cues.yaml``)."""

    def __init__(self, vocab: Vocab, cues: CueLanguage) -> None:
        self.modality = modality_words()
        self.empty_objects = frozenset(cues.empty_objects)
        self.not_labels = frozenset(cues.not_labels)
        self.contrastive = frozenset(cues.contrastive)
        self.likening_verbs = frozenset(cues.likening_verbs)
        self.headline_auxiliaries = frozenset(cues.headline_auxiliaries)
        self.verbs = {lemma: _entry(lemma, v) for lemma, v in cues.verbs.items()}
        self.nouns = {lemma: Cue(lemma, kind, frozenset({"clause"})) for lemma, kind in cues.nouns.items()}
        self.adverbs = {word: Cue(word, kind, frozenset({"clause"})) for word, kind in cues.adverbs.items()}
        self.prepositions = {tuple(p.split()): Cue(p, kind, frozenset({"clause"})) for p, kind in cues.prepositions.items()}
        self.phrases = {p: _entry(p, v) for p, v in cues.phrases.items()}
        self.documents = frozenset(cues.documents)
        self.bodies = frozenset(cues.bodies)
        self.topic_verbs = frozenset(cues.not_statements.topic_verbs)
        self.action_verbs = frozenset(cues.not_statements.action_verbs)
        self.shell_nouns = frozenset(cues.not_statements.shell_nouns)
        self.matcher = Matcher(vocab)
        for phrase in self.phrases:
            words = phrase.split()
            pattern: list[dict[str, object]] = [{"LEMMA": words[0], "POS": {"IN": ["VERB", "AUX"]}}]
            for word in words[1:]:
                # an adverb may stand inside a phrase: "made it very clear", "did not rule it out"
                pattern.append({"POS": {"IN": ["ADV", "PART"]}, "OP": "*"})
                pattern.append({"LOWER": word})
            self.matcher.add(phrase, [pattern])

    def verb(self, token: Token) -> Cue | None:
        """The cue a verb token is, if any (by lemma, or by its form when the lemma is wrong)."""
        if token.pos_ != "VERB":
            return None
        cue = self.verbs.get(token.lemma_.lower())
        if cue is not None:
            return cue
        lower = token.lower_
        for suffix, repl in _SUFFIXES:
            if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
                cue = self.verbs.get(lower[: -len(suffix)] + repl)
                if cue is not None:
                    return cue
        return None

    def verb_form(self, word: str) -> Cue | None:
        """The cue verb an inflected form belongs to ("calls", "vowed"), without a tagger."""
        if word in self.verbs:
            return self.verbs[word]
        for suffix, repl in _SUFFIXES:
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                cue = self.verbs.get(word[: -len(suffix)] + repl)
                if cue is not None:
                    return cue
        return None

    def noun(self, token: Token) -> Cue | None:
        if token.pos_ != "NOUN":
            return None
        return self.nouns.get(token.lemma_.lower())

    def adverb(self, token: Token) -> Cue | None:
        return self.adverbs.get(token.lower_) if token.pos_ == "ADV" else None

    def preposition_at(self, doc: Doc, i: int) -> tuple[int, Cue] | None:
        """A prepositional cue starting at token ``i`` ("according to"): (end, cue)."""
        for words, cue in self.prepositions.items():
            end = i + len(words)
            if end <= len(doc) and all(doc[i + k].lower_ == w for k, w in enumerate(words)):
                return end, cue
        return None

    def phrase_matches(self, doc: Doc) -> list[tuple[int, int, Cue]]:
        """Multiword cues in ``doc`` as (start, end, cue), longest first where they overlap."""
        found: list[tuple[int, int, Cue]] = []
        taken: set[int] = set()
        matches = sorted(self.matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        for match_id, start, end in matches:
            if start in taken:
                continue
            taken.add(start)
            found.append((start, end, self.phrases[doc.vocab.strings[match_id]]))
        return found


def get_lexicon(vocab: Vocab, language: str = "en", path: str | None = None) -> CueLexicon:
    """The compiled lexicon for one pipeline's vocabulary: built once per process."""
    return resource("quotes.lexicon", (vocab, language, path), lambda: CueLexicon(vocab, load_cues(language, path)))
