"""The command line through CliRunner, and once through the installed console script."""

from __future__ import annotations

import csv
import io
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
    assert doc["schema"] == "ottawa-exit/timeline/2"
    assert doc["state"] == {"id": "poland", "name": "Poland", "iso2": "PL", "iso3": "POL"}
    assert doc["as_of"] == "2026-11-27" and doc["status"] == "withdrawn"
    keys = {"id", "title", "actor", "requirement", "legal_basis", "kind", "date", "earliest", "latest", "detail",
            "source", "notes", "basis", "basis_known_from", "basis_sources", "statutory_limit", "limit"}
    for step in doc["steps"]:
        assert keys <= set(step)
        assert step["kind"] in ("recorded", "recorded-window", "recorded-undated", "projected", "override", "none")
        if step["kind"] == "recorded" and step["date"]:
            assert step["date"] == step["earliest"] == step["latest"]
    signature = json_step(doc, "president-signs")
    assert (signature["kind"], signature["date"], signature["earliest"], signature["latest"]) == (
        "recorded-window", None, "2025-07-17", "2025-07-25")
    receipt = doc["receipt"]
    assert (receipt["kind"], receipt["date"], receipt["earliest"], receipt["latest"], receipt["reason"]) == (
        "recorded", "2025-08-20", "2025-08-20", "2025-08-20", None)
    gazette = receipt["sources"][0]  # the government statement in the official gazette, read in a copy
    assert gazette == {"key": "dziennikustaw-2025-1514", "url": "https://dziennikustaw.gov.pl/DU/2025/1514",
                       "publisher": gazette["publisher"], "kind": "gazette", "title": gazette["title"],
                       "published": gazette["published"], "language": "pl",
                       "via": "https://www.prawo.pl/akty/dz-u-2025-1514,22192842.html", "checked": True}
    assert (receipt["secondary"], receipt["secondary_reason"]) == (False, None)
    eff = doc["effective"]
    assert (eff["kind"], eff["date"]) == ("recorded", "2026-02-20")
    assert eff["sources"][0]["url"] == ("https://icblcmc.org/our-impact/polands-withdrawal-from-the-mine-ban-treaty-"
                                        "takes-legal-effect-nobel-peace-prize-laureate-urges-do-not-produce-do-not-use")
    assert eff["sources"][0]["kind"] == "monitor"
    assert eff["armed_conflict"] == {"ongoing": False, "end": None}
    assert "same day number" in eff["rule"]


@pytest.mark.parametrize("country", ["poland", "lithuania", "latvia", "estonia", "finland", "ukraine"])
def test_json_for_every_state(country: str) -> None:
    doc = json.loads(run_cli(["timeline", country, *AS_OF, "-f", "json"]).stdout)
    assert doc["state"]["id"] == country
    eff = doc["effective"]
    if country == "ukraine":
        # a suspension, not an Article 20 withdrawal: no decision, no projection
        assert doc["status"] == "party"
        assert doc["receipt"]["kind"] == eff["kind"] == "none"
        assert doc["receipt"]["date"] is None and eff["date"] is None
        reason = "no withdrawal decided as of 2026-11-27 (a suspension is not an Article 20 withdrawal)"
        assert doc["receipt"]["reason"] == eff["reason"] == reason
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




