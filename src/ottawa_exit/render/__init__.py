"""The one output layer: ``render(fmt, result)`` turns any result the library returns into the text of one format.

The machine formats (JSON, NDJSON, CSV) write the result's documents (``ottawa_exit.documents``); the human ones
read the typed result itself: a ``Timeline``, a ``Comparison``, ``Countries``, ``Parties``, a ``State`` (its
procedure), a ``Backtest``, ``Treaties``, ``Withdrawals`` or a ``RulesCheck``. Renderers never compute dates.

This is the one place that imports a renderer only when its format is asked for: Rich (the tables), icalendar,
matplotlib (the charts, the optional `charts` extra) and Jinja2 (the HTML report) cost nothing to a JSON run. The
output is text, except PNG and PDF (bytes). Adding a format is a member of ``Format``, a branch here and its module.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from ..data.model import State
from ..documents import Result, document
from ..errors import MissingExtra
from ..projection.timeline import Timeline
from ..results import Comparison, Countries, SourceList, rules_reviewed
from .markdown import procedure_markdown
from .structured import to_csv, to_json, to_ndjson


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


def render(fmt: Format, result: Result | str, terminal: bool = False, verbose: bool = False) -> str | bytes:
    """The whole output of ``result`` in ``fmt`` (bytes for PNG and PDF). ``terminal``: stdout is a colour terminal;
    ``verbose``: a timeline's table shows notes and legal bases. A string is text a command wrote itself."""
    if isinstance(result, str):
        return result
    if fmt is Format.JSON:
        return to_json(document(result))
    if fmt in (Format.NDJSON, Format.CSV):
        found = document(result)
        listed = found if isinstance(found, list) else [found]
        return to_ndjson(listed) if fmt is Format.NDJSON else to_csv(listed)
    if fmt is Format.MARKDOWN and isinstance(result, State):
        return procedure_markdown(result)
    if isinstance(result, SourceList):  # table or Markdown: the formats `sources` offers besides the machine ones
        from .source_tables import sources_markdown, sources_table  # Rich, for the table

        return sources_markdown(result) if fmt is Format.MARKDOWN else sources_table(result, terminal)
    if fmt is Format.ICS:
        from .ics import calendar  # icalendar

        return calendar(timelines_of(result))
    if fmt in CHARTS:
        from .plot import chart  # matplotlib, the `charts` extra: MissingExtra without it

        data = chart(timelines_of(result), fmt.value, *chart_labels(result))
        return data.decode("utf-8") if fmt is Format.SVG else data
    if fmt is Format.HTML:
        return _html(result)
    from .table import table  # Rich

    return table(result, terminal, verbose)


def timelines_of(result: Result) -> Sequence[Timeline]:
    """The timelines a calendar, chart or report draws."""
    if isinstance(result, Timeline):
        return [result]
    if isinstance(result, (Comparison, Countries)):
        return result.timelines
    raise ValueError(f"{type(result).__name__} has no timelines to draw")


def chart_labels(result: Result) -> tuple[str, str]:
    """A chart's title and footer: the as-of date, the rules' review date, the source."""
    timelines = timelines_of(result)
    as_of = result.as_of if isinstance(result, (Timeline, Comparison, Countries)) else None
    reviewed = rules_reviewed(timelines) or "not stated"
    if isinstance(result, Timeline):
        title = f"{result.state.name}: withdrawal from the Ottawa Convention, as of {as_of}"
    else:
        title = f"Withdrawals from the Ottawa Convention, as of {as_of}"
    footer = f"As of {as_of} · rules reviewed against the public record on {reviewed} · source: ottawa-exit"
    return title, footer


def _html(result: Result) -> str:
    from .html import report  # Jinja2

    title, footer = chart_labels(result)
    timelines = timelines_of(result)
    svg, note = None, None
    try:
        if timelines:
            from .plot import chart  # matplotlib, for the page's chart

            svg = chart(timelines, "svg", title, footer).decode("utf-8")
    except MissingExtra:
        note = "The chart needs matplotlib: pip install 'ottawa-exit[charts]', then run this again."
    heading = title.rsplit(", as of", 1)[0]
    if isinstance(result, Countries):  # the summary table alone for a list
        return report(result.rows, result.as_of, heading, False, svg, note)
    return report(timelines, timelines[0].as_of, heading, True, svg, note)
