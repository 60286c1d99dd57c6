"""Human-readable tables with Rich, fitted to the width by ``layout.fit`` (or stacked when they cannot fit).

Text from data or users goes in as ``Text`` (never parsed as markup) with terminal control characters stripped;
without a terminal the output has no colour and plain ASCII rules. Sources are short labels with a note number;
their full addresses follow the output, one per line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rich.console import RenderableType
from rich.text import Text

from ..data.model import Source, State
from ..documents import Result, joined, procedure_sources, status_detail
from ..projection.backtest import Backtest, BacktestRow
from ..projection.timeline import Kind, NotProjected, Span, Timeline, TimelineStep
from ..results import Comparison, Countries, Parties, RulesCheck, Treaties, Withdrawals, rules_reviewed
from .chart import chart_renderables
from .layout import (KIND_STYLE, Column, detail_notes, fit, make_console, noted_status, plain, render_to_text,
                     source_labels, status_cell)
from .register import register_renderables
from .text import NOT_PROJECTED, Sources, clean
from .treaty_tables import treaties_renderables, withdrawals_renderables



def describe_span(span: Span, kind: Kind) -> str:
    """A date and its range on one line (the summary under a timeline)."""
    if span.earliest is None:
        return {Kind.RECORDED: "date not recorded", Kind.NONE: "not projected"}.get(kind, "indeterminate")
    if span.date is None:
        return f"{span.earliest} .. {span.latest}"
    if span.earliest == span.latest:
        return span.date.isoformat()
    return f"{span.date} ({span.earliest} .. {span.latest})"


def dated(span: Span, kind: Kind, show_kind: bool = True) -> Text:
    """A table cell: the date and its kind, the range on its own line. Each date is one word, so a narrow column
    wraps between them and never inside one."""
    if span.earliest is None and kind in (Kind.RECORDED, Kind.NONE):
        return plain(describe_span(span, kind))  # says what it is; no kind label
    if span.earliest is None:
        text = plain("indeterminate")
    elif span.date is None:
        text = plain(f"{span.earliest} .. {span.latest}")
    else:
        text = plain(span.date.isoformat())
    if show_kind:
        text.append(" ")
        text.append(kind.value, style=KIND_STYLE[kind])
    if span.date is not None and span.earliest is not None and span.earliest != span.latest:
        text.append(f"\n{span.earliest} .. {span.latest}", style="dim")
    return text


def heading(timeline: Timeline) -> Text:
    state = timeline.state
    text = Text()
    text.append(clean(f"{state.name} ({state.iso2})"), style="bold")
    text.append("  ")
    text.append_text(status_cell(timeline.status, status_detail(timeline)))
    reviewed = state.reviewed.isoformat() if state.reviewed else "not stated"
    text.append(f"\nas of {timeline.as_of}; rules reviewed {reviewed}", style="dim")
    return text


TIMELINE_COLUMNS = (Column("Step", wrap=True), Column("Date / kind", wrap=True, first=True),
                    Column("Actor / requirement", wrap=True), Column("Source", wrap=True))


def _labelled(text: Text, label: str, value: str, style: str = "dim") -> None:
    """A further line of a cell, saying what it is (``id: senate``)."""
    text.append(f"\n{label}: ", style="dim")
    text.append(clean(value), style=style)


def step_cell(item: TimelineStep, verbose: bool) -> Text:
    """The Step cell: the title, then labelled lines: the id (what --step takes), the record's detail, the basis of a
    projected date (its sources are in the Source column), and with --verbose the notes."""
    text = plain(item.step.title)
    _labelled(text, "id", item.step.id)
    if item.event and item.event.detail:
        _labelled(text, "detail", item.event.detail)
    if item.kind is Kind.PROJECTED:
        _labelled(text, "basis", item.basis)
    if verbose and item.notes:
        _labelled(text, "notes", joined(item.notes) or "", style="italic")
    return text


def timeline_renderables(timeline: Timeline, terminal: bool, width: int, notes: Sources,
                         verbose: bool = False) -> list[RenderableType]:
    """The heading, a row per step, and the summary. The Source column holds addresses only: the record's for a
    recorded step, those of the duration range's basis for a projected one (the basis itself is in the Step cell)."""
    rows = []
    for item in timeline.steps:
        who = plain(item.step.actor)
        who.append("\n" + clean(item.step.requirement), style="dim")
        if verbose:
            who.append("\n" + clean(item.step.legal_basis), style="dim")
        sources = item.sources or (item.days.sources if item.kind is Kind.PROJECTED and item.days else ())
        rows.append([step_cell(item, verbose), dated(item.span, item.kind), who,
                     source_labels(sources, notes, terminal,  # a step not projected: the summary says why
                                   secondary=item.secondary)])
    ids = max(len(f"id: {item.step.id}") for item in timeline.steps)  # the id line is kept whole
    columns = (replace(TIMELINE_COLUMNS[0], min_width=ids), *TIMELINE_COLUMNS[1:])
    return [heading(timeline), fit(columns, rows, width, terminal, lines=verbose), summary(timeline, notes, terminal)]


