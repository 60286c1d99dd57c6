"""The dataset's tables declared once: every column with its type, description and constraints, keys and links.

The data package's Table Schemas, the SQLite tables and their Datasette metadata, and docs/dataset.md are all read
from here, so a column cannot be described in one and missing from another. Types are Table Schema's (``string``,
``integer``, ``boolean``, ``date``: ISO 8601 ``YYYY-MM-DD``). No I/O and no third-party imports.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..documents import KINDS
from ..engine.clauses import ConflictRule, Count, Form, Start, Unit
from ..projection.timeline import Status

STATUSES = tuple(s.value for s in Status)
EXITS = ("not yet notified", "pending", "in effect", "effect not stated")  # Checked.standing
CHECKS = ("agrees", "differs, explained", "differs, unexplained", "cannot be checked")  # Checked.status


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # a Table Schema type
    description: str
    enum: tuple[str, ...] | None = None
    required: bool = False
    unique: bool = False


@dataclass(frozen=True, slots=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    search: tuple[str, ...] = ()  # columns of the SQLite full-text index
    order: tuple[str, ...] = ()  # the rows' sort key, if not the primary key (a stable sort: ties keep their order)
    facets: tuple[str, ...] = ()  # columns Datasette offers as facets
    label: str | None = None  # the column Datasette shows for a row another table links to

    def sort_key(self) -> tuple[str, ...]:
        return self.order or self.primary_key

    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def dates(self) -> list[str]:
        return [c.name for c in self.columns if c.type == "date"]


def _key(name: str, description: str, unique: bool = False) -> Column:
    """A required text column: an id, a name or a code (``unique``: no two rows share it)."""
    return Column(name, "string", description, required=True, unique=unique)


def _date(name: str, description: str) -> Column:
    return Column(name, "date", description)


def _text(name: str, description: str, enum: tuple[str, ...] | None = None, required: bool = False) -> Column:
    return Column(name, "string", description, enum, required)


STATE_ID = ForeignKey(("state_id",), "states", ("state_id",))

STATES = Table(
    "states", "States",
    "Every state ever bound by the Ottawa Convention and every state that never joined, with its status on the "
    "as-of date and, for a withdrawal, the receipt of its instrument and the date it takes effect.",
    (
        _key("state_id", "The state's id in ottawa-exit (a slug of its UN short name).", unique=True),
        _key("state_name", "Name in English."),
        _text("native_name", "Name in the main official language(s), several joined by ' / '; empty where English."),
        _key("iso2", "ISO 3166-1 alpha-2 code.", unique=True),
        _key("iso3", "ISO 3166-1 alpha-3 code.", unique=True),
        Column("ever_bound", "boolean", "Bound by the Convention at some time (in the register of parties), "
               "whatever the as-of date; false for a state that never joined.", required=True),
        _text("status", "Status on the as-of date: not-a-party (never bound, or not yet), party, "
              "withdrawal-in-progress (a decision, no receipt yet), withdrawal-pending (received, not yet in "
              "effect), withdrawn.", STATUSES, required=True),
        _text("status_detail", "What the status alone does not say: a notified suspension, whether the treaty "
              "provides for it, and how many States Parties objected (the suspensions table)."),
        _date("deposited", "Day its instrument of ratification, acceptance, approval, accession or succession was "
              "deposited with the UN Secretary-General."),
        _date("bound_from", "Day the Convention entered into force for it (Article 17)."),
        _text("receipt_kind", "How the receipt of its instrument of withdrawal is known on the as-of date: "
              "recorded (the public record; recorded-window or recorded-undated when it gives no single day), "
              "projected, override or none.", KINDS, required=True),
        _date("receipt_date", "Receipt by the Depositary: the recorded day, or the typical projected one."),
        _date("receipt_earliest", "Earliest day of the receipt's range (equal to the date when recorded)."),
        _date("receipt_latest", "Latest day of the receipt's range."),
        _text("effective_kind", "How the date the withdrawal takes effect is known: recorded, projected or none.",
              KINDS, required=True),
        _date("effective_date", "Day the withdrawal takes effect (Article 20(3)): recorded, or typical projected."),
        _date("effective_earliest", "Earliest day of the effect's range."),
        _date("effective_latest", "Latest day of the effect's range."),
        _text("effective_rule", "The rule applied to the receipt, in words."),
        _text("reason", "Why no date is given, where none is (e.g. no withdrawal decided as of the date)."),
        _text("bound_from_secondary_reason", "Why no citable source states the bound-from date, where none does."),
        _text("note", "What the register says of the state: its instrument and bound-from date, or why it is "
              "recorded as never having joined."),
    ),
    ("state_id",),
    search=("state_name", "native_name", "note"),
    facets=("status", "ever_bound"),
    label="state_name",
)

TREATIES = Table(
    "treaties", "Treaties and their exit clauses",
    "The Ottawa Convention and 20 other treaties: each exit clause quoted with its article and source, and the rule "
    "as the fields ottawa-exit applies (period, what it counts from, counting practice, armed-conflict clause).",
    (
        _key("treaty_id", "The treaty's id in ottawa-exit (e.g. ottawa, rome-statute).", unique=True),
        _key("treaty_name", "Full title."),
        _text("short_names", "Short names and acronyms, joined by '; '."),
        _date("adopted", "Day the treaty was adopted or opened for signature."),
        _date("in_force", "Day the treaty entered into force."),
        _text("depositary", "Who receives instruments and notices.", required=True),
        _text("article", "The exit clause's article.", required=True),
        _text("citation", "Short citation of the clause.", required=True),
        _text("clause", "The exit clause, quoted.", required=True),
        _text("rule_summary", "The rule in one line.", required=True),
        Column("period_amount", "integer", "Length of the withdrawal period, in period_unit.", required=True),
        _text("period_unit", "Unit of the period.", tuple(u.value for u in Unit), required=True),
        _text("start", "What the period counts from: the depositary's receipt or the notice.",
              tuple(s.value for s in Start), required=True),
        _text("form", "period, or UNESCO's end of the year following the notice.", tuple(f.value for f in Form),
              required=True),
        _text("counting", "The depositary's counting practice: same-day (same day number), day-after, or unknown "
              "(both dates are given).", tuple(c.value for c in Count), required=True),
        _text("counting_note", "What the counting practice rests on."),
        Column("later_date", "boolean", "Whether a notification may name a later date of effect.", required=True),
        Column("notice_not_before_years", "integer", "Minimum years before notice may be given, if any."),
        _text("notice_not_before_from", "What that minimum time counts from."),
        _text("armed_conflict", "The armed-conflict clause, if any.", tuple(c.value for c in ConflictRule),
              required=True),
        _text("armed_conflict_text", "The armed-conflict clause, quoted."),
        _text("clause_secondary_reason", "Why no official publication of the clause was cited, where none was."),
        _text("counting_secondary_reason", "Why no citable source states the counting practice, where none does."),
        _text("note", "Remarks on the treaty or its clause."),
    ),
    ("treaty_id",),
    search=("treaty_name", "short_names", "clause", "note"),
    facets=("counting", "start"),
    label="treaty_name",
)

WITHDRAWALS = Table(
    "withdrawals", "Recorded withdrawals",
    "Withdrawals from the treaties, each with the dates as recorded, the date of effect as stated by the depositary "
    "or the government, the date the treaty's rule gives, and whether they agree.",
    (
        _key("withdrawal_id", "treaty_id, ISO alpha-3 code and start_date, joined by '-'.", unique=True),
        _key("treaty_id", "The treaty withdrawn from (treaties.treaty_id)."),
        _text("state_id", "The state (states.state_id), where it is in the states table."),
        _text("state_name", "The withdrawing party's name as recorded.", required=True),
        Column("organisation", "boolean", "true for a party that is not a state (the European Union, Euratom).",
               required=True),
        _text("iso3", "ISO 3166-1 alpha-3 code (or the record's code for a party that is not a state).",
              required=True),
        _date("notice", "Day the notice was given (e.g. dated, or announced)."),
        _date("receipt", "Day the depositary (or the other party) received it; empty where not recorded."),
        _date("later_date", "A later date of effect named in the notification, if any."),
        _text("start_basis", "What the period counted from: the receipt where recorded, else the notice.",
              ("receipt", "notice"), required=True),
        _date("start_date", "The day the period counted from."),
        Column("effective_stated", "date", "Day of effect as stated by the depositary or the government; empty where "
               "no source states it."),
        _text("stated_by", "Who stated it.", required=True),
        _date("computed_effective", "Day of effect the treaty's rule gives from start_date."),
        _date("computed_alternative", "The day-after reading, for a treaty whose counting practice is unknown."),
        _text("computed_counting", "Counting practice applied.", tuple(c.value for c in Count), required=True),
        _text("computed_rule", "The rule applied, in words."),
        Column("agrees", "boolean", "Whether the stated date equals the computed one (either reading for an unknown "
               "practice).", required=True),
        _text("reading", "Which reading the stated date matches: same-day, day-after or fixed-date."),
        _text("check", "agrees, differs (explained in the treaty file), differs (unexplained), or cannot be checked "
              "(explanation says why).", CHECKS,
              required=True),
        _text("explanation", "Why the stated date differs from the rule, or why it cannot be checked."),
        _text("exit_status", "Where the withdrawal stands on the as-of date.", EXITS, required=True),
        _date("exit_effective", "The day it takes or took effect: the stated day, else the computed one (empty "
              "where neither is known)."),
        Column("days_remaining", "integer", "Days from the as-of date to the effect, while pending."),
        _text("secondary_reason", "Why no citable source states the record, where none does (the sources cited are "
              "secondary)."),
        _text("note", "Remarks on the record."),
    ),
    ("withdrawal_id",),
    (ForeignKey(("treaty_id",), "treaties", ("treaty_id",)), STATE_ID),
    search=("state_name", "stated_by", "explanation", "note"),
    facets=("treaty_id", "check", "exit_status"),
)

STEPS = Table(
    "procedure_steps", "Procedure steps",
    "The domestic procedure of each state with a procedure of its own (Estonia, Finland, Latvia, Lithuania, Poland, "
    "Ukraine): its steps in order, who acts, what is required, the legal basis and any time the law sets.",
    (
        _key("state_id", "The state (states.state_id)."),
        _key("step_id", "The step's id, unique within the state."),
        Column("position", "integer", "Order of the step in the procedure, from 1.", required=True),
        _text("title", "What happens.", required=True),
        _text("actor", "Who acts.", required=True),
        _text("requirement", "What is required (majority, signature, notice...).", required=True),
        _text("legal_basis", "The law that requires the step.", required=True),
        Column("formal", "boolean", "false for a political decision the law does not require.", required=True),
        Column("parallel", "boolean", "true for a step off the path to the receipt.", required=True),
        _text("after_step", "For a parallel step: the step it follows."),
        _text("statutory_limit", "The time the law gives the actor, in words."),
        Column("limit_days", "integer", "That time at most, in days."),
        Column("limit_min_days", "integer", "That time at least, in days."),
        _text("limit_from", "What the limit counts from."),
        _text("limit_from_step", "The step the limit counts from, when it is a step of the procedure."),
    ),
    ("state_id", "step_id"),
    (STATE_ID,),
    search=("title", "actor", "legal_basis"),
    order=("state_id", "position"),
)

EVENTS = Table(
    "events", "Recorded events",
    "What the public record says of each procedure step, as known on the as-of date: the day (or a window of days) "
    "with its source; later or not yet reported steps are left out.",
    (
        _key("state_id", "The state (states.state_id)."),
        _key("step_id", "The step (procedure_steps.step_id)."),
        _date("date", "The recorded day; empty for a window or an undated record."),
        _date("earliest", "First day of the window the record gives."),
        _date("latest", "Last day of the window the record gives."),
        _text("detail", "What the record says happened."),
        _date("alternative_date", "A conflicting source's day, kept with its source."),
        _text("secondary_reason", "Why no citable source states the step, where none does."),
        _text("note", "Notes on the record, joined by '; '."),
    ),
    ("state_id", "step_id"),
    (STATE_ID, ForeignKey(("state_id", "step_id"), "procedure_steps", ("state_id", "step_id"))),
    search=("detail", "note"),
    order=("state_id",),  # then in the order of the procedure
)

NOTES = Table(
    "notes", "Notes on the states' records",
    "What the record says of a state with a procedure of its own beyond its steps (an armed conflict, a suspension "
    "and the answers to it, the review of the record), each known from a day: only notes known on the as-of date.",
    (
        _key("state_id", "The state (states.state_id)."),
        Column("position", "integer", "The note's place among the state's notes, from 1.", required=True),
        Column("known_from", "date", "Day from which the note was known (the date of its source).", required=True),
        _text("text", "The note.", required=True),
        _text("secondary_reason", "Why no citable source states it, where none does."),
    ),
    ("state_id", "position"),
    (STATE_ID,),
    search=("text",),
)

SUSPENSIONS = Table(
    "suspensions", "Suspensions",
    "A state's notified suspension of the Convention (which has no suspension clause: Article 20 provides only for "
    "withdrawal), as known on the as-of date, with the States Parties' response.",
    (
        _key("state_id", "The suspending state (states.state_id).", unique=True),
        Column("notified", "date", "Day the suspension was notified.", required=True),
        _date("known_from", "Day the notification was first reported."),
        _text("step_id", "The procedure step that records the notice (procedure_steps.step_id)."),
        _text("invoked", "The ground invoked."),
        Column("provided_for", "boolean", "Whether the treaty provides for suspension.", required=True),
        Column("objection_count", "integer", "Objections reported by the as-of date (the objections table).",
               required=True),
        _date("response_date", "Day of the States Parties' response."),
        _date("response_known_from", "Day that response was first reported."),
        _text("response_text", "The States Parties' response."),
    ),
    ("state_id",),
    (STATE_ID,),
    search=("invoked", "response_text"),
)

OBJECTIONS = Table(
    "objections", "Objections to suspensions",
    "Each State Party's objection to a suspension, as known on the as-of date: the day it was lodged where known, "
    "else a day it was lodged by.",
    (
        _key("state_id", "The suspending state (suspensions.state_id)."),
        _key("objector_iso3", "The objecting state's ISO 3166-1 alpha-3 code."),
        _text("objector_state_id", "The objecting state (states.state_id)."),
        _text("objector_name", "The objecting state's name.", required=True),
        _date("date", "Day the objection was lodged, where known."),
        _date("lodged_by", "A day by which it had been lodged, where its own day is not known."),
        _date("known_from", "Day it was first reported."),
        _text("detail", "How it was made and reported."),
    ),
    ("state_id", "objector_iso3"),
    (ForeignKey(("state_id",), "suspensions", ("state_id",)),
     ForeignKey(("objector_state_id",), "states", ("state_id",))),
    search=("objector_name", "detail"),
)

SOURCES = Table(
    "sources", "Sources",
    "Every source cited by a fact in the dataset.",
    (
        _key("source_id", "The source's id, cited in the citations table.", unique=True),
        _key("url", "The source's address."),
        _text("host", "The address's host name."),
        _text("kind", "What kind of publisher it is (depositary, government, press, professional: law firms' and "
                      "consultancies' client notes...), where recorded."),
        _text("publisher", "Who published it, where recorded."),
        _text("title", "Its title, where recorded."),
        _date("published", "Day it was published, where known."),
        _text("language", "Its language (ISO 639-1), where recorded."),
        _text("via", "Where it was read, when that was a copy (a mirror, an archive, a reprint) of the address."),
    ),
    ("source_id",),
    search=("url", "publisher", "title"),
    facets=("host",),
    label="url",
)

RESOURCES = ("states", "treaties", "withdrawals", "procedure_steps", "events", "notes", "suspensions", "objections")

CITATIONS = Table(
    "citations", "Citations",
    "Which source supports which fact: one row per fact and source.",
    (
        _text("resource", "The table of the fact.", RESOURCES, required=True),
        _key("record_id", "The fact's row: its key in that table (state_id; treaty_id; withdrawal_id; state_id and "
             "step_id, state_id and position, or state_id and objector_iso3, joined by '/')."),
        _key("field", "What the source supports: a column name, or 'record' for the row as a whole."),
        _key("source_id", "The source (sources.source_id)."),
    ),
    ("resource", "record_id", "field", "source_id"),
    (ForeignKey(("source_id",), "sources", ("source_id",)),),
    facets=("resource", "field"),
)

TABLES = (STATES, TREATIES, WITHDRAWALS, STEPS, EVENTS, NOTES, SUSPENSIONS, OBJECTIONS, SOURCES, CITATIONS)
