"""The one path every data file takes: read (size-limited UTF-8 TOML, nothing executed), check by its declared spec
(``specs``), check across keys or files (the caller's ``check``), and raise ``RulesError`` listing every problem as
``file: key.path: reason``. The register, the treaty files and the record of withdrawals are read by ``read``; rules
files, which layer over one another, are read by ``load`` with the same ``read_toml``, ``Checker`` and ``fail``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import tomli

from ..errors import InputError
from .schema import Checker, Citing, FileSpec, Item, Problem

Check = Callable[[Checker, dict[str, Any], str], None]  # rules across keys or files: add problems to the Checker

MAX_RULES_BYTES = 1_000_000  # rules are small; a larger file is a mistake, not data


class RulesError(InputError):
    """One or more problems in rules files; the message is the first, ``problems`` has them all."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        first = str(self.problems[0])
        more = len(self.problems) - 1
        hint = f" (and {more} more; run 'ottawa-exit rules check')" if more else ""
        super().__init__(first + hint)


# ---------------------------------------------------------------------------------------------------------------
# Reading files


def read_text(path: Path) -> str:
    """A rules file's text: size-limited, UTF-8. Problems raise RulesError."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_RULES_BYTES:
            raise RulesError([Problem(name, "", f"file is {size:,} bytes; rules files are limited to {MAX_RULES_BYTES:,}")])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RulesError([Problem(name, "", "no such file")]) from None
    except IsADirectoryError:
        raise RulesError([Problem(name, "", "is a directory, not a rules file")]) from None
    except PermissionError:
        raise RulesError([Problem(name, "", "permission denied")]) from None
    except OSError as exc:
        raise RulesError([Problem(name, "", f"cannot read: {exc.strerror or exc}")]) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RulesError([Problem(name, "", f"not UTF-8 text (byte {exc.start})")]) from None


def read_toml(path: Path) -> dict[str, Any]:
    """Read one rules file: TOML only, nothing executed. Problems raise RulesError.

    Parsed by tomli, the library the standard library's tomllib was taken from, because its wheels are compiled:
    three times faster over the shipped data, which takes `countries --all --format json` from 1.70x to 1.47x a
    bare Typer app (17% of that budget; 1.7% of `timeline poland`'s). A test holds it to tomllib's results on every
    shipped file."""
    return loads(read_text(path), str(path))


def loads(text: str, file: str) -> dict[str, Any]:
    """TOML text from ``file`` (or a part of it); invalid TOML raises RulesError."""
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise RulesError([Problem(file, "", f"invalid TOML: {exc}")]) from None


def fail(check: Checker) -> None:
    """Raise RulesError if the checker found any problem."""
    if check.problems:
        raise RulesError(check.problems)


def parse(data: dict[str, Any], file: str, spec: FileSpec, check: Check | None = None,
          citing: Citing | None = None) -> dict[str, Any]:
    """A file's parsed data checked by its spec, then by ``check`` (run only when every table is valid; ``Rows``
    give their valid rows to it): the values by key. ``citing``: what its facts may cite (``sources.Citable``),
    for a file that cites sources. RulesError lists every problem."""
    checker = Checker(citing)
    values = checker.file(Item(data, file, ""), spec)
    if values is not None and check is not None:
        check(checker, values, file)
    fail(checker)
    assert values is not None  # a table that is not valid has been reported
    return values


def read(path: Path, spec: FileSpec, check: Check | None = None, citing: Citing | None = None) -> dict[str, Any]:
    """Read one data file and check it (see ``parse``)."""
    return parse(read_toml(path), str(path), spec, check, citing)
