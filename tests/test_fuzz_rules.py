"""Rules files generated from the declared spec (``data.specs.RULES_SPEC``): each key present or missing, its value
of the right kind or a wrong one (another type, a wild string), unknown keys now and then, states and steps that
layer over a built-in file. `rules check` answers with one line per problem (exit 2) or "ok" (exit 0), never a
traceback; a file it accepts works in every command (exit 0); one it refuses is a one-line error for them (exit 2).

Examples: RULES_EXAMPLES files (the settings below), each through `rules check` and two commands.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, event, given, settings, strategies as st
from typer.testing import CliRunner

from ottawa_exit.cli import app
from ottawa_exit.data import schema, specs
from ottawa_exit.data.schema import Field, Kind, Many, Table

RULES_EXAMPLES = 80

WILD_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "\x1b[31mred", "line\nbreak", "=cmd|' /C calc'!A0", "<script>x</script>",
                     "[bold]x[/bold]", "\u202eevil", "x" * 2000, "poland", "receipt", "unknown"]),
)
WRONG = st.one_of(
    st.integers(min_value=-10**6, max_value=10**6), st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
    WILD_TEXT, st.lists(st.integers(), max_size=3), st.just({"a": 1}), st.dates(),
    st.just(datetime(2025, 8, 20, 12, 0)), st.just(time(12, 0)),
)
SOURCE_KEYS = st.sampled_from(["aca-abm-treaty", "aca-countries-leave-mine-ban-2026", "nope", "my-source"])
POLAND_STEPS = st.sampled_from(["decision", "government-bill", "sejm-vote", "senate", "receipt", "effective", "nope"])
GOOD: dict[int, st.SearchStrategy[Any]] = {
    id(schema.TEXT): st.text(min_size=1, max_size=20),
    id(schema.DATE): st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    id(schema.DATE_OR_UNKNOWN): st.one_of(st.dates(min_value=date(2024, 6, 1), max_value=date(2027, 1, 1)),
                                          st.just("unknown")),
    id(schema.SOURCES): st.one_of(SOURCE_KEYS, st.lists(SOURCE_KEYS, min_size=1, max_size=2)),
    id(schema.NAMES): st.lists(st.text(min_size=1, max_size=10), max_size=3),
    id(schema.FLAG): st.booleans(),
    id(schema.DAYS_COUNT): st.integers(min_value=-5, max_value=4000),
    id(specs.ADDRESS): st.sampled_from(["https://example.org/a", "http://example.org", "ftp://example.org", "x"]),
    id(specs.LANGUAGE): st.sampled_from(["en", "pl", "EN", "eng"]),
}
# keys whose values decide what the file layers over or links to: drawn from the real ones most of the time
NAMED: dict[str, st.SearchStrategy[Any]] = {
    "id": st.sampled_from(["poland", "finland", "germany", "atlantis", "Bad Id", "receipt", "decision"]),
    "iso2": st.sampled_from(["PL", "AQ", "pl", "POL"]),
    "iso3": st.sampled_from(["POL", "ATL", "PL"]),
    "step": POLAND_STEPS,
    "after_step": POLAND_STEPS,
    "from_step": POLAND_STEPS,
}


CLEAN_TEXT = st.text(st.characters(min_codepoint=32, max_codepoint=0x2FFF, exclude_categories=("Cc", "Cs")),
                     min_size=1, max_size=20).filter(str.strip)
CLEAN_NAMED: dict[str, st.SearchStrategy[Any]] = {
    "id": st.sampled_from(["poland", "finland", "germany", "atlantis"]),
    "iso2": st.just("AQ"), "iso3": st.just("ATL"),
    "step": st.sampled_from(["decision", "receipt"]),
}


def _choices(kind: Kind) -> st.SearchStrategy[Any]:
    """A kind declared by its choices (``choice(...)``, INSTRUMENT): one of them, or a near miss."""
    values = [v.strip() for v in kind.wants.split(",") if v.strip()]
    return st.sampled_from([*values, "nope", values[0].upper()] if values else ["nope"])


class Drawing:
    """Draws one file: ``noisy`` files get wrong values, missing keys and unknown keys; clean ones keep to the
    spec's kinds (their cross-key checks may still refuse them), so accepted files are common enough to test."""

    def __init__(self, draw: st.DrawFn, noisy: bool):
        self.draw, self.noisy = draw, noisy

    def now_and_then(self) -> bool:
        return self.noisy and self.draw(st.integers(0, 9)) in (3, 7)

    def value(self, field: Field, depth: int) -> Any:
        """A value for ``field``: of its kind, or (noisy) a wrong one now and then."""
        draw = self.draw
        if self.now_and_then():
            return draw(WRONG)
        kind = field.kind
        if isinstance(kind, Many):
            return [self.table(kind.table.fields, depth + 1) for _ in range(draw(st.integers(0, 2 if depth < 2 else 0)))]
        if isinstance(kind, Table):
            return self.table(kind.fields, depth + 1)
        named = NAMED if self.noisy else {**NAMED, **CLEAN_NAMED}
        if field.name in named:
            return draw(named[field.name])
        if kind is specs.SOURCE_TABLES:
            key = draw(st.sampled_from(["my-source", "aca-abm-treaty", "Bad Key"]))
            return {key: self.table(specs.SOURCE, depth + 1)}
        assert isinstance(kind, Kind)
        if kind is schema.TEXT and not self.noisy:
            return draw(CLEAN_TEXT)
        return draw(GOOD.get(id(kind), _choices(kind)))

    def table(self, fields: tuple[Field, ...], depth: int = 0) -> dict[str, Any]:
        """A table by its spec: a required key left out now and then (noisy), an optional one present at times;
        an unknown key (a near miss or a wild one) now and then (noisy)."""
        draw = self.draw
        found: dict[str, Any] = {}
        for field in fields:
            keep = not self.now_and_then() if field.required else draw(st.integers(0, 3)) == 1
            if keep and depth < 4:
                found[field.name] = self.value(field, depth)
        if self.now_and_then():
            found[draw(st.sampled_from(["dates", "stepp", "Source", "x y", "ünï"]))] = draw(WRONG)
        return found


