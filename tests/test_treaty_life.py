"""No silent answer outside a treaty's life (issue 18, item 4): a date before the treaty's adoption is an error, one
before notice was possible (its entry into force, a minimum time) is answered with a note in every format, naming
the first day notice was possible; years before 1900 are refused by every command."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from ottawa_exit import api

from .conftest import run_cli

CONVENTION_IN_FORCE = "1999-03-01"  # Article 17: the Convention's entry into force
PARIS_POSSIBLE = "2019-11-04"  # in force 2016-11-04, plus Article 28's three years


def _early(fmt: str, args: list[str]) -> tuple[str, str]:
    """(possible_from, reason) from the single result of ``effective ARGS`` in ``fmt``."""
    result = run_cli(["effective", *args, "--format", fmt])
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    if fmt == "csv":
        row = next(csv.DictReader(io.StringIO(result.stdout)))
        return row["early_notice_possible_from"], row["early_notice_reason"]
    document = json.loads(result.stdout)
    early = document["early_notice"]
    return (early["possible_from"], early["reason"]) if early else ("", "")


@pytest.mark.parametrize("fmt", ["json", "ndjson", "csv"])
def test_a_receipt_before_the_convention_entered_into_force_is_noted_in_machine_formats(fmt: str) -> None:
    possible, reason = _early(fmt, ["1998-01-01"])
    assert possible == CONVENTION_IN_FORCE
    assert reason == ("notice on 1998-01-01 is too early: it precedes the treaty's entry into force (1999-03-01), "
                      "when no state was a party; notice was first possible on 1999-03-01")
    assert _early(fmt, [CONVENTION_IN_FORCE]) == ("", "")


@pytest.mark.parametrize(("fmt", "line"), [
    ("table", "1998-01-01  1998-07-01  too early: not before 1999-03-01"),
    ("markdown", "| 1998-01-01 | 1998-07-01 | too early: not before 1999-03-01 |"),
])
def test_the_note_in_the_table_and_markdown(fmt: str, line: str) -> None:
    result = run_cli(["effective", "1998-01-01", "1999-03-01", "--format", fmt])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert line in lines and "too early" not in lines[-1]


def test_paris_without_the_partys_date_counts_from_the_treatys_entry_into_force() -> None:
    possible, reason = _early("json", ["--treaty", "paris", "2017-06-01"])
    assert possible == PARIS_POSSIBLE
    assert reason == ("notice on 2017-06-01 is too early: Paris Agreement, Article 28 allows notice only after 3 "
                      "years from entry into force for the party (2016-11-04); notice was possible at the earliest "
                      f"on {PARIS_POSSIBLE}, counted from the treaty's entry into force as the party's own date is "
                      "not given")
    assert _early("json", ["--treaty", "paris", PARIS_POSSIBLE]) == ("", "")


def test_paris_with_the_partys_date_names_the_first_day_for_that_party() -> None:
    possible, reason = _early("ndjson", ["--treaty", "paris", "--bound-from", "2017-01-01", "2019-12-01"])
    assert possible == "2020-01-01"
    assert reason.endswith("(2017-01-01); notice was first possible on 2020-01-01")


def test_a_notice_before_the_partys_own_entry_into_force() -> None:
    possible, reason = _early("json", ["--treaty", "paris", "--bound-from", "2018-01-01", "2017-06-01"])
    assert possible == "2021-01-01"
    assert "it precedes the party's entry into force (2018-01-01)" in reason


@pytest.mark.parametrize(("args", "message"), [
    (["1990-01-01"], "error: argument 1: 1990-01-01 is before the treaty was adopted (1997-09-18): no notice under "
                     "Ottawa Convention, Article 20(3) could be given"),
    (["--treaty", "paris", "2010-01-01"], "error: argument 1: 2010-01-01 is before the treaty was adopted "
                                          "(2015-12-12): no notice under Paris Agreement, Article 28 could be given"),
    (["--treaty", "paris", "--bound-from", "2010-01-01", "2020-01-01"],
     "error: --bound-from: 2010-01-01 is before the treaty entered into force (2016-11-04): no party is bound before "
     "that"),
])
def test_before_the_treaty_existed_is_an_error(args: list[str], message: str) -> None:
    result = run_cli(["effective", *args])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")


def test_the_stream_notes_early_lines_among_good_ones() -> None:
    """The fast path hands an early date to the general path, which adds the note; the later ones stay fast."""
    result = run_cli(["effective", "-", "--format", "csv"], input="2025-01-01\n1998-12-31\n1999-03-01\n")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["start_date"], r["early_notice_possible_from"]) for r in rows] == [
        ("2025-01-01", ""), ("1998-12-31", CONVENTION_IN_FORCE), ("1999-03-01", "")]


@pytest.mark.parametrize("args", [
    ["effective", "0001-01-01"],
    ["effective", "1899-12-31"],
    ["effective", "--treaty", "paris", "1066-10-14"],
    ["timeline", "poland", "--as-of", "0999-01-01"],
    ["timeline", "poland", "--receipt", "1850-01-01"],
    ["countries", "--as-of", "1899-12-31"],
    ["parties", "--as-of", "0001-01-01"],
    ["backtest", "--as-of", "1800-01-01"],
])
def test_years_before_1900_are_refused_by_every_command(args: list[str]) -> None:
    """`effective 0001-01-01` answered 0001-07-01 without a word."""
    result = run_cli(args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.endswith("is outside the years 1900 to 9999\n") and result.stderr.count("\n") == 1


def test_the_library_gives_the_same_note() -> None:
    early = api.effective("1998-01-01").early
    assert early is not None and early.possible_from == date(1999, 3, 1)
    assert api.effective("1999-03-01").early is None
