"""`ottawa-exit effective`: Article 20 over many dates, streamed with constant memory.

Each date becomes the `effective` document (``documents.effective_dict``), written by the same writers as every
other command's output (``render.structured``): NDJSON lines, a JSON array item by item, CSV rows by DictWriter.
The common case (same-day count, no armed conflict) has a fast loop that formats each line from a template made by
those writers from an example date; tests check that it gives byte for byte what they give.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from operator import itemgetter
from pathlib import Path
from dataclasses import replace
from typing import Any, BinaryIO, NamedTuple

from ..api import exit_rule
from ..data.ottawa import OTTAWA
from ..documents import effective_dict
from ..engine import clauses
from ..engine.clauses import ArmedConflict, Count, Effect, Form, Unit
from ..engine.dates import FIRST_DAY, parse_date
from ..engine.rule import ExitRule
from ..errors import InputError, OttawaExitError, shown
from ..render import Format
from ..render.structured import JsonArray, ndjson_line as document_line, to_csv
from .output import open_output


def table_header(rule: ExitRule) -> str:
    return f"{rule.clause.start.value:<12}{'effective':<12}note\n"


MAX_LINE = 4096  # bytes in a line of standard input: a date is 10; a longer line is not a date
_DISCARD = 1 << 16  # the rest of an overlong line is read and dropped in pieces of this size


class LineTooLong(InputError):
    """A line of standard input over ``MAX_LINE`` bytes, found without reading the rest of it."""


class ReadError(OttawaExitError):
    """Standard input could not be read (exit 1)."""


def _lines(stdin: BinaryIO | None) -> Iterator[tuple[str, int, str | None]]:
    """("line", number, text) for each line of standard input that is not blank; text None for a line too long,
    whose rest is dropped only if the reader asks for the next line (``--keep-going``). Memory stays bounded whatever
    the input: ``readline`` with a limit never holds more than ``MAX_LINE`` bytes of a line."""
    if stdin is None:
        raise InputError("standard input is closed: give the dates as arguments")
    readline = stdin.readline
    number = 0
    while True:
        try:
            raw = readline(MAX_LINE + 1)
        except OSError as exc:
            raise ReadError(f"line {number + 1}: cannot read standard input: {exc.strerror or exc}") from None
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE and raw[-1] != 10:  # 10: b"\n"
            yield "line", number, None
            _discard_rest(readline)
            continue
        text = raw.decode("utf-8", "replace").strip()  # an undecodable byte shows as U+FFFD in the error
        if text:  # blank lines (a trailing newline, a spacer) carry no date
            yield "line", number, text.removeprefix("\ufeff") if number == 1 else text  # a UTF-8 byte-order mark


def _discard_rest(readline: Callable[[int], bytes]) -> None:
    while True:
        piece = readline(_DISCARD)
        if not piece or piece.endswith(b"\n"):
            return


def _dates(arguments: list[str], stdin: BinaryIO | None) -> Iterator[tuple[str, int, str | None]]:
    """(kind, number, text) for every date: arguments are numbered by position, standard input by line. The label
    ("line 7") is formatted only for an error."""
    for position, argument in enumerate(arguments, 1):
        if argument == "-":
            yield from _lines(stdin)
        else:
            yield "argument", position, argument


def _note(effect: Effect) -> str:
    """The table's and Markdown's note: at most 36 columns where it can (the JSON says it in full)."""
    if effect.effective is None:
        note = "indeterminate: conflict end unknown"
    elif effect.armed_conflict and effect.armed_conflict.end and effect.effective == effect.armed_conflict.end and \
            effect.effective != effect.expiry:
        note = "deferred to the armed conflict's end"
    elif effect.later_date is not None:
        note = "the later date the notice specifies"
    elif effect.month_end_clamped:
        note = "month end clamped (a convention)"
    else:
        note = ""
    if effect.alternative is not None:
        note = f"{note}; " * bool(note) + f"or {effect.alternative.isoformat()} (count unknown)"
    if effect.early is not None:  # first: the answer is to a notice that could not yet be given
        note = f"too early: not before {effect.early.possible_from.isoformat()}" + f"; {note}" * bool(note)
    return note


def table_line(effect: Effect, treaty: str = OTTAWA) -> str:
    """A line of at most 60 columns (24 for the dates, 36 for the note) where it can: the JSON's `rule` says it in
    full."""
    shown_date = effect.effective.isoformat() if effect.effective else "-"
    return f"{effect.start.isoformat():<12}{shown_date:<12}{_note(effect)}".rstrip() + "\n"


def markdown_header(rule: ExitRule) -> str:
    return f"| {rule.clause.start.value} | effective | note |\n|---|---|---|\n"


def markdown_line(effect: Effect, treaty: str = OTTAWA) -> str:
    """A row of a Markdown table; the note is the tool's own words (no user text), escaped all the same."""
    shown_date = effect.effective.isoformat() if effect.effective else "-"
    return f"| {effect.start.isoformat()} | {shown_date} | {_note(effect).replace('|', chr(92) + '|')} |\n"


