"""The projection engine: a state's rules + the record known at an as-of date + what-if overrides -> a Timeline.

Every date is labelled: ``recorded`` (the public record, with its source), ``projected`` (from the step's duration
range, with its basis) or ``override`` (the user's what-if). Projections carry three chains of dates, earliest,
typical and latest, each computed from the same chain of the step before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
import datetime as dt
from datetime import timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple

from .article20 import ArmedConflict, Count, Effect, effective_date
from .errors import InputError, closest, shown
from .model import EFFECTIVE, RECEIPT, Event, State, Step

JOINT_STATEMENT = dt.date(2025, 3, 18)  # the defence ministers' joint statement: the default backtest date


class Kind(StrEnum):
    RECORDED = "recorded"
    PROJECTED = "projected"
    OVERRIDE = "override"


class Status(StrEnum):
    NOT_A_PARTY = "not-a-party"  # as-of before the state was bound
    PARTY = "party"
    IN_PROGRESS = "withdrawal-in-progress"
    PENDING = "withdrawal-pending"
    WITHDRAWN = "withdrawn"


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


class TimelineStep(NamedTuple):
    step: Step
    kind: Kind
    span: Span
    basis: str  # where the date came from: the record, the user's override, or the duration range's basis
    event: Event | None = None
    note: str | None = None

    @property
    def sources(self) -> tuple[str, ...]:
        return self.event.sources if self.event else ()


class Receipt(NamedTuple):
    kind: Kind
    span: Span
    sources: tuple[str, ...] = ()


class Effective(NamedTuple):
    kind: Kind
    span: Span  # all None when indeterminate
    rule: str
    armed_conflict: ArmedConflict | None
    count: Count = Count.SAME_DAY
    sources: tuple[str, ...] = ()

    @property
    def indeterminate(self) -> bool:
        return self.span.earliest is None


class Overrides(NamedTuple):
    """What-if inputs. ``armed_conflict`` None means "as the rules say"; ``no_armed_conflict`` sets it aside."""

    steps: Mapping[str, dt.date] = MappingProxyType({})
    armed_conflict: ArmedConflict | None = None
    no_armed_conflict: bool = False

    @classmethod
    def build(
        cls,
        receipt: dt.date | None = None,
        steps: Iterable[tuple[str, dt.date]] = (),
        armed_conflict_until: dt.date | None = None,
        armed_conflict: bool = False,
        no_armed_conflict: bool = False,
    ) -> Overrides:
        """Combine the CLI's options, refusing contradictions."""
        chosen: dict[str, dt.date] = {}
        pairs = list(steps) + ([(RECEIPT, receipt)] if receipt else [])
        for step_id, day in pairs:
            if step_id in chosen and chosen[step_id] != day:
                raise InputError(f"contradictory overrides: step '{step_id}' given as both {chosen[step_id]} and {day}")
            chosen[step_id] = day
        if sum((armed_conflict_until is not None, armed_conflict, no_armed_conflict)) > 1:
            raise InputError(
                "contradictory overrides: give only one of --armed-conflict, --armed-conflict-until, --no-armed-conflict"
            )
        conflict = None
        if armed_conflict_until is not None or armed_conflict:
            conflict = ArmedConflict(end=armed_conflict_until, given_by="user")
        return cls(chosen, conflict, no_armed_conflict)


class Timeline(NamedTuple):
    state: State
    as_of: dt.date
    status: Status
    steps: tuple[TimelineStep, ...]
    receipt: Receipt
    effective: Effective
    notes: tuple[str, ...] = ()
    overrides: Overrides = Overrides()
    reason: str | None = None  # why receipt and effect are null (nothing decided), else None

    def step(self, step_id: str) -> TimelineStep:
        """The dated step with this id; KeyError names the known ids."""
        for item in self.steps:
            if item.step.id == step_id:
                return item
        raise KeyError(f"{self.state.id} has no step {step_id!r} (steps: {', '.join(s.step.id for s in self.steps)})")


# ---------------------------------------------------------------------------------------------------------------


def known_events(state: State, as_of: dt.date) -> dict[str, Event]:
    """The record as it stood on ``as_of``: events on or before it; a step without a date counts as known once a
    later step is (it must have happened first); a window counts once its latest day has passed."""
    events = {e.step: e for e in state.events}
    known: dict[str, Event] = {}
    implied = False
    for step in reversed(state.procedure.steps):
        event = events.get(step.id)
        happened = event.happened_by if event else None
        if implied or (happened is not None and happened <= as_of):
            known[step.id] = event or Event(step.id)
            implied = True
    return known


