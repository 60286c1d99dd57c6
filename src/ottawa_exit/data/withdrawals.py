"""Recorded withdrawals from treaties (``data/withdrawals.toml``), each checked against its treaty's rule.

A withdrawal's period starts on the day its notice reached the addressee the clause names: the recorded ``receipt``
when there is one, else the recorded ``notice`` (a row says which it used). A letter's own date is not a start: a
letter dated days before its receipt gives a date one day or more early (Paris 2025: dated 20 Jan, received 27 Jan).

Where the computed date and the stated one differ, the treaty file's ``[[rule.exceptions]]`` entry for that state and
date explains why; the rule itself is never tuned to one case. A test holds every record to agree or be explained.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..engine.clauses import Count, Effect, Form, apply
from ..errors import InputError, closest, shown
from .model import Source
from .reader import read
from .schema import Checker
from .sources import builtin_citable
from .specs import WITHDRAWALS_SPEC
from .register import closest_name, find, name_index
from .treaties import RuleException, Treaty, find_treaty, treaty, treaty_ids

WITHDRAWALS_FILE = Path(__file__).parent / "withdrawals.toml"

@dataclass(frozen=True, slots=True)
class Withdrawal:
    treaty: str
    state: str
    iso3: str
    notice: date | None
    receipt: date | None
    later_date: date | None
    effective_stated: date | None  # None: no source states the effective date
    stated_by: str
    sources: tuple[Source, ...]
    note: str | None
    secondary: str | None = None
    organisation: bool = False  # a party that is not a state (the EU, Euratom): its code is its own, not the register's
    receipt_unknown: bool = False  # the clause counts from a receipt that no source dates

    @property
    def start(self) -> tuple[str, date]:
        """What the period counts from: the receipt where recorded, else the notice."""
        if self.receipt is not None:
            return "receipt", self.receipt
        assert self.notice is not None  # the loader requires one of them
        return "notice", self.notice


@dataclass(frozen=True, slots=True, repr=False)
class Checked:
    """A withdrawal with the date its treaty's rule gives, and whether the record agrees."""

    withdrawal: Withdrawal
    treaty: Treaty
    effect: Effect
    agrees: bool
    reading: str | None  # which reading the stated date matches: same-day, day-after or fixed-date; None if none
    exception: RuleException | None

    @property
    def checkable(self) -> str | None:
        """Why the record cannot be held to the rule (None: it can)."""
        item = self.withdrawal
        if item.effective_stated is None:
            return "no source states the effective date"
        if item.receipt_unknown and self.treaty.clause.start.value == "receipt":
            return "the depositary's receipt is not public, and the rule counts from it"
        return None

    @property
    def status(self) -> str:
        """Whether the record agrees with the rule: agrees, differs (explained), differs (unexplained), or cannot be
        checked."""
        if self.checkable:
            return "cannot be checked"
        if self.agrees:
            return "agrees"
        return "differs, explained" if self.exception else "differs, unexplained"

    @property
    def effective_on(self) -> date | None:
        """The day the exit takes effect: as stated, else as the rule gives it from the dates recorded (None when
        it cannot be said)."""
        if self.withdrawal.effective_stated is not None:
            return self.withdrawal.effective_stated
        return None if self.withdrawal.receipt_unknown else self.effect.effective

    def standing(self, as_of: date) -> str:
        """On ``as_of``: ``not yet notified``, ``pending`` (notified, not yet in effect), ``in effect``, or ``effect
        not stated`` (no source dates the effect and the rule cannot give it)."""
        if self.withdrawal.start[1] > as_of:
            return "not yet notified"
        effect = self.effective_on
        if effect is None:
            return "effect not stated"
        return "pending" if effect > as_of else "in effect"

    def __repr__(self) -> str:
        """``<Checked Finland (ottawa): agrees>``."""
        return f"<Checked {self.withdrawal.state} ({self.treaty.id}): {self.status}>"


