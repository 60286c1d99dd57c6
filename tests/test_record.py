"""Every date the tool states for a real event matches the public record in ../shared/facts/, with a source."""

from __future__ import annotations

import os
import re
from datetime import date

import pytest

from ottawa_exit import Rules, project_timeline
from ottawa_exit.data.model import EFFECTIVE, RECEIPT
from ottawa_exit.projection.timeline import Kind, Status
from ottawa_exit.version import DATA_REVIEWED

from .assertions import assert_effective, assert_recorded
from .conftest import FACTS_DIR

AS_OF = date(2026, 11, 27)

# Typed from ../shared/facts/states.md by hand: (receipt, effective).
RECORD = {
    "poland": (date(2025, 8, 20), date(2026, 2, 20)),
    "lithuania": (date(2025, 6, 27), date(2025, 12, 27)),
    "latvia": (date(2025, 6, 27), date(2025, 12, 27)),
    "estonia": (date(2025, 6, 27), date(2025, 12, 27)),
    "finland": (date(2025, 7, 10), date(2026, 1, 10)),
}

# Every exact step date in the facts, by state and step id in our rules. Latvia's first reading follows
# corrections.md (the Saeima's transcript of 3 Apr 2025), not states.md's 27 Mar: see FACTS_CORRECTED.
STEP_DATES = {
    "poland": {"decision": "2025-03-18", "sejm-first-reading": "2025-05-20", "sejm-vote": "2025-06-25",
               "senate": "2025-07-17", "denunciation": "2025-08-05", "receipt": "2025-08-20"},
    "lithuania": {"decision": "2025-03-18", "seimas-consideration": "2025-05-06", "seimas-vote": "2025-05-08",
                  "receipt": "2025-06-27"},
    "latvia": {"decision": "2025-03-18", "cabinet-bill": "2025-03-25", "saeima-first-reading": "2025-04-03",
               "saeima-vote": "2025-04-16", "president-proclaims": "2025-04-24", "receipt": "2025-06-27"},
    "estonia": {"decision": "2025-03-18", "government-bill": "2025-04-24", "riigikogu-first-reading": "2025-05-21",
                "riigikogu-vote": "2025-06-04", "president-proclaims": "2025-06-13", "receipt": "2025-06-27"},
    "finland": {"decision": "2025-04-01", "government-proposal": "2025-05-28", "eduskunta-vote": "2025-06-19",
                "president-decides": "2025-07-04", "receipt": "2025-07-10"},
    "ukraine": {"nsdc-decision": "2025-06-29", "cabinet-bill": "2025-07-11", "rada-vote": "2025-07-15",
                "president-signs": "2025-07-15", "suspension-notice": "2025-07-18"},
}


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules()


@pytest.mark.parametrize("state_id", sorted(RECORD))
def test_recorded_receipt_and_effect(rules: Rules, state_id: str) -> None:
    timeline = project_timeline(rules.state(state_id), AS_OF)
    receipt, effective = RECORD[state_id]
    assert timeline.status is Status.WITHDRAWN
    assert_recorded(timeline, RECEIPT, receipt)
    assert timeline.receipt.kind is Kind.RECORDED and timeline.receipt.span.date == receipt
    assert_effective(timeline, effective, Kind.RECORDED)
    assert timeline.effective.sources and timeline.receipt.sources


@pytest.mark.parametrize("state_id", sorted(STEP_DATES))
def test_every_recorded_step_date_and_its_source(rules: Rules, state_id: str) -> None:
    timeline = project_timeline(rules.state(state_id), AS_OF)
    recorded = {s.step.id: s for s in timeline.steps if s.kind is Kind.RECORDED and s.span.date}
    assert {k: v.span.date.isoformat() for k, v in recorded.items()} == STEP_DATES[state_id]
    for item in recorded.values():
        assert item.sources or item.secondary, f"{state_id}.{item.step.id} has no source and is not marked secondary"
        assert all(s.url.startswith("http") and s.publisher and s.kind for s in item.sources)


def test_poland_signature_is_a_window_not_a_day(rules: Rules) -> None:
    event = rules.state("poland").event("president-signs")
    assert event is not None and event.date is None
    assert (event.earliest, event.latest) == (date(2025, 7, 17), date(2025, 7, 25))


def test_unknown_dates_stay_unknown(rules: Rules) -> None:
    for state_id, step_id in [("poland", "government-bill"), ("lithuania", "president-signs"),
                              ("lithuania", "government-resolution")]:
        event = rules.state(state_id).event(step_id)
        assert event is not None and event.is_unknown


def test_vote_counts_as_recorded(rules: Rules) -> None:
    details = {(s.id, e.step): e.detail for s in rules.all() for e in s.events}
    assert "413 for, 15 against, 3 abstained" in details[("poland", "sejm-vote")]
    assert "107 for, 0 against, 3 abstained" in details[("lithuania", "seimas-vote")]
    assert "66 for, 14 against, 2 abstained" in details[("latvia", "saeima-vote")]
    assert "81 for, 1 against, 7 abstained" in details[("estonia", "riigikogu-vote")]
    assert "157 for, 18 against, 24 absent" in details[("finland", "eduskunta-vote")]
    assert "299 for" in details[("ukraine", "rada-vote")]


