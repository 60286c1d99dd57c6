"""Commands built on demand (cli.group.Commands, Click's lazy-loading group through its public methods): a run
imports and builds the command it runs alone, yet help lists, completion offers and a typo suggests every command."""

from __future__ import annotations

import json
import subprocess
import sys

import typer
import typer.main

from ottawa_exit.cli import app

from .conftest import run_cli

NAMES = ["timeline", "countries", "parties", "effective", "compare", "procedure", "backtest", "treaties",
         "withdrawals", "sources", "export", "rules"]
MODULES = {"timelines", "countries", "effective", "procedure", "backtest", "treaties", "export_command", "rules"}


def test_every_command_is_listed_in_the_declared_order_and_each_can_be_built() -> None:
    group = typer.main.get_command(app)
    context = typer.Context(group)
    assert group.list_commands(context) == NAMES
    for name in NAMES:
        command = group.get_command(context, name)
        assert command is not None and command.name == name
        assert command.params or name == "rules"  # every command has options; the group, subcommands
    rules = group.get_command(context, "rules")
    assert rules.list_commands(context) == ["check", "template"]
    assert group.get_command(context, "no-such-command") is None


def test_a_run_imports_the_module_of_its_command_alone() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['ottawa-exit', 'timeline', 'poland', '--as-of', '2026-11-27', '--format', 'json']\n"
        "from ottawa_exit.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(repr(sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('ottawa_exit.cli.'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert json.loads(done.stdout)["state"]["id"] == "poland"
    loaded = set(eval(done.stderr))  # noqa: S307 - our own probe's repr of a list of names
    assert loaded & MODULES == {"timelines"}
    assert {"app", "group", "options", "output"} <= loaded


def test_help_lists_every_command_and_a_typo_gets_a_suggestion() -> None:
    help_text = run_cli(["--help"]).stdout
    listed = [line.split()[0] for line in help_text.split("Commands:\n", 1)[1].splitlines() if line.strip()]
    assert listed == NAMES
    typo = run_cli(["withdrawls"])
    assert typo.exit_code == 2 and "Did you mean 'withdrawals'?" in typo.stderr
    assert typo.stderr.count("\n") == 1  # one line
    unknown = run_cli(["zzz"])
    assert unknown.exit_code == 2
    assert unknown.stderr == "error: no such command 'zzz' (see 'ottawa-exit --help')\n"
