"""Calendars that update in place and retract: every step keeps its UID in every file, a step no longer dated is
sent as cancelled, and a file made as of a later date wins (a higher SEQUENCE). Checked by parsing the files and by
importing them into khal, a calendar client that honours UIDs."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ottawa_exit import Rules, project_timeline
from ottawa_exit.render.ics import calendar

from .conftest import run_cli

BILL = "poland-government-bill@ottawa-exit"


def _events(*args: str) -> dict[str, icalendar.Event]:
    result = run_cli([*args, "--format", "ics"])
    assert result.exit_code == 0, result.stderr
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(result.stdout).walk("VEVENT")}


def test_a_projection_no_longer_made_is_cancelled_by_the_later_file() -> None:
    """Poland's Council of Ministers bill: projected as of 2025-05-01; as of 2025-09-01 the record says it happened
    on a day it does not give, so the later file cancels the projected event under the same UID."""
    before = _events("timeline", "poland", "--as-of", "2025-05-01")
    after = _events("timeline", "poland", "--as-of", "2025-09-01")
    projected, cancelled = before[BILL], after[BILL]
    assert str(projected["SUMMARY"]).startswith("Projected: Poland: Council of Ministers adopts the bill")
    assert str(projected["STATUS"]) == "TENTATIVE"
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) > int(projected["SEQUENCE"])
    assert "Projected" not in str(cancelled["SUMMARY"])
    assert "on a day it does not give" in str(cancelled["DESCRIPTION"])
    assert cancelled.decoded("DTSTART") == date(2025, 9, 1)  # a cancellation sits on the as-of date


def test_every_step_keeps_its_uid_in_every_file() -> None:
    """Whatever is known, a file names every step of the procedure and the effect: nothing an earlier file said
    can be left without an answer."""
    state = Rules().state("poland")
    expected = {f"poland-{s.id}@ottawa-exit" for s in state.procedure.steps} | {"poland-effective@ottawa-exit"}
    for as_of in ("2025-01-01", "2025-03-18", "2025-05-01", "2025-09-01", "2026-11-27"):
        assert set(_events("timeline", "poland", "--as-of", as_of)) == expected, as_of


def test_recorded_steps_are_confirmed_and_undated_ones_cancelled() -> None:
    events = _events("timeline", "poland", "--as-of", "2026-11-27")
    assert str(events["poland-senate@ottawa-exit"]["STATUS"]) == "CONFIRMED"
    assert str(events["poland-effective@ottawa-exit"]["STATUS"]) == "CONFIRMED"
    assert str(events[BILL]["STATUS"]) == "CANCELLED"
    early = _events("compare", "--as-of", "2025-01-01")  # nobody had decided anything: every event cancelled
    assert early and {str(e["STATUS"]) for e in early.values()} == {"CANCELLED"}


def test_ukraine_exports_its_five_recorded_steps() -> None:
    """Regression: Ukraine's suspension steps are on the record and in its calendar, with the objections and the
    response; the Article 20 receipt and effect it never had are cancelled, not projected."""
    events = _events("timeline", "ukraine", "--as-of", "2026-11-27")
    confirmed = {uid: e.decoded("DTSTART") for uid, e in events.items() if str(e["STATUS"]) == "CONFIRMED"}
    assert confirmed == {
        "ukraine-nsdc-decision@ottawa-exit": date(2025, 6, 29),
        "ukraine-cabinet-bill@ottawa-exit": date(2025, 7, 11),
        "ukraine-rada-vote@ottawa-exit": date(2025, 7, 15),
        "ukraine-president-signs@ottawa-exit": date(2025, 7, 15),
        "ukraine-suspension-notice@ottawa-exit": date(2025, 7, 18),
        # the States Parties' answers lodged on a known day (Norway's, lodged by 2 Dec 2025, has no day)
        "ukraine-objection-che@ottawa-exit": date(2025, 10, 17),
        "ukraine-objection-nzl@ottawa-exit": date(2025, 11, 25),
        "ukraine-suspension-response@ottawa-exit": date(2025, 12, 5),
    }
    assert str(events["ukraine-objection-che@ottawa-exit"]["SUMMARY"]) == (
        "Switzerland objects to Ukraine's suspension of the Ottawa Convention")
    assert all(e.get("URL") for uid, e in events.items() if uid in confirmed)  # each with its source
    for uid in ("ukraine-receipt@ottawa-exit", "ukraine-effective@ottawa-exit"):
        assert str(events[uid]["STATUS"]) == "CANCELLED"
        assert "no withdrawal decided" in str(events[uid]["DESCRIPTION"])


def test_suspension_events_only_once_known() -> None:
    """Knowledge has a date: as of 2025-11-01 only Switzerland's objection had been reported."""
    events = _events("timeline", "ukraine", "--as-of", "2025-11-01")
    assert [uid for uid in events if "objection" in uid or "response" in uid] == ["ukraine-objection-che@ottawa-exit"]


