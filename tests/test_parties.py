"""The register of every state ever bound: its data checked (ISO codes, Article 17, ids, the rules files), counts of
States Parties, lookup by any name, and registered states everywhere a state works."""

from __future__ import annotations

import json
from datetime import date

import pycountry
import pytest

from ottawa_exit import Rules, project_timeline
from ottawa_exit.data.reader import RulesError
from ottawa_exit.data.model import EFFECTIVE, RECEIPT
from ottawa_exit.data.register import non_parties, parse_register, register
from ottawa_exit.data.registry import STATES_DIR, NotAParty

from .conftest import run_cli

IN_FORCE = date(1999, 3, 1)


def article17(deposited: date) -> date:
    """1 March 1999 for instruments deposited up to 16 Sep 1998; else the first day of the sixth month after."""
    if deposited <= date(1998, 9, 16):
        return IN_FORCE
    month = deposited.month + 6
    return date(deposited.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def test_iso_codes_are_real() -> None:
    for entry in (*register().parties, *non_parties()):
        country = pycountry.countries.get(alpha_2=entry.iso2)
        assert country is not None, entry.id
        assert country.alpha_3 == entry.iso3, entry.id


def test_article_17_holds_except_where_a_note_explains() -> None:
    exceptions = {p.id for p in register().parties if p.bound_from != article17(p.deposited)}
    assert exceptions == {"south-sudan"}
    for party_id in exceptions:
        note = register().by_id()[party_id].note
        assert note and "Article 17" in note


def test_ids_and_codes_are_unique_and_never_both_party_and_not() -> None:
    ids = [p.id for p in register().parties]
    assert len(ids) == len(set(ids)) == 166
    assert not {p.iso3 for p in register().parties} & {n.iso3 for n in non_parties()}


@pytest.mark.parametrize("state_id", [p.stem for p in sorted(STATES_DIR.glob("*.toml"))])
def test_register_agrees_with_the_rules_files(state_id: str) -> None:
    state = Rules().state(state_id)
    party = register().by_id()[state_id]
    assert party.bound_from == state.bound_from
    assert party.deposited == state.deposited
    receipt, effect = state.event(RECEIPT), state.event(EFFECTIVE)
    assert party.withdrawal_receipt == (receipt.date if receipt else None)
    assert party.withdrawn_from == (effect.date if effect else None)


@pytest.mark.parametrize(("day", "count"), [("2024-12-31", 164), ("2025-09-01", 165), ("2025-12-26", 166),
                                           ("2026-11-27", 161)])
def test_count_of_states_parties(day: str, count: int) -> None:
    """The library and the command count with the one definition (``Status.bound``); the register's own dates
    give the same number, counted here by hand."""
    on = date.fromisoformat(day)
    by_hand = [p for p in register().parties if p.bound_from <= on and (p.withdrawn_from is None or on < p.withdrawn_from)]
    assert len(by_hand) == count
    assert sum(project_timeline(s, on).status.bound for s in Rules().every()) == count
    doc = json.loads(run_cli(["parties", "--as-of", day, "-f", "json"]).stdout)
    assert doc["schema"] == "ottawa-exit/parties/2" and doc["as_of"] == day
    assert doc["count"] == len(doc["parties"]) == count


def test_countries_all_lists_every_registered_state() -> None:
    docs = json.loads(run_cli(["countries", "--all", "--as-of", "2026-11-27", "-f", "json"]).stdout)
    assert len(docs) == 166
    statuses = [d["status"] for d in docs]
    assert (statuses.count("party"), statuses.count("withdrawn")) == (161, 5)
    germany = next(d for d in docs if d["state"]["id"] == "germany")
    assert germany["bound_from"] == "1999-03-01" and germany["effective"]["date"] is None
    table = run_cli(["countries", "--all", "--as-of", "2026-11-27"], env={"COLUMNS": "100"}).stdout
    assert "161 States Parties; as of 2026-11-27" in table and "Zimbabwe" in table
    short = json.loads(run_cli(["countries", "--as-of", "2026-11-27", "-f", "json"]).stdout)
    assert len(short) == 6


def test_parties_in_every_format() -> None:
    args = ["parties", "--as-of", "2025-12-26"]
    assert "166 States Parties" in run_cli(args).stdout
    lines = run_cli([*args, "-f", "ndjson"]).stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["count"] == 166
    rows = run_cli([*args, "-f", "csv"]).stdout.splitlines()
    # each row a State Party, in the columns every command uses for a state
    assert rows[0].startswith("schema,as_of,rules_reviewed,count,state_id,state_name,iso2,iso3,status,") and len(rows) == 167


def test_tonga_becomes_bound_on_1_december_2025() -> None:
    for day, status in (("2025-11-30", "not-a-party"), ("2025-12-01", "party")):
        doc = json.loads(run_cli(["timeline", "tonga", "--as-of", day, "-f", "json"]).stdout)
        assert doc["status"] == status, day


def test_a_what_if_projects_a_registered_state() -> None:
    doc = json.loads(run_cli(["timeline", "germany", "--step", "decision=2027-01-15", "--as-of", "2026-11-27",
                              "-f", "json"]).stdout)
    assert doc["steps"][0]["kind"] == "override"
    assert doc["receipt"]["kind"] == doc["effective"]["kind"] == "projected"
    eff = doc["effective"]
    assert eff["earliest"] < eff["date"] < eff["latest"]
    assert (eff["date"], eff["earliest"], eff["latest"]) == ("2027-11-15", "2027-08-14", "2028-07-15")
    assert all(s["basis"].startswith("GENERIC") for s in doc["steps"][1:])


def test_nothing_is_projected_that_nobody_decided() -> None:
    """Without a what-if, receipt and effect are null with the reason: no decision, no projection (the wording may
    change with its engine, the null dates and the reason key may not)."""
    doc = json.loads(run_cli(["timeline", "germany", "--as-of", "2026-11-27", "-f", "json"]).stdout)
    assert doc["status"] == "party"
    for key in ("receipt", "effective"):
        assert (doc[key]["date"], doc[key]["earliest"], doc[key]["latest"]) == (None, None, None)
        assert "no withdrawal decided" in doc[key]["reason"]


def test_registered_states_work_everywhere() -> None:
    germany = Rules().state("germany")
    assert (germany.name, germany.iso3, germany.native_name, germany.bound_from) == (
        "Germany", "DEU", "Deutschland", IN_FORCE)
    assert project_timeline(germany, date(2026, 11, 27)).status.value == "party"
    procedure = json.loads(run_cli(["procedure", "DE", "-f", "json"]).stdout)
    assert [s["id"] for s in procedure["steps"]] == ["decision", "receipt"]
    assert procedure["steps"][0]["formal"] is False
    compared = json.loads(run_cli(["compare", "germany", "poland", "--as-of", "2026-11-27", "-f", "json"]).stdout)
    assert [d["state"]["id"] for d in compared] == ["germany", "poland"]


@pytest.mark.parametrize("name", ["Cote d'Ivoire", "Côte d’Ivoire", "CIV", "côte d'ivoire", "Ivory Coast", "CI",
                                  "cote-d-ivoire"])
def test_lookup_ignores_case_accents_and_apostrophes(name: str) -> None:
    assert Rules().state(name).id == "cote-d-ivoire"


def test_a_state_that_never_joined_is_an_answer_not_unknown() -> None:
    with pytest.raises(NotAParty) as caught:
        Rules().state("United States")
    assert str(caught.value) == "the United States has never been bound by the Ottawa Convention (not a State Party)"
    result = run_cli(["timeline", "Russia"])
    assert result.exit_code == 2
    assert result.stderr == "error: Russia has never been bound by the Ottawa Convention (not a State Party)\n"
    unknown = run_cli(["timeline", "Germny"])
    assert unknown.exit_code == 2 and "did you mean 'germany'?" in unknown.stderr


def test_the_fast_path_does_not_read_the_register() -> None:
    from ottawa_exit.data import register as parties

    parties.register.cache_clear()
    parties.name_index.cache_clear()
    Rules().state("poland")
    assert parties.register.cache_info().currsize == 0


def test_the_register_is_checked_by_its_spec() -> None:
    data = {"meta": {"reviewed": date(2026, 11, 27)},
            "party": [{"id": "Atlantis", "name": "Atlantis", "iso2": "XA", "iso3": "XAT", "instrument": "treaty",
                       "deposited": date(2000, 1, 1), "bound_from": date(2000, 7, 1), "source": "un-status-xxvi5",
                       "withdrawal_receipt": date(2025, 1, 1), "colour": "blue"}]}
    with pytest.raises(RulesError) as caught:
        parse_register(data, "parties.toml")
    assert [str(p) for p in caught.value.problems] == [
        "parties.toml: party[0].colour: unknown key",
        "parties.toml: party[0].id: 'Atlantis' must be lower-case words joined by '-' (e.g. 'north-macedonia')",
        "parties.toml: party[0].instrument: must be one of ratification, acceptance, approval, accession, "
        "succession, not 'treaty'",
    ]
