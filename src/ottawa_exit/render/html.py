"""Self-contained HTML pages: the chart inline as SVG, the tables, every date with its numbered sources, each note
once, the as-of and review dates. Fits a phone (tables stack or scroll in their own box, never the page) and prints
whole on A4 or Letter (links as numbered footnotes: the sources listed at the end).

Pages: a state's timeline or several (`timeline`, `compare`), the states' status (`countries`), the register
(`countries --all`: the count, the States Parties over time, a sortable table) and the parties (`parties`). No
remote resource: a Content-Security-Policy allows nothing but the page's own style and, on the sortable tables, one
inline script identified by its hash; without the script the table is complete, in the order given.

Rendered by Jinja2 with autoescaping, so text from data or users is never markup; only http(s) addresses become
links. Jinja2 is imported here, and this module only for `--format html` (``render.render``).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..data.model import Source
from ..data.register import NonParty
from ..documents import Result, status_detail
from ..projection.timeline import Effective, Kind, Receipt, Span, Status, Timeline, TimelineStep
from ..results import NEVER_JOINED, Comparison, Countries, Parties, never_joined_reason
from ..version import __version__
from .text import Sources, cited_label, href

TEMPLATE = "report.html.j2"
SORT_SCRIPT = files("ottawa_exit.render").joinpath("templates/sort.js")


class _Sources(Sources):
    """The numbered sources: each date cites numbers, the list at the end gives each source whole."""

    def cite(self, found: Iterable[Source]) -> list[int]:
        return [self.number(s) for s in found]

    def link(self, source: Source) -> dict[str, Any]:
        return {"href": href(source.url), "label": cited_label(source), "number": self.number(source)}

    def listed(self) -> list[dict[str, Any]]:
        """Every numbered source: its address (a link), publisher, kind, title, date, and the copy read."""
        return [{"number": self.numbers[key], "href": href(s.url), "url": s.url, "publisher": s.publisher,
                 "kind": s.kind, "title": s.title, "published": s.published, "via": s.via,
                 "via_href": href(s.via) if s.via else None, "checked": s.checked}
                for key, s in self.records.items()]


# ---------------------------------------------------------------------------------------------------------------
# Dates: the text, a badge that says what the date is, its range, its sources


def _badge(span: Span, kind: Kind) -> tuple[str, str]:
    """The badge's words and class: what the data say of this date, never "recorded" without a date."""
    if kind is Kind.RECORDED:
        if span.date:
            return "recorded", "recorded"
        return ("recorded window", "recorded") if span.earliest else ("", "none")
    if kind is Kind.OVERRIDE:
        return "what-if", "override"
    if kind is Kind.PROJECTED:
        return "projected", "projected"
    return "", "none"  # no decision, no projection: the reason is the text


def _dated(span: Span, kind: Kind, cites: list[int], reason: str | None = None) -> dict[str, Any]:
    """A date cell: the day (or window), its badge and range, and the numbers of its sources."""
    badge, style = _badge(span, kind)
    if span.date:
        text = span.date.isoformat()
    elif span.earliest:
        text = f"between {span.earliest} and {span.latest}"
    else:
        text = reason or ("date not recorded" if kind is Kind.RECORDED else "")
    early, late = span.earliest, span.latest
    ranged = (early.isoformat(), late.isoformat()) if span.date and early and late and early != late else None
    return {"text": text, "badge": badge, "style": style, "cites": cites, "is_date": span.dated, "range": ranged,
            "empty": text == "—"}


def _end(dated: Receipt | Effective, sources: _Sources, reason: str | None) -> dict[str, Any]:
    """The receipt's or the effect's cell, citing its sources (or saying why no citable source states it)."""
    cell = _dated(dated.span, dated.kind, sources.cite(dated.sources), reason)
    cell["secondary"] = dated.secondary if dated.span.dated else None
    return cell


def _step(item: TimelineStep, sources: _Sources) -> dict[str, Any]:
    date = _dated(item.span, item.kind, [])  # the row's Source column cites the step's date
    if item.kind in (Kind.PROJECTED, Kind.OVERRIDE):  # where the date came from, and from when that was known
        date["basis"] = item.basis
        if item.days is not None:
            date["basis_known_from"] = item.days.known_from.isoformat() if item.days.known_from else None
            date["basis_cites"] = sources.cite(item.days.sources)
    event = item.event
    if event is not None and event.alternative_date:
        date["alternative"] = {"text": event.alternative_date.isoformat(),
                               "cites": sources.cite(event.alternative_sources)}
    notes = "; ".join(item.notes)
    return {"id": item.step.id, "title": item.step.title, "actor": item.step.actor,
            "requirement": item.step.requirement, "detail": event.detail if event else None, "note": notes or None,
            "date": date, "links": [sources.link(a) for a in item.sources], "secondary": item.secondary}


