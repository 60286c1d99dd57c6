"""What-if inputs (``--step ID=DATE``, ``--receipt``, the armed-conflict options) and the checks that refuse the
impossible ones: an unknown step, a date out of the procedure's order, a date before the state was bound by the
Convention or before the Convention entered into force."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..engine.clauses import ArmedConflict
from ..errors import InputError, closest, shown
from ..data.model import RECEIPT, Event, State
from ..data.ottawa import in_force


@dataclass(frozen=True, slots=True)
class Overrides:
    """What-if inputs: steps given a date by the user (the receipt among them). ``armed_conflict`` None means "as
    the rules say"; ``no_armed_conflict`` sets it aside."""

    steps: Mapping[str, dt.date] = field(default_factory=lambda: MappingProxyType({}))
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
        """Combine what-if inputs, refusing contradictions (a step given two dates; more than one armed-conflict
        choice)."""
        chosen: dict[str, dt.date] = {}
        pairs = list(steps) + ([(RECEIPT, receipt)] if receipt else [])
        for step_id, day in pairs:
            if step_id in chosen and chosen[step_id] != day:
                raise InputError(f"contradictory overrides: step '{step_id}' given as both {chosen[step_id]} and {day}")
            chosen[step_id] = day
        if sum((armed_conflict_until is not None, armed_conflict, no_armed_conflict)) > 1:
            raise InputError("contradictory overrides: an armed conflict with no known end, one that ends on a date, "
                             "and no armed conflict exclude each other: give only one")
        conflict = None
        if armed_conflict_until is not None or armed_conflict:
            conflict = ArmedConflict(end=armed_conflict_until, given_by="user")
        return cls(chosen, conflict, no_armed_conflict)


def bound_start(state: State) -> dt.date:
    """The first day the state could withdraw from: the later of the Convention's entry into force and the day it
    bound the state."""
    entry = in_force()  # the Convention's entry into force (Article 17), from ottawa.toml
    return max(entry, state.bound_from or entry)


def check_overrides(state: State, known: Mapping[str, Event], overrides: Overrides) -> None:
    """Refuse an override of an unknown step, one before the state could withdraw, or one out of the procedure's
    order."""
    start = bound_start(state)
    for step_id, day in overrides.steps.items():
        _check_step_id(state, step_id)
        if day < start:
            why = ("the Convention entered into force" if start == in_force()
                   else f"{state.name} was bound by the Convention")
            raise InputError(f"{step_id} on {day}: nothing can be projected before {why} ({start})")
    _check_order(_fixed_points(state, known, overrides))


def _check_step_id(state: State, step_id: str) -> None:
    ids = state.procedure.ids()
    if step_id not in ids:
        near = closest(step_id, ids)
        hint = f"; did you mean '{near}'?" if near else ""
        raise InputError(f"{state.name} has no step {shown(step_id)}{hint} (steps: {', '.join(ids)})", about="step")


@dataclass(frozen=True, slots=True)
class _Fixed:
    """A dated point of the path to the receipt, recorded or given by the user."""

    step: str
    earliest: dt.date
    latest: dt.date
    label: str  # "override" or "recorded"


def _fixed_points(state: State, known: Mapping[str, Event], overrides: Overrides) -> list[_Fixed]:
    """Every dated point of the path to the receipt, overridden or recorded, in the procedure's order."""
    fixed: list[_Fixed] = []
    for step in state.procedure.path():
        if step.id in overrides.steps:
            day = overrides.steps[step.id]
            fixed.append(_Fixed(step.id, day, day, "override"))
            continue
        event = known.get(step.id)
        earliest, latest = (event.date or event.earliest, event.date or event.latest) if event else (None, None)
        if earliest is not None and latest is not None:
            fixed.append(_Fixed(step.id, earliest, latest, "recorded"))
    return fixed


def _check_order(fixed: list[_Fixed]) -> None:
    """An override must keep the order of the procedure with the fixed points beside it."""
    for a, b in zip(fixed, fixed[1:]):
        if "override" in (a.label, b.label) and b.latest < a.earliest:
            raise InputError(
                f"contradictory overrides: {b.step} ({b.label}, {b.latest}) would come before {a.step} "
                f"({a.label}, {a.earliest}), breaking the order of the procedure"
            )
