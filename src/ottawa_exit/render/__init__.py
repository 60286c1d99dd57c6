"""The one output layer: ``render(fmt, result)`` turns a command's documents into the text of one format.

Every command builds a ``Result``: its documents (the JSON contract's dicts, from ``ottawa_exit.documents``) and the
engine objects they came from, which the table, calendar and chart renderers read for layout. Renderers never
compute dates. Each renderer module is imported only when its format is asked for, so `--format json` never loads
Rich.

The output is text, except PNG and PDF (bytes). Charts (SVG, PNG, PDF, and the chart in HTML) need matplotlib, the
optional `charts` extra; without it they fail with one line naming the extra (exit 2), and the HTML page says how
to get its chart. Adding a format is a member here, a branch in ``render`` and its module.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # engine types for the annotations only: importing them here would cost every start
    from ..data.model import State
    from ..projection.timeline import Timeline


class Format(StrEnum):
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


class View(StrEnum):
    """What the documents are, which picks the human layout: the machine formats need only the documents."""

    TIMELINE = "timeline"
    COMPARE = "compare"  # timelines on one date axis
    COUNTRIES = "countries"
    PROCEDURE = "procedure"
    BACKTEST = "backtest"
    TREATIES = "treaties"
    WITHDRAWALS = "withdrawals"
    TEXT = "text"
    REGISTER = "register"  # every registered state's country document, with the count of States Parties
    PARTIES = "parties"  # the one parties document: the count and the list


class Result(NamedTuple):
    view: View
    documents: Sequence[dict[str, Any]]
    single: bool = False  # JSON gives the one document, not an array of one
    timelines: Sequence[Timeline] = ()
    state: State | None = None
    as_of: date | None = None  # the date the documents were computed for (the backtest's caption)
    verbose: bool = False
    text: str = ""
    caption: str = ""  # a closing note under a table (the withdrawals' agreement count)


BINARY = (Format.PNG, Format.PDF)


def render(fmt: Format, result: Result, terminal: bool = False) -> str | bytes:
    """The whole output of ``result`` in ``fmt`` (bytes for PNG and PDF); ``terminal``: stdout is a colour
    terminal."""
    if fmt is Format.JSON:
        from .structured import to_json

        return to_json(result.documents[0] if result.single else list(result.documents))
    if fmt is Format.NDJSON:
        from .structured import to_ndjson

        return to_ndjson(result.documents)
    if fmt is Format.CSV:
        from .structured import to_csv

        return to_csv(result.documents)
    if fmt is Format.TEXT:
        return result.text
    if fmt is Format.MARKDOWN:
        from .markdown import procedure_markdown

        return procedure_markdown(_state(result), result.documents[0])
    if fmt is Format.ICS:
        from .ics import calendar

        return calendar(result.timelines)
    if fmt in (Format.SVG, *BINARY):
        from .plot import chart

        data = chart(result.timelines, fmt.value, *chart_labels(result))
        return data.decode("utf-8") if fmt is Format.SVG else data
    if fmt is Format.HTML:
        return _html(result)
    if result.view in (View.TREATIES, View.WITHDRAWALS):
        from .treaty_tables import treaty_table

        return treaty_table(result, terminal)
    from .table import table

    return table(result, terminal)


def _state(result: Result) -> State:
    if result.state is None:
        raise ValueError(f"{result.view} results carry no state")
    return result.state


def chart_labels(result: Result) -> tuple[str, str]:
    """A chart's title and footer, from the documents: the as-of date, the rules' review date, the source."""
    docs = result.documents
    as_of = docs[0].get("as_of") if docs else None
    reviewed = min((d["rules_reviewed"] for d in docs if d.get("rules_reviewed")), default="not stated")
    if result.view is View.TIMELINE and len(docs) == 1:
        title = f"{docs[0]['state']['name']}: withdrawal from the Ottawa Convention, as of {as_of}"
    else:
        title = f"Withdrawals from the Ottawa Convention, as of {as_of}"
    footer = f"As of {as_of} · rules reviewed against the public record on {reviewed} · source: ottawa-exit"
    return title, footer


def _html(result: Result) -> str:
    from .html import report
    from .plot import MissingExtra, chart

    title, footer = chart_labels(result)
    try:
        svg, note = chart(result.timelines, "svg", title, footer).decode("utf-8"), None
    except MissingExtra:
        svg, note = None, "The chart needs matplotlib: pip install 'ottawa-exit[charts]', then run this again."
    return report(result.documents, title.rsplit(", as of", 1)[0], svg, note)
