"""A suspension as data: read from a rules file by its spec, known only from the day it was reported, and shown in
every view (tables, JSON, CSV, calendars)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from ottawa_exit import Rules, project_timeline

from .conftest import rules_problems, run_cli, write_rules

AS_OF = ["--as-of", "2026-11-27"]
DETAIL = "suspension notified 2025-07-18 (not provided for by the Convention; 6 states objected)"


def test_ukraines_suspension_is_read_with_its_objections_and_response() -> None:
    suspension = Rules().state("ukraine").suspension
    assert suspension is not None
    assert (suspension.notified, suspension.step, suspension.provided_for) == (
        date(2025, 7, 18), "suspension-notice", False)
    assert "Art. 62" in suspension.invoked
    objections = {o.iso3: (o.date, o.by) for o in suspension.objections}
    assert objections == {"CHE": (date(2025, 10, 17), None), "NZL": (date(2025, 11, 25), None),
                          "NOR": (None, date(2025, 12, 2)), "AUT": (None, date(2025, 12, 2)),
                          "BEL": (None, date(2025, 12, 2)), "COL": (None, None)}
    assert all(o.sources for o in suspension.objections)
    assert suspension.response is not None and suspension.response.date == date(2025, 12, 5)


@pytest.mark.parametrize(("table", "fragment"), [
    ('notifed = 2025-07-18', "state.suspension.notifed: unknown key (did you mean 'notified'?)"),
    ('notified = 2025-07-18\nknown_from = 2025-07-24\ninvoked = "x"\nstep = "no-such-step"',
     "state.suspension.step: unknown step 'no-such-step'"),
    ('notified = 2025-07-17\nknown_from = 2025-07-24\ninvoked = "x"\nstep = "suspension-notice"',
     "state.suspension.notified: 2025-07-17 is not the recorded date of step 'suspension-notice' (2025-07-18)"),
    ('notified = 2025-07-18\nknown_from = 2025-07-01\ninvoked = "x"',
     "state.suspension.known_from: 2025-07-01 is before the notification 2025-07-18"),
    ('notified = 2025-07-18\nknown_from = 2025-07-24\ninvoked = "x"\n[[state.suspension.objections]]\n'
     'state = "Norway"\niso3 = "NOR"\nknown_from = 2025-12-02\ndate = 2025-10-01\nby = 2025-12-02',
     "state.suspension.objections[0].by: give the day it was lodged (date) or a day it was lodged by (by), not both"),
    ('notified = 2025-07-18\nknown_from = 2025-07-24\ninvoked = "x"\n[[state.suspension.objections]]\n'
     'state = "Norway"\niso3 = "NO"\nknown_from = 2025-12-02',
     "state.suspension.objections[0].iso3: 'NO' must be 3 capital letters"),
    ('notified = 2025-07-18\nknown_from = 2025-07-24\ninvoked = "x"\n[[state.suspension.objections]]\n'
     'state = "Norway"\niso3 = "NOR"\ndate = 2025-12-02\nknown_from = 2025-12-01',
     "state.suspension.objections[0].known_from: 2025-12-01 is before the objection's day 2025-12-02"),
])
def test_a_bad_suspension_is_reported_with_its_key(tmp_path: Path, table: str, fragment: str) -> None:
    text = f'[state]\nid = "ukraine"\n[state.suspension]\n{table}\n'
    found = rules_problems(write_rules(tmp_path, text, "ukraine-extra.toml"))
    assert any(fragment in p for p in found), found


def test_the_suspension_counts_only_from_the_day_it_was_reported() -> None:
    state = Rules().state("ukraine")
    assert project_timeline(state, date(2025, 7, 23)).suspension is None
    early = project_timeline(state, date(2025, 8, 1)).suspension
    assert early is not None and early.objections == () and early.response is None
    run = run_cli(["countries", "--as-of", "2025-08-01", "-f", "json"])
    ukraine = next(d for d in json.loads(run.stdout) if d["state"]["id"] == "ukraine")
    assert ukraine["status_detail"] == (
        "suspension notified 2025-07-18 (not provided for by the Convention; no objection reported)")


@pytest.mark.parametrize(("as_of", "why", "words"), [
    ("2025-06-01", "no-decision", "no withdrawal decided as of 2025-06-01"),  # before any step
    ("2025-07-01", "no-instrument", "no Article 20 instrument on record as of 2025-07-01"),  # the decree, no more
    ("2025-07-23", "no-instrument", "no Article 20 instrument on record as of 2025-07-23"),  # notice not yet reported
    ("2025-07-24", "not-a-withdrawal", "(a suspension is not an Article 20 withdrawal)"),  # the day it was reported
])
def test_the_suspension_is_named_only_once_it_was_reported(as_of: str, why: str, words: str) -> None:
    """Before 24 Jul 2025 nothing on record said Ukraine's path was a suspension (the decree of 29 Jun was reported
    as a withdrawal), so no output may say so."""
    timeline = project_timeline(Rules().state("ukraine"), date.fromisoformat(as_of))
    assert (timeline.receipt.not_projected, timeline.status) == (why, "party")
    doc = json.loads(run_cli(["timeline", "ukraine", "--as-of", as_of, "-f", "json"]).stdout)
    assert words in doc["receipt"]["reason"]
    named = "suspension" in " ".join(doc["notes"]) or "suspension" in doc["receipt"]["reason"]
    assert named is (why == "not-a-withdrawal")
    table = run_cli(["timeline", "ukraine", "--as-of", as_of], env={"COLUMNS": "80"}).stdout
    assert ("a suspension is not" in table) is (why == "not-a-withdrawal")


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("command", [["countries", *AS_OF], ["compare", *AS_OF]])
def test_countries_and_compare_tables_say_more_than_party_at_80_columns(command: list[str], width: int) -> None:
    """Regression: `countries` said only "party | no withdrawal decided" for Ukraine, `compare` "party | not
    projected". The cell names the suspension and marks it; the whole detail is the note under the table."""
    text = run_cli(command, env={"COLUMNS": str(width)}).stdout
    assert _status_cell(text, "Ukraine") == "party · suspension notified *", command
    body, _, after = text.partition("+\n* ")
    assert " ".join(after.split()).startswith("Ukraine: " + DETAIL), text  # wrapped at the width, words whole
    assert DETAIL.split(" (")[1] not in " ".join(body.split()), text  # not in the table itself


