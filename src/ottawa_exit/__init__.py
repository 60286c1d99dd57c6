"""ottawa-exit: when a withdrawal from the Ottawa Convention takes effect, what is recorded and what remains.

The one door for notebooks and scripts::

    from datetime import date
    from ottawa_exit import Rules, project_timeline, timeline_dict, effective_date

    poland = Rules().state("poland")
    timeline = project_timeline(poland, as_of=date(2025, 3, 18))
    timeline_dict(timeline)            # the same data as `ottawa-exit timeline poland --format json`
    effective_date(date(2025, 8, 31))  # Article 20 alone

None of these imports Rich or Typer (a test checks it), so the command line's fast paths stay fast.
"""

from .data.ottawa import effective_date, six_months_after
from .engine.clauses import ArmedConflict, Count, Effect
from .projection.backtest import BacktestRow, backtest
from .documents import backtest_dict, country_dict, effective_dict, procedure_dict, timeline_dict
from .errors import InputError, OttawaExitError
from .data.reader import RulesError
from .data.model import DurationRange, Event, Procedure, State, Step
from .data.registry import Rules
from .projection.timeline import Kind, Overrides, Status, Timeline, project_timeline
from .version import DATA_REVIEWED, __version__

__all__ = [
    "DATA_REVIEWED", "__version__",
    "ArmedConflict", "Count", "Effect", "effective_date", "six_months_after",
    "InputError", "OttawaExitError",
    "DurationRange", "Event", "Procedure", "Rules", "RulesError", "State", "Step",
    "Kind", "Overrides", "Status", "Timeline", "project_timeline",
    "BacktestRow", "backtest",
    "timeline_dict", "effective_dict", "country_dict", "procedure_dict", "backtest_dict",
]
