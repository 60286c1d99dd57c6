"""What people expect of a command line: help for a bare command, metavars in help, '-' for stdout, a closed pipe
that ends quietly, the good lines written before a bad one, a byte-order mark accepted, JSON from `rules check`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import run_cli


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
