"""Every kind of bad input: a one-line error on stderr, a documented exit code, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import run_cli

GOOD_RULES = '[state]\nid = "poland"\n'

# (arguments, expected exit code, a fragment of the message); FILE:name is replaced by a file made for the test.
CORPUS = [
    # malformed and impossible dates
    (["timeline", "poland", "--as-of", "2025-02-30"], 2, "--as-of: '2025-02-30' is not a real date"),
    (["timeline", "poland", "--as-of", "2025-13-01"], 2, "not a real date"),
    (["timeline", "poland", "--as-of", "20250827"], 2, "not a date in the form YYYY-MM-DD"),
    (["timeline", "poland", "--as-of", "2025-8-1"], 2, "not a date in the form YYYY-MM-DD"),
    (["timeline", "poland", "--as-of", ""], 2, "--as-of: '' is not a date"),
    (["timeline", "poland", "--as-of", "2" * 5000], 2, "..."),
    (["timeline", "poland", "--as-of", "2025-01-0\x1b"], 2, "\\x1b"),
    (["timeline", "poland", "--as-of", "2025-W01-1"], 2, "YYYY-MM-DD"),
    (["timeline", "poland", "--as-of", "1735689600"], 2, "YYYY-MM-DD"),  # a Unix timestamp
    (["timeline", "poland", "--receipt", "31/08/2025"], 2, "--receipt"),
    (["timeline", "poland", "--armed-conflict-until", "soon"], 2, "--armed-conflict-until"),
    (["effective", "2025-02-29"], 2, "argument 1: '2025-02-29' is not a real date"),
    (["effective", ""], 2, "argument 1"),
    (["effective", "9999-12-31"], 2, "after the year 9999"),
    # Ukraine has no withdrawal decided, so nothing is projected from 9999-12-31 alone: a what-if receipt with the
    # armed conflict set aside would take effect in the year 10000.
    (["timeline", "ukraine", "--as-of", "9999-12-31", "--receipt", "9999-12-31", "--no-armed-conflict"], 2,
     "after 9999-12-31"),
    # unknown or misspelt countries
    (["timeline", "polnad"], 2, "did you mean 'poland'?"),
    (["timeline", "Finnland"], 2, "did you mean 'finland'?"),
    (["timeline", "Atlantis"], 2, "unknown country 'Atlantis'"),
    (["procedure", "ukrane"], 2, "did you mean 'ukraine'?"),
    (["compare", "poland", "estnia"], 2, "did you mean 'estonia'?"),
    (["timeline", ""], 2, "unknown country ''"),
    # contradictory or impossible overrides
    (["timeline", "poland", "--step", "senate=2025-05-01"], 2, "breaking the order"),
    (["timeline", "poland", "--step", "senat=2025-07-01"], 2, "did you mean 'senate'?"),
    (["timeline", "poland", "--step", "senate"], 2, "must be ID=DATE"),
    (["timeline", "poland", "--receipt", "2025-08-01", "--step", "receipt=2025-08-02"], 2, "contradictory"),
    (["timeline", "poland", "--armed-conflict", "--armed-conflict-until", "2027-01-01"], 2, "only one"),
    (["timeline", "poland", "--armed-conflict", "--no-armed-conflict"], 2, "only one"),
    # nothing projected before the state was bound (Latvia from 2006-01-01) or the Convention was in force
    (["timeline", "latvia", "--step", "decision=2005-06-01"], 2,
     "nothing can be projected before Latvia was bound by the Convention (2006-01-01)"),
    (["timeline", "ukraine", "--receipt", "2006-05-31"], 2,
     "nothing can be projected before Ukraine was bound by the Convention (2006-06-01)"),
    (["timeline", "germany", "--rules", "FILE:germany.toml", "--receipt", "1999-02-28"], 2,
     "nothing can be projected before the Convention entered into force (1999-03-01)"),
    (["effective", "2025-01-01", "--count", "monthly"], 2, "--count"),
    (["effective", "-", "-"], 2, "once"),
    # usage
    (["timeline"], 2, "missing argument"),
    (["timline", "poland"], 2, "no such command 'timline'"),
    (["timeline", "poland", "--format", "xml"], 2, "'--format': 'xml' is not one of table, json"),
    (["procedure", "poland", "--format", "ics"], 2, "'ics' is not one of table, json, ndjson, csv, markdown"),
    (["timeline", "poland", "--frmat", "json"], 2, "no such option"),
    # bad rules files
    (["timeline", "poland", "--rules", "FILE:invalid.toml"], 2, "invalid TOML"),
    (["timeline", "poland", "--rules", "FILE:types.toml"], 2, "must be a non-empty string"),
    (["timeline", "poland", "--rules", "FILE:step.toml"], 2, "unknown step 'senat'"),
    (["timeline", "poland", "--rules", "FILE:order.toml"], 2, "out of order"),
    (["timeline", "poland", "--rules", "FILE:huge.toml"], 2, "limited to"),
    (["timeline", "poland", "--rules", "FILE:missing.toml"], 2, "no such file"),
    (["timeline", "poland", "--rules", "FILE:unreadable.toml"], 2, "unreadable.toml"),
    (["countries", "--rules", "FILE:five.toml"], 2, "and 4 more"),
    (["rules", "check", "FILE:five.toml"], 2, "5 problems in 1 file"),
    # output paths
    (["timeline", "poland", "-o", "FILE:no-such-dir/out.json"], 2, "does not exist"),
    (["timeline", "poland", "-o", "FILE:types.toml/out.json"], 2, "--output"),
    (["countries", "-o", "FILE:"], 2, "--output"),
]

FILES = {
    "invalid.toml": "[state\nid = 'x'",
    "types.toml": '[state]\nid = "poland"\nname = 7\n',
    "step.toml": '[state]\nid = "poland"\n[[events]]\nstep = "senat"\ndate = 2025-07-17\nsource = "polska-zbrojna-45761"\n',
    "order.toml": '[state]\nid = "poland"\n[[events]]\nstep = "senate"\ndate = 2025-06-01\nsource = "polska-zbrojna-45761"\n',
    "huge.toml": "#" * 1_000_001,
    "germany.toml": '[state]\nid = "germany"\nname = "Germany"\niso2 = "DE"\niso3 = "DEU"\n',  # no bound_from
    "unreadable.toml": GOOD_RULES,
    "five.toml": '[state]\nid = "x y"\nname = ""\niso2 = "x"\niso3 = "XXX"\ncolour = 1\n'
                 '[[events]]\nstep = "nowhere"\ndate = 2025-01-01\nsecondary = "a test: no source"\n',
}


def _materialise(args: list[str], tmp_path: Path) -> list[str]:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    unreadable = tmp_path / "unreadable.toml"
    unreadable.chmod(0)
    return [str(tmp_path / a.removeprefix("FILE:")) if a.startswith("FILE:") else a for a in args]


@pytest.mark.parametrize(("args", "code", "fragment"), CORPUS, ids=[" ".join(c[0])[:60] for c in CORPUS])
def test_bad_input_corpus(tmp_path: Path, args: list[str], code: int, fragment: str) -> None:
    args = _materialise(args, tmp_path)
    if "unreadable.toml" in " ".join(args) and os.geteuid() == 0:
        (tmp_path / "unreadable.toml").write_text("[state\n")  # root reads anything: make it fail another way
    result = run_cli(args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    if args[:2] != ["rules", "check"]:
        assert len(lines) == 1, result.stderr  # one line
    assert lines[-1].startswith("error: ")
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert len(lines[-1]) < 400


def test_rules_check_lists_every_problem(tmp_path: Path) -> None:
    args = _materialise(["rules", "check", "FILE:five.toml"], tmp_path)
    result = run_cli(args)
    problems = result.stderr.strip().splitlines()[:-1]
    assert len(problems) == 5
    assert all(p.startswith(str(tmp_path / "five.toml") + ": ") for p in problems)


def test_unexpected_errors_are_one_line_and_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import ottawa_exit.api

    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(ottawa_exit.api, "project_timeline", explode)  # what `timeline` calls, through the library
    result = run_cli(["timeline", "poland"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: unexpected error: RuntimeError: boom (rerun with --debug for the traceback)"
    debug = run_cli(["timeline", "poland", "--debug"])
    assert debug.exit_code == 1 and "Traceback" in debug.stderr


def test_broken_pipe_is_quiet() -> None:
    """`| head` closes the pipe early: no traceback."""
    proc = subprocess.run(
        f"'{sys.executable}' -m ottawa_exit effective - --format csv < /dev/stdin | head -1",
        shell=True, input="\n".join(["2025-01-01"] * 200_000), capture_output=True, text=True, timeout=120,
    )
    assert proc.stdout.startswith("schema,treaty_id,start_basis,")
    assert "Traceback" not in proc.stderr


def test_a_broken_rules_file_is_an_error_for_every_command(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Even for commands that read no state: given on the root or in $OTTAWA_EXIT_RULES."""
    from .conftest import run_cli

    bad = tmp_path / "bad.toml"
    bad.write_text('[state]\nid = 3\n', encoding="utf-8")
    for command in (["effective", "2025-01-01"], ["treaties"], ["withdrawals"], ["parties"], ["timeline", "poland"]):
        for result in (run_cli(["--rules", str(bad), *command]), run_cli(command, env={"OTTAWA_EXIT_RULES": str(bad)})):
            assert result.exit_code == 2, command
            assert result.stderr.startswith(f"error: {bad}: state.id: must be a non-empty string"), command
            assert "Traceback" not in result.stderr
    checked = run_cli(["rules", "check", str(bad)], env={"OTTAWA_EXIT_RULES": str(bad)})
    assert checked.exit_code == 2 and checked.stderr.count(f"{bad}:") >= 2  # every problem, not the first alone


def test_control_characters_in_a_rules_file_are_refused_where_they_are_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An ESC in a name would reach a terminal, and made an SVG that was not XML (review finding)."""
    from .conftest import run_cli

    path = tmp_path / "esc.toml"
    path.write_text('[state]\nid = "markup"\nname = "Mark\\u001b[31mup"\niso2 = "XM"\niso3 = "XMU"\n',
                    encoding="utf-8")
    result = run_cli(["--rules", str(path), "timeline", "markup"])
    assert result.exit_code == 2
    assert result.stderr == f"error: {path}: state.name: contains a control character (U+001B) at position 4\n"
    note = tmp_path / "note.toml"
    note.write_text('[state]\nid = "poland"\n\n[[notes]]\ntext = "two\\nlines\\tand a tab"\nknown_from = 2025-01-01\n',
                    encoding="utf-8")
    assert run_cli(["--rules", str(note), "timeline", "poland", "--as-of", "2026-11-27", "-f", "json"]).exit_code == 0
