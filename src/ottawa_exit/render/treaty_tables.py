"""Tables for `treaties` and `withdrawals`, read from their documents (the JSON contract), so the table shows nothing
the JSON lacks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from . import Result, View
from .table import plain, render_to_text, table_box
from .text import clean

AGREES_STYLE = {"agrees": "green", "differs, explained": "yellow", "differs, unexplained": "bold red"}


def treaties_renderables(documents: Sequence[dict[str, Any]], terminal: bool) -> list[RenderableType]:
    table = Table(box=table_box(terminal), show_lines=True)
    table.add_column("Id", no_wrap=True)
    table.add_column("Treaty", ratio=2)
    table.add_column("Clause", ratio=3)
    table.add_column("Depositary", ratio=2)
    table.add_column("Counting", no_wrap=True)
    table.add_column("Source", ratio=3, overflow="fold")
    for doc in documents:
        rule = doc["rule"]
        table.add_row(plain(doc["id"]), plain(doc["citation"]), plain(rule["summary"]), plain(doc["depositary"]),
                      plain("n/a (fixed date)" if rule["form"] != "period" else rule["counting"]),
                      plain("\n".join(doc["sources"])))
    return [table, Text(f"{len(documents)} treaties; 'ottawa-exit treaties --format json' quotes each clause",
                        style="dim")]


def _computed(doc: dict[str, Any]) -> str:
    computed = doc["computed"]
    text = computed["effective"] or "indeterminate"
    return f"{text}\nor {computed['alternative']}" if computed["alternative"] else text


def withdrawals_renderables(documents: Sequence[dict[str, Any]], caption: str,
                            terminal: bool) -> list[RenderableType]:
    table = Table(box=table_box(terminal), show_lines=True)
    for name in ("Treaty", "State", "Counted from", "Stated", "Computed", "Agrees"):
        table.add_column(name, no_wrap=True)
    table.add_column("Stated by / source", overflow="fold")
    for doc in documents:
        start = doc["start"]
        who = plain(doc["stated_by"])
        who.append("\n" + clean(doc["sources"][0] if doc["sources"] else ""), style="dim")
        table.add_row(plain(doc["treaty"]["id"]), plain(f"{doc['state']['name']} ({doc['state']['iso3']})"),
                      plain(f"{start['basis']}\n{start['date']}"), plain(doc["effective_stated"]),
                      plain(_computed(doc)), plain(doc["status"], AGREES_STYLE[doc["status"]]), who)
    return [table, Text(clean(caption), style="dim")]


def treaty_table(result: Result, terminal: bool) -> str:
    if result.view is View.TREATIES:
        return render_to_text(treaties_renderables(result.documents, terminal), terminal)
    return render_to_text(withdrawals_renderables(result.documents, result.caption, terminal), terminal)
