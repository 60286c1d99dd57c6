"""SIGTERM and SIGHUP clean up as Ctrl-C does (issue 18, item 2): a real process, stopped mid-stream while it writes
a temporary file, removes it, leaves the existing file untouched, says so in one line and exits 128 + the signal."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
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
