"""Treaty exit clauses as data, and the one engine that applies them: notice or receipt -> the date of effect.

Pure date arithmetic, no I/O. A clause is a period (days, months or years) counted from the depositary's receipt or
from the notice, with the variations treaties use: a later date the notification may specify, a minimum time
before notice may be given, an armed-conflict clause, and UNESCO's "31 December of the following year".

Depositaries count differently: the UN Secretary-General states the effect on the same day number (receipt
27 Jan 2025 -> 27 Jan 2026); the World Bank and the Energy Charter Treaty's depositary on the day after
(24 Jan 2012 -> 25 Jul 2012). Where the practice is unknown both dates are given. Every period is computed from its
anchor in one step (never month by month); a day number missing in the target month is clamped to the month's last
day, the calendar-month convention, not an observed practice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from ..errors import InputError

ONE_DAY = timedelta(days=1)
MONTH_END_NOTE = (
    "the {start}'s day number does not exist {period} later, so the date is clamped to the month's last day: "
    "a calendar-month convention, not an observed depositary practice"
)
CONFLICT_END_NOTE = "taking effect on the day the conflict ends (not the day after) is a convention"
_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


class Count(StrEnum):
    """How a period "after" a date is counted."""

    SAME_DAY = "same-day"  # the UN Secretary-General's practice, and so the Ottawa Convention's
    DAY_AFTER = "day-after"  # e.g. the World Bank for the ICSID Convention: 24 Jan 2012 -> 25 Jul 2012
    UNKNOWN = "unknown"  # no practice found: the same-day date is given with the day-after date beside it


class Unit(StrEnum):
    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"


class Start(StrEnum):
    RECEIPT = "receipt"  # the depositary's receipt of the instrument or notification
    NOTICE = "notice"  # the day notice is given (delivered to the other parties)


class ConflictRule(StrEnum):
    NONE = "none"
    UNTIL_END = "until-end"  # Ottawa 20(3), CCM 20(2): not before the end of the armed conflict
    UNTIL_END_AND_RELEASE = "until-end-and-release"  # CCW 9(2): until the situation ends and release is completed
    UNTIL_NO_CONFLICT = "until-no-conflict"  # TPNW 17(3): until no longer party to any armed conflict


class Form(StrEnum):
    PERIOD = "period"
    END_OF_FOLLOWING_YEAR = "end-of-following-year"  # UNESCO Constitution Art. II(6)


@dataclass(frozen=True, slots=True)
class Period:
    amount: int
    unit: Unit

    def after(self, day: date) -> date:
        if self.unit is Unit.DAYS:
            return day + timedelta(days=self.amount)
        if self.unit is Unit.MONTHS:
            return day + relativedelta(months=self.amount)
        return day + relativedelta(years=self.amount)

    def words(self) -> str:
        number = _WORDS[self.amount] if self.amount < len(_WORDS) else str(self.amount)
        unit = self.unit.value if self.amount != 1 else self.unit.value[:-1]
        return f"{number} {unit}"


@dataclass(frozen=True, slots=True)
class NoticeNotBefore:
    """Notice may be given only after ``years`` from the treaty's entry into force for the party."""

    years: int
    counted_from: str = "entry-into-force-for-party"  # or "becoming-party" (ECHR 58(1)), "entry-into-force"

    def words(self) -> str:
        since = {"becoming-party": "becoming a party", "entry-into-force": "the treaty's entry into force"}
        return f"{self.years} years from {since.get(self.counted_from, 'entry into force for the party')}"


@dataclass(frozen=True, slots=True)
class ExitClause:
    """The rule of one treaty's exit clause, as fields."""

    citation: str  # e.g. "Ottawa Convention, Article 20(3)"
    period: Period
    depositary: str = "UN"  # short name, as in "UN depositary practice"
    start: Start = Start.RECEIPT
    counting: Count = Count.SAME_DAY
    later_date: bool = False
    notice_not_before: NoticeNotBefore | None = None
    armed_conflict: ConflictRule = ConflictRule.NONE
    form: Form = Form.PERIOD


@dataclass(frozen=True, slots=True)
class ArmedConflict:
    """The withdrawing state is engaged in an armed conflict; ``end`` is its end if known (the tool never decides it)."""

    end: date | None = None
    since: date | None = None
    detail: str | None = None
    sources: tuple[str, ...] = ()
    given_by: str = "user"  # "user" for an override, "rules" for the state's data


