"""Treaties' exit clauses as data, the `treaties`, `effective --treaty` and `withdrawals` commands, and the record."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ottawa_exit.data import treaties as treaties_module
from ottawa_exit.engine.clauses import apply
from dateutil.relativedelta import relativedelta

from ottawa_exit.api import exit_rule
from ottawa_exit.engine.rule import ExitRule
from ottawa_exit.errors import InputError
from ottawa_exit.documents import effective_dict
from ottawa_exit.data.reader import RulesError
from ottawa_exit.render import Format
from ottawa_exit.cli.stream import csv_line, ndjson_line, run_effective, table_line
from ottawa_exit.data.treaties import read_treaty, treaty, treaty_ids
from ottawa_exit.data.withdrawals import select, withdrawals

from .conftest import run_cli

IDS = ["ottawa", "ccm", "ccw", "tpnw", "npt", "bwc", "cwc", "att", "rome-statute", "paris", "kyoto", "unfccc",
       "icsid", "ect", "achr", "echr", "oas-charter", "unesco", "open-skies", "inf", "abm"]

# One hand-typed example per treaty: (start, effective, the day-after reading where the practice is unknown).
# From the record where there is one (see data/withdrawals.toml), else worked by hand from the clause.
EXAMPLES = {
    "ottawa": ("2025-08-20", "2026-02-20", None),  # Poland
    "ccm": ("2024-09-06", "2025-03-06", None),
    "ccw": ("2025-03-01", "2026-03-01", None),
    "tpnw": ("2025-08-31", "2026-08-31", None),
    "npt": ("2003-01-10", "2003-04-10", "2003-04-11"),  # the three months from the DPRK's notice
    "bwc": ("2025-01-10", "2025-04-10", "2025-04-11"),
    "cwc": ("2025-01-01", "2025-04-01", "2025-04-02"),  # 90 days: 30 + 28 + 31 + 1
    "att": ("2025-01-01", "2025-04-01", "2025-04-02"),
    "rome-statute": ("2025-06-02", "2026-06-02", None),  # Hungary
    "paris": ("2025-01-27", "2026-01-27", None),  # United States
    "kyoto": ("2011-12-15", "2012-12-15", None),  # Canada
    "unfccc": ("2025-03-01", "2026-03-01", None),
    "icsid": ("2012-01-24", "2012-07-25", None),  # Venezuela, the World Bank's day after
    "ect": ("2022-12-07", "2023-12-08", None),  # France, day after
    "achr": ("2012-09-10", "2013-09-10", None),  # Venezuela
    "echr": ("2022-03-16", "2022-09-16", None),
    "oas-charter": ("2021-11-19", "2023-11-19", "2023-11-20"),  # Nicaragua
    "unesco": ("2017-10-12", "2018-12-31", None),  # United States
    "open-skies": ("2020-05-22", "2020-11-22", None),  # United States
    "inf": ("2019-02-02", "2019-08-02", None),  # United States
    "abm": ("2001-12-13", "2002-06-13", None),  # United States
}


def test_the_ids_are_those_of_the_facts() -> None:
    assert sorted(IDS) == treaty_ids() == sorted(EXAMPLES)


@pytest.mark.parametrize("treaty_id", IDS)
def test_each_treaty_loads_and_gives_its_example(treaty_id: str) -> None:
    start, effective, alternative = EXAMPLES[treaty_id]
    loaded = treaty(treaty_id)
    assert loaded.sources and loaded.clause_text and loaded.counting_note
    effect = apply(loaded.clause, date.fromisoformat(start))
    assert effect.effective == date.fromisoformat(effective)
    assert effect.alternative == (date.fromisoformat(alternative) if alternative else None)


def test_effective_without_treaty_reads_the_ottawa_file_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Article 20 is ottawa.toml read by the one engine: no other treaty file is opened."""
    read: list[str] = []
    original = treaties_module.read_treaty

    def recording(path: Path) -> treaties_module.Treaty:
        read.append(path.name)
        return original(path)

    monkeypatch.setattr(treaties_module, "read_treaty", recording)
    treaty.cache_clear()
    try:
        assert run_cli(["effective", "2025-06-27"]).stdout.splitlines()[1].split() == ["2025-06-27", "2025-12-27"]
    finally:
        treaty.cache_clear()
    assert read == ["ottawa.toml"]


