"""Renderers: each turns engine results into text. They never compute dates; Rich is imported only where needed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

Builder = Callable[[bool], str]  # takes "is stdout a colour terminal?", returns the whole output


def list_builders(
    documents: Callable[[], list[dict[str, Any]]],
    csv_header: Sequence[str],
    csv_rows: Callable[[], Iterable[Sequence[Any]]],
    table: Builder,
    single: bool = False,
) -> dict[str, Builder]:
    """The machine formats every list command shares (json, ndjson, csv), plus its own table.
    ``single``: JSON is the one object rather than an array of one."""

    def as_json(_: bool) -> str:
        from .structured import to_json

        docs = documents()
        return to_json(docs[0] if single else docs)

    def as_ndjson(_: bool) -> str:
        from .structured import to_ndjson

        return to_ndjson(documents())

    def as_csv(_: bool) -> str:
        from .structured import to_csv

        return to_csv(csv_header, csv_rows())

    return {"table": table, "json": as_json, "ndjson": as_ndjson, "csv": as_csv}
