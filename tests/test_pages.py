"""What the HTML pages say (the browser tests check how they look): badges that match the data, every date with its
numbered source, each note once, the register's count, chart and table."""

from __future__ import annotations

import json
import re
from html import unescape

from markupsafe import escape  # as Jinja2 escapes

import pytest

from .conftest import run_cli

AS_OF = ["--as-of", "2026-11-27"]


def _html(args: list[str]) -> str:
    result = run_cli([*args, "-f", "html"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _text(html: str) -> str:
    """The page's words: no chart, no script, no style, no tags."""
    html = re.sub(r"<(svg|script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _row(html: str, step_id: str) -> str:
    """The table row of a step, by the id shown under its title."""
    match = re.search(rf"<tr>(?:(?!</tr>).)*?<code>{re.escape(step_id)}</code>.*?</tr>", html, flags=re.S)
    assert match, step_id
    return match.group(0)


def _sources(html: str) -> dict[str, str]:
    """The numbered list of sources: number -> address."""
    items = re.findall(r'<li id="source-(\d+)">(.*?)</li>', html, flags=re.S)
    return {n: re.search(r'<a href="([^"]+)"', item).group(1) for n, item in items}  # type: ignore[union-attr]


def test_an_undated_step_says_date_not_recorded_without_a_recorded_badge() -> None:
    page = _html(["timeline", "poland", *AS_OF])
    bill = _row(page, "government-bill")
    assert "date not recorded" in bill and 'class="kind recorded"' not in bill
    signs = _row(page, "president-signs")  # a window on the record: it says so
    assert "between 2025-07-17 and 2025-07-25" in signs and ">recorded window<" in signs
    senate = _row(page, "senate")
    assert "2025-07-17" in senate and ">recorded<" in senate
    compare = _html(["compare", *AS_OF])
    assert compare.count(">date not recorded<") == 4  # Poland's bill; Lithuania's resolution, decree, signature
    assert not re.search(r"date not recorded</span> <span class=\"kind", compare)


def test_receipt_and_effect_cite_their_sources() -> None:
    page = _html(["timeline", "poland", *AS_OF])
    document = json.loads(run_cli(["timeline", "poland", *AS_OF, "-f", "json"]).stdout)
    sources = _sources(page)
    effect = re.search(r"<strong>Takes effect:</strong>(.*?)<br>", page, flags=re.S)
    receipt = re.search(r"<strong>Receipt by the Depositary:</strong>(.*?)<br>", page, flags=re.S)
    assert effect and receipt
    assert "2026-02-20" in effect.group(1) and "2025-08-20" in receipt.group(1)
    for cell, end in ((effect.group(1), "effective"), (receipt.group(1), "receipt")):
        cited = [sources[n] for n in re.findall(r'href="#source-(\d+)"', cell)]
        assert cited and cited == [s["url"] for s in document[end]["sources"]], end  # the JSON's, in its order


def test_every_date_in_the_states_table_cites_a_source() -> None:
    page = _html(["countries", *AS_OF])
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    for row in re.findall(r"<tr>.*?</tr>", body, flags=re.S):
        for cell in re.findall(r'<td class="date"[^>]*>(.*?)</td>', row, flags=re.S):
            if '<span class="day">' in cell:  # a date (not a reason why there is none)
                assert 'href="#source-' in cell, cell


def test_each_note_is_said_once_on_a_page_of_several_states() -> None:
    page = _text(_html(["compare", "--as-of", "2027-01-31"]))
    review = "Rules last reviewed against the public record on 2026-11-28; events after that date may be missing."
    assert page.count(review) == 1  # six states carry it: the page says it once
    documents = json.loads(run_cli(["compare", "--as-of", "2027-01-31", "-f", "json"]).stdout)
    notes = [n for d in documents for n in d["notes"]]
    shared = {n for n in notes if notes.count(n) > 1}
    assert review in shared and len(shared) >= 2  # the data's own review note too, word for word in several
    html = _html(["compare", "--as-of", "2027-01-31"])
    for note in shared:  # each a whole item (another state's longer note may begin with the same words)
        assert len(re.findall(re.escape(str(escape(note))) + r"(?=\s*<)", html)) == 1, note
    assert "Notes on several states" in page
    single = _text(_html(["timeline", "poland", "--as-of", "2027-01-31"]))
    assert single.count("events after that date may be missing") == 1


def test_register_page_has_the_count_a_chart_and_one_row_per_state_with_bound_from() -> None:
    page = _html(["countries", "--all", *AS_OF])
    text = _text(page)
    assert re.search(r"161 States Parties on 2026-11-27 ?: of the 166 states ever bound by the Convention, 5 have "
                     r"withdrawn\.", text)
    assert page.count("<svg") == 1 and "Peak: 166 (1 Dec 2025)" in page  # the States Parties over time
    body = page.split('<table class="sortable cards">')[1]
    rows = re.findall(r'<tr data-order="\d+">(.*?)</tr>', body, flags=re.S)
    assert len(rows) == 166
    assert re.search(r"<td>Tonga</td>.*?2025-12-01", body, flags=re.S)  # bound-from dates, cited
    assert "Bound from" in body and all('href="#source-' in r for r in rows)
    reason = "no withdrawal decided as of 2026-11-27"
    assert text.count(f"{reason}.") == 1  # said once, under the table's name, not twice in each of 160 rows
    assert sum(reason in r for r in rows) == 1  # Ukraine's: a suspension, a reason of its own, said once


def test_parties_page_is_the_count_the_chart_and_the_parties() -> None:
    page = _html(["parties", "--as-of", "2025-12-26"])
    assert "166</strong> States Parties on" in page
    assert len(re.findall(r'<tr data-order="\d+">', page)) == 166


@pytest.mark.parametrize("args", [["timeline", "poland"], ["compare"], ["parties"]])
def test_a_title_given_is_the_pages_heading_escaped(args: list[str]) -> None:
    page = _html([*args, *AS_OF, "--title", "Leaving <b>the</b> treaty"])
    assert "<h1>Leaving &lt;b&gt;the&lt;/b&gt; treaty</h1>" in page and "<b>the" not in page


@pytest.mark.parametrize("args", [["timeline", "poland"], ["compare"], ["countries"], ["countries", "--all"],
                                  ["parties"]])
def test_every_listed_source_is_cited_on_the_page(args: list[str]) -> None:
    page = _html([*args, *AS_OF])
    listed = set(_sources(page))
    cited = set(re.findall(r'href="#source-(\d+)"', page)) | set(re.findall(r'<sup class="cite">\[(\d+)\]', page))
    assert listed and listed == cited