@pytest.mark.parametrize(("args", "expected"), [
    (["--treaty", "rome-statute", "2025-06-02"], "2026-06-02"),
    (["--treaty", "icsid", "2012-01-24"], "2012-07-25"),
    (["--treaty", "unesco", "2025-07-22"], "2026-12-31"),
    (["--treaty", "unesco", "2025-01-01"], "2026-12-31"),
    (["--treaty", "paris", "2020-01-01", "--bound-from", "2016-11-04"], "2021-01-01"),
    (["--treaty", "rome-statute", "2025-06-02", "--later-date", "2026-09-01"], "2026-09-01"),
    (["--treaty", "ccm", "2025-01-10", "--armed-conflict-until", "2026-01-01"], "2026-01-01"),
    (["--treaty", "icsid", "2012-01-24", "--count", "same-day"], "2012-07-24"),
])
def test_effective_with_a_treaty(args: list[str], expected: str) -> None:
    assert run_cli(["effective", *args]).stdout.splitlines()[1].split()[1] == expected


def test_paris_answers_a_notice_before_three_years_with_a_note() -> None:
    """It was refused with --bound-from, and answered silently without it."""
    for bound in (["--bound-from", "2016-11-04"], []):
        result = run_cli(["effective", "--treaty", "paris", "2018-01-01", *bound])
        assert result.exit_code == 0 and result.stderr == ""
        assert result.stdout.splitlines()[1] == "2018-01-01  2019-01-01  too early: not before 2019-11-04"


@pytest.mark.parametrize(("args", "message"), [
    (["--treaty", "rome-statut", "2025-06-02"], "did you mean 'rome-statute'?"),
    (["--treaty", "icsid", "2025-06-02", "--later-date", "2027-01-01"], "does not let the notification specify"),
    (["--treaty", "icsid", "2025-06-02", "--armed-conflict"], "has no armed-conflict clause"),
    (["--treaty", "rome-statute", "2025-06-02", "--later-date", "2026-01-01"], "is not later than"),
])
def test_effective_treaty_errors_are_one_line(args: list[str], message: str) -> None:
    result = run_cli(["effective", *args])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr


def test_effective_json_gains_treaty_and_keeps_every_field() -> None:
    doc = json.loads(run_cli(["effective", "--treaty", "oas-charter", "2021-11-19", "-f", "json"]).stdout)
    assert {"schema", "treaty", "start", "expiry", "effective", "counting", "rule", "armed_conflict"} < set(doc)
    assert doc["start"] == {"basis": "receipt", "date": "2021-11-19"} and doc["expiry"] == "2023-11-19"
    assert doc["treaty"] == {"id": "oas-charter"} and doc["counting"] == "unknown" and doc["alternative"] == "2023-11-20"
    ottawa = json.loads(run_cli(["effective", "2025-06-27", "-f", "json"]).stdout)
    assert ottawa["treaty"] == {"id": "ottawa"} and ottawa["alternative"] is None and ottawa["later_date"] is None


starts = st.dates(min_value=date(1900, 1, 1), max_value=date(9990, 6, 30))


