"""Charts fit to publish: one row per state on a real date axis, drawn with matplotlib (the `charts` extra).

Recorded steps are filled marks, projected ones hollow with their earliest..latest range as a bar, overrides
square; the receipt is a diamond and the effect a star, so the chart reads without colour. The as-of date is a
line. Output is deterministic (fixed metadata, fixed SVG ids) and self-contained (text as SVG text with a local
font stack, no remote resource). Renderers never compute dates: every date comes from the Timeline.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..data.model import RECEIPT
from ..errors import MissingExtra
from ..projection.timeline import Kind, Span, Timeline

try:  # the `charts` extra: this module is imported only for a chart (render.render)
    from matplotlib import dates as mdates, rc_context
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
except ImportError:
    raise MissingExtra("charts need matplotlib: pip install 'ottawa-exit[charts]'") from None

if TYPE_CHECKING:
    from matplotlib.axes import Axes

COLOUR = {Kind.RECORDED: "#1b7837", Kind.PROJECTED: "#b35806", Kind.OVERRIDE: "#762a83", Kind.NONE: "#999999"}
STEP_MARKER = {Kind.RECORDED: "o", Kind.PROJECTED: "o", Kind.OVERRIDE: "s", Kind.NONE: "o"}
AS_OF_COLOUR = "#2166ac"
FORMATS = ("svg", "png", "pdf")
RC: dict[str, Any] = {
    "svg.fonttype": "none",  # text stays text: searchable, one <text> per label
    "svg.hashsalt": "ottawa-exit",  # fixed ids, so the same input gives the same bytes
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # ships with matplotlib: the same metrics on every machine
    "font.size": 11,
}
METADATA: dict[str, dict[str, Any]] = {
    "svg": {"Date": None, "Creator": "ottawa-exit"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "ottawa-exit", "Producer": "ottawa-exit"},
    "png": {"Software": "ottawa-exit"},
}


def chart(timelines: Sequence[Timeline], fmt: str, title: str, footer: str) -> bytes:
    """The chart as SVG, PNG or PDF bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"{fmt!r} is not a chart format ({', '.join(FORMATS)})")
    rows = list(reversed(timelines))  # the first state on top
    with rc_context(RC):  # type: ignore[arg-type]  # matplotlib types the keys as a Literal of every rc name
        fig = Figure(figsize=(12, max(3.4, 2.2 + 0.55 * len(rows))), dpi=100, layout="constrained")
        ax = fig.add_subplot()
        for y, t in enumerate(rows):
            _draw_row(ax, y, t)
        as_of = timelines[0].as_of
        ax.axvline(mdates.date2num(as_of), color=AS_OF_COLOUR, linestyle="--", linewidth=1.2, zorder=1)
        ax.set_yticks(range(len(rows)), [t.state.name for t in rows])
        ax.set_ylim(-0.7, len(rows) - 0.3)
        lo, hi = _bounds(timelines)
        ax.set_xlim(mdates.date2num(lo), mdates.date2num(hi))
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=12))
        ax.xaxis.set_major_formatter(_month_year)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.set_title(title, loc="left", fontsize=14, fontweight="bold")
        ax.legend(handles=_legend(), loc="upper center", bbox_to_anchor=(0.5, 0), borderaxespad=4, ncol=4,
                  frameon=False, fontsize=9)  # under the two-line tick labels, whatever the chart's height
        fig.supxlabel(footer, x=0.01, ha="left", fontsize=8.5, color="#555555")  # laid out below the legend
        out = io.BytesIO()
        fig.savefig(out, format=fmt, metadata=METADATA[fmt])
    return out.getvalue()


def _month_year(value: float, position: float = 0) -> str:
    """A tick's label: the month, with the year under the first tick and under each January."""
    day = mdates.num2date(value)
    return str(day.strftime("%b\n%Y") if position == 0 or day.month == 1 else day.strftime("%b"))


def _bounds(timelines: Sequence[Timeline]) -> tuple[date, date]:
    """The axis: every date shown, with a margin of a 25th of the span (at least 20 days) each side."""
    days = [day for t in timelines for day in t.dates()]
    lo, hi = min(days), max(days)
    pad = max(timedelta(days=20), (hi - lo) / 25)
    return lo - pad, hi + pad


def _draw_span(ax: Axes, y: float, span: Span, kind: Kind, marker: str, size: float, bar: float,
               line: float = 1.5) -> None:
    """A mark at the typical day, over the earliest..latest range: a bar ``bar`` high, or a line ``line`` thick."""
    colour = COLOUR[kind]
    if span.earliest and span.latest and span.earliest != span.latest:
        start, end = mdates.date2num(span.earliest), mdates.date2num(span.latest)
        if bar:
            ax.barh(y, end - start, left=start, height=bar, color=colour, alpha=0.22, linewidth=0, zorder=2)
        else:
            ax.plot([start, end], [y, y], color=colour, alpha=0.45, linewidth=line, zorder=2,
                    solid_capstyle="butt")
    day = span.typical
    if day is None:
        return
    hollow = kind is Kind.PROJECTED
    ax.plot([mdates.date2num(day)], [y], marker=marker, markersize=size, linestyle="none", zorder=3,
            markerfacecolor="white" if hollow else colour, markeredgecolor=colour, markeredgewidth=1.6)


def _draw_row(ax: Axes, y: int, t: Timeline) -> None:
    if t.receipt.kind is Kind.NONE:  # no withdrawal decided: a chart of withdrawals shows none of its steps
        ax.annotate("no withdrawal decided", (0.01, y), xycoords=("axes fraction", "data"), va="center",
                    fontsize=9, color="#555555", fontstyle="italic")
        return
    for item in t.steps:
        if item.step.id == RECEIPT:  # drawn as a diamond below; a parallel step may follow it
            continue
        _draw_span(ax, y, item.span, item.kind, STEP_MARKER[item.kind], 6, 0)
    _draw_span(ax, y, t.receipt.span, t.receipt.kind, "D", 9, 0, 4)
    if t.effective.indeterminate and t.receipt.span.typical is not None:
        ax.annotate("effect indeterminate: armed conflict (Art. 20(3))",
                    (mdates.date2num(t.receipt.span.typical), y), xytext=(12, 8), textcoords="offset points",
                    fontsize=8.5, color=COLOUR[t.effective.kind])
    else:
        _draw_span(ax, y, t.effective.span, t.effective.kind, "*", 15, 0.34)


def _legend() -> list[Any]:
    def mark(marker: str, kind: Kind, label: str, size: float = 7) -> Line2D:
        hollow = kind is Kind.PROJECTED
        return Line2D([], [], marker=marker, linestyle="none", markersize=size, label=label,
                      markerfacecolor="white" if hollow else COLOUR[kind], markeredgecolor=COLOUR[kind])

    return [
        mark("o", Kind.RECORDED, "step, recorded"),
        mark("o", Kind.PROJECTED, "step, projected (typical)"),
        Line2D([], [], color=COLOUR[Kind.PROJECTED], alpha=0.45, linewidth=1.5, label="step's range"),
        Line2D([], [], color=COLOUR[Kind.PROJECTED], alpha=0.45, linewidth=4, label="receipt's range"),
        Patch(color=COLOUR[Kind.PROJECTED], alpha=0.22, label="effect's range (earliest to latest)"),
        mark("s", Kind.OVERRIDE, "what-if override"),
        mark("D", Kind.RECORDED, "receipt by the Depositary"),
        mark("*", Kind.RECORDED, "withdrawal takes effect", 11),
        Line2D([], [], color=AS_OF_COLOUR, linestyle="--", label="as-of date"),
    ]
