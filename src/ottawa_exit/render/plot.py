"""Charts fit to publish, drawn with matplotlib (the `charts` extra): one state's steps, states side by side, and
the number of States Parties over time.

One state: a row per step, labelled with its short title, the date written beside each mark. Several states: a
row per state, the date the withdrawal takes effect written beside its star. Recorded marks are filled, projected
ones hollow with their earliest..latest range as a bar, overrides square; the receipt is a diamond and the effect a
star, so the chart reads without colour. The legend lists only the marks drawn; the axis spans the marks (and the
as-of date when it is near them: otherwise an arrow at the edge says how far it is).

Output is deterministic (fixed metadata, fixed SVG ids) and self-contained: DejaVu Sans (shipped with matplotlib),
SVG text kept as text, TrueType embedded in PDF, no remote resource. Size and resolution come from
``ChartOptions``: the layout is in inches (100 pixels each), so SVG, PNG and PDF look the same. Renderers never
compute dates: every date comes from the Timeline or the parties' history.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..data.model import RECEIPT, Step
from ..data.ottawa import convention
from ..errors import MissingExtra
from ..projection.parties import PartiesHistory, PartyChange, parties_history
from ..projection.timeline import Kind, NotProjected, Span, Timeline
from .formats import ChartOptions
from .text import NOT_PROJECTED

try:  # the `charts` extra: this module is imported only for a chart (render.render)
    from matplotlib import dates as mdates, rc_context
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator
except ImportError:
    raise MissingExtra("charts need matplotlib: pip install 'ottawa-exit[charts]'") from None

if TYPE_CHECKING:
    from matplotlib.axes import Axes

COLOUR = {Kind.RECORDED: "#1b7837", Kind.PROJECTED: "#b35806", Kind.OVERRIDE: "#762a83", Kind.NONE: "#999999"}
STEP_MARKER = {Kind.RECORDED: "o", Kind.PROJECTED: "o", Kind.OVERRIDE: "s", Kind.NONE: "o"}
AS_OF_COLOUR = "#2166ac"
MUTED = "#555555"
PARTIES_COLOUR = "#2166ac"
FORMATS = ("svg", "png", "pdf")
PX_PER_INCH = 100  # --size is in pixels at this many per inch; --dpi scales the PNG's pixels from it
RC: dict[str, Any] = {
    "svg.fonttype": "none",  # text stays text: searchable, one <text> per label
    "svg.hashsalt": "ottawa-exit",  # fixed ids, so the same input gives the same bytes
    "pdf.fonttype": 42,  # TrueType embedded: the PDF looks the same everywhere and its text can be copied
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # ships with matplotlib: the same metrics on every machine
    "font.size": 11,
}
METADATA: dict[str, dict[str, Any]] = {
    "svg": {"Date": None, "Creator": "ottawa-exit"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "ottawa-exit", "Producer": "ottawa-exit"},
    "png": {"Software": "ottawa-exit"},
}
RECEIPT_LABEL = "Received by the Depositary"
LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "pad": 1, "alpha": 0.85}  # lines pass behind the words
EFFECT_LABEL = "Withdrawal takes effect"


def day_text(day: date) -> str:
    """A date as a newsroom writes it on a chart: 20 Feb 2026."""
    return f"{day.day} {day:%b %Y}"


def range_text(start: date, end: date) -> str:
    """17–25 Jul 2025; 27 Nov – 20 Dec 2026; 27 Nov 2026 – 27 Feb 2027."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day_text(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {day_text(end)}"
    return f"{day_text(start)} – {day_text(end)}"


def short_label(step: Step) -> str:
    """A step's label on a chart: its ``short`` title if the data give one, else its id in words."""
    if step.short:
        return step.short
    words = step.id.replace("_", "-").split("-")
    return " ".join([words[0].capitalize(), *words[1:]])


# ---------------------------------------------------------------------------------------------------------------
# Entry points


def chart(timelines: Sequence[Timeline], fmt: str, title: str, footer: str,
          options: ChartOptions = ChartOptions(), single: bool = False) -> bytes:
    """The chart as SVG, PNG or PDF bytes: one state's steps (``single``) or a row per state."""
    _check(fmt)
    with rc_context(RC):  # type: ignore[arg-type]  # matplotlib types the keys as a Literal of every rc name
        if single and len(timelines) == 1 and any(s.span.dated for s in timelines[0].steps):
            fig = _timeline_figure(timelines[0], options)  # its record, even when no withdrawal was decided
        else:
            fig = _compare_figure(timelines, options)
        return _finish(fig, fmt, title, footer, options)


