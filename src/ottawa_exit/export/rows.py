"""The dataset's rows: the JSON documents (``documents``) tabulated, one row per record, as of one date.

Export is not a second data model: each row is read from the same document the CLI prints as JSON (``country_dict``,
``treaty_dict``, ``withdrawal_dict``, ``procedure_dict``, ``timeline_dict``), so the package, the database and
`--format json` cannot disagree. Rows are sorted by their table's primary key: the same data and as-of date give the
same rows in the same order.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from ..data.register import non_parties, register as read_register
from ..data.registry import Rules
from ..data.treaties import all_treaties
from ..data.withdrawals import select
from ..documents import (
    country_dict, never_joined_country_dict, never_joined_register_dict, procedure_dict, register_dict, timeline_dict,
    treaty_dict, withdrawal_dict,
)
from ..projection.timeline import project_timeline
from ..version import DATA_REVIEWED, __version__
from .spec import TABLES, Table

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Dataset:
    as_of: date
    rows: dict[str, list[Row]]  # by table name, in spec.TABLES order

    @property
    def version(self) -> str:
        """The tool's version with the data review date as build metadata (SemVer 2.0): 0.4.0+2026-11-28."""
        return f"{__version__}+{DATA_REVIEWED}"

    @property
    def reviewed(self) -> str:
        return DATA_REVIEWED

    def tables(self) -> list[tuple[Table, list[Row]]]:
        return [(t, self.rows[t.name]) for t in TABLES]


def source_id(url: str) -> str:
    """A stable id for a cited address: its host as a slug and a short hash (``delfi-lt-3f2a9c0d``)."""
    host = urlsplit(url).hostname or "source"
    slug = re.sub(r"[^a-z0-9]+", "-", host.removeprefix("www.").lower()).strip("-")
    return f"{slug}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:8]}"


SOURCE_FIELDS = ("url", "publisher", "kind", "title", "published", "language", "via")


def _source_record(source: Any) -> Row:
    """A cited source as a row: a source record (a document's dict, or the record itself: key, url, publisher,
    kind...), or a bare address with an id made from it."""
    if isinstance(source, str):
        return {"source_id": source_id(source), **dict.fromkeys(SOURCE_FIELDS), "url": source}
    fields = source if isinstance(source, dict) else dataclasses.asdict(source)
    published = fields.get("published")
    return {"source_id": fields["key"], **{f: fields.get(f) for f in SOURCE_FIELDS},
            "published": published.isoformat() if isinstance(published, date) else published}


class Citations:
    """The fact-to-source links gathered while rows are built, and the sources they name."""

    def __init__(self) -> None:
        self.links: set[tuple[str, str, str, str]] = set()
        self.sources: dict[str, Row] = {}

    def add(self, resource: str, record_id: str, field: str, sources: Iterable[Any]) -> None:
        for source in sources:
            record = _source_record(source)
            self.sources[record["source_id"]] = record
            self.links.add((resource, record_id, field, record["source_id"]))

    def source_rows(self) -> list[Row]:
        return [{**record, "host": urlsplit(record["url"]).hostname} for _, record in sorted(self.sources.items())]

    def citation_rows(self) -> list[Row]:
        return [dict(zip(("resource", "record_id", "field", "source_id"), link, strict=True))
                for link in sorted(self.links)]


def _state_row(country: dict[str, Any], register: dict[str, Any]) -> Row:
    receipt, effective = country["receipt"], country["effective"]
    return {
        **_identity(country["state"]),
        "native_name": register["native_name"],
        "ever_bound": register["bound_from"] is not None,
        "status": country["status"],
        "status_detail": country["status_detail"],
        "deposited": register["deposited"],
        "bound_from": country["bound_from"],
        "receipt_kind": receipt["kind"], "receipt_date": receipt["date"],
        "receipt_earliest": receipt["earliest"], "receipt_latest": receipt["latest"],
        "effective_kind": effective["kind"], "effective_date": effective["date"],
        "effective_earliest": effective["earliest"], "effective_latest": effective["latest"],
        "effective_rule": effective["rule"],
        "reason": effective["reason"] or receipt["reason"],
        "bound_from_secondary_reason": country.get("secondary_reason"),
        "note": register["bound_note"],
    }


def _identity(state: dict[str, Any]) -> Row:
    return {"state_id": state["id"], "state_name": state["name"], "iso2": state["iso2"], "iso3": state["iso3"]}


