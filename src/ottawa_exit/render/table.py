"""Human-readable tables with Rich. Text from data or users goes in as ``Text`` (never parsed as markup) with
terminal control characters stripped; without a terminal the output has no colour and plain ASCII rules."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from ..documents import joined, rules_reviewed
from ..model import State
from ..timeline import Kind, Span, Status, Timeline, TimelineStep
from . import Result, View
from .text import clean

KIND_STYLE = {Kind.RECORDED: "green", Kind.PROJECTED: "yellow", Kind.OVERRIDE: "magenta", Kind.NONE: "dim"}
STATUS_STYLE = {
    Status.NOT_A_PARTY: "dim", Status.PARTY: "cyan", Status.IN_PROGRESS: "yellow", Status.PENDING: "bold yellow",
    Status.WITHDRAWN: "bold red",
}


def plain(text: str | None, style: str = "") -> Text:
    return Text(clean(text), style=style)


def make_console(terminal: bool, record: bool = False, width: int | None = None) -> Console:
    """A console for stdout (``terminal`` True) or for plain text: a pipe, a file, an SVG."""
    if terminal:
        return Console(record=record, highlight=False, soft_wrap=False, width=width)
    columns = os.environ.get("COLUMNS", "")
    return Console(
        record=record, highlight=False, color_system=None, force_terminal=False, no_color=True, emoji=False,
        width=width or (int(columns) if columns.isdigit() else 120), legacy_windows=False,
    )


def render_to_text(
    renderables: Iterable[RenderableType], terminal: bool, width: int | None = None, console: Console | None = None
) -> str:
    console = console or make_console(terminal, width=width)
    with console.capture() as capture:
        for item in renderables:
            console.print(item)
    return capture.get()


def table_box(terminal: bool) -> box.Box:
    return box.ROUNDED if terminal else box.ASCII


def describe_span(span: Span, kind: Kind) -> str:
    if span.earliest is None:
        return {Kind.RECORDED: "date not recorded", Kind.NONE: "not projected"}.get(kind, "indeterminate")
    if span.date is None:
        return f"{span.earliest} .. {span.latest}"
    if span.earliest == span.latest:
        return span.date.isoformat()
    return f"{span.date} ({span.earliest} .. {span.latest})"


def _stacked_span(span: Span, kind: Kind) -> str:
    """A date over its range, to keep the date column narrow."""
    if span.earliest is None or span.date is None or span.earliest == span.latest:
        return describe_span(span, kind)
    return f"{span.date}\n{span.earliest}..{span.latest}"


def _sources(item: TimelineStep) -> str:
    return "\n".join(item.sources) if item.sources else item.basis


def heading(timeline: Timeline) -> Text:
    state = timeline.state
    text = Text()
    text.append(clean(f"{state.name} ({state.iso2})"), style="bold")
    text.append("  ")
    text.append(timeline.status.value, style=STATUS_STYLE[timeline.status])
    reviewed = state.reviewed.isoformat() if state.reviewed else "not stated"
    text.append(f"\nas of {timeline.as_of}; rules reviewed {reviewed}", style="dim")
    return text


DATE_WIDTH = 24  # "2025-07-17 .. 2025-07-25"


def timeline_renderables(
    timeline: Timeline, terminal: bool, verbose: bool = False, width: int | None = None
) -> list[RenderableType]:
    """The heading, a row per step (the step id under its title is what --step takes), and the summary.

    Given a console ``width`` of 100 or more, the columns get fixed widths in the proportions 3:2:3, which renders a
    fifth faster than letting Rich measure every cell to balance them."""
    table = Table(box=table_box(terminal), show_lines=verbose, expand=False)
    widths: dict[str, dict[str, Any]]  # Rich's add_column keywords: width= or ratio=
    if width and width >= 100:  # narrower, Rich's own balancing reads better
        room = max(30, width - DATE_WIDTH - 13)  # 13: four columns' rules and padding
        step_width, who_width = room * 3 // 8, room * 2 // 8
        widths = {"Step": {"width": step_width}, "Actor / requirement": {"width": who_width},
                  "Source": {"width": room - step_width - who_width}}
    else:
        widths = {"Step": {"ratio": 3}, "Actor / requirement": {"ratio": 2}, "Source": {"ratio": 3}}
    table.add_column("Step", **widths["Step"])
    table.add_column("Date / kind", no_wrap=True)
    table.add_column("Actor / requirement", **widths["Actor / requirement"])
    table.add_column("Source", overflow="fold", **widths["Source"])
    for item in timeline.steps:
        title = plain(item.step.title)
        title.append(f"\n{item.step.id}", style="dim")
        if item.event and item.event.detail:
            title.append("\n" + clean(item.event.detail), style="dim")
        if verbose:
            notes = list(item.notes)
            if notes:
                title.append("\n" + clean(joined(notes) or ""), style="italic")
        when = plain(_stacked_span(item.span, item.kind))
        if item.span.dated:  # an undated step's text already says what it is ("date not recorded", "not projected")
            when.append("\n" + item.kind.value, style=KIND_STYLE[item.kind])
        who = plain(item.step.actor)
        who.append("\n" + clean(item.step.requirement), style="dim")
        if verbose:
            who.append("\n" + clean(item.step.legal_basis), style="dim")
        table.add_row(title, when, who, plain(_sources(item)))
    return [heading(timeline), table, summary(timeline)]


def summary(timeline: Timeline) -> Text:
    receipt, effective = timeline.receipt, timeline.effective
    text = Text()
    text.append("Receipt by the Depositary: ", style="bold")
    text.append(describe_span(receipt.span, receipt.kind))
    text.append(f"  [{receipt.kind.value}]", style=KIND_STYLE[receipt.kind])
    if receipt.reason:
        text.append(f" ({receipt.reason})")
    text.append("\nTakes effect: ", style="bold")
    text.append(describe_span(effective.span, effective.kind))
    text.append(f"  [{effective.kind.value}]", style=KIND_STYLE[effective.kind])
    if effective.sources:
        text.append("\nSource: " + clean(" ; ".join(effective.sources)), style="dim")
    text.append("\nRule: " + clean(effective.rule), style="dim")
    for note in timeline.notes:
        text.append("\nNote: " + clean(note), style="italic")
    return text


def countries_renderables(timelines: Sequence[Timeline], terminal: bool) -> list[RenderableType]:
    table = Table(box=table_box(terminal))
    for name in ("State", "ISO", "Status", "Receipt", "Takes effect", "Kind"):
        table.add_column(name, no_wrap=name != "State")
    for t in timelines:
        table.add_row(
            plain(t.state.name), plain(t.state.iso2), plain(t.status.value, STATUS_STYLE[t.status]),
            plain(_short(t.receipt.reason) or describe_span(t.receipt.span, t.receipt.kind)),
            plain(_short(t.effective.reason) or describe_span(t.effective.span, t.effective.kind)),
            plain(t.effective.kind.value, KIND_STYLE[t.effective.kind]),
        )
    caption = _as_of_caption(timelines)
    return [table, Text(caption, style="dim")]


def _short(reason: str | None) -> str | None:
    """A reason for no date, without the as-of date the caption gives: "no withdrawal decided", "not a party"."""
    return reason.split(" as of ")[0] if reason else None


def _as_of_caption(timelines: Sequence[Timeline]) -> str:
    if not timelines:
        return "no states"
    first = timelines[0]
    text = f"as of {first.as_of}; rules reviewed {rules_reviewed(timelines) or 'not stated'}"
    stale = [t for t in timelines if t.state.reviewed and t.as_of > t.state.reviewed]
    if stale:
        text += f"; events after {stale[0].state.reviewed} may be missing"
    return text


def procedure_renderables(state: State, document: dict[str, Any], terminal: bool) -> list[RenderableType]:
    """``document``: the state's procedure document, whose sources the JSON and Markdown give too."""
    title = Text(clean(f"{state.name}: procedure for withdrawal"), style="bold")
    if state.legislature:
        title.append("\n" + clean(state.legislature), style="dim")
    table = Table(box=table_box(terminal), show_lines=True)
    for name in ("#", "Step", "Actor", "Requirement", "Time limit", "Legal basis"):
        table.add_column(name)
    for n, step in enumerate(state.procedure.steps, 1):
        step_text = plain(f"{step.title} ({step.id})")
        if not step.formal:
            step_text.append("\nnot required by law", style="italic")
        rule = step.statutory_limit
        limit = plain(f"{rule.text}; counted from {rule.counted_from}" if rule else "none")
        if rule and rule.sources:
            limit.append("\n" + clean("\n".join(rule.sources)), style="dim")
        table.add_row(str(n), step_text, plain(step.actor), plain(step.requirement), limit, plain(step.legal_basis))
    tail = Text("Sources:\n", style="bold")
    tail.append(clean("\n".join(document["sources"]) or "none recorded"))
    for note in state.notes:
        tail.append(f"\nNote (known from {note.known_from}): " + clean(note.text), style="italic")
    reviewed = state.reviewed.isoformat() if state.reviewed else "not stated"
    tail.append(f"\nRules reviewed against the public record: {reviewed}.", style="dim")
    return [title, table, tail]


