"""The stance lexicon ``data/stances.yaml`` compiled for one vocabulary, and the cue words it
finds in a Doc."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..base.modality import modality_words
from ..base.registry import resource
from ..data.loaders import load_stance_lexicon
from ..data.schemas import StanceCue, StancesFile

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
        self.modality = modality_words()
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