def parties_chart(timelines: Sequence[Timeline], as_of: date, fmt: str, title: str, footer: str,
                  options: ChartOptions = ChartOptions()) -> bytes:
    """The number of States Parties from the Convention's adoption to ``as_of``, counted from the ``timelines`` of
    every state ever bound, as a step line; when withdrawals have taken effect, a panel beside it shows their
    months, each change named."""
    _check(fmt)
    history, start = parties_history(timelines, as_of), convention().adopted
    with rc_context(RC):  # type: ignore[arg-type]
        fig = _figure(options, 5.6)
        withdrawals = history.withdrawals()
        if withdrawals:
            main, zoom = fig.subplots(1, 2, width_ratios=(1.55, 1))
            _parties_main(main, history, start, detail=True)
            _parties_zoom(zoom, history, withdrawals[0].date)
        else:
            _parties_main(fig.add_subplot(), history, start, detail=False)
        return _finish(fig, fmt, title, footer, options)


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"{fmt!r} is not a chart format ({', '.join(FORMATS)})")


def _figure(options: ChartOptions, height: float) -> Figure:
    """A figure of the size asked, or the default width and ``height`` inches high; a margin round it."""
    width_px, height_px = options.size or (options.width, round(height * PX_PER_INCH))
    layout = ConstrainedLayoutEngine(w_pad=0.12, h_pad=0.12)  # inches: the title clear of the top edge
    return Figure(figsize=(width_px / PX_PER_INCH, height_px / PX_PER_INCH), dpi=PX_PER_INCH, layout=layout)


def _finish(fig: Figure, fmt: str, title: str, footer: str, options: ChartOptions) -> bytes:
    shown = title if options.title is None else options.title
    if shown:
        fig.suptitle(shown, x=0.01, ha="left", fontsize=14, fontweight="bold")
    if footer:
        fig.supxlabel(footer, x=0.01, ha="left", fontsize=8.5, color=MUTED)
    out = io.BytesIO()
    fig.savefig(out, format=fmt, metadata=METADATA[fmt], dpi=options.dpi if fmt == "png" else PX_PER_INCH)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------------------------
# Axes shared by the timeline charts