def _states(rules: Rules, as_of: date, cite: Citations) -> tuple[list[Row], list[Any], list[Any]]:
    """Every state ever bound (with its status on ``as_of``) and every state that never joined; and the timelines
    of the states with a procedure of their own, for their steps and events."""
    detailed = {s.id for s in rules.all()}
    rows, timelines, countries = [], [], []
    for timeline in (project_timeline(s, as_of) for s in rules.every()):
        register = register_dict(timeline.state)
        countries.append(country_dict(timeline))
        rows.append(_state_row(countries[-1], register))
        cite.add("states", timeline.state.id, "bound_from", register["bound_sources"])
        if timeline.state.id in detailed:
            document = timeline_dict(timeline)
            timelines.append(document)
            cite.add("states", timeline.state.id, "receipt_date", document["receipt"]["sources"])
            cite.add("states", timeline.state.id, "effective_date", document["effective"]["sources"])
    known = {r["state_id"] for r in rows}
    for entry in (e for e in non_parties() if e.id not in known):
        register = never_joined_register_dict(entry)
        countries.append(never_joined_country_dict(entry, as_of, read_register().reviewed))
        rows.append(_state_row(countries[-1], register))
        cite.add("states", entry.id, "ever_bound", register["bound_sources"])
    return rows, timelines, countries


def _treaty_row(document: dict[str, Any]) -> Row:
    rule = document["rule"]
    return {
        "treaty_id": document["treaty"]["id"], "treaty_name": document["treaty"]["name"],
        "short_names": "; ".join(document["short_names"]) or None,
        "adopted": document["adopted"], "in_force": document["in_force"], "depositary": document["depositary"],
        "article": document["article"], "citation": document["citation"], "clause": document["clause"],
        "rule_summary": rule["summary"], "period_amount": rule["period"]["amount"],
        "period_unit": rule["period"]["unit"], "start": rule["start"], "form": rule["form"],
        "counting": rule["counting"], "counting_note": rule["counting_note"], "later_date": rule["later_date"],
        "notice_not_before_years": rule["notice_not_before"]["years"],
        "notice_not_before_from": rule["notice_not_before"]["from"],
        "armed_conflict": rule["armed_conflict"], "armed_conflict_text": rule["armed_conflict_text"],
        "clause_secondary_reason": document["secondary_reason"],
        "counting_secondary_reason": rule["counting_secondary_reason"], "note": document["note"],
    }


def _treaties(cite: Citations) -> list[Row]:
    rows = []
    for document in (treaty_dict(t) for t in all_treaties()):
        rows.append(_treaty_row(document))
        cite.add("treaties", document["treaty"]["id"], "clause", document["sources"])
        cite.add("treaties", document["treaty"]["id"], "counting_note", document["rule"]["counting_sources"])
        cite.add("treaties", document["treaty"]["id"], "note", document["note_sources"])
    return rows


def withdrawal_id(document: dict[str, Any]) -> str:
    """The treaty, the state's code and the day the period counted from (the receipt, else the notice)."""
    return f"{document['treaty']['id']}-{document['state']['iso3']}-{document['start']['date']}"


def _day(value: Any) -> str | None:
    """An ISO date, or None for anything else (a receipt recorded as "unknown")."""
    return value if isinstance(value, str) and len(value) == 10 and value[4] == "-" else None


def _withdrawal_row(document: dict[str, Any]) -> Row:
    computed, standing = document["computed"], document["exit"]
    return {
        "withdrawal_id": withdrawal_id(document), "treaty_id": document["treaty"]["id"],
        "state_id": document["state"]["id"], "state_name": document["state"]["name"],
        "organisation": document["organisation"],
        "iso3": document["state"]["iso3"], "notice": document["notice"], "receipt": _day(document["receipt"]),
        "later_date": document["later_date"], "start_basis": document["start"]["basis"],
        "start_date": document["start"]["date"], "effective_stated": document["effective_stated"],
        "stated_by": document["stated_by"], "computed_effective": computed["effective"],
        "computed_alternative": computed["alternative"], "computed_counting": computed["counting"],
        "computed_rule": computed["rule"],
        "agrees": document["agrees"], "reading": document["reading"], "check": document["check"],
        "explanation": document["explanation"], "exit_status": standing["status"],
        "exit_effective": standing["effective"], "days_remaining": standing["days_remaining"],
        "secondary_reason": document["secondary_reason"], "note": document["note"],
    }


def _withdrawals(cite: Citations, as_of: date) -> list[Row]:
    rows = []
    for document in (withdrawal_dict(r, as_of) for r in select()):
        rows.append(_withdrawal_row(document))
        cite.add("withdrawals", withdrawal_id(document), "record", document["sources"])
    return rows


def _step_row(state_id: str, position: int, step: dict[str, Any]) -> Row:
    limit = step["limit"] or {}
    return {
        "state_id": state_id, "step_id": step["id"], "position": position, "title": step["title"],
        "actor": step["actor"], "requirement": step["requirement"], "legal_basis": step["legal_basis"],
        "formal": step["formal"], "parallel": step["parallel"], "after_step": step["after_step"],
        "statutory_limit": step["statutory_limit"], "limit_days": limit.get("days"),
        "limit_min_days": limit.get("min_days"), "limit_from": limit.get("from"),
        "limit_from_step": limit.get("from_step"),
    }