@pytest.mark.parametrize("command", [["countries", *AS_OF], ["compare", *AS_OF]])
def test_ukraines_row_takes_at_most_3_lines_at_80_columns(command: list[str]) -> None:
    """Regression: the whole detail in the Status cell wrapped Ukraine's row over 10 lines at 80 columns."""
    text = run_cli(command, env={"COLUMNS": "80"}).stdout
    assert len(_row_lines(text, "Ukraine")) <= 3, text
    assert DETAIL in " ".join(text.split()), text  # the full detail is still in the output


def _row_lines(table: str, state: str) -> list[list[str]]:
    """The lines of a state's row in an ASCII table, each split into its cells."""
    rows = [[cell.strip() for cell in line.split("|")[1:-1]] for line in table.splitlines() if line.startswith("| ")]
    start = next(i for i, row in enumerate(rows) if row[0] == state)
    end = next((i for i, row in enumerate(rows[start + 1:], start + 1) if row[0]), len(rows))
    return rows[start:end]


def _status_cell(table: str, state: str) -> str:
    """The Status cell of a state's row in an ASCII table, its wrapped lines joined."""
    header = next(line for line in table.splitlines() if line.startswith("| ") and "Status" in line)
    column = [cell.strip() for cell in header.split("|")[1:-1]].index("Status")
    return " ".join(row[column] for row in _row_lines(table, state) if row[column])


def test_the_timeline_lists_each_objection_and_the_response_with_sources() -> None:
    text = run_cli(["timeline", "ukraine", *AS_OF], env={"COLUMNS": "1000"}).stdout
    assert "Ukraine (UA)  party · " + DETAIL in text
    objections = next(line for line in text.splitlines() if line.startswith("Objections (6): "))
    for said in ("Switzerland (CHE) 2025-10-17", "New Zealand (NZL) 2025-11-25", "Norway (NOR) by 2025-12-02",
                 "Colombia (COL) day not found"):
        assert said in objections
    assert "Nau.ch, press [" in objections and "Norwegian People's Aid, monitor [" in objections
    response = next(line for line in text.splitlines() if line.startswith("Response: "))
    assert response.startswith("Response: 2025-12-05: ") and "Norwegian People's Aid, monitor [" in response


def test_json_and_csv_carry_the_suspension_in_every_command() -> None:
    for command in (["countries"], ["countries", "--all"], ["timeline", "ukraine"], ["compare"]):
        documents = json.loads(run_cli([*command, *AS_OF, "-f", "json"]).stdout)
        documents = documents if isinstance(documents, list) else [documents]
        ukraine = next(d for d in documents if d["state"]["id"] == "ukraine")
        assert ukraine["status_detail"] == DETAIL, command
        assert ukraine["suspension"]["objection_count"] == 6
        assert all(d["suspension"] is None for d in documents if d["state"]["id"] != "ukraine")
        rows = list(csv.DictReader(io.StringIO(run_cli([*command, *AS_OF, "-f", "csv"]).stdout)))
        row = next(r for r in rows if r["state_id"] == "ukraine")
        assert row["suspension_notified"] == "2025-07-18" and row["status_detail"] == DETAIL, command
        objections = json.loads(row["suspension_objections"])  # nested records as JSON text, not a Python repr
        assert [o["iso3"] for o in objections] == ["CHE", "NZL", "NOR", "AUT", "BEL", "COL"]
        for other in (r for r in rows if r["state_id"] != "ukraine"):  # the same columns, empty
            assert other["suspension_notified"] == "" and other["suspension_response_text"] == "", command
    parties = json.loads(run_cli(["parties", *AS_OF, "-f", "json"]).stdout)
    ukraine = next(p for p in parties["parties"] if p["state"]["iso3"] == "UKR")
    assert ukraine["status_detail"] == DETAIL and ukraine["suspension"]["response"]["date"] == "2025-12-05"
