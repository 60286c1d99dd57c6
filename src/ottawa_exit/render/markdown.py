"""A state's procedure as Markdown, for briefings and wikis."""

from __future__ import annotations

from ..data.model import Source, State, Step
from ..documents import procedure_sources
from .text import clean


def _cell(text: str | None) -> str:
    return clean(text or "").replace("|", "\\|").replace("\n", " ")


def _limit(step: Step) -> str:
    rule = step.statutory_limit
    if rule is None:
        return "none"
    text = f"{rule.text}; counted from {rule.counted_from}"
    return text + (f" (secondary source: {rule.secondary})" if rule.secondary else "")


def _source(source: Source) -> str:
    """A source as a list item: publisher (kind): title, the address as a link, and the copy read."""
    line = f"- {_cell(source.publisher)} ({source.kind}): {_cell(source.title)} <{_cell(source.url)}>"
    if source.via:
        line += f" (read via <{_cell(source.via)}>)"
    if not source.checked:
        line += " (address kept from an earlier record; its page could not be read again)"
    return line


def procedure_markdown(state: State) -> str:
    """The procedure as a Markdown table, then its sources (as the JSON lists them), notes and review date."""
    lines = [f"# {_cell(state.name)}: procedure for withdrawal from the Ottawa Convention", ""]
    if state.legislature:
        lines += [f"Legislature: {_cell(state.legislature)}", ""]
    lines += ["| # | Step | Actor | Requirement | Time limit | Legal basis |", "|---|---|---|---|---|---|"]
    for n, step in enumerate(state.procedure.steps, 1):
        title = f"{_cell(step.title)} (`{_cell(step.id)}`)" + ("" if step.formal else " (not required by law)")
        if step.secondary:
            title += f" (secondary source: {_cell(step.secondary)})"
        lines.append(f"| {n} | {title} | {_cell(step.actor)} | {_cell(step.requirement)} | "
                     f"{_cell(_limit(step))} | {_cell(step.legal_basis)} |")
    lines += ["", "## Sources", ""] + [_source(s) for s in procedure_sources(state)]
    lines += [f"\nNote (known from {n.known_from}): {_cell(n.text)}" for n in state.notes]
    reviewed = state.reviewed.isoformat() if state.reviewed else "not stated"
    lines += ["", f"Rules reviewed against the public record: {reviewed}."]
    return "\n".join(lines) + "\n"
