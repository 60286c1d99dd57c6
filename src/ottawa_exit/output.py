"""Where results go: stdout, or a file written whole or not at all (a temporary file renamed into place)."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from .errors import InputError, shown


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
def open_output(path: Path | None) -> Iterator[TextIO]:
    """Yield a stream for the results. For a file: a temporary file in the same directory, renamed over the target
    only when the block finishes without an exception, so an existing file is never left half-written."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    check_output_path(path)
    parent = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise InputError(f"--output: cannot write in {shown(str(parent))}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
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


def write_result(text: str, path: Path | None) -> None:
    with open_output(path) as stream:
        stream.write(text)
