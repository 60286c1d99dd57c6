"""The HTML report: one self-contained page (the chart inline, no script, no remote resource) whose text from data or
users is escaped, never markup."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import run_cli


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _page(args: list[str]) -> _Page:
    result = run_cli(args)
    assert result.exit_code == 0, result.stderr
    page = _Page()
    page.feed(result.stdout)
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.rstrip().endswith("</html>")
    return page


@pytest.mark.parametrize("args", [["timeline", "poland"], ["countries"], ["compare"]])
def test_html_report_is_one_self_contained_page(args: list[str]) -> None:
    page = _page([*args, "--as-of", "2026-11-27", "-f", "html"])
    names = [t for t, _ in page.tags]
    assert "script" not in names and "iframe" not in names and "link" not in names
    assert "svg" in names  # the chart, inline
    for tag, attrs in page.tags:
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            if value.startswith(("http:", "https:", "//")):
                assert tag == "a" and key == "href", (tag, attrs)
        if tag == "a":
            assert re.match(r"https?://\S+$", attrs["href"] or ""), attrs
        if tag == "img":
            assert (attrs.get("src") or "").startswith("data:")
    text = "".join(page.text)
    assert "2026-11-27" in text and "Poland" in text


def test_html_escapes_text_from_rules_files(tmp_path: Path) -> None:
    rules = tmp_path / "hostile.toml"
    rules.write_text('''
[state]
id = "poland"
name = "Poland <script>alert(1)</script>"

[[notes]]
text = "<img src=x onerror=alert(1)>"
known_from = 2025-01-01

[[events]]
step = "senate"
date = 2025-07-17
detail = "<b>bold</b>"
source = "hostile"

[source.hostile]
url = "https://example.org/x?a=<script>"
publisher = "<script>alert(2)</script>"
kind = "press"
title = "<i>title</i>"
language = "en"
''', encoding="utf-8")
    out = run_cli(["timeline", "poland", "--as-of", "2026-11-27", "--rules", str(rules), "-f", "html"]).stdout
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<b>bold" not in out and "<i>title" not in out and "&lt;script&gt;alert(2)" in out
    page = _Page()
    page.feed(out)
    assert "script" not in [t for t, _ in page.tags]


