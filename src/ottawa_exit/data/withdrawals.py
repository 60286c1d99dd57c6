"""Recorded withdrawals from treaties (``data/withdrawals.toml``), each checked against its treaty's rule.

A withdrawal's period starts on the day its notice reached the addressee the clause names: the recorded ``receipt``
when there is one, else the recorded ``notice`` (a row says which it used). A letter's own date is not a start: a
letter dated days before its receipt gives a date one day or more early (Paris 2025: dated 20 Jan, received 27 Jan).

Where the computed date and the stated one differ, the treaty file's ``[[rule.exceptions]]`` entry for that state and
date explains why; the rule itself is never tuned to one case. A test holds every record to agree or be explained.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from ..engine.clauses import Count, Effect, Form, apply
from ..errors import InputError, closest, shown
from .reader import read
from .schema import Checker
from .specs import WITHDRAWALS_SPEC
from .register import closest_name, find, name_index
from .treaties import RuleException, Treaty, find_treaty, treaty, treaty_ids

WITHDRAWALS_FILE = Path(__file__).parent / "withdrawals.toml"

class Withdrawal(NamedTuple):
    treaty: str
    state: str
    iso3: str
    notice: date | None
    receipt: date | None
    later_date: date | None
    effective_stated: date
    stated_by: str
    sources: tuple[str, ...]
    note: str | None

    @property
    def start(self) -> tuple[str, date]:
        """What the period counts from: the receipt where recorded, else the notice."""
        if self.receipt is not None:
            return "receipt", self.receipt
        assert self.notice is not None  # the loader requires one of them
        return "notice", self.notice


class Checked(NamedTuple):
    """A withdrawal with the date its treaty's rule gives, and whether the record agrees."""

    withdrawal: Withdrawal
    treaty: Treaty
    effect: Effect
    agrees: bool
    reading: str | None  # which reading the stated date matches: same-day, day-after or fixed-date; None if none
    exception: RuleException | None

    @property
    def status(self) -> str:
        if self.agrees:
            return "agrees"
        return "differs, explained" if self.exception else "differs, unexplained"


def _check_rows(check: Checker, values: dict[str, Any], file: str) -> None:
    """Each withdrawal names a treaty of the data and a state of the register (by ISO alpha-3 code, so every lookup
    of the state finds it), and gives a notice or a receipt date."""
    known = treaty_ids()
    codes = {entry.iso3 for entry in name_index().values()}
    for row in values["withdrawal"]:
        named = find(row.values["state"])
        if row.values["iso3"] not in codes:
            check.add(file, f"{row.key}.iso3", f"{row.values['iso3']} is not a state of the register "
                      "(parties.toml or non_parties.toml)")
        elif named is None or named.iso3 != row.values["iso3"]:
            check.add(file, f"{row.key}.state", f"{shown(row.values['state'])} is not a name the register gives "
                      f"{row.values['iso3']}")
        if row.values["treaty"] not in known:
            near = closest(row.values["treaty"], known)
            check.add(file, f"{row.key}.treaty", f"unknown treaty {shown(row.values['treaty'])}"
                      + (f" (did you mean '{near}'?)" if near else ""))
        elif row.values["notice"] is None and row.values["receipt"] is None:
            check.add(file, row.key, "needs a notice or a receipt date")


def read_withdrawals(path: Path) -> tuple[Withdrawal, ...]:
    """A record of withdrawals read by its spec (``specs.WITHDRAWALS_SPEC``); problems raise RulesError
    (``file: key.path: reason``)."""
    values = read(path, WITHDRAWALS_SPEC, _check_rows)
    return tuple(Withdrawal(**row.values) for row in values["withdrawal"])


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
    return Checked(item, rules, effect, reading is not None, reading, exception)


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
