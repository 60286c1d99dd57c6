"""The backtest report in every list format."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..backtest import BacktestRow
from . import Builder, list_builders
from .data import iso, span_dict, state_ref

BACKTEST_HEADER = (
    "state", "as_of", "projected_receipt", "actual_receipt", "receipt_error_days", "projected_effective",
    "effective_earliest", "effective_latest", "actual_effective", "error_days", "inside_range",
)


def backtest_dict(row: BacktestRow) -> dict[str, Any]:
    return {
        "schema": "ottawa-exit/backtest/1",
        "state": state_ref(row.state),
        "as_of": iso(row.timeline.as_of),
        "receipt": {**span_dict(row.receipt), "actual": iso(row.actual_receipt), "error_days": row.receipt_error_days},
        "effective": {**span_dict(row.effective), "actual": iso(row.actual_effective), "error_days": row.error_days,
                      "inside_range": row.inside},
    }


def _csv_row(row: BacktestRow) -> list[Any]:
    return [row.state.id, iso(row.timeline.as_of), iso(row.receipt.typical), iso(row.actual_receipt),
            row.receipt_error_days, iso(row.effective.typical), iso(row.effective.earliest), iso(row.effective.latest),
            iso(row.actual_effective), row.error_days, "" if row.inside is None else str(row.inside).lower()]


def _signed(days: int | None) -> str:
    return "n/a" if days is None else f"{days:+d}"


def backtest_builders(rows: list[BacktestRow], as_of: date) -> dict[str, Builder]:
    def table(terminal: bool) -> str:
        from .table import generic_table, render_to_text

        header = ["State", "Projected", "Earliest", "Latest", "Actual", "Error", "Inside", "Receipt error"]
        body = [[r.state.name, iso(r.effective.typical) or "indeterminate", iso(r.effective.earliest) or "",
                 iso(r.effective.latest) or "", iso(r.actual_effective) or "", _signed(r.error_days),
                 {True: "yes", False: "NO", None: "n/a"}[r.inside], _signed(r.receipt_error_days)] for r in rows]
        inside = sum(1 for r in rows if r.inside)
        errors = [abs(r.error_days) for r in rows if r.error_days is not None]
        mean = f"{sum(errors) / len(errors):.1f}" if errors else "n/a"
        caption = (f"Projected as of {as_of} with only what was recorded by then; errors in days, typical minus "
                   f"actual. {inside} of {len(rows)} actual "
                   f"dates inside the projected range; mean absolute error of the typical projection {mean} days. "
                   "Ranges come from statutory limits and the 2025 record itself, so this is an in-sample check.")
        return render_to_text(generic_table(header, body, terminal, caption), terminal)

    return list_builders(lambda: [backtest_dict(r) for r in rows], BACKTEST_HEADER,
                         lambda: (_csv_row(r) for r in rows), table)
