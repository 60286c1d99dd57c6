"""ottawa-exit: when a withdrawal from the Ottawa Convention takes effect, what is recorded and what remains.

The one door for notebooks and scripts::

    from datetime import date
    from ottawa_exit import Rules, project_timeline, timeline_dict, effective_date

    poland = Rules().state("poland")
    timeline = project_timeline(poland, as_of=date(2025, 3, 18))
    timeline_dict(timeline)            # the same data as `ottawa-exit timeline poland --format json`
    effective_date(date(2025, 8, 31))  # Article 20 alone

Names are loaded on first use, so the command line starts fast.
"""

from __future__ import annotations

import importlib
from typing import Any

from .version import DATA_REVIEWED, __version__

_API = {
    "ArmedConflict": "article20", "Count": "article20", "Effect": "article20", "effective_date": "article20",
    "six_months_after": "article20",
    "InputError": "errors", "OttawaExitError": "errors",
    "DurationRange": "model", "Event": "model", "Procedure": "model", "State": "model", "Step": "model",
    "Rules": "registry", "RulesError": "load",
    "Kind": "timeline", "Overrides": "timeline", "Status": "timeline", "Timeline": "timeline",
    "project_timeline": "timeline",
    "BacktestRow": "backtest", "backtest": "backtest",
    "timeline_dict": "render.data", "effective_dict": "render.data", "country_dict": "render.data",
    "procedure_dict": "render.data",
}

__all__ = ["DATA_REVIEWED", "__version__", *_API]


def __getattr__(name: str) -> Any:
    if name in _API:
        value = getattr(importlib.import_module(f".{_API[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ottawa_exit' has no attribute {name!r}")
