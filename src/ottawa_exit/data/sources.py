"""Sources as records, in one place: ``data/sources.toml`` holds ``[source.<key>]`` tables (address, publisher, kind,
title, publication date, language, and ``via`` when what was read was a copy); every fact in every data file cites
keys of it. A user's rules file may add its own ``[source.<key>]`` records beside the built-in ones.

Each record is read by its declared spec (``specs.SOURCE``) and checked against the source policy (``policy``): no
record's address may sit on a refused host, nor its copy unless the host's category allows it as ``via``. The
built-in file is read once per process, and each of its records is parsed, built and checked the first time it is
cited (``builtin_sources``): `timeline poland` reads Poland's sources, not the 299 of every file. ``read_sources``
checks every record at once (the tests read the built-in file so).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import shown
from .model import Source
from .policy import policy
from .reader import fail, loads, parse, read_text, read_toml
from .schema import Checker, Item
from .specs import SOURCE, SOURCES_SPEC

SOURCES_FILE = Path(__file__).parent / "sources.toml"
RECORD = "\n[source."  # a record's header, at the start of a line
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
    """The built-in records by key. The file is read once and cut at its record headers (``[source.<key>]`` at the
    start of a line); a record is parsed, checked by its spec and against the policy, and built the first time it
    is looked up (a problem in it is then a RulesError). So `timeline poland` parses Poland's few dozen records,
    not the whole file: parsing its 100 KB cost 44 M instructions, 7% of a bare Typer app's start-up
    (benchmarks/bench.py --startup). ``read_sources`` parses the file whole, as TOML; a test holds the two equal."""

    def __init__(self, path: Path) -> None:
        self.file = str(path)
        head, *records = ("\n" + read_text(path)).split(RECORD)
        check = Checker()
        if loads(head, self.file):  # only comments may come before the first record
            check.add(self.file, "", "only [source.<key>] tables may be given, each starting a line")
        self._text: dict[str, str] = {}
        for text in records:
            key = text.partition("]")[0]
            if key in self._text:
                check.add(self.file, f"source.{key}", "given twice")
            self._text[key] = text
        fail(check)
        self._built: dict[str, Source] = {}

    def __getitem__(self, key: str) -> Source:
        if key not in self._built:
            self._built[key] = self._build(key, self._text[key])  # KeyError for a key not in the file
        return self._built[key]

    def _build(self, key: str, text: str) -> Source:
        raw = parse(loads(RECORD.lstrip("\n") + text, self.file), self.file, SOURCES_SPEC)["source"]
        check = Checker()
        if list(raw) != [key]:  # the header's text names another key (quoted, say): read it as TOML does
            check.add(self.file, f"source.{key}", "write each record's header as [source.<key>], the key unquoted")
        fail(check)
        found = parse_sources(check, raw, self.file)
        fail(check)
        return found[key]

    def __contains__(self, key: object) -> bool:
        return key in self._text

    def __iter__(self) -> Iterator[str]:
        return iter(self._text)

    def __len__(self) -> int:
        return len(self._text)


class Citable:
    """What a file's facts may cite (``records``: the built-in records, and a user's file's own) and the policy
    their citations keep to: the ``schema.Citing`` a Checker is given."""

    def __init__(self, records: Mapping[str, Source]) -> None:
        self.records = records

    def check_fact(self, sources: Sequence[Source], secondary: str | None, must_cite: bool) -> list[str]:
        return policy().check_fact(sources, secondary, must_cite)


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


def builtin_citable() -> Citable:
    """The built-in records and the policy: what the built-in files' facts may cite."""
    return Citable(builtin_sources())
