"""Text helpers shared by the human renderers (tables, HTML, calendars); no Rich here."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_URL = re.compile(r"https?://[^\s]+$")


def clean(text: str | None) -> str:
    """Drop terminal control characters (escape sequences, bells) from text we did not write."""
    if not text:
        return ""
    if text.isprintable():  # the common case, checked in C
        return text
    return "".join(ch for ch in text if ch.isprintable() or ch in "\n\t")


def href(address: str) -> str | None:
    """``address`` if it is an http(s) URL (one word), else None: only these become links."""
    return address if _URL.match(address) else None


def site(address: str) -> str:
    """A source's short label: its host without ``www.`` (``sejm.gov.pl``), or the text itself if not a URL."""
    host = urlsplit(address).hostname if href(address) else None
    return host.removeprefix("www.") if host else clean(address)


class Sources:
    """Numbers every source once, in order of first use, for the notes under a table or a report."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def number(self, address: str) -> int:
        return self.numbers.setdefault(address, len(self.numbers) + 1)

    def notes(self) -> list[str]:
        """``[n] address`` lines, each whole: a long address is never broken, so it can be copied."""
        return [f"[{n}] {clean(address)}" for address, n in self.numbers.items()]
