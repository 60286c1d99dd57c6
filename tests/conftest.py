"""Shared test setup: a colour-neutral environment, helpers to run the CLI and to read a user's rules file."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

# Rich turns colour on under some CI variables even inside CliRunner; neutralise them once for every test.
for var in ("FORCE_COLOR", "CLICOLOR_FORCE", "GITHUB_ACTIONS", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "OTTAWA_EXIT_RULES"):
    os.environ.pop(var, None)
os.environ["NO_COLOR"] = "1"
os.environ["COLUMNS"] = "120"
os.environ["TERM"] = "dumb"

from ottawa_exit import Rules, RulesError  # noqa: E402
from ottawa_exit.cli import app  # noqa: E402

FACTS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "facts"


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str):
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr


def run_cli(args: Sequence[str], input: str | None = None, env: dict[str, str] | None = None) -> Result:
    runner = CliRunner()
    result = runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli():
    return run_cli


def write_rules(tmp_path: Path, text: str, name: str = "my.toml") -> Path:
    """A user's rules file with ``text`` in ``tmp_path``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rules_problems(*files: Path) -> list[str]:
    """Every problem found reading the built-in rules with ``files`` (the test fails if none is)."""
    with pytest.raises(RulesError) as caught:
        Rules(files).all()
    return [str(p) for p in caught.value.problems]
