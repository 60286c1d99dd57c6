"""A withdrawal's rule: a treaty's exit clause with what the withdrawing party adds to it (a later date the
notification specifies, the date the party was bound), checked once and then applied to any number of dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .clauses import ArmedConflict, Count, Effect, ExitClause, apply, check_options


@dataclass(frozen=True, slots=True)
class ExitRule:
    """What `effective` applies: a treaty's clause (by its id) and the options it allows. ``bound_from`` is the date
    a minimum time before notice counts from."""

    treaty: str
    clause: ExitClause
    later_date: date | None = None
    bound_from: date | None = None

    def check(self, armed_conflict: bool = False) -> None:
        """Refuse an option the clause does not provide for (InputError naming it)."""
        check_options(self.clause, armed_conflict, self.later_date is not None, self.bound_from is not None)

    def apply(self, start: date, armed_conflict: ArmedConflict | None = None,
              count: Count | None = None) -> Effect:
        """The effect of a receipt (or notice) on ``start``."""
        return apply(self.clause, start, armed_conflict=armed_conflict, count=count, later_date=self.later_date,
                     bound_from=self.bound_from)
