"""Build Documents from what a reader found: cleaned fields, a stable identity, a checked date.

Every reader ends here, so every document gets the same treatment: control
characters removed and fields capped (ingest/clean.py), the date read or the
document kept undated with a warning (ingest/dates.py), and an identity from its
source — platform + post id, else URL — with the text hash only as a last resort
(kg.model.source_document_id). A text too long for one spaCy run becomes parts.
"""

from __future__ import annotations

from ingest.clean import PART_CHARS, TEXT_MAX, clean_field, clean_text, split_parts
from ingest.dates import UnreadableDate, parse_date
from kg.errors import InputError, InputWarning, Reasons
from kg.model import Document, document_id, source_document_id
from kg.ontology import load_ontology

CLASS = load_ontology().names

Item = Document | InputError | InputWarning


def make_documents(
    text: str,
    *,
    source: str,
    kind: str = CLASS.Article,
    title: object = "",
    url: object = "",
    date: object = "",
    lang: object = "",
    platform: object = "",
    author: object = "",
    post_id: object = "",
) -> list[Item]:
    """The document(s) of one article or post, or the error that rejects it."""
    body = clean_text(text).strip()
    if not body:
        return [InputError(source, Reasons.EMPTY_TEXT)]
    if len(body) > TEXT_MAX:
        return [InputError(source, Reasons.TEXT_TOO_LONG.format(length=len(body), limit=TEXT_MAX))]
    items: list[Item] = []
    try:
        day = parse_date(date, source)
    except InputError as exc:
        return [exc]
    except UnreadableDate as exc:
        items.append(InputWarning(source, Reasons.UNDATED.format(reason=exc)))
        day = ""
    fields = {"url": clean_field("url", url), "platform": clean_field("platform", platform),
              "author": clean_field("author", author), "title": clean_field("title", title),
              "lang": clean_field("lang", lang).lower()[:2]}
    identity = source_document_id(platform=fields["platform"],
                                  post_id=clean_field("id", post_id), url=fields["url"])
    parts = split_parts(body) if len(body) > PART_CHARS else [body]
    if len(parts) > 1:
        items.append(InputWarning(source, Reasons.SPLIT_TEXT.format(
            length=len(body), parts=len(parts), limit=PART_CHARS)))
    for number, part in enumerate(parts, start=1):
        base = identity or document_id(body)
        title_text = fields["title"] or clean_field("title", part[:80].split("\n")[0])
        items.append(Document(
            id=base if len(parts) == 1 else f"{base}:p{number}",
            text=part, source=source if len(parts) == 1 else f"{source} (part {number})",
            kind=kind,
            title=title_text if len(parts) == 1 else f"{title_text} ({number}/{len(parts)})",
            url=fields["url"], date=day, lang=fields["lang"], platform=fields["platform"],
            author=fields["author"], text_hash=document_id(part),
        ))
    return items
