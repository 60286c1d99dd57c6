"""`export`: the data package validates with frictionless, the database opens in Datasette, both hold the same data
as the CLI's JSON, the same bytes come out twice, and nothing is clobbered or left half-written."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ottawa_exit.data.registry import Rules
from ottawa_exit.export import MissingExtra, _require, build, save_package
from ottawa_exit.export.place import staged_directory
from ottawa_exit.export.spec import TABLES
from ottawa_exit.version import DATA_REVIEWED, __version__

from .conftest import run_cli

frictionless = pytest.importorskip("frictionless", reason="the export extra (frictionless) is not installed")
pytest.importorskip("sqlite_utils", reason="the export extra (sqlite-utils) is not installed")

AS_OF = "2026-12-01"
ROOT = Path(__file__).resolve().parents[1]


def _json(args: list[str]) -> Any:
    result = run_cli([*args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package and the database as of AS_OF, written by one run of the command."""
    base = tmp_path_factory.mktemp("export")
    result = run_cli(["export", str(base / "package"), "--sqlite", str(base / "ottawa.db"), "--as-of", AS_OF])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("wrote ") == 2 and "states 197" in result.stdout
    return base


def _csv(exported: Path, table: str) -> list[dict[str, str]]:
    with open(exported / "package" / f"{table}.csv", encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _sql(exported: Path, query: str, *args: Any, db: str = "ottawa.db") -> list[Any]:
    with sqlite3.connect(exported / db) as connection:
        return connection.execute(query, args).fetchall()


# ---------------------------------------------------------------------------------------------------------------
# The data package


def test_the_package_is_valid(exported: Path) -> None:
    report = frictionless.validate(str(exported / "package" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert {task.name for task in report.tasks} == {t.name for t in TABLES}


def test_the_frictionless_command_reports_valid(exported: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "frictionless", "validate", "datapackage.json"],
                          cwd=exported / "package", capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "VALID" in done.stdout and "INVALID" not in done.stdout


def test_a_broken_foreign_key_makes_the_package_invalid(exported: Path, tmp_path: Path) -> None:
    """The validation can fail: an event whose state is not in the states table is reported."""
    copy = tmp_path / "package"
    copy.mkdir()
    for path in (exported / "package").iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        resource.pop("hash", None)
        resource.pop("bytes", None)
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    events = (copy / "events.csv").read_text(encoding="utf-8").replace("\npoland,", "\natlantis,", 1)
    (copy / "events.csv").write_text(events, encoding="utf-8")
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {error.type for task in report.tasks for error in task.errors}


def test_the_descriptor_says_what_the_dataset_is(exported: Path) -> None:
    descriptor = json.loads((exported / "package" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["name"] == "ottawa-exit"
    assert descriptor["version"] == f"{__version__}+{DATA_REVIEWED}"
    assert descriptor["as_of"] == AS_OF and descriptor["data_reviewed"] == DATA_REVIEWED
    assert [lic["name"] for lic in descriptor["licenses"]] == ["CC-BY-4.0"]
    assert [lic["name"] for lic in descriptor["code_licenses"]] == ["MIT"]
    assert descriptor["contributors"] and descriptor["sources"] and AS_OF in descriptor["description"]
    assert [r["name"] for r in descriptor["resources"]] == [t.name for t in TABLES]


def test_every_field_is_typed_and_described_with_its_constraints(exported: Path) -> None:
    descriptor = json.loads((exported / "package" / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    for resource in resources.values():
        assert resource["schema"]["primaryKey"] and resource["title"] and resource["description"]
        for field in resource["schema"]["fields"]:
            assert field["type"] in ("string", "integer", "boolean", "date") and len(field["description"]) > 5
    fields = {f["name"]: f for f in resources["states"]["schema"]["fields"]}
    assert fields["status"]["constraints"]["enum"] == ["not-a-party", "party", "withdrawal-in-progress",
                                                       "withdrawal-pending", "withdrawn"]
    assert fields["state_id"]["constraints"] == {"required": True, "unique": True}
    assert fields["bound_from"]["type"] == "date" and fields["bound_from"]["format"] == "default"
    links = resources["events"]["schema"]["foreignKeys"]
    assert {"fields": ["state_id", "step_id"],
            "reference": {"resource": "procedure_steps", "fields": ["state_id", "step_id"]}} in links


def test_row_counts_match_the_commands(exported: Path) -> None:
    states = _csv(exported, "states")
    assert len(states) == 197
    assert sum(r["ever_bound"] == "true" for r in states) == 166
    parties = _json(["parties", "--as-of", AS_OF])
    members = [r for r in states if r["status"] in ("party", "withdrawal-in-progress", "withdrawal-pending")]
    assert len(members) == parties["count"] == 161
    withdrawals = _csv(exported, "withdrawals")
    assert len(withdrawals) == len(_json(["withdrawals", "--as-of", AS_OF]))
    assert [(r["treaty_id"], r["state_id"], r["days_remaining"]) for r in withdrawals
            if r["exit_status"] == "pending"] == [("unesco", "nicaragua", "30"), ("unesco", "united-states", "30")]
    assert len(_csv(exported, "treaties")) == len(_json(["treaties"])) == 21
    assert {r["state_id"] for r in _csv(exported, "procedure_steps")} == {
        "estonia", "finland", "latvia", "lithuania", "poland", "ukraine"}


def test_every_citation_names_a_row_and_a_source(exported: Path) -> None:
    keys = {
        "states": {r["state_id"] for r in _csv(exported, "states")},
        "treaties": {r["treaty_id"] for r in _csv(exported, "treaties")},
        "withdrawals": {r["withdrawal_id"] for r in _csv(exported, "withdrawals")},
        "procedure_steps": {f"{r['state_id']}/{r['step_id']}" for r in _csv(exported, "procedure_steps")},
        "events": {f"{r['state_id']}/{r['step_id']}" for r in _csv(exported, "events")},
        "suspensions": {r["state_id"] for r in _csv(exported, "suspensions")},
        "objections": {f"{r['state_id']}/{r['objector_iso3']}" for r in _csv(exported, "objections")},
        "notes": {f"{r['state_id']}/{r['position']}" for r in _csv(exported, "notes")},
    }
    sources = {r["source_id"]: r for r in _csv(exported, "sources")}
    citations = _csv(exported, "citations")
    assert len(citations) > 500
    for row in citations:
        assert row["record_id"] in keys[row["resource"]], row
        assert row["source_id"] in sources
    cited = {(r["resource"], r["record_id"], r["field"]) for r in citations}
    assert ("states", "tonga", "bound_from") in cited and ("treaties", "ottawa", "clause") in cited
    assert ("events", "poland/sejm-vote", "date") in cited and ("objections", "ukraine/NZL", "record") in cited
    assert {r["source_id"] for r in citations} == set(sources)  # no source that no fact cites


# ---------------------------------------------------------------------------------------------------------------
# The database


def test_datasette_opens_the_database_with_its_metadata(exported: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "datasette", str(exported / "ottawa.db"), "-m",
                           str(exported / "ottawa.metadata.json"), "--get",
                           "/ottawa/states.json?status=withdrawn&_shape=array&_col=state_name"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert [r["state_name"] for r in json.loads(done.stdout)] == ["Estonia", "Finland", "Latvia", "Lithuania", "Poland"]
    done = subprocess.run([sys.executable, "-m", "datasette", str(exported / "ottawa.db"), "-m",
                           str(exported / "ottawa.metadata.json"), "--get", "/-/metadata.json"],
                          capture_output=True, text=True, check=False)
    metadata = json.loads(done.stdout)
    assert metadata["license"] == "CC-BY-4.0" and metadata["source_url"]
    tables = metadata["databases"]["ottawa"]["tables"]
    assert set(tables) == {t.name for t in TABLES} and tables["states"]["columns"]["iso3"]
    assert tables["states"]["facets"] == ["status", "ever_bound"] and tables["states"]["label_column"] == "state_name"


def test_database_counts_match_the_commands(exported: Path) -> None:
    assert _sql(exported, "select count(*) from states where ever_bound") == [(166,)]
    parties = _json(["parties", "--as-of", AS_OF])["count"]
    assert _sql(exported, "select count(*) from states where status in "
                "('party', 'withdrawal-in-progress', 'withdrawal-pending')") == [(parties,)]
    assert _sql(exported, "select count(*) from withdrawals") == [(len(_json(["withdrawals", "--as-of", AS_OF])),)]
    assert _sql(exported, "select count(*) from treaties") == [(len(_json(["treaties"])),)]


def test_database_keys_indexes_and_full_text_search(exported: Path) -> None:
    with sqlite3.connect(exported / "ottawa.db") as db:
        assert [r[1] for r in db.execute("pragma table_info(procedure_steps)") if r[5]] == ["state_id", "step_id"]
        links = {(r[2], r[3], r[4]) for r in db.execute("pragma foreign_key_list(withdrawals)")}
        assert links == {("treaties", "treaty_id", "treaty_id"), ("states", "state_id", "state_id")}
        indexed = {r[1] for r in db.execute("pragma index_list(withdrawals)")}
        assert {"idx_withdrawals_effective_stated", "idx_withdrawals_treaty_id"} <= indexed
        unique = {r[1] for r in db.execute("pragma index_list(states)") if r[2]}
        assert {"idx_states_iso2", "idx_states_iso3"} <= unique
        found = db.execute("select state_id, step_id from procedure_steps where rowid in "
                           "(select rowid from procedure_steps_fts where procedure_steps_fts match 'Sejm')").fetchall()
        assert ("poland", "sejm-vote") in found and all(s == "poland" for s, _ in found)
        titles = db.execute("select count(*) from sources_fts where sources_fts match 'icblcmc'").fetchone()
        assert titles[0] > 0


# ---------------------------------------------------------------------------------------------------------------
# One data: the package, the database and the CLI's JSON


def _cell(value: Any) -> str:
    """A JSON value as the CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def test_states_are_the_same_in_the_package_the_database_and_the_json(exported: Path) -> None:
    documents = {d["state"]["id"]: d for d in _json(["countries", "--all", "--as-of", AS_OF])}
    rows = {r["state_id"]: r for r in _csv(exported, "states")}
    for state_id in ("poland", "ukraine", "afghanistan", "tonga", "estonia"):
        document, row = documents[state_id], rows[state_id]
        expected = {"state_name": document["state"]["name"], "iso3": document["state"]["iso3"],
                    "status": document["status"], "bound_from": document["bound_from"],
                    "receipt_date": document["receipt"]["date"], "effective_date": document["effective"]["date"],
                    "effective_kind": document["effective"]["kind"]}
        assert {k: row[k] for k in expected} == {k: _cell(v) for k, v in expected.items()}
        stored = _sql(exported, "select state_name, iso3, status, bound_from, receipt_date, effective_date, "
                      "effective_kind from states where state_id = ?", state_id)
        assert stored == [tuple(expected.values())]
    never = rows["united-states"]
    assert (never["ever_bound"], never["status"], never["bound_from"]) == ("false", "not-a-party", "")
    joined_never = _json(["countries", "--all", "--status", "never", "--as-of", AS_OF])
    assert {d["state"]["id"]: (d["status"], d["status_detail"], d["effective"]["reason"]) for d in joined_never} == {
        r["state_id"]: (r["status"], r["status_detail"], r["reason"]) for r in rows.values()
        if r["ever_bound"] == "false"}
    assert rows["ukraine"]["status_detail"] == documents["ukraine"]["status_detail"] != ""


def test_withdrawals_are_the_same_in_the_package_the_database_and_the_json(exported: Path) -> None:
    documents = _json(["withdrawals", "--as-of", AS_OF])
    rows = {r["withdrawal_id"]: r for r in _csv(exported, "withdrawals")}
    for document in documents:
        key = f"{document['treaty']['id']}-{document['state']['iso3']}-{document['start']['date']}"
        row = rows[key]
        assert (row["treaty_id"], row["state_id"], row["state_name"], row["receipt"], row["notice"],
                row["effective_stated"], row["computed_effective"], row["agrees"], row["check"], row["exit_status"],
                row["days_remaining"], row["secondary_reason"]) == tuple(_cell(v) for v in (
            document["treaty"]["id"], document["state"]["id"], document["state"]["name"],
            None if document["receipt"] == "unknown" else document["receipt"], document["notice"],
            document["effective_stated"], document["computed"]["effective"], document["agrees"], document["check"],
            document["exit"]["status"], document["exit"]["days_remaining"], document["secondary_reason"]))
        stored = _sql(exported, "select effective_stated, computed_effective, agrees from withdrawals "
                      "where withdrawal_id = ?", key)
        assert stored == [(document["effective_stated"], document["computed"]["effective"], int(document["agrees"]))]


def test_treaties_are_the_same_in_the_package_the_database_and_the_json(exported: Path) -> None:
    rows = {r["treaty_id"]: r for r in _csv(exported, "treaties")}
    for document in _json(["treaties"]):
        row, rule = rows[document["treaty"]["id"]], document["rule"]
        assert (row["clause"], row["period_amount"], row["period_unit"], row["counting"], row["armed_conflict"]) == (
            document["clause"], str(rule["period"]["amount"]), rule["period"]["unit"], rule["counting"],
            rule["armed_conflict"])
        assert _sql(exported, "select clause, period_amount from treaties where treaty_id = ?",
                    document["treaty"]["id"]) == [
            (document["clause"], rule["period"]["amount"])]


def test_suspensions_and_objections_are_those_of_the_json(exported: Path) -> None:
    documents = [d for d in _json(["countries", "--all", "--as-of", AS_OF]) if d.get("suspension")]
    rows = {r["state_id"]: r for r in _csv(exported, "suspensions")}
    assert set(rows) == {d["state"]["id"] for d in documents}
    objections = {(r["state_id"], r["objector_iso3"]): r for r in _csv(exported, "objections")}
    expected = {(d["state"]["id"], o["iso3"]): o for d in documents for o in d["suspension"]["objections"]}
    assert set(objections) == set(expected)
    for key, objection in expected.items():
        assert (objections[key]["objector_name"], objections[key]["date"], objections[key]["lodged_by"]) == (
            objection["state_name"], _cell(objection["date"]), _cell(objection["lodged_by"]))
    for document in documents:
        row = rows[document["state"]["id"]]
        assert (row["notified"], row["objection_count"]) == (document["suspension"]["notified"],
                                                            str(document["suspension"]["objection_count"]))
    assert _sql(exported, "select count(*) from objections") == [(len(expected),)]
    assert set(rows) == {"ukraine"} and len(expected) == 6  # as recorded for 2026-12-01


def test_notes_are_those_of_the_procedure_known_on_the_date(exported: Path) -> None:
    procedure = _json(["procedure", "ukraine"])
    known = [n["text"] for n in procedure["notes"] if n["known_from"] <= AS_OF]
    assert [r["text"] for r in _csv(exported, "notes") if r["state_id"] == "ukraine"] == known
    early = build(Rules(), __import__("datetime").date(2025, 8, 1)).rows["notes"]
    assert [r["text"] for r in early if r["state_id"] == "ukraine"] == [
        n["text"] for n in procedure["notes"] if n["known_from"] <= "2025-08-01"] != known


def test_events_are_the_recorded_steps_of_the_timeline(exported: Path) -> None:
    timeline = _json(["timeline", "poland", "--as-of", AS_OF])
    rows = [r for r in _csv(exported, "events") if r["state_id"] == "poland"]
    recorded = [s for s in timeline["steps"] if s["kind"].startswith("recorded")]  # windows and undated too
    assert [(r["step_id"], r["date"]) for r in rows] == [(s["id"], _cell(s["date"])) for s in recorded]


def test_an_earlier_date_gives_earlier_statuses() -> None:
    dataset = build(Rules(), __import__("datetime").date(2025, 3, 1))
    states = {r["state_id"]: r for r in dataset.rows["states"]}
    assert states["poland"]["status"] == "party" and states["tonga"]["status"] == "not-a-party"
    assert not [r for r in dataset.rows["events"] if r["date"] and r["date"] > "2025-03-01"]


# ---------------------------------------------------------------------------------------------------------------
# Same bytes; nothing clobbered


def test_the_readme_example_is_real_and_gives_the_same_bytes_twice(exported: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    command, _, shown = text.split("$ ottawa-exit export ", 1)[1].split("```", 1)[0].partition("\n")
    assert command.startswith("ottawa-exit-data --sqlite ottawa-exit.db --as-of " + AS_OF)
    monkeypatch.chdir(tmp_path)
    result = run_cli(["export", *command.split()])
    assert result.exit_code == 0 and result.stdout == shown
    again = tmp_path / "ottawa-exit-data"
    first = sorted(p.name for p in (exported / "package").iterdir())
    assert first == sorted(p.name for p in again.iterdir())
    for name in first:
        assert (exported / "package" / name).read_bytes() == (again / name).read_bytes(), name
    assert (exported / "ottawa.db").read_bytes() == (tmp_path / "ottawa-exit.db").read_bytes()
    metadata = json.loads((tmp_path / "ottawa-exit.metadata.json").read_text(encoding="utf-8"))
    assert metadata == {**json.loads((exported / "ottawa.metadata.json").read_text(encoding="utf-8")),
                        "databases": {"ottawa-exit": metadata["databases"]["ottawa-exit"]}}


def test_nothing_is_clobbered_without_force(tmp_path: Path) -> None:
    full = tmp_path / "full"
    full.mkdir()
    (full / "mine.txt").write_text("keep", encoding="utf-8")
    result = run_cli(["export", str(full), "--as-of", AS_OF])
    assert result.exit_code == 2 and "not empty" in result.stderr and "--force" in result.stderr
    assert [p.name for p in full.iterdir()] == ["mine.txt"]
    database = tmp_path / "x.db"
    database.write_text("mine", encoding="utf-8")
    result = run_cli(["export", "--sqlite", str(database), "--as-of", AS_OF])
    assert result.exit_code == 2 and "exists" in result.stderr
    assert database.read_text(encoding="utf-8") == "mine" and not (tmp_path / "x.metadata.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full", "x.db"]  # no temporary file left


def test_force_replaces_and_an_empty_directory_is_used(tmp_path: Path) -> None:
    full = tmp_path / "full"
    full.mkdir()
    (full / "old.csv").write_text("old", encoding="utf-8")
    assert run_cli(["export", str(full), "--force", "--as-of", AS_OF]).exit_code == 0
    assert not (full / "old.csv").exists() and (full / "datapackage.json").is_file()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_cli(["export", str(empty), "--as-of", AS_OF]).exit_code == 0
    assert (empty / "states.csv").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "full"]


def test_a_failure_leaves_nothing_half_written(tmp_path: Path) -> None:
    target = tmp_path / "package"
    with pytest.raises(RuntimeError), staged_directory(target, force=False) as staging:
        (staging / "states.csv").write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")
    assert list(tmp_path.iterdir()) == []
    dataset = build(Rules(), __import__("datetime").date(2026, 12, 1))
    unwritable = tmp_path / "missing" / "package"
    with pytest.raises(Exception, match="does not exist"):
        save_package(dataset, unwritable)


def test_the_renames_that_put_an_export_in_place_run_inside_the_guard(tmp_path: Path) -> None:
    """Both files of a database (and a package's directory) are renamed inside the guard, none before it: the command
    line's guard holds signals off them, so a stop leaves the old files or the new, never one of each."""
    import contextlib

    from ottawa_exit.export.place import staged_files

    targets = [tmp_path / "data.db", tmp_path / "data.metadata.json"]
    for target in targets:
        target.write_text("old", encoding="utf-8")
    seen: list[list[str]] = []

    @contextlib.contextmanager
    def guard() -> Iterator[None]:
        seen.append([t.read_text(encoding="utf-8") for t in targets])
        yield
        seen.append([t.read_text(encoding="utf-8") for t in targets])

    with staged_files(targets, force=True, guard=guard) as staged:
        for path in staged:
            path.write_text("new", encoding="utf-8")
    assert seen == [["old", "old"], ["new", "new"]]
    with staged_directory(tmp_path / "package", force=False, guard=guard) as staging:
        (staging / "states.csv").write_text("new", encoding="utf-8")
        assert not (tmp_path / "package").exists()
    assert (tmp_path / "package" / "states.csv").is_file() and len(seen) == 4


def test_data_stays_data_in_the_package_and_the_database(tmp_path: Path) -> None:
    """A user's rules file whose text a spreadsheet would run: the CSV cell is neutralised, SQLite keeps it as is."""
    rules = tmp_path / "hostile.toml"
    rules.write_text('[state]\nid = "poland"\n\n[[events]]\nstep = "senate"\ndate = 2025-07-17\n'
                     'detail = "=HYPERLINK(\\"http://evil.example\\")"\nsource = "senate-page"\n'
                     '[source.senate-page]\nurl = "https://example.org/senate"\npublisher = "Example"\n'
                     'kind = "press"\ntitle = "A page"\nlanguage = "en"\n',
                     encoding="utf-8")
    result = run_cli(["--rules", str(rules), "export", str(tmp_path / "p"), "--sqlite", str(tmp_path / "d.db"),
                      "--as-of", AS_OF])
    assert result.exit_code == 0, result.stderr
    events = (tmp_path / "p" / "events.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in events and ",=HYPERLINK" not in events
    assert _sql(tmp_path, "select detail from events where step_id = 'senate' and state_id = 'poland'",
                db="d.db") == [('=HYPERLINK("http://evil.example")',)]
    assert frictionless.validate(str(tmp_path / "p" / "datapackage.json")).valid


@pytest.mark.parametrize("args, fragment", [
    (["export"], "give a directory"),
    (["export", "out", "--as-of", "2026-02-30"], "--as-of"),
    (["export", "--sqlite", "/no/such/dir/x.db", "--as-of", AS_OF], "does not exist"),
])
def test_bad_input_is_one_line(args: list[str], fragment: str) -> None:
    result = run_cli(args)
    assert result.exit_code == 2 and fragment in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_missing_extra_names_the_extra() -> None:
    with pytest.raises(MissingExtra, match=r"pip install 'ottawa-exit\[export\]'"):
        _require("no_such_module_for_export", "a data package")

