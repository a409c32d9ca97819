"""Documents given directly rather than as files: pasted text, or the address of a page.

Both come back as a ``FileRead`` like any file, so the one ingest flow stores
them and reports their errors the same way. A page is downloaded with
trafilatura and read like a saved HTML page (main text, title, date, site);
its address becomes the document's URL. Addresses on this machine or a private
network are refused (trafilatura's SSRF protection, and a check here so the
message says why) unless ``allow_private`` or TRENDGRAPH_ALLOW_PRIVATE_URLS=1.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from dataclasses import replace
from urllib.parse import urlparse

from ingest.files import FileRead
from ingest.text import parse_date, read_article
from ingest.web import read_html
from kg.errors import InputError, Reasons
from kg.model import Document

PASTED = "pasted text"
ALLOW_PRIVATE = "TRENDGRAPH_ALLOW_PRIVATE_URLS"


def read_pasted(text: str, *, title: str = "", date: str = "", lang: str = "",
                url: str = "", source: str = PASTED) -> FileRead:
    """One document from pasted text; the optional fields override its header lines."""
    result = FileRead(path=source)
    try:
        document = read_article(text, source)
        fields = {"title": title.strip(), "date": parse_date(date, source), "url": url.strip(),
                  "lang": lang.strip().lower()[:2]}
        result.documents.append(replace(document, **{k: v for k, v in fields.items() if v}))
    except InputError as exc:
        result.errors.append(exc)
    return result


def private_allowed() -> bool:
    return os.environ.get(ALLOW_PRIVATE, "").lower() in ("1", "true", "yes")


def _private(host: str) -> bool:
    """The host resolves to a loopback, private or link-local address."""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False  # unresolvable: the download reports it
    return any(not ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_global for info in infos)


def fetch_page(url: str, *, allow_private: bool | None = None) -> FileRead:
    """Download one web page and read its main text; errors name the address."""
    from trafilatura.downloads import fetch_response
    from trafilatura.settings import use_config

    address = url.strip()
    result = FileRead(path=address)
    parsed = urlparse(address)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        result.errors.append(InputError(address or "(empty address)", Reasons.NOT_AN_ADDRESS))
        return result
    allow = private_allowed() if allow_private is None else allow_private
    if not allow and _private(parsed.hostname or ""):
        result.errors.append(InputError(address, Reasons.PRIVATE_ADDRESS.format(
            variable=ALLOW_PRIVATE)))
        return result
    config = use_config()
    config.set("DEFAULT", "SSRF_PROTECTION", "off" if allow else "on")
    response = fetch_response(address, decode=True, config=config)
    if response is None:
        result.errors.append(InputError(address, Reasons.NOT_DOWNLOADED))
        return result
    if response.status != 200 or not response.html:
        result.errors.append(InputError(address, Reasons.HTTP_STATUS.format(
            status=response.status)))
        return result
    try:
        items = read_html(response.html, address)
    except InputError as exc:
        result.errors.append(exc)
        return result
    for item in items:
        result.add(replace(item, url=item.url or address) if isinstance(item, Document) else item)
    return result
