"""The projection engine: as-of filtering, ranges, overrides and status."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings, strategies as st

from ottawa_exit import InputError, Overrides, Rules, project_timeline
from ottawa_exit.projection.timeline import JOINT_STATEMENT, Kind, Status

from .assertions import assert_effective, assert_projected, assert_recorded

RULES = Rules()
STATES = [RULES.state(i) for i in RULES.builtin_ids()]


def test_as_of_joint_statement_poland_is_a_party_with_everything_later_projected() -> None:
    t = project_timeline(RULES.state("poland"), JOINT_STATEMENT)
    assert t.status is Status.PARTY
    assert_recorded(t, "decision", JOINT_STATEMENT)
    for s in t.steps[1:]:
        assert_projected(t, s.step.id)
        assert s.span.earliest < s.span.latest, s.step.id  # every projection has a range
    assert t.effective.kind is Kind.PROJECTED
    assert t.effective.span.earliest <= date(2026, 2, 20) <= t.effective.span.latest


def test_events_after_the_as_of_date_are_ignored() -> None:
    t = project_timeline(RULES.state("poland"), date(2025, 6, 30))
    assert_recorded(t, "sejm-vote", date(2025, 6, 25))
    assert_projected(t, "senate")  # recorded 2025-07-17, after the as-of date
    assert t.status is Status.IN_PROGRESS


def test_a_step_without_a_date_counts_once_a_later_step_is_known() -> None:
    before = project_timeline(RULES.state("poland"), date(2025, 5, 19))
    after = project_timeline(RULES.state("poland"), date(2025, 5, 20))
    assert_projected(before, "government-bill")
    assert assert_recorded(after, "government-bill", None).note == "date not recorded"


def test_a_window_counts_once_its_latest_day_has_passed() -> None:
    inside = project_timeline(RULES.state("poland"), date(2025, 7, 20))
    passed = project_timeline(RULES.state("poland"), date(2025, 7, 25))
    assert_projected(inside, "president-signs")
    assert_recorded(passed, "president-signs", window=(date(2025, 7, 17), date(2025, 7, 25)))


def test_a_statutory_limit_bounds_the_latest_projection() -> None:
    # The Senate has 30 days from the Sejm's vote (2025-06-25): latest is 2025-07-25, not 30 days from the as-of.
    t = project_timeline(RULES.state("poland"), date(2025, 7, 1))
    senate = assert_projected(t, "senate", latest=date(2025, 7, 25))
    assert senate.span.earliest == date(2025, 7, 1)


def test_pending_between_receipt_and_effect() -> None:
    t = project_timeline(RULES.state("poland"), date(2025, 9, 1))
    assert t.status is Status.PENDING
    assert_effective(t, date(2026, 2, 20), Kind.PROJECTED)


def test_receipt_override_what_if_31_august() -> None:
    t = project_timeline(RULES.state("poland"), JOINT_STATEMENT, Overrides.build(receipt=date(2025, 8, 31)))
    assert t.receipt.kind is Kind.OVERRIDE and t.receipt.span.date == date(2025, 8, 31)
    assert t.effective.span.date == date(2026, 2, 28) and t.effective.kind is Kind.OVERRIDE
    assert "clamped" in t.effective.rule
    for s in t.steps[1:-1]:  # steps before the override never run past it
        assert s.span.latest <= date(2025, 8, 31)


def test_step_override_moves_later_projections() -> None:
    base = project_timeline(RULES.state("poland"), date(2025, 6, 30))
    moved = project_timeline(RULES.state("poland"), date(2025, 6, 30),
                             Overrides.build(steps=[("senate", date(2025, 7, 20))]))
    moved_sig, base_sig = (t.step("president-signs") for t in (moved, base))
    # as of 30 Jun 2025 only the 2012-based range (1, 14, 21 days) was known; the 2025 observation (7) came on 25 Jul
    assert moved_sig.span == (date(2025, 8, 3), date(2025, 7, 21), date(2025, 8, 10))
    assert moved_sig.span.date != base_sig.span.date


def test_a_step_by_id() -> None:
    t = project_timeline(RULES.state("poland"), JOINT_STATEMENT)
    assert t.step("senate").step.title.startswith("Senate")
    with pytest.raises(KeyError, match="poland has no step 'senat' \\(steps: decision, government-bill, "):
        t.step("senat")


def test_overrides_that_break_the_order_are_refused() -> None:
    with pytest.raises(InputError, match="order"):
        project_timeline(RULES.state("poland"), date(2026, 1, 1), Overrides.build(steps=[("senate", date(2025, 6, 1))]))
    with pytest.raises(InputError, match="contradictory"):
        Overrides.build(receipt=date(2025, 8, 1), steps=[("receipt", date(2025, 8, 2))])
    with pytest.raises(InputError, match="only one"):
        Overrides.build(armed_conflict=True, armed_conflict_until=date(2027, 1, 1))
    with pytest.raises(InputError, match="did you mean 'senate'"):
        project_timeline(RULES.state("poland"), date(2026, 1, 1), Overrides.build(steps=[("senat", date(2025, 7, 1))]))


def test_ukraine_with_a_conflict_end_has_a_date() -> None:
    t = project_timeline(RULES.state("ukraine"), date(2026, 11, 27),
                         Overrides.build(receipt=date(2025, 7, 18), armed_conflict_until=date(2027, 3, 1)))
    assert t.effective.span.date == date(2027, 3, 1)
    assert t.status is Status.PENDING


def test_armed_conflict_flag_makes_any_state_indeterminate() -> None:
    t = project_timeline(RULES.state("poland"), JOINT_STATEMENT, Overrides.build(armed_conflict=True))
    assert t.effective.span.date is None and t.effective.indeterminate


def test_no_armed_conflict_sets_ukraines_aside() -> None:
    # no receipt, nothing to set aside: still no projection
    t = project_timeline(RULES.state("ukraine"), date(2026, 11, 27), Overrides.build(no_armed_conflict=True))
    assert t.effective.kind is Kind.NONE and t.effective.span.date is None
    # with a what-if receipt, six months on (Article 20(2)) instead of indeterminate (20(3))
    t = project_timeline(RULES.state("ukraine"), date(2026, 11, 27),
                         Overrides.build(receipt=date(2027, 1, 15), no_armed_conflict=True))
    assert t.effective.span.date == date(2027, 7, 15)


def test_stale_data_note_after_the_review_date() -> None:
    t = project_timeline(RULES.state("poland"), date(2027, 1, 1))
    assert any("may be missing" in n for n in t.notes)
    assert not any("may be missing" in n for n in project_timeline(RULES.state("poland"), date(2026, 11, 27)).notes)


def test_before_the_state_was_bound() -> None:
    assert project_timeline(RULES.state("poland"), date(2012, 1, 1)).status is Status.NOT_A_PARTY
    assert project_timeline(RULES.state("poland"), date(2013, 6, 1)).status is Status.PARTY


as_of_dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(STATES), as_of_dates)
def test_ranges_are_ordered_and_nothing_is_projected_before_the_as_of(state, as_of) -> None:
    t = project_timeline(state, as_of)
    previous = None
    for s in t.steps:
        if s.span.earliest is None or s.step.parallel:  # a parallel step is counted from its after_step
            continue
        if s.kind is Kind.PROJECTED:
            assert s.span.earliest <= s.span.typical <= s.span.latest
            assert s.span.earliest >= as_of
        else:
            assert s.span.latest <= as_of  # recorded means on or before the as-of date
        if previous is not None:  # steps keep the procedure's order in every chain
            assert s.span.earliest >= previous.earliest and s.span.latest >= previous.latest
        previous = s.span
    eff, rec = t.effective.span, t.receipt.span
    if eff.date is not None:
        assert eff.earliest <= eff.date <= eff.latest
        assert (eff.earliest - rec.earliest).days >= 181


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(STATES), as_of_dates, st.integers(min_value=1, max_value=400))
def test_recorded_dates_never_move_when_the_as_of_moves_later(state, as_of, later) -> None:
    early = project_timeline(state, as_of)
    late = project_timeline(state, as_of + timedelta(days=later))
    for a, b in zip(early.steps, late.steps):
        if a.kind is Kind.RECORDED:
            assert b.kind is Kind.RECORDED and b.span == a.span
