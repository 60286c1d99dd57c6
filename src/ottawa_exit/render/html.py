"""A self-contained HTML report: the chart inline as SVG, the tables, every source as a numbered link, the notes,
the as-of and review dates. No script and no remote resource; prints cleanly to PDF from a browser.

Rendered by Jinja2 with autoescaping, so text from data or users is never markup; only http(s) addresses become
links. Works from the JSON documents (the same dicts as `--format json`), so it shows exactly what they say.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..version import __version__
from .text import Sources, href as _href, site

TEMPLATE = "report.html.j2"


class _Sources(Sources):
    """The numbered sources as the template's links."""

    def link(self, address: str) -> dict[str, Any]:
        return {"href": _href(address), "label": site(address), "number": self.number(address)}

    def listed(self) -> list[dict[str, Any]]:
        return [{"href": _href(a), "label": a} for a in self.numbers]


def _range(span: dict[str, Any]) -> str | None:
    early, late = span.get("earliest"), span.get("latest")
    if early and late and early != late:
        return f"{early} .. {late}"
    return None


def _dated(span: dict[str, Any], none: str) -> str:
    if span.get("date"):
        return str(span["date"])
    if span.get("earliest"):
        return f"between {span['earliest']} and {span['latest']}"
    return none


def _section(doc: dict[str, Any], sources: _Sources) -> dict[str, Any]:
    steps = []
    for step in doc["steps"]:
        steps.append({
            "id": step["id"], "title": step["title"], "actor": step["actor"], "requirement": step["requirement"],
            "date": _dated(step, "date not recorded"), "kind": step["kind"],
            "range": _range(step) if step.get("date") else None,  # a date window is already "between .. and .."
            "basis": step["basis"] if step["kind"] != "recorded" else None,
            "links": [sources.link(a) for a in step.get("sources", [])],
        })
    receipt, effective = doc["receipt"], doc["effective"]
    for address in [*receipt.get("sources", []), *effective.get("sources", [])]:
        sources.link(address)
    return {
        "name": doc["state"]["name"], "iso2": doc["state"]["iso2"], "status": _status(doc), "steps": steps,
        "receipt": _described(receipt, receipt.get("reason") or "not projected"),
        "effective": _described(effective, effective.get("reason") or "indeterminate"),
        "rule": effective.get("rule") or "", "notes": doc.get("notes", []),
    }


def _status(doc: dict[str, Any]) -> str:
    """The status, and what it alone does not say (a notified suspension)."""
    detail = doc.get("status_detail")
    return f"{doc['status']} · {detail}" if detail else str(doc["status"])


def _described(span: dict[str, Any], none: str) -> str:
    text = _dated(span, none)
    extra = _range(span)
    kind = span.get("kind")
    if not span.get("date") and not span.get("earliest"):
        return text
    return f"{text} ({kind}{', range ' + extra if extra else ''})"


def _summary(docs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    rows = []
    for doc in docs:
        receipt, effective = doc["receipt"], doc["effective"]
        rows.append([
            {"text": doc["state"]["name"]}, {"text": doc["state"]["iso2"]}, {"text": _status(doc)},
            {"text": _dated(receipt, receipt.get("reason") or "-"), "kind": receipt.get("kind") if receipt.get("date") else None,
             "range": _range(receipt), "date": True},
            {"text": _dated(effective, effective.get("reason") or "indeterminate"),
             "kind": effective.get("kind") if effective.get("date") else None, "range": _range(effective),
             "date": True},
        ])
    return {"heading": "States", "header": ["State", "ISO", "Status", "Receipt", "Takes effect"], "rows": rows}


def report(docs: Sequence[dict[str, Any]], title: str, chart_svg: str | None = None,
           chart_note: str | None = None) -> str:
    """The page for timeline documents (a section per state) or country documents (a summary table)."""
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup

    env = Environment(loader=PackageLoader("ottawa_exit.render", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    sources = _Sources()
    sections = [_section(d, sources) for d in docs if "steps" in d]
    first = docs[0] if docs else {}
    reviewed = first.get("rules_reviewed") or "unknown"
    svg = None
    if chart_svg:  # matplotlib's own output from our data (its text escaped by matplotlib): safe to inline
        svg = Markup(chart_svg[chart_svg.index("<svg"):])
    return env.get_template(TEMPLATE).render(
        title=title, version=__version__, as_of=first.get("as_of", ""), reviewed=reviewed,
        stale=bool(first.get("as_of") and reviewed != "unknown" and first["as_of"] > reviewed),
        chart=svg, chart_note=chart_note, summary=_summary(docs) if docs else None, sections=sections,
        sources=sources.listed(),
    )
