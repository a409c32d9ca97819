"""Walk files and folders and read each supported file into documents.

Every file yields one ``FileRead``: its documents, its errors and its warnings, so
one bad file or row never stops the rest of the batch, and nothing a reader meets
(a library's own exception, a nesting too deep for Python) escapes as a traceback.
Folders are walked without following links to folders; a link that loops or points
nowhere, a FIFO or device, and a file too large to be text are reported, not read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ingest import tabular, text, web
from ingest.clean import display_name
from ingest.decode import decode
from kg.errors import InputError, InputWarning, Reasons
from kg.model import Document

Reader = Callable[[str, str], Iterable[Document | InputError | InputWarning]]

READERS: dict[str, Reader] = {
    ".txt": text.read_text,
    ".md": text.read_text,
    ".markdown": text.read_text,
    ".csv": tabular.read_csv,
    ".jsonl": tabular.read_jsonl,
    ".ndjson": tabular.read_jsonl,
    ".json": tabular.read_json,
    ".html": web.read_html,
    ".htm": web.read_html,
    ".xml": web.read_feed,
    ".rss": web.read_feed,
    ".atom": web.read_feed,
}
MAX_FILE_BYTES = int(os.environ.get("TRENDGRAPH_MAX_FILE_BYTES", 50 * 1024 * 1024))


@dataclass(slots=True)
class FileRead:
    path: str
    documents: list[Document] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)

    def add(self, item: Document | InputError | InputWarning) -> None:
        """File a reader's item under documents, errors or warnings."""
        if isinstance(item, InputError):
            self.errors.append(item)
        elif isinstance(item, InputWarning):
            self.warnings.append(item)
        else:
            self.documents.append(item)


def expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Supported files under ``paths`` (sorted, hidden files skipped), and bad paths."""
    files: list[Path] = []
    errors: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        label = display_name(str(path))
        if path.is_symlink() and not _resolves(path):
            errors.append(InputError(label, Reasons.BROKEN_LINK))
        elif path.is_dir():
            found = list(_walk(path, errors))
            if not found:
                errors.append(InputError(label, Reasons.EMPTY_FOLDER.format(
                    suffixes=", ".join(sorted(READERS)))))
            files.extend(found)
        elif path.exists():
            if path.suffix.lower() in READERS:
                files.append(path)
            else:
                supported = ", ".join(sorted(READERS))
                reason = Reasons.UNSUPPORTED_TYPE.format(suffixes=supported)
                errors.append(InputError(label, reason))
        else:
            errors.append(InputError(label, Reasons.NO_SUCH_PATH))
    return files, errors


def _walk(folder: Path, errors: list[InputError]) -> Iterator[Path]:
    found: list[Path] = []
    for root, dirs, names in os.walk(folder, followlinks=False, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            path = Path(root) / name
            if name.startswith(".") or path.suffix.lower() not in READERS \
                    or name.lower() == "readme.md":
                continue
            if path.is_symlink() and not _resolves(path):
                errors.append(InputError(display_name(str(path)), Reasons.BROKEN_LINK))
                continue
            found.append(path)
    return iter(sorted(found))


def _resolves(path: Path) -> bool:
    try:
        path.resolve(strict=True)
        return True
    except (OSError, RuntimeError):  # ELOOP, a dangling link
        return False


def read_file(path: Path, *, name: str | None = None) -> FileRead:
    """Read one file; ``name`` labels uploads whose temporary path means nothing."""
    source = display_name(name or str(path))
    result = FileRead(path=source)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(source, Reasons.NOT_REGULAR)
        if info.st_size > MAX_FILE_BYTES:
            raise InputError(source, Reasons.FILE_TOO_BIG.format(size=info.st_size,
                                                                 limit=MAX_FILE_BYTES))
        data = path.read_bytes()
    except InputError as exc:
        result.errors.append(exc)
        return result
    except OSError as exc:
        reason = Reasons.UNREADABLE_FILE.format(reason=exc.strerror)
        result.errors.append(InputError(source, reason))
        return result
    return read_bytes(data, source=source, suffix=path.suffix, into=result)


def read_bytes(data: bytes, *, source: str, suffix: str, into: FileRead | None = None) -> FileRead:
    result = into or FileRead(path=source)
    reader = READERS.get(suffix.lower())
    if reader is None:
        result.errors.append(InputError(source, Reasons.UNSUPPORTED_SUFFIX.format(suffix=suffix)))
        return result
    notes: list[str] = []
    try:
        for item in reader(decode(data, source, notes), source):
            result.add(item)
    except InputError as exc:
        result.errors.append(exc)
    except RecursionError:
        result.errors.append(InputError(source, Reasons.TOO_DEEP))
    except Exception as exc:  # a reader library's own failure: name the file, go on
        result.errors.append(InputError(source, Reasons.READER_FAILED.format(
            kind=type(exc).__name__, reason=str(exc)[:200])))
    result.warnings[:0] = [InputWarning(source, note) for note in notes]
    return result


def read_paths(paths: Iterable[str | Path]) -> Iterator[FileRead]:
    """Every file under ``paths``, read (bad paths as FileReads holding their error)."""
    return read_expanded(*expand(paths))


def read_expanded(files: Iterable[Path], errors: Iterable[InputError] = ()
                  ) -> Iterator[FileRead]:
    """What ``expand`` found, read: for a caller that counted the files first."""
    for error in errors:
        yield FileRead(path=error.source, errors=[error])
    for path in files:
        yield read_file(path)