class _Plot:
    """An axes on a date span, and the kinds of mark drawn on it (the legend lists only those)."""

    def __init__(self, ax: Axes, lo: date, hi: date):
        self.ax, self.marks = ax, set[str]()
        self.as_of_day: date | None = None  # set when the as-of date lies on the axis
        self.lo, self.hi = float(mdates.date2num(lo)), float(mdates.date2num(hi))
        ax.set_xlim(self.lo, self.hi)

    def x(self, day: date) -> float:
        return float(mdates.date2num(day))

    def fraction(self, day: date) -> float:
        return (self.x(day) - self.lo) / (self.hi - self.lo)

    def marker(self, day: date, y: float, marker: str, kind: Kind, size: float, what: str) -> None:
        hollow = kind is Kind.PROJECTED
        self.ax.plot([self.x(day)], [y], marker=marker, markersize=size, linestyle="none", zorder=3,
                     markerfacecolor="white" if hollow else COLOUR[kind], markeredgecolor=COLOUR[kind],
                     markeredgewidth=1.6)
        self.marks.add(f"{what}:{'override' if kind is Kind.OVERRIDE else kind.value}")

    def bar(self, span: Span, y: float, kind: Kind, height: float, what: str) -> bool:
        """The earliest..latest range as a bar ``height`` high (in rows); False if the span is one day."""
        if not (span.earliest and span.latest and span.earliest != span.latest):
            return False
        start, end = self.x(span.earliest), self.x(span.latest)
        self.ax.barh(y, end - start, left=start, height=height, color=COLOUR[kind], alpha=0.25, linewidth=0,
                     zorder=2)
        self.marks.add("window" if kind is Kind.RECORDED else "range")
        return True

    def label(self, text: str, start: date, end: date, y: float, above: date | None = None, **style: Any) -> None:
        """``text`` right of ``end``; where it would run past the right edge, above the mark at ``above`` (given)
        or left of ``start``. Labels stay out of the layout: the axis spans the marks, not their labels."""
        fontsize = style.pop("fontsize", 9)
        width_px = self.ax.get_figure().get_figwidth() * PX_PER_INCH * 0.78  # type: ignore[union-attr]
        longest = max(len(line) for line in text.splitlines())
        needed = longest * fontsize * 0.6 / 72 * PX_PER_INCH / width_px
        if self.fraction(end) + needed < 0.99:
            where, offset, align, valign = end, (9, 0), "left", "center"
        elif above is not None:
            where, offset, align, valign = above, (0, 8), "center", "bottom"
        else:
            where, offset, align, valign = start, (-9, 0), "right", "center"
        note = self.ax.annotate(text, (self.x(where), y), xytext=offset, textcoords="offset points", va=valign,
                                ha=align, fontsize=fontsize, linespacing=1.15, bbox=LABEL_BOX, zorder=4, **style)
        note.set_in_layout(False)

    def note(self, text: str, y: float, after: date | None = None) -> None:
        """A row's note in grey italics: after the day given, else after the as-of line, else at the left."""
        day = after or (self.as_of_day if self.as_of_day and self.fraction(self.as_of_day) < 0.6 else None)
        where = self.x(day) if day else self.lo
        note = self.ax.annotate(text, (where, y), xytext=(6, 0), textcoords="offset points", va="center", fontsize=9,
                                color=MUTED, fontstyle="italic", bbox=LABEL_BOX, zorder=4)
        note.set_in_layout(False)

    def as_of(self, day: date, inside: bool) -> None:
        """The as-of date: a dashed line when it lies on the axis, else an arrow at the right edge."""
        if inside:
            self.as_of_day = day
            self.ax.axvline(self.x(day), color=AS_OF_COLOUR, linestyle="--", linewidth=1.2, zorder=1)
            self.ax.annotate(f"as of {day_text(day)}", (self.x(day), 1), xycoords=("data", "axes fraction"),
                             xytext=(0, 3), textcoords="offset points", va="bottom", ha="center", fontsize=8.5,
                             color=AS_OF_COLOUR)
            self.marks.add("as-of")
        else:
            self.ax.annotate(f"as of {day_text(day)} →", (1, 1), xycoords="axes fraction", xytext=(0, 3),
                             textcoords="offset points", va="bottom", ha="right", fontsize=8.5, color=AS_OF_COLOUR)

    def finish_axis(self, labels: list[str]) -> None:
        ax = self.ax
        ax.set_yticks(range(len(labels)), labels)
        ax.set_ylim(-0.7, len(labels) - 0.3)
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=10))
        ax.xaxis.set_major_formatter(_month_year)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.tick_params(axis="y", length=0)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        handles = _legend(self.marks)
        if handles:
            ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), borderaxespad=3.6,
                      ncol=min(4, len(handles)), frameon=False, fontsize=9)


def _month_year(value: float, position: float = 0) -> str:
    """A tick's label: the month (and the day, for a tick within a month: a short span), with the year under the
    first tick and under each January."""
    day = mdates.num2date(value)
    label = f"{day:%b}" if day.day == 1 else f"{day.day} {day:%b}"
    return f"{label}\n{day:%Y}" if position == 0 or (day.month == 1 and day.day == 1) else label


def _days(t: Timeline, steps_whole: bool = True) -> list[date]:
    """The dates a row draws: every step's range (``steps_whole``) or its mark alone, the receipt and the effect."""
    days = [d for s in t.steps for d in ((s.span.earliest, s.span.latest, s.span.date) if steps_whole
                                         else (s.span.typical,)) if d]
    for span in (t.receipt.span, t.effective.span):
        days += [d for d in (span.earliest, span.latest, span.date) if d]
    return days


