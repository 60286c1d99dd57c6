"""RFC 5545 calendars written with the ``icalendar`` library: one all-day event per step of each state's procedure
and one for the effective date; for a notified suspension, one per objection lodged on a known day and one for the
States Parties' response.

Calendars update in place and retract: every step a state has keeps its UID in every file (``poland-senate@ottawa-
exit``, never naming the kind), so a re-imported file replaces the event a client already has. A step with a date
is an event (``CONFIRMED`` when recorded, ``TENTATIVE`` when projected or a what-if); a step with no date as of the
file's date (not projected, or recorded on a day the record does not give) is sent as ``STATUS:CANCELLED``, so a
projection an earlier file made is withdrawn rather than left standing. A cancellation has no date of its own: it
sits on the as-of date.

SEQUENCE is the number of days from the Convention's adoption (1997-09-18) to the as-of date: a file made as of a
later date carries a higher number for every event, so it wins over any earlier file, and the same input always
gives the same number. LAST-MODIFIED is the day the version was known (the recorded event's date, or the as-of date
of a projection); DTSTAMP is the rules' review date. Nothing comes from the clock, so the same input gives the same
bytes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from ..data.model import Source
from ..projection.timeline import Kind, Span, Timeline
from ..version import __version__
from .text import clean

_EPOCH = date(2025, 1, 1)  # DTSTAMP when the rules state no review date
ADOPTED = date(1997, 9, 18)  # the Convention's adoption: day 0 of SEQUENCE
PREFIX = {Kind.RECORDED: "", Kind.PROJECTED: "Projected: ", Kind.OVERRIDE: "What-if: "}
STATUS = {Kind.RECORDED: "CONFIRMED", Kind.PROJECTED: "TENTATIVE", Kind.OVERRIDE: "TENTATIVE"}


def sequence(as_of: date) -> int:
    """SEQUENCE for every event of a file made as of ``as_of``: later knowledge, higher number (never negative)."""
    return max(0, (as_of - ADOPTED).days)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Entry:
    """What one event says, before it is written: a dated step (or effect), or a cancellation of its UID."""

    uid: str
    summary: str
    span: Span
    kind: Kind
    description: list[str | None]
    url: str | None
    why_undated: str = ""  # the reason a step has no date (a cancellation's description)


def _event(entry: Entry, stamp: datetime, as_of: date) -> Event:
    span, kind = entry.span, entry.kind
    start = span.date or span.earliest
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp)
    event.add("sequence", sequence(as_of))
    if start is None or span.latest is None or kind is Kind.NONE:
        return _cancelled(event, entry, as_of)
    end = (span.date or span.latest) + timedelta(days=1)  # DTEND is exclusive for all-day events
    known = (span.date or span.latest) if kind is Kind.RECORDED else as_of
    event.add("last-modified", _midnight(min(known, as_of)))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("status", STATUS[kind])
    window = " (date window)" if span.date is None else ""
    event.add("summary", clean(PREFIX[kind] + entry.summary + window))
    description = list(entry.description)
    if kind is Kind.PROJECTED and span.earliest != span.latest:
        description.insert(0, f"Projected range: {span.earliest} to {span.latest} (typical {span.date}).")
    event.add("description", clean("\n".join(d for d in description if d)))
    event.add("transp", "TRANSPARENT")
    event.add("categories", [kind.value])
    if entry.url:
        event.add("url", entry.url)
    return event


def _cancelled(event: Event, entry: Entry, as_of: date) -> Event:
    """The step has no date as of ``as_of``: the event is cancelled, on the as-of date, saying why."""
    event.add("last-modified", _midnight(as_of))
    event.add("dtstart", as_of)
    event.add("dtend", as_of + timedelta(days=1))
    event.add("status", "CANCELLED")
    event.add("summary", clean(f"Not dated: {entry.summary}"))
    event.add("description", clean(
        f"As of {as_of} this has no date: {entry.why_undated}. Any date an earlier calendar gave it is withdrawn."))
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["cancelled"])
    return event


def _why_undated(kind: Kind, basis: str) -> str:
    if kind is Kind.RECORDED:
        return "the record says it happened, on a day it does not give"
    return basis.rstrip(".") or "not projected"


def entries(t: Timeline) -> list[Entry]:
    """A timeline's events: one per step of the procedure, and one for the effective date."""
    as_of = f"As of {t.as_of}; rules reviewed {t.state.reviewed or 'not stated'}."
    found: list[Entry] = []
    for item in t.steps:
        sources = list(item.sources)
        description: list[str | None] = [
            item.event.detail if item.event else None,
            f"Actor: {item.step.actor}. Requirement: {item.step.requirement}.",
            f"Legal basis: {item.step.legal_basis}.",
            f"Kind: {item.kind.value}. Basis: {item.basis}.",
            *item.notes,
            *_cited(sources, item.secondary),
            as_of,
        ]
        found.append(Entry(f"{t.state.id}-{item.step.id}@ottawa-exit", f"{t.state.name}: {item.step.title}",
                           item.span, item.kind, description, sources[0].url if sources else None,
                           _why_undated(item.kind, item.basis)))
    eff = t.effective
    why = eff.reason or (f"indeterminate ({eff.rule})" if eff.kind is not Kind.NONE else "not projected")
    found.append(Entry(f"{t.state.id}-effective@ottawa-exit",
                       f"{t.state.name}: withdrawal from the Ottawa Convention takes effect", eff.span, eff.kind,
                       [f"Rule: {eff.rule}", *_cited(eff.sources, eff.secondary), as_of],
                       eff.sources[0].url if eff.sources else None, why))
    return found + _suspension_entries(t, as_of)