def _check_rows(check: Checker, values: dict[str, Any], file: str) -> None:
    """Each withdrawal names a treaty of the data and a state of the register (by ISO alpha-3 code, so every lookup
    of the state finds it) or an organisation marked so, and gives a notice or a receipt date."""
    known = treaty_ids()
    codes = {entry.iso3 for entry in name_index().values()}
    for row in values["withdrawal"]:
        named = find(row.values["state"])
        if row.values["organisation"]:
            pass  # an international organisation: in no register of states
        elif row.values["iso3"] not in codes:
            check.add(file, f"{row.key}.iso3", f"{row.values['iso3']} is not a state of the register "
                      "(parties.toml or non_parties.toml)")
        elif named is None or named.iso3 != row.values["iso3"]:
            check.add(file, f"{row.key}.state", f"{shown(row.values['state'])} is not a name the register gives "
                      f"{row.values['iso3']}")
        if row.values["treaty"] not in known:
            near = closest(row.values["treaty"], known)
            check.add(file, f"{row.key}.treaty", f"unknown treaty {shown(row.values['treaty'])}"
                      + (f" (did you mean '{near}'?)" if near else ""))
        elif row.values["notice"] is None and not isinstance(row.values["receipt"], date):
            check.add(file, row.key, "needs a notice or a receipt date")


def read_withdrawals(path: Path) -> tuple[Withdrawal, ...]:
    """A record of withdrawals read by its spec (``specs.WITHDRAWALS_SPEC``); problems raise RulesError
    (``file: key.path: reason``)."""
    values = read(path, WITHDRAWALS_SPEC, _check_rows, builtin_citable())
    return tuple(_withdrawal(row.values) for row in values["withdrawal"])


def _withdrawal(values: dict[str, Any]) -> Withdrawal:
    """A row as a record: ``"unknown"`` dates as None, the receipt's flagged."""
    unknown = values["receipt"] == "unknown"
    stated = values["effective_stated"]
    return Withdrawal(**{**values, "receipt": None if unknown else values["receipt"],
                         "effective_stated": stated if isinstance(stated, date) else None}, receipt_unknown=unknown)


@functools.cache
def withdrawals() -> tuple[Withdrawal, ...]:
    """Every recorded withdrawal in the data, read once per process."""
    return read_withdrawals(WITHDRAWALS_FILE)


def check(item: Withdrawal) -> Checked:
    """Apply the treaty's rule to one record and compare with the stated date."""
    rules = treaty(item.treaty)
    effect = apply(rules.clause, item.start[1], later_date=item.later_date)
    readings = {effect.counting if effect.counting is not Count.UNKNOWN else Count.SAME_DAY: effect.effective}
    if effect.alternative is not None:
        readings[Count.DAY_AFTER] = effect.alternative
    reading = next((count.value for count, day in readings.items() if day == item.effective_stated), None)
    if reading and rules.clause.form is Form.END_OF_FOLLOWING_YEAR:
        reading = "fixed-date"
    exception = next((e for e in rules.exceptions
                      if e.state == item.iso3 and e.effective_stated == item.effective_stated), None)
    return Checked(item, rules, effect, reading is not None and item.effective_stated is not None, reading, exception)


def select(treaty_query: str | None = None, state: str | None = None) -> list[Checked]:
    """The recorded withdrawals, checked; filtered by treaty (id, name or acronym: ``find_treaty``) and by state
    (any name or code the register knows: ``register.find``)."""
    items = list(withdrawals())
    if treaty_query is not None:
        chosen = find_treaty(treaty_query).id
        items = [w for w in items if w.treaty == chosen]
    if state is not None:
        entry = find(state)
        if entry is None:
            near = closest_name(state)
            hint = f" (did you mean '{near}'?)" if near else ""
            raise InputError(f"unknown state {shown(state)}{hint}")
        if not any(w.iso3 == entry.iso3 for w in withdrawals()):
            raise InputError(f"no recorded withdrawal by {entry.name} ({entry.iso3})")
        items = [w for w in items if w.iso3 == entry.iso3]
    return [check(w) for w in items]


def pending(rows: list[Checked], as_of: date) -> list[Checked]:
    """The withdrawals notified by ``as_of`` and not yet in effect on that day, the soonest first."""
    found = [r for r in rows if r.standing(as_of) == "pending"]
    return sorted(found, key=lambda r: (r.effective_on or date.max, r.withdrawal.state))