def csv_line(effect: Effect, treaty: str = OTTAWA) -> str:
    return to_csv([effective_dict(effect, treaty)], header=False)


def csv_header(rule: ExitRule | None = None) -> str:
    """The flattened document's keys: the same for every date, so an example date gives them. The user's later date
    and bound-from date are checked against the user's dates, not this example: the example gets a later date of its
    own where the rule has one (it adds the `later_date` key) and no bound-from."""
    rule = _timeless(rule or exit_rule())
    example = date(2025, 8, 20)
    later = clauses.expiry(rule.clause, example) + clauses.ONE_DAY if rule.later_date else None
    effect = _apply(replace(rule, later_date=later), example, "example", None, None)
    return to_csv([effective_dict(effect, rule.treaty)]).partition("\n")[0] + "\n"


def _timeless(rule: ExitRule) -> ExitRule:
    """The rule without the treaty's dates or the party's: for the example dates the header and the templates come
    from, which must not be answered as too early (a party bound in 2025 gives notice under Paris from 2028)."""
    return replace(rule, bound_from=None, adopted=None, in_force=None)


def ndjson_line(effect: Effect, treaty: str = OTTAWA) -> str:
    return document_line(effective_dict(effect, treaty))


def _line_writer(fmt: Format, treaty: str = OTTAWA) -> Callable[[Effect], str]:
    """One line per date: JSON items are NDJSON lines that ``JsonArray`` joins."""
    render = {Format.CSV: csv_line, Format.NDJSON: ndjson_line, Format.JSON: ndjson_line,
              Format.MARKDOWN: markdown_line}.get(fmt, table_line)
    return lambda effect: render(effect, treaty)


def _month_day_table(months: int = 6, day_after: bool = False) -> dict[str, tuple[int, str | None, bool]]:
    """For each "MM-DD": (years added, "-MM-DD" ``months`` on (or the day after that), clamped?). Targets that
    depend on the year (29 February, and the day after 28 February) get None and go through the general rule."""
    lengths = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    table: dict[str, tuple[int, str | None, bool]] = {}
    for month in range(1, 13):
        for day in range(1, (29 if month == 2 else lengths[month - 1]) + 1):
            years, target = divmod(month - 1 + months, 12)
            target += 1
            kept = min(day, lengths[target - 1])
            key = f"{month:02d}-{day:02d}"
            if target == 2 and day >= (28 if day_after else 29):
                table[key] = (years, None, True)
                continue
            if day_after and kept == lengths[target - 1]:  # the day after a month's last day
                years, target, kept = (years + 1, 1, 1) if target == 12 else (years, target + 1, 1)
            elif day_after:
                kept += 1
            table[key] = (years, f"-{target:02d}-{kept:02d}", min(day, lengths[(month - 1 + months) % 12]) != day)
    return table


def _fast_enough(rule: ExitRule, count: Count) -> bool:
    """The fast loop covers a plain period: no armed conflict, later date or fixed date. Dates before the first day
    notice was possible take the general path (``_Fast.first``)."""
    return rule.later_date is None and rule.clause.form is Form.PERIOD


