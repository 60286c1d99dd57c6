"""The source policy, as data (``data/policy.toml``), applied to every source record and every fact that cites one.

- A refused host (a disinformation network or propaganda outlet, an aggregator, a machine-translation site, a forum,
  a personal blog, a content farm, a link proxy, a mirror posing as an original, an entertainment site) is never a
  source's address. A copy read on a link proxy or a mirror may be named as ``via`` beside the original's address
  (its category says so: ``via = true``); nothing else of a refused host may appear at all.
- A host that may not stand alone (state media of a party to a conflict) and a kind that may not stand alone are
  cited only beside a source that may: never as a fact's only source.
- A fact that must cite (a recorded date, a register entry, a treaty's clause, a withdrawal) cites at least one
  source, or is marked ``secondary`` with the reason no citable source states it.

The same checks run on the built-in files (the tests) and on users' files (``rules check`` and every command that
reads them); each problem names the file, the key path of the fact and the host.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import shown
from .model import KINDS, Source
from .reader import parse, read_toml
from .schema import Checker
from .specs import POLICY_SPEC

POLICY_FILE = Path(__file__).parent / "policy.toml"


@dataclass(frozen=True, slots=True)
class HostRule:
    """A host the policy names: it and every subdomain."""

    host: str  # the domain: it and every subdomain
    reason: str
    category: str = ""
    via: bool = False  # a refused host that may still be named as where a copy was read


def host_of(address: str) -> str:
    return (urlsplit(address).hostname or "").removeprefix("www.")


def _by_host(rules: Sequence[HostRule]) -> dict[str, HostRule]:
    """Rules by host, the first for a host kept (as a scan in order would find it)."""
    found: dict[str, HostRule] = {}
    for rule in rules:
        found.setdefault(rule.host, rule)
    return found


def _rule_for(host: str, rules: Mapping[str, HostRule]) -> HostRule | None:
    """The rule for ``host`` or for a domain it is a subdomain of: a look-up per label, however many rules there
    are (a.b.example.org: a.b.example.org, b.example.org, example.org, org)."""
    labels = host.split(".")
    return next((rules[d] for d in (".".join(labels[i:]) for i in range(len(labels))) if d in rules), None)


@dataclass(frozen=True, slots=True)
class Policy:
    """The source policy: refused hosts, hosts and kinds that may not stand alone, and which categories of refused
    host may still be named as where a copy was read."""

    refused: tuple[HostRule, ...]
    not_alone: tuple[HostRule, ...]
    kinds_not_alone: tuple[str, ...]
    categories: dict[str, bool]  # category -> may a host of it be named as via
    refused_hosts: dict[str, HostRule] = field(default_factory=dict)  # ``refused`` by host
    not_alone_hosts: dict[str, HostRule] = field(default_factory=dict)  # ``not_alone`` by host

    def refusal(self, address: str) -> HostRule | None:
        """The rule that refuses the address's host, or None."""
        return _rule_for(host_of(address), self.refused_hosts)

    def alone_rule(self, source: Source) -> HostRule | None:
        """Why ``source`` may not stand alone (its host's rule, or its kind's), or None if it may."""
        found = _rule_for(host_of(source.url), self.not_alone_hosts)
        if found is None and source.kind in self.kinds_not_alone:
            found = HostRule(source.kind, f"a {source.kind} source", "kind")
        return found

    def check_record(self, source: Source) -> list[tuple[str, str]]:
        """(field, reason) for a record whose address, or copy, sits on a refused host."""
        problems = []
        rule = self.refusal(source.url)
        if rule is not None:
            hint = "; cite the original's address, with this one as via" if rule.via else ""
            problems.append(("url", f"{host_of(source.url)} is refused ({rule.category}: {rule.reason}){hint}"))
        rule = self.refusal(source.via) if source.via else None
        if rule is not None and not rule.via:
            problems.append(("via", f"{host_of(source.via or '')} is refused, even as a copy ({rule.category}: "
                                    f"{rule.reason})"))
        return problems

    def check_fact(self, sources: Sequence[Source], secondary: str | None, must_cite: bool) -> list[str]:
        """Why a fact's citation breaks the policy (none: it keeps it)."""
        problems = [f"cites '{s.key}' on a refused host ({reason})" for s in sources for _, reason in self.check_record(s)]
        if problems:
            return problems
        if sources and all(self.alone_rule(s) for s in sources):
            hosts = ", ".join(f"'{s.key}' ({host_of(s.url)}: {self.alone_rule(s).reason})"  # type: ignore[union-attr]
                              for s in sources)
            return [f"{hosts} may not stand alone: cite an independent source beside it"]
        if must_cite and not sources and not secondary:
            return ["no source: cite a source key, or mark the fact secondary = \"why no citable source states it\""]
        return []


def parse_policy(data: dict[str, Any], file: str) -> Policy:
    """The policy file's data as a Policy (``specs.POLICY_SPEC``); a refused host of no declared category, or a kind
    of source that does not exist, is a problem. RulesError lists every problem."""
    def consistent(check: Checker, values: dict[str, Any], file: str) -> None:
        names = {row.values["name"] for row in values["category"]}
        for row in values["refused"]:
            if row.values["category"] not in names:
                check.add(file, f"{row.key}.category", f"{shown(row.values['category'])} is not a [[category]] name")
        for kind in values["kinds_not_alone"]:
            if kind not in KINDS:
                check.add(file, "kinds_not_alone", f"{shown(kind)} is not a kind of source ({', '.join(KINDS)})")

    values = parse(data, file, POLICY_SPEC, consistent)
    categories = {row.values["name"]: row.values["via"] for row in values["category"]}
    refused = tuple(HostRule(r.values["host"], r.values["reason"], r.values["category"], categories[r.values["category"]])
                    for r in values["refused"])
    not_alone = tuple(HostRule(r.values["host"], r.values["reason"]) for r in values["not_alone"])
    return Policy(refused, not_alone, tuple(values["kinds_not_alone"]), categories, _by_host(refused),
                  _by_host(not_alone))


def read_policy(path: Path) -> Policy:
    """A policy file read and checked; RulesError lists every problem."""
    return parse_policy(read_toml(path), str(path))


@functools.cache
def policy() -> Policy:
    """The shipped policy, read and checked once per process."""
    return read_policy(POLICY_FILE)
