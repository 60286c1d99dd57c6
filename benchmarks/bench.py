"""Speed of ottawa-exit against baselines this script builds itself, measured in one run on this machine.

Run by hand (not in the tests; machines are noisy), with the test extra installed (the baseline loop uses
python-dateutil):  python benchmarks/bench.py [--runs 15] [--stream-runs 5]

- startup: `ottawa-exit timeline poland --format json` (budget 1.10x), the table output (budget 1.30x) and
  `countries --all --format json` (every registered state, budget 1.30x) against a bare Typer hello-world app in the
  same environment, medians of repeated runs.
- stream: `ottawa-exit effective -` on 100,000 dates (budget 1.2x) against a plain Python loop doing
  `date.fromisoformat`, `relativedelta(months=6)` and a write per line; and the peak memory for 1,000,000 dates
  against 100,000 (budget: within 10%).
- treaty stream: `ottawa-exit effective --treaty ID -` (rome-statute: years, same day; icsid: day after) against the
  Ottawa stream in the same run (budget 1.10x).
- data size: `ottawa-exit --rules FILE timeline ID --format json` for a rules file of 0, 1,000 and 6,000 steps (6,000
  is near what the 1 MB cap admits): reading, checking and projecting are linear in the number of steps, so the cost
  per 1,000 steps stays flat (it grew with the file when the checks scanned every earlier step: 53x at 6,900).
- export (`--export` alone): `ottawa-exit export DIR` (the data package) and `export --sqlite FILE` for the full
  dataset, against `countries --all --format json` (the same states as JSON); needs the export extra. No budget:
  a whole dataset written once, reported so a change in its cost shows.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

BIN = Path(sys.executable).parent
SCRIPT = BIN / "ottawa-exit"

HELLO = """\
import typer

app = typer.Typer()


@app.command()
def main(name: str = "world") -> None:
    print(f"hello {name}")


if __name__ == "__main__":
    app()
"""

LOOP = """\
import sys
from datetime import date

from dateutil.relativedelta import relativedelta

six = relativedelta(months=6)
write = sys.stdout.write
for line in sys.stdin:
    receipt = date.fromisoformat(line.strip())
    write(f"{receipt.isoformat()},{(receipt + six).isoformat()}\\n")
