"""Reading and validating rules files: TOML text -> a State, every problem reported as ``file: key.path: reason``.

What each table may hold is declared in ``specs.RULES_SPEC`` (one line per key); files are read by ``reader``; this
module layers them and checks the rules that tie several keys together: a window's two ends, the order of recorded dates, the recorded
effect against Article 20.

A user's file may layer over a built-in state (see ``layer``): each value keeps the file and key path it came from,
so a problem is blamed on the file that supplied the value at fault. Key paths index arrays from 0
(``steps[3].days.latest`` is the fourth ``[[steps]]`` table).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import closest, shown
from .model import EFFECTIVE, RECEIPT, Event, Procedure, State, Step, generic_procedure
from .ottawa import effective_date
from .reader import RulesError, fail, read_toml
from .schema import Checker, Invalid, Item, Problem, join, type_name
from .sources import Citable, Cited, builtin_sources, parse_sources
from .specs import EVENT, NOTES, REGISTER_KEYS, RULES_SPEC, STATE, STEP

# ---------------------------------------------------------------------------------------------------------------
# Layering: a file's data over a base state's, each value keeping the file and key path it came from


@dataclass(frozen=True, slots=True)
class Layers:
    """A state's raw data, possibly layered from several files."""

    state: dict[str, Any]
    origin: dict[str, str]  # [state] key -> the file that gave its value
    steps: list[Item] | None  # None: no procedure given, so the generic one
    events: list[Item]
    files: tuple[str, ...]  # in layer order: the later file wins, so it is the one at fault for a clash
    notes: list[Item] = field(default_factory=list)  # each file's [[notes]]: a layer adds to the base's
    sources: dict[str, Any] = field(default_factory=dict)  # the [source.<key>] records users' files add to the built-in ones

    def rank(self, item: Item) -> int:
        return self.files.index(item.file) if item.file in self.files else len(self.files)


def _items(raw: Any, file: str, key: str) -> list[Item]:
    if not isinstance(raw, list):
        return [Item(raw, file, key)]  # reported as "must be a table" later
    return [Item(value, file, f"{key}[{i}]") for i, value in enumerate(raw)]


def _step_of(item: Item) -> str | None:
    step = item.raw.get("step") if isinstance(item.raw, dict) else None
    return step if isinstance(step, str) else None  # anything else is reported when the event is read


def _kept_events(check: Checker, base: Layers, events: list[Item], steps: list[Item] | None, file: str) -> list[Item]:
    """The base's events this layer leaves standing. An event of this layer replaces the base's for its step; a
    layer that moves the receipt must say what becomes of the base's recorded effect (see ``_stale_effect``); and a
    replaced procedure that leaves out a recorded step is this layer's problem, not the base file's."""
    given = {_step_of(it): it for it in events}
    moved = given.get(RECEIPT) if _receipt_moved(base.events, given.get(RECEIPT)) else None
    step_ids = None if steps is None else {it.raw.get("id") for it in steps if isinstance(it.raw, dict)}
    kept = []
    for item in base.events:
        step = _step_of(item)
        if step in given:
            continue
        if step == EFFECTIVE and moved is not None:
            _stale_effect(check, moved, item)
            continue
        if step_ids is not None and step != EFFECTIVE and step not in step_ids:
            check.add(file, "steps", f"leaves out step {shown(str(step))}, which {item.file} records ({item.key}); "
                      "keep the step, or give the whole record in this file")
            continue
        kept.append(item)
    return kept


def _stale_effect(check: Checker, receipt: Item, effect: Item) -> None:
    """A layer moved the receipt but left the base's recorded effect, which was the effect of the old receipt: the
    two would contradict each other (or the effect would vanish silently), so the layer must correct or drop it."""
    new = receipt.raw.get("date") if isinstance(receipt.raw, dict) else None
    given = f"; Article 20 gives {effective_date(new).effective} for it" if isinstance(new, date) else ""
    check.add(receipt.file, join(receipt.key, "date"),
              f"this receipt ({_shown_date(receipt)}) contradicts the effect on {effect.raw.get('date')} that "
              f"{effect.file} records ({effect.key}){given}: correct the effect in this file too "
              '([[events]] step = "effective" with its date and source), or give it date = "unknown" to drop it')


def _shown_date(item: Item) -> str:
    raw = item.raw if isinstance(item.raw, dict) else {}
    if "date" in raw:
        return str(raw["date"])
    return f"{raw.get('earliest')} to {raw.get('latest')}"


def _receipt_moved(base_events: list[Item], receipt: Item | None) -> bool:
    """Whether a layer's receipt event gives other dates than the base's (a new source alone keeps the effect)."""
    before = next((it for it in base_events if _step_of(it) == RECEIPT), None)
    return receipt is not None and (before is None or _dates(receipt) != _dates(before))


