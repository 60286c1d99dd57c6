"""The one output layer: ``render(fmt, result)`` turns any result the library returns into the text of one format.

The machine formats (JSON, NDJSON, CSV) write the result's documents (``ottawa_exit.documents``); the human ones
read the typed result itself: a ``Timeline``, a ``Comparison``, ``Countries``, ``Parties``, a ``State`` (its
procedure), a ``Backtest``, ``Treaties``, ``Withdrawals`` or a ``RulesCheck``. Renderers never compute dates.

This is the one place that imports a renderer only when its format is asked for: Rich (the tables), icalendar,
matplotlib (the charts, the optional `charts` extra) and Jinja2 (the HTML report) cost nothing to a JSON run. The
output is text, except PNG and PDF (bytes). Adding a format is a member of ``Format`` (``formats``), a branch here and its module.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..data.model import State
from ..documents import Result, document
from ..errors import MissingExtra
from ..projection.timeline import Timeline
from ..results import Comparison, Countries, Parties, SourceList, rules_reviewed
from .formats import CHARTS, ChartOptions, Format
from .markdown import procedure_markdown
from .structured import to_csv, to_json, to_ndjson

__all__ = ["CHARTS", "ChartOptions", "Format", "chart_labels", "render", "timelines_of"]


def render(fmt: Format, result: Result | str, terminal: bool = False, verbose: bool = False,
           chart: ChartOptions = ChartOptions()) -> str | bytes:
    """The whole output of ``result`` in ``fmt`` (bytes for PNG and PDF). ``terminal``: stdout is a colour terminal;
    ``verbose``: a timeline's table shows notes and legal bases; ``chart``: size, resolution and title of a chart.
    A string is text a command wrote itself."""
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
        data = _chart(result, fmt.value, chart)
        return data.decode("utf-8") if fmt is Format.SVG else data
    if fmt is Format.HTML:
        return _html(result, chart.title)
    from .table import table  # Rich

    return table(result, terminal, verbose)


def timelines_of(result: Result) -> Sequence[Timeline]:
    """The timelines a calendar, chart or report draws."""
    if isinstance(result, Timeline):
        return [result]
    if isinstance(result, (Comparison, Countries, Parties)):
        return result.timelines
    raise ValueError(f"{type(result).__name__} has no timelines to draw")


def _day(result: Result) -> date:
    """The date a drawable result is as of."""
    if isinstance(result, Parties):
        return result.on
    if isinstance(result, (Timeline, Comparison, Countries)):
        return result.as_of
    raise ValueError(f"{type(result).__name__} has no as-of date to draw")


def _counts_parties(result: Result) -> bool:
    """The register and `parties` chart the number of States Parties (the whole register: a selection would
    miscount)."""
    return isinstance(result, Parties) or isinstance(result, Countries) and result.every and not result.selected


def chart_labels(result: Result) -> tuple[str, str]:
    """A chart's title and footer: the as-of date, the rules' review date, the source."""
    timelines = timelines_of(result)
    as_of = _day(result)
    reviewed = rules_reviewed(timelines) or "not stated"
    if isinstance(result, Timeline):
        title = f"{result.state.name}: withdrawal from the Ottawa Convention, as of {as_of}"
    elif _counts_parties(result):
        title = f"States Parties to the Ottawa Convention, as of {as_of}"
    else:
        title = f"Withdrawals from the Ottawa Convention, as of {as_of}"
    footer = f"As of {as_of} · rules reviewed against the public record on {reviewed} · source: ottawa-exit"
    return title, footer


def _chart(result: Result, fmt: str, options: ChartOptions, footer: bool = True) -> bytes:
    """The chart of a result: the States Parties over time for the register and `parties`, else the timelines.
    In a page the footer is left out: the page says the same above the chart."""
    from .plot import chart, parties_chart  # matplotlib, the `charts` extra: MissingExtra without it

    title, note = chart_labels(result)
    shown_footer = note if footer else ""
    if _counts_parties(result):
        return parties_chart(timelines_of(result), _day(result), fmt, title, shown_footer, options)
    return chart(timelines_of(result), fmt, title, shown_footer, options, single=isinstance(result, Timeline))


def _html(result: Result, title: str | None) -> str:
    from .html import report  # Jinja2

    heading = chart_labels(result)[0].rsplit(", as of", 1)[0] if title is None else title
    svg, note = None, None
    try:
        if timelines_of(result) and not (isinstance(result, Countries) and result.every and result.selected):
            svg = _chart(result, "svg", ChartOptions(width=960, title=""), footer=False).decode("utf-8")
    except MissingExtra:
        note = "The chart needs matplotlib: pip install 'ottawa-exit[charts]', then run this again."
    return report(result, _day(result), heading, svg, note)
