"""`ottawa-exit effective`: Article 20 over many dates, streamed with constant memory.

The common case (same-day count, no armed conflict) has a fast loop that formats each line from a precomputed
template; tests check that it gives byte for byte what the general renderers give.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TextIO

from .article20 import SIX_MONTHS, ArmedConflict, Count, Effect, effective_date
from .dates import parse_date
from .errors import InputError, shown

CSV_HEADER = "receipt,six_months,effective,count,armed_conflict_ongoing,armed_conflict_end,rule\n"
TABLE_HEADER = f"{'receipt':<12}{'effective':<12}note\n"


def _numbered(arguments: list[str], stdin: TextIO) -> Iterator[tuple[str, str]]:
    """(where, text) for every date: arguments are named by position, standard input by line number."""
    for position, argument in enumerate(arguments, 1):
        if argument == "-":
            for number, line in enumerate(stdin, 1):
                text = line.strip()
                if text:  # blank lines (a trailing newline, a spacer) carry no date
                    yield f"line {number}", text
        else:
            yield f"argument {position}", argument


def table_line(effect: Effect) -> str:
    if effect.effective is None:
        note = "indeterminate: armed conflict with no end given"
    elif effect.armed_conflict and effect.armed_conflict.end and effect.effective == effect.armed_conflict.end and \
            effect.effective != effect.six_months:
        note = "deferred to the end of the armed conflict"
    elif effect.month_end_clamped:
        note = "month end clamped (a convention, not observed practice)"
    else:
        note = ""
    shown_date = effect.effective.isoformat() if effect.effective else "-"
    return f"{effect.receipt.isoformat():<12}{shown_date:<12}{note}".rstrip() + "\n"


def csv_line(effect: Effect) -> str:
    from .render.structured import to_csv

    conflict = effect.armed_conflict
    row = [effect.receipt.isoformat(), effect.six_months.isoformat(),
           effect.effective.isoformat() if effect.effective else "", effect.count.value,
           "true" if conflict else "false", conflict.end.isoformat() if conflict and conflict.end else "", effect.rule]
    return to_csv([], [row]).split("\n", 1)[1]


def ndjson_line(effect: Effect) -> str:
    from .render.data import effective_dict
    from .render.structured import ndjson_line as line

    return line(effective_dict(effect))


class _Fast:
    """Same-day count, no armed conflict: one template per format and per rule (plain or month end clamped)."""

    def __init__(self, fmt: str):
        examples = [effective_date(day) for day in (date(2025, 8, 20), date(2025, 8, 31))]  # plain, clamped
        render = {"csv": csv_line, "ndjson": ndjson_line, "json": ndjson_line}.get(fmt, table_line)
        self.templates = tuple(self._template(render(e), e) for e in examples)

    @staticmethod
    def _template(line: str, example: Effect) -> str:
        escaped = line.replace("{", "{{").replace("}", "}}")
        return escaped.replace(example.receipt.isoformat(), "{0}", 1).replace(example.six_months.isoformat(), "{1}")


def run_effective(
    arguments: list[str], stdin: TextIO, fmt: str, output: Path | None, conflict: ArmedConflict | None,
    count: Count, keep_going: bool,
) -> int:
    """Write one result per date; return the number of bad lines skipped (only with ``keep_going``)."""
    from .output import open_output

    skipped = 0
    fast = _Fast(fmt) if conflict is None and count is Count.SAME_DAY else None
    with open_output(output) as out:
        write = out.write
        if fmt == "csv":
            write(CSV_HEADER)
        elif fmt == "table":
            write(TABLE_HEADER)
        elif fmt == "json":
            write("[\n")
        first = True
        for where, text in _numbered(arguments, stdin):
            try:
                if fast is not None:
                    line = _fast_line(fast, text, where)
                else:
                    line = _slow_line(fmt, effective_date(parse_date(text, where), conflict, count))
            except InputError as exc:
                if not keep_going:
                    raise
                skipped += 1
                sys.stderr.write(f"error: {exc}\n")
                continue
            if fmt == "json":
                line = ("  " if first else ",\n  ") + line[:-1]
            first = False
            write(line)
        if fmt == "json":
            write("\n]\n" if not first else "]\n")
    return skipped


def _fast_line(fast: _Fast, text: str, where: str) -> str:
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.isascii():
        parse_date(text, where)  # raises with the exact reason
    try:
        receipt = date.fromisoformat(text)
    except ValueError:
        parse_date(text, where)
        raise
    expiry = receipt + SIX_MONTHS
    return fast.templates[expiry.day != receipt.day].format(text, expiry.isoformat())


def _slow_line(fmt: str, effect: Effect) -> str:
    if fmt == "csv":
        return csv_line(effect)
    if fmt in ("ndjson", "json"):
        return ndjson_line(effect)
    return table_line(effect)


def effects(days: Iterable[date], conflict: ArmedConflict | None = None, count: Count = Count.SAME_DAY) -> Iterator[Effect]:
    """For scripts: Article 20 over many dates, lazily."""
    for day in days:
        yield effective_date(day, conflict, count)

