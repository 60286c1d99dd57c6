"""Honest projections: knowledge has a date; no decision, no projection; statutory limits as data; the
Article 20(3) wording. Expectations are typed from the design, ../shared/facts/ and the Convention, not from output."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from ottawa_exit import Rules, project_timeline
from ottawa_exit.data.model import DurationRange, State
from ottawa_exit.projection.timeline import Kind, Status

from .conftest import run_cli

RULES = Rules()
STATES = ["estonia", "finland", "latvia", "lithuania", "poland", "ukraine"]
AS_OF_DATES = ["2025-01-01", "2025-03-18", "2025-05-01", "2025-06-01", "2025-07-01", "2026-11-27"]
DATE_KEYS = {"date", "earliest", "latest", "as_of", "alternative_date"}


def _timeline(*args: str) -> dict[str, Any]:
    result = run_cli(["timeline", *args, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# ---------------------------------------------------------------------------------------------------------------
# Knowledge has a date


def _known(day: date | None, as_of: date) -> bool:
    return day is None or day <= as_of


def _later_knowledge(state: State, as_of: date) -> tuple[set[str], set[str]]:
    """Texts and source addresses the data date after ``as_of`` (and not also known by then), read from the data."""
    later_texts: set[str] = set()
    later_sources: set[str] = set()
    known_texts: set[str] = set()
    known_sources: set[str] = {s.url for s in state.bound_sources}
    for note in state.notes + tuple(n for s in state.procedure.steps for n in s.notes):
        (known_texts if _known(note.known_from, as_of) else later_texts).add(note.text)
        (known_sources if _known(note.known_from, as_of) else later_sources).update(s.url for s in note.sources)
    for step in state.procedure.steps:
        for days in step.durations:
            (known_texts if _known(days.known_from, as_of) else later_texts).add(days.basis)
            (known_sources if _known(days.known_from, as_of) else later_sources).update(s.url for s in days.sources)
        if step.statutory_limit:
            known_sources.update(s.url for s in step.statutory_limit.sources)
        known_sources.update(s.url for s in step.sources)
    for event in state.events:
        happened = event.date or event.latest
        known = _known(event.known_from, as_of) and (happened is None or happened <= as_of)
        texts = {t for t in (event.detail, event.note) if t}
        (known_texts if known else later_texts).update(texts)
        (known_sources if known else later_sources).update(s.url for s in event.sources + event.alternative_sources)
    return later_texts - known_texts, later_sources - known_sources


@pytest.mark.parametrize("as_of", AS_OF_DATES)
@pytest.mark.parametrize("state_id", STATES)
def test_no_output_uses_knowledge_from_after_the_as_of_date(state_id: str, as_of: str) -> None:
    day = date.fromisoformat(as_of)
    state = RULES.state(state_id)
    doc = _timeline(state_id, "--as-of", as_of)
    text = json.dumps(doc, ensure_ascii=False)
    for step, data in zip(doc["steps"], state.procedure.steps, strict=True):
        if step["kind"] != "projected":
            assert step["basis_known_from"] is None
            continue
        # the range used is the latest one known on the as-of date, found here from the data alone
        known = [d for d in data.durations if _known(d.known_from, day)]
        expected = max(known, key=lambda d: d.known_from or date.min)
        assert step["basis"] == expected.basis
        assert step["basis_known_from"] == (expected.known_from.isoformat() if expected.known_from else None)
        assert step["basis_known_from"] is None or step["basis_known_from"] <= as_of
    later_texts, later_sources = _later_knowledge(state, day)
    for later in later_texts:
        assert later not in text, f"{state_id} as of {as_of} shows a text known only later: {later!r}"
    for source in later_sources:
        assert source not in text, f"{state_id} as of {as_of} cites a source known only later: {source}"


def _strings(value: Any, key: str = "") -> list[tuple[str, str]]:
    """Every text of a document with its key; a source record's own texts (a publisher's title) left out."""
    if isinstance(value, dict) and {"url", "publisher"} <= set(value):
        return []
    if isinstance(value, dict):
        return [pair for k, v in value.items() for pair in _strings(v, k)]
    if isinstance(value, list):
        return [pair for v in value for pair in _strings(v, key)]
    return [(key, value)] if isinstance(value, str) else []


def test_poland_as_of_the_joint_statement_mentions_no_observation_of_2025() -> None:
    doc = _timeline("poland", "--as-of", "2025-03-18")
    assert doc["receipt"]["kind"] == doc["effective"]["kind"] == "projected"  # still projected from the statement
    assert doc["steps"][0]["id"] == "decision" and doc["steps"][0]["kind"] == "recorded"
    for key, value in _strings(doc):
        assert "observed" not in value.lower() and "(2025)" not in value, (key, value)
        if "2025" in value:  # only dates: the as-of, the recorded statement, projected dates
            assert key in DATE_KEYS, (key, value)
            assert value == "2025-03-18" or key != "as_of"


def test_later_notes_appear_from_their_own_date() -> None:
    """Ukraine's suspension: the 22nd Meeting's final report (adopted 2025-12-05) not before that day; the
    objections named there (reported 2 Dec 2025) not before that day; Switzerland's from 17 Oct 2025; nothing of the
    suspension before its source reported it (24 Jul 2025)."""
    def suspension(as_of: str) -> dict[str, Any] | None:
        found: dict[str, Any] | None = _timeline("ukraine", "--as-of", as_of)["suspension"]
        return found

    def objecting(as_of: str) -> list[str]:
        known = suspension(as_of)
        return [o["iso3"] for o in known["objections"]] if known else []

    assert suspension("2025-07-23") is None and suspension("2025-07-24") is not None
    assert objecting("2025-10-16") == [] and objecting("2025-10-17") == ["CHE"]
    assert objecting("2025-12-01") == ["CHE"]
    assert objecting("2025-12-02") == ["CHE", "NOR", "AUT", "BEL"]
    assert objecting("2025-12-05") == ["CHE", "NZL", "NOR", "AUT", "BEL", "COL"]
    assert suspension("2025-12-04")["response"] is None  # type: ignore[index]
    assert "does not allow the suspension" in suspension("2025-12-05")["response"]["text"]  # type: ignore[index]
    assert "22nd Meeting" not in json.dumps(_timeline("ukraine", "--as-of", "2025-03-18"))
    early = json.dumps(_timeline("latvia", "--as-of", "2025-03-18"), ensure_ascii=False)
    assert "held to coordinate" not in early and "Rinkēvičs" not in early


# ---------------------------------------------------------------------------------------------------------------
# No decision, no projection

NOTHING = {"date": None, "earliest": None, "latest": None}


def test_countries_before_any_decision_projects_nothing() -> None:
    docs = json.loads(run_cli(["countries", "--as-of", "2025-01-01", "-f", "json"]).stdout)
    assert [d["state"]["id"] for d in docs] == STATES
    for doc in docs:
        for part in ("receipt", "effective"):
            assert doc[part]["kind"] == "none" and {k: doc[part][k] for k in NOTHING} == NOTHING, doc
            assert doc[part]["reason"].startswith("no withdrawal decided as of 2025-01-01"), doc
    for state_id in STATES:
        doc = _timeline(state_id, "--as-of", "2025-01-01")
        assert all(s["kind"] == "none" and s["date"] is None for s in doc["steps"]), state_id


def test_poland_in_1990_is_not_a_party_and_nothing_is_projected() -> None:
    doc = _timeline("poland", "--as-of", "1990-01-01")
    assert doc["status"] == "not-a-party"
    assert doc["receipt"]["kind"] == doc["effective"]["kind"] == "none"
    assert doc["effective"]["date"] is None and doc["receipt"]["reason"].startswith("not a party as of 1990-01-01")


UKRAINE_REASON = "no withdrawal decided as of 2026-11-27 (a suspension is not an Article 20 withdrawal)"


def test_ukraine_has_no_projected_receipt_in_json_ndjson_and_csv() -> None:
    args = ["countries", "--as-of", "2026-11-27", "-f"]
    ukraine = next(d for d in json.loads(run_cli([*args, "json"]).stdout) if d["state"]["id"] == "ukraine")
    lines = [json.loads(line) for line in run_cli([*args, "ndjson"]).stdout.splitlines()]
    assert next(d for d in lines if d["state"]["id"] == "ukraine") == ukraine
    for part in ("receipt", "effective"):
        assert ukraine[part]["kind"] == "none" and ukraine[part]["reason"] == UKRAINE_REASON
        assert {k: ukraine[part][k] for k in NOTHING} == NOTHING
    row = next(r for r in csv.DictReader(io.StringIO(run_cli([*args, "csv"]).stdout)) if r["state_id"] == "ukraine")
    assert (row["receipt_date"], row["receipt_earliest"], row["receipt_latest"], row["effective_date"]) == ("",) * 4
    assert row["receipt_reason"] == row["effective_reason"] == UKRAINE_REASON
    table = run_cli(["countries", "--as-of", "2026-11-27"], env={"COLUMNS": "120"}).stdout
    assert "no withdrawal decided" in table


def test_ukraine_what_if_receipt_is_indeterminate_unless_the_conflict_ends() -> None:
    doc = _timeline("ukraine", "--as-of", "2026-11-27", "--receipt", "2027-01-15")
    assert (doc["receipt"]["kind"], doc["receipt"]["date"]) == ("override", "2027-01-15")
    eff = doc["effective"]
    assert eff["date"] is None and eff["reason"] is None  # a what-if exists: indeterminate, not "no decision"
    assert "indeterminate" in eff["rule"] and "no earlier than 2027-07-15" in eff["rule"]
    assert eff["armed_conflict"] == {"ongoing": True, "end": None}
    ended = _timeline("ukraine", "--as-of", "2026-11-27", "--receipt", "2027-01-15",
                      "--armed-conflict-until", "2027-03-01")["effective"]
    assert ended["date"] == "2027-07-15"  # the conflict ended before the six months expired: Article 20(2)
    later = _timeline("ukraine", "--as-of", "2026-11-27", "--receipt", "2027-01-15",
                      "--armed-conflict-until", "2027-09-01")["effective"]
    assert later["date"] == "2027-09-01"  # Article 20(3): deferred to the end of the conflict


def test_latvia_is_bound_from_1_january_2006() -> None:
    assert _timeline("latvia", "--as-of", "2005-12-31")["status"] == "not-a-party"
    assert _timeline("latvia", "--as-of", "2006-01-01")["status"] == "party"


# ---------------------------------------------------------------------------------------------------------------
# Statutory limits


def _limit_days(state_id: str, step_id: str) -> int:
    step = next(s for s in RULES.state(state_id).procedure.steps if s.id == step_id)
    assert step.statutory_limit is not None
    return step.statutory_limit.days


@pytest.mark.parametrize("as_of", ["2025-03-18", "2025-03-26", "2025-04-10", "2025-04-20"])
def test_latvias_proclamation_is_never_projected_after_its_article_69_limit(as_of: str) -> None:
    assert _limit_days("latvia", "president-proclaims") == 21  # Satversme Art. 69: by the 21st day after adoption
    t = project_timeline(RULES.state("latvia"), date.fromisoformat(as_of))
    vote, proclaims = t.step("saeima-vote"), t.step("president-proclaims")
    assert proclaims.kind is Kind.PROJECTED
    assert vote.span.latest is not None and proclaims.span.latest is not None
    assert proclaims.span.latest <= vote.span.latest + timedelta(days=21)


def _latvia_with(durations: tuple[DurationRange, ...] | None = None, drop_event: str | None = None) -> State:
    state = RULES.state("latvia")
    steps = tuple(replace(s, durations=durations) if durations and s.id == "president-proclaims" else s
                  for s in state.procedure.steps)
    return replace(state, procedure=replace(state.procedure, steps=steps),
                   events=tuple(e for e in state.events if e.step != drop_event))


def test_the_limit_caps_a_wider_range_and_says_so() -> None:
    wide = (DurationRange(3, 30, 90, "a deliberately wide range", date(2006, 1, 1)),)
    t = project_timeline(_latvia_with(wide), date(2025, 4, 20))
    proclaims = t.step("president-proclaims")
    assert proclaims.span.latest == date(2025, 5, 7)  # the Saeima's vote on 16 Apr + 21 days, not + 90
    assert proclaims.span.date == date(2025, 5, 7)  # typical 16 Apr + 30 days, capped too
    assert "latest bounded by the statutory limit: 21 days from saeima-vote" in (proclaims.note or "")


def test_a_limit_that_ran_out_is_said_to_have() -> None:
    t = project_timeline(_latvia_with(drop_event="president-proclaims"), date(2025, 5, 20))
    proclaims = t.step("president-proclaims")
    assert proclaims.kind is Kind.PROJECTED
    assert "ran out on 2025-05-07" in (proclaims.note or "")


def test_polands_senate_limit_is_not_applied_and_the_projection_says_why() -> None:
    doc = _timeline("poland", "--as-of", "2025-03-18")
    for step_id in ("senate", "president-signs"):
        step = next(s for s in doc["steps"] if s["id"] == step_id)
        assert step["kind"] == "projected" and step["limit"]["from_step"] is None
        assert "not recorded" in step["limit"]["from"]
        assert any("the limit is not applied to this projection" in note for note in step["notes"])
    senate = next(s for s in doc["steps"] if s["id"] == "senate")
    assert senate["limit"]["days"] == 30 and "delivered to the Senate" in senate["limit"]["from"]  # Art. 121


# ---------------------------------------------------------------------------------------------------------------
# Article 20(3) wording and CSV columns


def test_a_conflict_ending_the_day_the_six_months_expire_is_not_before_them() -> None:
    same = json.loads(run_cli(["effective", "2025-08-20", "--armed-conflict-until", "2026-02-20", "-f", "json"]).stdout)
    assert same["effective"] == "2026-02-20"
    assert same["rule"].endswith("the armed conflict ends 2026-02-20, on the day the six months expire")
    assert "before the six months" not in same["rule"]
    day_before = json.loads(run_cli(["effective", "2025-08-20", "--armed-conflict-until", "2026-02-19",
                                     "-f", "json"]).stdout)
    assert day_before["rule"].endswith("the armed conflict ends 2026-02-19, before the six months expire")
    later = json.loads(run_cli(["effective", "2025-08-20", "--armed-conflict-until", "2026-02-21", "-f", "json"]).stdout)
    assert later["effective"] == "2026-02-21" and "is a convention" in later["rule"]


@pytest.mark.parametrize("state_id", STATES)
def test_timeline_csv_has_the_limit_columns_for_every_step(state_id: str) -> None:
    result = run_cli(["timeline", state_id, "--as-of", "2025-03-18", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(RULES.state(state_id).procedure.steps)
    assert {"step_limit_days", "step_limit_from", "step_limit_from_step", "step_basis_known_from"} <= set(rows[0])


def test_compare_csv_has_one_header_for_every_state() -> None:
    result = run_cli(["compare", "--as-of", "2026-11-27", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted({r["state_id"] for r in rows}) == STATES
    poland_senate = next(r for r in rows if r["state_id"] == "poland" and r["step_id"] == "senate")
    assert poland_senate["step_limit_days"] == "30"


def test_status_of_a_what_if_before_the_state_was_bound_is_refused_by_the_api() -> None:
    from ottawa_exit import InputError, Overrides

    with pytest.raises(InputError, match="before Latvia was bound by the Convention \\(2006-01-01\\)"):
        project_timeline(RULES.state("latvia"), date(2026, 1, 1), Overrides.build(receipt=date(2005, 12, 31)))
    assert project_timeline(RULES.state("latvia"), date(2005, 12, 31)).status is Status.NOT_A_PARTY


def test_the_chart_has_no_marks_for_a_state_with_no_withdrawal_decided() -> None:
    text = run_cli(["compare", "--as-of", "2025-06-01"], env={"COLUMNS": "100"}).stdout
    ukraine = next(line for line in text.splitlines() if line.startswith("Ukraine "))
    assert "no withdrawal decided" in ukraine and "┊" in ukraine  # the reason; the as-of line crosses the row
    # As of today its recorded suspension steps exist, but a chart of withdrawals shows none of them either.
    later = run_cli(["compare", "--as-of", "2026-11-27"], env={"COLUMNS": "100"}).stdout
    row = next(line for line in later.splitlines() if line.startswith("Ukraine "))
    assert row.split() == ["Ukraine", "suspension", "notified", "2025-07-18;", "no", "withdrawal", "decided", "┊"]
    for glyph in ("●", "○", "◆", "◇", "★", "☆", "…"):
        assert glyph not in row


def test_a_source_is_not_cited_before_it_was_published() -> None:
    """Ukraine's suspension notice (18 Jul 2025) is known here from Human Rights Watch's report of 24 Jul 2025: as of
    20 Jul neither the step's record nor that source appears (review finding)."""
    before = run_cli(["timeline", "ukraine", "--as-of", "2025-07-20", "-f", "json"]).stdout
    assert "hrw.org/news/2025/07/24" not in before
    after = json.loads(run_cli(["timeline", "ukraine", "--as-of", "2025-07-24", "-f", "json"]).stdout)
    notice = next(s for s in after["steps"] if s["id"] == "suspension-notice")
    assert (notice["kind"], notice["date"]) == ("recorded", "2025-07-18")
    assert notice["sources"][0]["url"] == "https://www.hrw.org/news/2025/07/24/ukraine-suspends-vital-mine-ban-treaty"
