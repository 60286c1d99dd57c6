"""Speed and memory of ottawa-exit against baselines this script builds itself, measured in one run on this machine.

Run by hand (not in the tests; machines are noisy), with the test extra installed (the baseline loop uses
python-dateutil):  python benchmarks/bench.py [--runs 15] [--stream-runs 5] [--startup] [--streams] [--data-size]
[--export] [--memory]  (no case named: all of them).

- startup: `ottawa-exit timeline poland --format json` (budget 1.10x), the table output (budget 1.30x) and
  `countries --all --format json` (every registered state, budget 1.30x) against a bare Typer app with two commands
  in the same environment: medians of interleaved runs, and instructions counted by valgrind's callgrind (one run
  each, immune to machine load: the figures to compare between versions).
- streams: `ottawa-exit effective -` on 100,000 dates (budget 1.2x; wall time, and instructions) against a plain
  Python loop doing `date.fromisoformat`, `relativedelta(months=6)` and a write per line; `effective --treaty ID -`
  (rome-statute: years, same day; icsid: day after) against the Ottawa stream in the same run (budget 1.10x).
- data size: `ottawa-exit --rules FILE timeline ID --format json` for a rules file of 0, 1,000 and 6,000 steps (6,000
  is near what the 1 MB cap admits): reading, checking and projecting are linear in the number of steps, so the cost
  per 1,000 steps stays flat (it grew with the file when the checks scanned every earlier step: 53x at 6,900).
- export: `ottawa-exit export DIR` (the data package) and `export --sqlite FILE` for the full dataset, against
  `countries --all --format json` (the same states as JSON); needs the export extra. No budget: a whole dataset
  written once, reported so a change in its cost shows.
- memory: the peak resident memory of `effective -` for 1,000,000 dates against 100,000 (CSV and table; budget:
  within 10%), and for one line of 100 MB, refused after its first 4,096 bytes, alone and with --keep-going (which
  reads the rest in 64 KB pieces and drops it), against 10 dates (budget: within 10%).
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

# The baseline: a bare Typer app with two commands (a group, as ottawa-exit is), run as `python app.py hello`.
BARE = """\
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    print(f"hello {name}")


@app.command()
def goodbye(name: str = "world") -> None:
    print(f"goodbye {name}")


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


def _env() -> dict[str, str]:
    """Bytecode caching on, as for an installed package (the warm-up run writes the .pyc files it needs)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NO_COLOR": "1"}


def timed(cmd: list[str], stdin: Path | None = None, accept: tuple[int, ...] = (0,)) -> tuple[float, int]:
    """Wall time of one run, and the child's peak resident memory in KiB; an exit status not in ``accept`` stops
    the benchmark (a run that failed measured nothing; Popen never sees the status wait4 takes)."""
    with open(stdin or os.devnull, "rb") as source:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
        status, usage = os.wait4(proc.pid, 0)[1:]
        elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in accept:
        raise SystemExit(f"failed (exit {os.waitstatus_to_exitcode(status)}): {' '.join(cmd)}")
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


def instructions(cmd: list[str], stdin: Path | None = None) -> int | None:
    """Instructions executed by one run, counted by valgrind's callgrind: the same every run, whatever the load."""
    if shutil.which("valgrind") is None:
        return None
    with open(stdin or os.devnull, "rb") as source:
        done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd], stdin=source,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_env(), check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    return int(found.group(1)) if found else None


def dates_file(directory: Path, count: int) -> Path:
    path = directory / f"dates-{count}.txt"
    start = date(2002, 7, 1)  # every treaty measured (Ottawa, Rome Statute, ICSID) in force: no early notice
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
        parts.append('[[events]]\nstep="s0"\ndate=2025-01-02\nsource="example"\n'
                     '[source.example]\nurl="https://www.example.org/"\npublisher="Example"\nkind="press"\n'
                     'title="Example"\nlanguage="en"\n')
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


STARTUP = {  # name: (arguments, budget against the bare app)
    "timeline poland --format json": (["timeline", "poland", "--format", "json"], 1.10),
    "timeline poland (table)": (["timeline", "poland"], 1.30),
    "countries --all --format json": (["countries", "--all", "--format", "json"], 1.30),
}
BASE = "bare Typer app (2 commands)"


def startup(tmpdir: Path, runs: int) -> None:
    """Start-up of three commands against the bare app: wall time (noisy) and instructions (not)."""
    bare = tmpdir / "app.py"
    bare.write_text(BARE)
    cmds = {BASE: [sys.executable, str(bare), "hello"]} | {
        name: [str(SCRIPT), *args] for name, (args, _) in STARTUP.items()}
    print(f"\nstartup (median of {runs} interleaved runs)")
    times = interleaved(cmds, runs)
    _ratios(times, "ms", 1000)
    counts = {name: instructions(cmd) for name, cmd in cmds.items()}
    if all(counts.values()):
        print("\nstartup in instructions (valgrind callgrind, one run each: immune to machine load)")
        _ratios({name: float(count or 0) for name, count in counts.items()}, "M", 1e-6)
    else:
        print("\n(install valgrind for start-up counted in instructions, which machine load does not disturb)")


def _ratios(values: dict[str, float], unit: str, scale: float) -> None:
    base = values[BASE]
    print(f"  {BASE:34} {base * scale:7.1f} {unit}")
    for name, (_, budget) in STARTUP.items():
        ratio = values[name] / base
        print(f"  {name:34} {values[name] * scale:7.1f} {unit}  {ratio:5.2f}x  (budget {budget:.2f}x: "
              f"{verdict(ratio, budget)})")


