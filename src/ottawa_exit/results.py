"""What the library's functions return when a command shows more than one timeline or state: typed records that the
renderers and the JSON documents read. Each has a one-line ``repr`` and iterates over what it lists.

A single state's answer is the engine's own record: a ``Timeline`` (``timeline``), a ``State`` (``procedure``), a
``Backtest`` (``backtest``), an effect (``effective``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .data.model import State
from .data.names import fold
from .data.register import NonParty
from .projection.timeline import Status, Timeline

if TYPE_CHECKING:  # the treaty and source records, for annotations: their modules are their commands'
    from .data.citations import Citation
    from .data.model import Source
    from .data.treaties import Treaty
    from .data.withdrawals import Checked


def _names(timelines: Sequence[Timeline], shown: int = 3) -> str:
    names = [t.state.name for t in timelines[:shown]]
    return ", ".join(names) + (f" and {len(timelines) - shown} more" if len(timelines) > shown else "")


def rules_reviewed(timelines: Sequence[Timeline]) -> date | None:
    """The review date to show for several states: the oldest, since no state's data are fresher than that."""
    return min((t.state.reviewed for t in timelines if t.state.reviewed), default=None)


@dataclass(frozen=True, slots=True, repr=False)
class Comparison:
    """Several states' timelines as of one date, for one date axis (`compare`)."""

    as_of: date
    timelines: tuple[Timeline, ...]

    def __iter__(self) -> Iterator[Timeline]:
        return iter(self.timelines)

    def __len__(self) -> int:
        return len(self.timelines)

    def __repr__(self) -> str:
        return f"<Comparison as of {self.as_of}: {_names(self.timelines)}>"


NEVER_JOINED = "never joined the Convention"  # the status detail of a state that never joined


def never_joined_reason(as_of: date) -> str:
    """Why a state that never joined has no receipt or effect."""
    return f"never bound by the Ottawa Convention (as of {as_of})"
STATUS_WORDS = ("party", "withdrawn", "suspended", "never")  # what `countries --status` selects by


class Sort(StrEnum):
    """The orders of `countries` rows: by name (accents and apostrophes aside), by bound-from date, by status."""

    NAME = "name"
    BOUND = "bound"
    STATUS = "status"

_STATUS_ORDER = (Status.PARTY, Status.IN_PROGRESS, Status.PENDING, Status.WITHDRAWN, Status.NOT_A_PARTY)


def has_status(row: Timeline | NonParty, wanted: Iterable[str]) -> bool:
    """Whether a row has any of the ``wanted`` statuses (words of STATUS_WORDS): ``party`` a State Party on the
    date (a withdrawal under way or a suspension notified included), ``withdrawn``, ``suspended`` (a suspension
    known on the date), ``never`` (not bound on the date: not yet, or never joined)."""
    if isinstance(row, NonParty):
        return "never" in wanted
    selects = {"party": row.status.bound, "withdrawn": row.status is Status.WITHDRAWN,
               "suspended": row.suspension is not None, "never": row.status is Status.NOT_A_PARTY}
    return any(selects[w] for w in wanted)


def sort_key(sort: Sort) -> Callable[[Timeline | NonParty], Any]:
    """The order of rows for ``sort``; ties, and ``name`` itself, by the folded name (accents and
    apostrophes aside); states never bound last."""
    def name(row: Timeline | NonParty) -> str:
        return fold(row.name if isinstance(row, NonParty) else row.state.name)

    def bound(row: Timeline | NonParty) -> tuple[bool, date, str]:
        day = None if isinstance(row, NonParty) else row.state.bound_from
        return day is None, day or date.min, name(row)

    def status(row: Timeline | NonParty) -> tuple[int, str]:
        return _STATUS_ORDER.index(Status.NOT_A_PARTY if isinstance(row, NonParty) else row.status), name(row)

    return {Sort.BOUND: bound, Sort.STATUS: status}.get(sort, name)