def _span(days: list[date], as_of: date) -> tuple[date, date, bool]:
    """The axis: the marks' dates with a margin, and the as-of date if it is near them (the bool says so)."""
    if not days:
        return as_of - timedelta(days=90), as_of + timedelta(days=90), True
    lo, hi = min(days), max(days)
    width = max((hi - lo).days, 60)
    inside = lo - timedelta(days=width // 10) <= as_of <= hi + timedelta(days=width // 7)
    if inside:
        lo, hi = min(lo, as_of), max(hi, as_of)
    pad = timedelta(days=max(12, (hi - lo).days // 22))
    return lo - pad, hi + pad, inside


# ---------------------------------------------------------------------------------------------------------------
# One state: a row per step


def _timeline_figure(t: Timeline, options: ChartOptions) -> Figure:
    steps = [s for s in t.steps if s.step.id != RECEIPT]
    rows = len(steps) + 2  # the receipt and the effect
    fig = _figure(options, max(3.6, 1.9 + 0.42 * rows))
    ax = fig.add_subplot()
    lo, hi, inside = _span(_days(t), t.as_of)
    plot = _Plot(ax, lo, hi)
    plot.as_of(t.as_of, inside)
    labels: list[str] = []
    previous: date | None = None
    for item in steps:
        y = rows - 1 - len(labels)
        labels.append(short_label(item.step))
        previous = _step_row(plot, y, item.span, item.kind, previous) or previous
    _receipt_row(plot, 1, t)
    labels.append(RECEIPT_LABEL)
    _effect_row(plot, 0, t, previous)
    labels.append(EFFECT_LABEL)
    plot.finish_axis(list(reversed(labels)))
    return fig


def _step_row(plot: _Plot, y: float, span: Span, kind: Kind, previous: date | None) -> date | None:
    """One step's mark and date; an undated step says so near the step before it. Returns the step's day."""
    if kind is Kind.NONE:
        plot.note("not projected", y)
        return None
    if not span.dated:
        plot.note("date not recorded", y, after=previous)
        return None
    assert span.earliest is not None and span.latest is not None
    ranged = plot.bar(span, y, kind, 0.36, "step")
    if span.date is None:  # a recorded window: the bar alone, no day picked inside it
        plot.label(f"{range_text(span.earliest, span.latest)}, day not recorded", span.earliest, span.latest, y,
                   color=COLOUR[kind])
        return span.latest
    plot.marker(span.date, y, STEP_MARKER[kind], kind, 7, "step")
    text = day_text(span.date)
    if kind is Kind.PROJECTED:
        text = f"projected {text}" + (f"\nrange {range_text(span.earliest, span.latest)}" if ranged else "")
    elif kind is Kind.OVERRIDE:
        text += " (what-if)"
    plot.label(text, span.earliest, span.latest, y, color=COLOUR[kind] if kind is not Kind.RECORDED else "#222222")
    return span.date


def _nothing(t: Timeline) -> str:
    """Why a row has no receipt or effect, in the words of a chart."""
    return NOT_PROJECTED[t.receipt.not_projected or NotProjected.NO_DECISION]


def _receipt_row(plot: _Plot, y: float, t: Timeline) -> None:
    receipt = t.receipt
    if receipt.kind is Kind.NONE:
        plot.note(_nothing(t), y, after=plot.as_of_day)
        return
    _dated_mark(plot, y, receipt.span, receipt.kind, "D", 9, "receipt")


def _dated_mark(plot: _Plot, y: float, span: Span, kind: Kind, marker: str, size: float, what: str,
                compact: bool = False) -> None:
    """The receipt's or the effect's mark over its range, the date beside it (``compact``: on one line, above
    the mark where the right side is taken, as in a row per state)."""
    if span.typical is None or span.earliest is None or span.latest is None:
        return
    ranged = plot.bar(span, y, kind, 0.14 if compact and what == "receipt" else 0.36, what)
    plot.marker(span.typical, y, marker, kind, size, what)
    text = day_text(span.typical)
    if kind is Kind.PROJECTED:
        text = f"projected {text}"
        if ranged and not compact:
            text += f"\nrange {range_text(span.earliest, span.latest)}"
    elif kind is Kind.OVERRIDE:
        text += " (what-if)"
    effect = what == "effect"
    plot.label(text, span.earliest, span.latest, y, above=span.typical if compact else None,
               color=COLOUR[kind] if kind is not Kind.RECORDED else "#222222",
               fontweight="bold" if effect else "normal", fontsize=10 if effect else 9)


def _effect_row(plot: _Plot, y: float, t: Timeline, previous: date | None, compact: bool = False) -> None:
    eff = t.effective
    if eff.kind is Kind.NONE:
        if not compact:  # a row of its own in a state's chart: say why it is empty
            plot.note(_nothing(t), y, after=plot.as_of_day)
        return
    if eff.indeterminate:
        anchor = t.receipt.span.typical or previous
        where = plot.x(anchor) if anchor else plot.lo
        plot.ax.annotate("indeterminate: armed conflict (Art. 20(3))", (where, y), xytext=(6, 0),
                         textcoords="offset points", va="center", fontsize=9, color=COLOUR[eff.kind])
        return
    _dated_mark(plot, y, eff.span, eff.kind, "*", 15, "effect", compact)


# ---------------------------------------------------------------------------------------------------------------
# Several states: a row per state


def _compare_figure(timelines: Sequence[Timeline], options: ChartOptions) -> Figure:
    rows = list(reversed(timelines))  # the first state on top
    fig = _figure(options, max(3.6, 2.3 + 0.55 * len(rows)))
    ax = fig.add_subplot()
    days = [d for t in timelines if t.receipt.kind is not Kind.NONE for d in _days(t, steps_whole=False)]
    lo, hi, inside = _span(days, timelines[0].as_of)
    plot = _Plot(ax, lo, hi)
    plot.as_of(timelines[0].as_of, inside)
    for y, t in enumerate(rows):
        _state_row(plot, y, t)
    plot.finish_axis([t.state.name for t in rows])
    return fig


def _state_row(plot: _Plot, y: int, t: Timeline) -> None:
    if t.receipt.kind is Kind.NONE:  # no withdrawal decided: a chart of withdrawals shows none of its steps
        plot.note(_nothing(t), y)
        return
    for item in t.steps:
        if item.step.id != RECEIPT and item.span.typical is not None:  # the receipt is the diamond below
            plot.marker(item.span.typical, y, STEP_MARKER[item.kind], item.kind, 6, "step")
    span = t.receipt.span
    if span.typical is not None:
        plot.bar(span, y, t.receipt.kind, 0.14, "receipt")
        plot.marker(span.typical, y, "D", t.receipt.kind, 9, "receipt")
    _effect_row(plot, y, t, span.typical, compact=True)


# ---------------------------------------------------------------------------------------------------------------
# The number of States Parties


def _step_line(ax: Axes, history: PartiesHistory, start: date, end: date) -> None:
    xs = [mdates.date2num(start)] + [mdates.date2num(c.date) for c in history.changes] + [mdates.date2num(end)]
    ys = [0] + [c.count for c in history.changes] + [history.count]
    if history.changes and history.changes[0].date <= start:
        xs, ys = xs[1:], ys[1:]
    ax.step(xs, ys, where="post", color=PARTIES_COLOUR, linewidth=2, zorder=3)
    ax.fill_between(xs, ys, step="post", color=PARTIES_COLOUR, alpha=0.10, linewidth=0, zorder=2)


def _parties_main(ax: Axes, history: PartiesHistory, start: date, detail: bool) -> None:
    end = history.as_of
    _step_line(ax, history, start, end)
    ax.set_xlim(mdates.date2num(start), mdates.date2num(end + timedelta(days=max(30, (end - start).days // 40))))
    top = max([c.count for c in history.changes], default=10)
    ax.set_ylim(0, top * 1.18 + 1)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=12))
    ax.xaxis.set_major_formatter(mdates.AutoDateFormatter(ax.xaxis.get_major_locator()))
    _style_counts(ax)
    if history.changes:
        first = history.changes[0]
        ax.annotate(f"In force {day_text(first.date)}:\n{first.count} States Parties",
                    (mdates.date2num(first.date), first.count), xytext=(10, -6), textcoords="offset points",
                    fontsize=9, color="#222222", va="top")
    peak = history.peak()
    if peak is not None and peak is not history.changes[-1]:
        ax.annotate(f"Peak: {peak.count} ({day_text(peak.date)})", (mdates.date2num(peak.date), peak.count),
                    xytext=(-10, 16), textcoords="offset points", ha="right", fontsize=9, fontweight="bold",
                    arrowprops={"arrowstyle": "-", "color": MUTED, "linewidth": 0.8})
    ax.annotate(f"{history.count} on {day_text(end)}", (mdates.date2num(end), history.count),
                xytext=(-10, -22 if detail else 10), textcoords="offset points", ha="right", fontsize=9,
                color=PARTIES_COLOUR, fontweight="bold")
    if detail:
        ax.set_title("Since the Convention was adopted", loc="left", fontsize=10, color=MUTED)


def _parties_zoom(ax: Axes, history: PartiesHistory, first_withdrawal: date) -> None:
    """The months round the withdrawals, each change named: accessions above the line, withdrawals below."""
    start = first_withdrawal - timedelta(days=150)
    end = history.as_of
    shown = [c for c in history.changes if c.date >= start]
    before = [c for c in history.changes if c.date < start]
    level = before[-1].count if before else 0
    counts = [level, *(c.count for c in shown)]
    xs = [mdates.date2num(start)] + [mdates.date2num(c.date) for c in shown] + [mdates.date2num(end)]
    ax.step(xs, [level, *(c.count for c in shown), history.count], where="post", color=PARTIES_COLOUR,
            linewidth=2, zorder=3)
    ax.set_xlim(xs[0], mdates.date2num(end + timedelta(days=20)))
    ax.set_ylim(min(counts) - 2.5, max(counts) + 1.5 + 1.6 * len(shown))  # headroom for the names
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(_month_year)
    _style_counts(ax)
    ax.yaxis.set_major_locator(_integer_locator())
    gains = [c for c in shown if not c.left]
    for index, change in enumerate(gains):  # a column top left, above the line before the withdrawals
        _name_change(ax, change, (0.03, 0.97 - 0.15 * index))
    for index, change in enumerate(c for c in shown if c.left):  # a column right, above the line after them
        _name_change(ax, change, (0.50, 0.97 - 0.15 * (index + len(gains))))
    ax.set_title(f"{start:%b %Y} to {end:%b %Y}: each change", loc="left", fontsize=10, color=MUTED)


def _name_change(ax: Axes, change: PartyChange, where: tuple[float, float]) -> None:
    """A change named in the panel's blank space, a thin line to its step: who joined (+) or left (−), and when."""
    lines = [f"{day_text(change.date)}: {change.count}"]
    lines += [f"+ {', '.join(change.joined)}"] if change.joined else []
    lines += [f"− {', '.join(change.left)}"] if change.left else []
    ax.annotate("\n".join(lines), (mdates.date2num(change.date), change.count), xytext=where,
                textcoords="axes fraction", ha="left", va="top", fontsize=8.5, linespacing=1.2,
                color="#b2182b" if change.left else "#1b7837",
                arrowprops={"arrowstyle": "-", "color": "#999999", "linewidth": 0.7, "shrinkA": 2, "shrinkB": 3})


def _integer_locator() -> Any:
    return MaxNLocator(integer=True, nbins=6)


def _style_counts(ax: Axes) -> None:
    ax.set_ylabel("States Parties", fontsize=10)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


# ---------------------------------------------------------------------------------------------------------------
# Legend


LEGEND_ORDER = ("step:recorded", "step:projected", "step:override", "receipt:recorded", "receipt:projected",
                "receipt:override", "effect:recorded", "effect:projected", "effect:override", "window", "range",
                "as-of")


def _legend(marks: set[str]) -> list[Any]:
    """Handles for the marks drawn, in a fixed order."""
    def mark(marker: str, kind: Kind, label: str, size: float = 7) -> Line2D:
        hollow = kind is Kind.PROJECTED
        return Line2D([], [], marker=marker, linestyle="none", markersize=size, label=label,
                      markerfacecolor="white" if hollow else COLOUR[kind], markeredgecolor=COLOUR[kind])

    handles: dict[str, Any] = {
        "step:recorded": mark("o", Kind.RECORDED, "step, recorded"),
        "step:projected": mark("o", Kind.PROJECTED, "step, projected"),
        "step:override": mark("s", Kind.OVERRIDE, "step, what-if"),
        "receipt:recorded": mark("D", Kind.RECORDED, "receipt, recorded"),
        "receipt:projected": mark("D", Kind.PROJECTED, "receipt, projected"),
        "receipt:override": mark("D", Kind.OVERRIDE, "receipt, what-if"),
        "effect:recorded": mark("*", Kind.RECORDED, "takes effect, recorded", 12),
        "effect:projected": mark("*", Kind.PROJECTED, "takes effect, projected", 12),
        "effect:override": mark("*", Kind.OVERRIDE, "takes effect, what-if", 12),
        "window": Patch(color=COLOUR[Kind.RECORDED], alpha=0.25, label="recorded window (day not recorded)"),
        "range": Patch(color=COLOUR[Kind.PROJECTED], alpha=0.25, label="projected range (earliest to latest)"),
        "as-of": Line2D([], [], color=AS_OF_COLOUR, linestyle="--", label="as-of date"),
    }
    return [handles[key] for key in LEGEND_ORDER if key in marks]
