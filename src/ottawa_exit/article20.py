"""Article 20 of the Ottawa Convention: from the Depositary's receipt of an instrument of withdrawal to its effect.

20(3): "Such withdrawal shall only take effect six months after the receipt of the instrument of withdrawal by the
Depositary. If, however, on the expiry of that six-month period, the withdrawing State Party is engaged in an armed
conflict, the withdrawal shall not take effect before the end of the armed conflict."

Pure date arithmetic, no I/O. The UN (the Depositary) counts "same day number": receipt on 27 Jun 2025 took effect
on 27 Dec 2025. Where the target month is shorter (31 Aug -> February) no case is recorded; the calendar-month
convention (python-dateutil, Austrian and German law) clamps to the month's last day.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

SIX_MONTHS = relativedelta(months=6)
ONE_DAY = timedelta(days=1)

SOURCE = "Ottawa Convention, Article 20(3)"
MONTH_END_NOTE = (
    "the receipt's day number does not exist six months later, so the date is clamped to the month's last day: "
    "a calendar-month convention, not an observed depositary practice"
)


class Count(StrEnum):
    """How "six months after the receipt" is counted."""

    SAME_DAY = "same-day"  # the UN Secretary-General's practice, and so the Ottawa Convention's
    DAY_AFTER = "day-after"  # e.g. the World Bank for the ICSID Convention: 24 Jan 2012 -> 25 Jul 2012


class ArmedConflict(NamedTuple):
    """The withdrawing state is engaged in an armed conflict; ``end`` is its end if known (the tool never decides it)."""

    end: date | None = None
    since: date | None = None
    detail: str | None = None
    sources: tuple[str, ...] = ()
    given_by: str = "user"  # "user" for an override, "rules" for the state's data


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
    expiry = receipt + SIX_MONTHS
    return expiry + ONE_DAY if count is Count.DAY_AFTER else expiry


def month_end_clamped(receipt: date) -> bool:
    """True when the receipt's day number has no twin six months later (29-31 Aug -> February, 31 Mar -> 30 Sep)."""
    return (receipt + SIX_MONTHS).day != receipt.day


def describe_count(count: Count) -> str:
    if count is Count.SAME_DAY:
        return "six months after receipt, same day number (UN depositary practice)"
    return "six months after receipt, counted to the day after (not the UN's practice)"


def effective_date(
    receipt: date, armed_conflict: ArmedConflict | None = None, count: Count = Count.SAME_DAY
) -> Effect:
    """Apply Article 20(3) to one receipt date."""
    six = six_months_after(receipt, count)
    clamped = month_end_clamped(receipt)
    rule = f"{SOURCE}: {describe_count(count)}"
    if clamped:
        rule += f"; {MONTH_END_NOTE}"
    effective: date | None = six
    if armed_conflict is not None:
        if armed_conflict.end is None:
            effective = None
            rule = (
                f"{SOURCE}: indeterminate: the state is engaged in an armed conflict and no end is given; "
                f"the withdrawal takes effect no earlier than {six.isoformat()} and not before the conflict ends"
            )
        elif armed_conflict.end > six:
            effective = armed_conflict.end
            rule = (
                f"{SOURCE}: deferred to the end of the armed conflict ({armed_conflict.end.isoformat()}, given by the "
                f"{armed_conflict.given_by}), later than the six months ({six.isoformat()})"
            )
        else:
            rule += f"; the armed conflict ends {armed_conflict.end.isoformat()}, before the six months expire"
    return Effect(receipt, six, effective, count, armed_conflict, clamped, rule)
