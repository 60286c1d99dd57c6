"""Errors the library raises, in the domain's words. The exit code belongs to the error; ``about`` names the input
at fault (``"step"``, ``"later_date"``, ...), so the command line can name its option in front of the message."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class OttawaExitError(Exception):
    """A failure the user should see as one line; exit code 1 (runtime failure)."""

    exit_code = 1


class InputError(OttawaExitError):
    """Bad input or usage: a date, a country, an override, a rules file, an output path. Exit code 2.

    ``about``: the input at fault, by the name of the library's parameter (``"step"`` for a what-if step,
    ``"later_date"``, ``"bound_from"``, ``"armed_conflict"``), or None when the message says it all."""

    exit_code = 2

    def __init__(self, message: str, about: str | None = None) -> None:
        super().__init__(message)
        self.about = about


class UnknownName(InputError):
    """A name the registries do not know: ``kind`` is what was looked up (``"country"``, ``"treaty"``), so the
    command line can say which command lists the names."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


class MissingExtra(InputError):
    """An optional extra is not installed (matplotlib, for charts): the message names the extra that installs it."""


def shown(text: str, limit: int = 60) -> str:
    """User text quoted for an error message: control characters escaped, very long text cut."""
    cleaned = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 3] + "..."
    return f"'{cleaned}'"


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice most like ``word``, for "did you mean" hints."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None
