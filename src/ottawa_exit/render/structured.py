"""JSON, NDJSON and CSV text from the plain dicts and rows in ``data``. No Rich here: this is the fast path."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_json(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_ndjson(documents: Iterable[Any]) -> str:
    return "".join(ndjson_line(d) for d in documents)


def ndjson_line(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def neutralise(cell: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice).
    Numbers we computed are left as numbers."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return "" if cell is None else cell


def to_csv(header: Sequence[str] | None, rows: Iterable[Sequence[Any]]) -> str:
    """CSV text: the header row (None for rows alone, as a stream writes them) and the rows."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if header is not None:
        writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()
