"""How names are compared wherever a state or a treaty is looked up: case, accents, apostrophes, hyphens and a leading
"the" do not matter."""

from __future__ import annotations

import unicodedata

_APOSTROPHES = str.maketrans({"'": None, "\u2019": None, "\u2018": None, "`": None, "\u00b4": None, "\u02bc": None,
                              "-": " ", ".": None, ",": None})


def fold(name: str) -> str:
    """A name as looked up: case, accents, apostrophes, hyphens and a leading "the" do not matter
    ("Côte d’Ivoire" = "cote d'ivoire" = "COTE DIVOIRE")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_APOSTROPHES)
    words = plain.split()
    return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)
