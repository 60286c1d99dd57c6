"""The armed-conflict clause applies only to a state engaged in the conflict when the period ends: from the
conflict's start, never before it (Ukraine's conflict dates from 20 Feb 2014, the start of the occupation of
Crimea in Ukrainian law; 24 Feb 2022 is the full-scale invasion)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ottawa_exit import ArmedConflict, Rules, effective_date, project_timeline
from ottawa_exit.engine.clauses import engaged_at
from ottawa_exit.projection.timeline import Kind

from .conftest import run_cli

SINCE = date(2014, 2, 20)


def test_a_conflict_that_begins_after_the_period_ends_defers_nothing() -> None:
    effect = effective_date(date(2013, 1, 10), ArmedConflict(since=SINCE, given_by="rules"))
    assert (effect.expiry, effect.effective, effect.armed_conflict) == (date(2013, 7, 10), date(2013, 7, 10), None)
    assert effect.rule.endswith("; the armed conflict recorded from 2014-02-20, after the period ends (2013-07-10), "
                                "does not defer it")


@pytest.mark.parametrize(("receipt", "engaged"), [
    (date(2013, 8, 19), False),  # the six months end on 2014-02-19, the day before the conflict
    (date(2013, 8, 20), True),  # they end on 2014-02-20, the day it is recorded from
    (date(2013, 9, 1), True),
])
def test_the_conflict_applies_from_the_day_it_began(receipt: date, engaged: bool) -> None:
    conflict = ArmedConflict(since=SINCE, given_by="rules")
    effect = effective_date(receipt, conflict)
    assert engaged_at(conflict, effect.expiry) is engaged
    assert (effect.effective is None) is engaged  # no end given: indeterminate once engaged
    assert (effect.armed_conflict == conflict) is engaged


def test_a_conflict_the_user_asserts_has_no_start_and_always_applies() -> None:
    assert effective_date(date(1999, 3, 1), ArmedConflict()).effective is None


def test_ukraine_what_if_before_the_conflict_takes_effect_after_six_months() -> None:
    ukraine = Rules().state("ukraine")
    assert ukraine.armed_conflict is not None and ukraine.armed_conflict.since == SINCE
    early = project_timeline(ukraine, date(2025, 1, 1), _receipt(date(2013, 1, 10)))
    assert (early.effective.kind, early.effective.span.date) == (Kind.OVERRIDE, date(2013, 7, 10))
    assert "indeterminate" not in early.effective.rule and early.effective.armed_conflict is None
    late = project_timeline(ukraine, date(2025, 1, 1), _receipt(date(2013, 9, 1)))
    assert late.effective.span.date is None and "indeterminate" in late.effective.rule


def test_the_receipt_in_2013_on_the_command_line() -> None:
    doc = json.loads(run_cli(["timeline", "ukraine", "--receipt", "2013-01-10", "--as-of", "2025-01-01",
                              "-f", "json"]).stdout)
    effective = doc["effective"]
    assert (effective["date"], effective["armed_conflict"]) == ("2013-07-10", {"ongoing": False, "end": None})
    assert "engaged in an armed conflict" not in effective["rule"]


def _receipt(day: date):  # noqa: ANN202 - Overrides, built the way the command line builds it
    from ottawa_exit import Overrides

    return Overrides.build(receipt=day)
