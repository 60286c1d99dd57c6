"""Sources as records, in one place: ``data/sources.toml`` holds ``[source.<key>]`` tables (address, publisher, kind,
title, publication date, language, and ``via`` when what was read was a copy); every fact in every data file cites
keys of it. A user's rules file may add its own ``[source.<key>]`` records beside the built-in ones.

Each record is read by its declared spec (``specs.SOURCE``) and checked against the source policy (``policy``): no
record's address may sit on a refused host, nor its copy unless the host's category allows it as ``via``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import shown
from .model import Source
from .schema import Checker, Item

SOURCES_FILE = Path(__file__).parent / "sources.toml"
KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def parse_sources(check: Checker, raw: Any, file: str, taken: Mapping[str, Source] | None = None) -> dict[str, Source]:
    """A file's ``[source.<key>]`` tables as records, each checked against the policy; a key already in ``taken``
    (the built-in records, for a user's file) is a problem, so a user's record never shadows a built-in one."""
    from .policy import policy
    from .specs import SOURCE

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
    from .reader import parse, read_toml
    from .specs import SOURCES_SPEC

    found: dict[str, Source] = {}

    def records(check: Checker, values: dict[str, Any], file: str) -> None:
        found.update(parse_sources(check, values["source"], file))

    parse(read_toml(path), str(path), SOURCES_SPEC, records)
    return found


@functools.cache
def builtin_sources() -> dict[str, Source]:
    """The built-in records (``data/sources.toml``), read and checked once per process."""
    return read_sources(SOURCES_FILE)
