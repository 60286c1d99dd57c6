"""The rules loader: built-in files, users' files, and every problem reported with file, key path and reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ottawa_exit import InputError, Rules, RulesError, project_timeline
from ottawa_exit.data.reader import MAX_RULES_BYTES
from ottawa_exit.data.registry import STATES_DIR as BUILT_IN
from ottawa_exit.projection.timeline import Kind, Status

from .conftest import rules_problems, run_cli, write_rules


# A source record a user's file defines for itself (a user may also cite any built-in key).
EXAMPLE_SOURCE = """
[source.example-gazette]
url = "https://example.org/gazette"
publisher = "Example Official Gazette"
kind = "gazette"
title = "An example page"
language = "en"
"""



@pytest.mark.parametrize("query", ["poland", "Poland", "PL", "pl", "POL", "Polska", "POLSKA", " poland "])
def test_a_country_by_any_of_its_names(query: str) -> None:
    assert Rules().state(query).id == "poland"


def test_native_names_with_diacritics() -> None:
    assert Rules().state("Україна").id == "ukraine"
    assert Rules().state("suomi").id == "finland"


KNOWN = "('ottawa-exit countries --all' lists every state)"


def test_unknown_country_suggests_the_closest() -> None:
    """The library says it in its own words; the command line adds where the names are listed."""
    with pytest.raises(InputError) as caught:
        Rules().state("polnad")
    assert str(caught.value) == "unknown country 'polnad'; did you mean 'poland'?"
    with pytest.raises(InputError) as caught:
        Rules().state("Lituania")
    assert str(caught.value) == "unknown country 'Lituania'; did you mean 'lithuania'?"
    assert not isinstance(caught.value, RulesError)  # a bad query, not a bad file
    assert "ottawa-exit" not in str(caught.value)
    cli = run_cli(["timeline", "Lituania"])
    assert cli.exit_code == 2 and cli.stderr == f"error: unknown country 'Lituania'; did you mean 'lithuania'? {KNOWN}\n"


def test_the_fast_path_reads_only_the_requested_file() -> None:
    rules = Rules()
    rules.state("poland")
    assert list(rules._states) == ["poland"]


def test_a_user_file_adds_a_state_with_the_generic_procedure(tmp_path: Path) -> None:
    path = write_rules(tmp_path, """
[state]
id = "germany"
name = "Germany"
iso2 = "DE"
iso3 = "DEU"

[[events]]
step = "receipt"
date = 2027-01-15
source = "example-gazette"
""" + EXAMPLE_SOURCE)
    rules = Rules([path])
    state = rules.state("DE")
    assert [s.id for s in state.procedure.steps] == ["decision", "receipt"]
    t = project_timeline(state, date(2027, 2, 1))
    assert t.receipt.kind is Kind.RECORDED and t.effective.span.date == date(2027, 7, 15)
    assert t.status is Status.PENDING
    assert [s.id for s in rules.all()][-1] == "germany"  # built-ins first


def test_a_user_file_extends_a_built_in_state(tmp_path: Path) -> None:
    path = write_rules(tmp_path, """
[state]
id = "poland"

[[notes]]
text = "checked again"
known_from = 2026-01-01

[[events]]
step = "president-signs"
date = 2025-07-24
source = "example-gazette"
""" + EXAMPLE_SOURCE)
    state = Rules([path]).state("poland")
    assert state.event("president-signs").date == date(2025, 7, 24)
    assert state.event("senate").date == date(2025, 7, 17)  # the built-in record is kept
    assert state.notes[-1].text == "checked again" and state.name == "Poland"
    assert str(path) in state.origin


def test_five_mistakes_are_all_reported(tmp_path: Path) -> None:
    path = write_rules(tmp_path, """
[state]
id = "atlantis"
name = "Atlantis"
iso2 = "atl"
iso3 = "ATL"
colour = "blue"

[[steps]]
id = "vote"
title = "Parliament votes"
actor = "Parliament"
requirement = "majority"
legal_basis = "Constitution"
[[steps.durations]]
known_from = 2020-01-01
earliest = 5
typical = 10
latest = 3
basis = "guess"

