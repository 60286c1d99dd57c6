"""The one reader: every kind of data file is read, checked by its declared spec and reported the same way
(``file: key.path: reason``), and a new kind needs only a spec."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ottawa_exit import Rules, RulesError
from ottawa_exit.data import policy, register, sources, specs, treaties, withdrawals
from ottawa_exit.data.reader import read
from ottawa_exit.data.schema import TEXT, Field, FileSpec, Rows, slug

DATA = Path(treaties.__file__).parent
SRC = DATA.parent


def _problems(reader: Callable[[Path], Any], path: Path) -> list[str]:
    with pytest.raises(RulesError) as caught:
        reader(path)
    return [str(p) for p in caught.value.problems]


# One typo per kind of file, each in a table of its own shape: the same words come back for each.
KINDS = {
    "rules file": ("states/poland.toml", 'id = "poland"\n', 'id = "polonia"\nnmae = "Poland"\n',
                   "state.nmae", "name",
                   lambda path: Rules([path]).all()),
    "register of States Parties": ("parties.toml", 'iso2 = "AF"', 'iso_2 = "AF"', "party[0].iso_2", "iso2",
                                   register.read_register),
    "register of states never bound": ("non_parties.toml", 'iso2 = "AM"', 'iso22 = "AM"', "state[0].iso22", "iso2",
                                       register.read_non_parties),
    "treaty file": ("treaties/npt.toml", 'depositary = "', 'depositery = "', "treaty.depositery", "depositary",
                    treaties.read_treaty),
    "record of withdrawals": ("withdrawals.toml", 'stated_by = "Est', 'stated_bye = "Est', "withdrawal[0].stated_bye",
                              "stated_by", withdrawals.read_withdrawals),
    "sources file": ("sources.toml", 'publisher = "Anadolu', 'publsher = "Anadolu',
                     "source.aa-nakamitsu-objections-2025-12-02.publsher", "publisher", sources.read_sources),
    "source policy": ("policy.toml", 'reason = "RT,', 'raison = "RT,', "refused[1].raison", "reason",
                      policy.read_policy),
}


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_file_reports_a_typo_the_same_way(kind: str, tmp_path: Path) -> None:
    shipped, good, bad, key, near, reader = KINDS[kind]
    text = (DATA / shipped).read_text(encoding="utf-8")
    assert good in text
    path = tmp_path / Path(shipped).name
    path.write_text(text.replace(good, bad, 1), encoding="utf-8")
    found = _problems(reader, path)
    assert f"{path}: {key}: unknown key (did you mean '{near}'?)" in found
    assert f"{path}: {key.rsplit('.', 1)[0]}.{near}: missing" in " ".join(found)  # the key it replaced is missing


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_file_refuses_what_is_not_toml_in_the_same_words(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[state\n", encoding="utf-8")
    found = _problems(KINDS[kind][5], path)
    assert len(found) == 1 and found[0].startswith(f"{path}: invalid TOML: ")


def test_every_spec_is_declared_in_one_module() -> None:
    declared = {value.what for value in vars(specs).values() if isinstance(value, FileSpec)}
    assert declared == set(KINDS)


def test_codes_are_unique_across_rows_and_every_row_is_still_checked(tmp_path: Path) -> None:
    path = tmp_path / "non_parties.toml"
    path.write_text("""
[[state]]
id = "atlantis"
name = "Atlantis"
iso2 = "XA"
iso3 = "XAT"
source = "un-status-xxvi5"

[[state]]
id = "atlantis"
name = "Atlantis Again"
iso2 = "XB"
iso3 = "xbt"
source = "un-status-xxvi5"

[[state]]
id = "lemuria"
name = "Lemuria"
iso2 = "XA"
iso3 = "XLM"
source = "un-status-xxvi5"
""", encoding="utf-8")
    assert _problems(register.read_non_parties, path) == [
        f"{path}: state[1].iso3: 'xbt' must be 3 capital letters (ISO 3166)",
        f"{path}: state[2].iso2: duplicate iso2 'XA' (also state[0])",
    ]
    fixed = path.read_text(encoding="utf-8").replace('"xbt"', '"XBT"')
    path.write_text(fixed, encoding="utf-8")
    assert _problems(register.read_non_parties, path) == [
        f"{path}: state[1].id: duplicate id 'atlantis' (also state[0])",
        f"{path}: state[2].iso2: duplicate iso2 'XA' (also state[0])",
    ]


def test_a_new_kind_of_file_needs_only_its_spec(tmp_path: Path) -> None:
    """A sources file keyed by id, as docs/architecture.md describes: declared, read, checked, reported."""
    sources = FileSpec("sources", (
        Field("source", Rows((Field("id", TEXT, required=True, check=slug()), Field("url", TEXT, required=True)),
                             ("id",)), required=True),
    ))
    path = tmp_path / "sources.toml"
    path.write_text('[[source]]\nid = "untc"\nurl = "https://treaties.un.org"\n\n'
                    '[[source]]\nid = "untc"\nurl = "https://example.org"\n\n[[source]]\nid = "Bad Id"\nurll = "x"\n',
                    encoding="utf-8")
    assert _problems(lambda p: read(p, sources), path) == [
        f"{path}: source[2].urll: unknown key (did you mean 'url'?)",
        f"{path}: source[2].id: 'Bad Id' must be lower-case words joined by '-'",
        f"{path}: source[2].url: missing (a string is required)",
        f"{path}: source[1].id: duplicate id 'untc' (also source[0])",
    ]
    path.write_text('[[source]]\nid = "untc"\nurl = "https://treaties.un.org"\n', encoding="utf-8")
    rows = read(path, sources)["source"]
    assert [(r.key, r.values) for r in rows] == [("source[0]", {"id": "untc", "url": "https://treaties.un.org"})]


def test_a_withdrawal_of_an_unknown_treaty_is_named_with_the_closest(tmp_path: Path) -> None:
    text = (DATA / "withdrawals.toml").read_text(encoding="utf-8")
    path = tmp_path / "withdrawals.toml"
    path.write_text(text.replace('treaty = "rome-statute"', 'treaty = "rome-statue"', 1), encoding="utf-8")
    problems = _problems(withdrawals.read_withdrawals, path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: withdrawal[") and problems[0].endswith(
        ".treaty: unknown treaty 'rome-statue' (did you mean 'rome-statute'?)")


def _private_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{path.relative_to(SRC)}: {node.module}.{alias.name}" for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module != "__future__"
            for alias in node.names if alias.name.startswith("_") and not alias.name.endswith("__")]


def test_no_module_imports_another_module_s_private_names() -> None:
    modules = sorted(SRC.rglob("*.py"))
    assert len(modules) > 20
    assert [found for path in modules for found in _private_imports(path)] == []