# A line of the fast loop: its text with a %s per date, and what picks the dates for them from (start, expiry[,
# alternative]) in the order they appear. A pair, unpacked in the hot loop.
Template = tuple[str, Callable[[tuple[str, ...]], Any]]


class _Fast:
    """No armed conflict: the period's end looked up by month and day (or counted in days), each line formatted from
    a template (one per format and per rule: plain or month end clamped). Tests hold it to the general path."""

    def __init__(self, fmt: Format, rule: ExitRule, count: Count = Count.SAME_DAY):
        self.rule, self.count = rule, count
        period = rule.clause.period
        self.days = period.amount if period.unit is Unit.DAYS else None
        months = period.amount * (12 if period.unit is Unit.YEARS else 1)
        self.table = _month_day_table(months, count is Count.DAY_AFTER)
        self.extra = 1 if count is Count.DAY_AFTER else 0
        render = _line_writer(fmt, rule.treaty)
        plain = _timeless(rule)
        examples = [_apply(plain, day, "example", None, count) for day in (date(2025, 8, 20), _clamped_example(rule))]
        self.templates = tuple(self._template(render(e), e) for e in examples)
        possible = clauses.notice_possible_from(rule.clause, rule.in_force, rule.bound_from)
        first = max(d for d in (possible, rule.adopted, FIRST_DAY) if d)
        self.first = first.isoformat()  # earlier dates (too early, before adoption, before 1900): the general path

    @staticmethod
    def _template(line: str, example: Effect) -> Template:
        """The example's line with a ``%s`` for each of its dates (start, expiry, alternative), and which of the
        three fills each in turn: %-formatting does not parse field names, so a line costs about half what
        ``str.format`` costs (the NDJSON stream of 100,000 dates: 2.6 s -> 1.4 s of formatting measured alone)."""
        dates = [example.start.isoformat(), example.expiry.isoformat()]
        dates += [example.alternative.isoformat()] if example.alternative else []
        found = re.compile("|".join(dates))  # ISO dates: nothing to escape
        order = tuple(dates.index(m.group()) for m in found.finditer(line))
        pick = itemgetter(*order) if len(order) > 1 else lambda values: tuple(values[i] for i in order)
        return found.sub("%s", line.replace("%", "%%")), pick

    def line(self, text: str) -> str | None:
        """The line for a plain date, or None: the general path then gives the line, or the error."""
        if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.isascii() or text < self.first:
            return None  # the string comparison: ISO dates sort as text, and earlier ones need a note or an error
        try:
            receipt = date.fromisoformat(text)  # validates the day, e.g. 2025-02-30
        except ValueError:
            return None
        if self.days is not None:
            if receipt.year > 9998:
                return None
            end = date.fromordinal(receipt.toordinal() + self.days + self.extra)
            if self.count is Count.UNKNOWN:
                return _filled(self.templates[0], (text, end.isoformat(), (end + clauses.ONE_DAY).isoformat()))
            return _filled(self.templates[0], (text, end.isoformat()))
        years, tail, clamped = self.table[text[5:]]
        if tail is None or receipt.year + years > 9998:
            return None
        expiry = f"{receipt.year + years:04d}{tail}"
        if self.count is Count.UNKNOWN:
            after = (date.fromisoformat(expiry) + clauses.ONE_DAY).isoformat()
            return _filled(self.templates[clamped], (text, expiry, after))
        template, pick = self.templates[clamped]  # the common case, inline
        line: str = template % pick((text, expiry))
        return line


def _filled(template: Template, dates: tuple[str, ...]) -> str:
    text, pick = template
    line: str = text % pick(dates)
    return line


def _clamped_example(rule: ExitRule) -> date:
    """A start whose day number the period's end lacks (Ottawa's 31 August first), or a plain one if none has.
    Four years are searched: a period of whole years clamps only a 29 February (the next is 2028's)."""
    first = date(2025, 8, 31)
    for offset in range(4 * 366):
        day = first + timedelta(days=offset)
        if clauses.month_end_clamped(rule.clause, day):
            return day
    return date(2025, 8, 20)