def _steps(rules: Rules, as_of: date, cite: Citations) -> tuple[list[Row], list[Row]]:
    """The procedures' steps, and the states' notes known on ``as_of`` (a note counts from its known_from day)."""
    rows, notes = [], []
    for state in rules.all():
        document = procedure_dict(state)
        for position, step in enumerate(document["steps"], 1):
            rows.append(_step_row(state.id, position, step))
            cite.add("procedure_steps", f"{state.id}/{step['id']}", "legal_basis", step["sources"])
            if step["limit"]:
                cite.add("procedure_steps", f"{state.id}/{step['id']}", "statutory_limit", step["limit"]["sources"])
        for position, note in enumerate(document["notes"], 1):
            if note["known_from"] <= as_of.isoformat():
                notes.append({"state_id": state.id, "position": position, "known_from": note["known_from"],
                              "text": note["text"], "secondary_reason": note["secondary_reason"]})
                cite.add("notes", f"{state.id}/{position}", "text", note["sources"])
    return rows, notes


def _events(timelines: list[dict[str, Any]], cite: Citations) -> list[Row]:
    """The recorded steps of each timeline: what the record said on the as-of date."""
    rows = []
    for timeline in timelines:
        state_id = timeline["state"]["id"]
        for step in (s for s in timeline["steps"] if s["kind"].startswith("recorded")):  # a window, undated too
            rows.append({"state_id": state_id, "step_id": step["id"], "date": step["date"],
                         "earliest": step["earliest"], "latest": step["latest"], "detail": step["detail"],
                         "alternative_date": step["alternative_date"], "secondary_reason": step["secondary_reason"],
                         "note": "; ".join(step["notes"]) or None})
            cite.add("events", f"{state_id}/{step['id']}", "date", step["sources"])
            cite.add("events", f"{state_id}/{step['id']}", "alternative_date", step["alternative_sources"])
    return rows


def _suspension_row(state_id: str, suspension: dict[str, Any]) -> Row:
    response = suspension["response"] or {}
    return {"state_id": state_id, "notified": suspension["notified"], "known_from": suspension["known_from"],
            "step_id": suspension["step"], "invoked": suspension["invoked"],
            "provided_for": suspension["provided_for"], "objection_count": suspension["objection_count"],
            "response_date": response.get("date"), "response_known_from": response.get("known_from"),
            "response_text": response.get("text")}


def _suspensions(countries: list[dict[str, Any]], state_ids: dict[str, str],
                 cite: Citations) -> tuple[list[Row], list[Row]]:
    """The suspensions the country documents carry (as known on the as-of date), and their objections."""
    suspensions, objections = [], []
    for country in countries:
        suspension, state_id = country["suspension"], country["state"]["id"]
        if not suspension:
            continue
        suspensions.append(_suspension_row(state_id, suspension))
        cite.add("suspensions", state_id, "notified", suspension["sources"])
        cite.add("suspensions", state_id, "response_text", (suspension["response"] or {}).get("sources", []))
        for objection in suspension["objections"]:
            objections.append({
                "state_id": state_id, "objector_iso3": objection["iso3"],
                "objector_state_id": state_ids.get(objection["iso3"]), "objector_name": objection["state_name"],
                "date": objection["date"], "lodged_by": objection["lodged_by"],
                "known_from": objection["known_from"], "detail": objection["detail"]})
            cite.add("objections", f"{state_id}/{objection['iso3']}", "record", objection["sources"])
    return suspensions, objections


def _sorted(table: Table, rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: tuple(r[k] for k in table.sort_key()))


def build(rules: Rules, as_of: date) -> Dataset:
    """Every table's rows as of ``as_of``, from the built-in data (and any users' rules files ``rules`` holds)."""
    cite = Citations()
    states, timelines, countries = _states(rules, as_of, cite)
    state_ids = {r["iso3"]: r["state_id"] for r in states}
    suspensions, objections = _suspensions(countries, state_ids, cite)
    steps, notes = _steps(rules, as_of, cite)
    rows = {
        "states": states,
        "treaties": _treaties(cite),
        "withdrawals": _withdrawals(cite, as_of),
        "procedure_steps": steps,
        "notes": notes,
        "events": _events(timelines, cite),
        "suspensions": suspensions,
        "objections": objections,
    }
    rows["sources"] = cite.source_rows()
    rows["citations"] = cite.citation_rows()
    return Dataset(as_of, {t.name: _sorted(t, rows[t.name]) for t in TABLES})
