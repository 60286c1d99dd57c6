"""What a rules file may hold, declared once: one ``Field(name, kind, required, check)`` per key of each table.

To accept a new key, add its line to the table's spec below (STATE, NOTE, STEP, DURATION, LIMIT, EVENT, ARMED_CONFLICT)
and, if the
record keeps it, a field of the same name to the record in ``model.py`` (``attr`` maps a key to a field named
otherwise). Unknown keys with near-miss hints ("did you mean ...?"), missing keys, wrong types and the reasons in
``file: key.path: reason`` all follow from the spec; ``Checker.table`` reads any table by it. Rules that tie several
keys or files together are in ``load``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

from ..engine.article20 import ArmedConflict
from ..errors import closest, shown
from .model import INSTRUMENTS, DurationRange, Note, StatutoryLimit

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# Control characters (all but tab and newline) would reach terminals, SVG, HTML and CSV: refused where text is read.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class Problem(NamedTuple):
    file: str
    key: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.reason}" if self.key else f"{self.file}: {self.reason}"



# ---------------------------------------------------------------------------------------------------------------
# Kinds of value: each converts a TOML value or raises Invalid with the reason


class Invalid(Exception):
    """A value's problem; ``key`` continues the key path when the problem lies inside the value."""

    def __init__(self, reason: str, key: str = ""):
        super().__init__(reason)
        self.reason, self.key = reason, key


class Kind(NamedTuple):
    wants: str  # completes "missing (...)"
    parse: Callable[[Any], Any]


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "an empty string" if not value.strip() else "a string"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, date):
        return "a date-time" if hasattr(value, "hour") else "a date"
    return type(value).__name__


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"must be a non-empty string, not {type_name(value)}")
    _no_control(value)
    return value


def _no_control(value: str) -> None:
    found = CONTROL.search(value)
    if found:
        raise Invalid(f"contains a control character (U+{ord(found.group()):04X}) at position {found.start()}")


def _date(value: Any) -> date:
    if isinstance(value, date) and not hasattr(value, "hour"):  # TOML date-times are datetimes, a date subclass
        return value
    raise Invalid(f"must be a date written as YYYY-MM-DD (no quotes), not {type_name(value)}")


def _date_or_unknown(value: Any) -> date | str:
    return value if value == "unknown" else _date(value)


def _sources(value: Any) -> tuple[str, ...]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise Invalid("must be an address or a list of addresses")
    for source in values:
        _no_control(source)
    return tuple(values)


def _names(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise Invalid("must be a list of names")
    for name in value:
        _no_control(name)
    return tuple(value)


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"must be true or false, not {type_name(value)}")
    return value


def _days(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"must be a whole number of days, not {type_name(value)}")
    if not 0 <= value <= 3650:
        raise Invalid(f"must be between 0 and 3650 days, not {value}")
    return value


def _instrument(value: Any) -> str:
    if value not in INSTRUMENTS:
        raise Invalid(f"must be one of {', '.join(INSTRUMENTS)}, not {shown(str(value))}")
    return str(value)


TEXT = Kind("a string is required", _text)
DATE = Kind("a date", _date)
DATE_OR_UNKNOWN = Kind("a date", _date_or_unknown)
SOURCES = Kind("an address", _sources)
NAMES = Kind("a list of names", _names)
FLAG = Kind("true or false", _flag)
DAYS_COUNT = Kind("a whole number of days", _days)
INSTRUMENT = Kind(", ".join(INSTRUMENTS), _instrument)


def _slug(example: str = "") -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        hint = f" (e.g. '{example}')" if example else ""
        return None if SLUG.fullmatch(value) else f"{shown(value)} must be lower-case words joined by '-'{hint}"

    return check


def _capitals(size: int) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        return None if re.fullmatch(rf"[A-Z]{{{size}}}", value) else f"{shown(value)} must be {size} capital letters (ISO 3166)"

    return check


# ---------------------------------------------------------------------------------------------------------------
# The specs: one line per key


class Field(NamedTuple):
    name: str  # the TOML key
    kind: Kind | Table | Many
    required: bool = False
    check: Callable[[Any], str | None] | None = None  # a further condition on the converted value: the reason, or None
    default: Any = None  # the value when the key is absent
    attr: str = ""  # the record's field, when it is not named like the key


class Table(NamedTuple):
    """A nested table, read by its own spec into a record by ``build`` (which may raise Invalid)."""

    wants: str
    fields: tuple[Field, ...]
    build: Callable[[dict[str, Any]], Any]


class Many(NamedTuple):
    """An array of tables (``[[parent.key]]``), each read by ``table``'s spec: a tuple of records, in file order."""

    table: Table

    @property
    def wants(self) -> str:
        return f"an array of tables, each {self.table.wants}"


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
    Field("source", SOURCES, default=(), attr="sources"),
), _duration)

NOTE = Table("a table: text, known_from, source", (
    Field("text", TEXT, required=True),
    Field("known_from", DATE, required=True),
    Field("source", SOURCES, default=(), attr="sources"),
), lambda values: Note(**values))

LIMIT = Table("a table: days, from, text, and optionally min_days, from_step, source", (
    Field("days", DAYS_COUNT, required=True),
    Field("from", TEXT, required=True, attr="counted_from"),
    Field("text", TEXT, required=True),
    Field("from_step", TEXT),
    Field("min_days", DAYS_COUNT),
    Field("source", SOURCES, default=(), attr="sources"),
), _limit)

