"""The `compare` chart in the terminal: each state a row on a shared date axis (the SVG, PNG and PDF charts are
matplotlib's, in ``plot``).

Recorded, projected and override marks differ by glyph as well as colour, so the chart reads without colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from rich.console import RenderableType
from rich.text import Text

from ..data.model import RECEIPT
from ..projection.timeline import Kind, Timeline
from ..results import rules_reviewed
from .layout import KIND_STYLE, STATUS_STYLE, Column, detail_notes, fit, noted_status
from .text import clean

STEP_GLYPH = {Kind.RECORDED: "●", Kind.PROJECTED: "○", Kind.OVERRIDE: "◎", Kind.NONE: " "}
RECEIPT_GLYPH = {Kind.RECORDED: "◆", Kind.PROJECTED: "◇", Kind.OVERRIDE: "◈", Kind.NONE: " "}
EFFECT_GLYPH = {Kind.RECORDED: "★", Kind.PROJECTED: "☆", Kind.OVERRIDE: "✪", Kind.NONE: " "}
AS_OF_GLYPH, RANGE_GLYPH, OPEN_GLYPH = "┊", "─", "…"


def _bounds(timelines: Sequence[Timeline]) -> tuple[date, date]:
    """The axis: from the first of the month of the first date shown to 15 days past the last (at least 60 days)."""
    days = [day for t in timelines for day in t.dates()]
    start, end = min(days), max(days)
    start = start.replace(day=1)
    return start, max(end, start + timedelta(days=60)) + timedelta(days=15)


class _Axis:
    def __init__(self, start: date, end: date, width: int, names: int):
        self.start, self.end, self.width, self.names = start, end, width, names
        self.span = (end - start).days

    def col(self, day: date) -> int:
        return min(self.width - 1, max(0, round((day - self.start).days * (self.width - 1) / self.span)))


def _row(t: Timeline, axis: _Axis) -> Text:
    cells: list[tuple[str, str]] = [(" ", "")] * axis.width

    def put(day: date | None, glyph: str, style: str) -> None:
        if day is not None:
            cells[axis.col(day)] = (glyph, style)

    eff = t.effective
    if eff.span.earliest and eff.span.latest and eff.span.earliest != eff.span.latest:
        for c in range(axis.col(eff.span.earliest), axis.col(eff.span.latest) + 1):
            cells[c] = (RANGE_GLYPH, KIND_STYLE[eff.kind])
    cells[axis.col(t.as_of)] = (AS_OF_GLYPH, "blue")
    if t.receipt.kind is Kind.NONE:  # no withdrawal decided: a chart of withdrawals shows none of its steps
        said = f"suspension notified {t.suspension.notified}; " if t.suspension else ""
        label = f"{said}no withdrawal decided"[: max(axis.width - 2, 0)]
        line = axis.col(t.as_of)
        start = line + 2 if line + 2 + len(label) <= axis.width else 1  # beside the as-of line, never over it
        cells[start:start + len(label)] = [(c, "dim") for c in label]
        cells[line] = (AS_OF_GLYPH, "blue")
        return _named(t, axis, cells)
    for s in t.steps:
        if s.step.id != RECEIPT:  # the receipt has its own glyph; a parallel step may follow it
            put(s.span.typical, STEP_GLYPH[s.kind], KIND_STYLE[s.kind])
    put(t.receipt.span.typical, RECEIPT_GLYPH[t.receipt.kind], KIND_STYLE[t.receipt.kind])
    if eff.kind is Kind.NONE:  # no decision, no projection: no mark for the effect either
        pass
    elif eff.indeterminate:
        cells[-1] = (OPEN_GLYPH, "red")
    else:
        put(eff.span.typical, EFFECT_GLYPH[eff.kind], "bold " + KIND_STYLE[eff.kind])
    return _named(t, axis, cells)


def _named(t: Timeline, axis: _Axis, cells: list[tuple[str, str]]) -> Text:
    text = Text(clean(t.state.name).ljust(axis.names), style=STATUS_STYLE[t.status])
    for glyph, style in cells:
        text.append(glyph, style=style)
    return text


def _ticks(axis: _Axis) -> Text:
    """Month labels (YYYY-MM) where they fit, without overlapping."""
    line = [" "] * axis.width
    marks = [" "] * axis.width
    month = date(axis.start.year, axis.start.month, 1)
    last_end = -1
    while month <= axis.end:
        c = axis.col(month)
        label = month.strftime("%Y-%m")
        if c > last_end and c + len(label) <= axis.width:
            line[c: c + len(label)] = list(label)
            marks[c] = "╵"
            last_end = c + len(label)
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    text = Text(" " * axis.names + "".join(marks) + "\n" + " " * axis.names + "".join(line), style="dim")
    return text


def _legend() -> Text:
    return Text(
        "● recorded step  ○ projected step  ◎ override  ◆/◇ receipt recorded/projected\n"
        "★/☆ takes effect recorded/projected  ─ range  ┊ as-of date  … Art. 20(3) pending",
        style="dim",
    )


DATE_COLUMNS = (Column("State"), Column("Status", wrap=True), Column("Receipt"), Column("Takes effect", wrap=True))


def _dates(timelines: Sequence[Timeline], width: int, terminal: bool) -> list[RenderableType]:
    """The dates behind the marks: typical dates with the projected range beside them; the notes of marked statuses."""
    rows, notes = [], []
    for t in timelines:
        status, note = noted_status(t)
        notes.append(note)
        eff = t.effective
        effect = Text("not projected" if eff.reason else "indeterminate" if eff.indeterminate else str(eff.span.typical),
                      style=KIND_STYLE[eff.kind])
        if eff.span.earliest != eff.span.latest:
            effect.append(f"\n{eff.span.earliest} .. {eff.span.latest}", style="dim")
        rows.append([
            Text(clean(t.state.name)), status,
            Text("not projected" if t.receipt.reason else str(t.receipt.span.typical or "unknown"),
                 style=KIND_STYLE[t.receipt.kind]), effect,
        ])
    return [fit(DATE_COLUMNS, rows, width, terminal), *detail_notes(notes)]


def chart_renderables(timelines: Sequence[Timeline], width: int, terminal: bool) -> list[RenderableType]:
    """The chart at most 120 columns wide, and the dates table, fitted to ``width``."""
    names = max(len(clean(t.state.name)) for t in timelines) + 1
    axis = _Axis(*_bounds(timelines), width=max(20, min(width, 120) - names - 1), names=names)
    as_of = timelines[0].as_of
    head = Text(f"Ottawa Convention withdrawals, as of {as_of}", style="bold")
    reviewed = rules_reviewed(timelines)
    if reviewed:
        head.append(f" (rules reviewed {reviewed})", style="dim")
    rows = [_row(t, axis) for t in timelines]
    return [head, Text(""), *rows, _ticks(axis), _legend(), Text(""), *_dates(timelines, width, terminal)]
