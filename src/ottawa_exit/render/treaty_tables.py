"""Tables for `treaties` and `withdrawals`, read from their documents (the JSON contract), so the table shows nothing
the JSON lacks. Fitted to the width like every table (``layout.fit``), sources as short labels with numbered notes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import RenderableType
from rich.text import Text

from . import Result, View
from .layout import Column, fit, make_console, plain, render_to_text, source_labels
from .text import Sources, clean

AGREES_STYLE = {"agrees": "green", "differs, explained": "yellow", "differs, unexplained": "bold red"}

TREATY_COLUMNS = (Column("Id"), Column("Treaty", wrap=True), Column("Clause", wrap=True),
                  Column("Depositary", wrap=True), Column("Counting"), Column("Source"))


def treaties_renderables(documents: Sequence[dict[str, Any]], terminal: bool, width: int,
                         notes: Sources) -> list[RenderableType]:
    rows = []
    for doc in documents:
        rule = doc["rule"]
        rows.append([plain(doc["id"]), plain(doc["citation"]), plain(rule["summary"]), plain(doc["depositary"]),
                     plain("n/a (fixed date)" if rule["form"] != "period" else rule["counting"]),
                     source_labels(doc["sources"], notes, terminal)])
    return [fit(TREATY_COLUMNS, rows, width, terminal, lines=True),
            Text(f"{len(documents)} treaties; 'ottawa-exit treaties --format json' quotes each clause", style="dim")]


def _computed(doc: dict[str, Any]) -> str:
    computed = doc["computed"]
    text = computed["effective"] or "indeterminate"
    return f"{text}\nor {computed['alternative']}" if computed["alternative"] else text


WITHDRAWAL_COLUMNS = (Column("Treaty"), Column("State", wrap=True), Column("Counted from"), Column("Stated"),
                      Column("Computed"), Column("Agrees", wrap=True), Column("Stated by / source", wrap=True))


def withdrawals_renderables(documents: Sequence[dict[str, Any]], caption: str, terminal: bool, width: int,
                            notes: Sources) -> list[RenderableType]:
    rows = []
    for doc in documents:
        start = doc["start"]
        who = plain(doc["stated_by"])
        who.append("\n")
        who.append_text(source_labels(doc["sources"], notes, terminal))
        rows.append([plain(doc["treaty"]["id"]), plain(f"{doc['state']['name']} ({doc['state']['iso3']})"),
                     plain(f"{start['basis']}\n{start['date']}"), plain(doc["effective_stated"]),
                     plain(_computed(doc)), plain(doc["status"], AGREES_STYLE[doc["status"]]), who])
    return [fit(WITHDRAWAL_COLUMNS, rows, width, terminal, lines=True), Text(clean(caption), style="dim")]


def treaty_table(result: Result, terminal: bool) -> str:
    console = make_console(terminal)
    notes = Sources()
    if result.view is View.TREATIES:
        items = treaties_renderables(result.documents, terminal, console.width, notes)
    else:
        items = withdrawals_renderables(result.documents, result.caption, terminal, console.width, notes)
    return render_to_text(items, console, notes)
