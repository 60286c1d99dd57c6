"""The command line through CliRunner, and once through the installed console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .assertions import json_step
from .conftest import run_cli

AS_OF = ["--as-of", "2026-11-27"]


def test_timeline_poland_table_shows_status_dates_and_sources() -> None:
    result = run_cli(["timeline", "poland", *AS_OF])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Poland (PL)  withdrawn" in out
    assert "Receipt by the Depositary: 2025-08-20  [recorded]" in out
    assert "Takes effect: 2026-02-20  [recorded]" in out
    assert "2025-07-17 .. 2025-07-25" in out  # the signature window
    assert "prawo.pl" in out and "icblcmc.org" in out
    assert "\x1b[" not in out  # no colour without a terminal


def test_timeline_json_follows_the_contract() -> None:
    result = run_cli(["timeline", "PL", *AS_OF, "--format", "json"])
    doc = json.loads(result.stdout)
    assert doc["schema"] == "ottawa-exit/timeline/1"
    assert doc["state"] == {"id": "poland", "name": "Poland", "iso2": "PL", "iso3": "POL"}
    assert doc["as_of"] == "2026-11-27" and doc["status"] == "withdrawn"
    keys = {"id", "title", "actor", "requirement", "legal_basis", "kind", "date", "earliest", "latest", "detail",
            "source", "note"}
    for step in doc["steps"]:
        assert keys <= set(step)
        assert step["kind"] in ("recorded", "projected", "override")
        if step["kind"] == "recorded" and step["date"]:
            assert step["date"] == step["earliest"] == step["latest"]
    signature = json_step(doc, "president-signs")
    assert (signature["date"], signature["earliest"], signature["latest"]) == (None, "2025-07-17", "2025-07-25")
    assert doc["receipt"] == {"kind": "recorded", "date": "2025-08-20", "earliest": "2025-08-20",
                              "latest": "2025-08-20", "sources": doc["receipt"]["sources"]}
    eff = doc["effective"]
    assert (eff["kind"], eff["date"]) == ("recorded", "2026-02-20")
    assert eff["armed_conflict"] == {"ongoing": False, "end": None}
    assert "same day number" in eff["rule"]


@pytest.mark.parametrize("country", ["poland", "lithuania", "latvia", "estonia", "finland", "ukraine"])
def test_json_for_every_state(country: str) -> None:
    doc = json.loads(run_cli(["timeline", country, *AS_OF, "-f", "json"]).stdout)
    assert doc["state"]["id"] == country
    eff = doc["effective"]
    if country == "ukraine":
        assert doc["status"] == "party"
        assert eff["date"] is None and "indeterminate" in eff["rule"]
        assert eff["armed_conflict"] == {"ongoing": True, "end": None}
    else:
        assert doc["status"] == "withdrawn" and eff["kind"] == "recorded"


def test_as_of_the_joint_statement() -> None:
    doc = json.loads(run_cli(["timeline", "poland", "--as-of", "2025-03-18", "-f", "json"]).stdout)
    assert doc["status"] == "party"
    assert [s["kind"] for s in doc["steps"]] == ["recorded"] + ["projected"] * 7
    eff = doc["effective"]
    assert eff["earliest"] < eff["date"] < eff["latest"]


def test_what_if_receipt_on_31_august() -> None:
    doc = json.loads(run_cli(["timeline", "poland", "--as-of", "2025-03-18", "--receipt", "2025-08-31",
                              "-f", "json"]).stdout)
    assert doc["receipt"]["kind"] == "override"
    assert doc["effective"]["date"] == "2026-02-28"
    assert "not an observed depositary practice" in doc["effective"]["rule"]


def test_ukraine_with_conflict_end() -> None:
    doc = json.loads(run_cli(["timeline", "ukraine", *AS_OF, "--receipt", "2025-07-18",
                              "--armed-conflict-until", "2027-03-01", "-f", "json"]).stdout)
    assert doc["effective"]["date"] == "2027-03-01"
    assert doc["effective"]["armed_conflict"] == {"ongoing": True, "end": "2027-03-01"}


def test_countries_lists_every_state() -> None:
    rows = json.loads(run_cli(["countries", *AS_OF, "-f", "json"]).stdout)
    assert {r["state"]["id"]: r["status"] for r in rows} == {
        "estonia": "withdrawn", "finland": "withdrawn", "latvia": "withdrawn", "lithuania": "withdrawn",
        "poland": "withdrawn", "ukraine": "party"}
    table = run_cli(["countries", *AS_OF]).stdout
    assert "Lithuania" in table and "2025-12-27" in table


def test_countries_csv_has_a_header_and_a_row_per_state() -> None:
    lines = run_cli(["countries", *AS_OF, "-f", "csv"]).stdout.splitlines()
    assert lines[0].startswith("state,name,iso2,iso3,as_of,rules_reviewed,status")
    assert lines[1].startswith("estonia,Estonia,EE,EST,2026-11-27,2026-11-27,withdrawn,recorded,2025-06-27,")
    assert len(lines) == 7


def test_ndjson_is_one_document_per_line() -> None:
    lines = run_cli(["countries", *AS_OF, "-f", "ndjson"]).stdout.splitlines()
    assert [json.loads(line)["schema"] for line in lines] == ["ottawa-exit/country/1"] * 6


def test_version_names_the_data_review_date() -> None:
    result = run_cli(["--version"])
    assert result.exit_code == 0 and "rules data reviewed 2026-11-27" in result.stdout


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "poland.json"
    result = run_cli(["timeline", "poland", *AS_OF, "-f", "json", "-o", str(target)])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text())["status"] == "withdrawn"
    assert [p.name for p in tmp_path.iterdir()] == ["poland.json"]  # no temporary file left


def test_a_failed_run_leaves_an_existing_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "effects.csv"
    target.write_text("precious\n")
    result = run_cli(["effective", "-", "-f", "csv", "-o", str(target)], input="2025-01-01\nnot-a-date\n")
    assert result.exit_code == 2
    assert target.read_text() == "precious\n"
    assert [p.name for p in tmp_path.iterdir()] == ["effects.csv"]


SCRIPT = Path(sys.executable).with_name("ottawa-exit")


def test_installed_console_script_runs() -> None:
    """The entry point that `pip install` made, beside this Python, run as a real process."""
    script = str(SCRIPT) if SCRIPT.exists() else shutil.which("ottawa-exit")
    assert script, "the ottawa-exit console script is not installed"
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run([script, "timeline", "poland", "--as-of", "2026-11-27"], capture_output=True,
                          text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "withdrawn" in done.stdout and "2026-02-20" in done.stdout
    bad = subprocess.run([script, "timeline", "polnad"], capture_output=True, text=True, env=env, timeout=60)
    assert bad.returncode == 2
    assert bad.stderr.strip() == ("error: unknown country 'polnad'; did you mean 'poland'? "
                                  "(known: estonia, finland, latvia, lithuania, poland, ukraine)")


def test_python_dash_m_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "ottawa_exit", "--version"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("ottawa-exit ")
