"""Strict ISO dates. Python 3.11's ``date.fromisoformat`` also accepts ``20250827`` and week dates; we do not."""

from __future__ import annotations

import re
from datetime import date

from ..errors import InputError, shown

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def parse_date(text: str, what: str = "date") -> date:
    """Parse ``YYYY-MM-DD`` or raise an InputError naming ``what`` (an option, a line, a key)."""
    if _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError as exc:
            raise InputError(f"{what}: {shown(text)} is not a real date ({exc})") from None
    raise InputError(f"{what}: {shown(text)} is not a date in the form YYYY-MM-DD")

