"""`ottawa-exit effective`: the Article 20 calculator, its formats and its stream."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from datetime import date, timedelta

from hypothesis import given, settings, strategies as st

from ottawa_exit import ArmedConflict, Count, effective_date
from ottawa_exit.api import exit_rule
from ottawa_exit.engine.clauses import Effect
from ottawa_exit.documents import effective_dict
from ottawa_exit.errors import InputError
from ottawa_exit.render import Format
from ottawa_exit.cli.stream import csv_header, csv_line, ndjson_line, run_effective, table_line

from .conftest import run_cli


def test_csv_for_two_dates() -> None:
    result = run_cli(["effective", "2025-06-27", "2025-08-31", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.stdout.splitlines()[0] == csv_header().strip()
    assert [(r["start_basis"], r["start_date"], r["expiry"], r["effective"], r["counting"], r["armed_conflict_ongoing"],
             r["armed_conflict_end"]) for r in rows] == [
        ("receipt", "2025-06-27", "2025-12-27", "2025-12-27", "same-day", "false", ""),
        ("receipt", "2025-08-31", "2026-02-28", "2026-02-28", "same-day", "false", "")]
    assert "clamped" in rows[1]["rule"] and "clamped" not in rows[0]["rule"]
    # the columns are the JSON document's keys, flattened
    doc = json.loads(run_cli(["effective", "2025-06-27", "-f", "json"]).stdout)
    assert list(rows[0]) == ["schema", "treaty_id", "start_basis", "start_date", "expiry", "effective", "counting",
                             "rule", "armed_conflict_ongoing", "armed_conflict_end", "alternative", "later_date",
                             "early_notice_possible_from", "early_notice_reason"]
    assert doc["schema"] == "ottawa-exit/effective/2"
    assert {k for k in doc if k not in ("armed_conflict", "start", "treaty", "early_notice")} | {
        "armed_conflict_ongoing", "armed_conflict_end", "start_basis", "start_date", "treaty_id",
        "early_notice_possible_from", "early_notice_reason"} == set(rows[0])


def test_day_after_count() -> None:
    doc = json.loads(run_cli(["effective", "2012-01-24", "--count", "day-after", "-f", "json"]).stdout)
    assert doc["effective"] == "2012-07-25" and doc["counting"] == "day-after"  # one result: one object


def test_armed_conflict_options() -> None:
    until = json.loads(run_cli(["effective", "2025-07-18", "--armed-conflict-until", "2027-03-01", "-f", "json"]).stdout)
    assert until["effective"] == "2027-03-01"
    ongoing = json.loads(run_cli(["effective", "2025-07-18", "--armed-conflict", "-f", "json"]).stdout)
    assert ongoing["effective"] is None and "indeterminate" in ongoing["rule"]
    both = run_cli(["effective", "2025-07-18", "--armed-conflict", "--armed-conflict-until", "2027-03-01"])
    assert both.exit_code == 2 and "contradictory" in both.stderr


def test_stdin_stream_with_a_bad_line_names_it() -> None:
    result = run_cli(["effective", "-", "-f", "csv"], input="2025-01-01\n2025-02-30\n2025-03-01\n")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: line 2: '2025-02-30' is not a real date (day is out of range for month)"


def test_keep_going_skips_bad_lines_and_exits_1() -> None:
    result = run_cli(["effective", "-", "--keep-going", "-f", "csv"], input="2025-01-01\nnope\n\n2025-03-31\n")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        csv_line(effective_date(date(2025, 1, 1))).strip(), csv_line(effective_date(date(2025, 3, 31))).strip()]
    assert "line 2: 'nope'" in result.stderr and "1 bad line skipped" in result.stderr


def test_json_of_several_dates_is_one_array() -> None:
    docs = json.loads(run_cli(["effective", "2025-06-27", "2025-08-31", "-f", "json"]).stdout)
    assert [d["effective"] for d in docs] == ["2025-12-27", "2026-02-28"]


def test_json_of_a_stream_is_one_array() -> None:
    result = run_cli(["effective", "-", "-f", "json"], input="2025-01-01\n2025-08-31\n")
    assert [d["effective"] for d in json.loads(result.stdout)] == ["2025-07-01", "2026-02-28"]
    assert json.loads(run_cli(["effective", "-", "-f", "json"], input="").stdout) == []


receipts = st.dates(min_value=date(1900, 1, 1), max_value=date(9998, 6, 30))  # years before 1900 are refused


def _expected(receipt: date, conflict: ArmedConflict | None = None) -> Effect | str:
    """The Convention's rule with its dates (adoption, entry into force): the effect, or the error's message."""
    try:
        return exit_rule(armed_conflict=conflict is not None).apply(receipt, conflict)
    except InputError as exc:
        return f"argument 1: {exc}"


@settings(max_examples=300, deadline=None)  # no timing in tests: a loaded machine is slow
@given(receipts)
def test_fast_stream_equals_the_general_renderers(receipt: date) -> None:
    """The fast loop's templates give byte for byte what the renderers give for each date, a date before the
    Convention's entry into force with its note, one before its adoption the same error."""
    text = receipt.isoformat()
    effect = _expected(receipt)
    for fmt, render in ((Format.CSV, csv_line), (Format.NDJSON, ndjson_line), (Format.TABLE, table_line)):
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out):
                run_effective([text], io.BytesIO(), fmt, None, None, Count.SAME_DAY, keep_going=False)
        except InputError as exc:
            assert str(exc) == effect and out.getvalue() == ""
            continue
        assert not isinstance(effect, str)
        assert out.getvalue().splitlines()[-1] + "\n" == render(effect)
    if not isinstance(effect, str):
        assert json.loads(ndjson_line(effect)) == effective_dict(effect)
        assert (effect.early is not None) == (receipt < date(1999, 3, 1))


