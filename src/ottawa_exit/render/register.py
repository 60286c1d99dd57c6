"""The register tables: `countries --all` (every state ever bound: status, bound-from date, receipt and effect where
there is one) and `parties` (the States Parties alone).

On a terminal the table fits the width (long names wrap between words). Piped, each state is one whole line however
wide, with no rules, so `grep` and `sort` see a state's name, ISO code, status and dates together; what the status
alone does not say (a notified suspension) is then the last column, so the other rows carry no padding for it.
"""

from __future__ import annotations

from datetime import date

from rich.console import RenderableType
from rich.text import Text

from ..data.model import Source
from ..data.register import NonParty
from ..documents import status_detail
from ..projection.timeline import Effective, Kind, Receipt, Status, Timeline
from ..results import NEVER_JOINED, Countries, Parties, rules_reviewed
from .layout import KIND_STYLE, Column, detail_notes, fit, noted_status, plain, status_cell
from .text import Sources, clean

DETAIL_COLUMN = Column("Detail")
SOURCES_COLUMN = Column("Sources")
REGISTER_COLUMNS = (Column("State", wrap=True), Column("ISO"), Column("Status", wrap=True), Column("Bound from"),
                    Column("Receipt", wrap=True, first=True), Column("Takes effect", wrap=True, first=True))


def one_line(dated: Receipt | Effective) -> Text:
    """A receipt or effect on one line: the date and its kind, the range after it; nothing where no withdrawal was
    decided (the reason would repeat on every row: the status says it)."""
    if dated.reason:
        return plain("")
    span, kind = dated.span, dated.kind
    if span.date is None and span.earliest is None:
        return plain("date not recorded" if kind is Kind.RECORDED else "indeterminate")
    when = span.date.isoformat() if span.date else f"{span.earliest} .. {span.latest}"
    text = plain(f"{when} ")
    text.append(kind.value, style=KIND_STYLE[kind])
    if span.date and span.earliest != span.latest:
        text.append(f" ({span.earliest} .. {span.latest})", style="dim")
    return text


def _caption(count: int, shown: int | None, as_of: date, reviewed: date | None) -> str:
    text = f"{count} States Parties; " + (f"{shown} states shown; " if shown is not None else "")
    text += f"as of {as_of}; rules reviewed {reviewed or 'not stated'}"
    if reviewed and as_of > reviewed:
        text += f"; events after {reviewed} may be missing"
    return text


def _row(row: Timeline | NonParty) -> tuple[Status, str | None, list[Text]]:
    """A state's status, the status's detail, and its other cells: name, ISO code, bound-from date, receipt, effect."""
    if isinstance(row, NonParty):
        return Status.NOT_A_PARTY, NEVER_JOINED, [plain(row.name), plain(row.iso2), plain(""), plain(""), plain("")]
    return row.status, status_detail(row), [plain(row.state.name), plain(row.state.iso2),
                                            plain(str(row.state.bound_from or "")), one_line(row.receipt),
                                            one_line(row.effective)]


def _cited(row: Timeline | NonParty) -> tuple[tuple[Source, ...], str | None]:
    """The sources of a state's dates in the register (or its rules file), and why none is citable if so."""
    if isinstance(row, NonParty):
        return row.sources, row.secondary
    return row.state.bound_sources, row.state.bound_secondary


def _numbered(name: Text, row: Timeline | NonParty, notes: Sources) -> Text:
    """On a terminal, the state's name with its sources' note numbers ("Latvia [1,5,9]"); the notes under the table
    give each source's publisher, kind, title and address."""
    sources, secondary = _cited(row)
    numbers = ",".join(str(notes.number(s)) for s in sources)  # one word: wraps whole
    name.append(f" [{numbers}]" if numbers else "", style="dim")
    if secondary:
        name.append(" (secondary source)")
    return name


def _keys(row: Timeline | NonParty) -> Text:
    """Piped, the sources' keys on the state's own line (`ottawa-exit sources` gives each one's publisher and kind),
    so the line stays whole for grep and no note follows the table."""
    sources, secondary = _cited(row)
    return plain(" ".join(s.key for s in sources) + (" (secondary source)" if secondary else ""))


def register_renderables(result: Countries | Parties, terminal: bool, width: int,
                         notes: Sources) -> list[RenderableType]:
    """The register as a table and its caption: the count of States Parties on the date, of every state considered
    (when rows were selected by status, the rows shown are not all of them, and the caption says how many are).
    On a terminal a suspension's first words sit beside the status, marked, with the whole detail beneath the table
    (a state that never joined says so in the cell), and the sources are numbered beneath; piped,
    the sources' keys and then the detail end each line, so the other rows carry no padding for the detail."""
    columns: tuple[Column, ...]
    if isinstance(result, Parties):
        columns = REGISTER_COLUMNS[:4]
        listed: tuple[Timeline | NonParty, ...] = result.members
        caption = _caption(result.count, None, result.on, rules_reviewed(result.timelines))
    else:
        columns = REGISTER_COLUMNS
        listed = result.rows
        shown = len(result.rows) if result.selected else None
        caption = (_caption(result.party_count, shown, result.as_of, result.reviewed)
                   if result.rows or shown is not None else "no states")
    found = [_row(r) for r in listed]
    width_of = len(columns) - 1  # the cells besides the status
    if terminal:
        statuses = [(status_cell(status, detail), None) if isinstance(r, NonParty) else noted_status(r)
                    for r, (status, detail, _) in zip(listed, found, strict=True)]
        rows = [[_numbered(cells[0], r, notes), cells[1], cell, *cells[2:width_of]]
                for r, (_, _, cells), (cell, _) in zip(listed, found, statuses, strict=True)]
        table = fit(columns, rows, width, terminal)
        return [table, *detail_notes(note for _, note in statuses), Text(clean(caption), style="dim")]
    rows = [[*cells[:2], plain(status.value), *cells[2:width_of], _keys(r), plain(detail)]
            for r, (status, detail, cells) in zip(listed, found, strict=True)]
    table = fit([*columns, SOURCES_COLUMN, DETAIL_COLUMN], rows, width, terminal, borderless=True)
    return [table, Text(clean(caption), style="dim")]
