"""`-o` writes through what stands at the path (issue 18, item 1): a regular file replaced whole keeping its mode and
owner, a symlink's target replaced with the link kept, a FIFO or a device written directly, a write error one line.

Devices are made in the test's directory where the system allows it (root in a container); nothing in /dev is ever
given to a version of the code that could replace it, but /dev/stdout, through a pipe, in a real process."""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from ottawa_exit.errors import shown

from .conftest import run_cli

CSV = ["effective", "2025-08-20", "--format", "csv"]
EXPECTED = run_cli(CSV).stdout


def listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_expected_output_is_a_csv_row() -> None:
    assert EXPECTED.startswith("schema,") and ",2026-02-20," in EXPECTED


def test_a_symlink_is_followed_its_target_replaced_and_the_link_kept(tmp_path: Path) -> None:
    target = tmp_path / "target.csv"
    target.write_text("old\n")
    (tmp_path / "latest.csv").symlink_to("target.csv")
    result = run_cli([*CSV, "-o", str(tmp_path / "latest.csv")])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "latest.csv").is_symlink() and os.readlink(tmp_path / "latest.csv") == "target.csv"
    assert target.read_text() == EXPECTED
    assert listing(tmp_path) == ["latest.csv", "target.csv"]


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    (tmp_path / "latest.csv").symlink_to("new.csv")
    assert run_cli([*CSV, "-o", str(tmp_path / "latest.csv")]).exit_code == 0
    assert (tmp_path / "latest.csv").is_symlink() and (tmp_path / "new.csv").read_text() == EXPECTED


def test_a_loop_of_links_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    result = run_cli([*CSV, "-o", str(tmp_path / "a")])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: --output: {shown(str(tmp_path / 'a'))}: ")


def test_an_existing_files_mode_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "private.csv"
    target.write_text("old\n")
    target.chmod(0o640)
    assert run_cli([*CSV, "-o", str(target)]).exit_code == 0
    assert target.read_text() == EXPECTED
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_new_file_gets_the_default_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        assert run_cli([*CSV, "-o", str(tmp_path / "new.csv")]).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o640


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root may give a file away")
def test_an_existing_files_owner_and_group_are_kept_where_allowed(tmp_path: Path) -> None:
    target = tmp_path / "theirs.csv"
    target.write_text("old\n")
    os.chown(target, 65534, 65534)
    assert run_cli([*CSV, "-o", str(target)]).exit_code == 0
    assert (target.stat().st_uid, target.stat().st_gid) == (65534, 65534)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write any file")
def test_a_read_only_file_is_refused_as_the_shell_would(tmp_path: Path) -> None:
    """Renaming over it would succeed where `>` is refused: the file's own permission is respected."""
    target = tmp_path / "locked.csv"
    target.write_text("old\n")
    target.chmod(0o444)
    result = run_cli([*CSV, "-o", str(target)])
    assert (result.exit_code, result.stderr) == (2, f"error: --output: {shown(str(target))} is not writable\n")
    assert target.read_text() == "old\n"


def test_a_fifo_is_written_directly_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run_cli([*CSV, "-o", str(fifo)])
    reader.join(timeout=30)
    if reader.is_alive():  # the FIFO was never opened (it was replaced): release the reader
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert result.exit_code == 0, result.stderr
    assert received == [EXPECTED.encode()]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert listing(tmp_path) == ["pipe"]  # no temporary file


def _device(tmp_path: Path, name: str, minor: int) -> Path:
    """A character device like /dev/null (1, 3) or /dev/full (1, 7) in the test's directory, or a skip."""
    path = tmp_path / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except (PermissionError, AttributeError, OSError) as exc:
        pytest.skip(f"cannot make a device here: {exc}")
    return path


def test_a_character_device_is_written_directly_and_stays_a_device(tmp_path: Path) -> None:
    null = _device(tmp_path, "null", 3)
    result = run_cli(["countries", "--as-of", "2026-01-01", "--format", "csv", "-o", str(null)])
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert listing(tmp_path) == ["null"]


def test_a_write_error_is_one_line_and_exit_1(tmp_path: Path) -> None:
    full = _device(tmp_path, "full", 7)
    result = run_cli(["countries", "--as-of", "2026-01-01", "--format", "csv", "-o", str(full)])
    assert result.exit_code == 1
    assert result.stderr == f"error: cannot write to {shown(str(full))}: No space left on device\n"
    assert stat.S_ISCHR(full.lstat().st_mode) and listing(tmp_path) == ["full"]


def test_a_directory_and_a_socket_are_refused(tmp_path: Path) -> None:
    import socket

    result = run_cli([*CSV, "-o", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (2, f"error: --output: {shown(str(tmp_path))} is a directory\n")
    sock_path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        result = run_cli([*CSV, "-o", str(sock_path)])
    assert (result.exit_code, result.stderr) == (2, f"error: --output: {shown(str(sock_path))} is a socket\n")


def _process(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "ottawa_exit", *args], timeout=120, **kwargs)  # type: ignore[call-overload, no-any-return]


def test_dev_stdout_is_written_directly_to_the_process_output(tmp_path: Path) -> None:
    done = _process([*CSV, "-o", "/dev/stdout"], capture_output=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == EXPECTED.encode() and listing(tmp_path) == []


def test_dev_stdout_appends_where_the_shell_appends(tmp_path: Path) -> None:
    log = tmp_path / "log"
    log.write_text("first\n")
    with log.open("a") as out:
        done = _process([*CSV, "-o", "/dev/stdout"], stdout=out, stderr=subprocess.PIPE)
    assert done.returncode == 0, done.stderr
    assert log.read_text() == "first\n" + EXPECTED


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_standard_output_that_cannot_be_written_is_one_line() -> None:
    with open("/dev/full", "wb") as full:
        done = _process(["countries", "--as-of", "2026-01-01", "--format", "json"], stdout=full,
                        stderr=subprocess.PIPE)
    assert done.returncode == 1
    assert done.stderr.decode() == "error: cannot write to standard output: No space left on device\n"


def _small_files() -> None:
    """A process whose files may not grow past 1 KB: a write past it fails with EFBIG instead of a signal."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))


def test_a_failed_write_to_a_file_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "all.json"
    target.write_text("precious\n")
    done = _process(["countries", "--all", "--as-of", "2026-01-01", "--format", "json", "-o", str(target)],
                    capture_output=True, preexec_fn=_small_files)
    assert done.returncode == 1
    assert done.stderr.decode() == f"error: cannot write to {shown(str(target))}: File too large\n"
    assert target.read_text() == "precious\n" and listing(tmp_path) == ["all.json"]
