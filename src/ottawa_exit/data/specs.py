"""Every kind of data file, declared in one place: one ``Field`` line per key of each table.

    states/<id>.toml, users' rules files   RULES_SPEC        read by load (layered), tables STATE, NOTE, STEP,
                                                             DURATION, LIMIT, EVENT, ARMED_CONFLICT
    parties.toml                           PARTIES_SPEC      read by register
    non_parties.toml                       NON_PARTIES_SPEC  read by register
    treaties/<id>.toml                     TREATY_SPEC       read by treaties
    withdrawals.toml                       WITHDRAWALS_SPEC  read by withdrawals
    sources.toml ([source.<key>] records)  SOURCES_SPEC      read by sources (records also in users' rules files)
    policy.toml                            POLICY_SPEC       read by policy

To accept a new key, add its line to the table's spec and, if a record keeps it, a field of the same name to the
record (``attr`` maps a key to a field named otherwise). To add a kind of file, declare its ``FileSpec`` here and
read it with ``reader.read(path, SPEC, check)`` (docs/architecture.md says how). Unknown keys with near-miss hints,
missing keys, wrong types and duplicates of unique keys all follow from the spec; rules that tie keys or files
together (dates in order, a recorded effect against the treaty's rule) are the reading module's ``check``.
"""

from __future__ import annotations

import re
from typing import Any

from ..engine.clauses import ArmedConflict, ConflictRule, Count, Form, NoticeNotBefore, Period, Start, Unit
from ..errors import shown
from .model import INSTRUMENTS, KINDS, DurationRange, Note, Objection, Response, StatutoryLimit, Suspension
from .schema import (
    DATE, DATE_OR_UNKNOWN, DAYS_COUNT, FLAG, NAMES, SOURCES, TEXT, Field, FileSpec, Invalid, Kind, Many, Rows, Table, choice,
    capitals, cited, slug,
)

# ---------------------------------------------------------------------------------------------------------------
# Rules files: data/states/<id>.toml and users' files (--rules)


def _instrument(value: Any) -> str:
    if value not in INSTRUMENTS:
        raise Invalid(f"must be one of {', '.join(INSTRUMENTS)}, not {shown(str(value))}")
    return str(value)


INSTRUMENT = Kind(", ".join(INSTRUMENTS), _instrument)


