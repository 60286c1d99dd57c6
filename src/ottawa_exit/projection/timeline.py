"""The projection engine: a state's rules + the record known at an as-of date + what-if overrides -> a Timeline.

Every date is labelled: ``recorded`` (the public record, with its source), ``projected`` (from the step's duration
range, with its basis) or ``override`` (the user's what-if), or ``none``: no decision, no projection. A withdrawal is
projected only from a recorded step of it (the political decision or any later step) or from a what-if; without
either, its steps, receipt and effect are ``none`` with the reason. Knowledge has a date: events reported later,
duration ranges and notes count only from the day they were known, so an as-of view uses no hindsight.
Projections carry three chains of dates, earliest, typical and latest, each computed from the same chain of the
step before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from datetime import timedelta
from enum import StrEnum
from typing import NamedTuple

from ..data.ottawa import effective_date
from ..engine.clauses import ArmedConflict, Count, Effect
from ..errors import InputError
from ..data.model import EFFECTIVE, RECEIPT, DurationRange, Event, Source, State, Step, Suspension
from ..data.model import known as known_notes
from .whatif import Overrides, bound_start, check_overrides

__all__ = ["JOINT_STATEMENT", "Effective", "Kind", "NotProjected", "Overrides", "Receipt", "Span", "Status",
           "Timeline", "TimelineStep", "known_events", "project_timeline"]

JOINT_STATEMENT = dt.date(2025, 3, 18)  # the defence ministers' joint statement: the default backtest date


class Kind(StrEnum):
    """Where a date comes from: the public record, a projection from duration ranges, the user's what-if, or
    nowhere (``none``: nothing is projected, and ``NotProjected`` says why)."""

    RECORDED = "recorded"
    PROJECTED = "projected"
    OVERRIDE = "override"
    NONE = "none"


class Status(StrEnum):
    """A state's standing under the Convention on the as-of date."""

    NOT_A_PARTY = "not-a-party"  # as-of before the state was bound
    PARTY = "party"
    IN_PROGRESS = "withdrawal-in-progress"  # a formal step of a withdrawal is recorded
    PENDING = "withdrawal-pending"  # the instrument was received; the withdrawal has not yet taken effect
    WITHDRAWN = "withdrawn"

    @property
    def bound(self) -> bool:
        """A State Party on the date: bound by the Convention, no withdrawal in effect. The one way States Parties
        are counted."""
        return self in (Status.PARTY, Status.IN_PROGRESS, Status.PENDING)


class NotProjected(StrEnum):
    """Why a timeline projects nothing (its receipt and effect of kind ``none``)."""

    NOT_A_PARTY = "not-a-party"  # the as-of date is before the state was bound
    NOT_A_WITHDRAWAL = "not-a-withdrawal"  # the instrument on record is a suspension
    NO_DECISION = "no-decision"  # no step of a withdrawal is recorded
    NO_INSTRUMENT = "no-instrument"  # steps are recorded, the instrument they lead to is not yet


class Span(NamedTuple):
    """A dated result: ``date`` is the exact or typical day (None for a window or unknown), with its range."""

    date: dt.date | None
    earliest: dt.date | None
    latest: dt.date | None

    @classmethod
    def exact(cls, day: dt.date) -> Span:
        return cls(day, day, day)

    @property
    def typical(self) -> dt.date | None:
        """The day to anchor later steps on: the date, or a window's middle."""
        if self.date is not None or self.earliest is None or self.latest is None:
            return self.date
        return self.earliest + (self.latest - self.earliest) // 2

    @property
    def dated(self) -> bool:
        return self.earliest is not None


NO_SPAN = Span(None, None, None)


@dataclass(frozen=True, slots=True)
class TimelineStep:
    """One step of a timeline: dated (or not), the kind of its date, and where the date came from."""

    step: Step
    kind: Kind
    span: Span
    basis: str  # where the date came from: the record, the user's override, the duration range's basis, the reason
    event: Event | None = None
    note: str | None = None  # the engine's remark on this date
    days: DurationRange | None = None  # the range a projection used (known on the as-of date)
    step_notes: tuple[str, ...] = ()  # the step's notes known on the as-of date

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.event.sources if self.event else ()

    @property
    def secondary(self) -> str | None:
        """Why no citable source states the recorded date, when none does."""
        return self.event.secondary if self.event else None

    @property
    def notes(self) -> tuple[str, ...]:
        """Every remark on the step, the engine's first, then the record's, then the step's."""
        return tuple(n for n in (self.note, self.event.note if self.event else None, *self.step_notes) if n)


