"""Dates as users write them: ISO, partial ISO, and common French and English formats.

A wrong date corrupts every trend curve, so impossible and far-future dates are
refused (the row or file is reported); a date nobody can read leaves the document
undated, with a warning, because its text is still worth having.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from kg.errors import InputError, Reasons

EARLIEST = date(1900, 1, 1)
FUTURE_MARGIN = timedelta(days=2)  # time zones, and exports stamped in tomorrow's UTC
PARTIAL_ISO = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2}))?$")
FULL_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[T ].*)?$")
UNKNOWN = frozenset({"unknown", "inconnu", "inconnue", "n/a", "na", "none", "null", "-", "?",
                     "tbd", "nd", "s.d.", "sans date", "undated"})
SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY", "REQUIRE_PARTS": ["year"],
            "PARSERS": ["custom-formats", "absolute-time"], "RETURN_AS_TIMEZONE_AWARE": False}


class UnreadableDate(ValueError):
    """The value is not a date anyone could read; the document stays undated."""


def parse_date(value: object, source: str, *, today: date | None = None) -> str:
    """``YYYY-MM-DD``, or "" for no date; InputError for an impossible or future date,
    UnreadableDate (a ValueError) for text that is no date at all."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return _checked(value, str(value), source, today)
    text = " ".join(str(value).split())
    if not text or text.lower() in UNKNOWN:
        raise UnreadableDate(f"date {text!r} is unknown")
    if match := FULL_ISO.match(text) or PARTIAL_ISO.match(text):
        parts = match.groupdict()
        try:
            day = date(int(parts["year"]), int(parts.get("month") or 1),
                       int(parts.get("day") or 1))
        except ValueError as exc:
            raise InputError(source, Reasons.DATE_IMPOSSIBLE.format(value=text, reason=exc)
                             ) from exc
        return _checked(day, text, source, today)
    return _checked(_free_text(text), text, source, today)


def _free_text(text: str) -> date:
    import dateparser

    try:
        parsed = dateparser.parse(text, languages=["fr", "en"], settings=SETTINGS)
    except (ValueError, OverflowError, RecursionError):
        parsed = None
    if parsed is None:
        raise UnreadableDate(f"date {text[:60]!r} could not be read")
    return parsed.date()


def _checked(day: date, text: str, source: str, today: date | None) -> str:
    latest = (today or date.today()) + FUTURE_MARGIN
    if day > latest:
        raise InputError(source, Reasons.DATE_FUTURE.format(value=text, latest=latest))
    if day < EARLIEST:
        raise InputError(source, Reasons.DATE_TOO_OLD.format(value=text, year=EARLIEST.year))
    return day.isoformat()
