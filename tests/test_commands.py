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
        '[[events]]\nstep = "receipt"\ndate = 2026-08-31\nsource = "https://example.org/what-if"\n',
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
    assert {r["as_of"] for r in rows} == {"2025-03-18"}
    # As of the joint statement: typical projections (as published in the README) and their errors in days.
    assert {r["state"]["id"]: (r["effective"]["date"], r["effective"]["error_days"], r["effective"]["inside_range"])
            for r in rows} == {
        "estonia": ("2025-12-27", 0, True), "finland": ("2026-01-26", 16, True), "latvia": ("2025-11-24", -33, True),
        "lithuania": ("2025-11-30", -27, True), "poland": ("2026-02-17", -3, True)}
    assert {r["state"]["id"]: r["receipt"]["error_days"] for r in rows} == {
        "estonia": 0, "finland": 16, "latvia": -34, "lithuania": -28, "poland": -3}
    table = " ".join(run_cli(["backtest"]).stdout.split())
    assert "5 of 5 actual dates inside the projected range" in table and "in-sample" in table
    assert "mean absolute error of the typical projection 15.8 days" in table


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