def _apply(rule: ExitRule, start: date, where: str, conflict: ArmedConflict | None, count: Count | None) -> Effect:
    try:
        return rule.apply(start, conflict, count)
    except (OverflowError, ValueError):
        raise InputError(f"{where}: {shown(start.isoformat())} would take effect after the year 9999") from None
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None  # the line or argument at fault, not the option


def _header(fmt: Format, rule: ExitRule) -> str:
    if fmt is Format.CSV:
        return csv_header(rule)
    if fmt is Format.MARKDOWN:
        return markdown_header(rule)
    return table_header(rule) if fmt is Format.TABLE else ""


BATCH = 2048  # lines written at once: fewer calls, and memory stays constant


def _general(fmt: Format, rule: ExitRule, conflict: ArmedConflict | None,
             count: Count) -> Callable[[str, int, str | None], str]:
    """The line of any date, or its error named by ``kind`` and ``number`` ("line 7"): the path for what the fast
    loop does not take, and for every error."""
    line_of = _line_writer(fmt, rule.treaty)

    def general(kind: str, number: int, text: str | None) -> str:
        where = f"{kind} {number}"
        if text is None:
            raise LineTooLong(f"{where}: longer than {MAX_LINE} bytes; a line holds one date (YYYY-MM-DD)")
        return line_of(_apply(rule, parse_date(text, where), where, conflict, count))

    return general


def _fail_or_skip(exc: InputError, keep_going: bool, written: Callable[[], None]) -> None:
    """A bad date: with ``keep_going`` reported and skipped; else what came before is written (stdout), then the
    error raised."""
    if not keep_going:
        written()
        raise exc
    sys.stderr.write(f"error: {exc}\n")


class _Plan(NamedTuple):
    """How a run writes its lines: the fast loop (None where it does not apply), the general path, the format (one
    JSON result is its NDJSON line) and the JSON array being written, if any."""

    fast: Callable[[str], str | None] | None
    general: Callable[[str, int, str | None], str]
    fmt: Format
    array: JsonArray | None
    rule: ExitRule


def _plan(arguments: list[str], fmt: Format, rule: ExitRule | None, conflict: ArmedConflict | None,
          count: Count | None) -> _Plan:
    rule = rule or exit_rule()
    count = count or rule.clause.counting
    fast = _Fast(fmt, rule, count).line if conflict is None and _fast_enough(rule, count) else None
    if fmt is Format.JSON and arguments != ["-"] and len(arguments) == 1:
        fmt = Format.NDJSON  # one result: JSON is the one object, which is its NDJSON line
    return _Plan(fast, _general(fmt, rule, conflict, count), fmt, JsonArray() if fmt is Format.JSON else None, rule)


def run_effective(
    arguments: list[str], stdin: BinaryIO | None, fmt: Format, output: Path | None, conflict: ArmedConflict | None,
    count: Count | None, keep_going: bool, rule: ExitRule | None = None,
) -> int:
    """Write one result per date; return the number of bad lines skipped (only with ``keep_going``). Nothing is
    written before the first good date. Without ``keep_going``, a bad date ends the run: every result before it is
    written first (and a JSON array closed), then the error is raised; to a file (``output``) nothing is written, as
    the file is written whole or not at all. The loop is the hot path of a stream: a line is one call of the fast
    loop and one append."""
    fast, general, fmt, array, rule = _plan(arguments, fmt, rule, conflict, count)
    item = array.item if array is not None else None
    pending = [_header(fmt, rule)]  # written only once a line is good: an error first leaves stdout empty
    good = skipped = 0
    with open_output(output) as out:
        def written(complete: bool = False) -> None:
            if good or complete:
                out.write("".join(pending) + (array.close() if array is not None else ""))
                out.flush()

        for kind, number, text in _dates(arguments, stdin):
            line = fast(text) if fast is not None and text is not None else None
            if line is None:
                try:
                    line = general(kind, number, text)
                except InputError as exc:
                    _fail_or_skip(exc, keep_going, written)
                    skipped += 1
                    continue
            good += 1
            pending.append(item(line) if item is not None else line)
            if len(pending) >= BATCH:
                out.write("".join(pending))
                pending.clear()
        written(complete=True)  # the header even with no date, and the JSON array closed
    return skipped
