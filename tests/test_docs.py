"""Docs that cannot drift: the CLI reference equals the live help; every command has examples; README commands."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import typer
import typer.main

from ottawa_exit.cli import app

ROOT = Path(__file__).resolve().parents[1]


def _reference_module():
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_matches_the_live_help() -> None:
    module = _reference_module()
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == module.reference(), (
        "docs/cli.md is out of date: run python scripts/cli_reference.py")


def test_the_dataset_reference_documents_every_column() -> None:
    spec = importlib.util.spec_from_file_location("dataset_reference", ROOT / "scripts" / "dataset_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (ROOT / "docs" / "dataset.md").read_text(encoding="utf-8")
    assert text == module.reference(), "docs/dataset.md is out of date: run python scripts/dataset_reference.py"
    from ottawa_exit.export.spec import TABLES

    for table in TABLES:
        section = text.split(f"## `{table.name}`", 1)[1].split("\n## ", 1)[0]
        documented = re.findall(r"^\| `([a-z0-9_]+)` \| (\w+) \|", section, flags=re.M)
        assert documented == [(c.name, c.type) for c in table.columns], table.name


def _script(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_api_reference_matches_the_docstrings() -> None:
    assert (ROOT / "docs" / "api.md").read_text(encoding="utf-8") == _script("api_reference").reference(), (
        "docs/api.md is out of date: run python scripts/api_reference.py")


def test_every_public_name_has_a_docstring_and_a_short_repr() -> None:
    """Every function and class `ottawa_exit` exports, and each public method and property of its classes, says
    what it is; what the functions return prints in one line."""
    import inspect

    import ottawa_exit as ox

    undocumented = []
    for name in ox.__all__:
        obj = getattr(ox, name)
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        doc = obj.__doc__ or ""
        if not doc.strip() or (inspect.isclass(obj) and doc.startswith(f"{obj.__name__}(")):  # a generated one
            undocumented.append(name)
        for member, value in vars(obj).items() if inspect.isclass(obj) else ():
            function = value.fget if isinstance(value, property) else value
            if not member.startswith("_") and inspect.isfunction(function) and not function.__doc__:
                undocumented.append(f"{name}.{member}")
    assert undocumented == []
    results = [ox.timeline("poland", as_of="2025-03-18"), ox.compare(as_of="2025-06-01"),
               ox.countries(all=True, as_of="2026-11-27"), ox.parties(on="2026-11-27"), ox.procedure("PL"),
               ox.backtest(), ox.effective("2025-08-31"), ox.treaties(), ox.withdrawals(),
               ox.check_rules([ROOT / "src" / "ottawa_exit" / "data" / "states" / "poland.toml"])]
    for result in results:
        assert len(repr(result)) <= 160 and "\n" not in repr(result), repr(result)[:300]


def test_the_api_docstring_examples_run() -> None:
    import doctest

    import ottawa_exit.api

    failed, tried = doctest.testmod(ottawa_exit.api, optionflags=doctest.ELLIPSIS)
    assert tried >= 2 and failed == 0


def test_the_one_line_summary_of_the_issue_prints() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import ottawa_exit as ox; print(ox.timeline('poland', "
                           "as_of='2025-03-18'))"], capture_output=True, text=True, timeout=60)
    assert done.stdout == "<Timeline Poland as of 2025-03-18: party; takes effect 2026-03-25 (projected)>\n"


def test_every_command_is_in_the_reference_and_ends_with_examples() -> None:
    module = _reference_module()
    group = typer.main.get_command(app)
    context = typer.Context(group)
    names = [[name] for name in group.list_commands(context)]
    names += [["rules", name] for name in group.get_command(context, "rules").list_commands(context)]
    assert len(names) == 14
    documented = [p for p in module.COMMANDS if p]
    for path in names:
        assert path in documented, path
        text = module.help_text(path)
        if path != ["rules"]:
            assert re.search(r"Examples:\n(    ottawa-exit .+\n){2,3}", text) or \
                re.search(r"Examples:\n(    .*ottawa-exit .+\n){2,3}", text), text


def test_readme_starts_with_the_two_newcomer_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = text.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in first_block.splitlines() if line.strip()]
    assert "ottawa-exit timeline poland" in commands[0] and "pip install" in commands[0]
    assert "pytest" in commands[1] and "[test]" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest" in commands[1] and "python -m pytest" in ci


def _text_blocks() -> dict[str, str]:
    """README examples: the `$ ottawa-exit ...` command of each text block, and the output shown under it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = {}
    for block in re.findall(r"```text\n(.*?)```", text, flags=re.S):
        first, _, rest = block.partition("\n")
        if first.startswith("$ ottawa-exit "):
            blocks[first[2:].split("  #")[0].strip()] = rest
    return blocks


def test_readme_example_outputs_are_real() -> None:
    from .conftest import run_cli

    blocks = _text_blocks()
    for command in ("ottawa-exit countries --as-of 2026-11-27",
                    "ottawa-exit effective 2025-06-27 2025-08-31 --format csv",
                    "ottawa-exit effective --treaty icsid 2012-01-24 2024-02-24",
                    "ottawa-exit effective --treaty oas-charter 2021-11-19"):
        result = run_cli(command.split()[1:], env={"COLUMNS": "100"})
        assert result.stdout == blocks[command], command
    backtest = run_cli(["backtest"], env={"COLUMNS": "100"}).stdout
    for line in blocks["ottawa-exit backtest"].splitlines():
        assert line in backtest
    for command in ("ottawa-exit countries --all --as-of 2026-11-27",
                    "ottawa-exit countries --all --as-of 2026-11-27 --status withdrawn,suspended --sort bound",
                    "ottawa-exit timeline germany --as-of 2026-11-27 --step decision=2027-01-15"):
        output = run_cli(command.split()[1:], env={"COLUMNS": "100"}).stdout
        for line in blocks[command].splitlines():
            assert line in output, (command, line)


def test_readme_python_api_example_runs() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, flags=re.S).group(1)
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own documentation
    t = namespace["t"]
    assert (t.status.value, str(t.effective.span.date)) == ("party", "2026-02-28")
