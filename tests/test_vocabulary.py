"""One export vocabulary: every command's CSV and JSON name the same things the same way, hold no Python reprs,
join lists so they split back, keep their columns whatever the options, and never call a date recorded without
giving it."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ottawa_exit.render.structured import join_list, split_list

from .conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]
AS_OF = ["--as-of", "2026-11-27"]


def _csv(args: list[str]) -> tuple[list[str], list[dict[str, str]]]:
    result = run_cli([*args, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _json(args: list[str]) -> Any:
    result = run_cli([*args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _reference() -> Any:
    spec = importlib.util.spec_from_file_location("columns_reference", ROOT / "scripts" / "columns_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


COMMANDS = _reference().COMMANDS


def test_docs_columns_is_generated_from_the_live_output() -> None:
    assert (ROOT / "docs" / "columns.md").read_text(encoding="utf-8") == _reference().reference(), (
        "docs/columns.md is out of date: run python scripts/columns_reference.py")


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_csv_column_is_documented_in_its_section(command: str) -> None:
    text = (ROOT / "docs" / "columns.md").read_text(encoding="utf-8")
    section = text.split(f"## `{command}`", 1)[1].split("\n## ", 1)[0]
    header, _ = _csv(COMMANDS[command])
    missing = [c for c in header if f"`{c}`" not in section]
    assert not missing, f"{command}: columns not in docs/columns.md: {missing}"


@pytest.mark.parametrize(("plain", "variants"), [
    (["timeline", "poland", *AS_OF], [
        ["--step", "senate=2025-07-18"],  # once, --step added a column (52 -> 53)
        ["--step", "senate=2025-07-18", "--step", "sejm-vote=2025-06-20"],
        ["--receipt", "2025-08-21", "--armed-conflict-until", "2027-01-01"],
        ["--armed-conflict"], ["--no-armed-conflict"]]),
    (["timeline", "ukraine", *AS_OF], [["--receipt", "2027-01-15"], ["--no-armed-conflict"]]),
    (["effective", "2025-08-20"], [
        ["--count", "unknown"], ["--count", "day-after"], ["--armed-conflict-until", "2026-01-01"],
        ["--treaty", "rome-statute", "--later-date", "2027-01-01"], ["--treaty", "oas-charter"],
        ["--treaty", "paris", "--bound-from", "2016-11-04"]]),
    (["countries", *AS_OF], [["--all"], ["--all", "--status", "never"], ["--status", "suspended"],
                             ["--all", "--sort", "bound"]]),
    (["compare", *AS_OF], [["poland"], ["ukraine", "estonia"]]),
])
def test_columns_do_not_depend_on_options(plain: list[str], variants: list[list[str]]) -> None:
    expected, _ = _csv(plain)
    for extra in variants:
        header, _ = _csv([*plain, *extra])
        assert header == expected, (extra, set(header) ^ set(expected))


def test_the_same_things_have_the_same_names_in_every_command() -> None:
    state_columns = ["state_id", "state_name", "iso2", "iso3"]
    for command in ("timeline", "compare", "countries", "parties", "procedure", "backtest", "withdrawals"):
        header, rows = _csv(COMMANDS[command])
        assert all(c in header for c in state_columns), command
        assert not any(c.startswith(("party_", "state_iso")) for c in header), command
        assert all((r["state_id"] or r.get("organisation") == "true") and r["iso3"] for r in rows), command
    for command in ("effective", "treaties", "withdrawals"):
        header, rows = _csv(COMMANDS[command])
        assert "treaty_id" in header and all(r["treaty_id"] for r in rows), command
    estonia = next(r for r in _csv(COMMANDS["withdrawals"])[1] if r["iso3"] == "EST")
    assert (estonia["state_id"], estonia["iso2"], estonia["treaty_id"]) == ("estonia", "EE", "ottawa")
    # the counting practice is `counting` wherever it appears, never `count` (the number of States Parties)
    assert "counting" in _csv(COMMANDS["effective"])[0] and "effective_counting" in _csv(COMMANDS["timeline"])[0]
    assert "computed_counting" in _csv(COMMANDS["withdrawals"])[0] and "check" in _csv(COMMANDS["withdrawals"])[0]


def test_no_cell_holds_a_python_repr_and_nested_records_are_json() -> None:
    """Regression: `procedure --format csv` wrote a dict repr in step_durations."""
    for command, args in COMMANDS.items():
        _, rows = _csv(args)
        for row in rows:
            for column, cell in row.items():
                assert "{'" not in cell and "['" not in cell and cell not in ("None", "True", "False"), (command, column)
                if cell.startswith(("[{", "{")):
                    json.loads(cell)  # JSON text, or this raises
    document = _json(COMMANDS["procedure"])
    _, rows = _csv(COMMANDS["procedure"])
    for row, step in zip(rows, document["steps"], strict=True):
        assert json.loads(row["step_durations"]) == step["durations"]
        assert json.loads(row["step_notes"] or "[]") == step["notes"]


def test_notes_and_sources_split_back_into_the_json_lists() -> None:
    """Notes were joined with "; " (which they contain) and could not be split back; sources are records, JSON text
    in their cell."""
    document = _json(["timeline", "poland", *AS_OF])
    _, rows = _csv(["timeline", "poland", *AS_OF])
    for row, step in zip(rows, document["steps"], strict=True):
        assert split_list(row["step_notes"]) == step["notes"]
        assert json.loads(row["step_sources"] or "[]") == step["sources"]
    assert any(len(step["notes"]) > 1 and any(";" in n for n in step["notes"]) for step in document["steps"])
    assert split_list(rows[0]["notes"]) == document["notes"]


@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=12), max_size=6))
def test_joined_lists_split_back_exactly(values: list[str]) -> None:
    if values == [""]:  # the one ambiguity, documented: an empty cell is an empty list
        return
    assert split_list(join_list(values)) == values


def test_json_never_says_recorded_without_a_date() -> None:
    """Regression: JSON had "kind": "recorded" with "date": null (Poland's government bill; the President's window)."""
    documents = []
    for as_of in ("2025-03-18", "2025-06-01", "2025-09-01", "2026-11-27"):
        documents += _json(["compare", "--as-of", as_of])
        documents += _json(["countries", "--all", "--as-of", as_of])
    kinds: set[str] = set()
    for document in documents:
        dated = [*document.get("steps", []), document["receipt"], document["effective"]]
        for item in dated:
            kinds.add(item["kind"])
            assert item["kind"] != "recorded" or item["date"] is not None, (document["state"]["id"], item)
            if item["kind"] == "recorded-window":
                assert item["date"] is None and item["earliest"] and item["latest"]
            if item["kind"] == "recorded-undated":
                assert item["date"] is item["earliest"] is item["latest"] is None
    assert {"recorded", "recorded-window", "recorded-undated", "projected", "none"} <= kinds
    bill = next(s for s in _json(["timeline", "poland", *AS_OF])["steps"] if s["id"] == "government-bill")
    assert (bill["kind"], bill["date"]) == ("recorded-undated", None)
