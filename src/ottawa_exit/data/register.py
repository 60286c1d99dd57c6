"""Every state ever bound by the Convention (``data/parties.toml``) and the states that never joined
(``data/non_parties.toml``): read by the one reader (``reader``) by their specs (``specs.PARTIES_SPEC``,
``specs.NON_PARTIES_SPEC``), every problem reported as ``file: key.path: reason``.

A registered state without a rules file of its own becomes a ``State`` with the generic procedure (``party_state``);
a built-in rules file (``data/states/<id>.toml``) or a user's file naming it layers over the register's data for it
(``party_layers``): the register is the one source of a state's names, codes and dates. Both files are read once
per process and only when a lookup needs them; ``timeline poland`` reads Poland's entry alone (``entry``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import closest
from .load import Layers
from .model import EFFECTIVE, RECEIPT, Event, Source, State, generic_procedure
from .names import fold
from .ottawa import effective_date, in_force
from .reader import loads, parse, read_text, read_toml
from .schema import Checker, Item, join
from .sources import builtin_citable
from .specs import NON_PARTIES_SPEC, PARTIES_SPEC

DATA_DIR = Path(__file__).parent
PARTIES_FILE = DATA_DIR / "parties.toml"
NON_PARTIES_FILE = DATA_DIR / "non_parties.toml"


@dataclass(frozen=True, slots=True)
class Party:
    """A state that has been bound by the Convention: its instrument, when it became bound, and any withdrawal."""

    id: str
    name: str
    iso2: str
    iso3: str
    instrument: str
    deposited: date
    bound_from: date
    sources: tuple[Source, ...]
    native_name: str | None = None
    aliases: tuple[str, ...] = ()
    signed: date | None = None
    withdrawal_receipt: date | None = None
    withdrawn_from: date | None = None
    note: str | None = None
    secondary: str | None = None

    def names(self) -> list[str]:
        names = [self.id, self.name, self.iso2, self.iso3, *self.aliases]
        if self.native_name:
            names += [self.native_name, *(n.strip() for n in self.native_name.split(" / "))]
        return names


@dataclass(frozen=True, slots=True)
class NonParty:
    """A state that has never been bound by the Convention."""

    id: str
    name: str
    iso2: str
    iso3: str
    sources: tuple[Source, ...]
    short_name: str | None = None  # the name in a sentence: "the United States"
    aliases: tuple[str, ...] = ()
    note: str | None = None
    secondary: str | None = None

    def names(self) -> list[str]:
        return [self.id, self.name, self.iso2, self.iso3, *self.aliases, *([self.short_name] if self.short_name else [])]

    def sentence(self) -> str:
        """The one-line answer for a state that never joined."""
        name = self.short_name or self.name
        return f"{name} has never been bound by the Ottawa Convention (not a State Party)"


@dataclass(frozen=True, slots=True)
class Register:
    reviewed: date
    parties: tuple[Party, ...]

    def by_id(self) -> dict[str, Party]:
        return {p.id: p for p in self.parties}


# ---------------------------------------------------------------------------------------------------------------
# Checks across keys: the spec (specs.PARTIES_SPEC, specs.NON_PARTIES_SPEC) gives the rest


def _check_party(check: Checker, file: str, key: str, row: dict[str, Any], entry_into_force: date) -> None:
    """Dates that must agree: deposit before being bound (a succession may date back), Article 20's effect."""
    if row["bound_from"] < entry_into_force:
        check.add(file, join(key, "bound_from"),
                  f"{row['bound_from']} is before the Convention entered into force ({entry_into_force})")
    if row["instrument"] != "succession" and row["bound_from"] <= row["deposited"]:
        check.add(file, join(key, "bound_from"), f"{row['bound_from']} is not after the deposit {row['deposited']}")
    receipt, effect = row["withdrawal_receipt"], row["withdrawn_from"]
    if (receipt is None) != (effect is None):
        check.add(file, join(key, "withdrawn_from" if effect is None else "withdrawal_receipt"),
                  "missing: give withdrawal_receipt and withdrawn_from together")
    elif receipt is not None and effect != effective_date(receipt).effective:
        check.add(file, join(key, "withdrawn_from"),
                  f"{effect} is not what Article 20 gives for the receipt {receipt} ({effective_date(receipt).effective})")


def _check_parties(check: Checker, values: dict[str, Any], file: str) -> None:
    for row in values["party"]:
        _check_party(check, file, row.key, row.values, in_force())


def parse_register(data: dict[str, Any], file: str) -> Register:
    """``parties.toml``'s data as a Register; RulesError lists every problem."""
    values = parse(data, file, PARTIES_SPEC, _check_parties, builtin_citable())
    meta = values["meta"]
    return Register(meta["reviewed"], tuple(Party(**row.values) for row in values["party"]))


def parse_non_parties(data: dict[str, Any], file: str, register: Register | None = None) -> tuple[NonParty, ...]:
    """``non_parties.toml``'s data; with the ``register``, a state in both is a problem."""
    bound = {p.iso3 for p in register.parties} if register is not None else set()

    def not_bound(check: Checker, values: dict[str, Any], file: str) -> None:
        for row in values["state"]:
            if row.values["iso3"] in bound:
                check.add(file, f"{row.key}.iso3", f"{row.values['iso3']} is in parties.toml: a state bound at some time")

    values = parse(data, file, NON_PARTIES_SPEC, not_bound, builtin_citable())
    return tuple(NonParty(**row.values) for row in values["state"])