@dataclass(frozen=True, slots=True)
class Receipt:
    """The Depositary's receipt of the instrument of withdrawal, as dated by the timeline."""

    kind: Kind
    span: Span
    sources: tuple[Source, ...] = ()
    reason: str | None = None  # why there is no date (kind none), in a sentence
    not_projected: NotProjected | None = None  # the same, as a value
    secondary: str | None = None  # why no citable source states the recorded date, when none does


@dataclass(frozen=True, slots=True)
class Effective:
    """The date the withdrawal takes effect under Article 20, with the rule applied."""

    kind: Kind
    span: Span  # all None when indeterminate
    rule: str
    armed_conflict: ArmedConflict | None
    count: Count = Count.SAME_DAY
    sources: tuple[Source, ...] = ()
    reason: str | None = None  # why there is no date (kind none), in a sentence
    not_projected: NotProjected | None = None  # the same, as a value
    secondary: str | None = None

    @property
    def indeterminate(self) -> bool:
        return self.span.earliest is None


@dataclass(frozen=True, slots=True, repr=False)
class Timeline:
    """A state's withdrawal as known on ``as_of``: every step dated and labelled, the receipt, the effect, the
    notes. ``repr`` is one line; ``ottawa_exit.timeline_dict`` gives the whole."""

    state: State
    as_of: dt.date
    status: Status
    steps: tuple[TimelineStep, ...]
    receipt: Receipt
    effective: Effective
    notes: tuple[str, ...] = ()
    overrides: Overrides = field(default_factory=Overrides)
    suspension: Suspension | None = None  # as known on the as-of date: its objections and response reported by then

    def step(self, step_id: str) -> TimelineStep:
        """The dated step with this id; KeyError names the known ids."""
        for item in self.steps:
            if item.step.id == step_id:
                return item
        raise KeyError(f"{self.state.id} has no step {step_id!r} (steps: {', '.join(s.step.id for s in self.steps)})")

    def dates(self) -> list[dt.date]:
        """Every date the timeline shows: the as-of date and each end of every step's, the receipt's and the
        effect's range (what a chart's axis must hold)."""
        spans = [s.span for s in self.steps] + [self.receipt.span, self.effective.span]
        return [self.as_of, *(day for span in spans for day in (span.earliest, span.date, span.latest) if day)]

    def __repr__(self) -> str:
        """``<Timeline Poland as of 2025-03-18: party; takes effect 2026-03-25 (projected)>``."""
        effect = self.effective
        if effect.kind is Kind.NONE:
            when = f"nothing projected ({effect.not_projected})"
        elif effect.span.date is None:
            when = f"takes effect: indeterminate ({effect.kind})"
        else:
            when = f"takes effect {effect.span.date} ({effect.kind})"
        return f"<Timeline {self.state.name} as of {self.as_of}: {self.status}; {when}>"


# ---------------------------------------------------------------------------------------------------------------




def known_events(state: State, as_of: dt.date) -> dict[str, Event]:
    """The record as it stood on ``as_of``: events that had happened and been reported by then; a step without a
    date counts as known once a later step of the path is (it must have happened first); a window counts once its
    latest day has passed. A parallel step implies nothing about the steps before it."""
    events = {e.step: e for e in state.events}
    known: dict[str, Event] = {}
    implied = False
    for step in reversed(state.procedure.steps):
        event = events.get(step.id)
        if event is not None and event.known_on(as_of):
            known[step.id] = published_by(event, as_of)
            implied = implied or not step.parallel
        elif implied and not step.parallel and (event is None or event.known_from is None or event.known_from <= as_of):
            known[step.id] = event or Event(step.id)
    return known


def published_by(event: Event, as_of: dt.date) -> Event:
    """The event with only the sources published by ``as_of`` (or undated): a report of later date is not cited
    for what was known then."""
    kept = tuple(s for s in event.sources if s.published is None or s.published <= as_of)
    return event if len(kept) == len(event.sources) else replace(event, sources=kept)