@settings(max_examples=200, deadline=None)
@given(starts, st.sampled_from(["icsid", "oas-charter", "cwc", "tpnw", "rome-statute", "echr", "npt", "paris", "achr"]))
def test_fast_stream_equals_the_general_renderers_for_any_treaty(start: date, treaty_id: str) -> None:
    """With the treaty's dates: a start before its adoption the same error on both paths, one before notice was
    possible (entry into force, a minimum time) the same note."""
    rule = exit_rule(treaty_id)
    try:
        effect = rule.apply(start)
    except InputError as exc:
        expected: str | None = f"argument 1: {exc}"
    else:
        expected = None
    for fmt, render in ((Format.CSV, csv_line), (Format.NDJSON, ndjson_line), (Format.TABLE, table_line)):
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out):
                run_effective([start.isoformat()], io.BytesIO(), fmt, None, None, None, keep_going=False, rule=rule)
        except InputError as exc:
            assert str(exc) == expected and out.getvalue() == ""
            continue
        assert expected is None
        assert out.getvalue().splitlines()[-1] + "\n" == render(effect, treaty_id)
    if expected is None:
        assert json.loads(ndjson_line(effect, treaty_id)) == effective_dict(effect, treaty_id)
        loaded = treaty(treaty_id)
        minimum = loaded.clause.notice_not_before
        possible = loaded.in_force + relativedelta(years=minimum.years if minimum else 0)  # no party date given
        assert (effect.early is not None) == (start < possible)
        assert effect.early is None or effect.early.possible_from == possible


def test_treaty_stream() -> None:
    result = run_cli(["effective", "--treaty", "icsid", "-", "-f", "csv"], input="2012-01-24\n2024-02-24\n")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["start_date"], r["expiry"], r["effective"]) for r in rows] == [
        ("2012-01-24", "2012-07-25", "2012-07-25"), ("2024-02-24", "2024-08-25", "2024-08-25")]


def test_treaties_lists_all_with_sources_in_every_format() -> None:
    docs = json.loads(run_cli(["treaties", "-f", "json"]).stdout)
    assert [d["treaty"]["id"] for d in docs] == sorted(IDS)
    assert all(d["schema"] == "ottawa-exit/treaty/2" and d["sources"] and d["clause"] for d in docs)
    assert len(run_cli(["treaties", "-f", "ndjson"]).stdout.splitlines()) == 21
    assert run_cli(["treaties", "-f", "csv"]).stdout.startswith("schema,treaty_id,treaty_name,")
    table = run_cli(["treaties"]).stdout
    assert all(i in table for i in IDS) and "21 treaties" in table
    paris = next(d for d in docs if d["treaty"]["id"] == "paris")
    assert paris["rule"]["summary"] == ("1 year after receipt; later date allowed; notice not before 3 years from "
                                        "entry into force for the party")


