"""A rules file as large as the size cap admits is read, checked and projected like a small one: every check still
finds what it finds in a small file (reading and projecting are linear in the number of steps; the benchmark
`python benchmarks/bench.py --data-size` measures the time, which no test asserts)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from ottawa_exit import Overrides, Rules, RulesError, State, project_timeline
from ottawa_exit.data.reader import MAX_RULES_BYTES
from ottawa_exit.projection.timeline import Kind

STEPS = 6_000
STEP = ('[[steps]]\nid="{id}"\ntitle="t"\nactor="a"\nrequirement="r"\nlegal_basis="l"\n{extra}'
        'durations=[{{known_from=2000-01-01,earliest=1,typical=2,latest=3,basis="b"}}]\n')


def big_file(tmp_path: Path, last_id: str = "receipt", event_step: str = "s0") -> Path:
    """6,000 path steps, then a parallel step counted from the first and a receipt whose statutory limit counts from
    the second: every reference crosses the whole file."""
    parts = ['[state]\nid="big-state"\nname="Big State"\niso2="XB"\niso3="XBS"\nbound_from=2000-01-01\n']
    parts += [STEP.format(id=f"s{i}", extra="") for i in range(STEPS)]
    parts.append(STEP.format(id="aside", extra='parallel=true\nafter_step="s0"\n'))
    parts.append(STEP.format(id=last_id, extra='statutory_limit={days=3650,from="s1",from_step="s1",text="x"}\n'))
    parts.append(f'[[events]]\nstep="{event_step}"\ndate=2025-01-02\nsource="un-status-xxvi5"\n')
    path = tmp_path / "big.toml"
    path.write_text("\n".join(parts), encoding="utf-8")
    assert 850_000 < path.stat().st_size <= MAX_RULES_BYTES
    return path


@pytest.fixture(scope="module")
def big_state(tmp_path_factory: pytest.TempPathFactory) -> State:
    return Rules([big_file(tmp_path_factory.mktemp("big"))]).state("big-state")


def test_a_file_at_the_size_cap_loads_and_projects(big_state: State) -> None:
    state = big_state
    assert len(state.procedure.steps) == STEPS + 2
    timeline = project_timeline(state, date(2025, 3, 1))
    kinds = [s.kind for s in timeline.steps]
    assert kinds[0] is Kind.RECORDED and set(kinds[1:]) == {Kind.PROJECTED}
    # s0 is recorded on 2 Jan 2025 and overdue by 1 Mar: each later step k of the path is counted from the as-of
    # date, k days at the earliest, 2k typically, 3k at the latest; the parallel step is one step from s0.
    as_of = date(2025, 3, 1)
    assert timeline.step("aside").span == (as_of + timedelta(2), as_of + timedelta(1), as_of + timedelta(3))
    assert timeline.step("s4000").span == (as_of + timedelta(8000), as_of + timedelta(4000), as_of + timedelta(12000))
    cap = timeline.step("s1").span.latest + timedelta(3650)  # the receipt's limit: 3650 days from s1
    assert timeline.step("receipt").note == "latest bounded by the statutory limit: 3650 days from s1"
    assert timeline.receipt.span == (cap, cap, cap)
    assert timeline.effective.span.date == date(cap.year, cap.month + 6, cap.day)


def test_an_override_near_the_end_bounds_every_projection_before_it(big_state: State) -> None:
    state = big_state
    fixed = date(2030, 1, 1)
    timeline = project_timeline(state, date(2025, 3, 1), Overrides.build(steps=[(f"s{STEPS - 1}", fixed)]))
    before = [s for s in timeline.steps if s.kind is Kind.PROJECTED and s.step.id.startswith("s")]
    assert len(before) == STEPS - 2
    capped = [s for s in before if s.note == f"limited by the override of 's{STEPS - 1}'"]
    assert capped and all(s.span.latest is not None and s.span.latest <= fixed for s in before)
    assert timeline.step("aside").note is None  # a parallel step is not bounded by the path's overrides
    assert timeline.step(f"s{STEPS - 1}").kind is Kind.OVERRIDE


def test_problems_at_the_end_of_a_file_at_the_cap_are_found(tmp_path: Path) -> None:
    with pytest.raises(RulesError) as caught:
        Rules([big_file(tmp_path, last_id="s3", event_step="asid")]).all()
    assert [str(p).removeprefix(f"{tmp_path / 'big.toml'}: ") for p in caught.value.problems] == [
        f"steps[{STEPS + 1}].id: duplicate step id 's3'",
        f"steps[{STEPS + 1}].id: the last step (parallel steps aside) must be 'receipt' (the Depositary's receipt)",
        "events[0].step: unknown step 'asid'; did you mean 'aside'?",
    ]
