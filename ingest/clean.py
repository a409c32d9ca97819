"""Make any text safe for every later step: no NUL or control characters, bounded sizes.

A NUL byte failed a whole write batch, a vertical tab broke the XLSX and GraphML
exports, a lone surrogate from a JSON escape cannot be encoded at all, and a
5,000-letter hashtag crashed the embedded database: every field of a Document
passes through here, and texts too long for one spaCy run are cut into parts.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab/newline/carriage return, DEL, C1 controls, lone surrogates,
# and non-characters: none of them means anything in an article or a post.
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
LINE_BREAKS = re.compile(r"[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
FIELD_MAX = {"title": 300, "author": 200, "platform": 100, "url": 2000, "id": 200,
             "lang": 8}
PART_CHARS = 100_000  # characters of one document handed to spaCy at once
TEXT_MAX = 1_000_000  # a single post or row longer than this is refused


def clean_text(text: str) -> str:
    """NFC text with line-like controls turned into newlines and the others removed."""
    text = LINE_BREAKS.sub("\n", text)
    text = CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def clean_field(name: str, value: object) -> str:
    """A one-line metadata value (title, author…), cleaned and capped."""
    text = " ".join(clean_text(str(value if value is not None else "")).split())
    limit = FIELD_MAX.get(name, 500)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def split_parts(text: str, size: int = PART_CHARS) -> list[str]:
    """Cut a long text into parts of at most ``size`` characters, at a paragraph or
    sentence end when one is near, so no part exceeds what spaCy takes in one run."""
    parts: list[str] = []
    while len(text) > size:
        window = text[:size]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "))
        cut = cut + 1 if cut > size // 2 else size
        parts.append(text[:cut].strip())
        text = text[cut:]
    if text.strip():
        parts.append(text.strip())
    return [p for p in parts if p]


def display_name(name: str) -> str:
    """A file name as it can be printed: odd bytes and control characters escaped."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in name)