def _project(prev: Span | None, days: DurationRange, now: dt.date) -> Span:
    """A step not yet recorded, from the previous step's chains and the step's duration range.

    On schedule, each chain is the previous chain plus the step's days, but never before ``now`` (the as-of date:
    it has not happened yet); a typical day already past moves to the middle of what remains. Overdue even at the
    latest, the record gives no better guide: count the range from ``now``.
    """
    if prev is None or prev.latest is None or prev.latest + timedelta(days=days.latest) < now:
        anchors = (now, now, now)
    else:
        anchors = (prev.earliest or prev.latest, prev.typical or prev.latest, prev.latest)
    earliest = max(anchors[0] + timedelta(days=days.earliest), now)
    latest = max(anchors[2] + timedelta(days=days.latest), now)
    typical = anchors[1] + timedelta(days=days.typical)
    if typical < now:  # later than usual already: expect it between now and the latest
        typical = now + (latest - now) // 2
    return Span(typical, earliest, latest)


def _cap(span: Span, cap: dt.date) -> Span:
    return Span(*(min(d, cap) if d else d for d in (span.date, span.earliest, span.latest)))


def _limited(step: Step, span: Span, spans: dict[str, Span], now: dt.date) -> tuple[Span, str | None]:
    """A projection bounded by the step's statutory limit, when the limit counts from a dated step; else the note
    that says why the limit is not applied."""
    limit = step.statutory_limit
    if limit is None:
        return span, None
    start = spans.get(limit.from_step) if limit.from_step else None
    if start is None or start.latest is None:
        return span, (f"statutory limit of {limit.days} days counted from {limit.counted_from}: that day has no "
                      "recorded date, so the limit is not applied to this projection")
    cap = start.latest + timedelta(days=limit.days)
    if cap < now:
        return span, f"the statutory limit ({limit.days} days from {limit.from_step}) ran out on {cap}"
    capped = _cap(span, cap)
    return capped, (f"latest bounded by the statutory limit: {limit.days} days from {limit.from_step}"
                    if capped != span else None)


def project_timeline(state: State, as_of: dt.date | None = None, overrides: Overrides | None = None) -> Timeline:
    """A state's timeline as known on ``as_of`` (default: today), with what-if ``overrides``."""
    try:
        return _project_timeline(state, as_of or dt.date.today(), overrides or Overrides())
    except OverflowError:
        raise InputError("a projected date falls after 9999-12-31: use dates closer to today") from None


def no_projection(state: State, as_of: dt.date, known: dict[str, Event],
                  overrides: Overrides) -> tuple[NotProjected, str] | None:
    """Why nothing is projected, as a value and a sentence (None: projections may start). A what-if always starts
    them."""
    if overrides.steps:
        return None
    if as_of < bound_start(state):
        return NotProjected.NOT_A_PARTY, f"not a party as of {as_of}: bound by the Convention from {bound_start(state)}"
    if not known:
        return NotProjected.NO_DECISION, f"no withdrawal decided as of {as_of}"
    if state.instrument != "withdrawal" and not _instrument_known(state, as_of):
        # Steps on record, the instrument they lead to not yet: naming it would be knowing it before it was known.
        return NotProjected.NO_INSTRUMENT, f"no Article 20 instrument on record as of {as_of}"
    if state.instrument != "withdrawal":
        return NotProjected.NOT_A_WITHDRAWAL, (f"no withdrawal decided as of {as_of} (a {state.instrument} is not an "
                                               "Article 20 withdrawal)")
    return None


def _instrument_known(state: State, as_of: dt.date) -> bool:
    """Whether the instrument a state chose instead of an Article 20 withdrawal is on record on ``as_of``, given
    that steps of its procedure are (the callers ask only then): its suspension once reported; without a suspension
    record, with those steps."""
    return state.suspension is None or state.suspension.known(as_of) is not None


def _date_step(step: Step, known: dict[str, Event], overrides: Overrides) -> TimelineStep | None:
    """The step's date from an override or the record, if either gives one."""
    if step.id in overrides.steps:
        replaced = known.get(step.id)
        note = f"replaces the recorded {_describe(replaced)}" if replaced else None
        return TimelineStep(step, Kind.OVERRIDE, Span.exact(overrides.steps[step.id]), "override given by the user",
                            None, note)
    if step.id not in known:
        return None
    event = known[step.id]
    if event.is_unknown:
        return TimelineStep(step, Kind.RECORDED, NO_SPAN, "the record", event, "date not recorded")
    span = Span.exact(event.date) if event.date else Span(None, event.earliest, event.latest)
    note = None if event.date else "approximate: the record gives a window, not a day"
    return TimelineStep(step, Kind.RECORDED, span, "the record", event, note)