def _dates(item: Item) -> tuple[Any, ...]:
    return tuple(item.raw.get(k) for k in ("date", "earliest", "latest"))


def layer(check: Checker, data: dict[str, Any], file: str, base: Layers | None) -> Layers | None:
    """Put one file's data over a base state's: its [state] keys win, its steps replace the procedure whole
    (steps have an order), and its events replace the base's event for the same step."""
    check.unknown_keys(Item(data, file, ""), RULES_SPEC.keys())
    if not isinstance(data.get("state"), dict):
        check.add(file, "state", "missing: a [state] table with at least id, name, iso2 and iso3")
        return None
    check.unknown_keys(Item(data["state"], file, "state"), [f.name for f in STATE])
    for key in ("notes", "steps", "events"):
        if key in data and not isinstance(data[key], list):
            check.add(file, key, f"must be an array of tables ([[{key}]]), not {type_name(data[key])}")
    state = {**(base.state if base else {}), **data["state"]}
    origin = {**(base.origin if base else {}), **dict.fromkeys(data["state"], file)}
    steps = _items(data["steps"], file, "steps") if "steps" in data else (base.steps if base else None)
    events = _items(data.get("events", []), file, "events")
    kept = _kept_events(check, base, events, steps if "steps" in data else None, file) if base else []
    files = tuple(dict.fromkeys([*(base.files if base else ()), file]))
    notes = [*(base.notes if base else []), *([Item(data["notes"], file, "notes")] if "notes" in data else [])]
    return Layers(state, origin, steps, kept + events, files, notes)


# ---------------------------------------------------------------------------------------------------------------
# Rules across keys


StepIds = dict[str, int]  # every step id written -> its first place in the procedure: ordered, looked up at once


def _procedure(check: Checker, raw: Layers, file: str) -> tuple[Procedure, StepIds]:
    """The procedure, and every step id written (so one bad step does not hide its events' problems)."""
    if raw.steps is None:
        procedure = generic_procedure()
        return procedure, _places(procedure.ids())
    steps: list[Step] = []
    seen: set[str] = set()  # a set, not a scan of the steps before: reading stays linear in the number of steps
    for item in raw.steps:
        values = check.table(item, STEP)
        if values is None:
            continue
        if values["id"] in seen:
            check.add(item.file, join(item.key, "id"), f"duplicate step id '{values['id']}'")
        seen.add(values["id"])
        steps.append(Step(**values))
    if not raw.steps:
        check.add(file, "steps", f"empty: give at least the '{RECEIPT}' step, or leave steps out")
    elif len(steps) == len(raw.steps):
        _check_steps(check, steps, raw.steps)
    return Procedure(tuple(steps)), _places(str(it.raw.get("id")) for it in raw.steps if isinstance(it.raw, dict))


def _places(ids: Iterable[str]) -> StepIds:
    places: StepIds = {}
    for place, step_id in enumerate(ids):
        places.setdefault(step_id, place)
    return places


def _check_steps(check: Checker, steps: list[Step], items: list[Item]) -> None:
    """The path to the receipt ends with it; a parallel step and a limit name an earlier step of that path."""
    path = [(s, it) for s, it in zip(steps, items) if not s.parallel]
    if not path or path[-1][0].id != RECEIPT:
        last = (path or list(zip(steps, items)))[-1][1]
        check.add(last.file, join(last.key, "id"),
                  f"the last step (parallel steps aside) must be '{RECEIPT}' (the Depositary's receipt)")
    earlier: dict[str, None] = {}  # the path's steps so far, grown as it goes (not rebuilt for every step)
    for step, item in zip(steps, items):
        _check_links(check, step, item, earlier)
        if not step.parallel:
            earlier[step.id] = None


def _check_links(check: Checker, step: Step, item: Item, earlier: dict[str, None]) -> None:
    """A step's references to other steps (after_step, a limit's from_step) name ``earlier`` steps of the path
    (an ordered set: looked up in constant time, listed in order only for a message)."""
    if step.parallel and step.after_step not in earlier:
        check.add(item.file, join(item.key, "after_step"),
                  f"a parallel step needs after_step, an earlier step of the path ({', '.join(earlier) or 'none'})")
    if not step.parallel and step.after_step is not None:
        check.add(item.file, join(item.key, "after_step"), "only a parallel step (parallel = true) takes after_step")
    limit = step.statutory_limit
    if limit is not None and limit.from_step is not None and limit.from_step not in earlier:
        check.add(item.file, join(item.key, "statutory_limit.from_step"),
                  f"{shown(limit.from_step)} is not an earlier step ({', '.join(earlier) or 'none'})")


