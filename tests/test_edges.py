"""The days at the edges of the date rules, each pinned: the day a withdrawal takes effect (no longer a party), a
later date equal to the end of the period under day-after counting (not later), February in the fast stream of
`effective` (leap years and common years), and a recorded window's middle day (what later steps count from)."""

from __future__ import annotations

import contextlib
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from ottawa_exit import Count, InputError, Rules, effective_date, project_timeline
from ottawa_exit.cli.stream import csv_line, run_effective
from ottawa_exit.data.treaties import treaty
from ottawa_exit.engine.clauses import apply
from ottawa_exit.projection.timeline import Span
from ottawa_exit.render import Format

from .conftest import run_cli


@pytest.mark.parametrize(("as_of", "status", "parties"), [
    ("2026-02-19", "withdrawal-pending", 162), ("2026-02-20", "withdrawn", 161), ("2026-02-21", "withdrawn", 161)])
def test_a_state_is_no_longer_a_party_on_its_effect_day(as_of: str, status: str, parties: int) -> None:
    """Poland's withdrawal took effect on 20 Feb 2026: a party on the 19th, not on the 20th."""
    doc = json.loads(run_cli(["timeline", "poland", "--as-of", as_of, "-f", "json"]).stdout)
    assert doc["status"] == status
    counted = json.loads(run_cli(["parties", "--as-of", as_of, "-f", "json"]).stdout)
    assert counted["count"] == parties
    assert ("poland" in {p["state"]["id"] for p in counted["parties"]}) is (status != "withdrawn")


def test_a_later_date_must_pass_the_end_of_the_period_as_counted() -> None:
    rome = treaty("rome-statute").clause
    start = date(2012, 1, 24)
    assert apply(rome, start, count=Count.DAY_AFTER).expiry == date(2013, 1, 25)
    with pytest.raises(InputError, match=r"the later date 2013-01-25 is not later than the date the period ends "
                                         r"\(2013-01-25\)"):
        apply(rome, start, count=Count.DAY_AFTER, later_date=date(2013, 1, 25))
    assert apply(rome, start, count=Count.DAY_AFTER, later_date=date(2013, 1, 26)).effective == date(2013, 1, 26)
    assert apply(rome, start, later_date=date(2013, 1, 25)).effective == date(2013, 1, 25)  # same day: later
    result = run_cli(["effective", "--treaty", "rome-statute", "--count", "day-after", "--later-date", "2013-01-25",
                      "2012-01-24"])
    assert result.exit_code == 2 and "not later than the date the period ends (2013-01-25)" in result.stderr


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# Receipts whose six months end in a leap February (2024, 2096) and in common ones (2023, 2100).
AROUND_FEBRUARY = [*_days(date(2022, 8, 20), date(2022, 9, 2)), *_days(date(2023, 8, 20), date(2023, 9, 2)),
                   *_days(date(2095, 8, 20), date(2095, 9, 2)), *_days(date(2099, 8, 20), date(2099, 9, 2)),
                   *_days(date(2024, 2, 26), date(2024, 3, 2))]


@pytest.mark.parametrize("count", list(Count))
def test_the_fast_stream_knows_february_in_leap_and_common_years(count: Count) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        run_effective(["-"], io.BytesIO("\n".join(d.isoformat() for d in AROUND_FEBRUARY).encode()), Format.CSV, None, None,
                      count, keep_going=False)
    expected = [csv_line(effective_date(d, count=count)) for d in AROUND_FEBRUARY]
    assert out.getvalue().splitlines(keepends=True)[1:] == expected
    last_of_august = date(2023, 8, 28) if count is Count.DAY_AFTER else date(2023, 8, 29)
    assert effective_date(last_of_august, count=count).effective == date(2024, 2, 29)  # a leap February


def test_a_window_s_typical_day_is_its_middle() -> None:
    assert Span(None, date(2025, 1, 1), date(2025, 1, 11)).typical == date(2025, 1, 6)
    assert Span(None, date(2025, 1, 1), date(2025, 1, 2)).typical == date(2025, 1, 1)
    assert Span(date(2025, 3, 1), date(2025, 1, 1), date(2025, 5, 1)).typical == date(2025, 3, 1)


def test_the_step_after_a_window_counts_from_its_middle(tmp_path: Path) -> None:
    path = tmp_path / "windowed.toml"
    step = ('[[steps]]\nid = "{id}"\ntitle = "t"\nactor = "a"\nrequirement = "r"\nlegal_basis = "l"\n'
            '[[steps.durations]]\nknown_from = 2000-01-01\nearliest = 10\ntypical = 20\nlatest = 30\nbasis = "b"\n')
    path.write_text('[state]\nid = "windowland"\nname = "Windowland"\niso2 = "XW"\niso3 = "XWL"\n'
                    'bound_from = 2000-01-01\n\n' + step.format(id="decision") + step.format(id="receipt")
                    + '[[events]]\nstep = "decision"\nearliest = 2025-01-01\nlatest = 2025-01-11\n'
                    'source = "un-status-xxvi5"\n', encoding="utf-8")
    timeline = project_timeline(Rules([path]).state("windowland"), date(2025, 1, 12))
    receipt = timeline.step("receipt").span
    assert receipt == (date(2025, 1, 26), date(2025, 1, 12), date(2025, 2, 10))  # middle 6 Jan + 20; 1 Jan + 10