class _Chain:
    """The dates known so far while a timeline is built: each step's span, and the last one on the path."""

    def __init__(self) -> None:
        self.spans: dict[str, Span] = {}
        self.prev: Span | None = None

    def add(self, item: TimelineStep) -> None:
        self.spans[item.step.id] = item.span
        if item.span.dated and not item.step.parallel:
            self.prev = item.span

    def before(self, step: Step) -> Span | None:
        """The span a projection of ``step`` counts from: its after_step for a parallel step, else the path's last."""
        return self.spans.get(step.after_step or "") if step.parallel else self.prev


def later_overrides(state: State, overrides: Overrides) -> dict[str, str]:
    """For each step of the path, the first later step of the path that the user fixed: a projection of the step
    cannot pass it. One walk back along the path (linear in its length), made once per timeline."""
    found: dict[str, str] = {}
    later: str | None = None
    for step in reversed(state.procedure.path()):
        if later is not None:
            found[step.id] = later
        if step.id in overrides.steps:
            later = step.id
    return found


def _projected_step(step: Step, chain: _Chain, as_of: dt.date, now: dt.date, overrides: Overrides,
                    later_fixed: dict[str, str]) -> TimelineStep:
    """A step neither recorded nor overridden: projected from the step before with the range known on ``as_of``,
    bounded by a later override (``later_fixed``) and by the statutory limit."""
    days = step.days(as_of)
    projected = _project(chain.before(step), days, now)
    later = None if step.parallel else later_fixed.get(step.id)
    span = _cap(projected, overrides.steps[later]) if later else projected
    override_note = f"limited by the override of '{later}'" if span != projected else None
    span, limit_note = _limited(step, span, chain.spans, now)
    note = "; ".join(n for n in (override_note, limit_note) if n) or None
    return TimelineStep(step, Kind.PROJECTED, span, days.basis, None, note, days)


def _project_timeline(state: State, as_of: dt.date, overrides: Overrides) -> Timeline:
    known = known_events(state, as_of)
    check_overrides(state, known, overrides)
    why = no_projection(state, as_of, known, overrides)
    reason = why[1] if why else None
    now = max(as_of, bound_start(state))
    chain = _Chain()
    later_fixed = later_overrides(state, overrides)
    dated: list[TimelineStep] = []
    for step in state.procedure.steps:
        item = _date_step(step, known, overrides)
        if item is None:
            item = (TimelineStep(step, Kind.NONE, NO_SPAN, reason) if reason
                    else _projected_step(step, chain, as_of, now, overrides, later_fixed))
        item = replace(item, step_notes=tuple(n.text for n in known_notes(step.notes, as_of)))
        chain.add(item)
        dated.append(item)

    receipt_step = next(s for s in dated if s.step.id == RECEIPT)
    unprojected = receipt_step.kind is Kind.NONE and why is not None
    receipt = Receipt(receipt_step.kind, receipt_step.span, receipt_step.sources,
                      reason if unprojected else None, why[0] if why and unprojected else None, receipt_step.secondary)
    effective = _effective(state, as_of, receipt, overrides)
    status = _status(state, as_of, dated, receipt, effective)
    suspension = state.suspension.known(as_of) if state.suspension else None
    return Timeline(state, as_of, status, tuple(dated), receipt, effective,
                    _notes(state, as_of, status, effective, known, reason), overrides, suspension)


def _describe(event: Event) -> str:
    if event.date:
        return f"date {event.date}"
    if event.earliest:
        return f"window {event.earliest}..{event.latest}"
    return "step (date not recorded)"


def _effective(state: State, as_of: dt.date, receipt: Receipt, overrides: Overrides) -> Effective:
    conflict = None if overrides.no_armed_conflict else (overrides.armed_conflict or state.armed_conflict)
    span = receipt.span
    if receipt.kind is Kind.NONE:
        return Effective(Kind.NONE, NO_SPAN, "no receipt to apply Article 20 to", conflict, reason=receipt.reason,
                         not_projected=receipt.not_projected)
    if span.earliest is None or span.latest is None:  # unknown receipt: cannot happen for a valid timeline
        return Effective(Kind.PROJECTED, NO_SPAN, "receipt date unknown", conflict)
    result, rule, conflict = _effect_span(span, conflict)
    if receipt.kind is Kind.OVERRIDE or overrides.armed_conflict is not None or overrides.no_armed_conflict:
        return Effective(Kind.OVERRIDE, result, rule, conflict)
    if receipt.kind is not Kind.RECORDED:
        return Effective(Kind.PROJECTED, result, rule, conflict)
    recorded = state.event(EFFECTIVE)
    if recorded and recorded.date and recorded.known_on(as_of) and recorded.date == result.date:
        return Effective(Kind.RECORDED, result, rule, conflict, Count.SAME_DAY, published_by(recorded, as_of).sources,
                         secondary=recorded.secondary)
    return Effective(Kind.PROJECTED, result, rule + _unrecorded(result.date, as_of), conflict)


