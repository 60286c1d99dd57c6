"""Strict ISO dates. Python 3.11's ``date.fromisoformat`` also accepts ``20250827`` and week dates; we do not."""

from __future__ import annotations

import re
from datetime import date

from ..errors import InputError, shown

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
FIRST_DAY = date(1900, 1, 1)  # no treaty here is older: an earlier year is a typing slip (0001-01-01, 1025 for 2025)


def parse_date(text: str, what: str = "date") -> date:
    """Parse ``YYYY-MM-DD`` in the years 1900 to 9999, or raise an InputError naming ``what`` (an option, a line)."""
    if _ISO_DATE.fullmatch(text):
        try:
            day = date.fromisoformat(text)
        except ValueError as exc:
            raise InputError(f"{what}: {shown(text)} is not a real date ({exc})") from None
        if day < FIRST_DAY:
            raise InputError(f"{what}: {shown(text)} is outside the years 1900 to 9999")
        return day
    raise InputError(f"{what}: {shown(text)} is not a date in the form YYYY-MM-DD")

