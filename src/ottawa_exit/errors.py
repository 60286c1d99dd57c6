"""Errors the tool reports as one line. The exit code belongs to the error, so the CLI only maps."""

from __future__ import annotations

from collections.abc import Iterable


class OttawaExitError(Exception):
    """A failure the user should see as one line; exit code 1 (runtime failure)."""

    exit_code = 1


class InputError(OttawaExitError):
    """Bad input or usage: a date, a country, an override, a rules file, an output path. Exit code 2."""

    exit_code = 2


def shown(text: str, limit: int = 60) -> str:
    """User text quoted for an error message: control characters escaped, very long text cut."""
    cleaned = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 3] + "..."
    return f"'{cleaned}'"


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice most like ``word``, for "did you mean" hints (difflib is loaded only on this error path)."""
    import difflib

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None