def _unrecorded(day: dt.date | None, as_of: dt.date) -> str:
    """Why a date fixed by a recorded receipt is still projected: not reached, or reached with no record given."""
    if day is None:
        return ""
    when = "not yet reached" if day > as_of else "passed, with no record of the effect given"
    return f"; computed from the recorded receipt (the date is fixed by the treaty, {when})"


def _effect_span(receipt: Span, conflict: ArmedConflict | None) -> tuple[Span, str, ArmedConflict | None]:
    """Article 20 applied to each chain of the receipt; the typical chain's rule and the armed conflict it applied
    (none if the conflict had not begun when the six months expire). Indeterminate for any chain: indeterminate."""
    assert receipt.earliest is not None and receipt.latest is not None
    try:
        effects: list[Effect] = [effective_date(day, conflict)
                                 for day in (receipt.earliest, receipt.typical or receipt.earliest, receipt.latest)]
    except ValueError as error:  # six months after a receipt late in 9999: dateutil's "year 10000 is out of range"
        raise OverflowError(str(error)) from None
    undated = next((e for e in (effects[1], *effects) if e.effective is None), None)
    if undated is not None:
        return NO_SPAN, undated.rule, undated.armed_conflict
    return (Span(effects[1].effective, effects[0].effective, effects[2].effective), effects[1].rule,
            effects[1].armed_conflict)


def _status(state: State, as_of: dt.date, steps: list[TimelineStep], receipt: Receipt, effective: Effective) -> Status:
    if as_of < bound_start(state) and state.bound_from is not None:
        return Status.NOT_A_PARTY
    deposited = receipt.kind in (Kind.RECORDED, Kind.OVERRIDE) and receipt.span.date is not None and receipt.span.date <= as_of
    if deposited:
        if effective.span.date is not None and effective.span.date <= as_of:
            return Status.WITHDRAWN
        return Status.PENDING
    if state.instrument == "suspension":  # a suspension is not a step towards an Article 20 withdrawal
        return Status.PARTY
    started = any(
        s.step.formal and s.kind is Kind.RECORDED and (s.span.latest is None or s.span.latest <= as_of) for s in steps
    )
    return Status.IN_PROGRESS if started else Status.PARTY


def _suspension_note(state: State, as_of: dt.date, known_steps: dict[str, Event]) -> list[str]:
    if state.instrument != "suspension" or not known_steps or not _instrument_known(state, as_of):
        return []
    return [f"{state.name} notified a suspension, not an Article 20 withdrawal: it remains a State Party. "
            "An Article 20 receipt and effect are projected only as a what-if (a receipt or a step given as an "
            "override)."]


def _notes(state: State, as_of: dt.date, status: Status, effective: Effective, known_steps: dict[str, Event],
           reason: str | None) -> tuple[str, ...]:
    notes: list[str] = []
    if reason and status is not Status.NOT_A_PARTY:
        notes.append(reason[0].upper() + reason[1:] + ": nothing is projected.")
    notes.extend(_suspension_note(state, as_of, known_steps))
    notes.extend(n.text for n in known_notes(state.notes, as_of))
    if status is Status.NOT_A_PARTY:
        notes.append(f"On {as_of} {state.name} was not yet bound by the Convention (bound from {state.bound_from}).")
    if effective.armed_conflict is not None and effective.armed_conflict.given_by == "rules" and \
            (effective.armed_conflict.since is None or effective.armed_conflict.since <= as_of):
        conflict = effective.armed_conflict
        since = f" since {conflict.since}" if conflict.since else ""
        detail = f" ({conflict.detail})" if conflict.detail else ""
        notes.append(f"{state.name} is engaged in an armed conflict{since}{detail}: Article 20(3) applies.")
    if state.reviewed is None:
        notes.append("These rules do not state when they were last reviewed against the public record.")
    elif as_of > state.reviewed:
        notes.append(
            f"Rules last reviewed against the public record on {state.reviewed}; events after that date may be missing."
        )
    return tuple(notes)

