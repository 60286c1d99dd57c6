"""Write docs/columns.md: every command's CSV columns, in order, each with what it holds. The columns are read from
the live output, so the reference cannot drift from the tool; a column this glossary does not describe stops the
script (and the test that runs it).

    python scripts/columns_reference.py          # rewrite docs/columns.md
    python scripts/columns_reference.py --check  # exit 1 if docs/columns.md is out of date (the tests do the same)
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from typer.testing import CliRunner

from ottawa_exit.cli import app

REFERENCE = Path(__file__).resolve().parents[1] / "docs" / "columns.md"
AS_OF = ["--as-of", "2026-11-27"]
# Each command's CSV, and the run its columns are read from (the columns never depend on the options).
COMMANDS = {
    "timeline": ["timeline", "poland", *AS_OF],
    "compare": ["compare", *AS_OF],
    "countries": ["countries", *AS_OF],
    "parties": ["parties", *AS_OF],
    "effective": ["effective", "2025-08-20"],
    "procedure": ["procedure", "poland"],
    "backtest": ["backtest"],
    "treaties": ["treaties"],
    "withdrawals": ["withdrawals", *AS_OF],
    "sources": ["sources"],
}
ROWS = {
    "timeline": "one row per step of the state's procedure; the state, its status, receipt and effect repeated beside "
                "each step",
    "compare": "one row per step of each state compared",
    "countries": "one row per state (`--all`: every state ever bound; `--status never` adds those that never joined)",
    "parties": "one row per State Party on the date",
    "effective": "one row per date given",
    "procedure": "one row per step of the state's procedure",
    "backtest": "one row per as-of date and state",
    "treaties": "one row per treaty",
    "withdrawals": "one row per recorded withdrawal",
    "sources": "one row per fact a source supports, the source's fields repeated beside each",
}

STATE = {
    "schema": "The document's contract and version (`ottawa-exit/timeline/2` ...).",
    "state_id": "The state's id (`poland`): what every command takes as COUNTRY.",
    "state_name": "The state's English name.",
    "iso2": "ISO 3166-1 alpha-2 code.",
    "iso3": "ISO 3166-1 alpha-3 code.",
    "as_of": "The date the result is for: only what was known that day.",
    "rules_reviewed": "The day the rules data were last reviewed against the public record.",
    "status": "Status on the as-of date: not-a-party, party, withdrawal-in-progress, withdrawal-pending, withdrawn.",
    "status_detail": "What the status alone does not say (a notified suspension, a state that never joined), or empty.",
    "bound_from": "The day the Convention entered into force for the state (Article 17).",
}
SUSPENSION = {
    "suspension_notified": "A notified suspension: the day the Depositary was notified (empty: no suspension known).",
    "suspension_known_from": "The day the suspension was first reported.",
    "suspension_step": "The procedure step that records the notification.",
    "suspension_invoked": "The ground the state invoked.",
    "suspension_provided_for": "Whether the treaty provides for suspension (the Ottawa Convention does not).",
    "suspension_sources": "Sources of the suspension (a list).",
    "suspension_objection_count": "How many States Parties' objections were known on the as-of date.",
    "suspension_objections": "The objections, JSON text: [{state_name, iso3, date, lodged_by, known_from, detail, "
                             "sources}] (`date` when the day is known, else `lodged_by` when a day it was lodged by "
                             "is).",
    "suspension_response_date": "The States Parties' collective response: its day.",
    "suspension_response_known_from": "The day the response was first reported.",
    "suspension_response_text": "The response, in words.",
    "suspension_response_sources": "Sources of the response (a list).",
}
DATED = {
    "kind": "How the date is known: recorded, recorded-window (the record gives earliest..latest), recorded-undated "
            "(a day the record does not give), projected, override (a what-if) or none (nothing projected).",
    "date": "The recorded day, or the typical projected one; empty for a window, an undated step, or none.",
    "earliest": "Earliest day of the range (a recorded day: the same day).",
    "latest": "Latest day of the range.",
    "reason": "Why there is no date (kind none), else empty.",
    "sources": "Sources of the recorded date (a list).",
    "rule": "The rule applied to the receipt, in words.",
    "counting": "How the depositary counts the period: same-day, day-after or unknown.",
    "armed_conflict_ongoing": "Whether the state is taken to be engaged in an armed conflict (Article 20(3)).",
    "armed_conflict_end": "The armed conflict's end, if given.",
}
STEP = {
    "step_id": "The step's id (what `--step ID=DATE` takes).",
    "step_title": "What happens at this step.",
    "step_actor": "Who acts.",
    "step_requirement": "What the step requires (majority, signature ...).",
    "step_legal_basis": "The law that sets the step.",
    "step_statutory_limit": "The time the law gives, in words, or empty.",
    "step_limit_days": "The statutory limit: at most this many days.",
    "step_limit_min_days": "The statutory limit: at least this many days.",
    "step_limit_from": "What the statutory limit counts from.",
    "step_limit_from_step": "The step it counts from, when that is a step of the procedure.",
    "step_limit_text": "The statutory limit, in words.",
    "step_limit_sources": "Sources of the statutory limit (a list).",
    "step_basis": "Where the date came from: the record, the what-if, the duration range's basis, or the reason.",
    "step_basis_known_from": "The day the duration range used was known (never after as_of).",
    "step_basis_sources": "Sources of the duration range (a list).",
    "step_detail": "What the record says of the step (a vote count, a decree number).",
    "step_source": "The first source of the recorded date.",
    "step_alternative_date": "A conflicting source's date, kept.",
    "step_alternative_sources": "Its sources (a list).",
    "step_notes": "Remarks on the step: the engine's, conflicting reports, the step's dated notes (a list).",
    "step_formal": "Whether the law requires the step (false: a political decision).",
    "step_parallel": "Whether the step is off the path to the receipt.",
    "step_after_step": "For a parallel step: the step it follows.",
    "step_durations": "Duration ranges, JSON text: [{known_from, earliest, typical, latest, basis, sources}].",
}
GLOSSARY = {
    **STATE, **SUSPENSION, **STEP,
    **{f"step_{k}": v for k, v in DATED.items() if k in ("kind", "date", "earliest", "latest", "sources")},
    **{f"receipt_{k}": f"Receipt by the Depositary. {v}" for k, v in DATED.items()},
    **{f"effective_{k}": f"The day the withdrawal takes effect. {v}" for k, v in DATED.items()},
    "overrides_steps": "What-ifs given (`--step`, `--receipt`), JSON text: [{step_id, date}].",
    "overrides_armed_conflict_ongoing": "A what-if armed conflict (`--armed-conflict`, `--armed-conflict-until`).",
    "overrides_armed_conflict_end": "Its end (`--armed-conflict-until`).",
    "overrides_no_armed_conflict": "Whether `--no-armed-conflict` set aside a recorded armed conflict.",
    "notes": "Notes known on the as-of date (a list; procedure: JSON text [{text, known_from, sources}]).",
    "count": "The number of States Parties on the date.",
    "legislature": "The state's legislature.",
    "sources": "Every source (a list).",
    "receipt_actual": "The recorded receipt, to compare with.",
    "receipt_error_days": "Typical projected receipt minus the recorded one, in days.",
    "effective_actual": "The recorded effect, to compare with.",
    "effective_error_days": "Typical projected effect minus the recorded one, in days.",
    "effective_inside_range": "Whether the recorded effect fell inside the projected range.",
    "start_basis": "What the period counts from: receipt (the depositary's) or notice.",
    "start_date": "The day the period counts from.",
    "expiry": "The end of the period (six months for Article 20; the treaty's period with --treaty).",
    "effective": "The day the withdrawal takes effect (empty when Article 20(3) leaves it indeterminate).",
    "counting": "How the period was counted: same-day, day-after or unknown (then `alternative` gives the other).",
    "rule": "The rule applied, in words.",
    "armed_conflict_ongoing": DATED["armed_conflict_ongoing"],
    "armed_conflict_end": DATED["armed_conflict_end"],
    "treaty_id": "The treaty's id (`ottawa`, `rome-statute` ...): what `--treaty` takes.",
    "treaty_name": "The treaty's name.",
    "treaty_citation": "The exit clause's citation.",
    "alternative": "With an unknown counting practice: the day-after date; else empty.",
    "later_date": "A later date the notification specified, if any.",
    "early_notice_possible_from": "A notice dated before a party could give one (before the treaty's entry into "
                                  "force, or a minimum time): the first day notice was possible; else empty.",
    "early_notice_reason": "Why that notice was too early; else empty.",
    "short_names": "Short names and acronyms (a list).",
    "adopted": "The day the treaty was adopted.",
    "in_force": "The day the treaty entered into force.",
    "depositary": "The treaty's depositary.",
    "article": "The article with the exit clause.",
    "citation": "The exit clause's citation.",
    "clause": "The exit clause, quoted.",
    "rule_summary": "The exit rule in one line.",
    "rule_period_amount": "The period's length.",
    "rule_period_unit": "The period's unit: days, months or years.",
    "rule_start": "What the period counts from: receipt or notice.",
    "rule_form": "period, fixed date or end of the following year.",
    "rule_counting": "The depositary's counting practice: same-day, day-after or unknown.",
    "rule_counting_note": "What the counting practice rests on.",
    "rule_counting_sources": "Its sources (a list).",
    "rule_later_date": "Whether the notification may specify a later date.",
    "rule_notice_not_before_years": "Notice not before this many years ...",
    "rule_notice_not_before_from": "... counted from this.",
    "rule_armed_conflict": "The armed-conflict rule, if any.",
    "rule_armed_conflict_text": "The armed-conflict clause, quoted.",
    "note": "A note, in words.",
    "notice": "The day the notice was given.",
    "effective_stated": "The effective date as stated by the depositary or the government.",
    "stated_by": "Who stated it.",
    "computed_effective": "The effective date the treaty's rule gives.",
    "computed_alternative": "The other reading's date, for an unknown counting practice.",
    "computed_counting": "The counting applied: same-day, day-after or unknown.",
    "computed_rule": "The rule applied, in words.",
    "agrees": "Whether the stated and computed dates agree (for an unknown counting, with either reading).",
    "reading": "The reading that agrees: same-day, day-after or fixed-date.",
    "check": "agrees, differs, explained or differs, unexplained.",
    "explanation": "Why the dates differ, where they do.",
}
# Where a column means something more particular in one command than in the glossary.
PARTICULAR = {
    ("procedure", "sources"): "Every source behind the procedure and its record (a list).",
    ("procedure", "step_notes"): "The step's notes, JSON text: [{text, known_from, sources}].",
    ("backtest", "receipt_date"): "The typical projected receipt.",
    ("backtest", "effective_date"): "The typical projected effect.",
    ("backtest", "receipt_reason"): "Why nothing was projected, else empty.",
    ("backtest", "effective_reason"): "Why nothing was projected, else empty.",
    ("treaties", "sources"): "Sources of the clause (a list).",
    ("treaties", "note"): "A note on the treaty.",
    ("treaties", "note_sources"): "Sources of the note (a list).",
    ("withdrawals", "receipt"): "The day the depositary received the instrument.",
    ("withdrawals", "start_basis"): "What the period was counted from: receipt, notice or a later date.",
    ("withdrawals", "start_date"): "That day.",
    ("withdrawals", "later_date"): "A later date the notification specified.",
    ("withdrawals", "sources"): "Sources of the record (a list).",
    ("procedure", "step_sources"): "Sources of the step's requirement and legal basis: the law (a list).",
    ("withdrawals", "state_name"): "The state's name as recorded.",
    ("withdrawals", "state_id"): "The state's id in the registers (empty for a state in neither).",
    ("withdrawals", "iso2"): "ISO 3166-1 alpha-2 code, from the registers (empty for a state in neither).",
    ("withdrawals", "exit_as_of"): "The date the exit status is for.",
    ("withdrawals", "exit_status"): "On that date: not yet notified, pending, in effect, or effect not stated.",
    ("withdrawals", "exit_effective"): "The day the exit takes effect: as stated, else as the rule gives it.",
    ("withdrawals", "exit_days_remaining"): "Days from the as-of date to the effect, while pending; else empty.",
    ("withdrawals", "organisation"): "`true` for a party that is not a state (the EU, Euratom).",
    ("sources", "key"): "The source's key: what facts cite.",
    ("sources", "url"): "The original's address.",
    ("sources", "publisher"): "Who published it.",
    ("sources", "kind"): "depositary, secretariat, gazette, legislature, government, court, intergovernmental, "
                         "monitor, press, professional (law firms' and consultancies' client notes), "
                         "academic or reference.",
    ("sources", "title"): "The page's title.",
    ("sources", "published"): "The day it was published, where the page shows it.",
    ("sources", "language"): "ISO 639-1 code of its language.",
    ("sources", "via"): "The copy that was read (a mirror, an archive, a scrape), if any.",
    ("sources", "checked"): "`false`: an address kept from an earlier record whose page could not be read again.",
    ("sources", "fact_count"): "How many facts cite it.",
    ("sources", "fact_file"): "The data file of the fact (relative to the data directory for a built-in one).",
    ("sources", "fact_key"): "The key path of the fact's sources in that file.",
    ("sources", "fact_fact"): "The fact in words.",
}

INTRO = """# CSV columns