def _suspension(t: Timeline, sources: _Sources) -> dict[str, Any] | None:
    """A notified suspension as known on the as-of date: when, on what ground, who objected, the States Parties'
    answer; every date with its sources and the day it was reported."""
    found = t.suspension
    if found is None:
        return None
    objections = [{"state": o.state, "iso3": o.iso3, "date": o.date.isoformat() if o.date else None,
                   "by": o.by.isoformat() if o.by else None, "known_from": o.known_from.isoformat(),
                   "detail": o.detail, "cites": sources.cite(o.sources)} for o in found.objections]
    response = found.response
    return {
        "state": t.state.name, "notified": found.notified.isoformat(), "known_from": found.known_from.isoformat(),
        "invoked": found.invoked, "provided_for": found.provided_for, "cites": sources.cite(found.sources),
        "objections": objections,
        "response": None if response is None else {
            "date": response.date.isoformat(), "known_from": response.known_from.isoformat(), "text": response.text,
            "cites": sources.cite(response.sources)},
    }


def _status(row: Timeline | NonParty) -> str:
    """The status, and what it alone does not say (a notified suspension; never joined)."""
    if isinstance(row, NonParty):
        return f"{Status.NOT_A_PARTY.value} · {NEVER_JOINED}"
    detail = status_detail(row)
    return f"{row.status.value} · {detail}" if detail else row.status.value


# ---------------------------------------------------------------------------------------------------------------
# Timelines (`timeline`, `compare`) and the states' status (`countries`)


def _section(timeline: Timeline, sources: _Sources, shared: set[str]) -> dict[str, Any]:
    receipt, effective = timeline.receipt, timeline.effective
    return {
        "name": timeline.state.name, "iso2": timeline.state.iso2, "status": _status(timeline),
        "steps": [_step(item, sources) for item in timeline.steps],
        "receipt": _end(receipt, sources, receipt.reason or "not projected"),
        "effective": _end(effective, sources, effective.reason or "indeterminate"),
        "rule": effective.rule, "notes": [n for n in timeline.notes if n not in shared],
        "suspension": _suspension(timeline, sources),
    }


def _shared_notes(timelines: Sequence[Timeline]) -> tuple[list[dict[str, Any]], set[str]]:
    """Notes that several states carry word for word (the review date, the data's review), shown once."""
    counts = Counter(n for t in timelines for n in dict.fromkeys(t.notes))
    shared = {n for n, c in counts.items() if c > 1}
    listed = []
    for note in dict.fromkeys(n for t in timelines for n in t.notes if n in shared):
        names = [t.state.name for t in timelines if note in t.notes]
        listed.append({"text": note, "states": "" if len(names) == len(timelines) else ", ".join(names)})
    return listed, shared


def _summary(timelines: Sequence[Timeline], sources: _Sources, bound: bool = False) -> list[dict[str, Any]]:
    """A row per state: the status, the receipt and the effect (``bound``: the bound-from date too), each cited."""
    rows = []
    for t in timelines:
        receipt, effective = t.receipt, t.effective
        rows.append({
            "name": t.state.name, "iso2": t.state.iso2, "status": _status(t),
            "bound": _bound(t, sources) if bound else None,
            "receipt": _end(receipt, sources, receipt.reason or "not projected"),
            "effective": _end(effective, sources, "—" if effective.reason == receipt.reason
                              else effective.reason or "indeterminate"),
        })
    return rows


def _bound(t: Timeline, sources: _Sources) -> dict[str, Any]:
    bound = t.state.bound_from
    return {"text": bound.isoformat() if bound else "", "cites": sources.cite(t.state.bound_sources)}


# ---------------------------------------------------------------------------------------------------------------
# The register (`countries --all`) and the parties (`parties`)