[[steps]]
id = "receipt"
title = "Receipt"
actor = "UN"
requirement = "notice"
legal_basis = "Art. 20"
[[steps.durations]]
known_from = 2020-01-01
earliest = 1
typical = 2
latest = 3
basis = "guess"

[[events]]
step = "vot"
date = 2026-01-01
source = "example-gazette"

[[events]]
step = "receipt"
earliest = 2026-03-10
latest = 2026-03-01
source = "example-gazette"
""" + EXAMPLE_SOURCE)
    found = rules_problems(path)
    assert len(found) == 5, found
    expected = [
        "my.toml: state.colour: unknown key",
        "my.toml: state.iso2: 'atl' must be 2 capital letters",
        "my.toml: steps[0].durations[0].latest: must be >= typical",
        "my.toml: events[0].step: unknown step 'vot'; did you mean 'vote'?",
        "my.toml: events[1].latest: 2026-03-01 is before earliest 2026-03-10: impossible window",
    ]
    for text in expected:
        assert any(p.endswith(text) or text in p for p in found), (text, found)


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        ("[state\nid=", "invalid TOML"),
        ('state = "x"', "state: missing"),
        ('[state]\nid = "x"\nname = 3\niso2 = "XX"\niso3 = "XXX"', "state.name: must be a non-empty string, not an integer"),
        ('[state]\nid = "Bad Id"\nname = "x"\niso2 = "XX"\niso3 = "XXX"', "state.id: 'Bad Id' must be lower-case"),
        ('[state]\nid = "x"\nname = "x"\niso2 = "XX"\niso3 = "XXX"\n[[events]]\nstep = "receipt"\ndate = "2025-01-01"',
         "events[0].date: must be a date written as YYYY-MM-DD"),
        ('[state]\nid = "x"\nname = "x"\niso2 = "XX"\niso3 = "XXX"\n[[events]]\nstep = "receipt"',
         "events[0].date: missing"),
        ('[state]\nid = "x"\nname = "x"\niso2 = "XX"\niso3 = "XXX"\n[[events]]\nstep = "receipt"\ndate = 2025-01-01\n'
         '[[events]]\nstep = "effective"\ndate = 2025-07-02', "is not what Article 20 gives"),
        ('[state]\nid = "x"\nname = "x"\niso2 = "XX"\niso3 = "XXX"\n[[steps]]\nid = "a"\ntitle = "a"\nactor = "a"\n'
         'requirement = "a"\nlegal_basis = "a"\n[[steps.durations]]\nknown_from = 2020-01-01\nearliest = 1\ntypical = 1\nlatest = 1\nbasis = "b"',
         "must be 'receipt'"),
        ('steps = 3\n[state]\nid = "x"\nname = "x"\niso2 = "XX"\niso3 = "XXX"', "steps: must be an array of tables"),
    ],
)
def test_each_kind_of_mistake(tmp_path: Path, toml: str, fragment: str) -> None:
    found = rules_problems(write_rules(tmp_path, toml))
    assert any(fragment in p for p in found), found


def test_dates_out_of_order(tmp_path: Path) -> None:
    path = write_rules(tmp_path, """
[state]
id = "poland"
[[events]]
step = "senate"
date = 2025-06-01
source = "polska-zbrojna-45761"
""")
    found = rules_problems(path)
    assert any("events[0].date" in p and "out of order" in p for p in found), found
    assert all(p.startswith(str(path)) for p in found)


def test_missing_huge_and_directory_files(tmp_path: Path) -> None:
    assert rules_problems(tmp_path / "absent.toml") == [f"{tmp_path / 'absent.toml'}: no such file"]
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"#" * (MAX_RULES_BYTES + 1))
    assert "limited to" in rules_problems(huge)[0]
    assert "is a directory" in rules_problems(tmp_path)[0]
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    assert "not UTF-8" in rules_problems(binary)[0]


def test_every_built_in_file_is_valid() -> None:
    states = Rules().all()
    assert [s.id for s in states] == ["estonia", "finland", "latvia", "lithuania", "poland", "ukraine"]
    for state in states:
        assert state.procedure.path()[-1].id == "receipt"  # parallel steps (Finland's accompanying acts) aside
        assert state.bound_from is not None
        for step in state.procedure.steps:
            assert step.durations and all(d.basis and d.known_from for d in step.durations)


# ---------------------------------------------------------------------------------------------------------------
# Layering: a user's file over a built-in one; a problem is blamed on the file that supplied the value at fault


def test_a_new_source_for_the_same_receipt_keeps_the_recorded_effect(tmp_path: Path) -> None:
    path = write_rules(tmp_path, """
