"""Put an export in place whole or not at all: it is written under a temporary name beside its target and renamed
into place only when complete, so a failure leaves nothing half-written, and nothing is replaced unless asked."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

from ..errors import InputError, shown

Guard = Callable[[], AbstractContextManager[None]]  # what the renames that put an export in place run inside


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _writable_parent(path: Path, what: str) -> Path:
    parent = path.absolute().parent
    if not parent.is_dir():
        raise InputError(f"{what}: directory {shown(str(parent))} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(f"{what}: directory {shown(str(parent))} is not writable")
    return parent


def check_directory(target: Path, force: bool) -> None:
    """A data package's directory must be absent or empty, or ``force`` given (then it is replaced whole)."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise InputError(f"{shown(str(target))} exists and is not a directory")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise InputError(f"{shown(str(target))} is not empty: give an empty or new directory, or --force to "
                         "replace it")
    _writable_parent(target, "export")


def check_files(targets: list[Path], force: bool) -> None:
    for target in targets:
        if target.is_dir():
            raise InputError(f"--sqlite: {shown(str(target))} is a directory")
        if target.exists() and not force:
            raise InputError(f"--sqlite: {shown(str(target))} exists: give a new file, or --force to replace it")
        _writable_parent(target, "--sqlite")


def _sync(path: Path) -> None:
    """On disk before it is renamed into place, so the rename never exposes a file still in the page cache."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def staged_directory(target: Path, force: bool, guard: Guard = contextlib.nullcontext) -> Iterator[Path]:
    """Yield a temporary directory beside ``target``; when the block ends without an exception it becomes
    ``target`` (an empty directory is replaced by the rename itself; a full one, with ``force``, is moved aside
    first and removed after), the renames inside ``guard`` (the command line's holds signals off them)."""
    check_directory(target, force)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.absolute().parent))
    try:
        yield staging
        for path in staging.iterdir():  # some writers create private files (mode 600)
            os.chmod(path, 0o666 & ~_umask())
            _sync(path)
        os.chmod(staging, 0o777 & ~_umask())
        with guard():
            _swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap_in(staging: Path, target: Path) -> None:
    if not (target.is_dir() and any(target.iterdir())):
        os.replace(staging, target)  # rename(2) replaces an empty directory
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.absolute().parent))
    os.replace(target, aside / "old")
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(aside / "old", target)
        raise
    shutil.rmtree(aside, ignore_errors=True)


@contextlib.contextmanager
def staged_files(targets: list[Path], force: bool, guard: Guard = contextlib.nullcontext) -> Iterator[list[Path]]:
    """Yield a temporary path beside each target; when the block ends without an exception each is renamed over its
    target, the last one first (so the main file appears last), all the renames inside ``guard``."""
    check_files(targets, force)
    staged: list[Path] = []
    try:
        for target in targets:
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.absolute().parent)
            os.close(fd)
            staged.append(Path(name))
        yield staged
        for path in staged:
            os.chmod(path, 0o666 & ~_umask())
            _sync(path)
        with guard():
            for path, target in reversed(list(zip(staged, targets, strict=True))):
                os.replace(path, target)
    except BaseException:
        for path in staged:
            with contextlib.suppress(OSError):
                os.unlink(path)
        raise
