"""The HTML pages in a real browser: Debian's Chromium driven by Playwright at a phone's, a tablet's and a desktop's
width and in print (A4 and Letter), as a reader would open them.

Each page must fit the screen (the page never scrolls sideways: wide tables scroll or stack in their own box), show
every state and every date its JSON gives, print whole (no table wider than the paper, no empty page) and pass
axe-core with no serious or critical violation. Screenshots and PDFs are kept under pytest's temporary directory
(``browser0/``) to look at. Skipped, saying why, where Chromium or Playwright is missing (`.ci/run` installs both).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import run_cli

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip("no chromium on PATH (Debian: apt-get install chromium; .ci/run does)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install '.[test]')")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                 reason="axe-playwright-python is not installed (pip install '.[test]')")
pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed (pip install '.[test]')")

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
        "--disable-extensions", "--no-first-run"]
WIDTHS = (375, 768, 1400)
REPORTS = {  # the pages, each as of a date that gives it the most to show
    "compare": ["compare", "--as-of", "2025-06-01"],  # projections, ranges, long bases
    "timeline": ["timeline", "poland", "--as-of", "2025-06-01"],
    "suspension": ["timeline", "ukraine", "--as-of", "2026-11-27"],  # a suspension, its objections and response
    "countries": ["countries", "--as-of", "2026-11-27"],
    "register": ["countries", "--all", "--as-of", "2026-11-27"],
    "parties": ["parties", "--as-of", "2026-11-27"],
}
# Contrast is the same CSS colours at every width, and axe's contrast rules cost half a minute on the 166-row
# register: they run once per page, at the desktop width, on one row of each shape of a long table (REPEATED_ROWS);
# every other rule runs on the whole page at every width and in print.
COLOUR_RULES = ("color-contrast", "link-in-text-block")
A4_CONTENT_PX = 703  # 210 mm less the stylesheet's 12 mm margins, at 96 px per inch


def _dates(value: Any) -> Iterator[str]:
    """Every ISO date in a document."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _dates(item)
    elif isinstance(value, list):
        for item in value:
            yield from _dates(item)
    elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        yield value


def _expected(name: str, documents: Any) -> tuple[list[str], set[str]]:
    """The states and the dates a page must show: from the JSON of the same command."""
    docs = documents if isinstance(documents, list) else [documents]
    if name == "parties":
        names = [p["state"]["name"] for p in docs[0]["parties"]]
        days = set(_dates(docs[0]["parties"]))
    else:
        names = [d["state"]["name"] for d in docs]
        days = set()
        for doc in docs:
            shown = {k: v for k, v in doc.items() if k not in ("rules_reviewed", "overrides")}
            days |= set(_dates(shown))
    return names, days


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="module")
def pages(artefacts: Path) -> dict[str, tuple[Path, list[str], set[str]]]:
    """Each report's page written to a file, with the states and dates it must show."""
    built = {}
    for name, args in REPORTS.items():
        page = artefacts / f"{name}.html"
        result = run_cli([*args, "-f", "html", "-o", str(page)])
        assert result.exit_code == 0, result.stderr
        documents = json.loads(run_cli([*args, "-f", "json"]).stdout)
        built[name] = (page, *_expected(name, documents))
    return built


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


# Rows of a long table that repeat an earlier row's shape (its status, and whether it holds a badge or a reason):
# the contrast rules skip them, having checked the first 20 rows and one row of every shape.
REPEATED_ROWS = """() => {
    const rows = [...document.querySelectorAll('table.sortable tbody tr')];
    const seen = new Set();
    return rows.flatMap((row, i) => {
        const shape = [row.cells[2].textContent, row.querySelectorAll('.kind').length,
                       row.querySelectorAll('.reason').length].join('|');
        const repeated = i >= 20 && seen.has(shape);
        seen.add(shape);
        return repeated ? [[`table.sortable tbody tr:nth-child(${i + 1})`]] : [];
    });
}"""


