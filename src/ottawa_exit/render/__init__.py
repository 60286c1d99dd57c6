"""Renderers: each turns engine results into text. They never compute dates; Rich is imported only where needed."""

from __future__ import annotations

FORMATS = ("table", "json", "ndjson", "csv")