@st.composite
def rules_files(draw: st.DrawFn) -> str:
    noisy = draw(st.booleans())
    event(f"noisy: {noisy}")
    return tomli_w.dumps(Drawing(draw, noisy).table(specs.RULES_SPEC.fields))


def _one_line_problems(stderr: str, path: Path) -> None:
    lines = stderr.splitlines()
    assert lines and lines[-1].startswith("error: "), stderr
    for line in lines[:-1]:  # `rules check` lists every problem, one a line: "file: key: reason"
        assert ": " in line and not line.startswith(" "), line


@settings(max_examples=RULES_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules_files())
def test_generated_rules_files_are_accepted_or_refused_in_one_line(text: str) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "my.toml"
        path.write_text(text, encoding="utf-8")
        check = runner.invoke(app, ["rules", "check", str(path)], catch_exceptions=True)
        shown = f"{text}\n-> {check.exit_code}\n{check.stdout}{check.stderr}"
        assert check.exception is None or isinstance(check.exception, SystemExit), shown
        assert "Traceback" not in check.stdout + check.stderr, shown
        assert check.exit_code in (0, 2), shown
        event(f"rules check: exit {check.exit_code}")
        countries = runner.invoke(app, ["--rules", str(path), "countries", "--as-of", "2026-01-01", "-f", "json"],
                                  catch_exceptions=True)
        assert countries.exception is None or isinstance(countries.exception, SystemExit), shown
        if check.exit_code == 2:
            _one_line_problems(check.stderr, path)
            assert countries.exit_code == 2 and countries.stdout == "", shown
            assert countries.stderr.count("\n") == 1 and countries.stderr.startswith("error: "), countries.stderr
            return
        assert check.stdout.startswith(f"ok: {path} ("), shown
        assert countries.exit_code == 0, shown + countries.stderr
        state = json.loads(countries.stdout)
        timeline = runner.invoke(app, ["--rules", str(path), "timeline", _state_id(text), "--as-of", "2026-01-01",
                                       "-f", "json"], catch_exceptions=True)
        assert timeline.exit_code == 0 and "Traceback" not in timeline.stderr, shown + timeline.stderr
        assert json.loads(timeline.stdout)["schema"].startswith("ottawa-exit/timeline/") and state is not None


def _state_id(text: str) -> str:
    import tomllib

    return str(tomllib.loads(text)["state"]["id"])
