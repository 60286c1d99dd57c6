"""Text helpers shared by the human renderers (tables, HTML, calendars); no Rich here."""

from __future__ import annotations

import re
import textwrap
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..projection.timeline import NotProjected

if TYPE_CHECKING:
    from ..data.model import Source

# Why a date is empty, in a few words for a table cell or a chart label (the caption gives the as-of date)
NOT_PROJECTED = {NotProjected.NOT_A_PARTY: "not a party", NotProjected.NOT_A_WITHDRAWAL: "no withdrawal decided",
                 NotProjected.NO_DECISION: "no withdrawal decided",
                 NotProjected.NO_INSTRUMENT: "no instrument on record"}

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


def short_publisher(publisher: str) -> str:
    """A publisher's name for a table cell: without its parenthetical gloss ("ERR News (Eesti Rahvusringhääling)" ->
    "ERR News"), or its acronym when the name is long ("International Campaign ... (ICBL-CMC)" -> "ICBL-CMC"). The
    full name is in the numbered notes."""
    name, sep, rest = publisher.partition(" (")
    inner = rest.rstrip(")")
    if sep and len(name) > 30 and inner and " " not in inner and len(inner) <= 12:
        return clean(inner)
    return clean(name if sep else publisher)


def cited_label(source: Source) -> str:
    """A source in one line: its publisher, short, and its kind ("ERR News, press")."""
    return f"{short_publisher(source.publisher)}, {source.kind}"


class Sources:
    """Numbers every source once (by key), in order of first use, for the notes under a table or a report."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.records: dict[str, Source] = {}

    def number(self, source: Source) -> int:
        self.records.setdefault(source.key, source)
        return self.numbers.setdefault(source.key, len(self.numbers) + 1)

    def notes(self, width: int = 80) -> list[str]:
        """Per source, ``[n] address`` whole (a long address is never broken, so it can be copied), then its
        publisher, kind and title wrapped to ``width``, and the copy that was read (``via``), also whole."""
        lines = []
        for key, n in self.numbers.items():
            source = self.records[key]
            lines.append(f"[{n}] {clean(source.url)}")
            about = f"{clean(source.publisher)}, {source.kind}: {clean(source.title)}"
            if source.published:
                about += f" ({source.published})"
            if not source.checked:
                about += " [address kept from an earlier record; its page could not be read again]"
            lines += textwrap.wrap(about, width, initial_indent="    ", subsequent_indent="    ")
            if source.via:
                lines.append(f"    read via {clean(source.via)}")
        return lines
