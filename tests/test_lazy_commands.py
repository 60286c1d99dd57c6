"""The lazy command group (options.LazyCommands): the app that tests drive and main() runs builds only the command
being run, yet lists, completes, suggests and documents every command."""

from __future__ import annotations

import typer.main

from ottawa_exit.cli.app import app, commands, rules_app

NAMES = ["timeline", "countries", "parties", "effective", "compare", "procedure", "backtest", "treaties",
         "withdrawals", "export", "rules"]


def _group():  # type: ignore[no-untyped-def]
    return typer.main.get_command(app)


def test_nothing_is_built_before_a_command_is_looked_up() -> None:
    group = _group()
    assert group.commands.built == {}
    assert list(group.commands) == NAMES == group.list_commands(None)  # names alone, in the declared order


def test_running_a_command_builds_that_command_alone(capsys) -> None:  # type: ignore[no-untyped-def]
    group = _group()
    group.main(["timeline", "poland", "--as-of", "2026-11-27", "-f", "json"], standalone_mode=False)
    assert '"schema": "ottawa-exit/timeline/1"' in capsys.readouterr().out
    assert list(group.commands.built) == ["timeline"]


def test_every_command_can_be_built_and_is_the_declared_one() -> None:
    group = _group()
    declared = {c.callback.__name__.replace("_", "-") for c in commands.registered_commands} | {"rules"}
    assert set(NAMES) == declared
    for name in NAMES:
        command = group.commands[name]
        assert command.name == name and command.params is not None
    assert set(group.commands["rules"].commands) == {c.name for c in rules_app.registered_commands}
    assert group.get_command(None, "no-such-command") is None


def test_help_lists_every_command_and_a_typo_gets_a_suggestion() -> None:
    from .conftest import run_cli

    help_text = run_cli(["--help"]).stdout
    for name in NAMES:
        assert f"  {name} " in help_text
    typo = run_cli(["withdrawls"])
    assert typo.exit_code == 2 and "Did you mean 'withdrawals'?" in typo.stderr
