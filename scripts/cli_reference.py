"""Write docs/cli.md from the live `--help` of every command, so the reference cannot drift from the tool.

    python scripts/cli_reference.py          # rewrite docs/cli.md
    python scripts/cli_reference.py --check  # exit 1 if docs/cli.md is out of date (the tests do the same)
"""

from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

from ottawa_exit.cli import app

REFERENCE = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
COMMANDS = [[], ["timeline"], ["countries"], ["parties"], ["effective"], ["compare"], ["procedure"], ["backtest"], ["treaties"], ["withdrawals"], ["sources"], ["export"], ["rules"],
            ["rules", "check"], ["rules", "template"]]


def help_text(path: list[str]) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], prog_name="ottawa-exit",
                                env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"})
    if result.exit_code != 0:
        raise SystemExit(f"--help failed for {' '.join(path) or 'ottawa-exit'}: {result.output}")
    return result.stdout.rstrip() + "\n"


def reference() -> str:
    parts = [
        "# Command-line reference\n",
        "Generated from the live `--help` of every command by `python scripts/cli_reference.py`; a test fails when "
        "this file and the help disagree. Exit codes: 0 success, 1 partial or runtime failure, 2 usage or bad "
        "input.\n",
    ]
    for path in COMMANDS:
        title = " ".join(["ottawa-exit", *path])
        parts.append(f"## `{title}`\n\n```text\n{help_text(path)}```\n")
    return "\n".join(parts)


def main() -> None:
    text = reference()
    if "--check" in sys.argv[1:]:
        if not REFERENCE.exists() or REFERENCE.read_text(encoding="utf-8") != text:
            raise SystemExit("docs/cli.md is out of date: run python scripts/cli_reference.py")
        return
    REFERENCE.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
