"""The states known to a run: the built-in files, with users' files (``--rules``, $OTTAWA_EXIT_RULES) layered over
them, found by id, English or native name, ISO code or alias.

The built-in files live in ``ottawa_exit/data/states/<id>.toml`` and are read lazily: ``timeline poland`` reads
poland.toml alone. Every other state ever bound comes from the register (``parties``), read only when a lookup or
a list needs it; a state that never joined is an answer of its own (``NotAParty``), not "unknown". Users' files are read in full before any answer, so a broken one is an error wherever the
registry is used (``Rules.check()`` forces that read; completion alone stays silent).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError, UnknownName, closest, shown
from .load import Layers, load_file, parse_state
from .model import State
from .reader import RulesError, read_toml
from .register import NonParty, Party, entry, find, name_index, party_layers, party_state, register
from .names import fold
from .schema import SLUG, Problem

STATES_DIR = Path(__file__).parent / "states"
RULES_ENV = "OTTAWA_EXIT_RULES"


def rules_files_from_env() -> list[Path]:
    value = os.environ.get(RULES_ENV, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


class NotAParty(InputError):
    """A state that has never been bound by the Convention: a one-line answer (exit 2), not "unknown"."""


class Rules:
    """The states known to this run."""

    def __init__(self, user_files: Iterable[Path] = ()):
        self.user_files = [Path(p) for p in user_files]
        self._raw: dict[str, Layers] = {}
        self._states: dict[str, State] = {}
        self._user_loaded = False
        self._all_loaded = False
        self._builtin_ids: list[str] | None = None
        self._registered: dict[str, State] = {}

    def builtin_ids(self) -> list[str]:
        """The built-in states' ids, from the data directory's file names (listed once per Rules)."""
        if self._builtin_ids is None:
            self._builtin_ids = sorted(p.stem for p in STATES_DIR.glob("*.toml"))
        return self._builtin_ids

    def _load_builtin(self, state_id: str) -> State:
        """A built-in rules file joined to the register: the file adds the procedure and record to the state the
        register names (it may not repeat the register's names, codes or dates)."""
        if state_id not in self._states:
            state, raw = load_file(STATES_DIR / f"{state_id}.toml", self._party_base(state_id), builtin=True)
            self._states[state_id], self._raw[state_id] = state, raw
        return self._states[state_id]

    def check(self) -> None:
        """Read every user file, in order (a file naming a known state layers over it); RulesError lists every
        problem of every file. Done once; each lookup calls it first."""
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
                if base is None and isinstance(state_id, str) and state_id not in self.builtin_ids():
                    base = self._party_base(state_id)
                state, raw = parse_state(data, str(path), base)
                self._states[state.id], self._raw[state.id] = state, raw
            except RulesError as exc:
                problems.extend(exc.problems)
        self._user_loaded = True
        if problems:
            raise RulesError(problems)

    def user_sources(self) -> dict[str, Any]:
        """The [source.<key>] records users' files add to the built-in ones (their files read first)."""
        self.check()
        return {key: record for raw in self._raw.values() for key, record in raw.sources.items()}

    def all(self) -> list[State]:
        """Every state, built-ins in alphabetical order of id, then states only users' files add."""
        self.check()
        if not self._all_loaded:
            for state_id in self.builtin_ids():
                if state_id not in self._states:
                    self._load_builtin(state_id)
            self._all_loaded = True
        builtin = self.builtin_ids()
        return sorted(self._states.values(), key=lambda s: (s.id not in builtin, s.id))

    def _party_base(self, state_id: str) -> Layers | None:
        """The register's data for a party a rules file names (by id), to layer over; None for a new state."""
        found = entry(state_id)
        return party_layers(*found) if found else None

    def _registered_state(self, party: Party) -> State:
        """A registered state: its rules file or a user's file if there is one, else the register's data alone."""
        if party.id in self._states:
            return self._states[party.id]
        if party.id in self.builtin_ids():
            return self._load_builtin(party.id)
        if party.id not in self._registered:
            self._registered[party.id] = party_state(party, register().reviewed)
        return self._registered[party.id]

    def every(self) -> list[State]:
        """Every registered state (ever bound by the Convention), then states only users' files add; by id."""
        states = self.all()
        registered = [self._registered_state(p) for p in register().parties]
        ids = {s.id for s in registered}
        return sorted([*registered, *(s for s in states if s.id not in ids)], key=lambda s: s.id)

    def state(self, query: str) -> State:
        """Find a state by id, English or native name, ISO code or alias, ignoring case, accents and apostrophes.
        A state that never joined raises NotAParty; an unknown name, InputError with the closest name."""
        self.check()
        plain = " ".join(query.casefold().split())
        if SLUG.fullmatch(plain) and (STATES_DIR / f"{plain}.toml").is_file():
            return self._load_builtin(plain)  # the fast path: one file (already layered if a user's file extends it)

        key = fold(query)
        states = self.all()
        for state in states:
            if key in (fold(n) for n in state.names()):
                return state
        found = find(query)
        if isinstance(found, Party):
            return self._registered_state(found)
        if isinstance(found, NonParty):
            raise NotAParty(found.sentence())
        raise UnknownName(self._unknown(query, states), "country")

    def _unknown(self, query: str, states: list[State]) -> str:
        names: dict[str, str] = {fold(n): s.id for s in states for n in s.names()}
        names.update({k: v.id for k, v in name_index().items()})
        near = closest(fold(query), names, cutoff=0.5)
        hint = f"; did you mean '{names[near]}'?" if near else ""
        return f"unknown country {shown(query)}{hint}"

    def completions(self, prefix: str) -> Iterator[tuple[str, str]]:
        """(name, help) pairs for shell completion; never raises (a shell calls it on every <TAB>)."""
        try:
            states = self.all()
        except InputError:
            states = [self._load_builtin(i) for i in self.builtin_ids()]
        entries: dict[str, tuple[str, str, str, str]] = {s.id: (s.id, s.iso2, s.iso3, s.name) for s in states}
        try:
            for p in register().parties:
                entries.setdefault(p.id, (p.id, p.iso2, p.iso3, p.name))
        except InputError:
            pass
        folded = fold(prefix)
        for *names, help_text in sorted(entries.values()):
            for name in names:
                if fold(name).startswith(folded):
                    yield name, help_text
