"""Tables that fit any width from 60 columns, every name, code, date and id whole (stacked where they cannot fit),
and sources as labels with the full addresses listed unbroken under the output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

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
    from rich.console import Console

    from ottawa_exit.data.model import Source
    from ottawa_exit.render.layout import render_to_text, source_labels
    from ottawa_exit.render.text import Sources

    notes = Sources()
    sejm = Source("sejm", "https://www.sejm.gov.pl/x?y=1", "Sejm (Polish parliament)", "legislature", "A page", "pl")
    label = source_labels([sejm], notes, terminal=True)
    console = Console(force_terminal=True, color_system="truecolor", width=80)  # a terminal, whatever runs the test
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
