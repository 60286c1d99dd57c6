"""`ottawa-exit effective`: Article 20 over many dates, streamed with constant memory.

Each date becomes the `effective` document (``documents.effective_dict``), written by the same writers as every
other command's output (``render.structured``): NDJSON lines, a JSON array item by item, CSV rows by DictWriter.
The common case (same-day count, no armed conflict) has a fast loop that formats each line from a template made by
those writers from an example date; tests check that it gives byte for byte what they give.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TextIO

from .article20 import ArmedConflict, Count, Effect, effective_date, six_months_after
from .dates import parse_date
from .documents import effective_dict
from .errors import InputError, shown
from .render import Format
from .render.structured import JsonArray, ndjson_line as document_line, to_csv

TABLE_HEADER = f"{'receipt':<12}{'effective':<12}note\n"


def _numbered(arguments: list[str], stdin: TextIO) -> Iterator[tuple[str, str]]:
    """(where, text) for every date: arguments are named by position, standard input by line number."""
    for position, argument in enumerate(arguments, 1):
        if argument == "-":
            for number, line in enumerate(stdin, 1):
                text = line.strip().removeprefix("\ufeff") if number == 1 else line.strip()  # a UTF-8 byte-order mark
                if text:  # blank lines (a trailing newline, a spacer) carry no date
                    yield f"line {number}", text
        else:
            yield f"argument {position}", argument


def table_line(effect: Effect) -> str:
    """A line of at most 60 columns (24 for the dates, 36 for the note): the JSON's `rule` says it in full."""
    if effect.effective is None:
        note = "indeterminate: conflict end unknown"
    elif effect.armed_conflict and effect.armed_conflict.end and effect.effective == effect.armed_conflict.end and \
            effect.effective != effect.six_months:
        note = "deferred to the armed conflict's end"
    elif effect.month_end_clamped:
        note = "month end clamped (a convention)"
    else:
        note = ""
    shown_date = effect.effective.isoformat() if effect.effective else "-"
    return f"{effect.receipt.isoformat():<12}{shown_date:<12}{note}".rstrip() + "\n"


def csv_line(effect: Effect) -> str:
    return to_csv([effective_dict(effect)], header=False)


def csv_header() -> str:
    """The flattened document's keys: the same for every date, so an example date gives them."""
    return to_csv([effective_dict(effective_date(date(2025, 8, 20)))]).partition("\n")[0] + "\n"


def ndjson_line(effect: Effect) -> str:
    return document_line(effective_dict(effect))


def _line_writer(fmt: Format) -> Callable[[Effect], str]:
    """One line per date: JSON items are NDJSON lines that ``JsonArray`` joins."""
    if fmt is Format.CSV:
        return csv_line
    if fmt in (Format.NDJSON, Format.JSON):
        return ndjson_line
    return table_line


def _month_day_table() -> dict[str, tuple[bool, str | None, bool]]:
    """For each "MM-DD": (into the next year?, "-MM-DD" six months on, clamped?). Targets of 29-31 February depend
    on the year (leap or not): they get None and go through the general rule."""
    lengths = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    table: dict[str, tuple[bool, str | None, bool]] = {}
    for month in range(1, 13):
        for day in range(1, (29 if month == 2 else lengths[month - 1]) + 1):
            carry = month + 6 > 12
            target = month + 6 - (12 if carry else 0)
            if target == 2 and day >= 29:
                table[f"{month:02d}-{day:02d}"] = (carry, None, True)
            else:
                kept = min(day, lengths[target - 1])
                table[f"{month:02d}-{day:02d}"] = (carry, f"-{target:02d}-{kept:02d}", kept != day)
    return table


class _Fast:
    """Same-day count, no armed conflict: the six months looked up by month and day, each line formatted from a
    template (one per format and per rule: plain or month end clamped). Tests hold it to the general path."""

    def __init__(self, fmt: Format):
        examples = [effective_date(day) for day in (date(2025, 8, 20), date(2025, 8, 31))]  # plain, clamped
        render = _line_writer(fmt)
        self.templates = tuple(self._template(render(e), e) for e in examples)
        self.table = _month_day_table()

    @staticmethod
    def _template(line: str, example: Effect) -> str:
        escaped = line.replace("{", "{{").replace("}", "}}")
        return escaped.replace(example.receipt.isoformat(), "{0}", 1).replace(example.six_months.isoformat(), "{1}")

    def line(self, text: str, where: str) -> str:
        if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.isascii():
            parse_date(text, where)  # raises with the exact reason
        try:
            receipt = date.fromisoformat(text)  # validates the day, e.g. 2025-02-30
        except ValueError:
            parse_date(text, where)
            raise
        carry, tail, clamped = self.table[text[5:]]
        if tail is None or (carry and receipt.year == 9999):
            expiry = _six_months_checked(receipt, where)
            return self.templates[expiry.day != receipt.day].format(text, expiry.isoformat())
        year = f"{receipt.year + 1:04d}" if carry else text[:4]
        return self.templates[clamped].format(text, year + tail)


def _six_months_checked(receipt: date, where: str, count: Count = Count.SAME_DAY) -> date:
    try:
        return six_months_after(receipt, count)
    except (OverflowError, ValueError):
        raise InputError(f"{where}: {shown(receipt.isoformat())} would take effect after the year 9999") from None


BATCH = 2048  # lines written at once: fewer calls, and memory stays constant


def run_effective(
    arguments: list[str], stdin: TextIO, fmt: Format, output: Path | None, conflict: ArmedConflict | None,
    count: Count, keep_going: bool,
) -> int:
    """Write one result per date; return the number of bad lines skipped (only with ``keep_going``). Without it, a
    bad date ends the run: every result before it is written first (and a JSON array closed), then the error is
    raised; to a file (``output``) nothing is written, as the file is written whole or not at all."""
    from .output import open_output

    skipped = 0
    fast = _Fast(fmt) if conflict is None and count is Count.SAME_DAY else None
    line_of = _line_writer(fmt)
    if fmt is Format.JSON and arguments != ["-"] and len(arguments) == 1:
        fmt = Format.NDJSON  # one result: JSON is the one object, which is its NDJSON line
    array = JsonArray() if fmt is Format.JSON else None
    with open_output(output) as out:
        pending: list[str] = [{Format.CSV: csv_header(), Format.TABLE: TABLE_HEADER}.get(fmt, "")]
        for where, text in _numbered(arguments, stdin):
            try:
                if fast is not None:
                    line = fast.line(text, where)
                else:
                    receipt = parse_date(text, where)
                    _six_months_checked(receipt, where, count)
                    line = line_of(effective_date(receipt, conflict, count))
            except InputError as exc:
                if not keep_going:  # what came before stays written (stdout), the JSON array closed
                    out.write("".join(pending) + (array.close() if array is not None else ""))
                    out.flush()
                    raise
                skipped += 1
                sys.stderr.write(f"error: {exc}\n")
                continue
            pending.append(array.item(line) if array is not None else line)
            if len(pending) >= BATCH:
                out.write("".join(pending))
                pending.clear()
        if array is not None:
            pending.append(array.close())
        out.write("".join(pending))
    return skipped