@dataclass(frozen=True, slots=True, repr=False)
class Effect:
    """When an exit takes effect, and the rule that says so: the one result of the engine, for every treaty.
    ``effective`` is None when indeterminate (an armed conflict with no end given)."""

    start: date  # the day the period counts from: the depositary's receipt, or the notice (``counted_from``)
    expiry: date  # the end of the period (or of the following year), before any later date or armed conflict
    effective: date | None
    counting: Count
    armed_conflict: ArmedConflict | None
    month_end_clamped: bool
    rule: str
    later_date: date | None = None
    alternative: date | None = None  # with an unknown count: the day-after reading of the same clause
    counted_from: Start = Start.RECEIPT  # what ``start`` is
    early: EarlyNotice | None = None  # a notice given before any party could give it: the answer stands, noted

    def __repr__(self) -> str:
        """``<Effect receipt 2025-08-31 -> takes effect 2026-02-28 (same-day)>``."""
        takes = f"takes effect {self.effective}" if self.effective else "indeterminate"
        return f"<Effect {self.counted_from} {self.start} -> {takes} ({self.counting})>"


@dataclass(frozen=True, slots=True)
class EarlyNotice:
    """A notice (or receipt) dated before a party could give one: before the treaty's entry into force, before the
    party was bound, or before a minimum time such as Paris Article 28's three years."""

    possible_from: date  # the first day notice was possible (at the earliest, when the party's own date is unknown)
    reason: str


def expiry(clause: ExitClause, start: date, count: Count | None = None) -> date:
    """The end of the clause's period from ``start``, computed in one step."""
    if clause.form is Form.END_OF_FOLLOWING_YEAR:
        return date(start.year + 1, 12, 31)
    end = clause.period.after(start)
    return end + ONE_DAY if (count or clause.counting) is Count.DAY_AFTER else end


def month_end_clamped(clause: ExitClause, start: date) -> bool:
    """True when the start's day number has no twin at the period's end (31 Aug + 6 months -> 28 Feb)."""
    if clause.form is not Form.PERIOD or clause.period.unit is Unit.DAYS:
        return False
    return clause.period.after(start).day != start.day


def first_notice(clause: ExitClause, bound_from: date) -> date | None:
    """The first day notice may be given by a party bound from ``bound_from``, or None if any day will do."""
    if clause.notice_not_before is None:
        return None
    return bound_from + relativedelta(years=clause.notice_not_before.years)


def notice_possible_from(clause: ExitClause, in_force: date | None = None,
                         bound_from: date | None = None) -> date | None:
    """The first day a party could give notice, or None if nothing bounds it. A party is bound no earlier than the
    treaty's entry into force (``in_force``); a minimum time before notice counts from the party's date
    (``bound_from``) or, when that is not given, from the treaty's entry into force: the earliest day any party
    could have given notice."""
    party = max((d for d in (in_force, bound_from) if d is not None), default=None)
    minimum = clause.notice_not_before
    anchor = in_force if minimum is not None and minimum.counted_from == "entry-into-force" else party
    after_minimum = first_notice(clause, anchor) if anchor is not None else None
    return max((d for d in (party, after_minimum) if d is not None), default=None)


def early_notice(clause: ExitClause, start: date, in_force: date | None = None,
                 bound_from: date | None = None) -> EarlyNotice | None:
    """Whether a notice on ``start`` came before notice was possible (``notice_possible_from``), and why."""
    possible = notice_possible_from(clause, in_force, bound_from)
    if possible is None or start >= possible:
        return None
    minimum = clause.notice_not_before
    if in_force is not None and start < in_force:
        why = f"it precedes the treaty's entry into force ({in_force.isoformat()}), when no state was a party"
    elif bound_from is not None and start < bound_from:
        why = f"it precedes the party's entry into force ({bound_from.isoformat()})"
    else:
        assert minimum is not None
        counted = in_force if minimum.counted_from == "entry-into-force" or bound_from is None else bound_from
        why = f"{clause.citation} allows notice only after {minimum.words()} ({counted})"
    unknown = bound_from is None and minimum is not None and minimum.counted_from != "entry-into-force"
    when = (f"notice was possible at the earliest on {possible.isoformat()}, counted from the treaty's entry into "
            "force as the party's own date is not given") if unknown else \
        f"notice was first possible on {possible.isoformat()}"
    return EarlyNotice(possible, f"notice on {start.isoformat()} is too early: {why}; {when}")


def describe_count(clause: ExitClause, count: Count) -> str:
    what = f"{clause.period.words()} after {clause.start.value}"
    if clause.period.unit is Unit.DAYS:
        counted = "counted to the day after" if count is Count.DAY_AFTER else "counted in days"
    else:
        counted = "counted to the day after" if count is Count.DAY_AFTER else "same day number"
    if count is Count.UNKNOWN:
        return f"{what}, same day number; the depositary's counting practice is unknown, so the day after is also given"
    who = f"the {clause.depositary}'s" if clause.depositary else "the parties'"  # no depositary: the parties count
    practice = ((f"{clause.depositary} depositary practice" if clause.depositary else "the parties' practice")
                if count is clause.counting else f"not {who} practice")
    return f"{what}, {counted} ({practice})"