@dataclass(frozen=True, slots=True, repr=False)
class Countries:
    """States and their status on a date (`countries`): those with a withdrawal or suspension on record, or with
    ``every``, every state ever bound by the Convention; with ``selected``, only the rows of the statuses asked
    (``never`` adds the states that never joined, as ``NonParty`` rows). ``party_count`` counts every State Party
    on the date among the states considered, shown or not; ``reviewed`` is their oldest review date."""

    as_of: date
    rows: tuple[Timeline | NonParty, ...]
    every: bool = False
    party_count: int = 0
    reviewed: date | None = None
    selected: bool = False
    register_reviewed: date | None = None  # the register's review date: a never-joined state's

    @property
    def timelines(self) -> tuple[Timeline, ...]:
        """The rows that are states ever bound, with their timelines."""
        return tuple(r for r in self.rows if isinstance(r, Timeline))

    def __iter__(self) -> Iterator[Timeline | NonParty]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        which = "every state ever bound" if self.every else "states with a withdrawal or suspension on record"
        return f"<Countries as of {self.as_of}: {len(self.rows)} ({which}), {self.party_count} States Parties>"


@dataclass(frozen=True, slots=True, repr=False)
class Parties:
    """The States Parties on a date (`parties`): bound by the Convention, no withdrawal in effect. ``timelines``
    holds every state ever bound, so the review date shown is the oldest of them all."""

    on: date
    timelines: tuple[Timeline, ...]

    @property
    def members(self) -> tuple[Timeline, ...]:
        """The States Parties' timelines, by id."""
        return tuple(t for t in self.timelines if t.status.bound)

    @property
    def count(self) -> int:
        """How many States Parties."""
        return len(self.members)

    def __iter__(self) -> Iterator[Timeline]:
        return iter(self.members)

    def __len__(self) -> int:
        return self.count

    def __repr__(self) -> str:
        return f"<Parties on {self.on}: {self.count} States Parties>"


@dataclass(frozen=True, slots=True, repr=False)
class Treaties:
    """Every treaty in the data, each with its exit clause (`treaties`)."""

    treaties: tuple[Treaty, ...]

    def __iter__(self) -> Iterator[Treaty]:
        return iter(self.treaties)

    def __len__(self) -> int:
        return len(self.treaties)

    def __repr__(self) -> str:
        return f"<Treaties: {', '.join(t.id for t in self.treaties)}>"


@dataclass(frozen=True, slots=True, repr=False)
class Withdrawals:
    """Recorded withdrawals, each checked against its treaty's rule and standing on ``as_of`` (pending, in effect,
    ...) (`withdrawals`); ``pending``: only those notified and not yet in effect on that day."""

    rows: tuple[Checked, ...]
    as_of: date = date.min
    pending: bool = False

    @property
    def agreeing(self) -> int:
        """How many agree with the date the rule gives (for an unknown counting practice, with either reading)."""
        return sum(1 for r in self.rows if r.agrees)

    def __iter__(self) -> Iterator[Checked]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return f"<Withdrawals: {len(self.rows)} recorded, {self.agreeing} agree with the rule>"


@dataclass(frozen=True, slots=True, repr=False)
class SourceList:
    """Sources with the facts they support (`sources`), in the order of preference of their kinds."""

    sources: tuple[Source, ...]
    facts: dict[str, tuple[Citation, ...]]  # by source key

    def __iter__(self) -> Iterator[Source]:
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)

    def __repr__(self) -> str:
        return f"<SourceList: {len(self.sources)} sources behind {sum(len(f) for f in self.facts.values())} citations>"


@dataclass(frozen=True, slots=True, repr=False)
class RulesCheck:
    """Users' rules files checked (`rules check`): the states they define, or every problem found."""

    files: tuple[Path, ...]
    states: tuple[State, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """No problem found."""
        return not self.problems

    def __repr__(self) -> str:
        found = "ok" if self.ok else f"{len(self.problems)} problems"
        return f"<RulesCheck of {len(self.files)} files: {found}>"