def _register_rows(rows: Sequence[Timeline | NonParty], as_of: dt.date,
                   sources: _Sources) -> tuple[list[dict[str, Any]], str]:
    """A row per state; the commonest reason for no withdrawal said once under the table, any other in its row."""
    reasons = Counter(r.receipt.reason for r in rows if isinstance(r, Timeline) and r.receipt.reason)
    common = reasons.most_common(1)[0][0] if reasons else ""
    listed = []
    for row in rows:
        if isinstance(row, NonParty):
            never = {"text": "never bound", "cites": sources.cite(row.sources)}
            reason = _dated(Span(None, None, None), Kind.NONE, [], never_joined_reason(as_of))
            dash = _dated(Span(None, None, None), Kind.NONE, [], "—")
            listed.append({"name": row.name, "iso2": row.iso2, "iso3": row.iso3, "status": _status(row),
                           "bound": never, "receipt": reason, "effective": dash})
            continue
        receipt, effective = row.receipt, row.effective
        listed.append({
            "name": row.state.name, "iso2": row.state.iso2, "iso3": row.state.iso3, "status": _status(row),
            "bound": _bound(row, sources),
            "receipt": _end(receipt, sources, "—" if receipt.reason == common else receipt.reason),
            "effective": _end(effective, sources, "—" if receipt.reason else effective.reason or "indeterminate"),
        })
    return listed, common


def _count(countries: Countries) -> dict[str, Any]:
    """The count of States Parties, and (for the whole register) what became of the others."""
    count: dict[str, Any] = {"parties": countries.party_count}
    if countries.selected:
        count["shown"] = len(countries.rows)
        return count
    statuses = Counter(t.status for t in countries.timelines)
    count.update(ever=len(countries.timelines), withdrawn=statuses[Status.WITHDRAWN],
                 leaving=statuses[Status.PENDING] + statuses[Status.IN_PROGRESS],
                 not_yet=statuses[Status.NOT_A_PARTY])
    return count


def _parties_rows(parties: Parties, sources: _Sources) -> list[dict[str, Any]]:
    return [{"name": t.state.name, "iso2": t.state.iso2, "iso3": t.state.iso3, "status": _status(t),
             "bound": _bound(t, sources)} for t in parties.members]


# ---------------------------------------------------------------------------------------------------------------
# The page


def _suspensions(timelines: Iterable[Timeline], sources: _Sources) -> list[dict[str, Any]]:
    return [found for t in timelines if (found := _suspension(t, sources))]


def _script_hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def _page(result: Result, sources: _Sources) -> tuple[dict[str, Any], list[Timeline]]:
    """What the template needs for the result, and the timelines whose review dates the page states."""
    if isinstance(result, Parties):
        page = {"kind": "parties", "rows": _parties_rows(result, sources), "count": {"parties": result.count}}
        return {**page, "suspensions": _suspensions(result.members, sources)}, list(result.timelines)
    if isinstance(result, Countries) and result.every:
        rows, common = _register_rows(result.rows, result.as_of, sources)
        page = {"kind": "register", "rows": rows, "common_reason": common, "count": _count(result)}
        return {**page, "suspensions": _suspensions(result.timelines, sources)}, list(result.timelines)
    if isinstance(result, Countries):
        page = {"kind": "countries", "summary": _summary(result.timelines, sources, bound=True)}
        return {**page, "suspensions": _suspensions(result.timelines, sources)}, list(result.timelines)
    timelines = list(result.timelines) if isinstance(result, Comparison) else [result] \
        if isinstance(result, Timeline) else []
    shared_notes, shared = _shared_notes(timelines)
    summary = _summary(timelines, sources) if isinstance(result, Comparison) else None
    return {"kind": "timelines", "summary": summary, "shared_notes": shared_notes,
            "sections": [_section(t, sources, shared) for t in timelines]}, timelines


def report(result: Result, as_of: dt.date, title: str, chart_svg: str | None = None,
           chart_note: str | None = None) -> str:
    """The page for ``result``: a timeline, a comparison, the countries or the register, or the parties."""
    env = Environment(loader=PackageLoader("ottawa_exit.render", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    sources = _Sources()
    page, timelines = _page(result, sources)
    reviewed_on = min((t.state.reviewed for t in timelines if t.state.reviewed), default=None)
    reviewed = reviewed_on.isoformat() if reviewed_on else "unknown"
    script = SORT_SCRIPT.read_text(encoding="utf-8") if page["kind"] in ("register", "parties") else ""
    svg = None
    if chart_svg:  # matplotlib's own output from our data (its text escaped by matplotlib): safe to inline
        svg = Markup(chart_svg[chart_svg.index("<svg"):])
    notes_carry_review = page["kind"] == "timelines" and any(t.notes for t in timelines)  # said once, in the notes
    return env.get_template(TEMPLATE).render(
        title=title, version=__version__, as_of=as_of.isoformat(), reviewed=reviewed,
        stale=bool(reviewed_on and as_of > reviewed_on and not notes_carry_review),
        chart=svg, chart_note=chart_note, page=page, sources=sources.listed(),
        script=Markup(script) if script else None, script_hash=_script_hash(script) if script else None,
    )
