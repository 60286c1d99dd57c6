"""The output formats and a chart's options: what every renderer and the command line's options name."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Format(StrEnum):
    """The output formats; each command accepts those that suit its result."""

    TABLE = "table"
    JSON = "json"
    NDJSON = "ndjson"
    CSV = "csv"
    MARKDOWN = "markdown"
    ICS = "ics"
    SVG = "svg"
    PNG = "png"
    PDF = "pdf"
    HTML = "html"
    TEXT = "text"  # text a command wrote itself (a rules template), passed through


BINARY = (Format.PNG, Format.PDF)
CHARTS = (Format.SVG, *BINARY)


@dataclass(frozen=True, slots=True)
class ChartOptions:
    """How to draw a chart: ``size`` in pixels at 100 per inch (None: ``width`` wide, the height by the rows), the
    PNG's resolution (200 doubles its pixels, the layout unchanged), and a title in place of the default ("" for
    none; in a page, its heading). A page's chart is 960 pixels wide: readable on a phone, where it scrolls in its
    box."""

    size: tuple[int, int] | None = None
    dpi: int = 100
    title: str | None = None
    width: int = 1200
