"""Plain-text and Markdown articles: header lines or YAML front matter, then the body.

A header-less file that holds several articles one after another (title line,
blank line, body; repeated) is split into one document per article.
"""

from __future__ import annotations

import re

import yaml

from ingest import dates
from ingest.document import Item, make_documents
from kg.errors import InputError, Reasons
from kg.model import Document
from kg.ontology import load_ontology

CLASS = load_ontology().names

HEADER = re.compile(r"^(TITLE|URL|LANG|DATE|PLATFORM|AUTHOR|KIND)\s*:\s*(.*)$", re.IGNORECASE)
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
TITLE_MAX = 120
SHORT_POST = 280


def parse_date(value: object, source: str) -> str:
    """A date a user typed (a form field): unreadable is an error here, not a warning."""
    try:
        return dates.parse_date(value, source)
    except dates.UnreadableDate as exc:
        raise InputError(source, Reasons.DATE_UNREADABLE.format(value=str(value)[:60],
                                                                reason=exc)) from None


def read_text(text: str, source: str) -> list[Item]:
    """Documents of one .txt/.md file (with their warnings), or the error rejecting it."""
    meta, body = _split_meta(text, source)
    body = body.strip()
    if not body:
        raise InputError(source, Reasons.NO_TEXT_AFTER_HEADER)
    articles = [] if meta else _split_articles(body)
    if len(articles) > 1:
        return [
            item
            for n, (title, body_text) in enumerate(articles, start=1)
            for item in _document(f"{title}\n\n{body_text}", source=f"{source}#{n}",
                                  meta={"title": title})
        ]
    return _document(body, source=source, meta=meta)


def read_article(text: str, source: str) -> Document:
    """Exactly one document from a text with optional headers (never split)."""
    meta, body = _split_meta(text, source)
    if not body.strip():
        raise InputError(source, Reasons.NO_TEXT_AFTER_HEADER)
    items = _document(body.strip(), source=source, meta=meta)
    if isinstance(items[0], InputError):
        raise items[0]
    return next(item for item in items if isinstance(item, Document))


def _split_meta(text: str, source: str) -> tuple[dict[str, str], str]:
    if match := FRONT_MATTER.match(text):
        try:
            loaded = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as exc:
            raise InputError(source, Reasons.FRONT_MATTER_YAML.format(reason=exc)) from exc
        if not isinstance(loaded, dict):
            raise InputError(source, Reasons.FRONT_MATTER_SHAPE)
        return {str(k).lower(): v for k, v in loaded.items()}, text[match.end():]
    meta: dict[str, str] = {}
    lines = text.splitlines()
    index = 0
    while index < len(lines) and (header := HEADER.match(lines[index].strip())):
        meta[header.group(1).lower()] = header.group(2).strip()
        index += 1
    return meta, "\n".join(lines[index:])


def _is_title(block: str) -> bool:
    line = block.strip()
    return (
        "\n" not in line
        and 0 < len(line) <= TITLE_MAX
        and not line.startswith(("#", "-", "*", ">"))
        and line[-1] not in ".!?…:;,»\")"
    )


def _split_articles(body: str) -> list[tuple[str, str]]:
    """(title, body) pairs when the file is a run of articles; else []."""
    separator = r"\n\s*\n\s*\n" if re.search(r"\n\s*\n\s*\n", body) else r"\n\s*\n"
    chunks = [c.strip() for c in re.split(separator, body) if c.strip()]
    if separator == r"\n\s*\n":
        return []  # one blank line between blocks: headings, not article boundaries
    articles = []
    for chunk in chunks:
        head, _, rest = chunk.partition("\n")
        rest = rest.strip()
        if not (_is_title(head) and rest):
            return []
        articles.append((head.strip(), rest))
    return articles


def _title(meta: dict[str, str], body: str) -> tuple[str, str]:
    """Title from the metadata, a leading Markdown heading, or a leading title line."""
    if meta.get("title"):
        return str(meta["title"]), body
    head, _, rest = body.partition("\n")
    if head.startswith("# "):
        return head[2:].strip(), rest.strip()
    if _is_title(head) and rest.strip():
        return head.strip(), body
    return "", body


def _document(body: str, *, source: str, meta: dict[str, str]) -> list[Item]:
    title, body = _title(meta, body)
    kind = str(meta.get("kind") or (CLASS.Post if len(body) <= SHORT_POST else CLASS.Article))
    kind = kind.capitalize()
    kinds = load_ontology().document_types
    if kind not in kinds:
        return [InputError(source, Reasons.BAD_KIND.format(kinds=" or ".join(kinds), kind=kind))]
    return make_documents(
        body, source=source, kind=kind, title=title or body[:80].split("\n")[0],
        url=meta.get("url") or "", date=meta.get("date") or "", lang=meta.get("lang") or "",
        platform=meta.get("platform") or "", author=meta.get("author") or "",
    )