@settings(max_examples=30, deadline=None)
@given(st.dates(min_value=date(1997, 9, 18), max_value=date(9998, 6, 30)),
       st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_slow_path_with_conflict(receipt: date, end: date) -> None:
    out = run_cli(["effective", receipt.isoformat(), "--armed-conflict-until", end.isoformat(), "-f", "ndjson"]).stdout
    expected = _expected(receipt, ArmedConflict(end=end))
    assert not isinstance(expected, str)
    assert json.loads(out) == effective_dict(expected)


def _stream(text: str, fmt: Format, conflict: ArmedConflict | None = None) -> str:
    """One date through run_effective: its line, or the error's message."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            run_effective([text], io.StringIO(), fmt, None, conflict, Count.SAME_DAY, keep_going=False)
    except InputError as exc:
        return f"error: {exc}"
    return out.getvalue().splitlines()[-1]


def test_fast_stream_agrees_with_the_general_path_to_the_end_of_year_9999() -> None:
    """The edge of the fast path's domain: every day of 9998 and 9999, each format. The general path is the same
    stream with an armed conflict that ends before the period does (which takes the general code and changes no
    date); a date whose effect would pass 9999-12-31 is the same one-line error on both paths."""
    ended = ArmedConflict(end=date(1999, 3, 1))
    day, errors = date(9998, 1, 1), 0
    while True:
        text = day.isoformat()
        for fmt in (Format.CSV, Format.NDJSON):
            fast, general = _stream(text, fmt), _stream(text, fmt, ended)
            if fast.startswith("error:"):
                assert general == fast == f"error: argument 1: '{text}' would take effect after the year 9999"
                errors += 1
            else:
                assert fast.split(",")[:4] == general.split(",")[:4] if fmt is Format.CSV else \
                    json.loads(fast)["effective"] == json.loads(general)["effective"]
        if day == date(9999, 12, 31):
            break
        day += timedelta(days=1)
    assert errors == 2 * 184  # 9999-07-01 .. 9999-12-31 in both formats
