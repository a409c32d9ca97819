"""Keep passwords out of every message, log line, page and file trendgraph writes.

Store URIs may carry credentials (``bolt://user:secret@host``) and Neo4j's password
lives in ``NEO4J_PASSWORD``; the app's shared secret in ``TRENDGRAPH_APP_PASSWORD``.
Everything shown to a user passes through ``scrub`` at the edge (CLI errors, app
panels), and URIs are shown only through ``redact_uri``.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

MASK = "***"
SECRET_VARIABLES = ("NEO4J_PASSWORD", "TRENDGRAPH_APP_PASSWORD", "FALKORDB_PASSWORD")
MIN_SECRET = 3  # shorter values would mask ordinary words
# scheme://user:password@  (user may be empty) — the password part is masked.
USERINFO = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^/@\s:]*):(?P<secret>[^/@\s]*)@")
_registered: set[str] = set()


def register_secret(value: str | None) -> None:
    """Remember a secret that came from somewhere other than the environment (a URI)."""
    if value and len(value) >= MIN_SECRET:
        _registered.add(value)


def known_secrets() -> list[str]:
    values = {os.environ.get(name, "") for name in SECRET_VARIABLES} | _registered
    return sorted((v for v in values if len(v) >= MIN_SECRET), key=len, reverse=True)


def redact_uri(uri: str) -> str:
    """The URI with any password replaced by ``***``; never raises, even when malformed."""
    text = USERINFO.sub(lambda m: f"{m['head']}:{MASK}@", uri)
    try:
        parts = urlsplit(text)
        if parts.password and parts.password != MASK:
            text = text.replace(parts.password, MASK)
    except ValueError:
        pass
    return scrub(text)


def scrub(text: str) -> str:
    """``text`` with credentials in URIs and every known secret value masked."""
    text = USERINFO.sub(lambda m: f"{m['head']}:{MASK}@", text)
    for secret in known_secrets():
        text = text.replace(secret, MASK)
    return text
