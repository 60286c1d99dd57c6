"""Sources as records, in one place: ``data/sources.toml`` holds ``[source.<key>]`` tables (address, publisher, kind,
title, publication date, language, and ``via`` when what was read was a copy); every fact in every data file cites
keys of it. A user's rules file may add its own ``[source.<key>]`` records beside the built-in ones.

Each record is read by its declared spec (``specs.SOURCE``) and checked against the source policy (``policy``): no
record's address may sit on a refused host, nor its copy unless the host's category allows it as ``via``. The
built-in file is parsed whole once per process, and each of its records is built and checked the first time it is
cited (``builtin_sources``): `timeline poland` checks Poland's sources, not the 299 of every file. ``read_sources``
checks every record at once (the tests read the built-in file so).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import shown
from .model import Source
from .policy import policy
from .reader import fail, parse, read_toml
from .schema import Checker, Item
from .specs import SOURCE, SOURCES_SPEC

SOURCES_FILE = Path(__file__).parent / "sources.toml"
KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def parse_sources(check: Checker, raw: Any, file: str, taken: Mapping[str, Source] | None = None) -> dict[str, Source]:
    """A file's ``[source.<key>]`` tables as records, each checked against the policy; a key already in ``taken``
    (the built-in records, for a user's file) is a problem, so a user's record never shadows a built-in one."""
    if not isinstance(raw, dict):
        return {}  # absent; anything else is reported by the file's spec
    found: dict[str, Source] = {}
    for key, table in raw.items():
        path = f"source.{key}"
        if not KEY.fullmatch(key):
            check.add(file, path, f"{shown(key)}: a source key is lower-case words joined by '-' (e.g. 'err-1609721424')")
            continue
        if taken is not None and key in taken:
            check.add(file, path, "a built-in source has this key: cite it as it is, or give yours another key")
            continue
        values = check.table(Item(table, file, path), SOURCE)
        if values is None:
            continue
        record = Source(key=key, **values)
        for field, reason in policy().check_record(record):
            check.add(file, f"{path}.{field}", reason)
        found[key] = record
    return found


def read_sources(path: Path) -> dict[str, Source]:
    """A sources file (``specs.SOURCES_SPEC``) read and checked, every record against the policy; RulesError lists
    every problem."""
    found: dict[str, Source] = {}

    def records(check: Checker, values: dict[str, Any], file: str) -> None:
        found.update(parse_sources(check, values["source"], file))

    parse(read_toml(path), str(path), SOURCES_SPEC, records)
    return found


class BuiltinSources(Mapping[str, Source]):
    """The built-in records by key: the file is parsed and its layout checked by the spec at once; a record is
    built and checked against the policy the first time it is looked up (a problem in it is then a RulesError)."""

    def __init__(self, path: Path) -> None:
        self.file = str(path)
        self._raw: dict[str, Any] = parse(read_toml(path), self.file, SOURCES_SPEC)["source"]
        self._built: dict[str, Source] = {}

    def __getitem__(self, key: str) -> Source:
        if key not in self._built:
            if key not in self._raw:
                raise KeyError(key)
            check = Checker()
            found = parse_sources(check, {key: self._raw[key]}, self.file)
            fail(check)
            self._built[key] = found[key]
        return self._built[key]

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


class Cited(Mapping[str, Source]):
    """The records a file may cite: its own, then the built-in ones (each looked up only when cited)."""

    def __init__(self, own: Mapping[str, Source], builtin: Mapping[str, Source]) -> None:
        self.own, self.builtin = own, builtin

    def __getitem__(self, key: str) -> Source:
        return self.own[key] if key in self.own else self.builtin[key]

    def __contains__(self, key: object) -> bool:
        return key in self.own or key in self.builtin

    def __iter__(self) -> Iterator[str]:
        yield from self.own
        yield from (k for k in self.builtin if k not in self.own)

    def __len__(self) -> int:
        return sum(1 for _ in self)


@functools.cache
def builtin_sources() -> BuiltinSources:
    """The built-in records (``data/sources.toml``): the file read once per process, each record checked when
    first cited."""
    return BuiltinSources(SOURCES_FILE)