def summary(timeline: Timeline, notes: Sources, terminal: bool) -> Text:
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
        text.append("\nSource: ", style="dim")
        labels = source_labels(effective.sources, notes, terminal, secondary=effective.secondary)
        text.append_text(Text("; ").join(labels.split("\n")))
    text.append("\nRule: " + clean(effective.rule), style="dim")
    if timeline.suspension is not None:
        text.append_text(suspension_summary(timeline, notes, terminal))
    for note in timeline.notes:
        text.append("\nNote: " + clean(note), style="italic")
    return text


def _cited(text: Text, sources: Sequence[Source], notes: Sources, terminal: bool) -> None:
    """Each source's label after ``text`` (``Human Rights Watch, monitor [4]``), semicolon-separated."""
    if sources:
        text.append(" (")
        text.append_text(Text("; ").join(source_labels(sources, notes, terminal).split("\n")))
        text.append(")")


def suspension_summary(timeline: Timeline, notes: Sources, terminal: bool) -> Text:
    """A notified suspension under the timeline: the notification and the ground invoked, each objection known on
    the as-of date (its day, or the day it was lodged by) and the States Parties' response, each with its sources."""
    suspension = timeline.suspension
    text = Text()
    if suspension is None:
        return text
    text.append("\nSuspension: ", style="bold")
    provided = "provided for by the treaty" if suspension.provided_for else "not provided for by the Convention"
    text.append(clean(f"notified {suspension.notified}, invoking {suspension.invoked}; {provided}"))
    _cited(text, suspension.sources, notes, terminal)
    count = len(suspension.objections)
    text.append(f"\nObjections ({count}): ", style="bold")
    if not count:
        text.append(f"none reported as of {timeline.as_of}")
    for i, objection in enumerate(suspension.objections):
        day = str(objection.date) if objection.date else f"by {objection.by}" if objection.by else "day not found"
        text.append(("; " if i else "") + clean(f"{objection.state} ({objection.iso3}) {day}"))
        _cited(text, objection.sources, notes, terminal)
    if suspension.response is not None:
        text.append("\nResponse: ", style="bold")
        text.append(clean(f"{suspension.response.date}: {suspension.response.text}"))
        _cited(text, suspension.response.sources, notes, terminal)
    return text


COUNTRY_COLUMNS = (Column("State"), Column("ISO"), Column("Status", wrap=True), Column("Receipt", wrap=True, first=True),
                   Column("Takes effect", wrap=True, first=True))


