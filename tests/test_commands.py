"""`rules check`, `rules template`, `backtest`, the environment variable, and the import cost of the JSON path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import run_cli


def test_rules_check_accepts_good_files(tmp_path: Path) -> None:
    path = tmp_path / "germany.toml"
    path.write_text('[state]\nid = "germany"\nname = "Germany"\niso2 = "DE"\niso3 = "DEU"\n', encoding="utf-8")
    result = run_cli(["rules", "check", str(path)])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"ok: {path} (Germany: 2 steps, 0 events)"


def test_templates_pass_the_check_as_printed(tmp_path: Path) -> None:
    for name in ("poland", "North Macedonia"):
        text = run_cli(["rules", "template", name]).stdout
        path = tmp_path / "t.toml"
        path.write_text(text, encoding="utf-8")
        assert run_cli(["rules", "check", str(path)]).exit_code == 0, text
    assert 'id = "north-macedonia"' in run_cli(["rules", "template", "North Macedonia"]).stdout
    assert "sejm-vote" in run_cli(["rules", "template", "PL"]).stdout


def test_germany_from_a_users_file_gets_a_timeline(tmp_path: Path) -> None:
    path = tmp_path / "germany.toml"
    path.write_text(
        '[state]\nid = "germany"\nname = "Germany"\nnative_name = "Deutschland"\niso2 = "DE"\niso3 = "DEU"\n'
        '[[events]]\nstep = "receipt"\ndate = 2026-08-31\nsource = "what-if"\n'
        '[source.what-if]\nurl = "https://example.org/what-if"\npublisher = "Example"\nkind = "press"\n'
        'title = "A what-if"\nlanguage = "en"\n',
        encoding="utf-8",
    )
    doc = json.loads(run_cli(["timeline", "Deutschland", "--as-of", "2026-11-27", "--rules", str(path),
                              "-f", "json"]).stdout)
    assert doc["status"] == "withdrawal-pending"
    assert doc["effective"]["date"] == "2027-02-28"
    listed = json.loads(run_cli(["countries", "--as-of", "2026-11-27", "-f", "json"],
                                env={"OTTAWA_EXIT_RULES": str(path)}).stdout)
    assert [d["state"]["id"] for d in listed][-1] == "germany"


# The public record: the Depositary's receipt and the day the withdrawal took effect.
ACTUAL = {"estonia": ("2025-06-27", "2025-12-27"), "latvia": ("2025-06-27", "2025-12-27"),
          "lithuania": ("2025-06-27", "2025-12-27"), "finland": ("2025-07-10", "2026-01-10"),
          "poland": ("2025-08-20", "2026-02-20")}


def test_backtest_reports_every_withdrawn_state() -> None:
    rows = json.loads(run_cli(["backtest", "-f", "json"]).stdout)
    assert {r["state"]["id"]: (r["receipt"]["actual"], r["effective"]["actual"]) for r in rows} == ACTUAL
    assert {r["schema"] for r in rows} == {"ottawa-exit/backtest/1"}
    # out of sample at three dates by default: the joint statement, 1 May and 1 June 2025
    assert list(dict.fromkeys(r["as_of"] for r in rows)) == ["2025-03-18", "2025-05-01", "2025-06-01"]
    effect = {(r["as_of"], r["state"]["id"]): (r["effective"]["date"], r["effective"]["error_days"],
                                               r["effective"]["inside_range"]) for r in rows}
    # As of the joint statement, checked by hand against the duration ranges known then: Estonia 2025-03-18 +30
    # (bill) +21 (first reading) +21 (vote) +10 (proclamation) +35 (receipt, the 2004 accession) = 2025-07-13,
    # effect 2026-01-13, 17 days after the actual 2025-12-27; Poland +45 +30 +45 +21 +14 +23 +13 = 2025-09-25,
    # effect 2026-03-25, 33 days after 2026-02-20. Finland had decided nothing yet (its Government did on 1 Apr).
    assert {k[1]: v for k, v in effect.items() if k[0] == "2025-03-18"} == {
        "estonia": ("2026-01-13", 17, True), "finland": (None, None, None), "latvia": ("2025-12-15", -12, True),
        "lithuania": ("2025-12-12", -15, True), "poland": ("2026-03-25", 33, True)}
    finland = next(r for r in rows if r["as_of"] == "2025-03-18" and r["state"]["id"] == "finland")
    assert finland["effective"]["reason"] == finland["receipt"]["reason"] == "no withdrawal decided as of 2025-03-18"
    assert {k[1]: v[1] for k, v in effect.items() if k[0] == "2025-05-01"} == {
        "estonia": 24, "finland": 35, "latvia": -33, "lithuania": 17, "poland": 33}
    assert {k[1]: v[1] for k, v in effect.items() if k[0] == "2025-06-01"} == {
        "estonia": 30, "finland": 32, "latvia": 0, "lithuania": 25, "poland": 21}
    assert all(v[2] for k, v in effect.items() if k != ("2025-03-18", "finland"))
    table = " ".join(run_cli(["backtest"], env={"COLUMNS": "200"}).stdout.split())
    assert "out of sample" in table and "in-sample" not in table
    # mean absolute errors: (17+12+15+33)/4 = 19.25, (24+35+33+17+33)/5 = 28.4, (30+32+0+25+21)/5 = 21.6
    assert ("As of 2025-03-18: 4 of 5 actual dates inside the projected range, 1 not projected (no decision); "
            "mean absolute error of the typical projection 19.2 days.") in table
    assert ("As of 2025-05-01: 5 of 5 actual dates inside the projected range, 0 not projected (no decision); "
            "mean absolute error of the typical projection 28.4 days.") in table
    assert ("As of 2025-06-01: 5 of 5 actual dates inside the projected range, 0 not projected (no decision); "
            "mean absolute error of the typical projection 21.6 days.") in table


def test_backtest_as_of_repeated() -> None:
    rows = json.loads(run_cli(["backtest", "--as-of", "2025-01-01", "--as-of", "2025-07-01", "-f", "json"]).stdout)
    assert [r["as_of"] for r in rows] == ["2025-01-01"] * 5 + ["2025-07-01"] * 5
    early = [r for r in rows if r["as_of"] == "2025-01-01"]
    assert all(r["effective"]["date"] is None and r["effective"]["inside_range"] is None for r in early)
    assert {r["effective"]["reason"] for r in early} == {"no withdrawal decided as of 2025-01-01"}


def test_backtest_as_of_after_the_record_is_exact() -> None:
    rows = json.loads(run_cli(["backtest", "--as-of", "2026-03-01", "-f", "json"]).stdout)
    assert {r["state"]["id"]: (r["effective"]["date"], r["effective"]["error_days"]) for r in rows} == {
        state: (effect, 0) for state, (_, effect) in ACTUAL.items()}


def test_template_refuses_a_broken_rules_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[state\nid = 'x'", encoding="utf-8")
    for args in (["rules", "template", "poland", "--rules", str(bad)], ["--rules", str(bad), "rules", "template",
                                                                          "poland"]):
        result = run_cli(args)
        assert result.exit_code == 2, result.stdout
        assert result.stdout == "" and "invalid TOML" in result.stderr


def test_json_path_does_not_import_rich() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['ottawa-exit', 'timeline', 'poland', '--format', 'json']\n"
        "from ottawa_exit.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = [m for m in sys.modules if m == 'rich' or m.startswith('rich.')]\n"
        "sys.stderr.write(repr(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert json.loads(done.stdout)["status"]
    assert done.stderr == "[]"


def test_table_path_does_import_rich() -> None:
    """The guard above can fail: the same probe sees Rich on the table path."""
    code = (
        "import sys\n"
        "sys.argv = ['ottawa-exit', 'timeline', 'poland']\n"
        "from ottawa_exit.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(str('rich' in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stderr == "True"


def test_the_public_api_imports_neither_rich_nor_typer() -> None:
    """The names in `ottawa_exit` are plain imports (typed for mypy), and still cost no Rich or Typer."""
    code = (
        "import sys\n"
        "import ottawa_exit\n"
        "from ottawa_exit import Rules, project_timeline, timeline_dict, backtest_dict, effective_date\n"
        "sys.stdout.write(repr(sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'typer', 'click'})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[]"


def test_backtest_says_why_a_state_was_not_projected() -> None:
    """Before the states were bound the reason is that, not "no decision" (review finding)."""
    early = run_cli(["backtest", "--as-of", "1990-01-01"], env={"COLUMNS": "200"}).stdout
    assert "5 not projected (not yet a party)" in early
    mixed = run_cli(["backtest", "--as-of", "2012-01-01"], env={"COLUMNS": "200"}).stdout  # Finland and Poland unbound
    assert "5 not projected (3 no decision, 2 not yet a party)" in mixed
