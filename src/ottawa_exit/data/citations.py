"""Which facts cite which sources: every citation in every data file (built-in and users'), with the file, the key
path of the fact (``events[6].source``, as problems are reported) and a readable label of the fact.

A citation is any key the specs declare with ``schema.cited`` (``source``, ``bound_source``, ``counting_source``,
``note_source``, ``alternative_source``), beside its ``secondary`` mark. The files are read raw (they were checked
when loaded); `ottawa-exit sources` and the tests of the shipped data use this index.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .reader import read_toml
from .register import find
from .schema import secondary_key

DATA_DIR = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class Citation:
    file: str  # relative to the data directory for a built-in file, else the path given
    key: str  # the key path of the sources, e.g. "events[6].source"
    fact: str  # the fact in words, e.g. "Estonia: UN Secretary-General ... receives the instrument, 2025-06-27"
    sources: tuple[str, ...]  # source keys
    secondary: str | None
    states: tuple[str, ...] = ()  # ISO alpha-3 codes of the states the fact concerns
    treaty: str | None = None  # the treaty id the fact concerns


def _keys(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(v for v in value if isinstance(v, str))


def _cites(table: dict[str, Any], path: str) -> Iterator[tuple[str, tuple[str, ...], str | None]]:
    """(key path, source keys, secondary reason) for each citation in one table."""
    for key, value in table.items():
        if key == "source" or key.endswith("_source"):
            reason = table.get(secondary_key(key))
            yield f"{path}.{key}" if path else key, _keys(value), reason if isinstance(reason, str) else None
    for key, value in table.items():  # a cited fact without a source key, marked secondary
        if (key == "secondary" or key.endswith("_secondary")) and key.removesuffix("secondary") + "source" not in table:
            yield f"{path}.{key.removesuffix('secondary')}source" if path else "source", (), str(value)


def _dated(table: dict[str, Any]) -> str:
    if "date" in table:
        return f", {table['date']}" if table["date"] != "unknown" else ", date not recorded"
    if "earliest" in table:
        return f", between {table['earliest']} and {table.get('latest')}"
    return ""


def _state_file(data: dict[str, Any], file: str) -> Iterator[Citation]:
    state = data.get("state", {})
    name, iso3 = _identity(state)
    titles = {s.get("id"): s.get("title", s.get("id")) for s in data.get("steps", []) if isinstance(s, dict)}
    for key, sources, secondary in _cites(state, "state"):
        fact = "armed conflict" if "armed_conflict" in key else f"bound by the Convention from {state.get('bound_from')}"
        yield Citation(file, key, f"{name}: {fact}", sources, secondary, iso3, "ottawa")
    for key, sources, secondary in _cites(state.get("armed_conflict", {}), "state.armed_conflict"):
        yield Citation(file, key, f"{name}: armed conflict since {state['armed_conflict'].get('since')}", sources,
                       secondary, iso3, "ottawa")
    yield from _suspension(file, name, iso3, state.get("suspension"))
    for i, note in enumerate(data.get("notes", [])):
        for key, sources, secondary in _cites(note, f"notes[{i}]"):
            yield Citation(file, key, f"{name}: note known from {note.get('known_from')}: {_start(note.get('text'))}",
                           sources, secondary, iso3, "ottawa")
    for i, step in enumerate(data.get("steps", [])):
        yield from _step(file, f"steps[{i}]", f"{name}: {step.get('title', step.get('id'))}", step, iso3)
    for i, event in enumerate(data.get("events", [])):
        title = "the withdrawal takes effect" if event.get("step") == "effective" else titles.get(event.get("step"),
                                                                                                  event.get("step"))
        for key, sources, secondary in _cites(event, f"events[{i}]"):
            what = "conflicting date " + str(event.get("alternative_date")) if "alternative" in key else _dated(event)
            yield Citation(file, key, f"{name}: {title}{what}", sources, secondary, iso3, "ottawa")


def _suspension(file: str, name: str, iso3: tuple[str, ...], suspension: Any) -> Iterator[Citation]:
    """A notified suspension, each objection (the objecting state's code too) and the States Parties' response."""
    if not isinstance(suspension, dict):
        return
    for key, sources, secondary in _cites(suspension, "state.suspension"):
        yield Citation(file, key, f"{name}: suspension notified {suspension.get('notified')}", sources, secondary,
                       iso3, "ottawa")
    for i, objection in enumerate(suspension.get("objections", [])):
        day = objection.get("date") or (f"by {objection['by']}" if objection.get("by") else "day not stated")
        for key, sources, secondary in _cites(objection, f"state.suspension.objections[{i}]"):
            yield Citation(file, key, f"{name}: {objection.get('state')} objects to the suspension ({day})", sources,
                           secondary, (*iso3, str(objection.get("iso3"))), "ottawa")
    response = suspension.get("response")
    if isinstance(response, dict):
        for key, sources, secondary in _cites(response, "state.suspension.response"):
            yield Citation(file, key, f"{name}: the States Parties' response to the suspension, {response.get('date')}",
                           sources, secondary, iso3, "ottawa")


def _identity(state: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """A rules file's state: its name and ISO alpha-3 code, from the file or else the register (the built-in files
    name the state by id alone)."""
    if state.get("iso3"):
        return str(state.get("name") or state.get("id")), (str(state["iso3"]),)
    entry = find(str(state.get("id", "")))
    return (entry.name, (entry.iso3,)) if entry is not None else (str(state.get("id")), ())


def _step(file: str, path: str, label: str, step: dict[str, Any], iso3: tuple[str, ...]) -> Iterator[Citation]:
    for key, sources, secondary in _cites(step, path):
        yield Citation(file, key, f"{label}: requirement and legal basis", sources, secondary, iso3, "ottawa")
    limit = step.get("statutory_limit")
    if isinstance(limit, dict):
        for key, sources, secondary in _cites(limit, f"{path}.statutory_limit"):
            yield Citation(file, key, f"{label}: time limit ({_start(limit.get('text'))})", sources, secondary, iso3,
                           "ottawa")
    for j, days in enumerate(step.get("durations", [])):
        for key, sources, secondary in _cites(days, f"{path}.durations[{j}]"):
            yield Citation(file, key, f"{label}: duration known from {days.get('known_from')}", sources, secondary,
                           iso3, "ottawa")
    for j, note in enumerate(step.get("notes", [])):
        for key, sources, secondary in _cites(note, f"{path}.notes[{j}]"):
            yield Citation(file, key, f"{label}: note known from {note.get('known_from')}", sources, secondary,
                           iso3, "ottawa")


def _start(value: Any, size: int = 60) -> str:
    text = " ".join(str(value or "").split())
    return text if len(text) <= size else text[: size - 3].rstrip() + "..."


def _register(data: dict[str, Any], file: str) -> Iterator[Citation]:
    for key, sources, secondary in _cites(data.get("meta", {}), "meta"):
        yield Citation(file, key, "the register of States Parties: its note", sources, secondary, (), "ottawa")
    for table, what in (("party", "party to the Ottawa Convention"), ("state", "never a party to the Ottawa Convention")):
        for i, row in enumerate(data.get(table, [])):
            fact = what if table == "state" else f"{what} from {row.get('bound_from')} (deposit {row.get('deposited')})"
            if row.get("withdrawn_from"):
                fact += f"; withdrawal in effect from {row['withdrawn_from']}"
            for key, sources, secondary in _cites(row, f"{table}[{i}]"):
                yield Citation(file, key, f"{row.get('name')}: {fact}", sources, secondary, (str(row.get("iso3")),),
                               "ottawa")


def _treaty(data: dict[str, Any], file: str) -> Iterator[Citation]:
    head, rule = data.get("treaty", {}), data.get("rule", {})
    short = (head.get("short_names") or [head.get("name")])[0]
    tid = head.get("id")
    for key, sources, secondary in _cites(head, "treaty"):
        fact = "note" if key.startswith("treaty.note") else f"the exit clause ({head.get('article')})"
        yield Citation(file, key, f"{short}: {fact}", sources, secondary, (), tid)
    for key, sources, secondary in _cites({k: v for k, v in rule.items() if k != "exceptions"}, "rule"):
        yield Citation(file, key, f"{short}: the depositary's counting practice", sources, secondary, (), tid)
    for i, item in enumerate(rule.get("exceptions", [])):
        for key, sources, secondary in _cites(item, f"rule.exceptions[{i}]"):
            yield Citation(file, key, f"{short}: {item.get('state')} stated {item.get('effective_stated')}", sources,
                           secondary, (str(item.get("state")),), tid)


def _withdrawals(data: dict[str, Any], file: str) -> Iterator[Citation]:
    for i, row in enumerate(data.get("withdrawal", [])):
        dates = [f"{k} {row[k]}" for k in ("notice", "receipt") if k in row]
        fact = f"{row.get('state')} withdraws from {row.get('treaty')} ({', '.join(dates)}; effect {row.get('effective_stated')})"
        for key, sources, secondary in _cites(row, f"withdrawal[{i}]"):
            yield Citation(file, key, fact, sources, secondary, (str(row.get("iso3")),), row.get("treaty"))


def citations(user_files: tuple[Path, ...] = ()) -> list[Citation]:
    """Every citation of the built-in data files, then of ``user_files`` (rules files: states)."""
    found: list[Citation] = []
    readers = [(p, _state_file) for p in sorted((DATA_DIR / "states").glob("*.toml"))]
    readers += [(DATA_DIR / "parties.toml", _register), (DATA_DIR / "non_parties.toml", _register)]
    readers += [(p, _treaty) for p in sorted((DATA_DIR / "treaties").glob("*.toml"))]
    readers += [(DATA_DIR / "withdrawals.toml", _withdrawals)]
    for path, reader in readers:
        found += reader(read_toml(path), str(path.relative_to(DATA_DIR)))
    for path in user_files:
        found += _state_file(read_toml(path), str(path))
    return found
