"""The library, one function per command: what `ottawa-exit COMMAND` shows, as typed results for notebooks and
scripts. The command line calls these same functions and only adds its options, formats and exit codes.

    >>> import ottawa_exit as ox
    >>> ox.timeline("poland", as_of="2025-03-18")
    <Timeline Poland as of 2025-03-18: party; takes effect 2026-03-25 (projected)>
    >>> ox.effective("2025-08-31").effective
    datetime.date(2026, 2, 28)

States are found by id, name, native name, ISO code or alias (``"poland"``, ``"PL"``, ``"Polska"``); dates are
``datetime.date`` objects or ISO strings (``"2025-03-18"``). ``rules`` adds users' rules files (paths) to the
built-in states, or passes a ``Rules`` already made. Bad input raises ``InputError``, whose message says what is
wrong in the domain's words and whose ``about`` names the parameter at fault; broken rules files raise
``RulesError`` with every problem. Results are frozen records: ``ottawa_exit.documents.document(result)`` gives the
JSON the command line prints for them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from .data import template as templates
from .data.citations import Citation, citations
from .data.model import KINDS, State
from .data.ottawa import OTTAWA
from .data.reader import RulesError
from .data.register import NonParty, find, non_parties, register
from .data.registry import NotAParty, Rules
from .data.sources import builtin_sources
from .data.treaties import all_treaties, find_treaty, first_notice_from
from .data.withdrawals import pending as pending_rows, select
from .engine.clauses import ArmedConflict, Count, Effect
from .engine.dates import parse_date
from .engine.rule import ExitRule
from .errors import InputError, closest, shown
from .projection import backtest as backtests
from .projection.timeline import Overrides, Timeline, project_timeline
from .results import (
    STATUS_WORDS, Comparison, Countries, Parties, RulesCheck, Sort, SourceList, Treaties, Withdrawals, has_status,
    rules_reviewed, sort_key,
)

__all__ = ["DateLike", "RulesLike", "backtest", "check_rules", "compare", "countries", "effective", "exit_rule",
           "parties", "procedure", "sources", "template", "timeline", "treaties", "withdrawals"]

DateLike = dt.date | str  # a date, or the same as an ISO string ("2025-03-18")
RulesLike = Rules | Iterable[str | os.PathLike[str]] | None  # users' rules files over the built-in ones


def _rules(rules: RulesLike) -> Rules:
    if isinstance(rules, Rules):
        return rules
    if isinstance(rules, (str, os.PathLike)):
        return Rules([Path(rules)])  # one path given alone
    return Rules([Path(r) for r in rules or ()])


def day(value: DateLike, name: str = "date") -> dt.date:
    """``value`` as a date: a ``datetime.date`` as it is (a ``datetime`` loses its time), or an ISO string
    (``YYYY-MM-DD``, strictly). InputError names ``name`` otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value, name)
    raise InputError(f"{name}: {value!r} is neither a date nor an ISO date string", about=name)


def _optional_day(value: DateLike | None, name: str) -> dt.date | None:
    return None if value is None else day(value, name)


def _as_of(value: DateLike | None, name: str = "as_of") -> dt.date:
    return _optional_day(value, name) or dt.date.today()


def timeline(
    country: str,
    as_of: DateLike | None = None,
    receipt: DateLike | None = None,
    steps: Mapping[str, DateLike] | Iterable[tuple[str, DateLike]] | None = None,
    armed_conflict_until: DateLike | None = None,
    armed_conflict: bool = False,
    no_armed_conflict: bool = False,
    rules: RulesLike = None,
) -> Timeline:
    """One state's withdrawal as known on ``as_of`` (default: today): every step dated (recorded, projected or a
    what-if) with its source, the receipt by the Depositary and the date the withdrawal takes effect.

    What-ifs: ``receipt`` (the Depositary receives the instrument on that date), ``steps`` (step id -> date),
    ``armed_conflict_until`` (an armed conflict that ends on that date) or ``armed_conflict`` (one with no known
    end), ``no_armed_conflict`` (set aside a conflict the rules record). Nothing is projected before a step of a
    withdrawal is recorded or given as a what-if.

    ``ottawa-exit timeline COUNTRY``; ``timeline_dict(result)`` is its JSON."""
    pairs = steps.items() if isinstance(steps, Mapping) else steps or ()
    overrides = Overrides.build(
        receipt=_optional_day(receipt, "receipt"),
        steps=[(step_id, day(value, "steps")) for step_id, value in pairs],
        armed_conflict_until=_optional_day(armed_conflict_until, "armed_conflict_until"),
        armed_conflict=armed_conflict,
        no_armed_conflict=no_armed_conflict,
    )
    return project_timeline(_rules(rules).state(country), _as_of(as_of), overrides)