def test_countries_csv_is_the_flattened_json() -> None:
    text = run_cli(["countries", *AS_OF, "-f", "csv"]).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == (
        "schema,state_id,state_name,iso2,iso3,as_of,rules_reviewed,status,status_detail,bound_from,"
        "sources,secondary,secondary_reason,"
        "receipt_kind,receipt_date,receipt_earliest,receipt_latest,receipt_reason,effective_kind,effective_date,"
        "effective_earliest,effective_latest,effective_rule,effective_reason,suspension_notified,"
        "suspension_known_from,suspension_step,suspension_invoked,suspension_provided_for,"
        "suspension_sources,"
        "suspension_objection_count,suspension_objections,suspension_response_date,suspension_response_known_from,"
        "suspension_response_text,suspension_response_sources")
    doc = json.loads(run_cli(["countries", *AS_OF, "-f", "json"]).stdout)
    for row, item in zip(rows, doc, strict=True):  # the sources, records: JSON text in one cell
        assert json.loads(row["sources"]) == item["sources"] and item["sources"][0]["kind"]
    assert {r["state_id"]: (r["status"], r["receipt_date"], r["effective_date"]) for r in rows} == {
        "estonia": ("withdrawn", "2025-06-27", "2025-12-27"), "latvia": ("withdrawn", "2025-06-27", "2025-12-27"),
        "lithuania": ("withdrawn", "2025-06-27", "2025-12-27"), "finland": ("withdrawn", "2025-07-10", "2026-01-10"),
        "poland": ("withdrawn", "2025-08-20", "2026-02-20"), "ukraine": ("party", "", "")}
    ukraine = next(r for r in rows if r["state_id"] == "ukraine")
    assert (ukraine["receipt_kind"], ukraine["effective_kind"]) == ("none", "none")
    assert ukraine["receipt_reason"] == ukraine["effective_reason"] == (
        "no withdrawal decided as of 2026-11-27 (a suspension is not an Article 20 withdrawal)")
    docs = json.loads(run_cli(["countries", *AS_OF, "-f", "json"]).stdout)
    assert [r["state_id"] for r in rows] == [d["state"]["id"] for d in docs]


def test_ndjson_is_one_document_per_line() -> None:
    lines = run_cli(["countries", *AS_OF, "-f", "ndjson"]).stdout.splitlines()
    assert [json.loads(line)["schema"] for line in lines] == ["ottawa-exit/country/2"] * 6


def test_version_names_the_data_review_date() -> None:
    result = run_cli(["--version"])
    assert result.exit_code == 0 and "rules data reviewed 2026-11-28" in result.stdout


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
                                  "('ottawa-exit countries --all' lists every state)")


def test_python_dash_m_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "ottawa_exit", "--version"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("ottawa-exit ")


def test_rules_given_on_the_root_as_the_template_advises(tmp_path: Path) -> None:
    """`rules template` says `ottawa-exit --rules THIS_FILE timeline ...`: that command works as printed."""
    text = run_cli(["rules", "template", "Atlantis"]).stdout  # in no register: a new state's template
    advice = next(line for line in text.splitlines() if "Use it with:" in line)
    assert "ottawa-exit --rules THIS_FILE timeline atlantis" in advice
    path = tmp_path / "xa.toml"
    path.write_text(text.replace('iso2 = "XX"', 'iso2 = "XA"').replace('iso3 = "XXX"', 'iso3 = "XAT"'),
                    encoding="utf-8")
    doc = json.loads(run_cli(["--rules", str(path), "timeline", "atlantis", *AS_OF, "-f", "json"]).stdout)
    assert doc["state"] == {"id": "atlantis", "name": "Atlantis", "iso2": "XA", "iso3": "XAT"}
    # nothing decided: no projection from the template alone; a what-if receipt projects the effect
    assert doc["status"] == "party" and doc["receipt"]["kind"] == doc["effective"]["kind"] == "none"
    assert doc["receipt"]["reason"] == "no withdrawal decided as of 2026-11-27"
    assert all(step["kind"] == "none" and step["date"] is None for step in doc["steps"])
    doc = json.loads(run_cli(["--rules", str(path), "timeline", "atlantis", *AS_OF, "--receipt", "2026-12-01",
                              "-f", "json"]).stdout)
    assert (doc["receipt"]["kind"], doc["effective"]["kind"], doc["effective"]["date"]) == (
        "override", "override", "2027-06-01")


def test_root_and_command_rules_add_up(tmp_path: Path) -> None:
    germany, austria = tmp_path / "de.toml", tmp_path / "at.toml"
    germany.write_text('[state]\nid = "germany"\nname = "Germany"\niso2 = "DE"\niso3 = "DEU"\n', encoding="utf-8")
    austria.write_text('[state]\nid = "austria"\nname = "Austria"\niso2 = "AT"\niso3 = "AUT"\n', encoding="utf-8")
    docs = json.loads(run_cli(["--rules", str(germany), "countries", "--rules", str(austria), *AS_OF,
                               "-f", "json"]).stdout)
    assert {"germany", "austria", "poland"} <= {d["state"]["id"] for d in docs}
