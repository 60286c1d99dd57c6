"""The register tables: `countries --all` (every state ever bound: status, bound-from date, receipt and effect where
there is one) and `parties` (the States Parties alone), drawn from the documents.

On a terminal the table fits the width (long names wrap between words). Piped, each state is one whole line however
wide, with no rules, so `grep` and `sort` see a state's name, ISO code, status and dates together; what the status
alone does not say (a notified suspension) is then the last column, so the other rows carry no padding for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import RenderableType
from rich.text import Text

from . import Result, View
from .layout import Column, fit, plain
from .table import KIND_STYLE, status_cell
from .text import clean

DETAIL_COLUMN = Column("Detail")
REGISTER_COLUMNS = (Column("State", wrap=True), Column("ISO"), Column("Status", wrap=True), Column("Bound from"),
                    Column("Receipt", wrap=True, first=True), Column("Takes effect", wrap=True, first=True))


def one_line(part: dict[str, Any]) -> Text:
    """A receipt or effect of a document on one line: the date and its kind, the range after it; nothing where no
    withdrawal was decided (the reason would repeat on every row: the status says it)."""
    if part.get("reason"):
        return plain("")
    kind = str(part["kind"])
    style = next((style for k, style in KIND_STYLE.items() if kind.startswith(k.value)), "")
    if part["date"] is None and part["earliest"] is None:
        return plain("date not recorded" if kind.startswith("recorded") else "indeterminate")
    when = part["date"] or f"{part['earliest']} .. {part['latest']}"
    text = plain(f"{when} ")
    text.append(kind, style=style)
    if part["date"] and part["earliest"] != part["latest"]:
        text.append(f" ({part['earliest']} .. {part['latest']})", style="dim")
    return text


def _caption(documents: Sequence[dict[str, Any]], count: int | None) -> str:
    as_of = documents[0]["as_of"] if documents else None
    reviewed = min((d["rules_reviewed"] for d in documents if d.get("rules_reviewed")), default=None)
    text = f"{count} States Parties; " if count is not None else ""
    text += f"as of {as_of}; rules reviewed {reviewed or 'not stated'}" if as_of else "no states"
    if as_of and reviewed and as_of > reviewed:
        text += f"; events after {reviewed} may be missing"
    return text


def register_renderables(result: Result, terminal: bool, width: int) -> list[RenderableType]:
    """The register as a table and its caption: the count of States Parties on the date (``result.caption`` when
    the command filtered the rows, since the rows shown are then not all of them)."""
    from ..documents import party_count

    rows: list[list[Text]]
    columns: Sequence[Column]
    if result.view is View.PARTIES:
        document = result.documents[0]
        columns = REGISTER_COLUMNS[:4]
        rows = [[plain(p["name"]), plain(p["iso2"]), plain(p["status"]), plain(p["bound_from"] or ""),
                 plain(p["status_detail"])] for p in document["parties"]]
        caption = _caption([document], document["count"])
    else:
        columns = REGISTER_COLUMNS
        rows = [[plain(d["state"]["name"]), plain(d["state"]["iso2"]), plain(d["status"]), plain(d["bound_from"] or ""),
                 one_line(d["receipt"]), one_line(d["effective"]), plain(d["status_detail"])] for d in result.documents]
        caption = result.caption or _caption(result.documents, party_count(result.documents))
    if terminal:  # the detail beside the status, wrapping with it
        rows = [[*row[:2], status_cell(row[2].plain, row[-1].plain or None), *row[3:-1]] for row in rows]
        table = fit(columns, rows, width, terminal)
    else:  # piped: one line per state, the detail last (so other rows carry no padding for it)
        table = fit([*columns, DETAIL_COLUMN], rows, width, terminal, borderless=True)
    return [table, Text(clean(caption), style="dim")]
