"""Domain assertions: tests say what the record and the projections should be, in the domain's words."""

from __future__ import annotations

from datetime import date
from typing import Any

from ottawa_exit.projection.timeline import Kind, Timeline, TimelineStep


def assert_recorded(timeline: Timeline, step_id: str, day: date | None = None, *,
                    window: tuple[date, date] | None = None) -> TimelineStep:
    """The step is on the record as of the timeline's date: on ``day``, within ``window``, or (neither given) on a
    day not recorded. Each recorded date has a source."""
    step = timeline.step(step_id)
    assert step.kind is Kind.RECORDED, f"{step_id} is {step.kind}, not recorded, as of {timeline.as_of}"
    if window is not None:
        assert (step.span.date, step.span.earliest, step.span.latest) == (None, *window), step.span
    else:
        assert step.span.date == day, f"{step_id} recorded on {step.span.date}, expected {day}"
    if step.span.dated:
        assert step.sources, f"{step_id} is recorded without a source"
    return step


def assert_projected(timeline: Timeline, step_id: str, *, latest: date | None = None) -> TimelineStep:
    """The step is projected with a range (earliest <= typical <= latest), none of it before the as-of date."""
    step = timeline.step(step_id)
    span = step.span
    assert step.kind is Kind.PROJECTED, f"{step_id} is {step.kind}, not projected, as of {timeline.as_of}"
    assert span.earliest is not None and span.date is not None and span.latest is not None, span
    assert timeline.as_of <= span.earliest <= span.date <= span.latest, span
    if latest is not None:
        assert span.latest == latest, f"{step_id} projected at the latest {span.latest}, expected {latest}"
    return step


def assert_effective(timeline: Timeline, day: date | None, kind: Kind) -> None:
    """The withdrawal takes effect on ``day`` (None: indeterminate), labelled ``kind``."""
    assert (timeline.effective.span.date, timeline.effective.kind) == (day, kind), timeline.effective


def json_step(document: dict[str, Any], step_id: str) -> dict[str, Any]:
    """A step of a timeline JSON document, by id."""
    found = [s for s in document["steps"] if s["id"] == step_id]
    assert found, f"no step {step_id!r} in {[s['id'] for s in document['steps']]}"
    return found[0]
