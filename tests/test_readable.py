"""Issue 10: tables that fit any width from 60 columns, sources as notes, the HTML report, calendars that update in
place, and a command line that behaves as people expect."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from ottawa_exit.cli import app

from .conftest import run_cli

STATES = ("Estonia", "Finland", "Latvia", "Lithuania", "Poland", "Ukraine")
COMMANDS = {
    "countries": ["countries", "--as-of", "2026-11-27"],
    "countries 2025-06-01": ["countries", "--as-of", "2025-06-01"],
    "timeline poland": ["timeline", "poland", "--as-of", "2026-11-27"],
    "timeline poland 2025-06-01": ["timeline", "poland", "--as-of", "2025-06-01"],
    "procedure lithuania": ["procedure", "lithuania"],
    "backtest": ["backtest"],
    "compare": ["compare", "--as-of", "2025-06-01"],
    "effective": ["effective", "2025-06-27", "2025-08-31"],
}
# A numbered source's address, and the address of the copy read: the lines allowed to be wider (never broken)
NOTE = re.compile(r"^(\[\d+\]|    read via) https?://\S+$")


def _at(width: int, args: list[str]) -> str:
    result = CliRunner().invoke(app, args, env={"COLUMNS": str(width)}, terminal_width=width, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _check_fits(text: str, width: int, names: tuple[str, ...]) -> None:
    for line in text.splitlines():
        assert len(line) <= width or NOTE.match(line), f"{len(line)} > {width}: {line!r}"
    assert "…" not in text.replace("… Art. 20(3) pending", "").replace("  …", ""), text  # no cut word
    for day in re.findall(r"\d{4}-\d\d-\d*", text):
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", day), day  # every date whole
    for name in names:
        assert re.search(rf"(^|[\s|]){name}([\s|:]|$)", text, flags=re.M), name  # every state name whole


@pytest.mark.parametrize("width", [60, 80, 100, 120])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_table_fits_the_width_and_keeps_every_word_whole(command: str, width: int) -> None:
    text = _at(width, COMMANDS[command])
    names = () if command in ("effective",) else (("Poland",) if "poland" in command else ("Lithuania",)
                                                  if "procedure" in command else STATES[:5])
    _check_fits(text, width, names)


@pytest.mark.parametrize("width", [60, 80, 120])
def test_procedure_shows_every_step_id_whole(width: int) -> None:
    ids = [s["id"] for s in json.loads(run_cli(["procedure", "lithuania", "-f", "json"]).stdout)["steps"]]
    table = _at(width, ["procedure", "lithuania"])
    markdown = run_cli(["procedure", "lithuania", "-f", "markdown"]).stdout
    csv_text = run_cli(["procedure", "lithuania", "-f", "csv"]).stdout
    ndjson = [json.loads(line) for line in run_cli(["procedure", "lithuania", "-f", "ndjson"]).stdout.splitlines()]
    for step_id in ids:
        assert re.search(rf"(^|[\s|]){re.escape(step_id)}(\s|$)", table, flags=re.M), step_id
        assert f"`{step_id}`" in markdown and f",{step_id}," in csv_text
    assert [s["id"] for s in ndjson[0]["steps"]] == ids


def test_sources_are_publishers_and_kinds_with_the_addresses_listed_unbroken() -> None:
    text = _at(80, ["timeline", "poland", "--as-of", "2026-11-27"])
    body, _, notes = text.partition("Sources:\n")
    assert "https://" not in body  # no address inside the table
    assert "Polska Zbrojna" in body and "gazette [" in body  # publisher and kind, with the note number
    lines = notes.splitlines()
    addresses = [line for line in lines if line.startswith("[")]
    assert addresses and all(NOTE.match(line) for line in addresses)
    assert all(len(line) <= 80 or NOTE.match(line) for line in lines)
    assert "[1] https://www.delfi.lt/en/politics/baltics-poland-announce-plans-to-leave-mine-ban-treaty-120094655" in lines
    assert "    read via https://www.prawo.pl/akty/dz-u-2025-1514,22192842.html" in lines  # the copy, beside the original
    assert any(line.startswith("[") and "dziennikustaw.gov.pl/DU/2025/1514" in line for line in lines)


def test_a_terminal_gets_links_for_the_site_labels() -> None:
    from ottawa_exit.data.model import Source
    from ottawa_exit.render.layout import make_console, render_to_text, source_labels
    from ottawa_exit.render.text import Sources

    notes = Sources()
    sejm = Source("sejm", "https://www.sejm.gov.pl/x?y=1", "Sejm (Polish parliament)", "legislature", "A page", "pl")
    label = source_labels([sejm], notes, terminal=True)
    console = make_console(True, width=80)
    console._force_terminal, console._color_system = True, console._detect_color_system() or 3  # type: ignore
    text = render_to_text([label], console, notes)
    assert "\x1b]8;id=" in text and ";https://www.sejm.gov.pl/x?y=1\x1b\\Sejm, legislature\x1b]8;;" in text
    assert text.endswith("Sources:\n[1] https://www.sejm.gov.pl/x?y=1\n    Sejm (Polish parliament), legislature: A page\n")


def test_piped_width_defaults_to_80(monkeypatch: pytest.MonkeyPatch) -> None:
    from ottawa_exit.render.layout import make_console

    monkeypatch.delenv("COLUMNS", raising=False)
    assert make_console(False).width == 80


def test_a_real_pipe_at_80_columns_fits() -> None:
    env = {**os.environ, "COLUMNS": "80"}
    done = subprocess.run([sys.executable, "-m", "ottawa_exit", "countries", "--as-of", "2025-06-01"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    _check_fits(done.stdout, 80, STATES)


# --------------------------------------------------------------------------------------------------------------
# HTML


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _page(args: list[str]) -> _Page:
    result = run_cli(args)
    assert result.exit_code == 0, result.stderr
    page = _Page()
    page.feed(result.stdout)
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.rstrip().endswith("</html>")
    return page


@pytest.mark.parametrize("args", [["timeline", "poland"], ["countries"], ["compare"]])
def test_html_report_is_one_self_contained_page(args: list[str]) -> None:
    page = _page([*args, "--as-of", "2026-11-27", "-f", "html"])
    names = [t for t, _ in page.tags]
    assert "script" not in names and "iframe" not in names and "link" not in names
    assert "svg" in names  # the chart, inline
    for tag, attrs in page.tags:
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            if value.startswith(("http:", "https:", "//")):
                assert tag == "a" and key == "href", (tag, attrs)
        if tag == "a":
            assert re.match(r"https?://\S+$", attrs["href"] or ""), attrs
        if tag == "img":
            assert (attrs.get("src") or "").startswith("data:")
    text = "".join(page.text)
    assert "2026-11-27" in text and "Poland" in text


def test_html_escapes_text_from_rules_files(tmp_path: Path) -> None:
    rules = tmp_path / "hostile.toml"
    rules.write_text('''
[state]
id = "poland"
name = "Poland <script>alert(1)</script>"

[[notes]]
text = "<img src=x onerror=alert(1)>"
known_from = 2025-01-01

[[events]]
step = "senate"
date = 2025-07-17
detail = "<b>bold</b>"
source = "hostile"

[source.hostile]
url = "https://example.org/x?a=<script>"
publisher = "<script>alert(2)</script>"
kind = "press"
title = "<i>title</i>"
language = "en"
''', encoding="utf-8")
    out = run_cli(["timeline", "poland", "--as-of", "2026-11-27", "--rules", str(rules), "-f", "html"]).stdout
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<b>bold" not in out and "<i>title" not in out and "&lt;script&gt;alert(2)" in out
    page = _Page()
    page.feed(out)
    assert "script" not in [t for t, _ in page.tags]


# --------------------------------------------------------------------------------------------------------------
# Calendars


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


# --------------------------------------------------------------------------------------------------------------
# The command line


@pytest.mark.parametrize("args", [[], ["rules"]])
def test_bare_commands_print_help(args: list[str]) -> None:
    result = run_cli(args)
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("Usage: ") and "Commands:" in result.stdout


def test_help_shows_metavars_not_python_types() -> None:
    for args in (["timeline", "--help"], ["effective", "--help"], ["compare", "--help"], ["rules", "check", "--help"]):
        text = run_cli(args).stdout
        assert "<str>" not in text and "<list" not in text and "<Path" not in text, args
    assert "  DATE...  " in run_cli(["effective", "--help"]).stdout


def test_dash_output_is_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(["countries", "--as-of", "2026-11-27", "-f", "json", "-o", "-"])
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["schema"] == "ottawa-exit/country/2"
    assert not (tmp_path / "-").exists()


def test_a_closed_pipe_ends_quietly() -> None:
    done = subprocess.run(f"'{sys.executable}' -m ottawa_exit countries --as-of 2026-11-27 | head -1; "
                          "exit ${PIPESTATUS[0]}", shell=True, executable="/bin/bash", capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    big = "".join(f"2025-06-{d:02d}\n" for d in range(1, 29)) * 2000
    done = subprocess.run(f"'{sys.executable}' -m ottawa_exit effective - | head -2; exit ${{PIPESTATUS[0]}}",
                          shell=True, executable="/bin/bash", input=big, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == "", done.stderr


@pytest.mark.parametrize("fmt", ["ndjson", "json", "csv", "table"])
def test_effective_writes_the_good_lines_before_a_bad_one(fmt: str) -> None:
    lines = "".join(f"2025-06-{d:02d}\n" for d in range(1, 29)) * 200
    result = run_cli(["effective", "-", "-f", fmt], input=lines + "not-a-date\n2025-01-01\n")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: line {28 * 200 + 1}: 'not-a-date' is not a date in the form YYYY-MM-DD"
    if fmt == "json":
        assert len(json.loads(result.stdout)) == 28 * 200  # the array is closed
    else:
        assert result.stdout.count("2025-06-") >= 28 * 200 and "2025-01-01" not in result.stdout


def test_a_byte_order_mark_on_the_first_line_is_accepted() -> None:
    result = run_cli(["effective", "-", "-f", "ndjson"], input="\ufeff2025-06-27\n2025-08-31\n")
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["effective"] for line in result.stdout.splitlines()] == ["2025-12-27", "2026-02-28"]


def test_rules_check_speaks_json(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(run_cli(["rules", "template", "poland"]).stdout, encoding="utf-8")
    doc = json.loads(run_cli(["rules", "check", str(good), "-f", "json"]).stdout)
    assert doc["schema"] == "ottawa-exit/rules-check/1" and doc["ok"] is True
    assert doc["files"][0]["state"]["id"] == "poland"
    bad = tmp_path / "bad.toml"
    bad.write_text("[state\n", encoding="utf-8")
    result = run_cli(["rules", "check", str(bad), "-f", "json"])
    assert result.exit_code == 2 and json.loads(result.stdout)["ok"] is False
    assert json.loads(result.stdout)["problems"]
