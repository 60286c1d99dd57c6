"""CITATION.cff: valid Citation File Format 1.2.0 (checked against the format's own JSON Schema, a copy in
tests/data/ from the cffconvert package, CC-BY-4.0), citing the software and the dataset at their current versions."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from ottawa_exit.version import DATA_REVIEWED, __version__

ROOT = Path(__file__).resolve().parents[1]


def _plain(value: Any) -> Any:
    """YAML's dates as the strings JSON Schema checks."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, datetime.date) else value


def _citation() -> dict[str, Any]:
    return _plain(yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8")))


def test_citation_is_valid_cff_1_2_0() -> None:
    schema = json.loads((ROOT / "tests" / "data" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    citation = _citation()
    assert citation["cff-version"] == "1.2.0"
    jsonschema.Draft7Validator(schema).validate(citation)
    broken = {**citation, "references": [{**citation["references"][0], "type": "spreadsheet-ish"}]}
    assert list(jsonschema.Draft7Validator(schema).iter_errors(broken))  # the check can fail


def test_citation_names_the_dataset_version() -> None:
    citation = _citation()
    assert citation["version"] == __version__
    # CFF's type for a data set among references is "data" (the top-level "dataset" types the file's own work)
    datasets = [r for r in citation["references"] if r["type"] == "data"]
    assert len(datasets) == 1
    assert datasets[0]["version"] == f"{__version__}+{DATA_REVIEWED}"
    assert datasets[0]["license"] == "CC-BY-4.0" and citation["license"] == "MIT"
