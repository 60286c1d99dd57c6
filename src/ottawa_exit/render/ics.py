"""RFC 5545 calendars written with the ``icalendar`` library: one all-day event per dated step and one for the
effective date.

Calendars update in place: the UID names the state and the step (``poland-senate@ottawa-exit``), never the kind,
so when a projected step becomes recorded the client replaces the event it has. SEQUENCE says which version wins
(0 projected or what-if, 1 recorded) and LAST-MODIFIED is the day the version was known: the recorded event's date,
or the as-of date of a projection. DTSTAMP is the rules' review date. Nothing comes from the clock, so the same input
gives the same bytes. A state with no withdrawal decided as of the date (its receipt of kind ``none``) has no events
at all, not even its recorded steps: a calendar of withdrawals shows only withdrawals."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from ..projection.timeline import Kind, Span, Timeline
from ..version import __version__
from .text import clean

_EPOCH = date(2025, 1, 1)


SEQUENCE = {Kind.PROJECTED: 0, Kind.OVERRIDE: 0, Kind.RECORDED: 1}  # recorded beats projected


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _event(uid: str, summary: str, span: Span, kind: Kind, description: list[str | None], url: str | None,
           stamp: datetime, as_of: date) -> Event | None:
    start = span.date or span.earliest
    if start is None or span.latest is None:
        return None
    end = (span.date or span.latest) + timedelta(days=1)  # DTEND is exclusive for all-day events
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("sequence", SEQUENCE[kind])
    known = (span.date or span.latest) if kind is Kind.RECORDED else as_of
    event.add("last-modified", _midnight(min(known, as_of)))
    event.add("dtstart", start)
    event.add("dtend", end)
    prefix = {Kind.RECORDED: "", Kind.PROJECTED: "Projected: ", Kind.OVERRIDE: "What-if: "}[kind]
    window = " (date window)" if span.date is None else ""
    event.add("summary", clean(prefix + summary + window))
    if kind is Kind.PROJECTED and span.earliest != span.latest:
        description.insert(0, f"Projected range: {span.earliest} to {span.latest} (typical {span.date}).")
    event.add("description", clean("\n".join(d for d in description if d)))
    event.add("transp", "TRANSPARENT")
    event.add("categories", [kind.value])
    if url:
        event.add("url", url)
    return event


def _events(t: Timeline) -> list[Event]:
    """A timeline's events: one per dated step, and one for the effective date if it has one."""
    stamp = _midnight(t.state.reviewed or _EPOCH)  # the data's review date, not today
    as_of = f"As of {t.as_of}; rules reviewed {t.state.reviewed or 'not stated'}."
    events: list[Event | None] = []
    for item in t.steps:
        sources = list(item.sources)
        description: list[str | None] = [
            item.event.detail if item.event else None,
            f"Actor: {item.step.actor}. Requirement: {item.step.requirement}.",
            f"Legal basis: {item.step.legal_basis}.",
            f"Kind: {item.kind.value}. Basis: {item.basis}.",
            *item.notes,
            *(f"Source: {s}" for s in sources),
            as_of,
        ]
        events.append(_event(f"{t.state.id}-{item.step.id}@ottawa-exit",
                             f"{t.state.name}: {item.step.title}", item.span, item.kind, description,
                             sources[0] if sources else None, stamp, t.as_of))
    eff = t.effective
    events.append(_event(f"{t.state.id}-effective@ottawa-exit",
                         f"{t.state.name}: withdrawal from the Ottawa Convention takes effect", eff.span, eff.kind,
                         [f"Rule: {eff.rule}", *(f"Source: {s}" for s in eff.sources), as_of],
                         eff.sources[0] if eff.sources else None, stamp, t.as_of))
    return [e for e in events if e is not None]


def calendar(timelines: Sequence[Timeline]) -> str:
    cal = Calendar()
    cal.add("prodid", f"-//ottawa-exit//ottawa-exit {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Ottawa Convention withdrawals" if len(timelines) > 1 else
            f"{clean(timelines[0].state.name)}: Ottawa Convention withdrawal")
    for t in timelines:
        if t.receipt.kind is Kind.NONE:  # no withdrawal decided (or not a party): no events, not even recorded steps
            continue
        for event in _events(t):
            cal.add_component(event)
    text: str = cal.to_ical().decode("utf-8")
    return text
