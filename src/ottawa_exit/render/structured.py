"""JSON, NDJSON and CSV text from the plain dicts in ``data``. No Rich here: this is the fast path."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..timeline import Timeline
from .data import iso, timeline_dict

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


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


TIMELINE_CSV_HEADER = (
    "state", "as_of", "status", "step", "title", "actor", "requirement", "legal_basis", "kind", "date", "earliest",
    "latest", "detail", "source", "note",
)


def timeline_csv_rows(timeline: Timeline) -> list[list[Any]]:
    """A row per step, then one for the effective date (its rule in the note column)."""
    doc = timeline_dict(timeline)
    head = [doc["state"]["id"], doc["as_of"], doc["status"]]
    rows = [
        head + [s["id"], s["title"], s["actor"], s["requirement"], s["legal_basis"], s["kind"], s["date"],
                s["earliest"], s["latest"], s["detail"], " ".join(s["sources"]), s["note"]]
        for s in doc["steps"]
    ]
    eff = doc["effective"]
    rows.append(head + ["effective", "Withdrawal takes effect", "", "", "Ottawa Convention Art. 20(3)", eff["kind"],
                        eff["date"], eff["earliest"], eff["latest"], "", " ".join(eff["sources"]), eff["rule"]])
    return rows


COUNTRY_CSV_HEADER = (
    "state", "name", "iso2", "iso3", "as_of", "status", "receipt_kind", "receipt", "receipt_earliest",
    "receipt_latest", "effective_kind", "effective", "effective_earliest", "effective_latest", "rule",
)


def country_csv_row(timeline: Timeline) -> list[Any]:
    s, r, e = timeline.state, timeline.receipt, timeline.effective
    return [s.id, s.name, s.iso2, s.iso3, iso(timeline.as_of), timeline.status.value, r.kind.value, iso(r.span.date),
            iso(r.span.earliest), iso(r.span.latest), e.kind.value, iso(e.span.date), iso(e.span.earliest),
            iso(e.span.latest), e.rule]
