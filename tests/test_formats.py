"""Renderers: calendar files, SVG, CSV and tables; text from data or users stays inert."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject
from typer.testing import CliRunner

from ottawa_exit import Rules, project_timeline
from ottawa_exit.cli import app
from ottawa_exit.errors import InputError
from ottawa_exit.render.structured import neutralise

from .assertions import json_step
from .conftest import run_cli, write_rules

AS_OF = ["--as-of", "2026-11-27"]


def _ics(args: list[str]) -> str:
    result = run_cli(args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_calendar_parses_back_with_icalendar() -> None:
    cal = icalendar.Calendar.from_ical(_ics(["timeline", "poland", *AS_OF, "-f", "ics"]))
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    effect = events["poland-effective@ottawa-exit"]
    assert effect.decoded("DTSTART") == date(2026, 2, 20)
    assert effect.decoded("DTEND") == date(2026, 2, 21)  # exclusive end of an all-day event
    assert "icblcmc.org" in str(effect["URL"])
    signature = events["poland-president-signs@ottawa-exit"]
    assert (signature.decoded("DTSTART"), signature.decoded("DTEND")) == (date(2025, 7, 17), date(2025, 7, 26))
    assert "date window" in str(signature["SUMMARY"])
    assert str(events["poland-government-bill@ottawa-exit"]["STATUS"]) == "CANCELLED"  # no date: cancelled
    receipt = events["poland-receipt@ottawa-exit"]
    assert receipt.decoded("DTSTART") == date(2025, 8, 20)


def test_projected_events_say_so_and_carry_their_range() -> None:
    cal = icalendar.Calendar.from_ical(_ics(["timeline", "poland", "--as-of", "2025-03-18", "-f", "ics"]))
    effect = next(e for e in cal.walk("VEVENT") if str(e["UID"]) == "poland-effective@ottawa-exit")
    assert str(effect["SUMMARY"]).startswith("Projected: ")
    # the receipt's chains (checked by hand in test_commands): 2025-04-19 .. 2025-09-25 .. 2026-09-15, six months on
    assert "Projected range: 2025-10-19 to 2027-03-15 (typical 2026-03-25)" in str(effect["DESCRIPTION"])


def test_calendar_with_an_independent_parser() -> None:
    text = _ics(["compare", *AS_OF, "-f", "ics"])
    cal = vobject.readOne(text)
    starts = {e.uid.value: e.dtstart.value for e in cal.vevent_list}
    for state, effect in [("poland", date(2026, 2, 20)), ("finland", date(2026, 1, 10)),
                          ("estonia", date(2025, 12, 27)), ("latvia", date(2025, 12, 27)),
                          ("lithuania", date(2025, 12, 27))]:
        assert starts[f"{state}-effective@ottawa-exit"] == effect
    status = {e.uid.value: e.status.value for e in cal.vevent_list}
    assert status["ukraine-effective@ottawa-exit"] == "CANCELLED"  # no date to put in a diary
    assert len(starts) == len(cal.vevent_list)  # UIDs are unique


def test_calendar_is_byte_identical_across_runs(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    run_cli(["timeline", "poland", *AS_OF, "-f", "ics", "-o", str(first)])
    run_cli(["timeline", "poland", *AS_OF, "-f", "ics", "-o", str(second)])
    assert first.read_bytes() == second.read_bytes()
    assert b"DTSTAMP:20261128T000000Z" in first.read_bytes()  # the rules' review date (version.DATA_REVIEWED)


def test_calendar_stamp_is_the_rules_review_date_not_today(tmp_path: Path) -> None:
    """DTSTAMP comes from the data: a rules file that says it was reviewed on another day changes it."""
    rules = write_rules(tmp_path, '[state]\nid = "poland"\nreviewed = 2026-01-15\n', "reviewed.toml")
    text = _ics(["timeline", "poland", *AS_OF, "--rules", str(rules), "-f", "ics"])
    stamps = {line for line in text.splitlines() if line.startswith("DTSTAMP")}
    assert stamps == {"DTSTAMP:20260115T000000Z"}


def _svg(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    return root


def _texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()).strip() for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_compare_svg_is_a_matplotlib_chart_with_a_row_per_state() -> None:
    svg = _ics(["compare", *AS_OF, "-f", "svg"])
    root = _svg(svg)
    texts = _texts(root)
    for name in ("Estonia", "Finland", "Latvia", "Lithuania", "Poland", "Ukraine"):
        assert texts.count(name) == 1, name  # one <text> per state: the row's label
    assert any(re.fullmatch(r"(Jan|Mar|May|Jul|Sep|Nov)\s*(20\d\d)?", t) for t in texts)  # a date axis
    assert any(re.search(r"20\d\d", t) for t in texts)
    assert 'id="axes_1"' in svg and "<dc:creator>" in svg  # matplotlib's figure, not a terminal screenshot
    assert any("source: ottawa-exit" in t and "2026-11-27" in t for t in texts)  # the footer
    assert not any("indeterminate" in t for t in texts)  # Ukraine: nothing decided, so no marks at all
    namespaces = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink",
                  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd", "http://creativecommons.org/ns#",
                  "http://purl.org/dc/dcmitype/StillImage", "http://purl.org/dc/elements/1.1/",
                  "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
    assert set(re.findall(r"https?://[^\s\"'<>)]+", svg)) <= namespaces  # no remote font or image


def test_charts_are_byte_identical_across_runs(tmp_path: Path) -> None:
    for fmt in ("svg", "png", "pdf"):
        first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        for path in (first, second):
            assert run_cli(["compare", *AS_OF, "-f", fmt, "-o", str(path)]).exit_code == 0
        assert first.read_bytes() == second.read_bytes(), fmt


def test_png_and_pdf_are_valid(tmp_path: Path) -> None:
    png, pdf = tmp_path / "c.png", tmp_path / "c.pdf"
    run_cli(["compare", *AS_OF, "-f", "png", "-o", str(png)])
    run_cli(["timeline", "poland", *AS_OF, "-f", "pdf", "-o", str(pdf)])
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width == 1200 and 300 <= height <= 1200  # readable at 1200 px wide
    assert pdf.read_bytes().startswith(b"%PDF-") and pdf.read_bytes().rstrip().endswith(b"%%EOF")


def test_binary_chart_to_stdout_pipe_is_written_and_to_a_terminal_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    piped = CliRunner().invoke(app, ["compare", *AS_OF, "-f", "png"])
    assert piped.exit_code == 0 and piped.stdout_bytes.startswith(b"\x89PNG")
    from ottawa_exit.cli import output

    monkeypatch.setattr(output.sys.stdout, "isatty", lambda: True, raising=False)
    with pytest.raises(InputError, match="give -o FILE"):
        output.write_result(b"%PDF-", None, "--format pdf")


def test_charts_without_matplotlib_name_the_extra() -> None:
    """In a process where `import matplotlib` fails, as without the `charts` extra."""
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        code = ("import sys\n"
                "sys.modules['matplotlib'] = None  # `import matplotlib` raises ImportError\n"
                f"sys.argv = ['ottawa-exit', *{list(args)!r}]\n"
                "from ottawa_exit.cli import main\n"
                "main()\n")
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                              env={**os.environ, "NO_COLOR": "1"})

    result = run("compare", *AS_OF, "-f", "svg")
    assert result.returncode == 2
    assert result.stderr.strip() == ("error: charts need matplotlib: pip install 'ottawa-exit[charts]' "
                                     "(or use --format html/table/json)")
    page = run("compare", *AS_OF, "-f", "html")
    assert page.returncode == 0 and "pip install &#39;ottawa-exit[charts]&#39;" in page.stdout
    assert "<svg" not in page.stdout


def test_compare_chart_fits_80_columns_without_colour() -> None:
    result = run_cli(["compare", *AS_OF], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "\x1b[" not in result.stdout
    for glyph in ("●", "◆", "★", "┊", "…"):
        assert glyph in result.stdout
    projected = run_cli(["compare", "--as-of", "2025-05-01"], env={"COLUMNS": "80"}).stdout
    assert "○" in projected and "☆" in projected and "◇" in projected


def test_compare_json_ndjson_csv() -> None:
    docs = json.loads(run_cli(["compare", "poland", "finland", *AS_OF, "-f", "json"]).stdout)
    assert [d["state"]["id"] for d in docs] == ["poland", "finland"]
    assert all(d["schema"] == "ottawa-exit/timeline/2" for d in docs)
    lines = run_cli(["compare", "poland", "PL", *AS_OF, "-f", "ndjson"]).stdout.splitlines()
    assert len(lines) == 1  # the same state named twice is compared once
    text = run_cli(["compare", "poland", "finland", *AS_OF, "-f", "csv"]).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.startswith("schema,state_id,state_name,iso2,iso3,as_of,rules_reviewed,status,status_detail,")
    assert len(rows) == len(docs[0]["steps"]) + len(docs[1]["steps"])  # a row per step
    senate = next(r for r in rows if r["state_id"] == "poland" and r["step_id"] == "senate")
    assert (senate["step_kind"], senate["effective_date"], senate["receipt_date"]) == (
        "recorded", "2026-02-20", "2025-08-20")
    finland = next(r for r in rows if r["state_id"] == "finland" and r["step_id"] == "receipt")
    assert (finland["step_date"], finland["effective_date"]) == ("2025-07-10", "2026-01-10")


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=x", "\r=x"])
def test_csv_formula_injection_is_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert neutralise("Poland") == "Poland" and neutralise(3) == 3 and neutralise(None) == ""


HOSTILE = """
[state]
id = "poland"

