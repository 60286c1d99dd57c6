"""Write docs/api.md from the docstrings of the library's public names (``ottawa_exit.__all__``), so the reference
cannot drift from the code.

    python scripts/api_reference.py          # rewrite docs/api.md
    python scripts/api_reference.py --check  # exit 1 if docs/api.md is out of date (the tests do the same)
"""

from __future__ import annotations

import dataclasses
import enum
import inspect
import sys
from pathlib import Path
from typing import Any

import ottawa_exit

REFERENCE = Path(__file__).resolve().parents[1] / "docs" / "api.md"
SECTIONS = (
    ("Functions: one per command", ("timeline", "compare", "countries", "parties", "procedure", "backtest",
                                    "effective", "exit_rule", "treaties", "withdrawals", "check_rules", "template")),
    ("What they return", ("Timeline", "Comparison", "Countries", "Parties", "Backtest", "BacktestRow", "Treaties",
                          "Withdrawals", "RulesCheck", "Kind", "Status", "NotProjected")),
    ("The engine and the rules", ("effective_date", "six_months_after", "Effect", "ArmedConflict", "Count",
                                  "project_timeline", "Overrides", "Rules", "State", "Procedure", "Step", "Event",
                                  "DurationRange")),
    ("Errors", ("InputError", "OttawaExitError", "RulesError")),
    ("The JSON documents", ("document", "timeline_dict", "country_dict", "procedure_dict", "backtest_dict",
                            "effective_dict")),
)


def _annotation(value: Any) -> str:
    if value is inspect.Parameter.empty:
        return ""
    return value if isinstance(value, str) else getattr(value, "__name__", repr(value))


def signature(function: Any, name: str) -> str:
    """``name(param: type = default, ...) -> type``, with the annotations as written in the source."""
    parts = []
    for param in inspect.signature(function).parameters.values():
        if param.name in ("self", "cls"):
            continue
        text = param.name
        if param.annotation is not inspect.Parameter.empty:
            text += f": {_annotation(param.annotation)}"
        if param.default is not inspect.Parameter.empty:
            text += f" = {param.default!r}"
        parts.append(text)
    returns = inspect.signature(function).return_annotation
    tail = f" -> {_annotation(returns)}" if returns is not inspect.Signature.empty else ""
    return f"{name}({', '.join(parts)}){tail}"


def _doc(obj: Any) -> str:
    return inspect.cleandoc(obj.__doc__ or "").strip()


def _members(cls: type) -> list[str]:
    """A class's fields (a record's), enum members, and public properties and methods, each with its docstring."""
    lines = []
    if dataclasses.is_dataclass(cls):
        lines += [f"- `{f.name}: {_annotation(f.type)}`" for f in dataclasses.fields(cls)]
    elif hasattr(cls, "_fields"):  # a NamedTuple
        hints = getattr(cls, "__annotations__", {})
        lines += [f"- `{f}: {_annotation(hints.get(f, ''))}`" for f in cls._fields]
    if issubclass(cls, enum.Enum):
        lines += [f"- `{m.name}` = `{m.value!r}`" for m in cls]
    for name, member in vars(cls).items():
        if name.startswith("_") or name in getattr(cls, "_fields", ()):
            continue
        if isinstance(member, property) and member.fget is not None:
            lines.append(f"- `{name}` (property): {_doc(member.fget)}")
        elif isinstance(member, (classmethod, staticmethod)):
            lines.append(f"- `{signature(member.__func__, name)}`: {_doc(member.__func__)}")
        elif inspect.isfunction(member):
            lines.append(f"- `{signature(member, name)}`: {_doc(member)}")
    return lines


def entry(name: str) -> str:
    obj = getattr(ottawa_exit, name)
    if inspect.isclass(obj):
        head = f"### `class {name}`"
        body = [_doc(obj), "", *_members(obj)]
    else:
        head = f"### `{signature(obj, name)}`"
        body = [_doc(obj)]
    return "\n".join([head, "", *body]).rstrip() + "\n"


def reference() -> str:
    listed = {name for _, names in SECTIONS for name in names}
    missing = sorted(n for n in ottawa_exit.__all__ if n not in listed and not n.isupper() and not n.startswith("_")
                     and n not in ("DateLike", "RulesLike"))
    if missing:
        raise SystemExit(f"public names not placed in a section of scripts/api_reference.py: {', '.join(missing)}")
    parts = [
        "# Python API reference\n",
        "Generated from the docstrings by `python scripts/api_reference.py`; a test fails when this file and the code "
        "disagree. Everything here is importable from `ottawa_exit` (`import ottawa_exit as ox`), and none of it "
        "imports Rich or Typer.\n",
        _doc(ottawa_exit.api) + "\n",
    ]
    for title, names in SECTIONS:
        parts.append(f"## {title}\n")
        parts += [entry(n) for n in names]
    return "\n".join(p for p in parts if p)


def main() -> None:
    text = reference()
    if "--check" in sys.argv[1:]:
        if not REFERENCE.exists() or REFERENCE.read_text(encoding="utf-8") != text:
            raise SystemExit("docs/api.md is out of date: run python scripts/api_reference.py")
        return
    REFERENCE.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
