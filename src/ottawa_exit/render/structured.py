"""JSON, NDJSON and CSV from the documents in ``ottawa_exit.documents``. No Rich here: this is the fast path.

CSV is the documents flattened (``flatten``) and written by ``csv.DictWriter`` with the first row's keys as the
header, so its columns are the JSON keys joined by ``_`` (``state.id`` -> ``state_id``; a state's ``iso2`` and
``iso3`` keep their own names) and cannot drift from them; an object that may be null (a step's ``limit``) gives the
same columns, empty, when it is. Lists of plain values are joined by " | " with ``|`` escaped (``split_list`` reads
them back), lists of records are JSON text: no Python repr reaches a cell. docs/columns.md lists every command's
columns. The same writers serve whole outputs and the `effective` stream.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TextIO

from ..documents import NULLABLE_OBJECTS

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_json(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def ndjson_line(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def to_ndjson(documents: Iterable[Any]) -> str:
    return "".join(ndjson_line(d) for d in documents)


class JsonArray:
    """A JSON array written item by item (constant memory): one compact document per line, commas between."""

    def __init__(self) -> None:
        self._separator = "[\n  "

    def item(self, document_line: str) -> str:
        """The text for one item, given its NDJSON line (which ends with a newline)."""
        text = self._separator + document_line[:-1]
        self._separator = ",\n  "
        return text

    def close(self) -> str:
        return "[]\n" if self._separator == "[\n  " else "\n]\n"


LIST_SEPARATOR = " | "
# The vocabulary every command's CSV shares: a state's codes are `iso2` and `iso3` wherever a state is named.
RENAMED = {"state_iso2": "iso2", "state_iso3": "iso3"}
# Lists whose items are the CSV's rows, with the prefix of their columns: a timeline's steps (`step_id`), the
# parties' states (already `state_id`, `status`: the names `countries` uses).
ROW_LISTS = {"steps": "step_", "parties": "", "facts": "fact_"}


def join_list(values: Iterable[Any]) -> str:
    """A list of plain values as one cell: joined by " | ", each ``\\`` and ``|`` inside a value escaped by a
    backslash, so ``split_list`` gives the values back exactly."""
    return LIST_SEPARATOR.join(str(v).replace("\\", "\\\\").replace("|", "\\|") for v in values)


def split_list(cell: str) -> list[str]:
    """The values of a cell written by ``join_list`` (an empty cell is an empty list)."""
    if cell == "":
        return []
    values, current, chars = [], [], iter(cell)
    for char in chars:
        if char == "\\":
            current.append(next(chars, ""))
        elif char == "|":
            values.append("".join(current))
            current = []
        else:
            current.append(char)
    values.append("".join(current))
    # every separator is " | ": drop the space it put after the value before it and before the value after it
    return [v[1 if i else 0:len(v) - (1 if i < len(values) - 1 else 0)] for i, v in enumerate(values)]


def _cell(value: Any) -> Any:
    """A CSV cell: JSON's spelling of booleans, nothing for null, a list of plain values joined (``join_list``), a
    list of records (or of lists) as JSON text."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, list) and any(isinstance(v, (Mapping, list)) for v in value):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))  # nested records: JSON text
    if isinstance(value, list):
        return join_list(value)
    return value


def _flat(document: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    row: dict[str, Any] = {}
    for key, value in document.items():
        if isinstance(value, Mapping):
            row.update(_flat(value, f"{prefix}{key}_"))
        elif value is None and key in NULLABLE_OBJECTS:  # a null object: its columns, empty
            row.update({f"{prefix}{key}_{k}": "" for k in NULLABLE_OBJECTS[key]})
        else:
            row[prefix + key] = _cell(value)
    return row


def _named(row: dict[str, Any]) -> dict[str, Any]:
    return {RENAMED.get(k, k): v for k, v in row.items()}


def flatten(document: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """CSV rows of a document: nested objects become ``parent_key`` columns (a state's codes: ``iso2``, ``iso3``).
    A list of ROW_LISTS (a timeline's ``steps``, the ``parties``) gives one row per item, its fields under the
    list's prefix (``step_id``), the document's other fields repeated beside them."""
    nested = next((k for k, v in document.items() if k in ROW_LISTS and isinstance(v, list)), None)
    if nested is None:
        yield _named(_flat(document))
        return
    for item in document[nested]:
        row: dict[str, Any] = {}
        for key, value in document.items():
            row.update(_flat(item, ROW_LISTS[nested]) if key == nested else _flat({key: value}))
        yield _named(row)


def neutralise(cell: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice).
    Numbers we computed are left as numbers."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return "" if cell is None else cell


class CsvWriter:
    """``csv.DictWriter`` over flattened documents; the header is written before the first row, from its keys.
    A later row with a key the header lacks is an error (DictWriter's ``extrasaction="raise"``), never a silent
    drop."""

    def __init__(self, out: TextIO, header: bool = True) -> None:
        self._out = out
        self._header = header
        self._writer: csv.DictWriter[str] | None = None

    def write(self, document: Mapping[str, Any]) -> None:
        for row in flatten(document):
            if self._writer is None:
                self._writer = csv.DictWriter(self._out, fieldnames=list(row), lineterminator="\n")
                if self._header:
                    self._writer.writeheader()
            self._writer.writerow({k: neutralise(v) for k, v in row.items()})


def to_csv(documents: Iterable[Mapping[str, Any]], header: bool = True) -> str:
    out = io.StringIO()
    writer = CsvWriter(out, header)
    for document in documents:
        writer.write(document)
    return out.getvalue()