def _source_tables(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Invalid("must be tables: [source.<key>] with url, publisher, kind, title, language")
    return value


SOURCE_TABLES = Kind("[source.<key>] tables", _source_tables)


def _duration(values: dict[str, Any]) -> DurationRange:
    if values["typical"] < values["earliest"]:
        raise Invalid("must be >= earliest", "typical")
    if values["latest"] < values["typical"]:
        raise Invalid("must be >= typical", "latest")
    return DurationRange(**values)


def _limit(values: dict[str, Any]) -> StatutoryLimit:
    if values["min_days"] is not None and values["min_days"] > values["days"]:
        raise Invalid(f"must be <= days ({values['days']})", "min_days")
    return StatutoryLimit(**values)


DURATION = Table("a table: known_from, earliest, typical, latest, basis, source", (
    Field("known_from", DATE, required=True),
    Field("earliest", DAYS_COUNT, required=True),
    Field("typical", DAYS_COUNT, required=True),
    Field("latest", DAYS_COUNT, required=True),
    Field("basis", TEXT, required=True),
    *cited(),
), _duration)

NOTE = Table("a table: text, known_from, source", (
    Field("text", TEXT, required=True),
    Field("known_from", DATE, required=True),
    *cited(),
), lambda values: Note(**values))

LIMIT = Table("a table: days, from, text, and optionally min_days, from_step, source", (
    Field("days", DAYS_COUNT, required=True),
    Field("from", TEXT, required=True, attr="counted_from"),
    Field("text", TEXT, required=True),
    Field("from_step", TEXT),
    Field("min_days", DAYS_COUNT),
    *cited(),
), _limit)

ARMED_CONFLICT = Table("a table: since, end, detail, source", (
    Field("since", DATE),
    Field("end", DATE),
    Field("detail", TEXT),
    Field("source", SOURCES, default=(), attr="sources"),
), lambda values: ArmedConflict(**values, given_by="rules"))

def _objection(values: dict[str, Any]) -> Objection:
    if values["date"] is not None and values["by"] is not None:
        raise Invalid("give the day it was lodged (date) or a day it was lodged by (by), not both", "by")
    known = values["date"] or values["by"]
    if known is not None and values["known_from"] < known:
        raise Invalid(f"{values['known_from']} is before the objection's day {known}: it cannot be known earlier",
                      "known_from")
    return Objection(**values)


def _suspension(values: dict[str, Any]) -> Suspension:
    if values["known_from"] < values["notified"]:
        raise Invalid(f"{values['known_from']} is before the notification {values['notified']}", "known_from")
    for i, objection in enumerate(values["objections"]):
        if objection.date is not None and objection.date < values["notified"]:
            raise Invalid(f"{objection.date} is before the notification {values['notified']}", f"objections[{i}].date")
    return Suspension(**values)


OBJECTION = Table("a table: state, iso3, known_from, and date or by, detail, source", (
    Field("state", TEXT, required=True),
    Field("iso3", TEXT, required=True, check=capitals(3)),
    Field("known_from", DATE, required=True),
    Field("date", DATE),
    Field("by", DATE),
    Field("detail", TEXT),
    Field("source", SOURCES, default=(), attr="sources"),
), _objection)

RESPONSE = Table("a table: text, date, known_from, source", (
    Field("text", TEXT, required=True),
    Field("date", DATE, required=True),
    Field("known_from", DATE, required=True),
    Field("source", SOURCES, default=(), attr="sources"),
), lambda values: Response(**values))

# A notified suspension: not an exit the Convention provides for; its objections and the States Parties' response.
SUSPENSION = Table("a table: notified, known_from, invoked, and optionally provided_for, step, source, objections, "
                   "response", (
    Field("notified", DATE, required=True),
    Field("known_from", DATE, required=True),
    Field("invoked", TEXT, required=True),
    Field("provided_for", FLAG, default=False),
    Field("step", TEXT),
    Field("source", SOURCES, default=(), attr="sources"),
    Field("objections", Many(OBJECTION), default=()),
    Field("response", RESPONSE),
), _suspension)

def identity(example: str = "north-macedonia") -> tuple[Field, ...]:
    """A state's id (a slug like ``example``), English name and ISO codes: what a rules file and both registers
    give first, checked alike."""
    return (Field("id", TEXT, required=True, check=slug(example)), Field("name", TEXT, required=True),
            Field("iso2", TEXT, required=True, check=capitals(2)), Field("iso3", TEXT, required=True, check=capitals(3)))


STATE = (
    *identity(),
    Field("native_name", TEXT),
    Field("aliases", NAMES, default=()),
    Field("instrument", INSTRUMENT, default="withdrawal"),
    Field("armed_conflict", ARMED_CONFLICT),
    Field("suspension", SUSPENSION),
    Field("reviewed", DATE),
    Field("deposited", DATE),
    Field("bound_from", DATE),
    Field("legislature", TEXT),
    *cited("bound_source", "bound_sources"),
    Field("bound_note", TEXT),
)

NOTES = Field("notes", Many(NOTE), default=())  # the file's top-level [[notes]]

STEP = (
    Field("id", TEXT, required=True, check=slug()),
    Field("title", TEXT, required=True),
    Field("short", TEXT),
    Field("actor", TEXT, required=True),
    Field("requirement", TEXT, required=True),
    Field("legal_basis", TEXT, required=True),
    Field("statutory_limit", LIMIT),
    Field("notes", Many(NOTE), default=()),
    Field("formal", FLAG, default=True),
    Field("parallel", FLAG, default=False),
    Field("after_step", TEXT),
    Field("durations", Many(DURATION), required=True),
    *cited(),  # the law behind the step's requirement and legal basis
)

EVENT = (
    Field("step", TEXT, required=True),
    Field("date", DATE_OR_UNKNOWN),
    Field("earliest", DATE),
    Field("latest", DATE),
    Field("detail", TEXT),
    Field("note", TEXT),
    *cited(must=True),  # a recorded step cites its source, or says why no citable source states it
    Field("known_from", DATE),
    Field("alternative_date", DATE),
    *cited("alternative_source", "alternative_sources"),
)


# What the register gives a state: a built-in rules file does not repeat it (a user's file may override it).
REGISTER_KEYS = ("name", "native_name", "iso2", "iso3", "aliases", "deposited", "bound_from", "bound_source",
                 "bound_note")

RULES_SPEC = FileSpec("rules file", (
    Field("state", Table("a [state] table with at least id, name, iso2 and iso3", STATE, dict), required=True),
    NOTES,
    Field("steps", Many(Table("a table: id, title, actor, requirement, legal_basis, durations", STEP, dict))),
    Field("events", Many(Table("a table: step, and a date, a window or date = \"unknown\"", EVENT, dict))),
    Field("source", SOURCE_TABLES),  # the file's own [source.<key>] records (read by sources.parse_sources)
))


# ---------------------------------------------------------------------------------------------------------------
# The register: parties.toml (every state ever bound by the Convention) and non_parties.toml (states never bound)

INSTRUMENT_KINDS = ("ratification", "acceptance", "approval", "accession", "succession")

PARTY = (
    *identity(),
    Field("instrument", choice(*INSTRUMENT_KINDS), required=True),
    Field("deposited", DATE, required=True),
    Field("bound_from", DATE, required=True),
    *cited(must=True),
    Field("native_name", TEXT),
    Field("aliases", NAMES, default=()),
    Field("signed", DATE),
    Field("withdrawal_receipt", DATE),
    Field("withdrawn_from", DATE),
    Field("note", TEXT),
)

NON_PARTY = (
    *identity("united-states"),
    *cited(must=True),
    Field("short_name", TEXT),
    Field("aliases", NAMES, default=()),
    Field("note", TEXT),
)

REGISTER_META = Table("a table: reviewed, note", (  # the Convention's entry into force is ottawa.toml's
    Field("reviewed", DATE, required=True),
    Field("note", TEXT),
    *cited("note_source", "note_sources"),
), dict)

CODES = ("id", "iso2", "iso3")  # no two states share one

PARTIES_SPEC = FileSpec("register of States Parties", (
    Field("meta", REGISTER_META, required=True),
    Field("party", Rows(PARTY, CODES, "at least one [[party]] table"), required=True),
))

NON_PARTIES_SPEC = FileSpec("register of states never bound", (
    Field("state", Rows(NON_PARTY, CODES, "at least one [[state]] table"), required=True),
))


# ---------------------------------------------------------------------------------------------------------------
# Treaties: data/treaties/<id>.toml


def _amount(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
        raise Invalid("must be a whole number from 1 to 1000")
    return value


AMOUNT = Kind("a whole number", _amount)


def _period(values: dict[str, Any]) -> Period:
    given = [(values[u.value], u) for u in Unit if values[u.value] is not None]
    if len(given) != 1:
        raise Invalid("must give exactly one of days, months or years, e.g. { months = 6 }")
    return Period(*given[0])


PERIOD = Table("a table: { days | months | years = N }", tuple(Field(u.value, AMOUNT) for u in Unit), _period)
NOTICE_FROM = ("entry-into-force-for-party", "becoming-party", "entry-into-force")
NOT_BEFORE = Table("a table: { years = N, from = ... }", (
    Field("years", AMOUNT, required=True),
    Field("from", choice(*NOTICE_FROM), default=NOTICE_FROM[0], attr="counted_from"),
), lambda values: NoticeNotBefore(**values))
EXCEPTION = Table("a table: state, effective_stated, explanation, source", (
    Field("state", TEXT, required=True),
    Field("effective_stated", DATE, required=True),
    Field("explanation", TEXT, required=True),
    *cited(must=True),
), dict)

TREATY = Table("a [treaty] table: id, name, adopted, in_force, depositary, article, clause, source", (
    Field("id", TEXT, required=True, check=slug("rome-statute")),
    Field("name", TEXT, required=True),
    Field("short_names", NAMES, default=()),
    Field("adopted", DATE, required=True),
    Field("in_force", DATE, required=True),
    Field("depositary", TEXT, required=True),
    Field("depositary_short", TEXT, default=""),
    Field("article", TEXT, required=True),
    Field("clause", TEXT, required=True),
    *cited(must=True),  # the clause text: an official publication, or secondary with the reason
    Field("note", TEXT),
    *cited("note_source", "note_sources"),
), dict)
RULE = Table("a [rule] table: period, start, counting, counting_note", (
    Field("period", PERIOD, required=True),
    Field("start", choice(*(s.value for s in Start)), required=True),
    Field("counting", choice(*(c.value for c in Count)), required=True),
    Field("counting_note", TEXT, required=True),
    *cited("counting_source", "counting_sources"),
    Field("later_date", FLAG, default=False),
    Field("armed_conflict", choice(*(c.value for c in ConflictRule)), default=ConflictRule.NONE.value),
    Field("armed_conflict_text", TEXT),
    Field("notice_not_before", NOT_BEFORE),
    Field("effect", choice(Form.END_OF_FOLLOWING_YEAR.value)),
    Field("exceptions", Many(EXCEPTION), default=()),  # [[rule.exceptions]]: recorded cases the rule does not give
), dict)

TREATY_SPEC = FileSpec("treaty file", (
    Field("treaty", TREATY, required=True),
    Field("rule", RULE, required=True),
))


# ---------------------------------------------------------------------------------------------------------------
# Recorded withdrawals from treaties: data/withdrawals.toml

WITHDRAWAL = (
    Field("treaty", TEXT, required=True),
    Field("state", TEXT, required=True),
    Field("iso3", TEXT, required=True, check=capitals(3)),
    Field("notice", DATE),
    Field("receipt", DATE_OR_UNKNOWN),  # "unknown": the addressee's receipt is not public (the notice is)
    Field("later_date", DATE),
    Field("effective_stated", DATE_OR_UNKNOWN, required=True),  # "unknown": no source states the effect
    Field("stated_by", TEXT, required=True),
    *cited(must=True),
    Field("note", TEXT),
    Field("organisation", FLAG, default=False),  # a party that is not a state (the EU): no register entry
)

WITHDRAWALS_SPEC = FileSpec("record of withdrawals", (
    Field("meta", Table("a table: reviewed", (Field("reviewed", DATE, required=True),), dict), required=True),
    Field("withdrawal", Rows(WITHDRAWAL, (), "at least one [[withdrawal]] table"), required=True),
))


# ---------------------------------------------------------------------------------------------------------------
# Sources: data/sources.toml ([source.<key>] records, also allowed in users' rules files) and the source policy,
# data/policy.toml

_ADDRESS = re.compile(r"https?://[^\s/]+\S*")
_LANGUAGE = re.compile(r"[a-z]{2}")


def _address(value: Any) -> str:
    if not isinstance(value, str) or not _ADDRESS.fullmatch(value):
        raise Invalid(f"must be an http(s) address, not {shown(str(value))}")
    return value


def _language(value: Any) -> str:
    if not isinstance(value, str) or not _LANGUAGE.fullmatch(value):
        raise Invalid(f"must be an ISO 639-1 code of two lower-case letters (e.g. 'en'), not {shown(str(value))}")
    return value


ADDRESS = Kind("an http(s) address", _address)
LANGUAGE = Kind("an ISO 639-1 code", _language)

SOURCE = (  # one [source.<key>] table; the key is its id
    Field("url", ADDRESS, required=True),  # the original's address
    Field("publisher", TEXT, required=True),
    Field("kind", choice(*KINDS), required=True),
    Field("title", TEXT, required=True),
    Field("language", LANGUAGE, required=True),
    Field("published", DATE),
    Field("via", ADDRESS),  # the copy that was read (a mirror, an archive, a reprint), if any
    Field("checked", FLAG, default=True),  # false: kept from an earlier record, its page not read again
)

SOURCES_SPEC = FileSpec("sources file", (Field("source", SOURCE_TABLES, required=True),))

CATEGORY = (Field("name", TEXT, required=True), Field("meaning", TEXT, required=True), Field("via", FLAG, default=False))
REFUSED = (Field("host", TEXT, required=True), Field("category", TEXT, required=True),
           Field("reason", TEXT, required=True))
NOT_ALONE = (Field("host", TEXT, required=True), Field("reason", TEXT, required=True))

POLICY_SPEC = FileSpec("source policy", (
    Field("kinds_not_alone", NAMES, default=()),
    Field("category", Rows(CATEGORY, ("name",), "at least one [[category]] table"), required=True),
    Field("refused", Rows(REFUSED, ("host",), "at least one [[refused]] table"), required=True),
    Field("not_alone", Rows(NOT_ALONE, ("host",), "at least one [[not_alone]] table"), default=[]),
))
