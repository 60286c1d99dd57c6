"""A withdrawal's rule: a treaty's exit clause with what the withdrawing party adds to it (a later date the
notification specifies, the date the party was bound), checked once and then applied to any number of dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..errors import InputError
from .clauses import ArmedConflict, Count, Effect, ExitClause, apply, check_options


@dataclass(frozen=True, slots=True)
class ExitRule:
    """What `effective` applies: a treaty's clause (by its id) and the options it allows. ``bound_from`` is the date
    a minimum time before notice counts from."""

    treaty: str
    clause: ExitClause
    later_date: date | None = None
    bound_from: date | None = None
    adopted: date | None = None  # the treaty's adoption: before it there was nothing to withdraw from
    in_force: date | None = None  # the treaty's entry into force: before it no state was a party

    def check(self, armed_conflict: bool = False) -> None:
        """Refuse an option the clause does not provide for (InputError naming it), and a party bound before the
        treaty entered into force."""
        check_options(self.clause, armed_conflict, self.later_date is not None, self.bound_from is not None)
        if self.bound_from is not None and self.in_force is not None and self.bound_from < self.in_force:
            raise InputError(f"{self.bound_from.isoformat()} is before the treaty entered into force "
                             f"({self.in_force.isoformat()}): no party is bound before that", about="bound_from")

    def apply(self, start: date, armed_conflict: ArmedConflict | None = None,
              count: Count | None = None) -> Effect:
        """The effect of a receipt (or notice) on ``start``. Before the treaty's adoption: an InputError; before a
        party could give notice: the answer with its note (``Effect.early``)."""
        if self.adopted is not None and start < self.adopted:
            raise InputError(f"{start.isoformat()} is before the treaty was adopted ({self.adopted.isoformat()}): "
                             f"no notice under {self.clause.citation} could be given")
        return apply(self.clause, start, armed_conflict=armed_conflict, count=count, later_date=self.later_date,
                     bound_from=self.bound_from, in_force=self.in_force)