"""


def timed(cmd: list[str], stdin: Path | None = None) -> tuple[float, int]:
    """Wall time of one run, and the child's peak resident memory in KiB."""
    # Bytecode caching on, as for an installed package: the warm-up run writes the .pyc files it needs.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NO_COLOR": "1"}
    with open(stdin or os.devnull, "rb") as source, open(os.devnull, "wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=source, stdout=sink, stderr=subprocess.PIPE, env=env)
        _, usage = os.wait4(proc.pid, 0)[1:]
        elapsed = time.perf_counter() - start
    if proc.returncode not in (0, None):
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss


def median_time(cmd: list[str], runs: int, stdin: Path | None = None) -> float:
    timed(cmd, stdin)  # warm the file cache and .pyc files
    return statistics.median(timed(cmd, stdin)[0] for _ in range(runs))


def interleaved(cmds: dict[str, list[str]], runs: int, stdin: Path | None = None) -> dict[str, float]:
    """Medians with the commands interleaved, so drift in machine load hits them all alike."""
    for cmd in cmds.values():
        timed(cmd, stdin)
    samples: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            samples[name].append(timed(cmd, stdin)[0])
    return {name: statistics.median(values) for name, values in samples.items()}


def instructions(cmd: list[str]) -> int | None:
    """Instructions executed by one run, counted by valgrind's callgrind: the same every run, whatever the load."""
    if shutil.which("valgrind") is None:
        return None
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NO_COLOR": "1"}
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                          capture_output=True, text=True, env=env, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    return int(found.group(1)) if found else None


def dates_file(directory: Path, count: int) -> Path:
    path = directory / f"dates-{count}.txt"
    start = date(1800, 1, 1)
    with path.open("w") as out:
        out.writelines(f"{start + timedelta(days=i % 2_900_000)}\n" for i in range(count))
    return path


def rules_file(directory: Path, steps: int) -> Path:
    """A rules file for a new state with ``steps`` steps before the receipt, the first one recorded (so every later
    step is projected), written compactly so that 6,000 steps fit under the 1 MB cap."""
    step = ('[[steps]]\nid="{id}"\ntitle="t"\nactor="a"\nrequirement="r"\nlegal_basis="l"\n'
            'durations=[{{known_from=2000-01-01,earliest=1,typical=2,latest=3,basis="b"}}]\n')
    parts = ['[state]\nid="big-state"\nname="Big State"\niso2="XB"\niso3="XBS"\nbound_from=2000-01-01\n']
    parts += [step.format(id=f"s{i}") for i in range(steps)] + [step.format(id="receipt")]
    if steps:
        parts.append('[[events]]\nstep="s0"\ndate=2025-01-02\nsource="https://example.org"\n')
    path = directory / f"rules-{steps}.toml"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def verdict(ratio: float, budget: float) -> str:
    return "ok" if ratio <= budget else "OVER BUDGET"


def data_size(tmpdir: Path, runs: int) -> None:
    """Rules files of growing size: the cost per 1,000 steps should stay flat (linear reading and projection)."""
    print(f"\ndata size: a rules file of N steps, `timeline --format json` (median of {runs} interleaved runs)")
    sizes = (0, 1_000, 6_000)
    cmds = {f"{n:,} steps": [str(SCRIPT), "--rules", str(rules_file(tmpdir, n)), "timeline", "big-state",
                             "--as-of", "2025-03-01", "--format", "json"] for n in sizes}
    times = interleaved(cmds, runs)
    base = times[f"{0:,} steps"]
    for n in sizes:
        value = times[f"{n:,} steps"]
        per = f"; {(value - base) * 1000 / (n / 1000):6.1f} ms per 1,000 steps" if n else ""
        print(f"  {f'{n:,} steps':34} {value * 1000:7.1f} ms  {value / base:5.2f}x{per}")


def export(tmpdir: Path, runs: int) -> None:
    """The full dataset written as a data package and as a SQLite database (each run replaces the last: --force)."""
    as_of = ["--as-of", "2026-12-01"]
    cmds = {
        "countries --all --format json": [str(SCRIPT), "countries", "--all", *as_of, "--format", "json"],
        "export DIR (data package)": [str(SCRIPT), "export", str(tmpdir / "package"), "--force", *as_of],
        "export --sqlite FILE": [str(SCRIPT), "export", "--sqlite", str(tmpdir / "dataset.db"), "--force", *as_of],
    }
    print(f"\nexport of the full dataset (median of {runs} interleaved runs)")
    times = interleaved(cmds, runs)
    for name, value in times.items():
        print(f"  {name:34} {value * 1000:7.1f} ms")
    counts = {name: instructions(cmd) for name, cmd in cmds.items()}
    if all(counts.values()):
        print("  in instructions (valgrind callgrind, one run each):")
        for name, count in counts.items():
            print(f"  {name:34} {(count or 0) / 1e6:7.1f} M")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="runs per startup command (at least 10)")
    parser.add_argument("--stream-runs", type=int, default=5, help="runs per stream command")
    parser.add_argument("--data-size", action="store_true", help="only the data-size case")
    parser.add_argument("--export", action="store_true", help="only the export case")
    args = parser.parse_args()
    runs = max(10, args.runs)
    if args.data_size or args.export:
        with tempfile.TemporaryDirectory() as tmp:
            (data_size if args.data_size else export)(Path(tmp), args.stream_runs)
        return
    print(f"python {sys.version.split()[0]} at {sys.executable}; {os.cpu_count()} cores")

    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        hello = tmpdir / "hello.py"
        hello.write_text(HELLO)
        loop = tmpdir / "loop.py"
        loop.write_text(LOOP)

        print(f"\nstartup (median of {runs} interleaved runs)")
        times = interleaved({
            "typer hello-world": [sys.executable, str(hello)],
            "timeline poland --format json": [str(SCRIPT), "timeline", "poland", "--format", "json"],
            "timeline poland (table)": [str(SCRIPT), "timeline", "poland"],
            "countries --all --format json": [str(SCRIPT), "countries", "--all", "--format", "json"],
        }, runs)
        base = times["typer hello-world"]
        print(f"  {'typer hello-world':34} {base * 1000:7.1f} ms")
        for name, budget in (("timeline poland --format json", 1.10), ("timeline poland (table)", 1.30),
                             ("countries --all --format json", 1.30)):
            ratio = times[name] / base
            print(f"  {name:34} {times[name] * 1000:7.1f} ms  {ratio:5.2f}x  (budget {budget:.2f}x: "
                  f"{verdict(ratio, budget)})")

        counts = {name: instructions(cmd) for name, cmd in (
            ("typer hello-world", [sys.executable, str(hello)]),
            ("timeline poland --format json", [str(SCRIPT), "timeline", "poland", "--format", "json"]),
            ("timeline poland (table)", [str(SCRIPT), "timeline", "poland"]),
            ("countries --all --format json", [str(SCRIPT), "countries", "--all", "--format", "json"]),
        )}
        if all(counts.values()):
            print("\nstartup in instructions (valgrind callgrind, one run each: immune to machine load)")
            base_count = counts.pop("typer hello-world")
            print(f"  {'typer hello-world':34} {base_count / 1e6:7.1f} M")
            for (name, count), budget in zip(counts.items(), (1.10, 1.30, 1.30)):
                ratio = count / base_count
                print(f"  {name:34} {count / 1e6:7.1f} M  {ratio:5.2f}x  (budget {budget:.2f}x: "
                      f"{verdict(ratio, budget)})")
        else:
            print("\n(install valgrind for start-up counted in instructions, which machine load does not disturb)")

        small = dates_file(tmpdir, 100_000)
        print(f"\nstream of 100,000 dates (median of {args.stream_runs} interleaved runs)")
        cmds = {"plain Python loop": [sys.executable, str(loop)]}
        for fmt in ("table", "csv", "ndjson"):
            cmds[f"effective - --format {fmt}"] = [str(SCRIPT), "effective", "-", "--format", fmt]
        times = interleaved(cmds, args.stream_runs, small)
        base = times.pop("plain Python loop")
        print(f"  {'plain Python loop':34} {base * 1000:7.1f} ms")
        for name, value in times.items():
            ratio = value / base
            print(f"  {name:34} {value * 1000:7.1f} ms  {ratio:5.2f}x  (budget 1.20x: {verdict(ratio, 1.2)})")

        print(f"\ntreaty streams of 100,000 dates, ndjson (median of {args.stream_runs} interleaved runs)")
        cmds = {"ottawa": [str(SCRIPT), "effective", "-", "--format", "ndjson"]}
        for treaty in ("rome-statute", "icsid"):
            cmds[treaty] = [str(SCRIPT), "effective", "--treaty", treaty, "-", "--format", "ndjson"]
        times = interleaved(cmds, args.stream_runs, small)
        base = times.pop("ottawa")
        print(f"  {'effective - (ottawa)':34} {base * 1000:7.1f} ms")
        for name, value in times.items():
            ratio = value / base
            print(f"  {'effective --treaty ' + name + ' -':34} {value * 1000:7.1f} ms  {ratio:5.2f}x  "
                  f"(budget 1.10x: {verdict(ratio, 1.10)})")

        data_size(tmpdir, args.stream_runs)
        export(tmpdir, args.stream_runs)

        large = dates_file(tmpdir, 1_000_000)
        print("\npeak memory of `effective - --format csv`")
        cmd = [str(SCRIPT), "effective", "-", "--format", "csv"]
        small_rss = min(timed(cmd, small)[1] for _ in range(3))
        large_rss = min(timed(cmd, large)[1] for _ in range(3))
        ratio = large_rss / small_rss
        print(f"  100,000 dates: {small_rss / 1024:6.1f} MiB; 1,000,000 dates: {large_rss / 1024:6.1f} MiB; "
              f"{ratio:5.3f}x  (budget 1.10x: {verdict(ratio, 1.10)})")


if __name__ == "__main__":
    main()
