"""The one output layer: ``render(fmt, result)`` turns a command's documents into the text of one format.

Every command builds a ``Result``: its documents (the JSON contract's dicts, from ``ottawa_exit.documents``) and the
engine objects they came from, which the table, calendar and chart renderers read for layout. Renderers never
compute dates. Each renderer module is imported only when its format is asked for, so `--format json` never loads
Rich.

PNG, PDF and HTML are not members of ``Format`` yet: an option that always fails would be a lie in `--help`. Adding
one is a member here, a branch in ``render`` and its module.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # engine types for the annotations only: importing them here would cost every start
    from ..model import State
    from ..timeline import Timeline


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    NDJSON = "ndjson"
    CSV = "csv"
    MARKDOWN = "markdown"
    ICS = "ics"
    SVG = "svg"
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


def render(fmt: Format, result: Result, terminal: bool = False) -> str:
    """The whole output of ``result`` in ``fmt``; ``terminal``: stdout is a colour terminal."""
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
    if fmt is Format.SVG:
        from .chart import timeline_svg

        return timeline_svg(result.timelines)
    if result.view in (View.TREATIES, View.WITHDRAWALS):
        from .treaty_tables import treaty_table

        return treaty_table(result, terminal)
    from .table import table

    return table(result, terminal)


def _state(result: Result) -> State:
    if result.state is None:
        raise ValueError(f"{result.view} results carry no state")
    return result.state
