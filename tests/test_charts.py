"""Charts a newsroom would run: steps labelled, effect dates written, a legend of the marks drawn, an axis that
spans the marks, size, resolution and title as options, the same look in SVG, PNG and PDF, and the number of
States Parties over time."""

from __future__ import annotations

import io
import json
import re
import struct
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from ottawa_exit.cli.options import SIZE_RANGE, parse_size
from ottawa_exit.errors import InputError

from .conftest import run_cli, write_rules

AS_OF = ["--as-of", "2026-11-27"]
SVG = "{http://www.w3.org/2000/svg}"


def _texts(args: list[str]) -> list[str]:
    result = run_cli([*args, "-f", "svg"])
    assert result.exit_code == 0, result.stderr
    root = ET.fromstring(result.stdout)
    return [" ".join("".join(t.itertext()).split()) for t in root.iter(f"{SVG}text")]


def _bytes(tmp_path: Path, args: list[str], fmt: str) -> bytes:
    path = tmp_path / f"chart.{fmt}"
    result = run_cli([*args, "-f", fmt, "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    return path.read_bytes()


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# ---------------------------------------------------------------------------------------------------------------
# One state: steps labelled, dates written


def test_single_state_chart_labels_every_step_and_writes_its_date() -> None:
    texts = _texts(["timeline", "poland", *AS_OF])
    for label in ("Decision", "Government bill", "Sejm first reading", "Sejm vote", "Senate", "President signs",
                  "Act of denunciation", "Received by the Depositary", "Withdrawal takes effect"):
        assert label in texts, label
    for day in ("18 Mar 2025", "20 May 2025", "25 Jun 2025", "17 Jul 2025", "5 Aug 2025", "20 Aug 2025",
                "20 Feb 2026"):
        assert day in texts, day
    assert "date not recorded" in texts  # the government bill: no day on the record, no mark either
    assert "17–25 Jul 2025, day not recorded" in texts  # the President's signature: a recorded window


SHORT_RULES = """
[state]
id = "atlantis"
name = "Atlantis"
iso2 = "XA"
iso3 = "XAT"
bound_from = 2000-01-01

[[steps]]
id = "decision"
title = "The government decides to withdraw"
short = "Cabinet says go"
actor = "Government"
requirement = "none"
legal_basis = "none"
formal = false
[[steps.durations]]
known_from = 2010-01-01
earliest = 0
typical = 10
latest = 30
basis = "a guess"

[[steps]]
id = "receipt"
title = "UN receives the instrument"
actor = "Ministry of Foreign Affairs"
requirement = "notice"
legal_basis = "Art. 20(2)"
[[steps.durations]]
known_from = 2010-01-01
earliest = 1
typical = 20
latest = 60
basis = "a guess"

[[events]]
step = "decision"
date = 2026-01-05
source = "atlantis-gazette"

[source.atlantis-gazette]
url = "https://example.org/atlantis-gazette"
publisher = "Atlantis Gazette"
kind = "press"
title = "The cabinet decides"
language = "en"
"""


def test_a_steps_short_title_from_the_rules_labels_it(tmp_path: Path) -> None:
    rules = write_rules(tmp_path, SHORT_RULES, "atlantis.toml")
    texts = _texts(["--rules", str(rules), "timeline", "atlantis", "--as-of", "2026-02-01"])
    assert "Cabinet says go" in texts and "5 Jan 2026" in texts
    assert "The government decides to withdraw" not in texts  # the title stays in the tables


def test_a_state_that_decided_no_withdrawal_shows_its_record_and_says_so() -> None:
    ukraine = _texts(["timeline", "ukraine", *AS_OF])  # a suspension: recorded steps, no Article 20 instrument
    assert {"NSDC decision", "Verkhovna Rada vote", "Suspension notice", "18 Jul 2025"} <= set(ukraine)
    assert ukraine.count("no withdrawal decided") == 2  # the receipt's row and the effect's, each says why
    assert not [t for t in ukraine if t.startswith(("projected", "receipt,", "takes effect,"))]
    assert {"8 Jul", "15 Jul"} <= set(ukraine)  # three weeks of record: ticks by the day, not five "Jul"s
    germany = _texts(["timeline", "germany", *AS_OF])  # nothing on record: one row, the reason
    assert "no withdrawal decided" in germany and "Received by the Depositary" not in germany


def test_projected_steps_carry_their_range_on_their_own_row() -> None:
    texts = _texts(["timeline", "poland", "--as-of", "2025-03-18"])
    projected = [t for t in texts if re.fullmatch(r"projected \d{1,2} \w{3} \d{4}", t)]
    ranges = [t for t in texts if re.fullmatch(r"range \d.* – \d{1,2} \w{3} \d{4}", t)]
    assert len(projected) == len(ranges) == 8  # six steps after the decision, the receipt and the effect


def test_legend_lists_only_the_marks_drawn() -> None:
    done = _texts(["timeline", "poland", *AS_OF])
    assert "step, recorded" in done and "takes effect, recorded" in done
    assert not [t for t in done if "projected" in t or "what-if" in t]
    assert "recorded window (day not recorded)" in done  # the President's signature
    early = _texts(["timeline", "poland", "--as-of", "2025-03-18"])
    assert {"step, projected", "receipt, projected", "takes effect, projected",
            "projected range (earliest to latest)", "as-of date"} <= set(early)
    assert not [t for t in early if "what-if" in t]
    what_if = _texts(["timeline", "poland", "--as-of", "2025-03-18", "--receipt", "2025-09-01"])
    assert "receipt, what-if" in what_if and "1 Sep 2025 (what-if)" in what_if


def test_compare_writes_each_states_effect_date_beside_its_star() -> None:
    texts = _texts(["compare", *AS_OF])
    assert texts.count("27 Dec 2025") == 3  # Estonia, Latvia, Lithuania
    assert "10 Jan 2026" in texts and "20 Feb 2026" in texts
    assert "no withdrawal decided" in texts  # Ukraine: the reason, no mark
    projected = _texts(["compare", "--as-of", "2025-06-01"])
    assert len([t for t in projected if re.fullmatch(r"projected \d{1,2} \w{3} 202\d", t)]) == 5


def test_axis_stops_at_the_marks_when_the_as_of_date_is_far_after_them() -> None:
    """Poland's record ends with the effect (20 Feb 2026): as of 27 Nov 2026 the axis does not run nine empty
    months on; an arrow at the edge gives the as-of date instead of a line."""
    texts = _texts(["timeline", "poland", *AS_OF])
    assert "as of 27 Nov 2026 →" in texts and "as of 27 Nov 2026" not in texts
    assert not [t for t in texts if t.startswith(("Jun", "Jul", "Aug", "Sep", "Oct", "Nov")) and "2026" in t]
    near = _texts(["timeline", "poland", "--as-of", "2025-06-01"])
    assert "as of 1 Jun 2025" in near  # on the axis: the dashed line, labelled


@given(st.lists(st.dates(date(1990, 1, 1), date(2090, 1, 1)), min_size=1, max_size=12),
       st.dates(date(1990, 1, 1), date(2090, 1, 1)))
def test_axis_span_holds_every_mark_and_the_as_of_date_only_when_near(days: list[date], as_of: date) -> None:
    from ottawa_exit.render.plot import _span

    lo, hi, inside = _span(days, as_of)
    assert lo < min(days) and max(days) < hi
    width = max((max(days) - min(days)).days, 60)
    if inside:
        assert lo < as_of < hi
    else:
        assert as_of > max(days) + timedelta(days=width // 7) or as_of < min(days) - timedelta(days=width // 10)
        margin = max(12, (max(days) - min(days)).days // 22)
        assert (hi - max(days)).days == margin and (min(days) - lo).days == margin  # no empty months to as-of


def test_title_clears_the_top_edge(tmp_path: Path) -> None:
    import matplotlib.image as mpimg

    for args in (["timeline", "poland", *AS_OF], ["compare", *AS_OF], ["parties", *AS_OF]):
        pixels = mpimg.imread(io.BytesIO(_bytes(tmp_path, args, "png")), format="png")
        inked = [y for y in range(pixels.shape[0]) if (pixels[y, :, :3] < 0.6).any()]
        assert inked and inked[0] >= 8, (args, inked[:3])  # the first dark row (the title) 8 px or more down


# ---------------------------------------------------------------------------------------------------------------
# --size, --dpi, --title: the same look in SVG, PNG and PDF


def test_size_and_dpi_set_the_picture_and_keep_the_layout(tmp_path: Path) -> None:
    args = ["compare", *AS_OF, "--size", "800x450"]
    assert _png_size(_bytes(tmp_path, args, "png")) == (800, 450)
    assert _png_size(_bytes(tmp_path, [*args, "--dpi", "200"], "png")) == (1600, 900)
    svg = ET.fromstring(_bytes(tmp_path, args, "svg"))
    assert (svg.get("width"), svg.get("height")) == ("576pt", "324pt")  # 8 x 4.5 inches, as the PNG at 100 dpi
    pdf = _bytes(tmp_path, args, "pdf")
    assert re.search(rb"/MediaBox \[ *0 0 576 324 *\]", pdf)
    assert _png_size(_bytes(tmp_path, ["compare", *AS_OF], "png"))[0] == 1200  # the default width


def test_the_three_formats_draw_the_same_words(tmp_path: Path) -> None:
    args = ["timeline", "poland", "--as-of", "2025-06-01", "--title", "Poland leaves the Mine Ban Treaty"]
    svg_words = set(" ".join(_texts(args)).split())
    pdf = _bytes(tmp_path, args, "pdf")
    assert b"/FontFile2" in pdf and b"DejaVuSans" in pdf  # the font embedded (TrueType)
    assert b"http" not in pdf.replace(b"http://ns.adobe.com", b"")  # no remote resource
    from pypdf import PdfReader

    pdf_words = set(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert {"Poland", "leaves", "Senate", "denunciation", "projected"} <= svg_words & pdf_words
    svg = run_cli([*args, "-f", "svg"]).stdout
    assert set(re.findall(r"font-family: ([^;\"]+)", svg)) == {"'DejaVu Sans', sans-serif"}


def test_title_replaces_the_default_or_is_left_out() -> None:
    mine = _texts(["parties", *AS_OF, "--title", "Mine Ban Treaty: 161 States Parties"])
    assert "Mine Ban Treaty: 161 States Parties" in mine
    assert not [t for t in mine if t.startswith("States Parties to the Ottawa Convention")]
    bare = _texts(["compare", *AS_OF, "--title", ""])
    assert not [t for t in bare if "Withdrawals from the Ottawa Convention" in t]
    hostile = run_cli(["compare", *AS_OF, "-f", "svg", "--title", "<script>alert(1)</script> & more"]).stdout
    assert "<script>" not in hostile and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in hostile


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_charts_with_options_are_byte_identical_across_runs(tmp_path: Path, fmt: str) -> None:
    for args in (["parties", *AS_OF, "--size", "900x500", "--dpi", "150", "--title", "T"],
                 ["timeline", "poland", "--as-of", "2025-06-01"]):
        assert _bytes(tmp_path, args, fmt) == _bytes(tmp_path, args, fmt), (args, fmt)


@pytest.mark.parametrize(("args", "message"), [
    (["--size", "10x10"], "--size: 10x10 is out of range: each side from 200 to 10000 pixels"),
    (["--size", "wide"], "--size: 'wide' is not WIDTHxHEIGHT in pixels, e.g. 1200x675"),
    (["--dpi", "20"], "--dpi: 20 is out of range (50 to 1200)"),
    (["--size", "10000x10000", "--dpi", "1200"], "--size 10000x10000 at --dpi 1200 is 14400 million pixels; "
                                                  "at most 100 million"),
    (["--title", "a\x1b[31mred"], "--title: 'a\\x1b[31mred' has a control character (a title is one line of text)"),
])
def test_bad_chart_options_are_one_line_errors(args: list[str], message: str) -> None:
    result = run_cli(["compare", *AS_OF, "-f", "png", *args])
    assert result.exit_code == 2 and result.stderr == f"error: {message}\n"


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "ics"])
def test_chart_options_with_a_format_that_is_not_a_chart_are_refused(fmt: str) -> None:
    result = run_cli(["timeline", "poland", *AS_OF, "-f", fmt, "--size", "800x450"])
    assert result.exit_code == 2
    assert result.stderr == f"error: --size: only for a chart (--format svg, png or pdf), not --format {fmt}\n"
    assert run_cli(["timeline", "poland", *AS_OF, "-f", "html", "--title", "Mine"]).exit_code == 0


@given(st.integers(SIZE_RANGE[0], SIZE_RANGE[1]), st.integers(SIZE_RANGE[0], SIZE_RANGE[1]),
       st.sampled_from(["x", "X", "×", " x "]))
def test_size_parses_every_size_in_range(width: int, height: int, sep: str) -> None:
    assert parse_size(f"{width}{sep}{height}") == (width, height)


@given(st.text(max_size=20))
def test_size_refuses_anything_else_with_an_input_error(text: str) -> None:
    try:
        width, height = parse_size(text)
    except InputError as exc:
        assert str(exc).startswith("--size: ")
    else:
        assert SIZE_RANGE[0] <= min(width, height) and max(width, height) <= SIZE_RANGE[1]
        assert re.fullmatch(r"\s*\d+\s*[xX×]\s*\d+\s*", text)


# ---------------------------------------------------------------------------------------------------------------
# The number of States Parties


def test_parties_chart_draws_the_count_from_1997_with_the_peak_and_the_withdrawals() -> None:
    texts = _texts(["parties", *AS_OF])
    assert "States Parties to the Ottawa Convention, as of 2026-11-27" in texts
    lines = "\n".join(texts)  # each line of a label is a <text> of its own
    assert "In force 1 Mar 1999:\n45 States Parties" in lines
    assert "Peak: 166 (1 Dec 2025)" in texts and "161 on 27 Nov 2026" in texts
    assert "1 Dec 2025: 166\n+ Tonga" in lines and "1 Sep 2025: 165\n+ Marshall Islands" in lines
    assert "27 Dec 2025: 163\n− Estonia, Latvia, Lithuania" in lines
    assert "10 Jan 2026: 162\n− Finland" in lines and "20 Feb 2026: 161\n− Poland" in lines
    assert "1998" in texts or "2000" in texts  # the main axis runs from the Convention's adoption (1997)


def test_parties_chart_before_any_withdrawal_has_no_panel_of_changes() -> None:
    texts = _texts(["parties", "--as-of", "2025-09-01"])
    assert "165 on 1 Sep 2025" in texts
    assert not [t for t in texts if "−" in t or "each change" in t]


@pytest.mark.parametrize("day", ["1999-02-28", "1999-03-01", "2012-07-01", "2025-12-01", "2025-12-26",
                                 "2025-12-27", "2026-02-20", "2026-11-27"])
def test_parties_history_ends_at_the_parties_commands_count(day: str) -> None:
    from ottawa_exit import Rules
    from ottawa_exit.projection.parties import parties_history
    from ottawa_exit.projection.timeline import project_timeline

    as_of = date.fromisoformat(day)
    history = parties_history([project_timeline(s, as_of) for s in Rules().every()], as_of)
    assert history.count == json.loads(run_cli(["parties", "--as-of", day, "-f", "json"]).stdout)["count"]
    counts = [c.count for c in history.changes]
    assert all(c.date <= as_of for c in history.changes)
    assert [c.date for c in history.changes] == sorted({c.date for c in history.changes})
    assert all(b - a == len(c.joined) - len(c.left) for a, b, c in zip([0, *counts], counts, history.changes))