[[notes]]
text = "[red]x[/red] red"  # control characters are refused on reading (test_bad_input)
known_from = 2025-01-01

[[events]]
step = "senate"
date = 2025-07-17
detail = "=HYPERLINK(\\"http://evil.example\\")"
source = "hostile"

[source.hostile]
url = "https://example.org/x"
publisher = "[bold]Example[/bold] press"
kind = "press"
title = "=cmd|' /C calc'!A0"
language = "en"
"""


def test_data_is_inert_in_tables_csv_and_json(tmp_path: Path) -> None:
    rules = write_rules(tmp_path, HOSTILE, "hostile.toml")
    table = run_cli(["timeline", "poland", *AS_OF, "--rules", str(rules)]).stdout
    assert "[red]x[/red]" in table  # printed literally, not as markup
    assert "[bold]Example[/bold]" in table  # the publisher, printed literally
    csv_text = run_cli(["timeline", "poland", *AS_OF, "--rules", str(rules), "-f", "csv"]).stdout
    assert "'=HYPERLINK" in csv_text and ',=HYPERLINK' not in csv_text
    assert ",=cmd" not in csv_text and '"title":"=cmd' in csv_text.replace('""', '"')  # inside the sources' JSON
    doc = json.loads(run_cli(["timeline", "poland", *AS_OF, "--rules", str(rules), "-f", "json"]).stdout)
    senate = json_step(doc, "senate")
    assert senate["detail"] == '=HYPERLINK("http://evil.example")'  # JSON keeps data as data


def test_procedure_formats() -> None:
    doc = json.loads(run_cli(["procedure", "lithuania", "-f", "json"]).stdout)
    vote = json_step(doc, "seimas-vote")
    assert vote["requirement"].startswith("at least 85 of 141")
    assert any("lrs.lt" in s["url"] and s["kind"] == "legislature" for s in doc["sources"])
    markdown = run_cli(["procedure", "latvia", "-f", "markdown"]).stdout
    assert markdown.startswith("# Latvia: procedure")
    assert "Satversme Art. 69, 71, 75" in markdown and "secondary source" in markdown
    table = run_cli(["procedure", "poland"], env={"COLUMNS": "250"}).stdout
    assert "Art. 122" in table and "21 days" in table


def test_calendar_projects_nothing_for_a_state_with_no_withdrawal_decided() -> None:
    """No decision, no projection: Ukraine's recorded suspension steps are events, but no withdrawal is
    projected: its Article 20 receipt and effect are cancelled, never dated."""
    compared = icalendar.Calendar.from_ical(_ics(["compare", *AS_OF, "-f", "ics"]))
    ukraine = {str(e["UID"]): e for e in compared.walk("VEVENT") if str(e["UID"]).startswith("ukraine-")}
    assert not any(str(e["SUMMARY"]).startswith(("Projected", "What-if")) for e in ukraine.values())
    assert str(ukraine["ukraine-receipt@ottawa-exit"]["STATUS"]) == "CANCELLED"
    early = icalendar.Calendar.from_ical(_ics(["compare", "--as-of", "2025-01-01", "-f", "ics"]))
    assert {str(e["STATUS"]) for e in early.walk("VEVENT")} == {"CANCELLED"}  # nobody had decided anything


def test_calendar_for_a_what_if_ukrainian_receipt_has_no_effect_event() -> None:
    cal = icalendar.Calendar.from_ical(_ics(["timeline", "ukraine", *AS_OF, "--receipt", "2027-01-15", "-f", "ics"]))
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    effect = events["ukraine-effective@ottawa-exit"]  # Art. 20(3): indeterminate, no date
    assert str(effect["STATUS"]) == "CANCELLED" and "indeterminate" in str(effect["DESCRIPTION"])
    receipt = events["ukraine-receipt@ottawa-exit"]
    assert str(receipt["SUMMARY"]).startswith("What-if: ")
    assert receipt.decoded("DTSTART") == date(2027, 1, 15)
    assert events["ukraine-rada-vote@ottawa-exit"].decoded("DTSTART") == date(2025, 7, 15)