Generated from the live output of every command by `python scripts/columns_reference.py`; a test fails when this file
and the output disagree, or when a column is not described here.

One vocabulary for every command:

- A nested JSON key becomes `parent_child` (`state.id` -> `state_id`, `effective.date` -> `effective_date`); a
  state's codes are `iso2` and `iso3` wherever a state is named, a treaty's id `treaty_id`.
- The columns never depend on the options: an object that may be null (a step's `limit`, a `suspension`, an
  armed-conflict override) gives its columns, empty; what-ifs are one column (`overrides_steps`).
- Dates are ISO `YYYY-MM-DD`; booleans `true`/`false`; `null` an empty cell.
- A list of plain values (notes) is one cell joined by ` | `; a `|` or `\\` inside a value is escaped by a
  backslash (`a\\|b | c` holds `a|b` and `c`). `ottawa_exit.render.structured.split_list` reads it back; an empty cell
  is an empty list. A list of records (sources, duration ranges) is one cell of JSON text.
- A text cell that a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, tab or carriage return) gets a
  leading apostrophe.
- The JSON of each command has the same keys, nested (README, "Formats and contracts"); `export` writes its own
  tables (docs/dataset.md).
"""


def header(args: list[str]) -> list[str]:
    result = CliRunner().invoke(app, [*args, "--format", "csv"], env={"COLUMNS": "100", "NO_COLOR": "1"})
    if result.exit_code != 0:
        raise SystemExit(f"{' '.join(args)} failed: {result.output}")
    return next(csv.reader(io.StringIO(result.stdout)))


SOURCES = ("A list of sources, records, JSON text: [{key, url, publisher, kind, title, published, language, via, "
           "checked}] (`url` the original's address, `via` the copy read).")


def describe(command: str, column: str) -> str:
    text = PARTICULAR.get((command, column)) or GLOSSARY.get(column)
    if text is None and column.endswith("secondary"):
        text = "`true` when no citable source states the fact (the next column says why)."
    if text is None and column.endswith("secondary_reason"):
        text = "Why no citable source states the fact, or empty."
    if text and column.endswith("sources") and "(a list)" in text:
        text = text.replace("(a list)", "") .rstrip(" .") + ". " + SOURCES
    if text is None:
        raise SystemExit(f"{command}: column {column!r} is not described in scripts/columns_reference.py")
    return text


def reference() -> str:
    parts = [INTRO]
    seen: dict[tuple[str, ...], str] = {}
    for command, args in COMMANDS.items():
        columns = header(args)
        parts.append(f"## `{command}`\n\n{ROWS[command][0].upper()}{ROWS[command][1:]}.\n")
        same = seen.get(tuple(columns))
        if same:
            parts.append(f"The same {len(columns)} columns as `{same}`: "
                         + ", ".join(f"`{c}`" for c in columns) + ".\n")
            continue
        seen[tuple(columns)] = command
        rows = "".join(f"| {i} | `{c}` | {describe(command, c)} |\n" for i, c in enumerate(columns, 1))
        parts.append(f"| # | column | holds |\n|---|---|---|\n{rows}")
    return "\n".join(parts)


def main() -> None:
    text = reference()
    if "--check" in sys.argv[1:]:
        if not REFERENCE.exists() or REFERENCE.read_text(encoding="utf-8") != text:
            raise SystemExit("docs/columns.md is out of date: run python scripts/columns_reference.py")
        return
    REFERENCE.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