def generic_table(header: list[str], rows: Iterable[list[str]], terminal: bool, caption: str = "") -> list[RenderableType]:
    table = Table(box=table_box(terminal))
    for name in header:
        table.add_column(name, no_wrap=True)
    for row in rows:
        table.add_row(*(plain(c) for c in row))
    return [table, Text(clean(caption), style="dim")] if caption else [table]


def _signed(days: int | None) -> str:
    return "n/a" if days is None else f"{days:+d}"


def _backtest_summary(day: str, rows: list[dict[str, Any]]) -> str:
    """One as-of date's figures: how many actual dates fell inside the range, how many states had no projection,
    and the mean absolute error of the typical dates projected."""
    errors = [abs(e["error_days"]) for e in rows if e["error_days"] is not None]
    mean = f"{sum(errors) / len(errors):.1f} days" if errors else "n/a"
    return (f"As of {day}: {sum(1 for e in rows if e['inside_range'])} of {len(rows)} actual dates inside "
            f"the projected range, {sum(1 for e in rows if e['reason'])} not projected (no decision); "
            f"mean absolute error of the typical projection {mean}.")


def backtest_renderables(documents: Sequence[dict[str, Any]], as_of: date | None, terminal: bool) -> list[RenderableType]:
    """The backtest documents as a table, a row per as-of date and state; the caption's figures are counts and
    means of their numbers, per as-of date."""
    header = ["As of", "State", "Projected", "Earliest", "Latest", "Actual", "Error", "Inside"]
    body = []
    for doc in documents:
        eff = doc["effective"]
        projected = _short(eff["reason"]) or eff["date"] or "indeterminate"
        body.append([doc["as_of"], doc["state"]["name"], projected, eff["earliest"] or "", eff["latest"] or "",
                     eff["actual"] or "", _signed(eff["error_days"]),
                     {True: "yes", False: "NO", None: "n/a"}[eff["inside_range"]]])
    lines = [_backtest_summary(day, [d["effective"] for d in documents if d["as_of"] == day])
             for day in dict.fromkeys(d["as_of"] for d in documents)]
    caption = ("Each state projected with only what was known on the as-of date (the record, duration ranges and "
               "notes by the day they were known): out of sample. Errors in days, typical minus actual.\n"
               + "\n".join(lines))
    return generic_table(header, body, terminal, caption)


def table(result: Result, terminal: bool) -> str:
    """The human layout for each view; `compare` is the chart on one date axis."""
    if result.view is View.COMPARE:
        from .chart import chart_text

        return chart_text(result.timelines, terminal)
    if result.view is View.TIMELINE:
        console = make_console(terminal)
        items: list[RenderableType] = []
        for t in result.timelines:
            items += timeline_renderables(t, terminal, result.verbose, console.width)
        return render_to_text(items, terminal, console=console)
    if result.view is View.COUNTRIES:
        return render_to_text(countries_renderables(result.timelines, terminal), terminal)
    if result.view is View.PROCEDURE and result.state is not None:
        return render_to_text(procedure_renderables(result.state, result.documents[0], terminal), terminal)
    if result.view is View.BACKTEST:
        return render_to_text(backtest_renderables(result.documents, result.as_of, terminal), terminal)
    return result.text
