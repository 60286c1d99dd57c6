"""How well the projections would have done, out of sample: project each state as of earlier dates with only what
was known on each (the record, duration ranges and notes by their ``known_from``), and compare with the record.

A report, not a tuning loop: the duration ranges keep their stated basis. A state with no decision as of a date is
reported with that reason, not a number.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from ..data.model import EFFECTIVE, RECEIPT, State
from .timeline import JOINT_STATEMENT, NotProjected, Span, Timeline, project_timeline

DEFAULT_AS_OF = (JOINT_STATEMENT, date(2025, 5, 1), date(2025, 6, 1))


@dataclass(frozen=True, slots=True, repr=False)
class BacktestRow:
    """One state projected as of one earlier date, beside the dates on record."""

    state: State
    timeline: Timeline  # the projection as of the backtest date
    actual_receipt: date
    actual_effective: date

    @property
    def receipt(self) -> Span:
        """The receipt as projected on the as-of date."""
        return self.timeline.receipt.span

    @property
    def effective(self) -> Span:
        """The effect as projected on the as-of date."""
        return self.timeline.effective.span

    @property
    def reason(self) -> str | None:
        """Why there is no projection to score (no decision as of the date), or None."""
        return self.timeline.effective.reason

    @property
    def not_projected(self) -> NotProjected | None:
        """The same, as a value."""
        return self.timeline.effective.not_projected

    @property
    def receipt_error_days(self) -> int | None:
        """Typical projected receipt minus the actual one, in days (None: nothing projected)."""
        return _error(self.receipt, self.actual_receipt)

    @property
    def error_days(self) -> int | None:
        """Typical projected effective date minus the actual one: positive means projected too late."""
        return _error(self.effective, self.actual_effective)

    @property
    def inside(self) -> bool | None:
        """Whether the actual effective date fell inside the projected range (None: nothing projected)."""
        span = self.effective
        if span.earliest is None or span.latest is None:
            return None
        return span.earliest <= self.actual_effective <= span.latest


    def __repr__(self) -> str:
        error = "not projected" if self.error_days is None else f"error {self.error_days:+d} days"
        return f"<BacktestRow {self.state.name} as of {self.timeline.as_of}: {error}>"


@dataclass(frozen=True, slots=True, repr=False)
class Backtest:
    """Projections as of earlier dates against the record: a row per as-of date and state (dates first)."""

    as_of: tuple[date, ...]
    rows: tuple[BacktestRow, ...]

    def __iter__(self) -> Iterator[BacktestRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        inside = sum(1 for r in self.rows if r.inside)
        days = ", ".join(d.isoformat() for d in self.as_of)
        return f"<Backtest as of {days}: {len(self.rows)} projections, {inside} with the actual date inside the range>"


def _error(span: Span, actual: date) -> int | None:
    typical = span.typical
    return None if typical is None else (typical - actual).days


def backtest(states: Iterable[State], as_of: date | Sequence[date] = DEFAULT_AS_OF) -> Backtest:
    """Every state with a recorded effective date, projected with only what was known on each as-of date (rows by
    date, then state)."""
    days = [as_of] if isinstance(as_of, date) else list(as_of)
    scored = []
    for state in states:
        effective, receipt = state.event(EFFECTIVE), state.event(RECEIPT)
        if effective is None or effective.date is None or receipt is None or receipt.date is None:
            continue
        scored.append((state, receipt.date, effective.date))
    return Backtest(tuple(days), tuple(BacktestRow(state, project_timeline(state, day), receipt, effect)
                                       for day in days for state, receipt, effect in scored))
