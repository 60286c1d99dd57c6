"""`effective -` reads any input with bounded memory (issue 18, item 3): a line is read with a length limit, an
overlong one is an error naming its line without being read whole, and nothing reaches stdout before the first
date is known to be good."""

from __future__ import annotations

import contextlib
import io
import json

import pytest

from ottawa_exit.cli.stream import MAX_LINE, run_effective
from ottawa_exit.errors import InputError
from ottawa_exit.render import Format

from .conftest import run_cli


class Counting(io.BufferedReader):
    """Standard input that counts the bytes read from it and the longest piece any one read returned."""

    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data), buffer_size=8192)
        self.returned = 0
        self.longest = 0

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        self.returned += len(line)
        self.longest = max(self.longest, len(line))
        return line


def stream(data: bytes, keep_going: bool = False, fmt: Format = Format.TABLE) -> tuple[str, Counting]:
    stdin = Counting(data)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        run_effective(["-"], stdin, fmt, None, None, None, keep_going)
    return out.getvalue(), stdin


def test_an_overlong_line_is_an_error_naming_it_read_no_further_than_the_limit() -> None:
    data = b"2025-01-01\n" + b"x" * 10_000_000 + b"\n2025-03-01\n"
    with pytest.raises(InputError) as caught:
        stream(data)
    assert str(caught.value) == f"line 2: longer than {MAX_LINE} bytes; a line holds one date (YYYY-MM-DD)"


def test_the_overlong_line_is_never_held_whole() -> None:
    """Without --keep-going the run stops at the limit; with it, the rest of the line is read in pieces and dropped."""
    data = b"2025-01-01\n" + b"x" * 10_000_000 + b"\n2025-03-01\n"
    stdin = Counting(data)
    with pytest.raises(InputError), contextlib.redirect_stdout(io.StringIO()):
        run_effective(["-"], stdin, Format.TABLE, None, None, None, False)
    assert stdin.returned <= 11 + MAX_LINE + 1
    out, stdin = stream(data, keep_going=True)
    assert out.splitlines()[1:] == ["2025-01-01  2025-07-01", "2025-03-01  2025-09-01"]
    assert stdin.returned == len(data) and stdin.longest <= 1 << 16


def test_a_line_at_the_limit_is_read_and_judged_as_a_date() -> None:
    padded = b" " * (MAX_LINE - 10) + b"2025-01-01\n"  # MAX_LINE bytes before the newline: allowed
    out, _ = stream(padded)
    assert out.splitlines()[1] == "2025-01-01  2025-07-01"
    with pytest.raises(InputError, match="longer than"):
        stream(b" " + padded)
    with pytest.raises(InputError, match="longer than"):
        stream(b" " * (MAX_LINE - 9) + b"2025-01-01")  # the last line, without its newline


def test_keep_going_reports_the_overlong_line_with_its_number_and_exit_1() -> None:
    result = run_cli(["effective", "-", "--keep-going"], input="2025-01-01\n" + "9" * 50_000 + "\n2025-03-01\n")
    assert result.exit_code == 1
    assert result.stderr == (f"error: line 2: longer than {MAX_LINE} bytes; a line holds one date (YYYY-MM-DD)\n"
                             "error: 1 bad line skipped\n")
    assert result.stdout.splitlines()[1:] == ["2025-01-01  2025-07-01", "2025-03-01  2025-09-01"]


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "ndjson"])
@pytest.mark.parametrize("args, text", [
    (["2025-02-30"], None),
    (["-"], "2025-02-30\n2025-01-01\n"),
    (["-"], "\n\nnope\n"),
    (["1998-13-01", "2025-01-01"], None),
])
def test_nothing_reaches_stdout_before_the_first_good_date(fmt: str, args: list[str], text: str | None) -> None:
    """`effective 2025-02-30` printed the table header, then the error."""
    result = run_cli(["effective", *args, "--format", fmt], input=text)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1


def test_a_later_bad_date_still_ends_a_valid_document() -> None:
    result = run_cli(["effective", "-", "--format", "json"], input="2025-01-01\nnope\n")
    assert result.exit_code == 2 and [d["start"]["date"] for d in json.loads(result.stdout)] == ["2025-01-01"]


def test_no_date_at_all_is_an_empty_result_not_an_error() -> None:
    assert run_cli(["effective", "-", "--format", "json"], input="\n\n").stdout == "[]\n"
    assert run_cli(["effective", "-"], input="").stdout.startswith("receipt ")


@pytest.mark.parametrize(("data", "expected"), [
    (b"\xef\xbb\xbf2025-01-01\r\n2025-03-01\r\n", ["2025-01-01  2025-07-01", "2025-03-01  2025-09-01"]),
    (b"  2025-01-01\t\n\n\n2025-03-01", ["2025-01-01  2025-07-01", "2025-03-01  2025-09-01"]),
])
def test_byte_order_mark_carriage_returns_blanks_and_a_last_line_without_newline(data: bytes,
                                                                                   expected: list[str]) -> None:
    out, _ = stream(data)
    assert out.splitlines()[1:] == expected


def test_a_line_that_is_not_utf8_is_an_error_naming_it() -> None:
    with pytest.raises(InputError) as caught:
        stream(b"2025-01-01\n2025-01-0\xff\n")
    assert str(caught.value) == "line 2: '2025-01-0\ufffd' is not a date in the form YYYY-MM-DD"


def test_closed_standard_input_is_one_line() -> None:
    with pytest.raises(InputError, match="standard input is closed"):
        run_effective(["-"], None, Format.TABLE, None, None, None, False)