def _check_overrides(state: State, known: Mapping[str, Event], overrides: Overrides) -> None:
    ids = state.procedure.ids()
    for step_id in overrides.steps:
        if step_id not in ids:
            near = closest(step_id, ids)
            hint = f"; did you mean '{near}'?" if near else ""
            raise InputError(
                f"--step: {state.name} has no step {shown(step_id)}{hint} (steps: {', '.join(ids)})"
            )
    # Every fixed point (recorded or overridden) must keep the procedure's order.
    fixed: list[tuple[str, dt.date, dt.date, str]] = []  # (step, earliest, latest, label)
    for step_id in ids:
        if step_id in overrides.steps:
            day = overrides.steps[step_id]
            fixed.append((step_id, day, day, "override"))
        elif step_id in known and not known[step_id].is_unknown:
            event = known[step_id]
            assert event.earliest or event.date
            fixed.append((step_id, event.date or event.earliest, event.date or event.latest, "recorded"))  # type: ignore[arg-type]
    for (a, a_early, _, a_label), (b, _, b_late, b_label) in zip(fixed, fixed[1:]):
        if "override" in (a_label, b_label) and b_late < a_early:
            raise InputError(
                f"contradictory overrides: {b} ({b_label}, {b_late}) would come before {a} ({a_label}, {a_early}), "
                "breaking the order of the procedure"
            )


def _project(prev: Span | None, step: Step, as_of: dt.date) -> Span:
    """A step not yet recorded, from the previous step's chains and the step's duration range.

    On schedule, each chain is the previous chain plus the step's days, but never before the as-of date (it has not
    happened yet); a typical day already past moves to the middle of what remains. Overdue even at the latest, the
    record gives no better guide: count the range from the as-of date.
    """
    days = step.days
    if prev is None or prev.latest is None or prev.latest + timedelta(days=days.latest) < as_of:
        anchors = (as_of, as_of, as_of)
    else:
        anchors = (prev.earliest or prev.latest, prev.typical or prev.latest, prev.latest)
    earliest = max(anchors[0] + timedelta(days=days.earliest), as_of)
    latest = max(anchors[2] + timedelta(days=days.latest), as_of)
    typical = anchors[1] + timedelta(days=days.typical)
    if typical < as_of:  # later than usual already: expect it between now and the latest
        typical = as_of + (latest - as_of) // 2
    return Span(typical, earliest, latest)


def _cap(span: Span, cap: dt.date) -> Span:
    return Span(*(min(d, cap) if d else d for d in (span.date, span.earliest, span.latest)))


def project_timeline(state: State, as_of: dt.date | None = None, overrides: Overrides | None = None) -> Timeline:
    """A state's timeline as known on ``as_of`` (default: today), with what-if ``overrides``."""
    try:
        return _undecided(_project_timeline(state, as_of or dt.date.today(), overrides or Overrides()))
    except OverflowError:
        raise InputError("a projected date falls after 9999-12-31: use dates closer to today") from None


def _project_timeline(state: State, as_of: dt.date, overrides: Overrides) -> Timeline:
    known = known_events(state, as_of)
    _check_overrides(state, known, overrides)
    steps = state.procedure.steps

    dated: list[TimelineStep] = []
    prev: Span | None = None
    for i, step in enumerate(steps):
        if step.id in overrides.steps:
            replaced = known.get(step.id)
            note = f"replaces the recorded {_describe(replaced)}" if replaced else None
            item = TimelineStep(step, Kind.OVERRIDE, Span.exact(overrides.steps[step.id]), "override given by the user",
                                None, note)
        elif step.id in known:
            event = known[step.id]
            if event.is_unknown:
                item = TimelineStep(step, Kind.RECORDED, Span(None, None, None), "the record", event,
                                    "date not recorded")
            else:
                span = Span.exact(event.date) if event.date else Span(None, event.earliest, event.latest)
                note = None if event.date else "approximate: the record gives a window, not a day"
                item = TimelineStep(step, Kind.RECORDED, span, "the record", event, note)
        else:
            projected = _project(prev, step, as_of)
            later = next((s.id for s in steps[i + 1:] if s.id in overrides.steps), None)
            span = _cap(projected, overrides.steps[later]) if later else projected
            note = f"limited by the override of '{later}'" if span != projected else None
            item = TimelineStep(step, Kind.PROJECTED, span, step.days.basis, None, note)
        if item.span.dated:
            prev = item.span
        dated.append(item)

    receipt_step = dated[-1]
    receipt = Receipt(receipt_step.kind, receipt_step.span, receipt_step.sources)
    effective = _effective(state, as_of, receipt, overrides)
    status = _status(state, as_of, dated, receipt, effective)
    return Timeline(state, as_of, status, tuple(dated), receipt, effective, _notes(state, as_of, status, effective),
                    overrides)


