"""The command line fuzzed: generated command lines (commands, states, treaties, dates good and bad, formats, options,
rules files, -o targets in a temporary directory) never give a traceback; they exit 0, 1 or 2 with an error on
stderr when not 0; a failed run leaves no file behind and an existing file untouched. A few real processes are
stopped by a signal at a generated moment: they exit 128 + the signal and leave nothing behind. A signal while Python is
still importing the tool, before ``main()`` sets the handlers (some 0.4 s), acts as the system's default: the process
dies of it (Ctrl-C there shows Python's KeyboardInterrupt traceback); no file has been opened by then.

Examples: FUZZ_EXAMPLES command lines through CliRunner, SIGNAL_EXAMPLES real processes (see the settings below);
`export` is left out (it writes a directory of files and takes seconds a run: its own tests cover it).
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings, strategies as st
from typer.testing import CliRunner

from ottawa_exit.cli import app

FUZZ_EXAMPLES = 100
SIGNAL_EXAMPLES = 5

PRECIOUS = "precious\n"

GOOD_DATES = st.one_of(st.sampled_from(["2025-08-20", "2026-01-01", "1999-03-01", "2025-03-18", "2016-11-04",
                                         "9999-06-30"]), st.dates(min_value=date(1900, 1, 1)).map(date.isoformat))
BAD_DATES = st.one_of(
    st.sampled_from(["1998-01-01", "1997-09-17", "2019-11-03", "1899-12-31", "0001-01-01", "9999-12-31",
                     "2025-02-30", "2025-13-01", "20250820", "2025-W01-1", "", " ", "２０２５-08-20", "-1",
                     "2025-08-20T00:00", "today"]),
    st.dates().map(date.isoformat),
    st.text(max_size=12),
)
DATES = st.one_of(GOOD_DATES, GOOD_DATES, BAD_DATES)  # good ones twice as often: runs get past the parsing
STATES = st.one_of(
    st.sampled_from(["poland", "PL", "Polska", "finland", "ukraine", "Україна", "estonia", "lithuania", "germany",
                     "DE", "north-macedonia"]),
    st.sampled_from(["United States", "Atlantis", "polnad", "", "xa", "Côte d'Ivoire"]),
    st.text(max_size=10),
)
TREATIES = st.one_of(
    st.sampled_from(["ottawa", "paris", "Paris Agreement", "ICC", "rome-statute", "icsid", "unesco", "achr",
                     "oas-charter", "npt", "ccm", "echr"]),
    st.sampled_from(["nope", ""]),
    st.text(max_size=8),
)
FORMATS = st.one_of(st.sampled_from(["table", "json", "ndjson", "csv"]),
                    st.sampled_from(["markdown", "ics", "svg", "html", "text", "xml", ""]))
OUTPUTS = st.sampled_from(["new", "existing", "dir", "missing-dir", "link", "dangling", "-", "device", "full", "loop"])
RULES = st.sampled_from(["good", "broken", "missing", "contradiction"])
STEPS = st.one_of(st.sampled_from(["senate=2025-07-17", "senate=2025-02-30", "nope=2025-01-01", "senate", "=",
                                   "sejm-vote=1999-01-01"]), st.text(max_size=10))

VALUES: dict[str, st.SearchStrategy[str]] = {
    "--as-of": DATES, "--receipt": DATES, "--armed-conflict-until": DATES, "--later-date": DATES,
    "--bound-from": DATES, "--step": STEPS, "--format": FORMATS, "--output": OUTPUTS, "--rules": RULES,
    "--treaty": TREATIES, "--state": STATES,
    "--count": st.sampled_from(["same-day", "day-after", "unknown", "sideways"]),
    "--status": st.sampled_from(["party", "withdrawn", "suspended", "never", "gone"]),
    "--sort": st.sampled_from(["name", "bound", "status", "size"]),
    "--kind": st.sampled_from(["gazette", "news", "government", "nope"]),
}
FLAGS = ("--armed-conflict", "--no-armed-conflict", "--verbose", "--all", "--keep-going", "--pending", "--help")
OPTIONS = {  # each command's options (a foreign one now and then: a usage error)
    "timeline": ("--as-of", "--receipt", "--step", "--armed-conflict-until", "--armed-conflict", "--no-armed-conflict",
                 "--format", "--output", "--verbose", "--rules"),
    "countries": ("--as-of", "--all", "--status", "--sort", "--format", "--output", "--rules"),
    "parties": ("--as-of", "--format", "--output", "--rules"),
    "effective": ("--treaty", "--later-date", "--bound-from", "--armed-conflict-until", "--armed-conflict", "--count",
                  "--keep-going", "--format", "--output"),
    "compare": ("--as-of", "--format", "--output", "--rules"),
    "procedure": ("--format", "--output", "--rules"),
    "backtest": ("--as-of", "--format", "--output", "--rules"),
    "treaties": ("--format", "--output"),
    "withdrawals": ("--treaty", "--state", "--pending", "--as-of", "--format", "--output"),
    "sources": ("--kind", "--state", "--treaty", "--format", "--output", "--rules"),
    "rules check": ("--format",),
    "rules template": ("--output", "--rules"),
}
POSITIONAL: dict[str, st.SearchStrategy[list[str]]] = {
    "timeline": STATES.map(lambda s: [s]),
    "procedure": STATES.map(lambda s: [s]),
    "rules template": STATES.map(lambda s: [s]),
    "compare": st.lists(STATES, max_size=3),
    "effective": st.one_of(st.lists(DATES, min_size=1, max_size=4), st.just(["-"])),
    "rules check": st.lists(RULES, min_size=1, max_size=2),
}
STDIN = st.lists(st.one_of(DATES, st.just("x" * 5000)), max_size=6).map("\n".join)


def rare(draw: st.DrawFn) -> bool:
    """About one time in ten (Hypothesis favours the ends of a range, so not ``== 0``)."""
    return draw(st.integers(0, 19)) in (7, 13)


@st.composite
def command_lines(draw: st.DrawFn) -> tuple[list[str], str]:
    """(words, standard input): the root's --rules now and then, a command, its arguments and options in any
    order; special words (output targets, rules files) are made real by ``_materialise``."""
    command = draw(st.sampled_from(sorted(OPTIONS)))
    words = ["--rules", "@rules:" + draw(RULES)] if rare(draw) else []
    words += command.split()
    arguments = draw(POSITIONAL[command]) if command in POSITIONAL else []
    if command == "rules check":
        arguments = ["@rules:" + a for a in arguments]
    units = [[a] for a in arguments]  # an option and its value stay together when the order is shuffled
    for name in draw(st.lists(st.sampled_from(OPTIONS[command]), max_size=3)):
        if name in VALUES:
            value = draw(VALUES[name])
            units.append([name, f"@{name[2:]}:{value}" if name in ("--output", "--rules") else value])
        else:
            units.append([name])
    if rare(draw):  # a flag of another command, or --help
        units.append([draw(st.sampled_from(FLAGS))])
    if draw(st.booleans()):
        units = draw(st.permutations(units))
    words += [word for unit in units for word in unit]
    return words, draw(STDIN) if "-" in arguments else ""


GOOD_RULES = '[state]\nid = "atlantis"\nname = "Atlantis"\niso2 = "AQ"\niso3 = "ATL"\n'
BROKEN_RULES = '[state]\nid = "poland"\nname = 3\n[[events]]\nstep = "senat"\ndate = 2025-02-01\n'
CONTRADICTION = '[state]\nid = "poland"\n[[events]]\nstep = "receipt"\ndate = 2025-08-21\nsecondary = "a test"\n'


def _device(directory: Path, name: str, minor: int) -> Path:
    """/dev/null's (minor 3) or /dev/full's (7) twin in the directory where the system allows making one, else a
    regular file."""
    path = directory / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except (OSError, AttributeError):
        path.write_text(PRECIOUS)
    return path


def _materialise(word: str, directory: Path) -> str:
    if word.startswith("@rules:"):
        kind = word.removeprefix("@rules:")
        path = directory / f"{kind}.toml"
        text = {"good": GOOD_RULES, "broken": BROKEN_RULES, "contradiction": CONTRADICTION}.get(kind)
        if text is not None and not path.exists():
            path.write_text(text, encoding="utf-8")
        return str(path)
    if word.startswith("@output:"):
        kind = word.removeprefix("@output:")
        targets: dict[str, Callable[[], Path | str]] = {
            "new": lambda: directory / "out.txt",
            "existing": lambda: directory / "old.txt",
            "dir": lambda: directory,
            "missing-dir": lambda: directory / "nope" / "out.txt",
            "link": lambda: directory / "link.txt",
            "dangling": lambda: directory / "dangling.txt",
            "-": lambda: "-",
            "device": lambda: directory / "null",
            "full": lambda: directory / "full",
            "loop": lambda: directory / "loop-a",
        }
        return str(targets[kind]())
    return word


def _prepare(directory: Path) -> None:
    (directory / "old.txt").write_text(PRECIOUS)
    (directory / "link.txt").symlink_to("old.txt")
    (directory / "dangling.txt").symlink_to("gone.txt")
    (directory / "loop-a").symlink_to("loop-b")
    (directory / "loop-b").symlink_to("loop-a")
    _device(directory, "null", 3)
    _device(directory, "full", 7)


def _snapshot(directory: Path) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for path in sorted(directory.iterdir()):
        if path.is_symlink():
            found[path.name] = ("link", os.readlink(path))
        elif path.is_file():
            found[path.name] = path.read_bytes()
        else:
            found[path.name] = stat.S_IFMT(path.lstat().st_mode)
    return found


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(command_lines())
def test_generated_command_lines_fail_cleanly(line: tuple[list[str], str]) -> None:
    words, stdin = line
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        _prepare(directory)
        args = [_materialise(w, directory) for w in words]
        before = _snapshot(directory)
        here = os.getcwd()
        os.chdir(directory)  # a relative path a command writes lands here, where it is seen
        try:
            result = CliRunner().invoke(app, args, input=stdin, env={"OTTAWA_EXIT_RULES": None},
                                        catch_exceptions=True)
        finally:
            os.chdir(here)
        after = _snapshot(directory)
    shown = f"{args!r} -> {result.exit_code}\n{result.stderr}"
    event(f"exit {result.exit_code}")  # --hypothesis-show-statistics: how the examples spread
    event(f"command {' '.join(w for w in words if w in OPTIONS or w in ('rules', 'check', 'template'))[:20]}")
    assert result.exception is None or isinstance(result.exception, SystemExit), shown
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, shown
    assert result.exit_code in (0, 1, 2), shown
    if result.exit_code:
        assert result.stderr.splitlines() and result.stderr.splitlines()[-1].startswith("error: "), shown
    assert not [name for name in after if name.endswith(".tmp")], shown  # no temporary file, ever
    assert after["old.txt"] == before["old.txt"] or result.exit_code == 0 or "--keep-going" in words, shown
    for device in ("null", "full"):  # a device is written through, never replaced
        assert isinstance(after[device], bytes) or after[device] == stat.S_IFCHR, shown
    if result.exit_code == 2:  # bad input: nothing written at all
        assert after == before, shown


# ---------------------------------------------------------------------------------------------------------------
# Real processes stopped by a signal at a generated moment

STOPPING = [s for s in (getattr(signal, n, None) for n in ("SIGTERM", "SIGHUP", "SIGINT")) if s is not None]


@settings(max_examples=SIGNAL_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(STOPPING), st.sampled_from([0.0, 0.8, 1.5, 2.5]),
       st.sampled_from(["stream", "countries"]))
def test_a_signal_at_any_moment_leaves_nothing_behind(signum: signal.Signals, delay: float, command: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.txt"
        out.write_text(PRECIOUS)
        args = (["effective", "-", "--format", "ndjson"] if command == "stream" else
                ["countries", "--all", "--as-of", "2026-01-01", "--format", "csv"])
        stream = command == "stream"
        process = subprocess.Popen([sys.executable, "-m", "ottawa_exit", *args, "-o", str(out)],
                                   stdin=subprocess.PIPE if stream else subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        if process.stdin is not None:
            process.stdin.write(b"2025-01-01\n" * 5000)  # then the stream waits for more, mid-run
            process.stdin.flush()
        time.sleep(delay)
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=60)
        left = sorted(p.name for p in Path(tmp).iterdir())
        text = out.read_text()
    code = process.returncode
    assert code in (0, 128 + signum, -signum), (code, stderr)
    assert left == ["out.txt"], left
    if code != 0:
        assert text == PRECIOUS
    if code == -signum:  # stopped while Python was still importing the tool, before main() set the handlers: as the
        return  # system does (Ctrl-C there shows Python's KeyboardInterrupt); no file had been opened yet
    assert b"Traceback" not in stderr, stderr
    if code == 128 + signum:
        assert stderr.decode().splitlines()[-1] in ("error: interrupted", f"error: stopped by {signum.name}")