def _event(check: Checker, item: Item, step_ids: StepIds) -> Event | None:
    values = check.table(item, EVENT)
    step = values["step"] if values else (item.raw.get("step") if isinstance(item.raw, dict) else None)
    if isinstance(step, str) and step.strip() and step not in step_ids and step != EFFECTIVE:
        near = closest(step, [*step_ids, EFFECTIVE])
        hint = f"; did you mean '{near}'?" if near else f"; steps are: {', '.join(step_ids)}"
        check.add(item.file, join(item.key, "step"), f"unknown step {shown(step)}{hint}")
        return None
    if values is None:
        return None
    try:
        return _dated_event(values, "earliest" in item.raw or "latest" in item.raw)
    except Invalid as bad:
        check.add(item.file, join(item.key, bad.key), bad.reason)
        return None


def _dated_event(values: dict[str, Any], window: bool) -> Event:
    """An exact date, a window with both ends, or date = "unknown": exactly one of them."""
    exact, earliest, latest = values["date"], values["earliest"], values["latest"]
    if window and exact is not None:
        raise Invalid("give either date or a window (earliest, latest), not both", "date")
    if window and (earliest is None or latest is None):
        raise Invalid("missing: a window needs both earliest and latest", "latest" if earliest else "earliest")
    if window and latest < earliest:
        raise Invalid(f"{latest} is before earliest {earliest}: impossible window", "latest")
    if exact is None and not window:
        raise Invalid('missing: give a date, a window (earliest, latest) or date = "unknown"', "date")
    if values["step"] == EFFECTIVE:
        _exact_effect(exact, window)
    return Event(**{**values, "date": None if exact == "unknown" else exact})


def _exact_effect(exact: Any, window: bool) -> None:
    """An effect is recorded to the day, or date = "unknown": none recorded (how a layer drops a base's effect)."""
    if not isinstance(exact, date) and (window or exact != "unknown"):
        raise Invalid('the effective event needs an exact date (date = "unknown": none recorded)', "date")


def _events(check: Checker, raw: Layers, step_ids: StepIds) -> list[tuple[Event, Item]]:
    events: list[tuple[Event, Item]] = []
    recorded: set[str] = set()
    for item in raw.events:
        event = _event(check, item, step_ids)
        if event is not None:
            if event.step in recorded:
                check.add(item.file, join(item.key, "step"), f"a second event for step '{event.step}' (one per step)")
            recorded.add(event.step)
            events.append((event, item))
    return events


def _check_order(check: Checker, events: list[tuple[Event, Item]], step_ids: StepIds, raw: Layers,
                 parallel: set[str]) -> None:
    """Recorded dates must not run backwards along the procedure; of two clashing dates, the later layer's is blamed."""
    ordered = sorted(
        ((e, it) for e, it in events if e.step in step_ids and e.step not in parallel and not e.is_unknown),
        key=lambda p: step_ids[p[0].step],
    )
    for (before, first), (after, second) in zip(ordered, ordered[1:]):
        early = before.date or before.earliest
        late = after.date or after.latest
        assert early is not None and late is not None
        if late >= early:
            continue
        if raw.rank(first) > raw.rank(second):
            check.add(first.file, join(first.key, "date" if before.date else "earliest"),
                      f"{before.step} on {early} is after the later step {after.step} on {late}{_elsewhere(second, first)}"
                      ": dates out of order")
        else:
            check.add(second.file, join(second.key, "date" if after.date else "latest"),
                      f"{after.step} on {late} is before the earlier step {before.step} on {early}"
                      f"{_elsewhere(first, second)}: dates out of order")


def _elsewhere(other: Item, blamed: Item) -> str:
    """Where the other fact of a clash comes from, when it is not the blamed file."""
    return "" if other.file == blamed.file else f" ({other.file}, {other.key})"


