"""Write the golden snapshots: tests/golden/<state>.json, each built-in state's timeline JSON document at fixed
as-of dates, made through the public API. A change to a duration or a recorded date in a rules file then shows up in
the tests as a readable diff, and here as a reviewable data diff once the change is meant.

    python scripts/golden.py          # rewrite the snapshots (review the git diff before committing)
    python scripts/golden.py --check  # exit 1, naming each stale or missing snapshot, without writing
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from ottawa_exit import Rules, project_timeline, timeline_dict

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "tests" / "golden"
# The joint statement (everything after it projected), mid-procedure, and the date the rules were reviewed.
AS_OF_DATES = (date(2025, 3, 18), date(2025, 6, 1), date(2026, 11, 27))


def snapshot(rules: Rules, state_id: str) -> dict[str, Any]:
    """One state's timeline documents by as-of date, as plain JSON data."""
    state = rules.state(state_id)
    documents = {day.isoformat(): timeline_dict(project_timeline(state, day)) for day in AS_OF_DATES}
    return json.loads(json.dumps(documents))  # JSON's own types, as a snapshot file reads back


def text(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def snapshots() -> dict[Path, str]:
    rules = Rules()
    return {GOLDEN_DIR / f"{state_id}.json": text(snapshot(rules, state_id)) for state_id in rules.builtin_ids()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="report stale snapshots instead of writing them")
    args = parser.parse_args(argv)
    wanted = snapshots()
    stray = sorted(set(GOLDEN_DIR.glob("*.json")) - set(wanted))
    if args.check:
        stale = [p for p, t in wanted.items() if not p.exists() or p.read_text(encoding="utf-8") != t]
        for path in [*stale, *stray]:
            print(f"stale: {path}", file=sys.stderr)
        return 1 if stale or stray else 0
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    for path in stray:
        path.unlink()
    for path, content in wanted.items():
        path.write_text(content, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
