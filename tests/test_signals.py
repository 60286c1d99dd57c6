"""SIGTERM and SIGHUP clean up as Ctrl-C does (issue 18, item 2): a real process, stopped mid-stream while it writes
a temporary file, removes it, leaves the existing file untouched, says so in one line and exits 128 + the signal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CASES = [(signal.SIGINT, 130, "error: interrupted\n")]
if hasattr(signal, "SIGTERM"):
    CASES.append((signal.SIGTERM, 143, "error: stopped by SIGTERM\n"))
if hasattr(signal, "SIGHUP"):
    CASES.append((signal.SIGHUP, 129, "error: stopped by SIGHUP\n"))


def _temporary(directory: Path) -> list[Path]:
    return [p for p in directory.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(("signum", "code", "message"), CASES, ids=[c[0].name for c in CASES])
def test_a_signal_mid_stream_removes_the_temporary_file(tmp_path: Path, signum: signal.Signals, code: int,
                                                         message: str) -> None:
    out = tmp_path / "out.ndjson"
    out.write_text("precious\n")
    process = subprocess.Popen([sys.executable, "-m", "ottawa_exit", "effective", "-", "--format", "ndjson", "-o",
                                str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdin is not None
    process.stdin.write(b"2025-01-01\n" * 20_000)  # the run then waits for more: mid-stream, the file half written
    process.stdin.flush()
    deadline = time.monotonic() + 60
    while not any(p.stat().st_size for p in _temporary(tmp_path)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _temporary(tmp_path), "the run never started its temporary file"
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr.decode(), stdout) == (code, message, b"")
    assert [p.name for p in tmp_path.iterdir()] == ["out.ndjson"] and out.read_text() == "precious\n"


@pytest.fixture
def handlers() -> Iterator[None]:
    """The command line's signal handlers, installed in this process for one test and then put back."""
    from ottawa_exit.cli.signals import STOPPING, stop_on_signals

    before = {s: signal.getsignal(s) for s in (*STOPPING, signal.SIGINT)}
    stop_on_signals()
    yield
    for signum, handler in before.items():
        signal.signal(signum, handler)


@pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="no SIGTERM here")
def test_a_signal_after_the_output_is_in_place_is_let_pass(tmp_path: Path, handlers: None) -> None:
    """Once the file is renamed over its target, a stop has nothing left to undo: the run ends with 0, so a non-zero
    exit always means the file was left as it was (a signal caught between the rename and the exit gave 143 with the
    new file in place)."""
    from ottawa_exit.cli.output import write_result
    from ottawa_exit.cli.signals import Stopped, stop_on_signals

    out = tmp_path / "out.csv"
    out.write_text("precious\n")
    with pytest.raises(Stopped):  # before: the run is stopped
        os.kill(os.getpid(), signal.SIGTERM)
    stop_on_signals()  # the first signal put the default handlers back (a second one ends a cleanup at once)
    write_result("new\n", out)
    os.kill(os.getpid(), signal.SIGTERM)  # after: nothing raised
    os.kill(os.getpid(), signal.SIGINT)
    assert out.read_text() == "new\n" and [p.name for p in tmp_path.iterdir()] == ["out.csv"]