def compare(countries: Iterable[str] | None = None, as_of: DateLike | None = None,
            rules: RulesLike = None) -> Comparison:
    """Several states' timelines as of one date (default: every state with a rules file of its own), each state
    once, in the order given. ``ottawa-exit compare [COUNTRY]...``."""
    loaded = _rules(rules)
    names = list(countries or ())
    states = [loaded.state(c) for c in names] if names else loaded.all()
    on = _as_of(as_of)
    unique = {s.id: s for s in states}.values()
    return Comparison(on, tuple(project_timeline(s, on) for s in unique))


def countries(as_of: DateLike | None = None, all: bool = False, rules: RulesLike = None,
              status: Iterable[str] | None = None, sort: Sort | str | None = None) -> Countries:
    """The states with a withdrawal or suspension on record, with their status, receipt and effect on ``as_of``;
    with ``all``, every state ever bound by the Convention. ``status``: only the rows with any of these statuses
    (``party``, ``withdrawn``, ``suspended``, ``never``; with ``all``, ``never`` adds the states that never
    joined); ``sort``: by ``name``, ``bound`` (the bound-from date) or ``status`` (default: by id).
    ``ottawa-exit countries [--all] [--status ...] [--sort ...]``."""
    wanted = _statuses(status)
    order = _sort(sort)
    loaded = _rules(rules)
    on = _as_of(as_of)
    timelines = tuple(project_timeline(s, on) for s in (loaded.every() if all else loaded.all()))
    never_joined = all and "never" in wanted
    candidates: list[Timeline | NonParty] = [*timelines, *(non_parties() if never_joined else ())]
    rows = [r for r in candidates if not wanted or has_status(r, wanted)]
    if order is not None:
        rows.sort(key=sort_key(order))
    return Countries(on, tuple(rows), every=all, party_count=sum(1 for t in timelines if t.status.bound),
                     reviewed=rules_reviewed(timelines), selected=bool(wanted),
                     register_reviewed=register().reviewed if never_joined else None)


def _statuses(given: Iterable[str] | None) -> list[str]:
    wanted = list(given or ())
    for word in wanted:
        if word not in STATUS_WORDS:
            near = closest(word, STATUS_WORDS)
            hint = f"; did you mean '{near}'?" if near else ""
            raise InputError(f"{shown(word)} is not one of {', '.join(STATUS_WORDS)}{hint}", about="status")
    return wanted


def _sort(given: Sort | str | None) -> Sort | None:
    if given is not None and given not in tuple(Sort):
        raise InputError(f"{shown(str(given))} is not one of {', '.join(Sort)}", about="sort")
    return None if given is None else Sort(given)


def parties(on: DateLike | None = None, rules: RulesLike = None) -> Parties:
    """The States Parties on a date (default: today): bound by the Convention, no withdrawal in effect; ``count``
    says how many. ``ottawa-exit parties``."""
    day_ = _as_of(on, "on")
    return Parties(day_, tuple(project_timeline(s, day_) for s in _rules(rules).every()))


def procedure(country: str, rules: RulesLike = None) -> State:
    """A state's rules: its legal procedure for withdrawal (``.procedure.steps``: actor, requirement, time limit,
    legal basis), its record and notes. ``ottawa-exit procedure COUNTRY``; ``procedure_dict(result)`` is its
    JSON."""
    return _rules(rules).state(country)


def backtest(as_of: DateLike | Iterable[DateLike] | None = None, rules: RulesLike = None) -> backtests.Backtest:
    """Every state with a recorded effective date projected as of earlier dates (default: the joint statement of
    2025-03-18, 2025-05-01 and 2025-06-01) with only what was known then, against the record: out of sample.
    ``ottawa-exit backtest``."""
    if as_of is None:
        days = list(backtests.DEFAULT_AS_OF)
    elif isinstance(as_of, (str, dt.date)):
        days = [day(as_of, "as_of")]
    else:
        days = [day(d, "as_of") for d in as_of]
    return backtests.backtest(_rules(rules).all(), days)


def exit_rule(treaty: str | None = None, later_date: DateLike | None = None, bound_from: DateLike | None = None,
              armed_conflict: bool = False) -> ExitRule:
    """A treaty's exit clause (default: the Ottawa Convention's Article 20) with the options a withdrawal gives it,
    checked once: ``later_date`` (for a clause that lets the notification name one), ``bound_from`` (for a clause
    with a minimum time before notice), whether an armed conflict is claimed."""
    chosen = find_treaty(treaty or OTTAWA)
    rule = ExitRule(chosen.id, chosen.clause, _optional_day(later_date, "later_date"),
                    first_notice_from(chosen, _optional_day(bound_from, "bound_from")), chosen.adopted, chosen.in_force)
    rule.check(armed_conflict)
    return rule


