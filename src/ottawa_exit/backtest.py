"""How well the projections would have done: project each state as of an earlier date, compare with the record.

A report, not a tuning loop: the duration ranges keep their stated basis. Most ranges are grounded in the very 2025
record being tested, so a small error here is in-sample, not evidence of forecasting skill.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from .model import EFFECTIVE, RECEIPT, State
from .timeline import JOINT_STATEMENT, Span, Timeline, project_timeline


class BacktestRow(NamedTuple):
    state: State
    timeline: Timeline  # the projection as of the backtest date
    actual_receipt: date
    actual_effective: date

    @property
    def receipt(self) -> Span:
        return self.timeline.receipt.span

    @property
    def effective(self) -> Span:
        return self.timeline.effective.span

    @property
    def receipt_error_days(self) -> int | None:
        return _error(self.receipt, self.actual_receipt)

    @property
    def error_days(self) -> int | None:
        """Typical projected effective date minus the actual one: positive means projected too late."""
        return _error(self.effective, self.actual_effective)

    @property
    def inside(self) -> bool | None:
        span = self.effective
        if span.earliest is None or span.latest is None:
            return None
        return span.earliest <= self.actual_effective <= span.latest


def _error(span: Span, actual: date) -> int | None:
    typical = span.typical
    return None if typical is None else (typical - actual).days


def backtest(states: Iterable[State], as_of: date = JOINT_STATEMENT) -> list[BacktestRow]:
    """Every state with a recorded effective date, projected with only what was known on ``as_of``."""
    rows = []
    for state in states:
        effective, receipt = state.event(EFFECTIVE), state.event(RECEIPT)
        if effective is None or effective.date is None or receipt is None or receipt.date is None:
            continue
        rows.append(BacktestRow(state, project_timeline(state, as_of), receipt.date, effective.date))
    return rows
