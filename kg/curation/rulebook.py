"""The rules file: one JSON object per line, beside the store unless told otherwise.

A file (not the graph) so that `trendgraph reset` and a rebuilt store keep every
decision, the rules can be reviewed and versioned like any other project file,
and the same rules can be replayed on a new store. Lines are only appended, except
by an undo, which rewrites the file atomically.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_dir

from kg.curation.rules import Rule, describe, rule_from_dict, rule_to_dict
from kg.errors import CurationError, Errors

if TYPE_CHECKING:
    from kg.store import GraphStore

ENV = "TRENDGRAPH_RULES"


@dataclass(frozen=True, slots=True)
class Entry:
    """One stored rule with its number (what `curate undo N` takes), time and author."""

    id: int
    rule: Rule
    at: str = ""
    by: str = ""
    note: str = ""
    label: str = ""
    """The rule in words, with the names it had when it was made (ids alone may be gone)."""


def default_path(store: GraphStore) -> Path:
    """``$TRENDGRAPH_RULES``, else ``NAME.rules.jsonl`` beside an embedded store's file,
    else a file in the user's data directory named after the identity the server's
    database keeps (not its address: a wiped or replaced database starts with no rules,
    and the same database reached by another address keeps them)."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).expanduser()
    if store.traits.embedded:
        location = Path(store.location)
        return location.with_name(location.stem + ".rules.jsonl")
    folder = Path(user_data_dir("trendgraph", appauthor=False)) / "rules"
    path = folder / f"{store.identity()}.jsonl"
    _adopt_address_named(folder / f"{_address_name(store.location)}.jsonl", path)
    return path


def _address_name(location: str) -> str:
    """How rules files of a server were named before the database kept an identity."""
    return re.sub(r"[^A-Za-z0-9]+", "_", location).strip("_")


def _adopt_address_named(old: Path, path: Path) -> None:
    """Move a rules file named after the server's address to the identity's name, once:
    the rules made before identities existed keep applying, and the address file is gone
    so another database later reached at that address does not inherit them. A file
    already at the identity's name is never overwritten."""
    if old.is_file() and not path.exists():
        try:
            os.replace(old, path)
        except OSError as exc:
            raise CurationError(Errors.RULES_MOVE.format(old=old, path=path, reason=exc)) from exc


class RuleBook:
    """The rules of one store, read from and written to ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @classmethod
    def for_store(cls, store: GraphStore, path: Path | str | None = None) -> RuleBook:
        return cls(Path(path) if path else default_path(store))

    def entries(self) -> list[Entry]:
        """Every rule in order; CurationError naming the file and line of a bad one."""
        if not self.path.exists():
            return []
        found = []
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CurationError(Errors.RULES_READ.format(path=self.path, reason=exc)) from exc
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                found.append(Entry(id=int(data["id"]), rule=rule_from_dict(data),
                                   at=str(data.get("at") or ""), by=str(data.get("by") or ""),
                                   note=str(data.get("note") or ""),
                                   label=str(data.get("label") or "")))
            except (ValueError, KeyError, TypeError, CurationError) as exc:
                raise CurationError(Errors.RULE_LINE.format(path=self.path, number=number,
                                                            reason=exc)) from exc
        return found

    @property
    def rules(self) -> list[Rule]:
        return [entry.rule for entry in self.entries()]

    def add(self, rules: Iterable[Rule], *, by: str = "", note: str = "",
            labels: Iterable[str] = ()) -> list[Entry]:
        """Append rules (numbered after the last one) and return their entries."""
        rules, labels = list(rules), list(labels)
        existing = self.entries()
        next_id = max((e.id for e in existing), default=0) + 1
        at = datetime.now(UTC).isoformat(timespec="seconds")
        added = [Entry(id=next_id + n, rule=rule, at=at, by=by, note=note,
                       label=labels[n] if n < len(labels) else describe(rule))
                 for n, rule in enumerate(rules)]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            for entry in added:
                handle.write(_line(entry))
        return added

    def remove(self, entry_id: int | None = None) -> Entry:
        """Take out one rule (the last one by default) and return it."""
        entries = self.entries()
        if not entries:
            raise CurationError(Errors.RULE_NONE.format(path=self.path))
        wanted = entries[-1].id if entry_id is None else entry_id
        gone = next((e for e in entries if e.id == wanted), None)
        if gone is None:
            raise CurationError(Errors.RULE_NUMBER.format(number=wanted, path=self.path))
        self._rewrite([e for e in entries if e.id != wanted])
        return gone

    def restore(self, entry: Entry) -> None:
        """Put a removed entry back in its place (when applying its removal failed)."""
        entries = sorted([*self.entries(), entry], key=lambda e: e.id)
        self._rewrite(entries)

    def _rewrite(self, entries: list[Entry]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name,
                                        suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.writelines(_line(e) for e in entries)
        os.replace(temp, self.path)


def _line(entry: Entry) -> str:
    data = {"id": entry.id, **rule_to_dict(entry.rule), "at": entry.at, "by": entry.by,
            "note": entry.note, "label": entry.label}
    return json.dumps(data, ensure_ascii=False) + "\n"