ARMED_CONFLICT = Table("a table: since, end, detail, source", (
    Field("since", DATE),
    Field("end", DATE),
    Field("detail", TEXT),
    Field("source", SOURCES, default=(), attr="sources"),
), lambda values: ArmedConflict(**values, given_by="rules"))

STATE = (
    Field("id", TEXT, required=True, check=_slug("north-macedonia")),
    Field("name", TEXT, required=True),
    Field("iso2", TEXT, required=True, check=_capitals(2)),
    Field("iso3", TEXT, required=True, check=_capitals(3)),
    Field("native_name", TEXT),
    Field("aliases", NAMES, default=()),
    Field("instrument", INSTRUMENT, default="withdrawal"),
    Field("armed_conflict", ARMED_CONFLICT),
    Field("reviewed", DATE),
    Field("deposited", DATE),
    Field("bound_from", DATE),
    Field("legislature", TEXT),
    Field("bound_source", SOURCES, default=(), attr="bound_sources"),
    Field("bound_note", TEXT),
)

NOTES = Field("notes", Many(NOTE), default=())  # the file's top-level [[notes]]

STEP = (
    Field("id", TEXT, required=True, check=_slug()),
    Field("title", TEXT, required=True),
    Field("actor", TEXT, required=True),
    Field("requirement", TEXT, required=True),
    Field("legal_basis", TEXT, required=True),
    Field("statutory_limit", LIMIT),
    Field("notes", Many(NOTE), default=()),
    Field("formal", FLAG, default=True),
    Field("parallel", FLAG, default=False),
    Field("after_step", TEXT),
    Field("durations", Many(DURATION), required=True),
)

EVENT = (
    Field("step", TEXT, required=True),
    Field("date", DATE_OR_UNKNOWN),
    Field("earliest", DATE),
    Field("latest", DATE),
    Field("detail", TEXT),
    Field("note", TEXT),
    Field("source", SOURCES, default=(), attr="sources"),
    Field("known_from", DATE),
    Field("alternative_date", DATE),
    Field("alternative_source", SOURCES, default=(), attr="alternative_sources"),
)

FILE_KEYS = ("state", "notes", "steps", "events")


# ---------------------------------------------------------------------------------------------------------------
# Reading a table by its spec


_BAD: Any = object()  # a value that failed its check (already reported)


class Item(NamedTuple):
    """One raw value with the file and key path it came from."""

    raw: Any
    file: str
    key: str


def join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix and key else prefix or key


class Checker:
    """Collects every problem, so one run reports them all."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: str, key: str, reason: str) -> None:
        self.problems.append(Problem(file, key, reason))

    def unknown_keys(self, item: Item, allowed: Sequence[str]) -> None:
        for key in item.raw:
            if key not in allowed:
                near = closest(key, sorted(allowed))
                hint = f" (did you mean '{near}'?)" if near else ""
                self.add(item.file, join(item.key, key), f"unknown key{hint}")

    def table(self, item: Item, fields: Sequence[Field], origin: Mapping[str, str] | None = None) -> dict[str, Any] | None:
        """The table's values by record field (defaults for absent keys), or None if any is missing or invalid.
        ``origin`` names the file of each key when layered files gave them (unknown keys are then checked per file).
        """
        if not isinstance(item.raw, dict):
            self.add(item.file, item.key, f"must be a table, not {type_name(item.raw)}")
            return None
        if origin is None:
            self.unknown_keys(item, [f.name for f in fields])
        values: dict[str, Any] = {}
        valid = True
        for field in fields:
            file = origin.get(field.name, item.file) if origin else item.file
            value = self._value(field, Item(item.raw.get(field.name), file, join(item.key, field.name)))
            valid = valid and value is not _BAD
            values[field.attr or field.name] = value
        return values if valid else None

    def _value(self, field: Field, item: Item) -> Any:
        if item.raw is None:  # TOML has no null: None is an absent key
            if field.required:
                self.add(item.file, item.key, f"missing ({field.kind.wants})")
                return _BAD
            return field.default
        try:
            if isinstance(field.kind, Many):
                return self._many(field.kind.table, item)
            if isinstance(field.kind, Table):
                values = self.table(item, field.kind.fields)
                return _BAD if values is None else field.kind.build(values)
            value = field.kind.parse(item.raw)
            reason = field.check(value) if field.check else None
            if reason:
                raise Invalid(reason)
            return value
        except Invalid as bad:
            self.add(item.file, join(item.key, bad.key), bad.reason)
            return _BAD

    def _many(self, table: Table, item: Item) -> Any:
        if not isinstance(item.raw, list):
            raise Invalid(f"must be an array of tables ([[{item.key.split('[')[-1].split('.')[-1]}]]), "
                          f"not {type_name(item.raw)}")
        records, valid = [], True
        for i, raw in enumerate(item.raw):  # every element is read, so one run reports all their problems
            element = Item(raw, item.file, f"{item.key}[{i}]")
            values = self.table(element, table.fields)
            try:
                records.append(table.build(values) if values is not None else _BAD)
            except Invalid as bad:
                self.add(element.file, join(element.key, bad.key), bad.reason)
                records.append(_BAD)
            valid = valid and records[-1] is not _BAD
        return tuple(records) if valid else _BAD
