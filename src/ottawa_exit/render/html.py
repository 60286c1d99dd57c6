"""A self-contained HTML report: the chart inline as SVG, the tables, every source as a numbered link, the notes,
the as-of and review dates. No script and no remote resource; prints cleanly to PDF from a browser.

Rendered by Jinja2 with autoescaping, so text from data or users is never markup; only http(s) addresses become
links. Jinja2 is imported here, and this module only for `--format html` (``render.render``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..data.model import Source
from ..data.register import NonParty
from ..documents import status_detail
from ..projection.timeline import Effective, Kind, Receipt, Span, Status, Timeline
from ..results import NEVER_JOINED, never_joined_reason
from ..version import __version__
from .text import Sources, cited_label, href as _href

TEMPLATE = "report.html.j2"


class _Sources(Sources):
    """The numbered sources as the template's links."""

    def link(self, source: Source) -> dict[str, Any]:
        return {"href": _href(source.url), "label": cited_label(source), "number": self.number(source)}

    def listed(self) -> list[dict[str, Any]]:
        """Every numbered source: its address (a link), publisher, kind, title, date, and the copy read."""
        return [{"href": _href(s.url), "url": s.url, "publisher": s.publisher, "kind": s.kind, "title": s.title,
                 "published": s.published, "via": s.via, "via_href": _href(s.via) if s.via else None,
                 "checked": s.checked} for s in self.records.values()]


def _range(span: Span) -> str | None:
    if span.earliest and span.latest and span.earliest != span.latest:
        return f"{span.earliest} .. {span.latest}"
    return None


def _dated(span: Span, none: str) -> str:
    if span.date:
        return span.date.isoformat()
    if span.earliest:
        return f"between {span.earliest} and {span.latest}"
    return none


def _section(timeline: Timeline, sources: _Sources) -> dict[str, Any]:
    steps = []
    for item in timeline.steps:
        steps.append({
            "id": item.step.id, "title": item.step.title, "actor": item.step.actor,
            "requirement": item.step.requirement, "date": _dated(item.span, "date not recorded"),
            "kind": item.kind.value,
            "range": _range(item.span) if item.span.date else None,  # a date window is already "between .. and .."
            "basis": item.basis if item.kind is not Kind.RECORDED else None,
            "links": [sources.link(a) for a in item.sources],
            "secondary": item.secondary,
        })
    receipt, effective = timeline.receipt, timeline.effective
    for address in [*receipt.sources, *effective.sources]:
        sources.link(address)
    return {
        "name": timeline.state.name, "iso2": timeline.state.iso2, "status": _status(timeline), "steps": steps,
        "receipt": _described(receipt, receipt.reason or "not projected"),
        "effective": _described(effective, effective.reason or "indeterminate"),
        "rule": effective.rule, "notes": list(timeline.notes),
    }


def _status(row: Timeline | NonParty) -> str:
    """The status, and what it alone does not say (a notified suspension; never joined)."""
    if isinstance(row, NonParty):
        return f"{Status.NOT_A_PARTY.value} · {NEVER_JOINED}"
    detail = status_detail(row)
    return f"{row.status.value} · {detail}" if detail else row.status.value


def _described(dated: Receipt | Effective, none: str) -> str:
    span = dated.span
    text = _dated(span, none)
    extra = _range(span)
    if not span.date and not span.earliest:
        return text
    secondary = f"; secondary source: {dated.secondary}" if dated.secondary else ""
    return f"{text} ({dated.kind.value}{', range ' + extra if extra else ''}{secondary})"


def _date_cell(dated: Receipt | Effective, none: str) -> dict[str, Any]:
    span = dated.span
    return {"text": _dated(span, dated.reason or none), "kind": dated.kind.value if span.date else None,
            "range": _range(span), "date": True}


def _summary(rows_of: Sequence[Timeline | NonParty], as_of: dt.date) -> dict[str, Any]:
    rows = []
    for row in rows_of:
        if isinstance(row, NonParty):
            reason = {"text": never_joined_reason(as_of), "kind": None, "range": None,
                      "date": True}
            rows.append([{"text": row.name}, {"text": row.iso2}, {"text": _status(row)}, reason, reason])
            continue
        rows.append([{"text": row.state.name}, {"text": row.state.iso2}, {"text": _status(row)},
                     _date_cell(row.receipt, "-"), _date_cell(row.effective, "indeterminate")])
    return {"heading": "States", "header": ["State", "ISO", "Status", "Receipt", "Takes effect"], "rows": rows}


def report(rows: Sequence[Timeline | NonParty], as_of: dt.date, title: str, sections: bool = True,
           chart_svg: str | None = None, chart_note: str | None = None) -> str:
    """The page: a summary table of the states (``rows``: timelines, and states that never joined), and with
    ``sections`` a section per state with its steps."""
    timelines = [r for r in rows if isinstance(r, Timeline)]
    env = Environment(loader=PackageLoader("ottawa_exit.render", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    sources = _Sources()
    parts = [_section(t, sources) for t in timelines] if sections else []
    first = timelines[0] if timelines else None
    reviewed = first.state.reviewed.isoformat() if first and first.state.reviewed else "unknown"
    svg = None
    if chart_svg:  # matplotlib's own output from our data (its text escaped by matplotlib): safe to inline
        svg = Markup(chart_svg[chart_svg.index("<svg"):])
    return env.get_template(TEMPLATE).render(
        title=title, version=__version__, as_of=as_of.isoformat(), reviewed=reviewed,
        stale=reviewed != "unknown" and as_of.isoformat() > reviewed,
        chart=svg, chart_note=chart_note, summary=_summary(rows, as_of) if rows else None, sections=parts,
        sources=sources.listed(),
    )