def _describe(event: Event) -> str:
    if event.date:
        return f"date {event.date}"
    if event.earliest:
        return f"window {event.earliest}..{event.latest}"
    return "step (date not recorded)"


def _effective(state: State, as_of: dt.date, receipt: Receipt, overrides: Overrides) -> Effective:
    conflict = None if overrides.no_armed_conflict else (overrides.armed_conflict or state.armed_conflict)
    span = receipt.span
    if span.earliest is None or span.latest is None:  # unknown receipt: cannot happen for a valid timeline
        return Effective(Kind.PROJECTED, Span(None, None, None), "receipt date unknown", conflict)
    result, rule = _effect_span(span, conflict)
    if receipt.kind is Kind.OVERRIDE or overrides.armed_conflict is not None or overrides.no_armed_conflict:
        return Effective(Kind.OVERRIDE, result, rule, conflict)
    if receipt.kind is not Kind.RECORDED:
        return Effective(Kind.PROJECTED, result, rule, conflict)
    recorded = state.event(EFFECTIVE)
    if recorded and recorded.date and recorded.date <= as_of and recorded.date == result.date:
        return Effective(Kind.RECORDED, result, rule, conflict, Count.SAME_DAY, recorded.sources)
    if result.date is not None:
        rule += "; computed from the recorded receipt (the date is fixed by the treaty, not yet reached)"
    return Effective(Kind.PROJECTED, result, rule, conflict)


def _effect_span(receipt: Span, conflict: ArmedConflict | None) -> tuple[Span, str]:
    """Article 20 applied to each chain of the receipt; the typical chain's rule."""
    assert receipt.earliest is not None and receipt.latest is not None
    effects: list[Effect] = [
        effective_date(day, conflict) for day in (receipt.earliest, receipt.typical or receipt.earliest, receipt.latest)
    ]
    if effects[1].effective is None:
        return Span(None, None, None), effects[1].rule
    return Span(effects[1].effective, effects[0].effective, effects[2].effective), effects[1].rule


def _status(state: State, as_of: dt.date, steps: list[TimelineStep], receipt: Receipt, effective: Effective) -> Status:
    if _not_yet_bound(state, as_of):
        return Status.NOT_A_PARTY
    deposited = receipt.kind is not Kind.PROJECTED and receipt.span.date is not None and receipt.span.date <= as_of
    if deposited:
        if effective.span.date is not None and effective.span.date <= as_of:
            return Status.WITHDRAWN
        return Status.PENDING
    if state.instrument == "suspension":  # a suspension is not a step towards an Article 20 withdrawal
        return Status.PARTY
    started = any(
        s.step.formal and s.kind is not Kind.PROJECTED and (s.span.latest is None or s.span.latest <= as_of)
        for s in steps
    )
    return Status.IN_PROGRESS if started else Status.PARTY


def _not_yet_bound(state: State, as_of: dt.date) -> bool:
    before_date = state.bound_from is not None and as_of < state.bound_from
    return before_date or (state.bound_from_year is not None and as_of.year < state.bound_from_year)


def _notes(state: State, as_of: dt.date, status: Status, effective: Effective) -> tuple[str, ...]:
    notes: list[str] = []
    if state.instrument == "suspension":
        notes.append(
            f"{state.name} notified a suspension, not an Article 20 withdrawal: it remains a State Party. "
            "Its receipt and effective dates here are what-if projections."
        )
    if state.note:
        notes.append(state.note)
    if status is Status.NOT_A_PARTY:
        since = state.bound_from.isoformat() if state.bound_from else str(state.bound_from_year)
        notes.append(f"On {as_of} {state.name} was not yet bound by the Convention (bound from {since}).")
    if effective.armed_conflict is not None and effective.armed_conflict.given_by == "rules":
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


def _undecided(timeline: Timeline) -> Timeline:
    """No decision, no projection, for a state with the generic procedure (a registered state without a rules file):
    with nothing recorded and no what-if, its steps, receipt and effect stay undated, with the reason.

    A minimal guard for the register's states only; issue 9's engine rule generalises it to every state."""
    from .model import GENERIC

    generic = all(s.days.basis.startswith(GENERIC) for s in timeline.state.procedure.steps)
    if not generic or any(s.kind is not Kind.PROJECTED for s in timeline.steps):
        return timeline
    reason = f"no withdrawal decided as of {timeline.as_of}"
    empty = Span(None, None, None)
    steps = tuple(s._replace(span=empty, basis=reason, note=None) for s in timeline.steps)
    effective = timeline.effective._replace(span=empty, rule=reason)
    return timeline._replace(steps=steps, receipt=timeline.receipt._replace(span=empty), effective=effective,
                             reason=reason)
