"""Shell completion through Typer's completion protocol (the environment variables a shell sets on <TAB>)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from ottawa_exit.cli import app

from .conftest import write_rules

GERMANY = '[state]\nid = "germany"\nname = "Germany"\niso2 = "DE"\niso3 = "DEU"\n'  # a state a user's file adds


def complete(words: str, extra_env: dict[str, str] | None = None) -> list[str]:
    """What bash gets for the last word of ``words`` (a trailing space means a new, empty word)."""
    parts = words.split(" ")
    env = {"_OTTAWA_EXIT_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1),
           **(extra_env or {})}
    result = CliRunner().invoke(app, [], prog_name="ottawa-exit", env=env)
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def test_country_completes_to_poland() -> None:
    assert complete("ottawa-exit timeline pol") == ["poland"]


def test_iso_codes_complete() -> None:
    assert set(complete("ottawa-exit timeline FI")) == {"FI", "FIN"}
    assert set(complete("ottawa-exit timeline CI")) == {"CI", "CIV"}  # a registered state without a rules file


def test_states_from_users_rules_files_complete(tmp_path: Path) -> None:
    rules = write_rules(tmp_path, GERMANY, "de.toml")
    assert complete("ottawa-exit timeline ger", {"OTTAWA_EXIT_RULES": str(rules)}) == ["germany"]


def test_step_completes_the_chosen_states_step_ids() -> None:
    assert complete("ottawa-exit timeline poland --step se") == ["sejm-first-reading=", "sejm-vote=", "senate="]
    finland = complete("ottawa-exit timeline FI --step ")
    assert finland == ["decision=", "government-proposal=", "eduskunta-vote=", "president-decides=", "receipt=",
                       "president-confirms-acts="]  # the accompanying acts (corrections.md), a parallel step


def test_format_completes_its_choices() -> None:
    assert complete("ottawa-exit timeline poland --format ") == ["table", "json", "ndjson", "csv", "ics", "svg", "png", "pdf", "html"]
    assert complete("ottawa-exit procedure poland --format m") == ["markdown"]


def test_commands_complete() -> None:
    assert "timeline" in complete("ottawa-exit ti")


def test_show_completion_script() -> None:
    # Typer detects the shell from the process tree (none under a detached job): name it, as a user may.
    result = CliRunner().invoke(app, ["--show-completion", "bash"], prog_name="ottawa-exit")
    assert result.exit_code == 0
    assert "_OTTAWA_EXIT_COMPLETE=complete_bash" in result.stdout


def test_completion_reads_the_roots_rules_and_options_before_the_country(tmp_path: Path) -> None:
    rules = write_rules(tmp_path, GERMANY, "de.toml")
    assert complete(f"ottawa-exit --rules {rules} timeline ger") == ["germany"]
    assert complete("ottawa-exit timeline --as-of 2025-03-18 -f json poland --step sen") == ["senate="]
    assert complete("ottawa-exit timeline --step ") == []  # no country typed yet: nothing to offer
