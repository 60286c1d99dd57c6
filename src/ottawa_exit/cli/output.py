"""Where results go: rendered in the format asked (``emit``), to stdout or to a file written whole or not at all (a
temporary file renamed into place)."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, TextIO

from ..documents import Result
from ..errors import InputError, MissingExtra, shown
from ..render import Format, render


def check_output_path(path: Path) -> None:
    """Fail before anything is written when the file could not be: a directory, a missing or unwritable one."""
    parent = path.parent  # Path("out.json").parent is Path(".")
    if path.is_dir():
        raise InputError(f"--output: {shown(str(path))} is a directory")
    if not parent.is_dir():
        raise InputError(f"--output: directory {shown(str(parent))} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(f"--output: directory {shown(str(parent))} is not writable")


@contextlib.contextmanager
def open_output(path: Path | None, binary: bool = False) -> Iterator[IO[Any]]:
    """Yield a stream for the results (bytes if ``binary``). For a file: a temporary file in the same directory,
    renamed over the target only when the block finishes without an exception, so an existing file is never left
    half-written."""
    if path is None:
        stdout: IO[Any] = sys.stdout.buffer if binary else sys.stdout
        yield stdout
        stdout.flush()
        return
    check_output_path(path)
    parent = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise InputError(f"--output: cannot write in {shown(str(parent))}: {exc.strerror or exc}") from None
    try:
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


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


def emit(fmt: Format, output: str | None, result: Result | str, verbose: bool = False) -> None:
    """A command's one output: ``result`` rendered in ``fmt``, to ``output`` (None or '-': stdout)."""
    try:
        data = render(fmt, result, terminal(output), verbose)
    except MissingExtra as exc:
        raise MissingExtra(f"{exc} (or use --format html/table/json)") from None
    write_result(data, output_path(output), f"--format {fmt.value}")


def output_path(output: str | None) -> Path | None:
    """The file to write, or None for standard output (no option, or '-')."""
    return Path(output) if output is not None and output != "-" else None


def terminal(output: str | None) -> bool:
    """Colour, box drawing and links only for a real terminal that has not asked for NO_COLOR."""
    return output_path(output) is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
