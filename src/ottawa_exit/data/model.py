"""The rules' records: a state, its procedure and steps, and what the record says of each step.

Records are frozen dataclasses: they hold validated data only; reading and checking files is ``load``'s job, finding
states is ``registry``'s.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..engine.clauses import ArmedConflict

RECEIPT = "receipt"  # every procedure ends with the Depositary's receipt
EFFECTIVE = "effective"  # events may record the date the withdrawal took effect, with its source
INSTRUMENTS = ("withdrawal", "suspension")

# What kind of publisher a source is, in the order a fact's sources are preferred (issue 16): the depositary or a
# treaty's secretariat, then official gazettes and legislatures, governments, courts and intergovernmental bodies,
# monitors, the press, professional notes (law firms' and consultancies' client notes, which the source policy ranks
# with the press), academic work and reference works.
KINDS = ("depositary", "secretariat", "gazette", "legislature", "government", "court", "intergovernmental",
         "monitor", "press", "professional", "academic", "reference")


@dataclass(frozen=True, slots=True)
class Source:
    """One source as cited: ``url`` is the original's address; ``via`` the copy that was read, if any.
    ``checked`` is False for an address kept from an earlier record whose page could not be read again."""

    key: str
    url: str
    publisher: str
    kind: str
    title: str
    language: str
    published: dt.date | None = None
    via: str | None = None
    checked: bool = True

    def rank(self) -> int:
        """The kind's place in the order of preference (0: the depositary)."""
        return KINDS.index(self.kind)


@dataclass(frozen=True, slots=True)
class DurationRange:
    """Days after the previous step: earliest <= typical <= latest, with the basis for the numbers and the day from
    which that basis was known (an as-of view uses only ranges known by then)."""

    earliest: int
    typical: int
    latest: int
    basis: str
    known_from: dt.date | None = None  # None only for the built-in placeholders, known at any date
    sources: tuple[Source, ...] = ()
    secondary: str | None = None  # why no citable source states it, when none does


@dataclass(frozen=True, slots=True)
class Note:
    """A remark with the day from which it was known: shown only as of that day or later."""

    text: str
    known_from: dt.date
    sources: tuple[Source, ...] = ()
    secondary: str | None = None


@dataclass(frozen=True, slots=True)
class StatutoryLimit:
    """The time the law gives an actor: ``days`` (at most; ``min_days`` at least) counted from ``counted_from``.
    It bounds a projection only when it counts from a step of the procedure (``from_step``)."""

    days: int
    counted_from: str
    text: str
    from_step: str | None = None
    min_days: int | None = None
    sources: tuple[Source, ...] = ()
    secondary: str | None = None


# When no duration range of a step was known yet at the as-of date: a wide range, labelled as such.
UNKNOWN_DAYS = DurationRange(0, 60, 365, "no duration range known for this step at this date; a wide generic range")


def known(notes: tuple[Note, ...], as_of: dt.date) -> tuple[Note, ...]:
    return tuple(n for n in notes if n.known_from <= as_of)


@dataclass(frozen=True, slots=True)
class Objection:
    """A State Party's objection to another's suspension: lodged on ``date`` when the day is known, or only known to
    have been lodged ``by`` a day; known (reported) from ``known_from``."""

    state: str  # the objecting state's name
    iso3: str
    known_from: dt.date
    date: dt.date | None = None
    by: dt.date | None = None
    detail: str | None = None
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True)
class Response:
    """The States Parties' collective answer to a suspension (a Meeting of States Parties' decision or report)."""

    text: str
    date: dt.date
    known_from: dt.date
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True)
class Suspension:
    """A notified suspension of the treaty's operation: not an exit the treaty provides for (``provided_for``),
    with the ground the state invoked, the States Parties' objections and their collective response. ``step`` names
    the procedure step that records the notification, when there is one."""

    notified: dt.date
    known_from: dt.date
    invoked: str
    provided_for: bool = False
    step: str | None = None
    sources: tuple[Source, ...] = ()
    objections: tuple[Objection, ...] = ()
    response: Response | None = None

    def known(self, as_of: dt.date) -> Suspension | None:
        """The suspension as known on ``as_of``: None before it was reported, else only the objections and the
        response reported by then."""
        if self.known_from > as_of:
            return None
        response = self.response if self.response and self.response.known_from <= as_of else None
        return replace(self, objections=tuple(o for o in self.objections if o.known_from <= as_of), response=response)


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a state's domestic procedure."""

    id: str
    title: str
    actor: str
    requirement: str
    legal_basis: str
    durations: tuple[DurationRange, ...]  # by known_from, earliest first
    statutory_limit: StatutoryLimit | None = None
    formal: bool = True  # False for a political decision the law does not require
    notes: tuple[Note, ...] = ()
    parallel: bool = False  # off the path to the receipt: counted from after_step, anchors no later step
    after_step: str | None = None
    sources: tuple[Source, ...] = ()  # the law behind the requirement and the legal basis
    secondary: str | None = None
    short: str | None = None  # the step's label on a chart (none: its id in words)

    def days(self, as_of: dt.date) -> DurationRange:
        """The duration range known on ``as_of``: the latest entry known by then, or UNKNOWN_DAYS."""
        ranges = [d for d in self.durations if d.known_from is None or d.known_from <= as_of]
        return max(ranges, key=lambda d: d.known_from or dt.date.min) if ranges else UNKNOWN_DAYS


