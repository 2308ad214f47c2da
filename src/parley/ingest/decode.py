"""Bytes to text: BOMs, encodings and line ends, with a clear refusal for binary input.

Which encoding, in order: a byte-order mark; the encoding the user declared (``--encoding``,
``[input] encoding``, the charset of a ``text/plain`` request); the ``<meta charset>`` of an
HTML page; UTF-8 when the bytes are UTF-8; otherwise a guess. The guess prefers Windows-1252
(Western European, a superset of Latin-1 for text) unless the bytes say otherwise — an
encoding that charset-normalizer finds clearly more coherent, or a symbol inside a word that
only another code page makes a letter (``powiedzia³``: Polish ``ł`` in Windows-1250) — since
Central European code pages also read Western bytes as letters ("São" as "Săo"). A guess that
another encoding would read differently is reported with a warning naming the input.

Windows (CRLF) and old Mac (CR) line ends become "\\n" so that offsets are the same whichever
platform wrote the file.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ..errors import InputError

log = logging.getLogger(__name__)

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# Control characters that never occur in text files (everything below 0x20 but tab, LF, FF, CR).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))

# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# A letter followed by a Latin-1 symbol (¡ to ¿): in Western text symbols follow spaces and
# digits ("¿Qué", "20°"); after a letter it is a letter of another code page read as Western.
_SYMBOL_IN_WORD = re.compile(r"[^\W\d_][\u00a1-\u00bf]")
# How much more coherent (charset-normalizer's language measure, 0 to 1) another encoding must
# be for the guess to leave Windows-1252.
_COHERENCE_MARGIN = 0.05
WESTERN = "cp1252"
# The code pages news text comes in, besides UTF-8: a guess that one of these reads otherwise is
# reported (DOS and Mac code pages read almost anything, and would always be named).
_NEWS_CODE_PAGES = ("cp125", "iso8859", "latin", "koi8")


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the encoding it was read with (a Python codec name)."""

    text: str
    encoding: str


def check_size(data: bytes, source: str, max_bytes: int) -> None:
    if not data.strip():
        raise InputError(source, "the input is empty")
    if len(data) > max_bytes:
        raise InputError(source, f"the input is {len(data):,} bytes, over the limit of {max_bytes:,} (input.max_bytes)")


def codec_name(encoding: str, source: str) -> str:
    """The codec Python knows ``encoding`` by ("latin-1" -> "iso8859-1"), or an InputError."""
    try:
        return codecs.lookup(encoding.strip()).name
    except LookupError:
        raise InputError(source, f"unknown encoding {encoding!r}") from None


def decode(data: bytes, source: str, encoding: str | None = None) -> Decoded:
    """Decode ``data`` (see the module docstring), or raise :class:`InputError`."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(normalise_newlines(data.decode(name)), "utf-8" if name == "utf-8-sig" else name)
            except UnicodeDecodeError as exc:
                raise InputError(source, f"starts with a {name} byte-order mark but is not {name}: {exc.reason}") from None
    if encoding:
        name = codec_name(encoding, source)
        try:
            return Decoded(normalise_newlines(data.decode(name)), name)
        except UnicodeDecodeError as exc:
            raise InputError(source, f"is not {name} as declared: byte {data[exc.start]:#04x} at offset {exc.start} ({exc.reason})") from None
    sample = data[:8192]
    if sample.count(0) or sum(sample.count(bytes([b])) for b in _BINARY_BYTES) > len(sample) // 100:
        raise InputError(source, "looks like a binary file, not text (it contains control bytes)")
    meta = _meta_charset(data)
    if meta is not None:
        try:
            return Decoded(normalise_newlines(data.decode(meta)), meta)
        except UnicodeDecodeError:
            log.warning("%s: the page declares %s but is not %s; guessing its encoding", source, meta, meta)
    try:
        return Decoded(normalise_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    guessed = _guess(data, source)
    return Decoded(normalise_newlines(guessed.text), guessed.encoding)


def charset_of(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header value, if any."""
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip('"'):
            return value.strip().strip('"')
    return None


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode ``data`` into text with normalised line ends, or raise :class:`InputError`."""
    return decode(data, source, encoding).text


def _meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB (HTML5 looks no further), if Python
    knows it."""
    head = data[:4096]
    if b"<" not in head:
        return None
    found = _META_CHARSET.search(head)
    if found is None:
        return None
    try:
        return codecs.lookup(found.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _guess(data: bytes, source: str) -> Decoded:
    """Bytes that are not UTF-8: Windows-1252 unless they say otherwise (module docstring)."""
    matches = list(from_bytes(data))
    best = matches[0] if matches else None
    try:
        western: str | None = data.decode(WESTERN)
    except UnicodeDecodeError:
        western = None  # bytes Windows-1252 leaves undefined: not Western text
    chosen: Decoded | None = None
    coherence = 0.0
    if western is not None:
        own = next((m for m in matches if m.encoding == WESTERN or str(m) == western), None)
        coherence = own.coherence if own is not None else 0.0
        if best is not None and str(best) != western and best.coherence > coherence + _COHERENCE_MARGIN:
            pass  # another encoding reads clearly more like a language
        elif _SYMBOL_IN_WORD.search(western):
            readers = sorted(matches, key=lambda m: not m.encoding.startswith("cp125"))  # Windows code pages first, as for Western
            best = next((m for m in readers if str(m) != western and not _SYMBOL_IN_WORD.search(str(m))), None)
        else:
            chosen = Decoded(western, WESTERN)
    if chosen is None:
        if best is None:
            raise InputError(source, "cannot be decoded: not UTF-8 and no other encoding fits (give the encoding with --encoding)")
        chosen, coherence = Decoded(str(best), best.encoding), best.coherence
    rivals = [m for m in matches if m.encoding != chosen.encoding and m.encoding.startswith(_NEWS_CODE_PAGES) and m.chaos < 0.1 and m.coherence >= coherence]
    rival = next((m.encoding for m in rivals if str(m) != chosen.text), None)
    if rival is not None:
        log.warning("%s: not UTF-8; read as %s, a guess (%s reads it differently; give --encoding if that is wrong)", source, chosen.encoding, rival)
    return chosen


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
