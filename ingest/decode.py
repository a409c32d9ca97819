"""Bytes to text: UTF-8 first, then Western encodings, another only when detected with confidence.

A wrong guess silently corrupts every name in the graph ("crème" read as "crčme"
once, through cp1257), so the order is fixed: UTF-8 (with or without BOM), UTF-16
with a BOM, a mostly-UTF-8 file with a few stray Latin-1 bytes (each stray byte
read as cp1252, with a warning), then cp1252 when the text reads as a Latin-script
language, and only then charset-normalizer's guess for other scripts, if it is
clean and coherent. Binary files are refused.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from kg.errors import InputError, Reasons

MAX_CHAOS = 0.1
MIN_COHERENCE = 0.3
WESTERN = ("cp1252", "latin_1", "iso8859_15", "iso8859_10", "iso8859_14", "cp1257", "cp1250",
           "iso8859_2", "iso8859_4", "iso8859_13", "mac_roman", "cp850", "cp437", "ascii")
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):  # registered for decoding only
        raise error
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("trendgraph-cp1252", _cp1252_fallback)


def decode(data: bytes, source: str, warnings: list[str] | None = None) -> str:
    """Return the text of ``data`` or raise InputError naming ``source``.

    ``warnings`` receives a note when the file had to be read in another encoding.
    """
    if not data.strip():
        raise InputError(source, Reasons.EMPTY_FILE)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(source, Reasons.BAD_UTF16.format(byte=exc.start)) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if b"\x00" in data[:8192]:
        raise InputError(source, Reasons.BINARY_FILE)
    note = warnings if warnings is not None else []
    if len(UTF8_MULTIBYTE.findall(data)) >= 2:  # real UTF-8 with a few stray bytes
        text = data.decode("utf-8", errors="trendgraph-cp1252")
        note.append(f"mixed encodings: mostly UTF-8, with bytes from byte {first_bad} on read "
                    "as Windows-1252")
        return text
    best = from_bytes(data).best()
    confident = best is not None and best.chaos <= MAX_CHAOS and best.coherence >= MIN_COHERENCE
    if best is None or best.encoding in WESTERN or not confident:
        western = _western(data)
        if western is not None:
            note.append("not UTF-8: read as Windows-1252 (Western European)")
            return western
    if confident and best is not None:
        note.append(f"not UTF-8: read as {best.encoding} (detected)")
        return str(best)
    raise InputError(source, Reasons.BAD_ENCODING.format(byte=first_bad))


def _western(data: bytes) -> str | None:
    """cp1252 text when it reads as a Latin-script language, else None."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin_1")
    odd = sum(1 for c in text if "\x80" <= c <= "\x9f" or (c < " " and c not in "\t\n\r"))
    letters = [c for c in text if c.isalpha()]
    if not letters or odd:
        return None
    latin = sum(1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f" or c in "œŒšŠžŽŸƒ")
    return text if latin / len(letters) >= 0.98 else None
