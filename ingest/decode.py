"""Bytes to text: UTF-8 first, another encoding only when it is detected with confidence."""

from __future__ import annotations

from charset_normalizer import from_bytes

from kg.errors import InputError

MAX_CHAOS = 0.1
MIN_COHERENCE = 0.3


def decode(data: bytes, source: str) -> str:
    """Return the text of ``data`` or raise InputError naming ``source``.

    A wrong guess silently corrupts every name in the graph, so a non-UTF-8 file
    is accepted only when charset-normalizer finds a clean, coherent decoding.
    """
    if not data.strip():
        raise InputError(source, "the file is empty")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        best = from_bytes(data).best()
        if best is not None and best.chaos <= MAX_CHAOS and best.coherence >= MIN_COHERENCE:
            return str(best)
        raise InputError(
            source,
            f"not valid UTF-8 (byte {exc.start}) and no other encoding could be detected "
            "with confidence; re-save the file as UTF-8",
        ) from exc