def _suspension_entries(t: Timeline, as_of: str) -> list[Entry]:
    """A notified suspension's answers known on the as-of date: each objection lodged on a known day, and the States
    Parties' response (an objection known only to have been lodged by some day has no day to put in a calendar)."""
    suspension = t.suspension
    if suspension is None:
        return []
    found = [Entry(f"{t.state.id}-objection-{o.iso3.lower()}@ottawa-exit",
                   f"{o.state} objects to {t.state.name}'s suspension of the Ottawa Convention", Span.exact(o.date),
                   Kind.RECORDED, [o.detail, *_cited(o.sources, None), as_of],
                   o.sources[0].url if o.sources else None)
             for o in suspension.objections if o.date is not None]
    response = suspension.response
    if response is not None:
        found.append(Entry(f"{t.state.id}-suspension-response@ottawa-exit",
                           f"States Parties answer {t.state.name}'s suspension of the Ottawa Convention",
                           Span.exact(response.date), Kind.RECORDED,
                           [response.text, *_cited(response.sources, None), as_of],
                           response.sources[0].url if response.sources else None))
    return found


def _cited(sources: Sequence[Source], secondary: str | None) -> list[str]:
    """A date's sources (publisher, kind, address, and the copy read), and the secondary mark with its reason."""
    lines = [f"Source: {s.publisher} ({s.kind}): {s.url}" + (f" (read via {s.via})" if s.via else "") for s in sources]
    if secondary is not None:
        lines.append(f"Secondary source: {secondary}")
    return lines


def calendar(timelines: Sequence[Timeline]) -> str:
    cal = Calendar()
    cal.add("prodid", f"-//ottawa-exit//ottawa-exit {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Ottawa Convention withdrawals" if len(timelines) > 1 else
            f"{clean(timelines[0].state.name)}: Ottawa Convention withdrawal")
    for t in timelines:
        stamp = _midnight(t.state.reviewed or _EPOCH)  # the data's review date, not today
        for entry in entries(t):
            cal.add_component(_event(entry, stamp, t.as_of))
    text: str = cal.to_ical().decode("utf-8")
    return text
