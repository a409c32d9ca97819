"""Readable text of an evaluation: splits side by side, then relations and merges.

Takes either one split's report or ``{"splits": {name: report}}``. Misses appear only
when the report holds them (``--details`` on a dev split).
"""

from __future__ import annotations

import io
from typing import Any

COLUMNS = ("P", "R", "F1", "gold", "base F1")


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _splits(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    if "splits" in report:
        return report["splits"]
    return {report.get("split", "gold"): report}


def _entity_table(splits: dict[str, dict[str, Any]]) -> Any:
    from rich.table import Table

    names = ", ".join(f"{name} ({r['documents']} docs)" for name, r in splits.items())
    table = Table(title=f"Entities — {names}")
    table.add_column("type")
    for name in splits:
        for column in COLUMNS:
            table.add_column(f"{name} {column}" if column == "F1" else column, justify="right")
    types = sorted({t for r in splits.values() for t in r["entities"]["by_type"]})
    for label in [*types, "core types", "overall"]:
        row = [label]
        for r in splits.values():
            key = {"core types": "core_types", "overall": "overall"}.get(label)
            scores = r["entities"][key] if key else r["entities"]["by_type"].get(label, {})
            base = r.get("baseline", {}).get("entities", {})
            base = base.get(key, {}) if key else base.get("by_type", {}).get(label, {})
            row += [_pct(scores.get("precision")), _pct(scores.get("recall")),
                    _pct(scores.get("f1")), str(scores.get("gold", "")), _pct(base.get("f1"))]
        table.add_row(*row)
    return table


def _summary(name: str, r: dict[str, Any]) -> list[str]:
    rel = r["relations"]
    lines = [f"[{name}] relations (unordered pairs of matched entities): "
             f"P {_pct(rel['precision'])}, R {_pct(rel['recall'])}, F1 {_pct(rel['f1'])} "
             f"({rel['correct']}/{rel['predicted']} predicted, {rel['found']}/{rel['gold']} gold); "
             f"typed as the gold kind {rel['typed_correctly']}/{rel['correct']}"]
    base_rel = r.get("baseline", {}).get("relations")
    if base_rel:
        lines.append(f"[{name}] baseline relations: P {_pct(base_rel['precision'])}, "
                     f"R {_pct(base_rel['recall'])}, F1 {_pct(base_rel['f1'])}")
    merges = r.get("merges")
    if merges:
        parts = []
        for scope in ("all", "across_names"):
            m = merges[scope]
            parts.append(f"{scope.replace('_', ' ')} P {_pct(m['precision'])} "
                         f"R {_pct(m['recall'])} ({m['correct_pairs']}/{m['system_pairs']} "
                         f"merged pairs right, {m['gold_pairs']} gold pairs)")
        lines.append(f"[{name}] merges over {merges['items']} found entities: "
                     + "; ".join(parts))
    if "unlisted_trend_recall" in r:
        u = r["unlisted_trends"]
        lines.append(f"[{name}] trend recall on gold trends absent from the lexicon: "
                     f"{_pct(r['unlisted_trend_recall'])} ({u['found']}/{u['gold']})")
    if "gain_over_baseline" in r:
        lines.append(f"[{name}] overall F1 gain over the NER-only baseline: "
                     f"{r['gain_over_baseline']['f1']:+.3f}")
    return lines


def _details(name: str, r: dict[str, Any], limit: int) -> list[str]:
    lines: list[str] = []
    sections = (("Misses", "misses", "{name} [{type}]"),
                ("False positives", "false_positives", "{name} [{type}]"),
                ("Relation misses", "relation_misses", "{source} — {target} ({kind})"),
                ("Relation false positives", "relation_false_positives",
                 "{source} — {target} [{type} {confidence}] {evidence}"))
    for title, key, pattern in sections:
        items = r.get(key)
        if items is None:
            continue
        lines.append(f"\n[{name}] {title} ({len(items)}):")
        for item in items[:limit]:
            extra = f" (gold says {item['gold_type']})" if "gold_type" in item else ""
            lines.append(f"  {item['doc']}: {pattern.format(**item)}{extra}")
        if len(items) > limit:
            lines.append(f"  … and {len(items) - limit} more (use --json for all)")
    errors = r.get("merge_errors")
    if errors:
        lines.append(f"\n[{name}] wrong merges: {errors['wrong'][:limit]}")
        lines.append(f"[{name}] missed merges: {errors['missed'][:limit]}")
    return lines


def format_report(report: dict[str, Any], *, limit: int = 40) -> str:
    """A readable text report (rich table) of one split or of several side by side."""
    from rich.console import Console

    splits = _splits(report)
    buffer = io.StringIO()
    console = Console(file=buffer, width=40 + 40 * len(splits), color_system=None,
                      force_terminal=False)
    console.print(_entity_table(splits))
    for name, r in splits.items():
        for line in _summary(name, r):
            console.print(line, highlight=False, soft_wrap=True, markup=False)
    for name, r in splits.items():
        for line in _details(name, r, limit):
            console.print(line, highlight=False, soft_wrap=True, markup=False)
    return buffer.getvalue()