def _serious(page: Any, colour: bool) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each; ``colour``: with the contrast
    rules too (on every row of a distinct shape)."""
    axe = axe_module.Axe()
    results = axe.run(page, options={"resultTypes": ["violations"],
                                     "rules": {rule: {"enabled": False} for rule in COLOUR_RULES}})
    violations = list(results.response["violations"])
    if colour:
        context = {"include": [["html"]], "exclude": page.evaluate(REPEATED_ROWS)}
        contrast = axe.run(page, context=context, options={"resultTypes": ["violations"],
                                                           "runOnly": {"type": "rule", "values": list(COLOUR_RULES)}})
        violations += contrast.response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes'][0]['html'][:120]}"
            for v in violations if v["impact"] in ("serious", "critical")]


def _overflow(page: Any) -> tuple[int, int, list[str]]:
    """The page's scroll width, its viewport width, and the elements wider than the viewport outside a scroll box."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        const inBox = el => el.closest('.box') !== null;
        const wide = [...document.querySelectorAll('body *')]
            .filter(el => !inBox(el) && el.getBoundingClientRect().right > width + 0.5)
            .map(el => el.tagName + '.' + el.className);
        return [document.documentElement.scrollWidth, width, wide];
    }""")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(REPORTS))
def test_page_fits_the_screen_shows_everything_and_passes_axe(browser: Any, pages: dict[str, Any], artefacts: Path,
                                                              name: str, width: int) -> None:
    path, names, days = pages[name]
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(path.as_uri())
        scroll_width, viewport, wide = _overflow(page)
        assert scroll_width <= viewport == width, f"{name} at {width} px scrolls sideways by {scroll_width - width}"
        assert wide == []
        text = page.inner_text("body")
        missing_names = [n for n in names if n not in text]
        missing_days = sorted(d for d in days if d not in text)
        assert missing_names == [] and missing_days == [], (missing_names, missing_days)
        page.screenshot(path=str(artefacts / f"{name}-{width}.png"), full_page=True)
        assert _serious(page, colour=width == max(WIDTHS)) == []
    finally:
        page.close()


@pytest.mark.parametrize("name", list(REPORTS))
def test_page_prints_whole_on_a4_and_letter(browser: Any, pages: dict[str, Any], artefacts: Path,
                                            name: str) -> None:
    path, names, days = pages[name]
    page = browser.new_page(viewport={"width": A4_CONTENT_PX, "height": 1000})
    try:
        page.goto(path.as_uri())
        page.emulate_media(media="print")
        scroll_width, viewport, wide = _overflow(page)
        assert scroll_width <= viewport and wide == [], (scroll_width, wide)
        tables = page.evaluate("[...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().right)")
        assert all(right <= A4_CONTENT_PX + 0.5 for right in tables), tables  # every column on the paper
        assert _serious(page, colour=False) == []
        for paper in ("A4", "Letter"):
            pdf = artefacts / f"{name}-{paper}.pdf"
            page.pdf(path=str(pdf), format=paper, print_background=True)
            texts = [p.extract_text() or "" for p in pypdf.PdfReader(pdf).pages]
            empty = [i + 1 for i, t in enumerate(texts) if len(t.strip()) < 40]
            assert empty == [], f"{name} on {paper}: pages {empty} are empty"
            printed = " ".join(" ".join(texts).split())
            assert [n for n in names if n not in printed] == []
            if shutil.which("pdftoppm"):  # the first page as a picture, to look at
                subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                                str(artefacts / f"{name}-{paper}")], check=True, timeout=60)
    finally:
        page.close()


def test_register_sorts_by_any_column_and_is_complete_without_the_script(browser: Any,
                                                                          pages: dict[str, Any]) -> None:
    path, names, _ = pages["register"]
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(path.as_uri())
        first = "document.querySelector('table.sortable tbody tr td').textContent"
        rows = page.evaluate("document.querySelectorAll('table.sortable tbody tr').length")
        assert rows == len(names) == 166 and page.evaluate(first) == "Afghanistan"  # by name before any sort
        page.get_by_role("button", name="Bound from").click()
        assert page.evaluate("document.querySelector('th[aria-sort]').textContent") == "Bound from ↕".rstrip(" ↕")
        assert page.evaluate("document.querySelector('th[aria-sort]').getAttribute('aria-sort')") == "ascending"
        earliest = page.evaluate("document.querySelector('table.sortable tbody tr td:nth-child(4)').textContent")
        assert earliest.startswith("1999-03-01")
        page.get_by_role("button", name="Bound from").click()
        assert page.evaluate(first) == "Tonga"  # the latest accession (bound from 2025-12-01)
        page.get_by_role("button", name="Takes effect").click()
        withdrawn = page.evaluate("[...document.querySelectorAll('table.sortable tbody tr')].slice(0, 5)"
                                  ".map(r => r.cells[0].textContent)")
        assert sorted(withdrawn) == ["Estonia", "Finland", "Latvia", "Lithuania", "Poland"]
        assert page.evaluate("document.querySelectorAll('table.sortable tbody tr').length") == 166
    finally:
        page.close()
    noscript = browser.new_page(java_script_enabled=False, viewport={"width": 1400, "height": 900})
    try:
        noscript.goto(path.as_uri())
        cells = noscript.evaluate("[...document.querySelectorAll('table.sortable tbody tr')]"
                                  ".map(r => r.cells[0].textContent)")
        assert cells == names  # every state, in the order the command gives (its JSON's)
    finally:
        noscript.close()


def test_page_loads_nothing_from_the_network(browser: Any, pages: dict[str, Any]) -> None:
    """The pages ask for no resource at all: every request the browser makes is the page itself."""
    for name, (path, _, _) in pages.items():
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        try:
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            assert requests == [path.as_uri()], (name, requests)
        finally:
            page.close()