def test_ukraine_is_a_party_with_no_withdrawal_projected(rules: Rules) -> None:
    """A suspension is not an Article 20 withdrawal: its steps stay recorded, no receipt or effect is projected."""
    timeline = project_timeline(rules.state("ukraine"), AS_OF)
    assert timeline.status is Status.PARTY
    reason = "no withdrawal decided as of 2026-11-27 (a suspension is not an Article 20 withdrawal)"
    assert (timeline.receipt.kind, timeline.receipt.span, timeline.receipt.reason) == (
        Kind.NONE, (None, None, None), reason)
    assert (timeline.effective.kind, timeline.effective.span, timeline.effective.reason) == (
        Kind.NONE, (None, None, None), reason)
    assert timeline.step("rada-vote").kind is Kind.RECORDED
    assert any("suspension, not an Article 20 withdrawal" in n for n in timeline.notes)


# Hand-typed from ../shared/facts/corrections.md (Article 17: the first day of the sixth month after deposit).
BOUND = {"estonia": (date(2004, 5, 12), date(2004, 11, 1)), "finland": (date(2012, 1, 9), date(2012, 7, 1)),
         "latvia": (date(2005, 7, 1), date(2006, 1, 1)), "lithuania": (date(2003, 5, 12), date(2003, 11, 1)),
         "poland": (date(2012, 12, 27), date(2013, 6, 1)), "ukraine": (date(2005, 12, 27), date(2006, 6, 1))}


@pytest.mark.parametrize("state_id", sorted(BOUND))
def test_every_state_has_an_exact_bound_from_date_with_a_source(rules: Rules, state_id: str) -> None:
    state = rules.state(state_id)
    assert (state.deposited, state.bound_from) == BOUND[state_id]
    assert state.bound_sources and all(s.url.startswith("http") for s in state.bound_sources)


def test_data_review_date_is_the_one_version_reports(rules: Rules) -> None:
    assert {s.reviewed for s in rules.all()} == {date.fromisoformat(DATA_REVIEWED)}


def _facts_sections() -> dict[str, str]:
    """The facts file's text, one section per state (by lower-case first word of its heading)."""
    if not (FACTS_DIR / "states.md").exists():
        if os.environ.get("CI"):  # CI checks out ../shared beside the project: its absence there is a failure
            pytest.fail(f"{FACTS_DIR} is missing: CI must check out ../shared beside the project")
        pytest.skip(f"{FACTS_DIR} is not beside this checkout: the hand-typed record above is still checked")
    text = (FACTS_DIR / "states.md").read_text(encoding="utf-8")
    return {section.split()[0].lower(): section for section in re.split(r"^## ", text, flags=re.M)[1:]}


def _facts_rows(section: str) -> dict[str, str]:
    """Receipt and effect dates read from a state's record table."""
    found: dict[str, str] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", cells[1]):
            continue
        if "(receipt)" in cells[0]:
            found[RECEIPT] = cells[1]
        elif cells[0].startswith("withdrawal takes effect"):
            found[EFFECTIVE] = cells[1]
    return found


@pytest.mark.parametrize("state_id", sorted(RECORD))
def test_the_typed_receipt_and_effect_agree_with_the_shared_facts(state_id: str) -> None:
    receipt, effective = RECORD[state_id]
    rows = _facts_rows(_facts_sections()[state_id])
    assert rows == {RECEIPT: receipt.isoformat(), EFFECTIVE: effective.isoformat()}


# The one documented departure from states.md: ../shared/facts/corrections.md ("Latvia: first reading in the
# Saeima") says the Saeima's own transcript of 3 Apr 2025 shows the bill on that day's agenda, and 27 Mar (one
# aggregator) was the sitting the Foreign Ministry had asked for. (state, step): (our date, states.md's date).
FACTS_CORRECTED = {("latvia", "saeima-first-reading"): ("2025-04-03", "2025-03-27")}


def test_the_documented_correction_is_still_needed_and_explained(rules: Rules) -> None:
    """The exception covers exactly what corrections.md documents: states.md still says the old date, and the
    rules explain it in the event's note. It is no longer kept as an alternative date: its only source was a refused
    host (data/policy.toml), and no Saeima record or citable report shows a vote that day."""
    corrections = (FACTS_DIR / "corrections.md")
    if not corrections.exists():
        pytest.skip(f"{FACTS_DIR} is not beside this checkout")
    assert "https://www.saeima.lv/en/transcripts/view/2610" in corrections.read_text(encoding="utf-8")
    sections = _facts_sections()
    for (state_id, step), (ours, theirs) in FACTS_CORRECTED.items():
        assert theirs in sections[state_id] and ours not in sections[state_id]
        event = rules.state(state_id).event(step)
        assert event is not None and event.date == date.fromisoformat(ours)
        assert event.alternative_date is None
        assert f"{date.fromisoformat(theirs):%-d %B %Y}" in (event.note or "")


@pytest.mark.parametrize("state_id", sorted(STEP_DATES))
def test_every_typed_step_date_is_in_the_shared_facts(state_id: str) -> None:
    sections = _facts_sections()
    text = sections[state_id] + sections["shared"]  # the joint statement is listed once, as a shared event
    missing = {step: day for step, day in STEP_DATES[state_id].items()
               if day not in text and FACTS_CORRECTED.get((state_id, step), (None,))[0] != day}
    assert not missing, f"dates typed for {state_id} but absent from its section of states.md: {missing}"
