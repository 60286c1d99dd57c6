"""One registry of states and one of treaties: the register is each state's identity (names, codes, dates), the
built-in rules files add a procedure and a record, and one lookup serves every command."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from pathlib import Path

import pytest

from ottawa_exit import Rules, RulesError
from ottawa_exit.data import register as register_module
from ottawa_exit.data.load import load_file
from ottawa_exit.data.register import find, register
from ottawa_exit.data.registry import STATES_DIR, NotAParty
from ottawa_exit.data.specs import REGISTER_KEYS
from ottawa_exit.data.treaties import find_treaty

from .conftest import run_cli

NAMES = [
    ("US", "united-states"), ("USA", "united-states"), ("United States of America", "united-states"),
    ("united states", "united-states"), ("America", "united-states"),
    ("DPRK", "democratic-peoples-republic-of-korea"), ("North Korea", "democratic-peoples-republic-of-korea"),
    ("PRK", "democratic-peoples-republic-of-korea"), ("KP", "democratic-peoples-republic-of-korea"),
    ("UK", "united-kingdom"), ("Britain", "united-kingdom"), ("Great Britain", "united-kingdom"),
    ("GB", "united-kingdom"), ("GBR", "united-kingdom"), ("Russia", "russian-federation"), ("RU", "russian-federation"),
    ("PL", "poland"), ("pol", "poland"), ("Polska", "poland"), ("Rzeczpospolita Polska", "poland"),
    ("Suomi", "finland"), ("suomen tasavalta", "finland"), ("CÔTE D’IVOIRE", "cote-d-ivoire"),
    ("cote divoire", "cote-d-ivoire"), ("Україна", "ukraine"), ("DRC", "democratic-republic-of-the-congo"),
    ("Vatican", "holy-see"), ("Burma", "myanmar"), ("Venezuela", "venezuela"), ("VEN", "venezuela"),
]


@pytest.mark.parametrize(("query", "state_id"), NAMES)
def test_one_lookup_knows_every_name_and_code(query: str, state_id: str) -> None:
    found = find(query)
    assert found is not None and found.id == state_id
    try:
        assert Rules().state(query).id == state_id  # timeline, procedure, compare
    except NotAParty as never:
        assert str(never).endswith("has never been bound by the Ottawa Convention (not a State Party)")


@pytest.mark.parametrize(("query", "iso3"), [("US", "USA"), ("PL", "POL"), ("DPRK", "PRK"), ("usa", "USA"),
                                             ("North Korea", "PRK"), ("United States of America", "USA"),
                                             ("Russia", "RUS"), ("VE", "VEN"), ("Polska", "POL")])
def test_withdrawals_find_a_state_by_any_name(query: str, iso3: str) -> None:
    result = run_cli(["withdrawals", "--state", query, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    docs = json.loads(result.stdout)
    assert docs and {d["state"]["iso3"] for d in docs} == {iso3}


def test_withdrawals_name_an_unknown_state_and_a_state_with_none() -> None:
    unknown = run_cli(["withdrawals", "--state", "Polnad"])
    assert (unknown.exit_code, unknown.stderr) == (2, "error: unknown state 'Polnad' (did you mean 'poland'?)\n")
    none = run_cli(["withdrawals", "--state", "JP"])
    assert (none.exit_code, none.stderr) == (2, "error: no recorded withdrawal by Japan (JPN)\n")


def test_every_recorded_withdrawal_names_a_state_of_the_register() -> None:
    data = tomllib.loads((STATES_DIR.parent / "withdrawals.toml").read_text(encoding="utf-8"))
    for row in data["withdrawal"]:
        if row.get("organisation"):  # the EU, Euratom: parties that are not states
            continue
        found = find(row["state"])
        assert found is not None and found.iso3 == row["iso3"], row["state"]


def test_a_withdrawal_whose_name_and_code_disagree_is_refused(tmp_path: Path) -> None:
    from ottawa_exit.data.withdrawals import read_withdrawals

    text = (STATES_DIR.parent / "withdrawals.toml").read_text(encoding="utf-8")
    path = tmp_path / "withdrawals.toml"
    path.write_text(text.replace('state = "Estonia"\niso3 = "EST"', 'state = "Estonia"\niso3 = "LVA"', 1)
                    .replace('iso3 = "LTU"', 'iso3 = "XXX"', 1), encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        read_withdrawals(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: withdrawal[0].state: 'Estonia' is not a name the register gives LVA",
        f"{path}: withdrawal[2].iso3: XXX is not a state of the register (parties.toml or non_parties.toml)",
    ]


TREATY_NAMES = [("NPT", "npt"), ("npt", "npt"), ("ICC", "rome-statute"), ("Rome Statute", "rome-statute"),
                ("rome statute", "rome-statute"), ("Paris Agreement", "paris"), ("PARIS", "paris"),
                ("Mine Ban Treaty", "ottawa"), ("APMBC", "ottawa"), ("Ottawa Convention", "ottawa"),
                ("UNESCO", "unesco"), ("ICSID", "icsid"), ("Pact of San Jose", "achr"), ("Charter of Bogota", "oas-charter")]


@pytest.mark.parametrize(("query", "treaty_id"), TREATY_NAMES)
def test_one_lookup_knows_every_treaty_name(query: str, treaty_id: str) -> None:
    assert find_treaty(query).id == treaty_id
    effective = run_cli(["effective", "--treaty", query, "2020-01-10", "-f", "json"])
    assert effective.exit_code == 0 and json.loads(effective.stdout)["treaty"]["id"] == treaty_id
    rows = run_cli(["withdrawals", "--treaty", query, "-f", "json"])
    assert rows.exit_code == 0 and {d["treaty"]["id"] for d in json.loads(rows.stdout)} <= {treaty_id}


def test_an_unknown_treaty_name_suggests_the_closest() -> None:
    result = run_cli(["effective", "--treaty", "Rome Statut", "2020-01-01"])
    assert result.exit_code == 2
    assert result.stderr == ("error: unknown treaty 'Rome Statut' (did you mean 'rome-statute'?); 'ottawa-exit "
                             "treaties' lists them\n")


BUILTIN = [p.stem for p in sorted(STATES_DIR.glob("*.toml"))]


@pytest.mark.parametrize("state_id", BUILTIN)
def test_a_built_in_rules_file_never_repeats_the_register(state_id: str) -> None:
    table = tomllib.loads((STATES_DIR / f"{state_id}.toml").read_text(encoding="utf-8"))["state"]
    assert not set(table) & set(REGISTER_KEYS)
    state, party = Rules().state(state_id), register().by_id()[state_id]
    assert (state.name, state.iso2, state.iso3, state.native_name, state.aliases) == (
        party.name, party.iso2, party.iso3, party.native_name, party.aliases)
    assert (state.deposited, state.bound_from, state.bound_sources) == (party.deposited, party.bound_from,
                                                                         party.sources)


def test_a_built_in_file_that_repeats_the_register_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "poland.toml"
    path.write_text((STATES_DIR / "poland.toml").read_text(encoding="utf-8").replace(
        'id = "poland"\n', 'id = "poland"\nname = "Poland"\nbound_from = 2013-06-01\n', 1), encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_file(path, builtin=True)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: state.{key}: given by the register (parties.toml): a built-in rules file does not repeat it"
        for key in ("name", "bound_from")]


def test_a_user_file_may_still_override_what_the_register_gives(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[state]\nid = "poland"\nname = "Republic of Poland (mine)"\n', encoding="utf-8")
    state = Rules([path]).state("PL")
    assert state.name == "Republic of Poland (mine)" and state.iso3 == "POL" and state.procedure.steps[0].id
    assert len(state.procedure.steps) == len(Rules().state("poland").procedure.steps)


@pytest.mark.parametrize("state_id", [*BUILTIN, "germany", "south-sudan", "cote-d-ivoire", "zimbabwe", "afghanistan"])
def test_one_entry_read_alone_is_the_entry_of_the_whole_register(state_id: str) -> None:
    register_module.register.cache_clear()
    register_module.entry.cache_clear()
    try:
        alone = register_module.entry(state_id)
        assert register_module.register.cache_info().currsize == 0  # the whole register was not read
    finally:
        register_module.entry.cache_clear()
    assert alone == (register().by_id()[state_id], register().reviewed)
    assert register_module.entry("atlantis") is None


def test_the_csv_of_withdrawals_by_a_code_is_the_csv_by_a_name() -> None:
    by_code = run_cli(["withdrawals", "--state", "PRK", "-f", "csv"]).stdout
    by_name = run_cli(["withdrawals", "--state", "north korea", "-f", "csv"]).stdout
    assert by_code == by_name and list(csv.DictReader(io.StringIO(by_code)))[0]["iso3"] == "PRK"
