"""Results as plain dicts: the JSON contracts, one function per document kind, and ``document(result)`` choosing
the kind for any result the library returns.

Every machine format (json, ndjson, and csv, which flattens these same dicts) reads them, and so can any program;
the human renderers read the typed results instead, and take from here the facts they share with the documents
(a procedure's sources, a status's detail), so no fact is computed twice. No Rich, no Typer: this is the fast path.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from .data.citations import Citation
from .data.model import DurationRange, Note, Source, State, StatutoryLimit, Step, Suspension
from .data.register import NonParty, find
from .data.treaties import Treaty, summary
from .data.withdrawals import Checked
from .engine.clauses import ArmedConflict, Count, EarlyNotice, Effect
from .projection.backtest import Backtest, BacktestRow
from .projection.timeline import Kind, Span, Timeline, TimelineStep
from .results import (
    NEVER_JOINED, Comparison, Countries, Parties, RulesCheck, SourceList, Treaties, Withdrawals, never_joined_reason,
    rules_reviewed,
)


TIMELINE_SCHEMA = "ottawa-exit/timeline/2"
EFFECTIVE_SCHEMA = "ottawa-exit/effective/2"  # 2: neutral keys (start, expiry), the treaty first, the same keys always
COUNTRY_SCHEMA = "ottawa-exit/country/2"
PROCEDURE_SCHEMA = "ottawa-exit/procedure/2"  # 2: sources are records (key, url, publisher, kind, ...)
BACKTEST_SCHEMA = "ottawa-exit/backtest/1"
CHECK_SCHEMA = "ottawa-exit/rules-check/1"
PARTIES_SCHEMA = "ottawa-exit/parties/2"
TREATY_SCHEMA = "ottawa-exit/treaty/2"
WITHDRAWAL_SCHEMA = "ottawa-exit/withdrawal/2"
SOURCE_SCHEMA = "ottawa-exit/source/1"

# A source as every document gives it: the record's fields, in this order (CSV writes a list of sources, records,
# as JSON text in one cell).
SOURCE_KEYS = ("key", "url", "publisher", "kind", "title", "published", "language", "via", "checked")


def iso(day: date | None) -> str | None:
    """A date as JSON writes it (ISO 8601), or None."""
    return day.isoformat() if day else None


# Every kind a date has in the documents: the engine's kinds, a recorded one split by how much the record gives.
KINDS = ("recorded", "recorded-window", "recorded-undated", "projected", "override", "none")


def kind_name(kind: Kind, span: Span) -> str:
    """A date's kind in the documents: a recorded date without a single day says so (``recorded-window``: the
    record gives earliest..latest; ``recorded-undated``: the step happened on a day the record does not give), so
    ``recorded`` always comes with a ``date``."""
    if kind is Kind.RECORDED and span.date is None:
        return "recorded-window" if span.earliest is not None else "recorded-undated"
    return kind.value


def span_dict(span: Span) -> dict[str, str | None]:
    """A date with its range: ``date`` (exact or typical), ``earliest``, ``latest``."""
    return {"date": iso(span.date), "earliest": iso(span.earliest), "latest": iso(span.latest)}


def source_dict(source: Source) -> dict[str, Any]:
    """A source as every document gives it."""
    values = (source.key, source.url, source.publisher, source.kind, source.title, iso(source.published),
              source.language, source.via, source.checked)
    return dict(zip(SOURCE_KEYS, values, strict=True))


def sources_list(sources: Iterable[Source]) -> list[dict[str, Any]]:
    return [source_dict(s) for s in sources]


def secondary_fields(reason: str | None, prefix: str = "") -> dict[str, Any]:
    """The mark of a fact no citable source states: ``secondary`` true with the reason, beside its sources."""
    return {f"{prefix}secondary": reason is not None, f"{prefix}secondary_reason": reason}


def state_ref(state: State | NonParty) -> dict[str, Any]:
    """A state as other documents name it: id, name and ISO codes."""
    return {"id": state.id, "name": state.name, "iso2": state.iso2, "iso3": state.iso3}


def _step_fields(step: Step) -> dict[str, Any]:
    """What a step is, in the timeline and the procedure documents alike."""
    return {
        "id": step.id,
        "title": step.title,
        "actor": step.actor,
        "requirement": step.requirement,
        "legal_basis": step.legal_basis,
        "statutory_limit": step.statutory_limit.text if step.statutory_limit else None,
        "limit": limit_dict(step.statutory_limit),
    }


LIMIT_KEYS = ("days", "min_days", "from", "from_step", "text", "sources", "secondary", "secondary_reason")
RESPONSE_KEYS = ("date", "known_from", "text", "sources")
SUSPENSION_KEYS = ("notified", "known_from", "step", "invoked", "provided_for", "sources", "objection_count",
                   "objections", *(f"response_{k}" for k in RESPONSE_KEYS))
# Objects that may be null in a document, with their keys as CSV flattens them: CSV gives them the same (empty)
# columns when null, so a step without a statutory limit has the columns of one with a limit.
NULLABLE_OBJECTS = {"limit": LIMIT_KEYS, "suspension": SUSPENSION_KEYS, "response": RESPONSE_KEYS,
                    "armed_conflict": ("ongoing", "end"), "early_notice": ("possible_from", "reason")}


def limit_dict(limit: StatutoryLimit | None) -> dict[str, Any] | None:
    """A statutory limit, machine-readable: days (and min_days) counted from what, or from which step."""
    if limit is None:
        return None
    values = (limit.days, limit.min_days, limit.counted_from, limit.from_step, limit.text, sources_list(limit.sources),
              limit.secondary is not None, limit.secondary)
    return dict(zip(LIMIT_KEYS, values, strict=True))


def duration_dict(days: DurationRange) -> dict[str, Any]:
    """A step's duration range in days, with its basis and the day it was known from."""
    return {"known_from": iso(days.known_from), "earliest": days.earliest, "typical": days.typical,
            "latest": days.latest, "basis": days.basis, "sources": sources_list(days.sources),
            **secondary_fields(days.secondary)}


