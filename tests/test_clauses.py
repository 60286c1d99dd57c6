"""The general exit-clause engine: periods in days, months and years, counting practices, later dates, minimum
notice, armed conflict and UNESCO's end of the following year. Expected dates are typed from the public record."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from ottawa_exit.engine.clauses import (
    ArmedConflict, ConflictRule, Count, ExitClause, Form, NoticeNotBefore, Period, Start, Unit, apply, first_notice,
)
from ottawa_exit.errors import InputError

ROME = ExitClause("Rome Statute, Article 127(1)", Period(1, Unit.YEARS), later_date=True)
ICSID = ExitClause("ICSID Convention, Article 71", Period(6, Unit.MONTHS), "World Bank", counting=Count.DAY_AFTER)
PARIS = ExitClause("Paris Agreement, Article 28", Period(1, Unit.YEARS), later_date=True,
                   notice_not_before=NoticeNotBefore(3))
UNESCO = ExitClause("UNESCO Constitution, Article II(6)", Period(1, Unit.YEARS), "UNESCO", Start.NOTICE,
                    form=Form.END_OF_FOLLOWING_YEAR)
CWC = ExitClause("Chemical Weapons Convention, Article XVI(2)", Period(90, Unit.DAYS))
TPNW = ExitClause("TPNW, Article 17(3)", Period(12, Unit.MONTHS), armed_conflict=ConflictRule.UNTIL_NO_CONFLICT)
UNKNOWN = ExitClause("A treaty", Period(6, Unit.MONTHS), "its", counting=Count.UNKNOWN)

dates = st.dates(min_value=date(1950, 1, 1), max_value=date(9997, 12, 31))


@pytest.mark.parametrize(
    ("clause", "start", "expected"),
    [
        (ROME, date(2025, 6, 2), date(2026, 6, 2)),  # Hungary: UN same day number
        (ROME, date(2016, 10, 27), date(2017, 10, 27)),  # Burundi
        (ICSID, date(2012, 1, 24), date(2012, 7, 25)),  # Venezuela: the World Bank counts to the day after
        (PARIS, date(2025, 1, 27), date(2026, 1, 27)),  # United States, second withdrawal
        (UNESCO, date(2017, 10, 12), date(2018, 12, 31)),  # United States, 2017 notice
        (UNESCO, date(2017, 1, 1), date(2018, 12, 31)),
        (UNESCO, date(2017, 12, 31), date(2018, 12, 31)),
        (CWC, date(2025, 1, 1), date(2025, 4, 1)),  # 90 days, not three months
        (ROME, date(2024, 2, 29), date(2025, 2, 28)),  # a leap day clamps to the month's end
    ],
)
def test_clause_effective_dates(clause: ExitClause, start: date, expected: date) -> None:
    assert apply(clause, start).effective == expected


def test_month_end_clamping_is_said_to_be_a_convention() -> None:
    effect = apply(ROME, date(2024, 2, 29))
    assert effect.month_end_clamped
    assert "not an observed depositary practice" in effect.rule
    assert not apply(CWC, date(2024, 2, 29)).month_end_clamped  # days carry no month-end question


def test_a_later_date_in_the_notification_is_the_effect() -> None:
    effect = apply(ROME, date(2025, 6, 2), later_date=date(2026, 9, 1))
    assert (effect.expiry, effect.effective) == (date(2026, 6, 2), date(2026, 9, 1))
    assert "later date (2026-09-01)" in effect.rule


def test_a_later_date_must_be_allowed_and_later() -> None:
    with pytest.raises(InputError, match="does not let the notification specify a later date"):
        apply(ICSID, date(2012, 1, 24), later_date=date(2013, 1, 1))
    with pytest.raises(InputError, match=r"not later than the date the period ends \(2026-06-02\)"):
        apply(ROME, date(2025, 6, 2), later_date=date(2026, 6, 2))


def test_notice_too_early_says_when_it_first_becomes_possible() -> None:
    # In force for the United States 4 Nov 2016: notice possible from 4 Nov 2019 (the day it was given).
    assert first_notice(PARIS, date(2016, 11, 4)) == date(2019, 11, 4)
    assert apply(PARIS, date(2019, 11, 4), bound_from=date(2016, 11, 4)).effective == date(2020, 11, 4)
    early = apply(PARIS, date(2019, 11, 3), bound_from=date(2016, 11, 4)).early
    assert early is not None and early.possible_from == date(2019, 11, 4)
    assert early.reason.endswith("notice was first possible on 2019-11-04")
    assert first_notice(ROME, date(2002, 7, 1)) is None


def test_unknown_counting_gives_both_dates() -> None:
    effect = apply(UNKNOWN, date(2020, 5, 22))
    assert (effect.effective, effect.alternative) == (date(2020, 11, 22), date(2020, 11, 23))
    assert "counting practice is unknown" in effect.rule


def test_armed_conflict_clauses() -> None:
    later = apply(TPNW, date(2030, 1, 10), armed_conflict=ArmedConflict(end=date(2032, 5, 1)))
    assert later.effective == date(2032, 5, 1)
    assert "on the day the conflict ends (not the day after) is a convention" in later.rule
    same_day = apply(TPNW, date(2030, 1, 10), armed_conflict=ArmedConflict(end=date(2031, 1, 10)))
    assert same_day.effective == date(2031, 1, 10)
    assert "on the day the twelve months expire" in same_day.rule and "before" not in same_day.rule
    unknown_end = apply(TPNW, date(2030, 1, 10), armed_conflict=ArmedConflict())
    assert unknown_end.effective is None and "no longer party to any armed conflict" in unknown_end.rule
    with pytest.raises(InputError, match="has no armed-conflict clause"):
        apply(ROME, date(2025, 6, 2), armed_conflict=ArmedConflict())


@given(dates, st.sampled_from([ROME, ICSID, PARIS, CWC, TPNW, UNKNOWN]))
def test_effect_is_after_the_start_and_within_the_period_plus_a_day(start: date, clause: ExitClause) -> None:
    effect = apply(clause, start)
    assert effect.effective is not None
    assert start < effect.effective
    if clause.period.unit is Unit.DAYS:
        assert effect.effective - start == timedelta(days=clause.period.amount)
    else:
        months = clause.period.amount * (12 if clause.period.unit is Unit.YEARS else 1)
        # same day number, or the month's last day when that day is missing; the day after for day-after counting
        shift = 1 if clause.counting is Count.DAY_AFTER else 0
        base = effect.effective - timedelta(days=shift)
        assert (base.year * 12 + base.month) - (start.year * 12 + start.month) == months
        assert base.day == start.day or (base.day < start.day and (base + timedelta(days=1)).day == 1)


@given(dates, dates)
def test_later_start_never_gives_an_earlier_effect(a: date, b: date) -> None:
    first, second = sorted((a, b))
    for clause in (ROME, ICSID, UNESCO, CWC):
        assert apply(clause, first).effective <= apply(clause, second).effective  # type: ignore[operator]
