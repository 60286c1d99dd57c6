"""The rules' records: a state, its procedure and steps, and what the record says of each step.

Records are NamedTuples rather than frozen dataclasses: defining them costs a fifth as much at start-up. They hold
validated data only; reading and checking files is ``load``'s job, finding states is ``registry``'s.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from .article20 import ArmedConflict

RECEIPT = "receipt"  # every procedure ends with the Depositary's receipt
EFFECTIVE = "effective"  # events may record the date the withdrawal took effect, with its source
INSTRUMENTS = ("withdrawal", "suspension")


class DurationRange(NamedTuple):
    """Days after the previous step: earliest <= typical <= latest, with the basis for the numbers."""

    earliest: int
    typical: int
    latest: int
    basis: str


class Step(NamedTuple):
    """One step of a state's domestic procedure."""

    id: str
    title: str
    actor: str
    requirement: str
    legal_basis: str
    days: DurationRange
    statutory_limit: str | None = None
    statutory_limit_source: str | None = None
    formal: bool = True  # False for a political decision the law does not require
    note: str | None = None


class Event(NamedTuple):
    """What the record says of a step: an exact date, a window (earliest..latest), or unknown (all None)."""

    step: str
    date: dt.date | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    detail: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = ()

    @property
    def is_window(self) -> bool:
        return self.date is None and self.earliest is not None

    @property
    def is_unknown(self) -> bool:
        return self.date is None and self.earliest is None

    @property
    def happened_by(self) -> dt.date | None:
        """The latest day by which the record says the step had happened."""
        return self.date or self.latest


class Procedure(NamedTuple):
    steps: tuple[Step, ...]

    def ids(self) -> list[str]:
        return [step.id for step in self.steps]


class State(NamedTuple):
    id: str
    name: str
    iso2: str
    iso3: str
    procedure: Procedure
    events: tuple[Event, ...] = ()
    native_name: str | None = None
    aliases: tuple[str, ...] = ()
    legislature: str | None = None
    reviewed: dt.date | None = None
    bound_from: dt.date | None = None
    bound_from_year: int | None = None
    bound_source: str | None = None
    bound_note: str | None = None
    instrument: str = "withdrawal"
    note: str | None = None
    armed_conflict: ArmedConflict | None = None
    origin: tuple[str, ...] = ()  # the files this state was read from

    def event(self, step_id: str) -> Event | None:
        return next((e for e in self.events if e.step == step_id), None)

    def names(self) -> list[str]:
        """Every name the state answers to, canonical id first."""
        names = [self.id, self.name, self.iso2, self.iso3, *self.aliases]
        if self.native_name:
            names.append(self.native_name)
        return names


GENERIC = "GENERIC: no state-specific procedure recorded"
DECISION = "decision"


def generic_procedure() -> Procedure:
    """For a state without a procedure of its own (a registered state, or one a user adds with names only): the
    government's decision, then the deposit. The ranges are wide and say they are generic."""
    return Procedure((
        Step(
            id=DECISION,
            title="The government decides to withdraw",
            actor="Government",
            requirement="none recorded: a political decision",
            legal_basis="none recorded for this state",
            formal=False,
            days=DurationRange(0, 30, 180, f"{GENERIC}; a political decision has no set time: a wide range from the "
                               "as-of date"),
        ),
        Step(
            id=RECEIPT,
            title="UN Secretary-General (Depositary) receives the instrument of withdrawal",
            actor="Government; UN Secretary-General",
            requirement="notice with a full explanation of the reasons",
            legal_basis="Ottawa Convention Art. 20(2)",
            days=DurationRange(30, 120, 365, f"{GENERIC}; days from the decision to the deposit: a wide range "
                               "around the 2025 withdrawals (101 days for Estonia, Latvia and Lithuania, 155 for "
                               "Poland, from the joint statement of 18 March 2025)"),
        ),
    ))
