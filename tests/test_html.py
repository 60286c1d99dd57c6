"""The HTML report: one self-contained page (the chart inline, no remote resource, a script only to sort the long
tables, allowed by its hash) whose text from data or users is escaped, never markup."""

from __future__ import annotations

import base64
import hashlib
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


@pytest.mark.parametrize("args", [["timeline", "poland"], ["countries"], ["compare"], ["countries", "--all"],
                                  ["parties"]])
def test_html_report_is_one_self_contained_page(args: list[str]) -> None:
    out = run_cli([*args, "--as-of", "2026-11-27", "-f", "html"]).stdout
    page = _page([*args, "--as-of", "2026-11-27", "-f", "html"])
    names = [t for t, _ in page.tags]
    assert "iframe" not in names and "link" not in names and "img" not in names
    assert "svg" in names  # the chart, inline
    ids = {attrs["id"] for _, attrs in page.tags if attrs.get("id")}
    for tag, attrs in page.tags:
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            if value.startswith(("http:", "https:", "//")):
                assert tag == "a" and key == "href", (tag, attrs)
        if tag == "a":
            target = attrs["href"] or ""
            assert re.match(r"https?://\S+$", target) or target.startswith("#") and target[1:] in ids, attrs
        assert tag != "script" or not attrs, attrs  # inline only: no src, no type
    policy = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert policy.startswith("default-src 'none';")  # nothing remote may load, whatever the page held
    scripts = re.findall(r"<script>(.*?)</script>", out, flags=re.S)
    if "--all" in args or "parties" in args:  # the sortable table's script, allowed by its hash alone
        assert len(scripts) == 1
        digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
        assert f"script-src 'sha256-{digest}'" in policy
    else:
        assert scripts == [] and "script-src" not in policy
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