@dataclass(frozen=True, slots=True)
class Event:
    """What the record says of a step: an exact date, a window (earliest..latest), or unknown (all None)."""

    step: str
    date: dt.date | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    detail: str | None = None
    note: str | None = None
    sources: tuple[Source, ...] = ()
    secondary: str | None = None  # why no citable source states the date, when none does
    known_from: dt.date | None = None  # reported later than it happened: not known before this day
    alternative_date: dt.date | None = None  # a conflicting source's date, kept with its source
    alternative_sources: tuple[Source, ...] = ()
    alternative_secondary: str | None = None

    @property
    def is_window(self) -> bool:
        """The record gives a window (earliest..latest), not a day."""
        return self.date is None and self.earliest is not None

    @property
    def is_unknown(self) -> bool:
        """The record says the step happened, on a day it does not give."""
        return self.date is None and self.earliest is None

    @property
    def happened_by(self) -> dt.date | None:
        """The latest day by which the record says the step had happened."""
        return self.date or self.latest

    def known_on(self, as_of: dt.date) -> bool:
        """Whether the record of this step existed on ``as_of``: it had happened and had been reported. An event
        with no date counts only from its ``known_from`` (or when a later step implies it; see timeline)."""
        if self.known_from is not None and self.known_from > as_of:
            return False
        happened = self.happened_by
        return (happened is not None and happened <= as_of) or (happened is None and self.known_from is not None)


@dataclass(frozen=True, slots=True)
class Procedure:
    """A state's domestic procedure for withdrawal: its steps in order, ending with the Depositary's receipt."""

    steps: tuple[Step, ...]

    def ids(self) -> list[str]:
        """The steps' ids, in order."""
        return [step.id for step in self.steps]

    def path(self) -> tuple[Step, ...]:
        """The steps that lead to the receipt, in order (parallel steps left out)."""
        return tuple(s for s in self.steps if not s.parallel)


@dataclass(frozen=True, slots=True, repr=False)
class State:
    """A state as the rules know it: identity (names, ISO codes), procedure, dated record, notes, the day it was bound
    by the Convention, and the files it was read from."""

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
    deposited: dt.date | None = None  # the state's instrument of ratification or accession
    bound_from: dt.date | None = None
    bound_sources: tuple[Source, ...] = ()
    bound_secondary: str | None = None
    bound_note: str | None = None
    instrument: str = "withdrawal"
    notes: tuple[Note, ...] = ()
    armed_conflict: ArmedConflict | None = None
    origin: tuple[str, ...] = ()  # the files this state was read from
    suspension: Suspension | None = None

    def event(self, step_id: str) -> Event | None:
        """What the record says of a step (None: nothing)."""
        return next((e for e in self.events if e.step == step_id), None)

    def names(self) -> list[str]:
        """Every name the state answers to, canonical id first."""
        names = [self.id, self.name, self.iso2, self.iso3, *self.aliases]
        if self.native_name:
            names.append(self.native_name)
        return names

    def __repr__(self) -> str:
        """``<State Poland (PL, POL): 8 steps, 9 events, rules reviewed 2026-11-28>``."""
        return (f"<State {self.name} ({self.iso2}, {self.iso3}): {len(self.procedure.steps)} steps, "
                f"{len(self.events)} events, rules reviewed {self.reviewed or 'not stated'}>")


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
            durations=(DurationRange(0, 30, 180, f"{GENERIC}; a political decision has no set time: a wide range "
                                     "from the as-of date"),),
        ),
        Step(
            id=RECEIPT,
            title="UN Secretary-General (Depositary) receives the instrument of withdrawal",
            actor="Government; UN Secretary-General",
            requirement="notice with a full explanation of the reasons",
            legal_basis="Ottawa Convention Art. 20(2)",
            durations=(DurationRange(30, 120, 365, f"{GENERIC}; days from the decision to the deposit: a wide "
                                     "range, no state-specific precedent recorded"),),
        ),
    ))
