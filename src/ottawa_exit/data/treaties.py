"""Treaties' exit clauses as data: ``data/treaties/<id>.toml`` -> a ``Treaty`` holding the ``clauses.ExitClause``.

Each file quotes its clause with its article and source address (``[treaty]``) and gives the rule as fields
(``[rule]``): a period in days, months or years; its start (the depositary's receipt, or the notice); the depositary's
counting practice (same-day, day-after, or unknown: both dates are then shown); whether the notification may name a
later date; a minimum time before notice may be given; an armed-conflict clause; UNESCO's end of the following year.
Recorded cases the rule does not reproduce are listed under ``[[rule.exceptions]]`` with the reason: the rule is never
tuned to one case.

Files are validated by the ``schema`` machinery (``file: key.path: reason``, near-miss hints) and read lazily by id:
the Ottawa path (``effective`` without ``--treaty``) reads none of them and uses ``article20.ARTICLE_20``, which a
test holds equal to ``ottawa.toml``'s rule.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from ..engine.clauses import ConflictRule, Count, ExitClause, Form, NoticeNotBefore, Period, Start, Unit
from ..errors import InputError, closest, shown
from .schema import DATE, FLAG, NAMES, SOURCES, TEXT, Checker, Field, Invalid, Item, Kind, Table, _slug

TREATIES_DIR = Path(__file__).parent / "treaties"


class RuleException(NamedTuple):
    """A recorded withdrawal whose stated date the rule does not give, and why."""

    state: str  # ISO 3166 alpha-3 (or the record's code for a non-state party)
    effective_stated: date
    explanation: str
    sources: tuple[str, ...]


class Treaty(NamedTuple):
    id: str
    name: str
    short_names: tuple[str, ...]
    adopted: date
    in_force: date
    depositary: str
    article: str
    clause_text: str
    sources: tuple[str, ...]
    note: str | None
    clause: ExitClause
    counting_note: str
    counting_sources: tuple[str, ...]
    armed_conflict_text: str | None
    exceptions: tuple[RuleException, ...]
    file: str

    @property
    def short_name(self) -> str:
        return self.short_names[0] if self.short_names else self.name


# ---------------------------------------------------------------------------------------------------------------
# The spec: one line per key


def _choice(*values: str) -> Kind:
    def parse(value: Any) -> str:
        if value not in values:
            near = closest(str(value), values)
            hint = f" (did you mean '{near}'?)" if near else ""
            raise Invalid(f"must be one of {', '.join(values)}, not {shown(str(value))}{hint}")
        return str(value)

    return Kind(", ".join(values), parse)


def _amount(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
        raise Invalid("must be a whole number from 1 to 1000")
    return value


AMOUNT = Kind("a whole number", _amount)


def _period(values: dict[str, Any]) -> Period:
    given = [(values[u.value], u) for u in Unit if values[u.value] is not None]
    if len(given) != 1:
        raise Invalid("must give exactly one of days, months or years, e.g. { months = 6 }")
    return Period(*given[0])


PERIOD = Table("a table: { days | months | years = N }", tuple(Field(u.value, AMOUNT) for u in Unit), _period)
NOTICE_FROM = ("entry-into-force-for-party", "becoming-party", "entry-into-force")
NOT_BEFORE = Table("a table: { years = N, from = ... }", (
    Field("years", AMOUNT, required=True),
    Field("from", _choice(*NOTICE_FROM), default=NOTICE_FROM[0], attr="counted_from"),
), lambda values: NoticeNotBefore(**values))
EXCEPTION = (
    Field("state", TEXT, required=True),
    Field("effective_stated", DATE, required=True),
    Field("explanation", TEXT, required=True),
    Field("source", SOURCES, default=(), attr="sources"),
)

TREATY = (
    Field("id", TEXT, required=True, check=_slug("rome-statute")),
    Field("name", TEXT, required=True),
    Field("short_names", NAMES, default=()),
    Field("adopted", DATE, required=True),
    Field("in_force", DATE, required=True),
    Field("depositary", TEXT, required=True),
    Field("depositary_short", TEXT, default=""),
    Field("article", TEXT, required=True),
    Field("clause", TEXT, required=True),
    Field("source", SOURCES, required=True, attr="sources"),
    Field("note", TEXT),
)
RULE = (
    Field("period", PERIOD, required=True),
    Field("start", _choice(*(s.value for s in Start)), required=True),
    Field("counting", _choice(*(c.value for c in Count)), required=True),
    Field("counting_note", TEXT, required=True),
    Field("counting_source", SOURCES, default=()),
    Field("later_date", FLAG, default=False),
    Field("armed_conflict", _choice(*(c.value for c in ConflictRule)), default=ConflictRule.NONE.value),
    Field("armed_conflict_text", TEXT),
    Field("notice_not_before", NOT_BEFORE),
    Field("effect", _choice(Form.END_OF_FOLLOWING_YEAR.value)),
)


# ---------------------------------------------------------------------------------------------------------------
# Reading


def treaty_ids() -> list[str]:
    """The built-in treaties' ids, from the data directory's file names (no file is read)."""
    return sorted(p.stem for p in TREATIES_DIR.glob("*.toml"))


def unknown_treaty(treaty_id: str) -> InputError:
    near = closest(treaty_id, treaty_ids())
    hint = f" (did you mean '{near}'?)" if near else f"; known: {', '.join(treaty_ids())}"
    return InputError(f"unknown treaty {shown(treaty_id)}{hint}; 'ottawa-exit treaties' lists them")


@functools.cache
def treaty(treaty_id: str) -> Treaty:
    """One built-in treaty by id, read and validated on first use. An unknown id is an InputError."""
    if treaty_id not in treaty_ids():
        raise unknown_treaty(treaty_id)
    return read_treaty(TREATIES_DIR / f"{treaty_id}.toml")


def all_treaties() -> list[Treaty]:
    return [treaty(t) for t in treaty_ids()]


def read_treaty(path: Path) -> Treaty:
    """Read one treaty file; every problem is reported (RulesError) as ``file: key.path: reason``."""
    from .load import RulesError, read_toml

    data = read_toml(path)
    file = str(path)
    check = Checker()
    check.unknown_keys(Item(data, file, ""), ("treaty", "rule"))
    head = check.table(Item(data.get("treaty", {}), file, "treaty"), TREATY)
    rule_raw = data.get("rule", {})
    raw_exceptions = rule_raw.get("exceptions", []) if isinstance(rule_raw, dict) else []
    rule = check.table(Item({k: v for k, v in rule_raw.items() if k != "exceptions"}
                            if isinstance(rule_raw, dict) else rule_raw, file, "rule"), RULE)
    exceptions = _exceptions(check, raw_exceptions, file)
    if head is not None and head["id"] != path.stem:
        check.add(file, "treaty.id", f"{shown(head['id'])} must match the file name ({shown(path.stem)})")
    if check.problems or head is None or rule is None or exceptions is None:
        raise RulesError(check.problems)
    return _build(head, rule, exceptions, file)


def _exceptions(check: Checker, raw: Any, file: str) -> tuple[RuleException, ...] | None:
    if not isinstance(raw, list):
        check.add(file, "rule.exceptions", "must be an array of tables: [[rule.exceptions]]")
        return None
    found = []
    for i, item in enumerate(raw):
        values = check.table(Item(item, file, f"rule.exceptions[{i}]"), EXCEPTION)
        if values is not None:
            found.append(RuleException(**values))
    return tuple(found) if len(found) == len(raw) else None


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
        rule["counting_source"], rule["armed_conflict_text"], exceptions, file,
    )


# ---------------------------------------------------------------------------------------------------------------
# Describing a rule in one line


def summary(clause: ExitClause) -> str:
    """The rule in one line, e.g. "1 year after receipt; later date allowed; notice not before 3 years"."""
    if clause.form is Form.END_OF_FOLLOWING_YEAR:
        parts = [f"31 December of the year after the {clause.start.value}"]
    else:
        amount, unit = clause.period
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
