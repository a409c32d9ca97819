"""Saved web pages and RSS/Atom feeds, read with trafilatura and feedparser."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ingest.document import Item, make_documents
from kg.errors import InputError, Reasons
from kg.ontology import load_ontology

CLASS = load_ontology().names


def read_html(text: str, source: str) -> list[Item]:
    """The main text of a saved page, without menus, ads or comments."""
    import trafilatura

    extracted = trafilatura.extract(text, output_format="json", with_metadata=True)
    if not extracted:
        raise InputError(source, Reasons.NO_ARTICLE)
    page = json.loads(extracted)
    body = (page.get("text") or "").strip()
    if not body:
        raise InputError(source, Reasons.NO_ARTICLE)
    return make_documents(
        body, source=source, kind=CLASS.Article, title=page.get("title") or body[:80],
        url=page.get("source") or "", date=page.get("date") or "",
        lang=page.get("language") or "", platform=page.get("sitename") or "",
        author=page.get("author") or "",
    )


def read_feed(text: str, source: str) -> Iterator[Item]:
    """One document per feed entry; an entry without text is reported, not fatal."""
    import feedparser
    import trafilatura

    feed = feedparser.parse(text)
    if feed.bozo and not feed.entries:
        yield InputError(source, Reasons.BAD_FEED.format(reason=feed.bozo_exception))
        return
    platform = feed.feed.get("title", "")
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{source}:entry {number}"
        html = (entry.get("content") or [{}])[0].get("value") or entry.get("summary", "")
        body = (trafilatura.extract(f"<html><body>{html}</body></html>") or "").strip()
        title = entry.get("title", "")
        if not body and not title:
            yield InputError(where, Reasons.EMPTY_ENTRY)
            continue
        text = f"{title}\n\n{body}".strip()
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        date = f"{published.tm_year:04d}-{published.tm_mon:02d}-{published.tm_mday:02d}" \
            if published else ""
        yield from make_documents(
            text, source=where, kind=CLASS.Article, title=title, url=entry.get("link", ""),
            date=date, lang=feed.feed.get("language") or "", platform=platform,
            author=entry.get("author", ""), post_id=entry.get("id", "") if platform else "",
        )
