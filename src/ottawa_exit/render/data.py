"""Engine results as plain dicts: the JSON contracts. Shared by the json, ndjson and csv renderers and the API."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..article20 import Effect
from ..model import State, Step
from ..timeline import Span, Timeline, TimelineStep

TIMELINE_SCHEMA = "ottawa-exit/timeline/1"
EFFECTIVE_SCHEMA = "ottawa-exit/effective/1"
COUNTRY_SCHEMA = "ottawa-exit/country/1"
PROCEDURE_SCHEMA = "ottawa-exit/procedure/1"
BACKTEST_SCHEMA = "ottawa-exit/backtest/1"


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def span_dict(span: Span) -> dict[str, str | None]:
    return {"date": iso(span.date), "earliest": iso(span.earliest), "latest": iso(span.latest)}


def state_ref(state: State) -> dict[str, Any]:
    return {"id": state.id, "name": state.name, "iso2": state.iso2, "iso3": state.iso3}


def _step_fields(step: Step) -> dict[str, Any]:
    """What a step is, in the timeline and the procedure documents alike."""
    return {
        "id": step.id,
        "title": step.title,
        "actor": step.actor,
        "requirement": step.requirement,
        "legal_basis": step.legal_basis,
        "statutory_limit": step.statutory_limit,
    }


def step_dict(item: TimelineStep) -> dict[str, Any]:
    step = item.step
    event = item.event
    notes = [n for n in (item.note, event.note if event else None, step.note) if n]
    return {
        **_step_fields(step),
        "kind": item.kind.value,
        **span_dict(item.span),
        "basis": item.basis,
        "detail": event.detail if event else None,
        "source": item.sources[0] if item.sources else None,
        "sources": list(item.sources),
        "note": " ".join(notes) if notes else None,
    }


def conflict_dict(effect_conflict: Any) -> dict[str, Any]:
    return {"ongoing": effect_conflict is not None, "end": iso(effect_conflict.end) if effect_conflict else None}


def timeline_dict(timeline: Timeline) -> dict[str, Any]:
    receipt, effective = timeline.receipt, timeline.effective
    return {
        "schema": TIMELINE_SCHEMA,
        "state": state_ref(timeline.state),
        "as_of": iso(timeline.as_of),
        "rules_reviewed": iso(timeline.state.reviewed),
        "status": timeline.status.value,
        "steps": [step_dict(s) for s in timeline.steps],
        "receipt": {"kind": receipt.kind.value, **span_dict(receipt.span), "sources": list(receipt.sources)},
        "effective": {
            "kind": effective.kind.value,
            **span_dict(effective.span),
            "rule": effective.rule,
            "count": effective.count.value,
            "armed_conflict": conflict_dict(effective.armed_conflict),
            "sources": list(effective.sources),
        },
        "overrides": {
            "steps": {k: iso(v) for k, v in timeline.overrides.steps.items()},
            "armed_conflict": conflict_dict(timeline.overrides.armed_conflict)
            if timeline.overrides.armed_conflict else None,
            "no_armed_conflict": timeline.overrides.no_armed_conflict,
        },
        "notes": list(timeline.notes),
    }


def country_dict(timeline: Timeline) -> dict[str, Any]:
    """One state's status line for `countries` and `compare`."""
    return {
        "schema": COUNTRY_SCHEMA,
        "state": state_ref(timeline.state),
        "as_of": iso(timeline.as_of),
        "rules_reviewed": iso(timeline.state.reviewed),
        "status": timeline.status.value,
        "receipt": {"kind": timeline.receipt.kind.value, **span_dict(timeline.receipt.span)},
        "effective": {
            "kind": timeline.effective.kind.value,
            **span_dict(timeline.effective.span),
            "rule": timeline.effective.rule,
        },
    }


def effective_dict(effect: Effect) -> dict[str, Any]:
    return {
        "schema": EFFECTIVE_SCHEMA,
        "receipt": iso(effect.receipt),
        "six_months": iso(effect.six_months),
        "effective": iso(effect.effective),
        "count": effect.count.value,
        "rule": effect.rule,
        "armed_conflict": conflict_dict(effect.armed_conflict),
    }


def procedure_step_dict(step: Step) -> dict[str, Any]:
    return {
        **_step_fields(step),
        "statutory_limit_source": step.statutory_limit_source,
        "formal": step.formal,
        "days": {"earliest": step.days.earliest, "typical": step.days.typical, "latest": step.days.latest,
                 "basis": step.days.basis},
        "note": step.note,
    }


def procedure_dict(state: State) -> dict[str, Any]:
    sources = sorted({s for e in state.events for s in e.sources} | {
        s.statutory_limit_source for s in state.procedure.steps if s.statutory_limit_source})
    return {
        "schema": PROCEDURE_SCHEMA,
        "state": state_ref(state),
        "legislature": state.legislature,
        "rules_reviewed": iso(state.reviewed),
        "steps": [procedure_step_dict(s) for s in state.procedure.steps],
        "sources": sources,
        "note": state.note,
    }


TIMELINE_CSV_HEADER = (
    "state", "as_of", "rules_reviewed", "status", "step", "title", "actor", "requirement", "legal_basis", "kind",
    "date", "earliest", "latest", "detail", "source", "note",
)


def timeline_csv_rows(timeline: Timeline) -> list[list[Any]]:
    """A row per step, then one for the effective date (its rule in the note column)."""
    doc = timeline_dict(timeline)
    head = [doc["state"]["id"], doc["as_of"], doc["rules_reviewed"], doc["status"]]
    rows = [
        head + [s["id"], s["title"], s["actor"], s["requirement"], s["legal_basis"], s["kind"], s["date"],
                s["earliest"], s["latest"], s["detail"], " ".join(s["sources"]), s["note"]]
        for s in doc["steps"]
    ]
    eff = doc["effective"]
    rows.append(head + ["effective", "Withdrawal takes effect", "", "", "Ottawa Convention Art. 20(3)", eff["kind"],
                        eff["date"], eff["earliest"], eff["latest"], "", " ".join(eff["sources"]), eff["rule"]])
    return rows


COUNTRY_CSV_HEADER = (
    "state", "name", "iso2", "iso3", "as_of", "rules_reviewed", "status", "receipt_kind", "receipt",
    "receipt_earliest", "receipt_latest", "effective_kind", "effective", "effective_earliest", "effective_latest",
    "rule",
)


def country_csv_row(timeline: Timeline) -> list[Any]:
    s, r, e = timeline.state, timeline.receipt, timeline.effective
    return [s.id, s.name, s.iso2, s.iso3, iso(timeline.as_of), iso(s.reviewed), timeline.status.value, r.kind.value,
            iso(r.span.date),
            iso(r.span.earliest), iso(r.span.latest), e.kind.value, iso(e.span.date), iso(e.span.earliest),
            iso(e.span.latest), e.rule]
