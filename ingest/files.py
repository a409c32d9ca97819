"""Walk files and folders and read each supported file into documents.

Every file yields one ``FileRead``: its documents and its errors, so one bad file
or row never stops the rest of the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ingest import tabular, text, web
from ingest.decode import decode
from kg.errors import InputError
from kg.model import Document

Reader = Callable[[str, str], Iterable[Document | InputError]]

READERS: dict[str, Reader] = {
    ".txt": text.read_text,
    ".md": text.read_text,
    ".markdown": text.read_text,
    ".csv": tabular.read_csv,
    ".jsonl": tabular.read_jsonl,
    ".ndjson": tabular.read_jsonl,
    ".json": tabular.read_jsonl,
    ".html": web.read_html,
    ".htm": web.read_html,
    ".xml": web.read_feed,
    ".rss": web.read_feed,
    ".atom": web.read_feed,
}


@dataclass(slots=True)
class FileRead:
    path: str
    documents: list[Document] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Supported files under ``paths`` (sorted, hidden files skipped), and bad paths."""
    files: list[Path] = []
    errors: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in READERS
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.name.lower() != "readme.md"
            )
        elif path.is_file():
            if path.suffix.lower() in READERS:
                files.append(path)
            else:
                supported = ", ".join(sorted(READERS))
                errors.append(InputError(str(path), f"unsupported file type (use {supported})"))
        else:
            errors.append(InputError(str(path), "no such file or folder"))
    return files, errors


def read_file(path: Path, *, name: str | None = None) -> FileRead:
    """Read one file; ``name`` labels uploads whose temporary path means nothing."""
    source = name or str(path)
    result = FileRead(path=source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        result.errors.append(InputError(source, f"cannot read the file: {exc.strerror}"))
        return result
    return read_bytes(data, source=source, suffix=path.suffix, into=result)


def read_bytes(data: bytes, *, source: str, suffix: str, into: FileRead | None = None) -> FileRead:
    result = into or FileRead(path=source)
    reader = READERS.get(suffix.lower())
    if reader is None:
        result.errors.append(InputError(source, f"unsupported file type {suffix!r}"))
        return result
    try:
        for item in reader(decode(data, source), source):
            if isinstance(item, InputError):
                result.errors.append(item)
            else:
                result.documents.append(item)
    except InputError as exc:
        result.errors.append(exc)
    return result


def read_paths(paths: Iterable[str | Path]) -> Iterator[FileRead]:
    files, errors = expand(paths)
    for error in errors:
        yield FileRead(path=error.source, errors=[error])
    for path in files:
        yield read_file(path)