[state]
id = "poland"
[[events]]
step = "receipt"
date = 2025-08-20
source = "example-gazette"
""" + EXAMPLE_SOURCE)
    state = Rules([path]).state("poland")
    assert state.event("effective").date == date(2026, 2, 20)


def test_a_user_files_wrong_effect_is_blamed_on_the_user_file(tmp_path: Path) -> None:
    path = write_rules(tmp_path, """
[state]
id = "poland"
[[events]]
step = "receipt"
date = 2025-08-21
source = "dziennikustaw-2025-1514"
[[events]]
step = "effective"
date = 2026-02-20
source = "icbl-poland-effect-2026-02-20"
""")
    assert rules_problems(path) == [
        f"{path}: events[1].date: 2026-02-20 is not what Article 20 gives for the receipt 2025-08-21 (2026-02-21)"]


def test_a_user_file_moving_an_earlier_step_past_a_built_in_one_is_blamed(tmp_path: Path) -> None:
    path = write_rules(tmp_path, """
[state]
id = "poland"
[[events]]
step = "sejm-vote"
date = 2025-07-30
source = "dziennikustaw-2025-1514"
""")
    assert rules_problems(path) == [
        f"{path}: events[0].date: sejm-vote on 2025-07-30 is after the later step senate on 2025-07-17 "
        f"({BUILT_IN / 'poland.toml'}, events[4]): dates out of order"]


def test_a_user_procedure_leaving_out_a_recorded_step_is_blamed_on_the_user_file(tmp_path: Path) -> None:
    path = write_rules(tmp_path, """
[state]
id = "finland"
[[steps]]
id = "receipt"
title = "Receipt"
actor = "UN"
requirement = "notice"
legal_basis = "Art. 20"
[[steps.durations]]
known_from = 2020-01-01
earliest = 1
typical = 2
latest = 3
basis = "guess"
""")
    found = rules_problems(path)
    assert found and all(p.startswith(f"{path}: steps: leaves out step ") for p in found), found
    assert any("'eduskunta-vote', which " in p and "finland.toml records (events[2])" in p for p in found), found


def test_a_broken_user_file_is_an_error_for_every_lookup(tmp_path: Path) -> None:
    broken = write_rules(tmp_path, '[state]\nid = "poland"\nname = 3\n')
    expected = f"{broken}: state.name: must be a non-empty string, not an integer"
    for use in (Rules.check, Rules.all, lambda r: r.state("poland"), lambda r: r.state("PL")):
        with pytest.raises(RulesError) as caught:
            use(Rules([broken]))
        assert str(caught.value) == expected
    assert [name for name, _ in Rules([broken]).completions("pol")] == ["poland", "POL"]  # completion never fails


def test_a_user_file_extends_a_state_without_reading_the_other_built_ins(tmp_path: Path) -> None:
    rules = Rules([write_rules(tmp_path, '[state]\nid = "poland"\nbound_note = "x"\n')])
    assert rules.state("poland").bound_note == "x"
    assert list(rules._states) == ["poland"]



def test_tomli_reads_every_shipped_file_as_the_standard_library_does() -> None:
    """load.read_toml uses tomli (compiled, for speed); the standard library's tomllib is the reference."""
    import tomllib
    from pathlib import Path

    import tomli

    data = Path(__file__).resolve().parents[1] / "src" / "ottawa_exit" / "data"
    files = sorted(data.rglob("*.toml"))
    assert len(files) >= 6 + 21 + 3
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert tomli.loads(text) == tomllib.loads(text), path
    for bad in ('a = "unterminated', "a = 1\na = 2", "[x]\n[x]", "d = 2025-13-01"):
        with pytest.raises(tomllib.TOMLDecodeError):
            tomllib.loads(bad)
        with pytest.raises(tomli.TOMLDecodeError):
            tomli.loads(bad)