def apply(
    clause: ExitClause,
    start: date,
    *,
    armed_conflict: ArmedConflict | None = None,
    count: Count | None = None,
    later_date: date | None = None,
    bound_from: date | None = None,
    in_force: date | None = None,
) -> Effect:
    """Apply an exit clause to one receipt or notice date. Input the clause does not allow is an InputError. A
    notice before a party could give one (see ``early_notice``: the treaty's entry into force ``in_force``, the
    party's ``bound_from``, a minimum time) is answered, with the note in ``Effect.early``."""
    counting = count or clause.counting
    _check(clause, start, armed_conflict, later_date, counting)
    end = expiry(clause, start, counting)
    clamped = month_end_clamped(clause, start)
    if clause.form is Form.END_OF_FOLLOWING_YEAR:
        rule = f"{clause.citation}: 31 December of the year following the year in which notice was given"
    else:
        rule = f"{clause.citation}: {describe_count(clause, counting)}"
    if clamped:
        rule += "; " + MONTH_END_NOTE.format(start=clause.start.value, period=clause.period.words())
    effective: date | None = end
    if later_date is not None:
        effective = later_date
        rule += f"; the notification specifies a later date ({later_date.isoformat()}), after {end.isoformat()}"
    # a fixed date (UNESCO's 31 December) has no day to count, so no second reading
    alternative = end + ONE_DAY if counting is Count.UNKNOWN and clause.form is Form.PERIOD else None
    if armed_conflict is not None and not engaged_at(armed_conflict, end):
        rule += (f"; the armed conflict recorded from {armed_conflict.since}, after the period ends "
                 f"({end.isoformat()}), does not defer it")
        armed_conflict = None  # the clause asks whether the state is engaged when the period ends
    if armed_conflict is not None:
        effective, rule = _armed_conflict(clause, effective, rule, armed_conflict)
        if effective is None:
            alternative = None
    return Effect(start, end, effective, counting, armed_conflict, clamped, rule, later_date, alternative, clause.start,
                  early_notice(clause, start, in_force, bound_from))


def check_options(clause: ExitClause, armed_conflict: bool = False, later_date: bool = False,
                  bound_from: bool = False) -> None:
    """Refuse what the clause does not provide for, before any date: an armed conflict, a later date the
    notification specifies, the date the party was bound (which matters only for a minimum time before notice)."""
    if armed_conflict and clause.armed_conflict is ConflictRule.NONE:
        raise InputError(f"{clause.citation} has no armed-conflict clause", about="armed_conflict")
    if later_date and not clause.later_date:
        raise InputError(f"{clause.citation} does not let the notification specify a later date", about="later_date")
    if bound_from and clause.notice_not_before is None:
        raise InputError(f"{clause.citation} sets no minimum time before notice, so the date the party was bound "
                         "does not matter", about="bound_from")


def engaged_at(conflict: ArmedConflict, day: date) -> bool:
    """Whether the state is engaged in the armed conflict on ``day``: from its start (``since``) if the record gives
    one (a conflict the user asserts has no start: it is taken as ongoing)."""
    return conflict.since is None or conflict.since <= day


def _check(clause: ExitClause, start: date, conflict: ArmedConflict | None, later: date | None,
           counting: Count) -> None:
    check_options(clause, conflict is not None, later is not None)
    end = expiry(clause, start, counting)  # the period's end as counted here (the day after, under day-after)
    if later is not None and later <= end:
        raise InputError(f"the later date {later.isoformat()} is not later than the date the period ends "
                         f"({end.isoformat()})", about="later_date")


def _armed_conflict(clause: ExitClause, effective: date | None, rule: str,
                    conflict: ArmedConflict) -> tuple[date | None, str]:
    assert effective is not None  # a period always ends
    what = {
        ConflictRule.UNTIL_END: "not before the conflict ends",
        ConflictRule.UNTIL_END_AND_RELEASE: "not before the armed conflict or occupation ends and the release and "
                                            "repatriation of protected persons is completed",
        ConflictRule.UNTIL_NO_CONFLICT: "not before the state is no longer party to any armed conflict",
    }[clause.armed_conflict]
    if conflict.end is None:
        return None, (
            f"{clause.citation}: indeterminate: the state is engaged in an armed conflict and no end is given; "
            f"the withdrawal takes effect no earlier than {effective.isoformat()} and {what}"
        )
    if conflict.end > effective:
        return conflict.end, (
            f"{clause.citation}: deferred to the end of the armed conflict ({conflict.end.isoformat()}, given by the "
            f"{conflict.given_by}), later than the {clause.period.words()} ({effective.isoformat()}); "
            f"{CONFLICT_END_NOTE}"
        )
    when = "on the day" if conflict.end == effective else "before"
    verb = "expires" if clause.period.amount == 1 else "expire"
    return effective, (f"{rule}; the armed conflict ends {conflict.end.isoformat()}, {when} the "
                       f"{clause.period.words()} {verb}")
