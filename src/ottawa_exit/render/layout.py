"""Tables that fit the width, or stack: the layout every human table shares.

A table is columns and rows of ``Text``. Columns of prose (titles, actors, requirements) may wrap at spaces; every
other column (names, codes, statuses, dates, ids, numbers) is kept whole. ``fit`` gives each whole column its
widest line and each prose column at least its longest word; if that does not fit the console, the records are
stacked instead (one block per record, ``label: value`` lines), so nothing is ever cut with an ellipsis.

The width is the console's: the terminal's own, or ``COLUMNS`` when output is piped, and 80 when that is unset
(what a terminal has by default). Rich is imported here, so only the table formats load it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..data.model import Source
from ..documents import status_brief, status_detail
from ..projection.timeline import Kind, Status, Timeline
from .text import Sources, cited_label, clean, href

KIND_STYLE = {Kind.RECORDED: "green", Kind.PROJECTED: "yellow", Kind.OVERRIDE: "magenta", Kind.NONE: "dim"}
STATUS_STYLE = {
    Status.NOT_A_PARTY: "dim", Status.PARTY: "cyan", Status.IN_PROGRESS: "yellow", Status.PENDING: "bold yellow",
    Status.WITHDRAWN: "bold red",
}
PIPED_WIDTH = 80  # when output is not a terminal and COLUMNS is unset
_MEASURE = Console(width=10_000, color_system=None, legacy_windows=False)


def plain(text: str | None, style: str = "") -> Text:
    """Text from data or users: never parsed as markup, control characters stripped."""
    return Text(clean(text), style=style)


def status_cell(status: Status, detail: str | None) -> Text:
    """The status, and what it alone does not say (a notified suspension), joined by a middle dot."""
    text = plain(status.value, STATUS_STYLE[status])
    if detail:
        text.append(" · " + clean(detail))
    return text


DETAIL_MARK = "*"


def noted_status(timeline: Timeline) -> tuple[Text, str | None]:
    """A table row's Status cell with the detail's first words and a mark, and the note that gives the detail in full
    under the table ("* Ukraine: suspension notified 2025-07-18 (...)"), or None when the status says it all."""
    detail = status_detail(timeline)
    if detail is None:
        return status_cell(timeline.status, None), None
    return (status_cell(timeline.status, f"{status_brief(timeline)} {DETAIL_MARK}"),
            f"{DETAIL_MARK} {timeline.state.name}: {detail}")


def detail_notes(notes: Iterable[str | None]) -> list[RenderableType]:
    """The notes of the marked Status cells, one per line beneath the table (nothing when none is marked)."""
    lines = [clean(note) for note in notes if note]
    return [Text("\n".join(lines))] if lines else []


def make_console(terminal: bool, width: int | None = None) -> Console:
    """A console for stdout (``terminal`` True: colour, links, the terminal's width) or for plain text."""
    if terminal:
        return Console(highlight=False, soft_wrap=False, width=width)
    columns = os.environ.get("COLUMNS", "")
    return Console(
        highlight=False, color_system=None, force_terminal=False, no_color=True, emoji=False,
        width=width or (int(columns) if columns.isdigit() and int(columns) > 0 else PIPED_WIDTH), legacy_windows=False,
    )


def render_to_text(renderables: Iterable[RenderableType], console: Console, notes: Sources | None = None) -> str:
    """The renderables as text, then the numbered source addresses, each on one line however long."""
    with console.capture() as capture:
        for item in renderables:
            console.print(item)
    text = capture.get()
    if not console.is_terminal:  # padding after the last word: invisible, but it lengthens lines
        text = "".join(line.rstrip() + "\n" for line in text.splitlines())
    if notes and notes.numbers:
        text += "Sources:\n" + "".join(f"{line}\n" for line in notes.notes(console.width))
    return text


def table_box(terminal: bool) -> box.Box:
    return box.ROUNDED if terminal else box.ASCII


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its header, and how its cells may be laid out."""

    header: str
    wrap: bool = False  # prose that may wrap at spaces; otherwise each line of a cell is kept whole
    justify: str = "left"
    first: bool = False  # a wrapping column (dates and their range) widened to its full width before the prose
    min_width: int = 0  # at least this wide: a labelled line that must not wrap ("id: sejm-first-reading")


def _measure(text: Text) -> tuple[int, int]:
    measured = Measurement.get(_MEASURE, _MEASURE.options, text)
    return (measured.maximum if text.no_wrap else measured.minimum), measured.maximum


def _widths(columns: Sequence[Column], rows: Sequence[Sequence[Text]], room: int) -> list[int] | None:
    """Each column's width, or None when the table cannot fit ``room`` without cutting a word or a whole cell."""
    lows, highs = [], []
    for i, column in enumerate(columns):
        sizes = [_measure(row[i]) for row in rows] + [_measure(Text(column.header))]
        high = max(s[1] for s in sizes)
        low = max(s[0] for s in sizes) if column.wrap else max(s[1] for s in sizes[:-1] or [(0, 0)])
        low = max(low, column.min_width, max(len(word) for word in column.header.split()))  # headers wrap at spaces
        lows.append(low)
        highs.append(max(high, low))
    if sum(lows) > room:
        return None
    widths = list(lows)
    spare = room - sum(lows)
    for i, column in enumerate(columns):
        if column.first:
            grow = min(spare, highs[i] - widths[i])
            widths[i] += grow
            spare -= grow
    wanted = [h - w for h, w in zip(highs, widths)]
    total = sum(wanted)
    if total <= spare:
        return highs
    for i, want in enumerate(wanted):  # share the spare room in proportion to what each column wants
        widths[i] += want * spare // total
    return widths


def fit(columns: Sequence[Column], rows: Sequence[Sequence[Text]], width: int, terminal: bool,
        lines: bool = False, head: int = 1, borderless: bool = False) -> RenderableType:
    """A table if it fits ``width`` with every cell whole, else the records stacked (``head``: how many leading
    cells make each record's heading). ``borderless``: columns apart by two spaces, no rules (rows for grep)."""
    widths = _widths(columns, rows, width - 3 * len(columns) - 1)  # per column: a rule and a space each side
    if widths is None:
        return stacked(columns, rows, head)
    if borderless:
        table = Table(box=None, show_edge=False, pad_edge=False, padding=(0, 2, 0, 0), expand=False)
    else:
        table = Table(box=table_box(terminal), show_lines=lines, expand=False)
    for column, w in zip(columns, widths):
        table.add_column(column.header, width=w, overflow="fold", justify=column.justify)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(*row)
    return table


def stacked(columns: Sequence[Column], rows: Sequence[Sequence[Text]], head: int = 1) -> RenderableType:
    """One block per record: its first ``head`` cells as a heading, then ``label: value`` lines (a value may wrap
    between words)."""
    blocks: list[RenderableType] = []
    for row in rows:
        heading = Text("  ").join(row[:head])
        heading.stylize("bold", 0, len(heading.plain.split("\n")[0]))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="dim")
        grid.add_column(overflow="fold")
        for column, cell in zip(columns[head:], row[head:]):
            if cell.plain:
                grid.add_row(Text(column.header + ":"), cell)
        blocks += [Text(""), heading, grid]
    return Group(*blocks[1:])


def source_labels(sources: Sequence[Source], notes: Sources, terminal: bool, none: str = "",
                  secondary: str | None = None) -> Text:
    """Each source as its publisher, kind and note number ("ERR News, press [3]"),
    one per line; on a terminal the publisher is a link (OSC 8) to the address. A fact marked secondary says so
    beneath ("secondary source"), its reason in the JSON, CSV and the report."""
    text = Text()
    for source in sources:
        if text:
            text.append("\n")
        label = Text(cited_label(source))
        url = href(source.url)
        if url and terminal:
            label.stylize(Style(link=url))
        text.append_text(label)
        text.append(f" [{notes.number(source)}]", style="dim")
    if secondary is not None:
        mark = "secondary source" if sources else "secondary: no citable source"
        text.append(("\n" if text else "") + mark, style="bold yellow" if terminal else "")
    elif not sources and none:
        text.append(clean(none), style="dim")
    return text
