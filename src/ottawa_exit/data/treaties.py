"""Treaties' exit clauses as data: ``data/treaties/<id>.toml`` -> a ``Treaty`` holding the ``clauses.ExitClause``.

Each file quotes its clause with its article and source address (``[treaty]``) and gives the rule as fields
(``[rule]``): a period in days, months or years; its start (the depositary's receipt, or the notice); the depositary's
counting practice (same-day, day-after, or unknown: both dates are then shown); whether the notification may name a
later date; a minimum time before notice may be given; an armed-conflict clause; UNESCO's end of the following year.
Recorded cases the rule does not reproduce are listed under ``[[rule.exceptions]]`` with the reason: the rule is never
tuned to one case.

Files are read by the one reader by their spec (``specs.TREATY_SPEC``: ``file: key.path: reason``, near-miss hints),
lazily by id:
``effective`` without ``--treaty`` and every Ottawa path read ``ottawa.toml`` alone (see ``ottawa``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..engine.clauses import ConflictRule, Count, ExitClause, Form, Start
from ..errors import InputError, UnknownName, closest, shown
from .names import fold
from .model import Source
from .reader import read
from .schema import Checker
from .sources import builtin_citable
from .specs import TREATY_SPEC

TREATIES_DIR = Path(__file__).parent / "treaties"


@dataclass(frozen=True, slots=True)
class RuleException:
    """A recorded withdrawal whose stated date the rule does not give, and why."""

    state: str  # ISO 3166 alpha-3 (or the record's code for a non-state party)
    effective_stated: date
    explanation: str
    sources: tuple[Source, ...]
    secondary: str | None = None


@dataclass(frozen=True, slots=True, repr=False)
class Treaty:
    id: str
    name: str
    short_names: tuple[str, ...]
    adopted: date
    in_force: date
    depositary: str
    article: str
    clause_text: str
    sources: tuple[Source, ...]
    note: str | None
    clause: ExitClause
    counting_note: str
    counting_sources: tuple[Source, ...]
    armed_conflict_text: str | None
    exceptions: tuple[RuleException, ...]
    file: str
    secondary: str | None = None  # the clause text: why no official publication of it is cited
    note_sources: tuple[Source, ...] = ()
    note_secondary: str | None = None
    counting_secondary: str | None = None

    @property
    def short_name(self) -> str:
        """The name the treaty goes by: its first short name, else its name."""
        return self.short_names[0] if self.short_names else self.name

    def __repr__(self) -> str:
        """``<Treaty rome-statute: Rome Statute, Article 127(1)>``."""
        return f"<Treaty {self.id}: {self.clause.citation}>"


# ---------------------------------------------------------------------------------------------------------------
# Reading


def treaty_ids() -> list[str]:
    """The built-in treaties' ids, from the data directory's file names (no file is read)."""
    return sorted(p.stem for p in TREATIES_DIR.glob("*.toml"))


def unknown_treaty(query: str) -> UnknownName:
    names = treaty_names() if query.strip().casefold() not in treaty_ids() else {}
    near = closest(fold(query), names) or closest(query, treaty_ids())
    shown_near = names.get(near, near) if near else None
    hint = f" (did you mean '{shown_near}'?)" if shown_near else f"; known: {', '.join(treaty_ids())}"
    return UnknownName(f"unknown treaty {shown(query)}{hint}", "treaty")


@functools.cache
def treaty_names() -> dict[str, str]:
    """Every treaty's id, name and short names (acronyms included), folded -> its id. Reads every treaty file."""
    return {fold(name): t.id for t in all_treaties() for name in (t.id, t.name, *t.short_names)}


def find_treaty(query: str) -> Treaty:
    """The one lookup of a treaty: by id, name, short name or acronym (NPT, ICC, "Rome Statute", "Paris Agreement",
    "Mine Ban Treaty", UNESCO), ignoring case and accents. An id reads one file; a name reads them all. An unknown
    name is an InputError naming the closest."""
    plain = query.strip().casefold()
    if plain in treaty_ids():
        return treaty(plain)
    found = treaty_names().get(fold(query))
    if found is None:
        raise unknown_treaty(query)
    return treaty(found)


@functools.cache
def treaty(treaty_id: str) -> Treaty:
    """One built-in treaty by id, read and validated on first use. An unknown id is an InputError."""
    if treaty_id not in treaty_ids():
        raise unknown_treaty(treaty_id)
    return read_treaty(TREATIES_DIR / f"{treaty_id}.toml")


def all_treaties() -> list[Treaty]:
    return [treaty(t) for t in treaty_ids()]


def read_treaty(path: Path) -> Treaty:
    """Read one treaty file by its spec (``specs.TREATY_SPEC``); RulesError lists every problem as
    ``file: key.path: reason``."""

    def named_as_file(check: Checker, values: dict[str, Any], file: str) -> None:
        if values["treaty"]["id"] != path.stem:
            check.add(file, "treaty.id", f"{shown(values['treaty']['id'])} must match the file name ({shown(path.stem)})")

    values = read(path, TREATY_SPEC, named_as_file, builtin_citable())
    rule = values["rule"]
    return _build(values["treaty"], rule, tuple(RuleException(**e) for e in rule["exceptions"]), str(path))


def _build(head: dict[str, Any], rule: dict[str, Any], exceptions: tuple[RuleException, ...], file: str) -> Treaty:
    short = head["short_names"][0] if head["short_names"] else head["name"]
    clause = ExitClause(
        citation=f"{short}, {head['article']}",
        period=rule["period"],
        depositary=head["depositary_short"],
        start=Start(rule["start"]),
        counting=Count(rule["counting"]),
        later_date=rule["later_date"],
        notice_not_before=rule["notice_not_before"],
        armed_conflict=ConflictRule(rule["armed_conflict"]),
        form=Form(rule["effect"]) if rule["effect"] else Form.PERIOD,
    )
    return Treaty(
        head["id"], head["name"], head["short_names"], head["adopted"], head["in_force"], head["depositary"],
        head["article"], head["clause"], head["sources"], head["note"], clause, rule["counting_note"],
        rule["counting_sources"], rule["armed_conflict_text"], exceptions, file, head["secondary"],
        head["note_sources"], head["note_secondary"], rule["counting_secondary"],
    )


# ---------------------------------------------------------------------------------------------------------------
# Describing a rule in one line


def summary(clause: ExitClause) -> str:
    """The rule in one line, e.g. "1 year after receipt; later date allowed; notice not before 3 years"."""
    if clause.form is Form.END_OF_FOLLOWING_YEAR:
        parts = [f"31 December of the year after the {clause.start.value}"]
    else:
        amount, unit = clause.period.amount, clause.period.unit
        parts = [f"{amount} {unit.value if amount != 1 else unit.value[:-1]} after {clause.start.value}"]
    if clause.later_date:
        parts.append("later date allowed")
    if clause.notice_not_before:
        parts.append(f"notice not before {clause.notice_not_before.words()}")
    if clause.armed_conflict is not ConflictRule.NONE:
        parts.append(f"armed conflict: {clause.armed_conflict.value}")
    return "; ".join(parts)


def first_notice_from(treaty_: Treaty, bound_from: date | None) -> date | None:
    """The date the minimum time counts from: the party's date (``--bound-from``), or the treaty's own entry into
    force when the clause counts from that."""
    notice = treaty_.clause.notice_not_before
    if notice is not None and notice.counted_from == "entry-into-force" and bound_from is None:
        return treaty_.in_force
    return bound_from