def test_a_what_if_is_retracted_by_the_plain_file_of_a_later_date() -> None:
    what_if = _events("timeline", "ukraine", "--as-of", "2026-11-27", "--receipt", "2027-01-15")
    plain = _events("timeline", "ukraine", "--as-of", "2026-11-28")
    receipt = "ukraine-receipt@ottawa-exit"
    assert str(what_if[receipt]["SUMMARY"]).startswith("What-if: ")
    assert str(plain[receipt]["STATUS"]) == "CANCELLED"
    assert int(plain[receipt]["SEQUENCE"]) > int(what_if[receipt]["SEQUENCE"])


as_of_dates = st.dates(min_value=date(1997, 9, 18), max_value=date(2030, 12, 31))  # from the adoption


@settings(max_examples=15, deadline=None)
@given(as_of_dates, st.integers(min_value=1, max_value=4000))
def test_a_later_file_always_carries_a_higher_sequence(earlier: date, gap: int) -> None:
    """For any two as-of dates, every event of the later file outranks every event of the earlier one, and the
    same input gives the same bytes."""
    later = earlier + timedelta(days=gap)
    state = Rules().state("poland")
    first = calendar([project_timeline(state, earlier)])
    second = calendar([project_timeline(state, later)])
    assert calendar([project_timeline(state, later)]) == second
    low = {int(e["SEQUENCE"]) for e in icalendar.Calendar.from_ical(first).walk("VEVENT")}
    high = {int(e["SEQUENCE"]) for e in icalendar.Calendar.from_ical(second).walk("VEVENT")}
    assert min(high) > max(low) >= 0


# --------------------------------------------------------------------------------------------------------------
# In a calendar client: khal


KHAL = shutil.which("khal")


def _khal(config: Path, *args: str) -> str:
    done = subprocess.run([KHAL or "khal", "--config", str(config), *args], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.skipif(KHAL is None, reason="khal is not installed (Debian: apt-get install khal); the calendar files "
                    "are still checked by parsing them above")
def test_khal_keeps_no_stale_projection_after_a_later_import(tmp_path: Path) -> None:
    """Import Poland's calendar as of 2025-05-01, then re-import one made as of a later date: the projected
    Council of Ministers event is gone (khal shows it cancelled), and every projection khal still shows is one the
    later file makes."""
    folder = tmp_path / "calendars" / "ottawa"
    folder.mkdir(parents=True)
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[ottawa]]\npath = {folder}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        f"[sqlite]\npath = {tmp_path / 'khal.db'}\n", encoding="utf-8")
    listing = ["list", "--format", "{cancelled}|{title}", "--day-format", "", "1997-01-01", "2030-12-31"]
    for as_of in ("2025-05-01", "2025-09-01"):
        ics = tmp_path / f"poland-{as_of}.ics"
        assert run_cli(["timeline", "poland", "--as-of", as_of, "--format", "ics", "-o", str(ics)]).exit_code == 0
        _khal(config, "import", "--batch", str(ics))
        if as_of == "2025-05-01":
            shown = _khal(config, *listing)
            assert "|Projected: Poland: Council of Ministers adopts the bill" in shown  # the stale-to-be event
    lines = [line for line in _khal(config, *listing).splitlines() if line.strip()]
    live = [line.partition("|")[2] for line in lines if not line.startswith("CANCELLED")]
    cancelled = [line.partition("|")[2] for line in lines if line.startswith("CANCELLED")]
    assert not any("Council of Ministers" in title for title in live), live
    assert any(title.startswith("Not dated: Poland: Council of Ministers") for title in cancelled), cancelled
    later = _events("timeline", "poland", "--as-of", "2025-09-01")
    projected_later = {str(e["SUMMARY"]) for e in later.values() if str(e["SUMMARY"]).startswith("Projected: ")}
    assert {t for t in live if t.startswith("Projected: ")} == projected_later
    assert len(list(folder.iterdir())) == len(later)  # one event per UID: nothing duplicated


def _uids(as_of: str) -> dict[str, icalendar.Event]:
    text = run_cli(["timeline", "poland", "--as-of", as_of, "--format", "ics"]).stdout
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}


def test_calendar_events_keep_their_uid_when_a_projection_becomes_recorded() -> None:
    before, after = _uids("2025-06-01"), _uids("2026-11-27")
    assert set(before) <= set(after)
    assert str(before["poland-senate@ottawa-exit"]["SUMMARY"]).startswith("Projected: ")
    for uid, event in before.items():
        later = after[uid]
        if "Projected" in str(event["SUMMARY"]) and "Projected" not in str(later["SUMMARY"]):
            assert int(later["SEQUENCE"]) > int(event["SEQUENCE"])
            assert later.decoded("LAST-MODIFIED") > event.decoded("LAST-MODIFIED")
    assert int(after["poland-effective@ottawa-exit"]["SEQUENCE"]) > int(before["poland-effective@ottawa-exit"]["SEQUENCE"])
    assert str(after["poland-senate@ottawa-exit"]["LAST-MODIFIED"].to_ical(), "ascii") == "20250717T000000Z"