def _check_effective(check: Checker, events: list[tuple[Event, Item]], raw: Layers, conflict: bool) -> None:
    """A recorded effective date must be the one Article 20 gives for the recorded receipt; with an armed conflict
    recorded, Article 20(3) may defer it, never bring it before the six months. A layer that moves the receipt
    must correct the effect itself (``_stale_effect``), so the effect's own file is the one at fault here."""
    by_step = {e.step: (e, it) for e, it in events}
    if EFFECTIVE not in by_step or by_step[EFFECTIVE][0].date is None:  # date = "unknown": no effect recorded
        return
    effective, item = by_step[EFFECTIVE]
    found = _receipt_for_effect(check, by_step, item, raw)
    if found is None or effective.date is None:
        return
    receipt, receipt_day, receipt_item = found[0], found[0].date, found[1]
    where = "" if receipt_item.file == item.file else f" ({receipt_item.file}, {receipt_item.key})"
    six_months = effective_date(receipt_day).effective if receipt_day else None
    assert receipt_day is not None and six_months is not None
    if not conflict and effective.date != six_months:
        check.add(item.file, join(item.key, "date"), f"{effective.date} is not what Article 20 gives for the receipt "
                  f"{receipt.date}{where} ({six_months})")
    elif conflict and effective.date < six_months:
        check.add(item.file, join(item.key, "date"), f"{effective.date} is before the six months from the receipt "
                  f"{receipt.date}{where} end ({six_months}); an armed conflict can only defer the effect")


def _receipt_for_effect(check: Checker, by_step: dict[str, tuple[Event, Item]], effect: Item,
                        raw: Layers) -> tuple[Event, Item] | None:
    """The exact recorded receipt a recorded effect is checked against, or None (with the problem reported)."""
    key = join(effect.key, "date")
    if RECEIPT not in by_step:
        if not any(_step_of(it) == RECEIPT for it in raw.events):  # else the receipt's own problem is reported
            check.add(effect.file, key, "an effective date needs a recorded receipt")
        return None
    if by_step[RECEIPT][0].date is None:
        check.add(effect.file, key, "an effective date needs an exact receipt date")
        return None
    return by_step[RECEIPT]


def _check_suspension(check: Checker, values: dict[str, Any] | None, events: list[tuple[Event, Item]],
                      step_ids: Collection[str], raw: Layers) -> None:
    """A suspension's step is a step of the procedure, and its recorded date is the day of the notification."""
    suspension = values["suspension"] if values else None
    if suspension is None or suspension.step is None:
        return
    file, key = raw.origin.get("suspension", ""), "state.suspension.step"
    if suspension.step not in step_ids:
        check.add(file, key, f"unknown step {shown(suspension.step)}; steps are: {', '.join(step_ids)}")
        return
    recorded = next((e for e, _ in events if e.step == suspension.step), None)
    if recorded is not None and recorded.date is not None and recorded.date != suspension.notified:
        check.add(file, "state.suspension.notified",
                  f"{suspension.notified} is not the recorded date of step '{suspension.step}' ({recorded.date})")


def parse_state(data: dict[str, Any], file: str, base: Layers | None = None) -> tuple[State, Layers]:
    """Validate one file's data (over a base state's, if it extends one) into a State; RulesError lists every problem."""
    builtin = builtin_sources()
    check = Checker(Citable({}))
    own = parse_sources(check, data.get("source"), file, builtin)
    raw = layer(check, data, file, base)
    if raw is None:
        raise RulesError(check.problems)
    raw = replace(raw, sources={**(base.sources if base else {}), **own})
    check.citing = Citable(Cited(raw.sources, builtin))
    values = check.table(Item(raw.state, file, "state"), STATE, raw.origin)
    procedure, step_ids = _procedure(check, raw, file)
    events = _events(check, raw, step_ids)
    _check_order(check, events, step_ids, raw, {s.id for s in procedure.steps if s.parallel})
    _check_effective(check, events, raw, "armed_conflict" in raw.state)  # Article 20(3) may defer the effect
    _check_suspension(check, values, events, step_ids, raw)
    notes = [check.table(Item({"notes": it.raw}, it.file, ""), (NOTES,)) for it in raw.notes]
    fail(check)
    assert values is not None  # an invalid [state] table has been reported
    recorded = tuple(e for e, _ in events if not (e.step == EFFECTIVE and e.date is None))  # "unknown": none
    state = State(**values, procedure=procedure, events=recorded, origin=raw.files,
                  notes=tuple(n for table in notes if table for n in table["notes"]))
    return state, raw


def load_file(path: Path, base: Layers | None = None, builtin: bool = False) -> tuple[State, Layers]:
    """Read one rules file over ``base``; a ``builtin`` file (data/states) may not repeat the register's keys."""
    data = read_toml(path)
    if builtin:
        _not_repeated(data, str(path))
    return parse_state(data, str(path), base)


def _not_repeated(data: dict[str, Any], file: str) -> None:
    """A built-in rules file adds a procedure and a record to the state the register names: the register alone
    gives its names, codes and dates (a user's file may still override them)."""
    table = data.get("state")
    repeated = [key for key in REGISTER_KEYS if isinstance(table, dict) and key in table]
    if repeated:
        raise RulesError([Problem(file, f"state.{key}", "given by the register (parties.toml): a built-in rules "
                                  "file does not repeat it") for key in repeated])
