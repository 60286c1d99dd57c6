"""Write the JSON copies of the built-in rules files (src/ottawa_exit/data/compiled/), used at start-up while each
copy holds exactly its TOML file's text. Run after editing a built-in rules file; a test fails until you do.

    python scripts/compile_rules.py
"""

from __future__ import annotations

from ottawa_exit.rules import COMPILED_DIR, DATA_DIR, compiled_copy


def main() -> None:
    COMPILED_DIR.mkdir(exist_ok=True)
    for stale in COMPILED_DIR.glob("*.json"):
        if not (DATA_DIR / f"{stale.stem}.toml").exists():
            stale.unlink()
    for path in sorted(DATA_DIR.glob("*.toml")):
        (COMPILED_DIR / f"{path.stem}.json").write_text(compiled_copy(path), encoding="utf-8")


if __name__ == "__main__":
    main()
