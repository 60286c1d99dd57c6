"""Rules data: one TOML file per state, loaded and validated into immutable records.

Records are NamedTuples rather than frozen dataclasses: defining them costs a fifth as much at start-up.

The built-in files live in ``ottawa_exit/data/``. A user's file (``--rules``) has the same format: it adds a state or
overrides and extends a built-in one. Every problem is reported with its file, key path and reason; key paths index
arrays from 0 (``steps[3].days.latest`` is the fourth ``[[steps]]`` table).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from .article20 import ArmedConflict, effective_date
from .errors import InputError, closest, shown

DATA_DIR = Path(__file__).parent / "data"
MAX_RULES_BYTES = 1_000_000  # rules are small; a larger file is a mistake, not data
RECEIPT = "receipt"  # every procedure ends with the Depositary's receipt
EFFECTIVE = "effective"  # events may record the date the withdrawal took effect, with its source
RULES_ENV = "OTTAWA_EXIT_RULES"

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_STATE_KEYS = {
    "id", "name", "native_name", "iso2", "iso3", "aliases", "legislature", "reviewed", "bound_from",
    "bound_from_year", "bound_source", "bound_note", "instrument", "note", "armed_conflict",
}
_STEP_KEYS = {"id", "title", "actor", "requirement", "legal_basis", "statutory_limit", "statutory_limit_source",
              "formal", "note", "days"}
_DAYS_KEYS = {"earliest", "typical", "latest", "basis"}
_EVENT_KEYS = {"step", "date", "earliest", "latest", "detail", "note", "source"}
_CONFLICT_KEYS = {"since", "end", "detail", "source"}
_INSTRUMENTS = ("withdrawal", "suspension")


class DurationRange(NamedTuple):
    """Days after the previous step: earliest <= typical <= latest, with the basis for the numbers."""

    earliest: int
    typical: int
    latest: int
    basis: str


class Step(NamedTuple):
    """One step of a state's domestic procedure."""

    id: str
    title: str
    actor: str
    requirement: str
    legal_basis: str
    days: DurationRange
    statutory_limit: str | None = None
    statutory_limit_source: str | None = None
    formal: bool = True  # False for a political decision the law does not require
    note: str | None = None


class Event(NamedTuple):
    """What the record says of a step: an exact date, a window (earliest..latest), or unknown (all None)."""

    step: str
    date: date | None = None
    earliest: date | None = None
    latest: date | None = None
    detail: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = ()

    @property
    def is_window(self) -> bool:
        return self.date is None and self.earliest is not None

    @property
    def is_unknown(self) -> bool:
        return self.date is None and self.earliest is None

    @property
    def happened_by(self) -> date | None:
        """The latest day by which the record says the step had happened."""
        return self.date or self.latest


class Procedure(NamedTuple):
    steps: tuple[Step, ...]

    def ids(self) -> list[str]:
        return [step.id for step in self.steps]


class State(NamedTuple):
    id: str
    name: str
    iso2: str
    iso3: str
    procedure: Procedure
    events: tuple[Event, ...] = ()
    native_name: str | None = None
    aliases: tuple[str, ...] = ()
    legislature: str | None = None
    reviewed: date | None = None
    bound_from: date | None = None
    bound_from_year: int | None = None
    bound_source: str | None = None
    bound_note: str | None = None
    instrument: str = "withdrawal"
    note: str | None = None
    armed_conflict: ArmedConflict | None = None
    origin: tuple[str, ...] = ()  # the files this state was read from

    def event(self, step_id: str) -> Event | None:
        return next((e for e in self.events if e.step == step_id), None)

    def names(self) -> list[str]:
        """Every name the state answers to, canonical id first."""
        names = [self.id, self.name, self.iso2, self.iso3, *self.aliases]
        if self.native_name:
            names.append(self.native_name)
        return names


class Problem(NamedTuple):
    file: str
    key: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.reason}" if self.key else f"{self.file}: {self.reason}"


