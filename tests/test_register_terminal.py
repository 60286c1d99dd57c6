"""A register people can work with in a terminal: `countries --all --status/--sort`, one line per state when piped,
and a timeline whose Step cell says what each line is."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import run_cli

AS_OF = ["--as-of", "2026-11-27"]
STATUSES = ("party", "withdrawn", "suspended", "never")
WITHDRAWN = {"EE", "FI", "LV", "LT", "PL"}


def _json(*args: str) -> list[dict]:
    result = run_cli(["countries", "--all", *AS_OF, *args, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    documents: list[dict] = json.loads(result.stdout)
    return documents


def test_status_filters_select_by_status_on_the_date() -> None:
    every = _json()
    assert {d["state"]["iso2"] for d in _json("--status", "withdrawn")} == WITHDRAWN
    assert [d["state"]["iso2"] for d in _json("--status", "suspended")] == ["UA"]
    parties = _json("--status", "party")
    assert len(parties) == 161 and "UA" in {d["state"]["iso2"] for d in parties}  # a suspension: still a party
    assert len(every) == 166  # --all alone: every state ever bound, no state that never joined
    never = _json("--status", "never")
    assert len(never) == 31 and {d["status"] for d in never} == {"not-a-party"}
    assert {"US", "CN", "RU"} <= {d["state"]["iso2"] for d in never}
    assert all(d["bound_from"] is None and d["receipt"]["kind"] == "none" for d in never)
    both = {d["state"]["iso2"] for d in _json("--status", "withdrawn,suspended")}
    assert both == {d["state"]["iso2"] for d in _json("--status", "withdrawn", "--status", "suspended")}
    assert both == WITHDRAWN | {"UA"}


def test_never_means_not_bound_on_the_date() -> None:
    """As of 2025-06-01 Tonga (bound from 2025-12-01) was not yet a party: `never` lists it with the states that
    never joined."""
    early = run_cli(["countries", "--all", "--as-of", "2025-06-01", "--status", "never", "-f", "json"])
    listed = {d["state"]["iso2"] for d in json.loads(early.stdout)}
    assert "TO" in listed and "US" in listed and "DE" not in listed


@settings(max_examples=10, deadline=None)
@given(st.lists(st.sampled_from(STATUSES), min_size=1, max_size=4))
def test_any_statuses_give_the_union_of_each(wanted: list[str]) -> None:
    together = {d["state"]["id"] for d in _json("--status", ",".join(wanted))}
    apart = set().union(*({d["state"]["id"] for d in _json("--status", w)} for w in set(wanted)))
    assert together == apart


@pytest.mark.parametrize(("sort", "key"), [
    ("name", lambda d: d["state"]["name"].casefold()),
    ("bound", lambda d: d["bound_from"]),
])
def test_sort_orders_the_rows(sort: str, key) -> None:
    rows = _json("--status", "party", "--sort", sort)
    values = [key(d) for d in rows]
    if sort == "name":  # accents and apostrophes aside: Côte d'Ivoire between Costa Rica and Croatia
        names = [d["state"]["name"] for d in rows]
        assert names.index("Costa Rica") < names.index("Côte d'Ivoire") < names.index("Croatia")
    else:
        assert values == sorted(values)
        assert rows[-1]["state"]["iso2"] == "TO"  # bound from 2025-12-01, the last to join


def test_sort_by_status_puts_parties_first_and_the_never_bound_last() -> None:
    rows = _json("--status", "withdrawn,never,suspended", "--sort", "status")
    statuses = [d["status"] for d in rows]
    assert statuses == ["party"] + ["withdrawn"] * 5 + ["not-a-party"] * 31


@pytest.mark.parametrize(("args", "message"), [
    (["--status", "nevr"], "--status: 'nevr' is not one of party, withdrawn, suspended, never; did you mean 'never'?"),
    (["--status", "party,"], None),  # a trailing comma is no word
    (["--sort", "size"], "'size' is not one of 'name', 'bound', 'status'"),
])
def test_bad_filters_are_one_line_errors(args: list[str], message: str | None) -> None:
    result = run_cli(["countries", "--all", *AS_OF, *args])
    if message is None:
        assert result.exit_code == 0, result.stderr
        return
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_piped_register_is_one_line_per_state_so_grep_keeps_the_iso_code() -> None:
    """Regression: at 80 (or 60) columns long names wrapped into extra rows, so `grep` returned a row without its
    ISO code. Piped, every state is one line whatever COLUMNS says."""
    for columns in ("60", "80"):
        text = run_cli(["countries", "--all", *AS_OF], env={"COLUMNS": columns}).stdout
        lines = text.splitlines()
        assert len(lines) == 1 + 166 + 1  # the header, a line per state, the caption
        kingdom = [line for line in lines if "Great Britain" in line]
        assert len(kingdom) == 1 and re.search(r"\bGB\b", kingdom[0]) and "1999-03-01" in kingdom[0]
        ukraine = next(line for line in lines if line.startswith("Ukraine "))
        assert ukraine.split()[:4] == ["Ukraine", "UA", "party", "2006-06-01"]
        assert ukraine.endswith("suspension notified 2025-07-18 (not provided for by the Convention; 6 states objected)")
        finland = next(line for line in lines if line.startswith("Finland "))
        assert finland.split()[:8] == ["Finland", "FI", "withdrawn", "2012-07-01", "2025-07-10", "recorded",
                                       "2026-01-10", "recorded"]
        assert "un-status-xxvi5" in finland.split()  # piped, the sources' keys ('ottawa-exit sources' lists them)
    parties = run_cli(["parties", *AS_OF], env={"COLUMNS": "60"}).stdout.splitlines()
    assert len(parties) == 1 + 161 + 1 and any("Great Britain" in line and " GB " in line for line in parties)


def test_a_filtered_register_still_counts_every_state_party() -> None:
    text = run_cli(["countries", "--all", *AS_OF, "--status", "withdrawn"]).stdout
    assert text.splitlines()[-1].startswith("161 States Parties; 5 states shown; as of 2026-11-27")


def test_timeline_step_cell_is_labelled_and_source_holds_no_basis_prose() -> None:
    """Regression: the Step cell ran title, id and detail together unlabelled; projected steps had basis prose in the
    Source column."""
    text = run_cli(["timeline", "poland", "--as-of", "2025-06-01"], env={"COLUMNS": "160"}).stdout
    rows = [[cell.strip() for cell in line.split("|")[1:-1]] for line in text.splitlines() if line.startswith("| ")]
    header = rows[0]
    step, source = header.index("Step"), header.index("Source")
    cells = "\n".join(row[step] for row in rows[1:])
    assert "id: sejm-vote" in cells and "id: senate" in cells and "detail: Bill in parliament by" in cells
    assert "basis: no statutory limit; no precedent found" in cells
    sources = " ".join(row[source] for row in rows[1:] if row[source])  # publisher, kind and note number
    assert re.search(r"press \[\d+\]", sources) and "no statutory limit" not in sources and "precedent" not in sources
    # the projected Senate's basis cites Art. 121 and the 2012 precedent: its sources, not its prose
    assert "Sejm" in sources
