"""Rules files whose dates contradict each other or Article 20 are refused, by `rules check` and by every command,
naming both facts and the file at fault."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ottawa_exit import Rules, project_timeline
from ottawa_exit.cli import app
from ottawa_exit.data.registry import STATES_DIR
from ottawa_exit.projection.timeline import Kind

from .conftest import rules_problems, write_rules

POLAND = STATES_DIR / "poland.toml"
MOVED_RECEIPT = """
[state]
id = "poland"
[[events]]
step = "receipt"
date = 2025-08-21
source = "dziennikustaw-2025-1514"
"""


def test_moving_the_receipt_without_the_effect_is_refused_and_says_how_to_fix_it(tmp_path: Path) -> None:
    """It used to drop the built-in effect and its source silently, then project a "not yet reached" effect."""
    path = write_rules(tmp_path, MOVED_RECEIPT)
    assert rules_problems(path) == [
        f"{path}: events[0].date: this receipt (2025-08-21) contradicts the effect on 2026-02-20 that {POLAND} "
        "records (events[8]); Article 20 gives 2026-02-21 for it: correct the effect in this file too "
        '([[events]] step = "effective" with its date and source), or give it date = "unknown" to drop it']


@pytest.mark.parametrize("command", [
    ["rules", "check", "{path}"],
    ["--rules", "{path}", "timeline", "poland", "--as-of", "2026-12-01"],
    ["--rules", "{path}", "countries", "--as-of", "2026-12-01", "--format", "json"],
    ["--rules", "{path}", "effective", "2025-08-20"],
    ["--rules", "{path}", "treaties"],
])
def test_every_command_refuses_the_contradiction(tmp_path: Path, command: list[str]) -> None:
    path = write_rules(tmp_path, MOVED_RECEIPT)
    result = CliRunner().invoke(app, [part.format(path=path) for part in command])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert f"{path}: events[0].date: this receipt (2025-08-21) contradicts the effect on 2026-02-20" in result.stderr


def test_moving_the_receipt_with_the_effect_corrected_is_accepted(tmp_path: Path) -> None:
    path = write_rules(tmp_path, MOVED_RECEIPT + '[[events]]\nstep = "effective"\ndate = 2026-02-21\n'
                                           'source = "icbl-poland-effect-2026-02-20"\n')
    state = Rules([path]).state("poland")
    assert (state.event("receipt").date, state.event("effective").date) == (date(2025, 8, 21), date(2026, 2, 21))
    assert project_timeline(state, date(2026, 12, 1)).effective.kind is Kind.RECORDED


def test_an_unknown_effect_drops_the_recorded_one_and_the_projection_says_the_date_has_passed(tmp_path: Path) -> None:
    path = write_rules(tmp_path, MOVED_RECEIPT + '[[events]]\nstep = "effective"\ndate = "unknown"\n')
    state = Rules([path]).state("poland")
    assert state.event("effective") is None
    effect = project_timeline(state, date(2026, 12, 1)).effective
    assert effect.kind is Kind.PROJECTED and effect.span.date == date(2026, 2, 21)
    assert "passed, with no record of the effect given" in effect.rule and "not yet reached" not in effect.rule
    before = project_timeline(state, date(2026, 1, 1)).effective
    assert "not yet reached" in before.rule


def test_an_effect_that_the_receipt_does_not_give_names_both_dates_and_the_receipts_file(tmp_path: Path) -> None:
    path = write_rules(tmp_path, '[state]\nid = "poland"\n[[events]]\nstep = "effective"\ndate = 2026-02-21\n'
                           'source = "icbl-poland-effect-2026-02-20"\n')
    assert rules_problems(path) == [
        f"{path}: events[0].date: 2026-02-21 is not what Article 20 gives for the receipt 2025-08-20 "
        f"({POLAND}, events[7]) (2026-02-20)"]


NEW_STATE = """
[state]
id = "atlantis"
name = "Atlantis"
iso2 = "AQ"
iso3 = "ATL"
{conflict}
[[events]]
step = "receipt"
date = 2025-08-20
source = "dziennikustaw-2025-1514"
[[events]]
step = "effective"
date = {effect}
source = "icbl-poland-effect-2026-02-20"
"""


@pytest.mark.parametrize("effect", ["2025-08-19", "2026-02-19"])
def test_an_effect_before_the_six_months_is_refused_even_with_an_armed_conflict(tmp_path: Path, effect: str) -> None:
    """Article 20(3) defers an effect; it never brings one forward. With a conflict recorded this was not checked."""
    path = write_rules(tmp_path, NEW_STATE.format(conflict="armed_conflict = { detail = \"war\" }", effect=effect))
    assert rules_problems(path) == [
        f"{path}: events[1].date: {effect} is before the six months from the receipt 2025-08-20 end (2026-02-20); "
        "an armed conflict can only defer the effect"]


def test_an_effect_deferred_by_an_armed_conflict_is_accepted(tmp_path: Path) -> None:
    path = write_rules(tmp_path, NEW_STATE.format(conflict="armed_conflict = { detail = \"war\" }", effect="2027-01-01"))
    assert Rules([path]).state("atlantis").event("effective").date == date(2027, 1, 1)


def test_an_effect_window_is_still_refused(tmp_path: Path) -> None:
    path = write_rules(tmp_path, NEW_STATE.format(conflict="", effect="2026-02-20").replace(
        "date = 2026-02-20", "earliest = 2026-02-20\nlatest = 2026-02-21"))
    assert rules_problems(path) == [
        f'{path}: events[1].date: the effective event needs an exact date (date = "unknown": none recorded)']
