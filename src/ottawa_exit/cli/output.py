"""Where results go: rendered in the format asked (``emit``), to stdout or to -o's path, written through whatever
stands there.

- A regular file, or nothing yet: a temporary file in the same directory, renamed over the target only when the
  block finishes without an exception, so the file is whole or untouched. An existing file keeps its mode, and its
  owner and group where the system allows.
- A symbolic link: followed; its target is replaced as above and the link kept.
- A FIFO, a character device (``/dev/null``, a terminal) or a descriptor (``/dev/stdout``, ``/dev/fd/N``): written
  directly, as a shell's ``>`` would, since there is no file to replace; a descriptor is written through a duplicate,
  so ``-o /dev/stdout >> log`` appends as the shell asked.
- A directory, a block device or a socket: refused before anything is written.

A failed write (``/dev/full``, a full disk) is a one-line error (exit 1), with the temporary file removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..documents import Result
from ..errors import InputError, MissingExtra, OttawaExitError, shown
from ..render import ChartOptions, Format, render
from .signals import committing, hold, release

_DESCRIPTOR = re.compile(r"/(?:dev/fd|proc/self/fd)/(\d+)")
_STANDARD = {"/dev/stdout": 1, "/dev/stderr": 2}


@dataclass(frozen=True, slots=True)
class Target:
    """What ``-o PATH`` writes to: a descriptor (``fd``), a file opened directly, or a file replaced whole."""

    path: Path  # the path given
    real: Path  # the file written (every link followed)
    direct: bool  # opened and written in place: a FIFO or character device
    fd: int | None = None  # /dev/stdout, /dev/fd/N: a descriptor this process holds
    existing: os.stat_result | None = None  # the regular file to be replaced, if there is one


def output_target(path: Path) -> Target:
    """Decide, before anything is written, how ``path`` is written; refuse what cannot be written."""
    text = str(path)
    named = _DESCRIPTOR.fullmatch(text)
    if text in _STANDARD or named:
        return Target(path, path, True, _STANDARD.get(text) or int(named.group(1) if named else 1))
    real = Path(os.path.realpath(path))  # a dangling link gives its target's path: the target is created
    try:
        found: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        found = None
    except OSError as exc:  # a loop of links, a path through a file
        raise InputError(f"--output: {shown(text)}: {exc.strerror or exc}") from None
    if found is None or stat.S_ISREG(found.st_mode):
        check_directory(path, real)
        if found is not None and not os.access(real, os.W_OK):  # a rename would get round what `>` respects
            raise InputError(f"--output: {shown(text)} is not writable")
        return Target(path, real, False, existing=found)
    if stat.S_ISFIFO(found.st_mode) or stat.S_ISCHR(found.st_mode):
        return Target(path, real, True)
    raise InputError(f"--output: {shown(text)} is {_kind(found.st_mode)}")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    return "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a file"


def check_directory(path: Path, real: Path) -> None:
    """The temporary file goes beside the target: its directory must exist and be writable."""
    parent = real.parent
    where = shown(str(path.parent if path.parent == parent else parent))
    if not parent.is_dir():
        raise InputError(f"--output: directory {where} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(f"--output: directory {where} is not writable")


class WriteError(OttawaExitError):
    """The output could not be written (a full disk, ``/dev/full``): exit 1."""


def _cannot_write(where: str, exc: OSError) -> WriteError:
    return WriteError(f"cannot write {where}: {exc.strerror or exc}")


@contextlib.contextmanager
def open_output(path: Path | None, binary: bool = False) -> Iterator[IO[Any]]:
    """Yield a stream for the results (bytes if ``binary``), for ``path`` as ``output_target`` decides (standard
    output if None). The block must only write to it: any other OSError in it would be reported as a write error."""
    if path is None:
        with _standard_output(binary) as stream:
            yield stream
        return
    target = output_target(path)
    if target.direct:
        with _direct(target, binary) as stream:
            yield stream
        return
    with _replacing(target, binary) as stream:
        yield stream


@contextlib.contextmanager
def _standard_output(binary: bool) -> Iterator[IO[Any]]:
    stdout: IO[Any] = sys.stdout.buffer if binary else sys.stdout
    try:
        yield stdout
        stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        # what stayed in the buffer would fail again when Python flushes at exit: let it go nowhere instead
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stdout.fileno())
        raise _cannot_write("to standard output", exc) from None


@contextlib.contextmanager
def _direct(target: Target, binary: bool) -> Iterator[IO[Any]]:
    """A FIFO, a device or a descriptor: no temporary file, no rename (a FIFO waits for its reader, as with ``>``)."""
    where = f"to {shown(str(target.path))}"
    try:
        fd = os.dup(target.fd) if target.fd is not None else os.open(target.real, os.O_WRONLY)
    except OSError as exc:
        raise _cannot_write(where, exc) from None
    if binary and os.isatty(fd):
        os.close(fd)
        raise InputError("binary output is not written to a terminal: give -o FILE")
    stream = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
    try:
        yield stream
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _cannot_write(where, exc) from None
    finally:
        with contextlib.suppress(OSError):  # data a failed write left in the buffer would fail again
            stream.close()


@contextlib.contextmanager
def _replacing(target: Target, binary: bool) -> Iterator[IO[Any]]:
    """A temporary file beside the target, renamed over it when the block ends without an exception."""
    parent = target.real.parent
    held = hold()  # a signal between creating the file and the `try` that removes it would leave it behind
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.real.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        release(held)
        raise InputError(f"--output: cannot write in {shown(str(parent))}: {exc.strerror or exc}") from None
    try:
        release(held)
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        _keep_mode(tmp, target.existing)
        with committing():  # the output in place and the run marked done at one time: a signal has nothing to undo
            os.replace(tmp, target.real)
    except BaseException as exc:  # an error, Ctrl-C, SIGTERM or SIGHUP (cli.signals): nothing left behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise _cannot_write(f"to {shown(str(target.path))}", exc) from None
        raise


def _keep_mode(tmp: str, existing: os.stat_result | None) -> None:
    """The replaced file's mode, owner and group (the owner only where allowed: root, or a group one belongs to);
    a new file gets the default mode (0666 less the umask), as ``open`` would give it."""
    if existing is None:
        os.chmod(tmp, 0o666 & ~_umask())
        return
    if hasattr(os, "chown"):
        with contextlib.suppress(PermissionError):
            os.chown(tmp, existing.st_uid, existing.st_gid)
        with contextlib.suppress(PermissionError):
            os.chown(tmp, -1, existing.st_gid)
    os.chmod(tmp, stat.S_IMODE(existing.st_mode))  # after chown, which may clear set-id bits


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_result(data: str | bytes, path: Path | None, what: str = "") -> None:
    """Write the whole output. Bytes (a PNG, a PDF) are never written to a terminal, where they would be noise."""
    binary = isinstance(data, bytes)
    if binary and path is None and sys.stdout.isatty():
        raise InputError(f"{what or 'binary output'} is not written to a terminal: give -o FILE")
    with open_output(path, binary) as stream:
        stream.write(data)


def emit(fmt: Format, output: str | None, result: Result | str, verbose: bool = False,
         chart: ChartOptions = ChartOptions()) -> None:
    """A command's one output: ``result`` rendered in ``fmt``, to ``output`` (None or '-': stdout); ``chart``: a
    chart's size, resolution and title."""
    try:
        data = render(fmt, result, terminal(output), verbose, chart)
    except MissingExtra as exc:
        raise MissingExtra(f"{exc} (or use --format html/table/json)") from None
    write_result(data, output_path(output), f"--format {fmt.value}")


def output_path(output: str | None) -> Path | None:
    """The file to write, or None for standard output (no option, or '-')."""
    return Path(output) if output is not None and output != "-" else None


def terminal(output: str | None) -> bool:
    """Colour, box drawing and links only for a real terminal that has not asked for NO_COLOR."""
    return output_path(output) is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