def streams(tmpdir: Path, runs: int) -> None:
    """`effective -` on 100,000 dates against a plain loop, and the treaty streams against Ottawa's."""
    loop = tmpdir / "loop.py"
    loop.write_text(LOOP)
    small = dates_file(tmpdir, 100_000)
    print(f"\nstream of 100,000 dates (median of {runs} interleaved runs)")
    cmds = {"plain Python loop": [sys.executable, str(loop)]}
    for fmt in ("table", "csv", "ndjson"):
        cmds[f"effective - --format {fmt}"] = [str(SCRIPT), "effective", "-", "--format", fmt]
    times = interleaved(cmds, runs, small)
    base = times.pop("plain Python loop")
    print(f"  {'plain Python loop':34} {base * 1000:7.1f} ms")
    for name, value in times.items():
        ratio = value / base
        print(f"  {name:34} {value * 1000:7.1f} ms  {ratio:5.2f}x  (budget 1.20x: {verdict(ratio, 1.2)})")
    counts = {name: instructions(cmd, small) for name, cmd in cmds.items()}
    if all(counts.values()):  # the same streams counted: output written to /dev/null costs little of either
        print("  in instructions (valgrind callgrind, one run each):")
        base_count = counts.pop("plain Python loop") or 1
        print(f"  {'plain Python loop':34} {base_count / 1e6:7.1f} M")
        for name, count in counts.items():
            ratio = (count or 0) / base_count
            print(f"  {name:34} {(count or 0) / 1e6:7.1f} M  {ratio:5.2f}x  (budget 1.20x: {verdict(ratio, 1.2)})")

    print(f"\ntreaty streams of 100,000 dates, ndjson (median of {runs} interleaved runs)")
    cmds = {"ottawa": [str(SCRIPT), "effective", "-", "--format", "ndjson"]}
    for treaty in ("rome-statute", "icsid"):
        cmds[treaty] = [str(SCRIPT), "effective", "--treaty", treaty, "-", "--format", "ndjson"]
    times = interleaved(cmds, runs, small)
    base = times.pop("ottawa")
    print(f"  {'effective - (ottawa)':34} {base * 1000:7.1f} ms")
    for name, value in times.items():
        ratio = value / base
        print(f"  {'effective --treaty ' + name + ' -':34} {value * 1000:7.1f} ms  {ratio:5.2f}x  "
              f"(budget 1.10x: {verdict(ratio, 1.10)})")


def long_line(directory: Path, size: int) -> Path:
    """One line of ``size`` bytes (a date, then digits) and no newline: an input a stream must refuse unread."""
    path = directory / f"line-{size}.txt"
    with path.open("wb") as out:
        out.write(b"2025-08-20")
        chunk = b"7" * (1 << 20)
        for _ in range(size // len(chunk)):
            out.write(chunk)
    return path


def peak(cmd: list[str], stdin: Path, accept: tuple[int, ...] = (0,)) -> int:
    """The child's peak resident memory in KiB, the least of three runs (exit status in ``accept``)."""
    return min(timed(cmd, stdin, accept)[1] for _ in range(3))


def memory(tmpdir: Path) -> None:
    """Peak memory of `effective -`: flat from 10^5 to 10^6 lines, and one 100 MB line refused without being read
    whole (an error) at the cost of a few dates."""
    small, large = dates_file(tmpdir, 100_000), dates_file(tmpdir, 1_000_000)
    few = dates_file(tmpdir, 10)
    print("\npeak memory of `effective -` (least of 3 runs)")
    for fmt in ("csv", "table"):
        cmd = [str(SCRIPT), "effective", "-", "--format", fmt]
        small_rss, large_rss = peak(cmd, small), peak(cmd, large)
        ratio = large_rss / small_rss
        print(f"  --format {fmt:6} 100,000 dates: {small_rss / 1024:6.1f} MiB; 1,000,000 dates: "
              f"{large_rss / 1024:6.1f} MiB; {ratio:5.3f}x  (budget 1.10x: {verdict(ratio, 1.10)})")
    cmd = [str(SCRIPT), "effective", "-", "--format", "csv"]
    few_rss, line = peak(cmd, few), long_line(tmpdir, 100 << 20)
    print(f"  --format csv   10 dates: {few_rss / 1024:6.1f} MiB")
    for label, extra in (("one 100 MB line, refused", []), ("the same, --keep-going", ["--keep-going"])):
        line_rss = peak(cmd + extra, line, accept=(1, 2))  # refused: exit 2 (bad input)
        ratio = line_rss / few_rss
        print(f"  --format csv   {label + ':':28} {line_rss / 1024:6.1f} MiB; {ratio:5.3f}x  "
              f"(budget 1.10x: {verdict(ratio, 1.10)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="runs per startup command (at least 10)")
    parser.add_argument("--stream-runs", type=int, default=5, help="runs per stream command")
    cases = {"startup": "the start-up case", "streams": "the stream cases", "data-size": "the data-size case",
             "export": "the export case", "memory": "the peak-memory case"}
    for case, what in cases.items():
        parser.add_argument(f"--{case}", action="store_true", help=f"only {what} (several may be given)")
    args = parser.parse_args()
    chosen = [case for case in cases if getattr(args, case.replace("-", "_"))] or list(cases)
    runs = max(10, args.runs)
    print(f"python {sys.version.split()[0]} at {sys.executable}; {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        for case in chosen:
            if case == "startup":
                startup(tmpdir, runs)
            elif case == "streams":
                streams(tmpdir, args.stream_runs)
            elif case == "data-size":
                data_size(tmpdir, args.stream_runs)
            elif case == "export":
                export(tmpdir, args.stream_runs)
            else:
                memory(tmpdir)


if __name__ == "__main__":
    main()
