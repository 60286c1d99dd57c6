"""`ottawa-exit sources` as a table and as Markdown, read from its documents (the JSON contract): each source with
its publisher, kind, address, and the facts it supports."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ..documents import source_document
from ..results import SourceList
from .layout import Column, fit, make_console, plain, render_to_text
from .text import clean

SOURCE_COLUMNS = (Column("Source", wrap=True), Column("Kind"), Column("Facts it supports", wrap=True))


def _source_cell(doc: dict[str, Any]) -> Text:
    text = plain(doc["key"], "bold")
    text.append("\n" + clean(doc["publisher"]))
    text.append("\n" + clean(doc["title"]), style="italic")
    if doc["published"]:
        text.append(f" ({doc['published']})", style="dim")
    text.append("\n" + clean(doc["url"]), style="dim")
    if doc["via"]:
        text.append("\nread via " + clean(doc["via"]), style="dim")
    if not doc["checked"]:
        text.append("\naddress kept from an earlier record; its page could not be read again", style="dim")
    return text


def _facts_cell(doc: dict[str, Any]) -> Text:
    text = Text()
    for fact in doc["facts"]:
        if text:
            text.append("\n")
        text.append(clean(fact["fact"]))
        text.append(f" ({clean(fact['file'])}: {clean(fact['key'])})", style="dim")
        if fact["secondary"]:
            text.append(" secondary source", style="bold")
    return text


def sources_table(result: SourceList, terminal: bool) -> str:
    console = make_console(terminal)
    documents = _documents(result)
    rows = [[_source_cell(d), plain(d["kind"]), _facts_cell(d)] for d in documents]
    kinds: dict[str, int] = {}
    for doc in documents:
        kinds[doc["kind"]] = kinds.get(doc["kind"], 0) + 1
    facts = sum(d["fact_count"] for d in documents)
    count = f"{len(documents)} source{'' if len(documents) == 1 else 's'}"
    caption = f"{count} ({', '.join(f'{n} {k}' for k, n in kinds.items()) or 'none'}) behind {facts} citations"
    return render_to_text([fit(SOURCE_COLUMNS, rows, console.width, terminal, lines=True),
                           Text(caption, style="dim")], console)


def _md(text: str | None) -> str:
    return clean(text or "").replace("|", "\\|").replace("\n", " ")


def _documents(result: SourceList) -> list[dict[str, Any]]:
    """The table and the Markdown read the JSON documents, so they show nothing the JSON lacks."""
    return [source_document(s, result.facts[s.key]) for s in result.sources]


def sources_markdown(result: SourceList) -> str:
    """One section per kind of source, a list item per source with the facts it supports beneath."""
    documents = _documents(result)
    lines = ["# Sources", ""]
    kind = None
    for doc in documents:
        if doc["kind"] != kind:
            kind = doc["kind"]
            lines += ["", f"## {kind.capitalize()}", ""]
        item = f"- **{_md(doc['publisher'])}**: {_md(doc['title'])}"
        item += f" ({doc['published']})" if doc["published"] else ""
        item += f" <{_md(doc['url'])}>" + (f" (read via <{_md(doc['via'])}>)" if doc["via"] else "")
        item += f" `{doc['key']}`"
        if not doc["checked"]:
            item += " (address kept from an earlier record; its page could not be read again)"
        lines.append(item)
        for fact in doc["facts"]:
            mark = f" (secondary source: {_md(fact['secondary_reason'])})" if fact["secondary"] else ""
            lines.append(f"  - {_md(fact['fact'])} ({_md(fact['file'])}: `{fact['key']}`){mark}")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"
