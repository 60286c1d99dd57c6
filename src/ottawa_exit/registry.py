"""The states known to a run: the built-in files, with users' files (``--rules``, $OTTAWA_EXIT_RULES) layered over
them, found by id, English or native name, ISO code or alias.

The built-in files live in ``ottawa_exit/data/states/<id>.toml`` and are read lazily: ``timeline poland`` reads
poland.toml alone. Users' files are read in full before any answer, so a broken one is an error wherever the
registry is used (``Rules.check()`` forces that read; completion alone stays silent).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError, closest, shown
from .load import Layers, RulesError, load_file, parse_state, read_toml
from .model import State
from .schema import SLUG, Problem

STATES_DIR = Path(__file__).parent / "data" / "states"
RULES_ENV = "OTTAWA_EXIT_RULES"


def rules_files_from_env() -> list[Path]:
    value = os.environ.get(RULES_ENV, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


class Rules:
    """The states known to this run."""

    def __init__(self, user_files: Iterable[Path] = ()):
        self.user_files = [Path(p) for p in user_files]
        self._raw: dict[str, Layers] = {}
        self._states: dict[str, State] = {}
        self._user_loaded = False
        self._all_loaded = False
        self._builtin_ids: list[str] | None = None

    def builtin_ids(self) -> list[str]:
        """The built-in states' ids, from the data directory's file names (listed once per Rules)."""
        if self._builtin_ids is None:
            self._builtin_ids = sorted(p.stem for p in STATES_DIR.glob("*.toml"))
        return self._builtin_ids

    def _load_builtin(self, state_id: str) -> State:
        if state_id not in self._states:
            state, raw = load_file(STATES_DIR / f"{state_id}.toml")
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
                state, raw = parse_state(data, str(path), base)
                self._states[state.id], self._raw[state.id] = state, raw
            except RulesError as exc:
                problems.extend(exc.problems)
        self._user_loaded = True
        if problems:
            raise RulesError(problems)

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

    def state(self, query: str) -> State:
        """Find a state by id, English or native name, ISO code or alias, ignoring case."""
        self.check()
        key = _fold(query)
        if SLUG.fullmatch(key) and (STATES_DIR / f"{key}.toml").is_file():
            return self._load_builtin(key)  # the fast path: one file (already layered if a user's file extends it)
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
        """(name, help) pairs for shell completion; never raises (a shell calls it on every <TAB>)."""
        try:
            states = self.all()
        except InputError:
            states = [self._load_builtin(i) for i in self.builtin_ids()]
        folded = _fold(prefix)
        for state in states:
            for name in (state.id, state.iso2, state.iso3):
                if _fold(name).startswith(folded):
                    yield name, state.name