class RulesError(InputError):
    """One or more problems in rules files; the message is the first, ``problems`` has them all."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        first = str(self.problems[0])
        more = len(self.problems) - 1
        hint = f" (and {more} more; run 'ottawa-exit rules check')" if more else ""
        super().__init__(first + hint)


def generic_procedure() -> Procedure:
    """For a state the user adds with names only: the deposit alone, with a placeholder range."""
    return Procedure((
        Step(
            id=RECEIPT,
            title="UN Secretary-General (Depositary) receives the instrument of withdrawal",
            actor="Government; UN Secretary-General",
            requirement="notice with a full explanation of the reasons",
            legal_basis="Ottawa Convention Art. 20(2)",
            days=DurationRange(0, 30, 90, "no procedure recorded for this state; a placeholder range from the as-of date"),
        ),
    ))


# ---------------------------------------------------------------------------------------------------------------
# Reading files


def read_text(path: Path) -> str:
    """A rules file's text: size-limited, UTF-8. Problems raise RulesError."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_RULES_BYTES:
            raise RulesError([Problem(name, "", f"file is {size:,} bytes; rules files are limited to {MAX_RULES_BYTES:,}")])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RulesError([Problem(name, "", "no such file")]) from None
    except IsADirectoryError:
        raise RulesError([Problem(name, "", "is a directory, not a rules file")]) from None
    except PermissionError:
        raise RulesError([Problem(name, "", "permission denied")]) from None
    except OSError as exc:
        raise RulesError([Problem(name, "", f"cannot read: {exc.strerror or exc}")]) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RulesError([Problem(name, "", f"not UTF-8 text (byte {exc.start})")]) from None


def read_toml(path: Path) -> dict[str, Any]:
    """Read one rules file: TOML only, nothing executed. Problems raise RulesError."""
    return parse_toml(read_text(path), str(path))