def countries_renderables(timelines: Sequence[Timeline], terminal: bool, width: int) -> list[RenderableType]:
    statuses = [noted_status(t) for t in timelines]
    rows = [[plain(t.state.name), plain(t.state.iso2), cell,
             _dated_or_reason(t.receipt.span, t.receipt.kind, t.receipt.not_projected),
             _dated_or_reason(t.effective.span, t.effective.kind, t.effective.not_projected)]
            for t, (cell, _) in zip(timelines, statuses, strict=True)]
    return [fit(COUNTRY_COLUMNS, rows, width, terminal), *detail_notes(note for _, note in statuses),
            Text(as_of_caption(timelines), style="dim")]


def _dated_or_reason(span: Span, kind: Kind, why: NotProjected | None) -> Text:
    """A date cell, or why there is none."""
    return _reason(why) if why else dated(span, kind)


def _reason(why: NotProjected) -> Text:
    """Why there is no date, without the as-of date the caption gives ("no withdrawal decided")."""
    return plain(NOT_PROJECTED[why], KIND_STYLE[Kind.NONE])


def as_of_caption(timelines: Sequence[Timeline]) -> str:
    if not timelines:
        return "no states"
    first = timelines[0]
    text = f"as of {first.as_of}; rules reviewed {rules_reviewed(timelines) or 'not stated'}"
    stale = [t for t in timelines if t.state.reviewed and t.as_of > t.state.reviewed]
    if stale:
        text += f"; events after {stale[0].state.reviewed} may be missing"
    return text


PROCEDURE_COLUMNS = (Column("#", justify="right"), Column("Step", wrap=True), Column("Actor", wrap=True),
                     Column("Requirement", wrap=True), Column("Time limit", wrap=True),
                     Column("Legal basis", wrap=True))


def procedure_renderables(state: State, terminal: bool, width: int, notes: Sources) -> list[RenderableType]:
    """The procedure's steps; its sources are numbered in the order the JSON and the Markdown list them."""
    title = Text(clean(f"{state.name}: procedure for withdrawal"), style="bold")
    if state.legislature:
        title.append("\n" + clean(state.legislature), style="dim")
    sources = procedure_sources(state)
    for address in sources:
        notes.number(address)
    rows = []
    for n, step in enumerate(state.procedure.steps, 1):
        step_text = plain(step.title)
        step_text.append(f"\n{step.id}", style="dim")  # the id --step takes, whole
        if not step.formal:
            step_text.append("\nnot required by law", style="italic")
        rule = step.statutory_limit
        limit = plain(f"{rule.text}; counted from {rule.counted_from}" if rule else "none")
        if rule and (rule.sources or rule.secondary):
            limit.append("\n")
            limit.append_text(source_labels(rule.sources, notes, terminal, secondary=rule.secondary))
        rows.append([Text(str(n)), step_text, plain(step.actor), plain(step.requirement), limit,
                     plain(step.legal_basis)])
    tail = Text()
    if not sources:
        tail.append("Sources: none recorded\n", style="bold")
    for note in state.notes:
        tail.append(f"Note (known from {note.known_from}): " + clean(note.text) + "\n", style="italic")
    reviewed = state.reviewed.isoformat() if state.reviewed else "not stated"
    tail.append(f"Rules reviewed against the public record: {reviewed}.", style="dim")
    return [title, fit(PROCEDURE_COLUMNS, rows, width, terminal, lines=True, head=2), tail]


def _signed(days: int | None) -> str:
    return "n/a" if days is None else f"{days:+d}"


BACKTEST_COLUMNS = (Column("As of"), Column("State"), Column("Projected", wrap=True, first=True), Column("Actual"),
                    Column("Error (days)", justify="right"), Column("Inside range"))


def _projected(row: BacktestRow) -> Text:
    if row.not_projected:
        return _reason(row.not_projected)
    span = row.effective
    text = plain(span.date.isoformat() if span.date else "indeterminate")
    if span.earliest and span.earliest != span.latest:
        text.append(f"\n{span.earliest} .. {span.latest}", style="dim")
    return text