NOTE_SEPARATOR = "; "


def joined(notes: Iterable[str]) -> str | None:
    """Notes as one text, each kept apart by the separator (none: None)."""
    texts = [n.rstrip() for n in notes if n]
    return NOTE_SEPARATOR.join(texts) if texts else None


def step_dict(item: TimelineStep) -> dict[str, Any]:
    """A step of a timeline: what it is, its date and kind, where the date came from, its notes."""
    step = item.step
    event = item.event
    return {
        **_step_fields(step),
        "kind": kind_name(item.kind, item.span),
        **span_dict(item.span),
        "basis": item.basis,
        "basis_known_from": iso(item.days.known_from) if item.days else None,
        "basis_sources": sources_list(item.days.sources) if item.days else [],
        "detail": event.detail if event else None,
        "source": item.sources[0].url if item.sources else None,
        "sources": sources_list(item.sources),
        **secondary_fields(item.secondary),
        "alternative_date": iso(event.alternative_date) if event else None,
        "alternative_sources": sources_list(event.alternative_sources) if event else [],
        "notes": list(item.notes),
    }


def suspension_dict(suspension: Suspension | None) -> dict[str, Any] | None:
    """A suspension as known on the as-of date (``Timeline.suspension``): the notification, the ground invoked,
    each objection (``date`` when its day is known, else ``lodged_by`` when only a day it was lodged by is) and the
    States Parties' response; None for a state with none."""
    if suspension is None:
        return None
    response = suspension.response
    return {
        "notified": iso(suspension.notified),
        "known_from": iso(suspension.known_from),
        "step": suspension.step,
        "invoked": suspension.invoked,
        "provided_for": suspension.provided_for,
        "sources": sources_list(suspension.sources),
        "objection_count": len(suspension.objections),
        "objections": [{"state_name": o.state, "iso3": o.iso3, "date": iso(o.date), "lodged_by": iso(o.by),
                        "known_from": iso(o.known_from), "detail": o.detail, "sources": sources_list(o.sources)}
                       for o in suspension.objections],
        "response": None if response is None else dict(zip(RESPONSE_KEYS, (
            iso(response.date), iso(response.known_from), response.text, sources_list(response.sources)), strict=True)),
    }


