"""Article 20 of the Ottawa Convention: from the Depositary's receipt of an instrument of withdrawal to its effect.

20(3): "Such withdrawal shall only take effect six months after the receipt of the instrument of withdrawal by the
Depositary. If, however, on the expiry of that six-month period, the withdrawing State Party is engaged in an armed
conflict, the withdrawal shall not take effect before the end of the armed conflict."

The Ottawa instance of the general engine in ``clauses``. The UN (the Depositary) counts "same day number": receipt
on 27 Jun 2025 took effect on 27 Dec 2025. Where the target month is shorter (31 Aug -> February) no case is
recorded; the calendar-month convention (python-dateutil, Austrian and German law) clamps to the month's last day.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from . import clauses
from .clauses import ArmedConflict, ConflictRule, Count, ExitClause, Period, Unit

__all__ = ["ARTICLE_20", "ArmedConflict", "Count", "Effect", "effective_date", "six_months_after"]

SOURCE = "Ottawa Convention, Article 20(3)"
ARTICLE_20 = ExitClause(SOURCE, Period(6, Unit.MONTHS), "UN", armed_conflict=ConflictRule.UNTIL_END)


class Effect(NamedTuple):
    """When a withdrawal takes effect, and the rule that says so. ``effective`` is None when indeterminate."""

    receipt: date
    six_months: date
    effective: date | None
    count: Count
    armed_conflict: ArmedConflict | None
    month_end_clamped: bool
    rule: str


def six_months_after(receipt: date, count: Count = Count.SAME_DAY) -> date:
    """The expiry of the six-month period, computed from the receipt in one step (never month by month)."""
    return clauses.expiry(ARTICLE_20, receipt, count)


def effective_date(
    receipt: date, armed_conflict: ArmedConflict | None = None, count: Count = Count.SAME_DAY
) -> Effect:
    """Apply Article 20(3) to one receipt date."""
    effect = clauses.apply(ARTICLE_20, receipt, armed_conflict=armed_conflict, count=count)
    return Effect(receipt, effect.expiry, effect.effective, effect.counting, armed_conflict, effect.month_end_clamped,
                  effect.rule)
