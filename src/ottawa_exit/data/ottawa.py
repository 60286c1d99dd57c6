"""The Ottawa Convention: ``data/treaties/ottawa.toml`` read like the other treaties and applied by the one engine
(``engine.clauses``). Nothing about the Convention is written in code: its Article 20, its entry into force and its
depositary's counting practice are that file's.

Article 20(3): "Such withdrawal shall only take effect six months after the receipt of the instrument of withdrawal
by the Depositary. If, however, on the expiry of that six-month period, the withdrawing State Party is engaged in an
armed conflict, the withdrawal shall not take effect before the end of the armed conflict."

``effective_date`` and ``six_months_after`` are conveniences for notebooks and for the rest of the tool: each is one
call of the engine with the Convention's clause. The UN (the Depositary) counts "same day number": receipt on
27 Jun 2025 took effect on 27 Dec 2025; where the target month is shorter (31 Aug -> February) the date is clamped to
the month's last day, a calendar-month convention, not an observed practice.
"""

from __future__ import annotations

from datetime import date

from ..engine.clauses import ArmedConflict, Count, Effect, ExitClause, apply, expiry
from .treaties import Treaty, treaty

OTTAWA = "ottawa"  # the treaty file's id


def convention() -> Treaty:
    """The Ottawa Convention's treaty file, read and checked once per process."""
    return treaty(OTTAWA)


def article20() -> ExitClause:
    """Article 20(3) as the engine applies it."""
    return convention().clause


def in_force() -> date:
    """The Convention's entry into force (Article 17): nothing is projected before it."""
    return convention().in_force


def effective_date(receipt: date, armed_conflict: ArmedConflict | None = None, count: Count | None = None) -> Effect:
    """Article 20(3) applied to one receipt date: ``clauses.apply`` with the Convention's clause. ``count`` defaults
    to the Depositary's practice (same day number)."""
    return apply(article20(), receipt, armed_conflict=armed_conflict, count=count)


def six_months_after(receipt: date, count: Count | None = None) -> date:
    """The expiry of the six-month period, computed from the receipt in one step (never month by month)."""
    return expiry(article20(), receipt, count)
