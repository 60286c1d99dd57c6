"""Text helpers shared by the human renderers; no Rich here."""

from __future__ import annotations


def clean(text: str | None) -> str:
    """Drop terminal control characters (escape sequences, bells) from text we did not write."""
    if not text:
        return ""
    if text.isprintable():  # the common case, checked in C
        return text
    return "".join(ch for ch in text if ch.isprintable() or ch in "\n\t")