def _backtest_summary(day: str, rows: Sequence[BacktestRow]) -> str:
    """One as-of date's figures: how many actual dates fell inside the range, how many states had no projection
    and why, and the mean absolute error of the typical dates projected."""
    errors = [abs(r.error_days) for r in rows if r.error_days is not None]
    mean = f"{sum(errors) / len(errors):.1f} days" if errors else "n/a"
    unprojected = [r.not_projected for r in rows if r.not_projected]
    why = {"no decision": sum(w is not NotProjected.NOT_A_PARTY for w in unprojected),
           "not yet a party": sum(w is NotProjected.NOT_A_PARTY for w in unprojected)}
    named = [f"{n} {label}" if len(unprojected) != n else label for label, n in why.items() if n]
    return (f"As of {day}: {sum(1 for r in rows if r.inside)} of {len(rows)} actual dates inside "
            f"the projected range, {len(unprojected)} not projected ({', '.join(named) or 'no decision'}); "
            f"mean absolute error of the typical projection {mean}.")


def backtest_renderables(backtest: Backtest, terminal: bool, width: int) -> list[RenderableType]:
    """The backtest as a table, a row per as-of date and state; the caption's figures are counts and means of its
    numbers, per as-of date."""
    rows = [[plain(r.timeline.as_of.isoformat()), plain(r.state.name), _projected(r),
             plain(r.actual_effective.isoformat()), plain(_signed(r.error_days)),
             plain({True: "yes", False: "NO", None: "n/a"}[r.inside])] for r in backtest.rows]
    lines = [_backtest_summary(day.isoformat(), [r for r in backtest.rows if r.timeline.as_of == day])
             for day in dict.fromkeys(r.timeline.as_of for r in backtest.rows)]
    caption = ("Each state projected with only what was known on the as-of date (the record, duration ranges and "
               "notes by the day they were known): out of sample. Errors in days, typical minus actual.\n"
               + "\n".join(lines))
    return [fit(BACKTEST_COLUMNS, rows, width, terminal), Text(caption, style="dim")]


ONE_LINE_WIDTH = 10_000  # a register piped: wide enough that no row wraps


def table(result: Result, terminal: bool, verbose: bool = False) -> str:
    """The human layout of each result; `compare` is the chart on one date axis. Piped, the register (`countries
    --all`, `parties`) gives each state one line however wide, for grep."""
    if isinstance(result, RulesCheck):
        return checked_files(result)
    one_line = isinstance(result, Parties) or (isinstance(result, Countries) and result.every)
    console = make_console(terminal, width=ONE_LINE_WIDTH if one_line and not terminal else None)
    width = console.width
    notes = Sources()
    items: list[RenderableType]
    if isinstance(result, Timeline):
        items = timeline_renderables(result, terminal, width, notes, verbose)
    elif isinstance(result, Comparison):
        items = chart_renderables(result.timelines, width, terminal)
    elif isinstance(result, Countries) and not result.every:
        items = countries_renderables(result.timelines, terminal, width)
    elif isinstance(result, (Countries, Parties)):
        items = register_renderables(result, terminal, width, notes)
    elif isinstance(result, State):
        items = procedure_renderables(result, terminal, width, notes)
    elif isinstance(result, Backtest):
        items = backtest_renderables(result, terminal, width)
    elif isinstance(result, Treaties):
        items = treaties_renderables(result, terminal, width, notes)
    elif isinstance(result, Withdrawals):
        items = withdrawals_renderables(result, terminal, width, notes)
    else:
        raise ValueError(f"no table for {type(result).__name__}")
    return render_to_text(items, console, notes)


def checked_files(check: RulesCheck) -> str:
    """`rules check`: a line per file with the state it defines."""
    by_file = {str(f): s for s in check.states for f in s.origin}
    lines = []
    for path in check.files:
        state = by_file.get(str(path))
        what = f"{state.name}: {len(state.procedure.steps)} steps, {len(state.events)} events" if state else "no state"
        lines.append(f"ok: {path} ({what})\n")
    return "".join(lines)
