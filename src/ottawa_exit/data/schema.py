"""The vocabulary every data file is read with: kinds of value (TEXT, DATE, SOURCES ...), ``Field`` (one key of a
table), ``Table`` (a nested table read into a record), ``Many`` (an array of tables inside a table), ``Rows`` (a
file's top-level array of tables, read row by row) and ``FileSpec`` (a kind of data file: its top-level keys).

``Checker`` reads any table by its spec and collects every problem as ``file: key.path: reason``: unknown keys with
near-miss hints ("did you mean ...?"), missing keys, wrong types. The specs themselves are declared together in
``specs``; ``reader`` is the one path that reads a file, checks it by its spec and raises ``RulesError``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from ..errors import closest, shown

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# Control characters (all but tab and newline) would reach terminals, SVG, HTML and CSV: refused where text is read.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Problem:
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


@dataclass(frozen=True, slots=True)
class Kind:
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
    """Source keys (``data/sources.toml``, or the file's own ``[source.<key>]`` records): resolved by the Checker."""
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise Invalid("must be a source key or a list of source keys")
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


TEXT = Kind("a string is required", _text)
DATE = Kind("a date", _date)
DATE_OR_UNKNOWN = Kind("a date", _date_or_unknown)
SOURCES = Kind("a source key", _sources)
NAMES = Kind("a list of names", _names)
FLAG = Kind("true or false", _flag)
DAYS_COUNT = Kind("a whole number of days", _days)


def choice(*values: str) -> Kind:
    """One of ``values``; a near miss is named ("did you mean 'day-after'?")."""

    def parse(value: Any) -> str:
        if value not in values:
            near = closest(str(value), values)
            hint = f" (did you mean '{near}'?)" if near else ""
            raise Invalid(f"must be one of {', '.join(values)}, not {shown(str(value))}{hint}")
        return str(value)

    return Kind(", ".join(values), parse)


def slug(example: str = "") -> Callable[[str], str | None]:
    """A check: lower-case words joined by '-' (an id)."""

    def check(value: str) -> str | None:
        hint = f" (e.g. '{example}')" if example else ""
        return None if SLUG.fullmatch(value) else f"{shown(value)} must be lower-case words joined by '-'{hint}"

    return check


def capitals(size: int) -> Callable[[str], str | None]:
    """A check: ``size`` capital letters (an ISO 3166 code)."""

    def check(value: str) -> str | None:
        return None if re.fullmatch(rf"[A-Z]{{{size}}}", value) else f"{shown(value)} must be {size} capital letters (ISO 3166)"

    return check


# ---------------------------------------------------------------------------------------------------------------
# Specs: one Field per key


@dataclass(frozen=True, slots=True)
class Field:
    name: str  # the TOML key
    kind: Kind | Table | Many | Rows
    required: bool = False
    check: Callable[[Any], str | None] | None = None  # a further condition on the converted value: the reason, or None
    default: Any = None  # the value when the key is absent
    attr: str = ""  # the record's field, when it is not named like the key


@dataclass(frozen=True, slots=True)
class Table:
    """A nested table, read by its own spec into a record by ``build`` (which may raise Invalid)."""

    wants: str
    fields: tuple[Field, ...]
    build: Callable[[dict[str, Any]], Any]


@dataclass(frozen=True, slots=True)
class Many:
    """An array of tables (``[[parent.key]]``), each read by ``table``'s spec: a tuple of records, in file order."""

    table: Table

    @property
    def wants(self) -> str:
        return f"an array of tables, each {self.table.wants}"


def secondary_key(source_key: str) -> str:
    """The key that marks a citation secondary: ``secondary`` beside ``source``, ``bound_secondary`` beside
    ``bound_source``."""
    return source_key.removesuffix("source") + "secondary"


def cited(name: str = "source", attr: str = "sources", must: bool = False) -> tuple[Field, Field]:
    """A citation: the source keys, and beside them ``secondary = "reason"`` for a fact no citable source states.
    ``must``: the fact must cite a source or be marked secondary (a recorded date, a register entry, a clause)."""
    return (Field(name, SOURCES, required=must, default=(), attr=attr),
            Field(secondary_key(name), TEXT, attr=secondary_key(attr.removesuffix("s"))))


@dataclass(frozen=True, slots=True)
class Rows:
    """A file's top-level array of tables (``[[party]]``), read row by row: each valid row's values (a dict by
    record field) with its index in the file, so one bad row hides no other row's problems. ``unique`` names the
    keys no two rows may share (ids, codes)."""

    fields: tuple[Field, ...]
    unique: tuple[str, ...] = ()
    wants: str = "at least one table"


@dataclass(frozen=True, slots=True)
class Row:
    key: str  # the row's key path, with its place in the file: "party[3]"
    values: dict[str, Any]


@dataclass(frozen=True, slots=True)
class FileSpec:
    """A kind of data file: its top-level keys, each a ``Field`` (a ``Table``, or ``Rows`` of an array of tables)."""

    what: str  # "treaty file", for the docs and messages
    fields: tuple[Field, ...]

    def keys(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)




# ---------------------------------------------------------------------------------------------------------------
# Reading a table by its spec


_BAD: Any = object()  # a value that failed its check (already reported)


@dataclass(frozen=True, slots=True)
class Item:
    """One raw value with the file and key path it came from."""

    raw: Any
    file: str
    key: str


def join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix and key else prefix or key


class Citing(Protocol):
    """What the facts of a file may cite and the policy their citations keep to (``sources.Citable``): given to
    the Checker of a file that cites, since the sources and the policy are themselves read by this module."""

    records: Mapping[str, Any]

    def check_fact(self, sources: Sequence[Any], secondary: str | None, must_cite: bool) -> list[str]: ...


class Checker:
    """Collects every problem, so one run reports them all. ``citing``: what source keys resolve to and the policy
    citations keep to, for a file whose spec cites sources."""

    def __init__(self, citing: Citing | None = None) -> None:
        self.problems: list[Problem] = []
        self.citing = citing

    def _cited(self) -> Citing:
        if self.citing is None:
            raise TypeError("a spec that cites sources is read by a Checker given what it may cite (sources.Citable)")
        return self.citing

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
        if valid:
            self._citations(item, fields, values, origin)
        return values if valid else None

    def _citations(self, item: Item, fields: Sequence[Field], values: dict[str, Any],
                   origin: Mapping[str, str] | None) -> None:
        """Each citation of the table kept to the source policy, blamed on the key of its sources."""
        by_name = {f.name: f for f in fields}
        for field in fields:
            if field.kind is not SOURCES:
                continue
            mark = by_name.get(secondary_key(field.name))
            secondary = values[mark.attr or mark.name] if mark else None
            file = origin.get(field.name, item.file) if origin else item.file
            must = field.required and values.get("date") != "unknown"  # a step with no date records nothing to cite
            for reason in self._cited().check_fact(values[field.attr or field.name], secondary, must):
                self.add(file, join(item.key, field.name), reason)

    def _resolve(self, item: Item, keys: tuple[str, ...]) -> Any:
        """Source keys as their records; an unknown key is a problem naming it (and an address, where a key goes)."""
        records, valid = [], True
        for i, key in enumerate(keys):
            record = self._cited().records.get(key)
            if record is not None:
                records.append(record)
                continue
            valid = False
            where = f"{item.key}[{i}]" if len(keys) > 1 else item.key
            if "://" in key:
                self.add(item.file, where, f"{shown(key)} is an address: give it a [source.<key>] record (url, "
                         "publisher, kind, title, language) and cite the key")
            else:
                near = closest(key, list(self._cited().records))
                hint = f" (did you mean '{near}'?)" if near else ""
                self.add(item.file, where, f"unknown source key {shown(key)}{hint}; define it as [source.{key}] "
                         "or cite a built-in key ('ottawa-exit sources' lists them)")
        return tuple(records) if valid else _BAD

    def file(self, item: Item, spec: FileSpec) -> dict[str, Any] | None:
        """A whole file's values by key (``Rows`` give their valid rows), or None if a table is missing or invalid.
        Every key is read, so one run reports every problem."""
        return self.table(item, spec.fields)

    def _value(self, field: Field, item: Item) -> Any:
        if item.raw is None:  # TOML has no null: None is an absent key
            if field.required and field.kind is not SOURCES:  # a citation may be marked secondary instead
                self.add(item.file, item.key, f"missing ({field.kind.wants})")
                return _BAD
            return field.default
        try:
            if isinstance(field.kind, Rows):
                return self._rows(field.kind, item)
            if isinstance(field.kind, Many):
                return self._many(field.kind.table, item)
            if isinstance(field.kind, Table):
                values = self.table(item, field.kind.fields)
                return _BAD if values is None else field.kind.build(values)
            value = field.kind.parse(item.raw)
            reason = field.check(value) if field.check else None
            if reason:
                raise Invalid(reason)
            return self._resolve(item, value) if field.kind is SOURCES else value
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

    def _rows(self, rows: Rows, item: Item) -> list[Row]:
        """Rows are never all-or-nothing: the valid ones are kept, so checks across rows still run."""
        if not isinstance(item.raw, list) or not item.raw:
            raise Invalid(f"missing: at least one [[{item.key}]] table" if item.raw == [] else
                          f"must be an array of tables ([[{item.key}]]), not {type_name(item.raw)}")
        found = []
        for i, raw in enumerate(item.raw):
            key = f"{item.key}[{i}]"
            values = self.table(Item(raw, item.file, key), rows.fields)
            if values is not None:
                found.append(Row(key, values))
        for name in rows.unique:
            seen: dict[Any, str] = {}
            for row in found:
                value = row.values[name]
                if value in seen:
                    self.add(item.file, f"{row.key}.{name}", f"duplicate {name} '{value}' (also {seen[value]})")
                seen.setdefault(value, row.key)
        return found
