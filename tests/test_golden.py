"""Golden snapshots: each built-in state's timeline document at fixed as-of dates equals tests/golden/<state>.json.

A failure is a data diff: if the change to the rules is meant, run `python scripts/golden.py` and review the diff.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from ottawa_exit import Rules

ROOT = Path(__file__).resolve().parents[1]
RULES = Rules()


def _script():
    spec = importlib.util.spec_from_file_location("golden", ROOT / "scripts" / "golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GOLDEN = _script()


def test_one_snapshot_per_built_in_state() -> None:
    assert sorted(p.stem for p in GOLDEN.GOLDEN_DIR.glob("*.json")) == RULES.builtin_ids(), (
        "run python scripts/golden.py")


def flat(value: Any, path: str = "") -> dict[str, Any]:
    """A document as key path -> value; steps are keyed by id, so a diff names the step."""
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in flat(item, f"{path}.{key}" if path else key).items()}
    if isinstance(value, list) and all(isinstance(v, dict) and "id" in v for v in value) and value:
        return {k: v for item in value for k, v in flat(item, f"{path}[{item['id']}]").items()}
    return {path: value}


@pytest.mark.parametrize("as_of", [d.isoformat() for d in GOLDEN.AS_OF_DATES])
@pytest.mark.parametrize("state_id", RULES.builtin_ids())
def test_timeline_matches_its_snapshot(state_id: str, as_of: str) -> None:
    stored = flat(json.loads((GOLDEN.GOLDEN_DIR / f"{state_id}.json").read_text(encoding="utf-8"))[as_of])
    now = flat(GOLDEN.snapshot(RULES, state_id)[as_of])
    changed = [f"  {key}: {stored.get(key, '(absent)')!r} -> {now.get(key, '(absent)')!r}"
               for key in dict.fromkeys([*stored, *now]) if stored.get(key, ...) != now.get(key, ...)]
    assert not changed, (f"{state_id} as of {as_of} differs from tests/golden/{state_id}.json (snapshot -> now); "
                         "if the change is meant, run python scripts/golden.py and review the diff:\n"
                         + "\n".join(changed))
    assert now == stored  # the same check as one line, for pytest's own diff


def test_check_mode_agrees(capsys: pytest.CaptureFixture[str]) -> None:
    assert GOLDEN.main(["--check"]) == 0, capsys.readouterr().err
