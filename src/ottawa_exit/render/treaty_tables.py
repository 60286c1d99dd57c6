"""Tables for `treaties` and `withdrawals`, fitted to the width like every table (``layout.fit``), sources as short
labels with numbered notes. The rule's one-line summary is the one the JSON gives (``data.treaties.summary``)."""

from __future__ import annotations

from datetime import date

from rich.console import RenderableType
from rich.text import Text

from ..data.treaties import summary
from ..data.withdrawals import Checked
from ..engine.clauses import Form
from ..results import Treaties, Withdrawals
from .layout import Column, fit, plain, source_labels
from .text import Sources, clean

AGREES_STYLE = {"agrees": "green", "differs, explained": "yellow", "differs, unexplained": "bold red",
                "cannot be checked": "yellow"}

TREATY_COLUMNS = (Column("Id"), Column("Treaty", wrap=True), Column("Clause", wrap=True),
                  Column("Depositary", wrap=True), Column("Counting"), Column("Source", wrap=True))


def treaties_renderables(treaties: Treaties, terminal: bool, width: int, notes: Sources) -> list[RenderableType]:
    rows = []
    for treaty in treaties:
        clause = treaty.clause
        rows.append([plain(treaty.id), plain(clause.citation), plain(summary(clause)), plain(treaty.depositary),
                     plain("n/a (fixed date)" if clause.form is not Form.PERIOD else clause.counting.value),
                     source_labels(treaty.sources, notes, terminal, secondary=treaty.secondary)])
    return [fit(TREATY_COLUMNS, rows, width, terminal, lines=True),
            Text(f"{len(treaties)} treaties; 'ottawa-exit treaties --format json' quotes each clause", style="dim")]


def _computed(row: Checked) -> str:
    effect = row.effect
    text = effect.effective.isoformat() if effect.effective else "indeterminate"
    return f"{text}\nor {effect.alternative}" if effect.alternative else text


WITHDRAWAL_COLUMNS = (Column("Treaty"), Column("State", wrap=True), Column("Counted from"), Column("Stated"),
                      Column("Computed"), Column("Agrees", wrap=True), Column("Stated by / source", wrap=True))
EXIT_STYLE = {"pending": "bold yellow", "in effect": "", "not yet notified": "dim", "effect not stated": "dim"}


def _stated(row: Checked, as_of: date) -> Text:
    """The stated effect, and where the exit stands on the as-of date ("pending, 30 days")."""
    stated = row.withdrawal.effective_stated
    text = plain(stated.isoformat() if stated else "not stated")
    standing = row.standing(as_of)
    label = standing
    effective = row.effective_on
    if standing == "pending" and effective is not None:
        days = (effective - as_of).days
        label += f", {days} day{'' if days == 1 else 's'}"
    text.append("\n" + label, style=EXIT_STYLE.get(standing, ""))
    return text


def withdrawals_renderables(withdrawals: Withdrawals, terminal: bool, width: int,
                            notes: Sources) -> list[RenderableType]:
    rows = []
    for row in withdrawals:
        item = row.withdrawal
        basis, start = item.start
        who = plain(item.stated_by)
        who.append("\n")
        who.append_text(source_labels(item.sources, notes, terminal, secondary=item.secondary))
        rows.append([plain(row.treaty.id), plain(f"{item.state} ({item.iso3})"), plain(f"{basis}\n{start}"),
                     _stated(row, withdrawals.as_of), plain(_computed(row)),
                     plain(row.status, AGREES_STYLE[row.status]), who])
    caption = pending_caption(withdrawals) if withdrawals.pending else agreement(withdrawals)
    return [fit(WITHDRAWAL_COLUMNS, rows, width, terminal, lines=True), Text(clean(caption), style="dim")]


def pending_caption(withdrawals: Withdrawals) -> str:
    count = len(withdrawals)
    return (f"{count} withdrawal{'' if count == 1 else 's'} notified and not yet in effect as of "
            f"{withdrawals.as_of}" + ("" if count else " among those selected"))


def agreement(withdrawals: Withdrawals) -> str:
    """The closing note: how many agree, how the others are explained or why they cannot be checked, and the
    date the statuses are as of."""
    rows = withdrawals.rows
    treaties_count = len({r.treaty.id for r in rows})
    text = (f"{withdrawals.agreeing} of {len(rows)} recorded withdrawals ({treaties_count} "
            f"treat{'y' if treaties_count == 1 else 'ies'}) agree with the computed date "
            "(for an unknown counting practice, with either reading)")
    others = [r for r in rows if not r.agrees]
    if others:
        text += "; " + "; ".join(_why(r) for r in others)
    return text + f". Status as of {withdrawals.as_of}."


def _why(row: Checked) -> str:
    name = f"{row.withdrawal.state} ({row.treaty.id})"
    if row.checkable:
        return f"{name} cannot be checked: {row.checkable}"
    return f"{name} differs: " + (row.exception.explanation.rstrip(".") if row.exception else
                                  "NOT EXPLAINED in the treaty file")
