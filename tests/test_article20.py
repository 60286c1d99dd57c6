"""Article 20(3): six months from the Depositary's receipt, same day number, month ends clamped; armed conflict."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from ottawa_exit import ArmedConflict, Count, effective_date, six_months_after

dates = st.dates(min_value=date(1999, 3, 1), max_value=date(2400, 12, 31))


@pytest.mark.parametrize(
    ("receipt", "expected"),
    [
        # the 2025-26 record (../shared/facts/article20.md)
        (date(2025, 6, 27), date(2025, 12, 27)),  # Estonia, Latvia, Lithuania; a Saturday
        (date(2025, 7, 10), date(2026, 1, 10)),  # Finland
        (date(2025, 8, 20), date(2026, 2, 20)),  # Poland
        # month ends: the calendar-month convention
        (date(2025, 8, 31), date(2026, 2, 28)),
        (date(2025, 8, 29), date(2026, 2, 28)),
        (date(2027, 8, 31), date(2028, 2, 29)),  # leap year
        (date(2027, 8, 29), date(2028, 2, 29)),
        (date(2025, 3, 31), date(2025, 9, 30)),
        (date(2025, 12, 31), date(2026, 6, 30)),
        (date(2025, 7, 31), date(2026, 1, 31)),  # year boundary, day kept
        (date(2099, 8, 31), date(2100, 2, 28)),  # 2100 is not a leap year
        (date(2399, 8, 31), date(2400, 2, 29)),  # 2400 is
    ],
)
def test_same_day_number_with_month_end_clamping(receipt: date, expected: date) -> None:
    effect = effective_date(receipt)
    assert effect.effective == expected
    assert effect.month_end_clamped == (expected.day != receipt.day)
    if effect.month_end_clamped:
        assert "not an observed depositary practice" in effect.rule


def test_day_after_count_as_the_world_bank_counts_icsid() -> None:
    assert six_months_after(date(2012, 1, 24), Count.DAY_AFTER) == date(2012, 7, 25)
    assert effective_date(date(2012, 1, 24), count=Count.DAY_AFTER).effective == date(2012, 7, 25)


def test_armed_conflict_ending_later_defers_the_effect() -> None:
    effect = effective_date(date(2025, 7, 18), ArmedConflict(end=date(2027, 3, 1)))
    assert effect.effective == date(2027, 3, 1)
    assert effect.expiry == date(2026, 1, 18)
    assert "deferred" in effect.rule


def test_armed_conflict_ending_before_expiry_does_not_defer() -> None:
    effect = effective_date(date(2025, 7, 18), ArmedConflict(end=date(2025, 12, 1)))
    assert effect.effective == date(2026, 1, 18)


def test_armed_conflict_without_end_is_indeterminate() -> None:
    effect = effective_date(date(2025, 7, 18), ArmedConflict())
    assert effect.effective is None
    assert "indeterminate" in effect.rule and "2026-01-18" in effect.rule


def _independent_six_months(receipt: date) -> date:
    """The rule written another way: month arithmetic by hand, clamped with the calendar module."""
    month_index = receipt.month - 1 + 6
    year, month = receipt.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(receipt.day, calendar.monthrange(year, month)[1]))


@given(dates)
def test_matches_an_independent_implementation(receipt: date) -> None:
    assert six_months_after(receipt) == _independent_six_months(receipt)


@given(dates)
def test_effect_is_181_to_184_days_after_receipt(receipt: date) -> None:
    assert 181 <= (six_months_after(receipt) - receipt).days <= 184


@given(dates, dates)
def test_monotonic(a: date, b: date) -> None:
    earlier, later = sorted((a, b))  # every example asserts, whichever order hypothesis draws them in
    assert six_months_after(earlier) <= six_months_after(later)


@given(dates)
def test_day_number_kept_unless_the_month_is_shorter(receipt: date) -> None:
    effect = six_months_after(receipt)
    last_day = calendar.monthrange(effect.year, effect.month)[1]
    assert effect.day == min(receipt.day, last_day)
    assert (effect.year * 12 + effect.month) - (receipt.year * 12 + receipt.month) == 6


@given(dates)
def test_day_after_is_one_day_later(receipt: date) -> None:
    assert six_months_after(receipt, Count.DAY_AFTER) == six_months_after(receipt) + timedelta(days=1)


@given(dates, st.one_of(st.none(), dates))
def test_effect_never_before_six_months_nor_before_conflict_end(receipt: date, end: date | None) -> None:
    effect = effective_date(receipt, ArmedConflict(end=end))
    if end is None:
        assert effect.effective is None
    else:
        assert effect.effective == max(six_months_after(receipt), end)
