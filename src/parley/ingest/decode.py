"""Bytes to text: BOMs, encodings and line ends, with a clear refusal for binary input.

charset-normalizer guesses the encoding when the bytes are not UTF-8; a BOM wins over any
guess. Windows (CRLF) and old Mac (CR) line ends become "\\n" so that offsets are the same
whichever platform wrote the file.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..errors import InputError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# Control characters that never occur in text files (everything below 0x20 but tab, LF, FF, CR).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def check_size(data: bytes, source: str, max_bytes: int) -> None:
    if not data.strip():
        raise InputError(source, "the input is empty")
    if len(data) > max_bytes:
        raise InputError(source, f"the input is {len(data):,} bytes, over the limit of {max_bytes:,} (input.max_bytes)")


def decode_bytes(data: bytes, source: str) -> str:
    """Decode ``data`` into text with normalised line ends, or raise :class:`InputError`."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return normalise_newlines(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise InputError(source, f"starts with a {encoding} byte-order mark but is not {encoding}: {exc.reason}") from None
    sample = data[:8192]
    if sample.count(0) or sum(sample.count(bytes([b])) for b in _BINARY_BYTES) > len(sample) // 100:
        raise InputError(source, "looks like a binary file, not text (it contains control bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise InputError(source, "cannot be decoded: not UTF-8 and no other encoding fits") from None
        text = str(best)
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
