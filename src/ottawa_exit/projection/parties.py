"""The number of States Parties over time, from each state's timeline: bound from its ``bound_from`` date, no longer a
party from the day its withdrawal took effect (as of the timeline's date). Counted the way the `parties` command
counts on one day (``Status``), so the last count of the history is that command's count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .timeline import Status, Timeline


@dataclass(frozen=True, slots=True)
class PartyChange:
    """From ``date`` on, ``count`` States Parties: ``joined`` became bound that day, ``left`` withdrew."""

    date: dt.date
    count: int
    joined: tuple[str, ...] = ()
    left: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PartiesHistory:
    """Every change in the number of States Parties up to ``as_of``, in date order (none: no party yet)."""

    as_of: dt.date
    changes: tuple[PartyChange, ...]

    @property
    def count(self) -> int:
        """The number of States Parties on ``as_of``."""
        return self.changes[-1].count if self.changes else 0

    def peak(self) -> PartyChange | None:
        """The first change that reached the highest count."""
        return max(self.changes, key=lambda c: c.count, default=None)

    def withdrawals(self) -> tuple[PartyChange, ...]:
        return tuple(c for c in self.changes if c.left)


def parties_history(timelines: Iterable[Timeline], as_of: dt.date) -> PartiesHistory:
    """The history of the count up to ``as_of`` from timelines projected as of that date (one per state ever bound)."""
    joined: dict[dt.date, list[str]] = {}
    left: dict[dt.date, list[str]] = {}
    for t in timelines:
        start = t.state.bound_from
        if start is None or start > as_of:
            continue
        joined.setdefault(start, []).append(t.state.name)
        end = t.effective.span.date
        if t.status is Status.WITHDRAWN and end is not None and end <= as_of:
            left.setdefault(end, []).append(t.state.name)
    changes: list[PartyChange] = []
    count = 0
    for day in sorted(joined.keys() | left.keys()):
        came, went = tuple(sorted(joined.get(day, ()))), tuple(sorted(left.get(day, ())))
        count += len(came) - len(went)
        changes.append(PartyChange(day, count, came, went))
    return PartiesHistory(as_of, tuple(changes))