def read_register(path: Path) -> Register:
    """A register of States Parties (``parties.toml``) read and checked; RulesError lists every problem."""
    return parse_register(read_toml(path), str(path))


def read_non_parties(path: Path, register: Register | None = None) -> tuple[NonParty, ...]:
    """A list of states never bound (``non_parties.toml``) read and checked; RulesError lists every problem."""
    return parse_non_parties(read_toml(path), str(path), register)


@functools.cache
def register() -> Register:
    """The built-in register, read and checked once per process."""
    return read_register(PARTIES_FILE)


PARTY_HEADER = "\n[[party]]\n"


@functools.cache
def entry(state_id: str) -> tuple[Party, date] | None:
    """One registered state's entry and the register's review date. Read from the whole register when it has been
    read; otherwise only the file's [meta] and that state's [[party]] table are parsed and checked (by the same
    spec), so `timeline poland` does not read 166 entries to name one state."""
    if register.cache_info().currsize:
        found = register().by_id().get(state_id)
        return (found, register().reviewed) if found else None
    head, *tables = read_text(PARTIES_FILE).split(PARTY_HEADER)
    line = f'\nid = "{state_id}"\n'
    table = next((t for t in tables if line in f"\n{t}\n"), None)
    if table is None:
        return None
    one = parse_register(loads(head + PARTY_HEADER + table, str(PARTIES_FILE)), str(PARTIES_FILE))
    return (one.parties[0], one.reviewed) if [p.id for p in one.parties] == [state_id] else None


@functools.cache
def non_parties() -> tuple[NonParty, ...]:
    return read_non_parties(NON_PARTIES_FILE)


# ---------------------------------------------------------------------------------------------------------------
# Names and states


@functools.cache
def name_index() -> dict[str, Party | NonParty]:
    """Every folded name of every registered and never-bound state (a party's name wins a clash)."""
    index: dict[str, Party | NonParty] = {}
    entries: list[Party | NonParty] = [*non_parties(), *register().parties]
    for entry in entries:
        for name in entry.names():
            index[fold(name)] = entry
    return index


def find(query: str) -> Party | NonParty | None:
    """The one lookup of a state in the register: id, name, native name, ISO 3166 alpha-2 or alpha-3 code, short name
    or alias (US, USA, DPRK, North Korea, UK, Britain ...), ignoring case, accents and apostrophes."""
    return name_index().get(fold(query))


def closest_name(query: str) -> str | None:
    """The registered state whose name is nearest ``query``, for a "did you mean" hint."""
    index = name_index()
    near = closest(fold(query), index, cutoff=0.5)
    return index[near].id if near else None


def _bound_note(party: Party) -> str:
    text = f"{party.instrument.capitalize()} deposited {party.deposited}; bound from {party.bound_from} (Article 17)."
    return f"{text} {party.note}" if party.note else text


def party_state(party: Party, reviewed: date) -> State:
    """A registered state without a rules file: the generic procedure, its names and dates from the register
    (reviewed on ``reviewed``)."""
    events: tuple[Event, ...] = ()
    if party.withdrawal_receipt and party.withdrawn_from:
        events = (Event(RECEIPT, party.withdrawal_receipt, sources=party.sources, secondary=party.secondary),
                  Event(EFFECTIVE, party.withdrawn_from, sources=party.sources, secondary=party.secondary))
    return State(
        id=party.id, name=party.name, iso2=party.iso2, iso3=party.iso3, procedure=generic_procedure(), events=events,
        native_name=party.native_name, aliases=party.aliases, reviewed=reviewed,
        deposited=party.deposited, bound_from=party.bound_from, bound_sources=party.sources,
        bound_secondary=party.secondary, bound_note=_bound_note(party), origin=(str(PARTIES_FILE),),
    )


def party_layers(party: Party, reviewed: date) -> Layers:
    """The register's data for a party as the base a rules file layers over, built-in or a user's (keys blamed on
    parties.toml): its names, codes, dates and any withdrawal."""
    file = str(PARTIES_FILE)
    state: dict[str, Any] = {"id": party.id, "name": party.name, "iso2": party.iso2, "iso3": party.iso3,
                             "reviewed": reviewed, "bound_from": party.bound_from,
                             "bound_source": [s.key for s in party.sources], "bound_note": _bound_note(party)}
    if party.secondary:
        state["bound_secondary"] = party.secondary
    if party.deposited:
        state["deposited"] = party.deposited
    if party.native_name:
        state["native_name"] = party.native_name
    if party.aliases:
        state["aliases"] = list(party.aliases)
    events = []
    if party.withdrawal_receipt and party.withdrawn_from:
        for i, (step, day) in enumerate(((RECEIPT, party.withdrawal_receipt), (EFFECTIVE, party.withdrawn_from))):
            events.append(Item({"step": step, "date": day, "source": [s.key for s in party.sources]}, file,
                               f"{party.id}.events[{i}]"))
    return Layers(state, dict.fromkeys(state, file), None, events, (file,))
