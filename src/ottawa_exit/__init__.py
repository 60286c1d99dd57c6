"""ottawa-exit: when a withdrawal from the Ottawa Convention (and 20 other treaties) takes effect, what is recorded
and what remains.

The library, one function per command (``ottawa_exit.api``)::

    import ottawa_exit as ox

    ox.timeline("poland", as_of="2025-03-18")      # <Timeline Poland as of 2025-03-18: party; ...>
    ox.timeline("PL", receipt="2025-08-31")         # a what-if receipt
    ox.countries(all=True, as_of="2026-11-27")      # every state ever bound, with the count of States Parties
    ox.effective("2025-08-31")                      # Article 20 alone: takes effect 2026-02-28
    ox.effective("2025-06-02", treaty="rome-statute")
    ox.timeline_dict(ox.timeline("poland"))         # the JSON of `ottawa-exit timeline poland --format json`

None of these imports Rich or Typer (a test checks it), so the command line's fast paths stay fast.
"""

from .api import (
    DateLike, RulesLike, backtest, check_rules, compare, countries, effective, exit_rule, parties, procedure, template,
    timeline, treaties, withdrawals,
)
from .data.model import DurationRange, Event, Procedure, State, Step
from .data.ottawa import effective_date, six_months_after
from .data.reader import RulesError
from .data.registry import Rules
from .documents import backtest_dict, country_dict, document, effective_dict, procedure_dict, timeline_dict
from .engine.clauses import ArmedConflict, Count, Effect
from .errors import InputError, OttawaExitError
from .projection.backtest import Backtest, BacktestRow
from .projection.timeline import Kind, NotProjected, Overrides, Status, Timeline, project_timeline
from .results import Comparison, Countries, Parties, RulesCheck, Treaties, Withdrawals
from .version import DATA_REVIEWED, __version__

__all__ = [
    "DATA_REVIEWED", "__version__",
    # one function per command
    "timeline", "compare", "countries", "parties", "procedure", "backtest", "effective", "exit_rule", "treaties",
    "withdrawals", "check_rules", "template", "DateLike", "RulesLike",
    # what they return
    "Timeline", "Comparison", "Countries", "Parties", "Backtest", "BacktestRow", "Treaties", "Withdrawals",
    "RulesCheck", "Kind", "Status", "NotProjected",
    # the engine and the rules, for finer work
    "ArmedConflict", "Count", "Effect", "effective_date", "six_months_after", "Overrides", "project_timeline",
    "DurationRange", "Event", "Procedure", "Rules", "State", "Step",
    # errors
    "InputError", "OttawaExitError", "RulesError",
    # the JSON documents
    "document", "timeline_dict", "effective_dict", "country_dict", "procedure_dict", "backtest_dict",
]
