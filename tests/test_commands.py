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
    assert result.stdout.strip() == f"ok: {path} (Germany: 1 steps, 0 events)"


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


def test_backtest_reports_every_withdrawn_state() -> None:
    rows = json.loads(run_cli(["backtest", "-f", "json"]).stdout)
    assert {r["state"]["id"] for r in rows} == {"estonia", "finland", "latvia", "lithuania", "poland"}
    for row in rows:
        eff = row["effective"]
        assert row["as_of"] == "2025-03-18"
        assert eff["error_days"] == (
            __import__("datetime").date.fromisoformat(eff["date"])
            - __import__("datetime").date.fromisoformat(eff["actual"])).days
        assert eff["inside_range"] == (eff["earliest"] <= eff["actual"] <= eff["latest"])
    table = run_cli(["backtest"]).stdout
    assert "inside the projected range" in table and "in-sample" in table


def test_backtest_as_of_after_the_record_is_exact() -> None:
    rows = json.loads(run_cli(["backtest", "--as-of", "2026-03-01", "-f", "json"]).stdout)
    assert all(r["effective"]["error_days"] == 0 for r in rows)


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
