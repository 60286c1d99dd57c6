"""ottawa-exit: when a withdrawal from the Ottawa Convention takes effect, what is recorded and what remains.

The one door for notebooks and scripts::

    from ottawa_exit import Rules, project_timeline, effective_date, timeline_dict

    poland = Rules().state("poland")
    timeline = project_timeline(poland, as_of=date(2025, 3, 18))
    timeline_dict(timeline)  # the same data as `--format json`
"""

from __future__ import annotations

from .article20 import ArmedConflict, Count, Effect, effective_date, six_months_after
from .errors import InputError, OttawaExitError
from .rules import Event, Procedure, Rules, RulesError, State, Step
from .timeline import Kind, Overrides, Status, Timeline, project_timeline
from .version import DATA_REVIEWED, __version__

__all__ = [
    "ArmedConflict", "Count", "Effect", "Event", "InputError", "Kind", "OttawaExitError", "Overrides", "Procedure",
    "Rules", "RulesError", "State", "Status", "Step", "Timeline", "DATA_REVIEWED", "__version__", "effective_date",
    "project_timeline", "six_months_after", "timeline_dict", "effective_dict",
]


def timeline_dict(timeline: Timeline) -> dict:
    """A timeline as the JSON contract ``ottawa-exit/timeline/1`` describes it (plain dict, ISO date strings)."""
    from .render.data import timeline_dict as build

    return build(timeline)


def effective_dict(effect: Effect) -> dict:
    """One Article 20 result as the JSON contract ``ottawa-exit/effective/1`` describes it."""
    from .render.data import effective_dict as build

    return build(effect)
