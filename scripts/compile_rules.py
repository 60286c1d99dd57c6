"""Write the compiled copies of the built-in rules files (src/ottawa_exit/data/compiled/*.py), used at start-up
while each copy holds exactly its TOML file's text. Run after editing a built-in rules file; a test fails until you
do (the tool itself reads the edited TOML meanwhile).

    python scripts/compile_rules.py
"""

from __future__ import annotations

from ottawa_exit.rules import COMPILED_DIR, DATA_DIR, compiled_copy, compiled_name


def main() -> None:
    COMPILED_DIR.mkdir(exist_ok=True)
    (COMPILED_DIR / "__init__.py").write_text('"""Generated copies of the built-in rules files."""\n', encoding="utf-8")
    wanted = {f"{compiled_name(p)}.py" for p in DATA_DIR.glob("*.toml")} | {"__init__.py"}
    for stale in COMPILED_DIR.iterdir():
        if stale.is_file() and stale.name not in wanted:
            stale.unlink()
    for path in sorted(DATA_DIR.glob("*.toml")):
        (COMPILED_DIR / f"{compiled_name(path)}.py").write_text(compiled_copy(path), encoding="utf-8")


if __name__ == "__main__":
    main()