def effective(
    date: DateLike,
    treaty: str | None = OTTAWA,
    later_date: DateLike | None = None,
    bound_from: DateLike | None = None,
    armed_conflict: bool = False,
    armed_conflict_until: DateLike | None = None,
    count: Count | str | None = None,
) -> Effect:
    """The date a withdrawal takes effect, from the date the depositary received it (or the notice, for a clause
    counted from notice): Article 20 of the Ottawa Convention, or ``treaty``'s exit clause. ``count``: same-day,
    day-after or unknown (default: the depositary's practice). ``armed_conflict``: the state is engaged in one with
    no known end; ``armed_conflict_until``: one that ends on that date. ``ottawa-exit effective DATE``."""
    end = _optional_day(armed_conflict_until, "armed_conflict_until")
    if end is not None and armed_conflict:
        raise InputError("an armed conflict with no known end and one that ends on a date exclude each other",
                         about="armed_conflict")
    conflict = ArmedConflict(end=end) if end is not None or armed_conflict else None
    rule = exit_rule(treaty, later_date, bound_from, conflict is not None)
    return rule.apply(day(date, "date"), conflict, Count(count) if count is not None else None)


def treaties() -> Treaties:
    """Every treaty in the data with its exit clause, quoted and cited, and the rule as fields.
    ``ottawa-exit treaties``."""
    return Treaties(tuple(all_treaties()))


def withdrawals(treaty: str | None = None, state: str | None = None, as_of: DateLike | None = None,
                pending: bool = False) -> Withdrawals:
    """Recorded withdrawals from treaties, each with the date its treaty's rule gives, whether the record agrees,
    and where it stands on ``as_of`` (today if not given: not yet notified, pending, in effect, or effect not
    stated); only ``treaty``'s (an id, short name or acronym: "NPT", "ICC") or ``state``'s (any name or code the
    register knows: "US", "DPRK", "North Korea") if given; with ``pending``, only those notified and not yet in
    effect, the soonest first. ``ottawa-exit withdrawals``."""
    on = _as_of(as_of)
    rows = select(treaty, state)
    return Withdrawals(tuple(pending_rows(rows, on) if pending else rows), on, pending)


def sources(kind: str | None = None, state: str | None = None, treaty: str | None = None,
            rules: RulesLike = None) -> SourceList:
    """Every source the data cite (the built-in ones, and those users' rules files add), with the facts each
    supports; only sources of ``kind``, or of facts about ``state`` (any name or code) or ``treaty`` (an id, short
    name or acronym), if given. ``ottawa-exit sources``."""
    _source_kind(kind)
    loaded = _rules(rules)
    loaded.check()
    codes = _state_codes(loaded, state) if state is not None else None
    treaty_id = find_treaty(treaty).id if treaty is not None else None
    by_key: dict[str, list[Citation]] = {}
    for fact in citations(tuple(loaded.user_files)):
        if (codes is None or codes & set(fact.states)) and treaty_id in (None, fact.treaty):
            for key in fact.sources:
                by_key.setdefault(key, []).append(fact)
    records = {**builtin_sources(), **loaded.user_sources()}
    chosen = sorted((records[k] for k in by_key if k in records and kind in (None, records[k].kind)),
                    key=lambda s: (s.rank(), s.key))
    return SourceList(tuple(chosen), {s.key: tuple(by_key[s.key]) for s in chosen})


def _source_kind(kind: str | None) -> None:
    if kind is not None and kind not in KINDS:
        near = closest(kind, KINDS)
        hint = f" (did you mean '{near}'?)" if near else ""
        raise InputError(f"{shown(kind)} is not a kind of source{hint}; kinds: {', '.join(KINDS)}", about="kind")


def _state_codes(loaded: Rules, query: str) -> set[str]:
    """The ISO alpha-3 code of a state named any way the one lookup knows, a party or a state that never joined."""
    try:
        return {loaded.state(query).iso3}
    except NotAParty:
        found = find(query)
        return {found.iso3} if found is not None else set()


def check_rules(files: Iterable[str | os.PathLike[str]]) -> RulesCheck:
    """Users' rules files checked: the states they define, or every problem with its file, key path and reason
    (never raised: ``ok`` says whether there is any). ``ottawa-exit rules check FILE...``."""
    loaded = Rules([Path(f) for f in files])
    try:
        return RulesCheck(tuple(loaded.user_files), tuple(loaded.all()))
    except RulesError as exc:
        return RulesCheck(tuple(loaded.user_files), problems=tuple(str(p) for p in exc.problems))


def template(country: str, rules: RulesLike = None) -> str:
    """A commented starter rules file: extending ``country`` if it is a state in the rules, else adding a new state
    of that name. ``ottawa-exit rules template COUNTRY``."""
    loaded = _rules(rules)
    loaded.all()  # reads every rules file first, so a broken one is an error (RulesError), not a template
    try:
        state: State | None = loaded.state(country)
    except InputError:  # not a state in the rules: a template for a new one
        state = None
    return templates.template(state, country)