def parse_toml(text: str, name: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError([Problem(name, "", f"invalid TOML: {exc}")]) from None


# ---------------------------------------------------------------------------------------------------------------
# Validation: each item keeps its own file and key path, so a merged state still reports the user's lines.


class _Item:
    """One raw value with the file and key path it came from."""

    __slots__ = ("raw", "file", "key")

    def __init__(self, raw: Any, file: str, key: str):
        self.raw, self.file, self.key = raw, file, key


class _Checker:
    """Collects every problem, so one run reports them all."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: str, key: str, reason: str) -> None:
        self.problems.append(Problem(file, key, reason))

    def table(self, item: _Item) -> bool:
        if not isinstance(item.raw, dict):
            self.add(item.file, item.key, f"must be a table, not {_type_name(item.raw)}")
            return False
        return True

    def unknown_keys(self, item: _Item, allowed: set[str]) -> None:
        for key in item.raw:
            if key not in allowed:
                near = closest(key, sorted(allowed))
                hint = f" (did you mean '{near}'?)" if near else ""
                self.add(item.file, _join(item.key, key), f"unknown key{hint}")

    def text(self, item: _Item, key: str, required: bool = True) -> str | None:
        value = item.raw.get(key)
        if value is None:
            if required:
                self.add(item.file, _join(item.key, key), "missing (a string is required)")
            return None
        if not isinstance(value, str) or not value.strip():
            self.add(item.file, _join(item.key, key), f"must be a non-empty string, not {_type_name(value)}")
            return None
        return value

    def day(self, item: _Item, key: str) -> date | None:
        value = item.raw.get(key)
        if value is None:
            return None
        if isinstance(value, date) and not hasattr(value, "hour"):
            return value
        self.add(item.file, _join(item.key, key), f"must be a date written as YYYY-MM-DD (no quotes), not {_type_name(value)}")
        return None

    def sources(self, item: _Item, key: str = "source") -> tuple[str, ...]:
        value = item.raw.get(key)
        if value is None:
            return ()
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            self.add(item.file, _join(item.key, key), "must be an address or a list of addresses")
            return ()
        return tuple(values)


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _type_name(value: Any) -> str:
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


def _parse_days(check: _Checker, item: _Item) -> DurationRange | None:
    if "days" not in item.raw:
        check.add(item.file, _join(item.key, "days"), "missing (a table: earliest, typical, latest, basis)")
        return None
    days = _Item(item.raw["days"], item.file, _join(item.key, "days"))
    if not check.table(days):
        return None
    check.unknown_keys(days, _DAYS_KEYS)
    numbers: dict[str, int] = {}
    for key in ("earliest", "typical", "latest"):
        value = days.raw.get(key)
        if value is None:
            check.add(days.file, _join(days.key, key), "missing (a whole number of days)")
        elif isinstance(value, bool) or not isinstance(value, int):
            check.add(days.file, _join(days.key, key), f"must be a whole number of days, not {_type_name(value)}")
        elif value < 0 or value > 3650:
            check.add(days.file, _join(days.key, key), f"must be between 0 and 3650 days, not {value}")
        else:
            numbers[key] = value
    basis = check.text(days, "basis")
    if len(numbers) < 3 or basis is None:
        return None
    if numbers["typical"] < numbers["earliest"]:
        check.add(days.file, _join(days.key, "typical"), "must be >= earliest")
        return None
    if numbers["latest"] < numbers["typical"]:
        check.add(days.file, _join(days.key, "latest"), "must be >= typical")
        return None
    return DurationRange(numbers["earliest"], numbers["typical"], numbers["latest"], basis)


def _parse_step(check: _Checker, item: _Item) -> Step | None:
    if not check.table(item):
        return None
    check.unknown_keys(item, _STEP_KEYS)
    step_id = check.text(item, "id")
    if step_id is not None and not _SLUG.fullmatch(step_id):
        check.add(item.file, _join(item.key, "id"), f"{shown(step_id)} must be lower-case words joined by '-'")
        step_id = None
    texts = {key: check.text(item, key) for key in ("title", "actor", "requirement", "legal_basis")}
    optional = {key: check.text(item, key, required=False) for key in ("statutory_limit", "statutory_limit_source", "note")}
    formal = item.raw.get("formal", True)
    if not isinstance(formal, bool):
        check.add(item.file, _join(item.key, "formal"), f"must be true or false, not {_type_name(formal)}")
    days = _parse_days(check, item)
    if step_id is None or days is None or None in texts.values() or not isinstance(formal, bool):
        return None
    return Step(id=step_id, days=days, formal=formal, **texts, **optional)  # type: ignore[arg-type]


def _parse_event(check: _Checker, item: _Item, step_ids: Sequence[str]) -> Event | None:
    if not check.table(item):
        return None
    check.unknown_keys(item, _EVENT_KEYS)
    step_id = check.text(item, "step")
    if step_id is not None and step_id not in step_ids and step_id != EFFECTIVE:
        near = closest(step_id, [*step_ids, EFFECTIVE])
        hint = f"; did you mean '{near}'?" if near else f"; steps are: {', '.join(step_ids)}"
        check.add(item.file, _join(item.key, "step"), f"unknown step {shown(step_id)}{hint}")
        step_id = None
    exact: date | None = None
    raw_date = item.raw.get("date")
    if raw_date == "unknown":
        pass
    elif raw_date is not None:
        exact = check.day(item, "date")
        if exact is None:
            return None
    earliest, latest = check.day(item, "earliest"), check.day(item, "latest")
    window = "earliest" in item.raw or "latest" in item.raw
    if window and raw_date is not None:
        check.add(item.file, _join(item.key, "date"), "give either date or a window (earliest, latest), not both")
        return None
    if window and (earliest is None or latest is None):
        missing = "latest" if earliest is not None else "earliest"
        check.add(item.file, _join(item.key, missing), "missing: a window needs both earliest and latest")
        return None
    if earliest and latest and latest < earliest:
        check.add(item.file, _join(item.key, "latest"), f"{latest} is before earliest {earliest}: impossible window")
        return None
    if raw_date is None and not window:
        check.add(item.file, _join(item.key, "date"), 'missing: give a date, a window (earliest, latest) or date = "unknown"')
        return None
    if step_id == EFFECTIVE and exact is None:
        check.add(item.file, _join(item.key, "date"), "the effective event needs an exact date")
        return None
    detail = check.text(item, "detail", required=False)
    note = check.text(item, "note", required=False)
    sources = check.sources(item)
    if step_id is None:
        return None
    return Event(step_id, exact, earliest, latest, detail, note, sources)


def _parse_conflict(check: _Checker, item: _Item) -> ArmedConflict | None:
    if not check.table(item):
        return None
    check.unknown_keys(item, _CONFLICT_KEYS)
    return ArmedConflict(
        end=check.day(item, "end"),
        since=check.day(item, "since"),
        detail=check.text(item, "detail", required=False),
        sources=check.sources(item),
        given_by="rules",
    )


def _check_order(check: _Checker, events: list[tuple[Event, _Item]], step_ids: Sequence[str]) -> None:
    """Recorded dates must not run backwards along the procedure."""
    ordered = sorted(
        ((e, it) for e, it in events if e.step in step_ids and not e.is_unknown), key=lambda p: step_ids.index(p[0].step)
    )
    for (before, _), (after, item) in zip(ordered, ordered[1:]):
        before_earliest = before.date or before.earliest
        after_latest = after.date or after.latest
        assert before_earliest is not None and after_latest is not None
        if after_latest < before_earliest:
            check.add(
                item.file,
                _join(item.key, "date" if after.date else "latest"),
                f"{after.step} on {after_latest} is before the earlier step {before.step} on {before_earliest}: dates out of order",
            )


def _check_effective(check: _Checker, events: list[tuple[Event, _Item]], conflict: ArmedConflict | None) -> None:
    """A recorded effective date must be the one Article 20 gives for the recorded receipt."""
    by_step = {e.step: (e, it) for e, it in events}
    if EFFECTIVE not in by_step or RECEIPT not in by_step:
        if EFFECTIVE in by_step:
            _, item = by_step[EFFECTIVE]
            check.add(item.file, _join(item.key, "date"), "an effective date needs a recorded receipt")
        return
    effective, item = by_step[EFFECTIVE]
    receipt, _ = by_step[RECEIPT]
    if receipt.date is None:
        check.add(item.file, _join(item.key, "date"), "an effective date needs an exact receipt date")
        return
    if conflict is None:
        expected = effective_date(receipt.date).effective
        if effective.date != expected:
            check.add(
                item.file, _join(item.key, "date"),
                f"{effective.date} is not what Article 20 gives for the receipt {receipt.date} ({expected})",
            )


class _Raw(NamedTuple):
    """A state's raw data, possibly layered from several files; each step and event keeps its own file and key."""

    state: dict[str, Any]
    steps: list[_Item] | None  # None: no procedure given, so the generic one
    events: list[_Item]
    files: tuple[str, ...]


def _items(raw: Any, file: str, key: str) -> list[_Item]:
    if not isinstance(raw, list):
        return [_Item(raw, file, key)]  # reported as "must be a table" later
    return [_Item(value, file, f"{key}[{i}]") for i, value in enumerate(raw)]


def _layer(check: _Checker, data: dict[str, Any], file: str, base: _Raw | None) -> _Raw | None:
    """Put one file's data over a base state's: its [state] keys win, its steps replace the procedure whole
    (steps have an order), and its events replace the base's event for the same step."""
    check.unknown_keys(_Item(data, file, ""), {"state", "steps", "events"})
    if not isinstance(data.get("state"), dict):
        check.add(file, "state", "missing: a [state] table with at least id, name, iso2 and iso3")
        return None
    check.unknown_keys(_Item(data["state"], file, "state"), _STATE_KEYS)
    for key in ("steps", "events"):
        if key in data and not isinstance(data[key], list):
            check.add(file, key, f"must be an array of tables ([[{key}]]), not {_type_name(data[key])}")
    state = {**(base.state if base else {}), **data["state"]}
    steps = _items(data["steps"], file, "steps") if "steps" in data else (base.steps if base else None)
    events = _items(data.get("events", []), file, "events")
    replaced = {it.raw.get("step") for it in events if isinstance(it.raw, dict)}
    kept = [it for it in (base.events if base else []) if not (isinstance(it.raw, dict) and it.raw.get("step") in replaced)]
    files = tuple(dict.fromkeys([*(base.files if base else ()), file]))
    return _Raw(state, steps, kept + events, files)


def parse_state(data: dict[str, Any], file: str, base: _Raw | None = None) -> tuple[State, _Raw]:
    """Validate one file's data (over a base state's, if it extends one) into a State; RulesError lists every problem."""
    check = _Checker()
    raw = _layer(check, data, file, base)
    if raw is None:
        raise RulesError(check.problems)
    state_item = _Item(raw.state, file, "state")

    state_id = check.text(state_item, "id")
    if state_id is not None and not _SLUG.fullmatch(state_id):
        check.add(file, "state.id", f"{shown(state_id)} must be lower-case words joined by '-' (e.g. 'north-macedonia')")
    name = check.text(state_item, "name")
    iso2, iso3 = check.text(state_item, "iso2"), check.text(state_item, "iso3")
    for key, value, size in (("iso2", iso2, 2), ("iso3", iso3, 3)):
        if value is not None and not re.fullmatch(rf"[A-Z]{{{size}}}", value):
            check.add(file, f"state.{key}", f"{shown(value)} must be {size} capital letters (ISO 3166)")
    native = check.text(state_item, "native_name", required=False)
    aliases = raw.state.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        check.add(file, "state.aliases", "must be a list of names")
        aliases = []
    instrument = raw.state.get("instrument", "withdrawal")
    if instrument not in _INSTRUMENTS:
        check.add(file, "state.instrument", f"must be one of {', '.join(_INSTRUMENTS)}, not {shown(str(instrument))}")
    year = raw.state.get("bound_from_year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1997 <= year <= 2200):
        check.add(file, "state.bound_from_year", "must be a year from 1997 on")
        year = None
    conflict = None
    if "armed_conflict" in raw.state:
        conflict = _parse_conflict(check, _Item(raw.state["armed_conflict"], file, "state.armed_conflict"))
    reviewed = check.day(state_item, "reviewed")
    bound_from = check.day(state_item, "bound_from")
    optional = {k: check.text(state_item, k, required=False) for k in ("legislature", "bound_source", "bound_note", "note")}

    if raw.steps is None:
        procedure = generic_procedure()
    else:
        steps: list[Step] = []
        for item in raw.steps:
            step = _parse_step(check, item)
            if step is not None:
                if any(s.id == step.id for s in steps):
                    check.add(item.file, _join(item.key, "id"), f"duplicate step id '{step.id}'")
                steps.append(step)
        if not raw.steps:
            check.add(file, "steps", f"empty: give at least the '{RECEIPT}' step, or leave steps out")
        elif len(steps) == len(raw.steps) and steps[-1].id != RECEIPT:
            last = raw.steps[-1]
            check.add(last.file, _join(last.key, "id"), f"the last step must be '{RECEIPT}' (the Depositary's receipt)")
        procedure = Procedure(tuple(steps))
    # Events are checked against every step id written, so one bad step does not hide its events' problems.
    step_ids = procedure.ids() if raw.steps is None else [
        str(it.raw.get("id")) for it in raw.steps if isinstance(it.raw, dict)
    ]

    events: list[tuple[Event, _Item]] = []
    for item in raw.events:
        event = _parse_event(check, item, step_ids)
        if event is not None:
            if any(e.step == event.step for e, _ in events):
                check.add(item.file, _join(item.key, "step"), f"a second event for step '{event.step}' (one per step)")
            events.append((event, item))
    _check_order(check, events, step_ids)
    _check_effective(check, events, conflict)

    if check.problems:
        raise RulesError(check.problems)
    assert state_id and name and iso2 and iso3
    state = State(
        id=state_id, name=name, iso2=iso2, iso3=iso3, procedure=procedure,
        events=tuple(e for e, _ in events), native_name=native, aliases=tuple(aliases), reviewed=reviewed,
        bound_from=bound_from, bound_from_year=year, instrument=str(instrument), armed_conflict=conflict,
        origin=raw.files, **optional,
    )
    return state, raw


def load_builtin_file(path: Path) -> tuple[State, _Raw]:
    return parse_state(read_toml(path), str(path))


# ---------------------------------------------------------------------------------------------------------------
# The set of states: built-ins plus users' files


def rules_files_from_env() -> list[Path]:
    value = os.environ.get(RULES_ENV, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


class Rules:
    """The states known to this run. Built-in files are read lazily: `timeline poland` reads poland.toml alone."""

    def __init__(self, user_files: Iterable[Path] = ()):
        self.user_files = [Path(p) for p in user_files]
        self._raw: dict[str, _Raw] = {}
        self._states: dict[str, State] = {}
        self._user_loaded = False
        self._all_loaded = False
        self._builtin_ids: list[str] | None = None

    def builtin_ids(self) -> list[str]:
        """The built-in states' ids, from the data directory's file names (listed once per Rules)."""
        if self._builtin_ids is None:
            self._builtin_ids = sorted(p.stem for p in DATA_DIR.glob("*.toml"))
        return self._builtin_ids

    def _load_builtin(self, state_id: str) -> State:
        if state_id not in self._states:
            state, raw = load_builtin_file(DATA_DIR / f"{state_id}.toml")
            self._states[state_id], self._raw[state_id] = state, raw
        return self._states[state_id]

    def _load_users(self) -> None:
        """Read every user file in order; a file naming an existing state extends it. All problems are reported."""
        if self._user_loaded:
            return
        problems: list[Problem] = []
        for path in self.user_files:
            try:
                data = read_toml(path)
                table = data.get("state")
                state_id = table.get("id") if isinstance(table, dict) else None
                if isinstance(state_id, str) and state_id not in self._raw and state_id in self.builtin_ids():
                    self._load_builtin(state_id)
                base = self._raw.get(state_id) if isinstance(state_id, str) else None
                state, raw = parse_state(data, str(path), base)
                self._states[state.id], self._raw[state.id] = state, raw
            except RulesError as exc:
                problems.extend(exc.problems)
        self._user_loaded = True
        if problems:
            raise RulesError(problems)

    def all(self) -> list[State]:
        """Every state, built-ins in alphabetical order of id, then states only users' files add."""
        self._load_users()
        if not self._all_loaded:
            for state_id in self.builtin_ids():
                if state_id not in self._states:
                    self._load_builtin(state_id)
            self._all_loaded = True
        builtin = self.builtin_ids()
        return sorted(self._states.values(), key=lambda s: (s.id not in builtin, s.id))

    def state(self, query: str) -> State:
        """Find a state by id, English or native name, ISO code or alias, ignoring case."""
        key = _fold(query)
        if not self.user_files and _SLUG.fullmatch(key) and (DATA_DIR / f"{key}.toml").is_file():
            return self._load_builtin(key)  # the fast path: read one file
        states = self.all()
        for state in states:
            if key in (_fold(n) for n in state.names()):
                return state
        raise InputError(self._unknown(query, states))

    def _unknown(self, query: str, states: list[State]) -> str:
        names = {_fold(n): s for s in states for n in s.names()}
        near = closest(_fold(query), names, cutoff=0.5)
        hint = f"; did you mean '{names[near].id}'?" if near else ""
        known = ", ".join(s.id for s in states)
        return f"unknown country {shown(query)}{hint} (known: {known})"

    def completions(self, prefix: str) -> Iterator[tuple[str, str]]:
        """(name, help) pairs for shell completion; never raises."""
        try:
            states = self.all()
        except InputError:
            states = [self._load_builtin(i) for i in self.builtin_ids()]
        folded = _fold(prefix)
        for state in states:
            for name in (state.id, state.iso2, state.iso3):
                if _fold(name).startswith(folded):
                    yield name, state.name