def test_a_bad_treaty_file_names_file_key_and_reason(tmp_path: Path) -> None:
    text = (treaties_module.TREATIES_DIR / "icsid.toml").read_text(encoding="utf-8")
    bad = tmp_path / "icsid.toml"
    bad.write_text(text.replace('counting = "day-after"', 'counting = "day-afterr"').replace("start =", "strat ="),
                   encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        read_treaty(bad)
    shown = [str(p) for p in caught.value.problems]
    assert f"{bad}: rule.strat: unknown key (did you mean 'start'?)" in shown
    assert any("rule.counting: must be one of" in p and "did you mean 'day-after'" in p for p in shown)


def test_every_recorded_withdrawal_agrees_or_is_explained() -> None:
    """Each record agrees with its treaty's rule, differs with an explanation, or says why it cannot be checked."""
    rows = select()
    assert [r.withdrawal.state for r in rows if r.status == "differs, unexplained"] == []
    assert all(r.checkable for r in rows if r.status == "cannot be checked")
    used = {(r.treaty.id, r.exception) for r in rows if r.exception and not r.agrees}
    declared = {(t, e) for t in IDS for e in treaty(t).exceptions}
    assert used == declared, "an exception no disagreeing record needs: drop it"


def test_withdrawals_json_holds_37_sourced_over_14_treaties() -> None:
    docs = json.loads(run_cli(["withdrawals", "--as-of", "2026-12-01", "-f", "json"]).stdout)
    assert len(docs) == len(withdrawals()) == 37 and len({d["treaty"]["id"] for d in docs}) == 14
    assert all(d["schema"] == "ottawa-exit/withdrawal/2" and d["sources"] for d in docs)
    assert all(d["effective_stated"] or d["secondary"] for d in docs)  # an unstated effect is marked secondary
    assert sum(d["agrees"] for d in docs) == 32
    unchecked = {(d["state"]["iso3"], d["treaty"]["id"]): d["explanation"] for d in docs
                 if d["check"] == "cannot be checked"}
    assert unchecked == {("EUU", "ect"): "no source states the effective date",
                         ("XEA", "ect"): "no source states the effective date",
                         ("LTU", "ccm"): "the depositary's receipt is not public, and the rule counts from it"}


def test_withdrawals_filters_and_formats() -> None:
    docs = json.loads(run_cli(["withdrawals", "--treaty", "icsid", "-f", "json"]).stdout)
    assert {d["state"]["iso3"] for d in docs} == {"BOL", "ECU", "VEN", "HND"} and all(d["agrees"] for d in docs)
    csv_rows = run_cli(["withdrawals", "--state", "PRK", "-f", "csv"]).stdout.splitlines()
    assert len(csv_rows) == 2 and "differs, explained" in csv_rows[1]
    table = run_cli(["withdrawals", "--treaty", "npt"]).stdout
    assert "0 of 1 recorded withdrawals (1 treaty) agree" in table.replace("\n", " ")
    assert len(run_cli(["withdrawals", "-f", "ndjson"]).stdout.splitlines()) == len(withdrawals())
    assert "did you mean 'paris'" in run_cli(["withdrawals", "--treaty", "pari"]).stderr


@pytest.mark.parametrize(("treaty_id", "start"), [("oas-charter", "2000-02-29"), ("rome-statute", "2024-02-29"),
                                                  ("paris", "2028-02-29"), ("icsid", "2025-08-31")])
def test_fast_stream_says_a_leap_day_start_is_clamped(treaty_id: str, start: str) -> None:
    """Found by Hypothesis: a whole-years period clamps only a 29 February, which the fast loop's clamped template
    must come from (its example search spans four years)."""
    loaded = treaty(treaty_id)
    effect = apply(loaded.clause, date.fromisoformat(start))
    assert effect.month_end_clamped
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        run_effective([start], io.StringIO(), Format.NDJSON, None, None, None, keep_going=False,
                      rule=ExitRule(loaded.id, loaded.clause))
    assert json.loads(out.getvalue()) == effective_dict(effect, treaty_id)
    assert "clamped to the month's last day" in json.loads(out.getvalue())["rule"]


def test_later_date_and_bound_from_are_checked_against_the_users_dates_in_every_format() -> None:
    """Regression (review): the CSV header's example date once stood in for the user's, refusing valid input."""
    for fmt in ("table", "csv", "json", "ndjson"):
        later = run_cli(["effective", "--treaty", "rome-statute", "2025-06-02", "--later-date", "2026-07-01",
                         "-f", fmt])
        assert later.exit_code == 0 and "2026-07-01" in later.stdout, (fmt, later.stderr)
        bound = run_cli(["effective", "--treaty", "paris", "--bound-from", "2024-01-01", "2028-01-01", "-f", fmt])
        assert bound.exit_code == 0 and "2029-01-01" in bound.stdout, (fmt, bound.stderr)
    early = run_cli(["effective", "--treaty", "rome-statute", "2025-06-02", "--later-date", "2026-05-01"])
    assert early.exit_code == 2
    assert "not later than the date the period ends (2026-06-02)" in early.stderr
    csv_text = run_cli(["effective", "--treaty", "rome-statute", "2025-06-02", "--later-date", "2026-07-01",
                        "-f", "csv"]).stdout
    header, row = csv_text.splitlines()
    assert dict(zip(header.split(","), next(csv.reader([row]))))["later_date"] == "2026-07-01"