def status_detail(timeline: Timeline) -> str | None:
    """What the status alone does not say, in words every view shows beside it: a notified suspension, whether the
    treaty provides for one, and how many States Parties objected (as known on the as-of date)."""
    suspension = timeline.suspension
    if suspension is None:
        return None
    provided = "provided for by the treaty" if suspension.provided_for else "not provided for by the Convention"
    count = len(suspension.objections)
    objected = f"{count} state{'s' if count != 1 else ''} objected" if count else "no objection reported"
    return f"suspension notified {suspension.notified} ({provided}; {objected})"


def status_brief(timeline: Timeline) -> str | None:
    """The status detail's first words, for a table's Status cell: the whole detail would wrap a narrow column over
    a dozen lines, so tables give it in full in a note beneath."""
    return None if timeline.suspension is None else "suspension notified"


def conflict_dict(conflict: ArmedConflict | None) -> dict[str, Any]:
    """Whether an armed conflict is taken into account, and its end if known."""
    return {"ongoing": conflict is not None, "end": iso(conflict.end) if conflict else None}


def timeline_dict(timeline: Timeline) -> dict[str, Any]:
    """A timeline as the ``ottawa-exit/timeline`` document (`timeline --format json`): every step dated and
    labelled, the receipt, the effect with its rule, the what-ifs applied, the notes."""
    receipt, effective = timeline.receipt, timeline.effective
    return {
        "schema": TIMELINE_SCHEMA,
        "state": state_ref(timeline.state),
        "as_of": iso(timeline.as_of),
        "rules_reviewed": iso(timeline.state.reviewed),
        "status": timeline.status.value,
        "status_detail": status_detail(timeline),
        "suspension": suspension_dict(timeline.suspension),
        "steps": [step_dict(s) for s in timeline.steps],
        "receipt": {"kind": kind_name(receipt.kind, receipt.span), **span_dict(receipt.span),
                    "sources": sources_list(receipt.sources), **secondary_fields(receipt.secondary),
                    "reason": receipt.reason},
        "effective": {
            "kind": kind_name(effective.kind, effective.span),
            **span_dict(effective.span),
            "rule": effective.rule,
            "reason": effective.reason,
            "counting": effective.count.value,
            "armed_conflict": conflict_dict(effective.armed_conflict),
            "sources": sources_list(effective.sources),
            **secondary_fields(effective.secondary),
        },
        "overrides": {
            "steps": [{"step_id": k, "date": iso(v)} for k, v in timeline.overrides.steps.items()],
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
        "status_detail": status_detail(timeline),
        "bound_from": iso(timeline.state.bound_from),
        "sources": sources_list(timeline.state.bound_sources),  # the register's (or the rules file's) sources
        **secondary_fields(timeline.state.bound_secondary),
        "receipt": {"kind": kind_name(timeline.receipt.kind, timeline.receipt.span),
                    **span_dict(timeline.receipt.span), "reason": timeline.receipt.reason},
        "effective": {
            "kind": kind_name(timeline.effective.kind, timeline.effective.span),
            **span_dict(timeline.effective.span),
            "rule": timeline.effective.rule,
            "reason": timeline.effective.reason,
        },
        "suspension": suspension_dict(timeline.suspension),
    }


def effective_dict(effect: Effect, treaty: str = "ottawa") -> dict[str, Any]:
    """One date through a treaty's exit clause, in words that fit every treaty: ``start`` is what the period counts
    from (``basis``: the depositary's receipt, or the notice) and ``expiry`` the end of the period, whatever its
    length; ``effective`` is ``expiry`` unless a later date or an armed conflict moves it. ``alternative`` (the
    day-after reading) is null unless the counting practice is unknown, ``later_date`` null unless one is given,
    ``early_notice`` null unless the date precedes the first day notice was possible: every document has the same
    keys, so CSV columns do not depend on options."""
    document = {
        "schema": EFFECTIVE_SCHEMA,
        "treaty": {"id": treaty},
        "start": {"basis": effect.counted_from.value, "date": iso(effect.start)},
        "expiry": iso(effect.expiry),
        "effective": iso(effect.effective),
        "counting": effect.counting.value,
        "rule": effect.rule,
        "armed_conflict": conflict_dict(effect.armed_conflict),
        "alternative": iso(effect.alternative) if effect.counting is Count.UNKNOWN else None,
        "later_date": iso(effect.later_date),
        "early_notice": early_notice_dict(effect.early),
    }
    return document


def early_notice_dict(early: EarlyNotice | None) -> dict[str, Any] | None:
    """A notice dated before a party could give one: the first day it could, and why (null when in time)."""
    return None if early is None else {"possible_from": iso(early.possible_from), "reason": early.reason}


def procedure_step_dict(step: Step) -> dict[str, Any]:
    """A step of a procedure: what it is, its duration ranges and notes."""
    return {
        **_step_fields(step),
        "formal": step.formal,
        "parallel": step.parallel,
        "after_step": step.after_step,
        "sources": sources_list(step.sources),  # the law behind the requirement and the legal basis
        **secondary_fields(step.secondary),
        "durations": [duration_dict(d) for d in step.durations],
        "notes": [note_dict(n) for n in step.notes],
    }


def note_dict(note: Note) -> dict[str, Any]:
    """A note with the day it was known from and its sources."""
    return {"text": note.text, "known_from": iso(note.known_from), "sources": sources_list(note.sources),
            **secondary_fields(note.secondary)}


def _cited(state: State) -> Iterable[Source]:
    """The sources of a state's record and procedure: events, steps (the law), limits, duration ranges, notes."""
    for event in state.events:
        yield from event.sources
    for step in state.procedure.steps:
        yield from step.sources
        yield from step.statutory_limit.sources if step.statutory_limit else ()
        for days in step.durations:
            yield from days.sources
        for note in step.notes:
            yield from note.sources
    for note in state.notes:
        yield from note.sources


def procedure_sources(state: State) -> list[Source]:
    """Every source behind a state's procedure and record, in the order of preference of their kinds, then by key."""
    found = {s.key: s for s in _cited(state)}
    return sorted(found.values(), key=lambda s: (s.rank(), s.key))


def procedure_dict(state: State) -> dict[str, Any]:
    """A state's procedure as the ``ottawa-exit/procedure`` document (`procedure --format json`): the ordered steps
    with actor, requirement, time limit, legal basis and duration ranges; every source; the notes."""
    return {
        "schema": PROCEDURE_SCHEMA,
        "state": state_ref(state),
        "legislature": state.legislature,
        "rules_reviewed": iso(state.reviewed),
        "steps": [procedure_step_dict(s) for s in state.procedure.steps],
        "sources": sources_list(procedure_sources(state)),
        "notes": [note_dict(n) for n in state.notes],
    }


def backtest_dict(row: BacktestRow) -> dict[str, Any]:
    """One backtest row as the ``ottawa-exit/backtest`` document: the projection as of an earlier date beside the
    record, with the error in days (typical minus actual) and whether the actual date fell inside the range."""
    return {
        "schema": BACKTEST_SCHEMA,
        "state": state_ref(row.state),
        "as_of": iso(row.timeline.as_of),
        "receipt": {**span_dict(row.receipt), "actual": iso(row.actual_receipt), "error_days": row.receipt_error_days,
                    "reason": row.timeline.receipt.reason},
        "effective": {**span_dict(row.effective), "actual": iso(row.actual_effective), "error_days": row.error_days,
                      "inside_range": row.inside, "reason": row.reason},
    }


def check_dict(check: RulesCheck) -> dict[str, Any]:
    """`rules check`: each file with the state it defines, or every problem (``file:key: reason``)."""
    by_file = {str(f): s for s in check.states for f in s.origin}
    rows = []
    for path in check.files:
        state = by_file.get(str(path))
        rows.append({"file": str(path), "state": state_ref(state) if state else None,
                     "steps": len(state.procedure.steps) if state else 0, "events": len(state.events) if state else 0})
    return {"schema": CHECK_SCHEMA, "ok": check.ok, "files": rows, "problems": list(check.problems)}


def never_joined_country_dict(state: NonParty, as_of: date, reviewed: date | None) -> dict[str, Any]:
    """A state that never joined, as a country document: not a party, nothing to project."""
    reason = never_joined_reason(as_of)
    dates = {"kind": "none", "date": None, "earliest": None, "latest": None}
    return {
        "schema": COUNTRY_SCHEMA,
        "state": state_ref(state),
        "as_of": iso(as_of),
        "rules_reviewed": iso(reviewed),
        "status": "not-a-party",
        "status_detail": NEVER_JOINED,
        "bound_from": None,
        "sources": sources_list(state.sources),  # the register's sources of its never having joined
        **secondary_fields(state.secondary),
        "receipt": {**dates, "reason": reason},
        "effective": {**dates, "rule": "no receipt to apply Article 20 to", "reason": reason},
        "suspension": None,
    }


def parties_dict(parties: Parties) -> dict[str, Any]:
    """`parties`: how many States Parties on the date, and who (each with its status and bound-from date)."""
    return {
        "schema": PARTIES_SCHEMA,
        "as_of": iso(parties.on),
        "rules_reviewed": iso(rules_reviewed(parties.timelines)),
        "count": parties.count,
        "parties": [{"state": state_ref(t.state), "status": t.status.value, "status_detail": status_detail(t),
                     "bound_from": iso(t.state.bound_from), "suspension": suspension_dict(t.suspension),
                     "sources": sources_list(t.state.bound_sources), **secondary_fields(t.state.bound_secondary)}
                    for t in parties.members],
    }


def source_document(source: Source, facts: Iterable[Citation]) -> dict[str, Any]:
    """`sources`: one source with the facts it supports (file, key path, the fact in words, the secondary mark)."""
    listed = [{"file": c.file, "key": c.key, "fact": c.fact, **secondary_fields(c.secondary)} for c in facts]
    return {"schema": SOURCE_SCHEMA, **source_dict(source), "fact_count": len(listed), "facts": listed}


def treaty_dict(treaty: Treaty) -> dict[str, Any]:
    """A treaty's exit clause: quoted, cited, and as the fields the engine applies."""
    clause = treaty.clause
    not_before = clause.notice_not_before
    return {
        "schema": TREATY_SCHEMA,
        "treaty": {"id": treaty.id, "name": treaty.name},
        "short_names": list(treaty.short_names),
        "adopted": iso(treaty.adopted),
        "in_force": iso(treaty.in_force),
        "depositary": treaty.depositary,
        "article": treaty.article,
        "citation": clause.citation,
        "clause": treaty.clause_text,
        "sources": sources_list(treaty.sources),
        **secondary_fields(treaty.secondary),
        "rule": {
            "summary": summary(clause),
            "period": {"amount": clause.period.amount, "unit": clause.period.unit.value},
            "start": clause.start.value,
            "form": clause.form.value,
            "counting": clause.counting.value,
            "counting_note": treaty.counting_note,
            "counting_sources": sources_list(treaty.counting_sources),
            **secondary_fields(treaty.counting_secondary, "counting_"),
            "later_date": clause.later_date,
            "notice_not_before": {"years": not_before.years if not_before else None,
                                  "from": not_before.counted_from if not_before else None},
            "armed_conflict": clause.armed_conflict.value,
            "armed_conflict_text": treaty.armed_conflict_text,
        },
        "note": treaty.note,
        "note_sources": sources_list(treaty.note_sources),
        **secondary_fields(treaty.note_secondary, "note_"),
    }


def _registered(name: str, iso3: str) -> dict[str, Any]:
    """A state named in the withdrawals record, with its id and ISO codes from the registers (ever bound, or never
    joined); id and iso2 are null for a state in neither."""
    entry = find(iso3)
    if entry is None or entry.iso3 != iso3:
        return {"id": None, "name": name, "iso2": None, "iso3": iso3}
    return {"id": entry.id, "name": name, "iso2": entry.iso2, "iso3": iso3}


def withdrawal_dict(row: Checked, as_of: date) -> dict[str, Any]:
    """A recorded withdrawal: the dates as recorded and stated, the date the treaty's rule gives, and whether they
    agree (for an unknown counting practice, with either reading); ``explanation`` where they do not; and where it
    stands on ``as_of`` (``exit``: pending, in effect, ...; the days remaining while pending)."""
    item, effect = row.withdrawal, row.effect
    basis, start = item.start
    standing, effective = row.standing(as_of), row.effective_on
    remaining = (effective - as_of).days if standing == "pending" and effective else None
    return {
        "schema": WITHDRAWAL_SCHEMA,
        "treaty": {"id": row.treaty.id, "citation": row.treaty.clause.citation},
        "state": _registered(item.state, item.iso3),
        "organisation": item.organisation,  # a party that is not a state (the EU): in no register
        "notice": iso(item.notice),
        "receipt": "unknown" if item.receipt_unknown else iso(item.receipt),
        "later_date": iso(item.later_date),
        "start": {"basis": basis, "date": iso(start)},
        "effective_stated": iso(item.effective_stated),
        "stated_by": item.stated_by,
        "computed": {"effective": iso(effect.effective), "alternative": iso(effect.alternative),
                     "counting": effect.counting.value, "rule": effect.rule},
        "agrees": row.agrees,
        "reading": row.reading,
        "check": row.status,
        "explanation": row.exception.explanation if row.exception else row.checkable,
        "exit": {"as_of": iso(as_of), "status": standing, "effective": iso(effective),
                 "days_remaining": remaining},
        "sources": sources_list(item.sources),
        **secondary_fields(item.secondary),
        "note": item.note,
    }


def register_dict(state: State) -> dict[str, Any]:
    """A state's identity and register entry (the export's states table): names, codes, the deposit of its
    instrument, the day it became bound and the sources of that."""
    return {"state": state_ref(state), "native_name": state.native_name, "deposited": iso(state.deposited),
            "bound_from": iso(state.bound_from), "bound_note": state.bound_note,
            "bound_sources": sources_list(state.bound_sources)}


def never_joined_register_dict(entry: NonParty) -> dict[str, Any]:
    """A state that never joined, in ``register_dict``'s shape: no deposit, never bound; the note and sources say
    why it is recorded as never having joined."""
    return {"state": state_ref(entry),
            "native_name": None, "deposited": None, "bound_from": None, "bound_note": entry.note,
            "bound_sources": sources_list(entry.sources)}


Result = (Timeline | Comparison | Countries | Parties | State | Backtest | Treaties | Withdrawals | RulesCheck
          | SourceList)


def country_row_dict(row: Timeline | NonParty, countries: Countries) -> dict[str, Any]:
    """A row of `countries`: a state's country document, or one for a state that never joined."""
    if isinstance(row, Timeline):
        return country_dict(row)
    return never_joined_country_dict(row, countries.as_of, countries.register_reviewed)


def document(result: Result) -> dict[str, Any] | list[dict[str, Any]]:
    """The JSON of any result the library returns: one document, or a list of them for a listing."""
    if isinstance(result, Timeline):
        return timeline_dict(result)
    if isinstance(result, Comparison):
        return [timeline_dict(t) for t in result.timelines]
    if isinstance(result, Countries):
        return [country_row_dict(r, result) for r in result.rows]
    if isinstance(result, Parties):
        return parties_dict(result)
    if isinstance(result, State):
        return procedure_dict(result)
    if isinstance(result, Backtest):
        return [backtest_dict(r) for r in result.rows]
    if isinstance(result, Treaties):
        return [treaty_dict(t) for t in result.treaties]
    if isinstance(result, (Withdrawals, SourceList)):
        return _record_documents(result)
    return check_dict(result)


def _record_documents(result: Withdrawals | SourceList) -> list[dict[str, Any]]:
    """The recorded withdrawals (each standing on the as-of date), or the sources with the facts they support."""
    if isinstance(result, Withdrawals):
        return [withdrawal_dict(r, result.as_of) for r in result.rows]
    return [source_document(s, result.facts[s.key]) for s in result.sources]
