"""The template format's feature examples (docs/reference/template-format.md, "Features")
work as written.

Each `###` section's YAML fragment is added to a one-standard template, which must lint
clean; its JSON, added to a one-standard final return, must validate with no findings.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from s11schema import Registry, lint, validate

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "reference" / "template-format.md").read_text(encoding="utf-8")
FEATURES = PAGE[PAGE.index("## Features"):PAGE.index("## All keys")]
SECTIONS = dict(re.findall(r"^### (.+?)\n(.*?)(?=^### |\Z)", FEATURES, re.M | re.S))
BASE_TEMPLATE: dict[str, Any] = {
    "id": "example", "title": "Example", "partnership": "Example partnership", "scale": "rag",
    "sections": [{"id": "1", "title": "Leadership", "standards": [
        {"id": "1.1", "text": "There is a named lead.", "domains": ["senior-lead"]}]}],
}
BASE_AUDIT: dict[str, Any] = {
    "template": "example", "organisation": {"name": "Example Trust"},
    "completed_on": "2025-06-30", "status": "final",
    "responses": {"1.1": {"rating": "green", "evidence": "Named in the policy."}},
}


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.M | re.S)


def _folder(tmp_path: Path, section: str) -> Path:
    (fragment,) = _blocks(SECTIONS[section], "yaml")
    template = {**BASE_TEMPLATE, **yaml.safe_load(fragment)}
    (tmp_path / "example.yaml").write_text(yaml.safe_dump(template), encoding="utf-8")
    return tmp_path


def test_every_feature_has_an_example() -> None:
    """Each feature the issue asked for has its section, with one YAML fragment."""
    assert len(SECTIONS) >= 11
    for name, text in SECTIONS.items():
        assert len(_blocks(text, "yaml")) == 1, name


@pytest.mark.parametrize("section", list(SECTIONS))
def test_the_fragment_lints_clean(section: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path, section)
    result = lint([folder / "example.yaml"], registry=Registry([folder], environment=False))
    assert [str(f) for r in result.reports for f in r.findings] == []


@pytest.mark.parametrize("section", [s for s in SECTIONS if _blocks(SECTIONS[s], "json")])
def test_the_return_validates(section: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path, section)
    (answer,) = _blocks(SECTIONS[section], "json")
    audit = {**BASE_AUDIT, **json.loads(answer)}
    report = validate(audit, registry=Registry([folder], environment=False),
                      today=date(2026, 1, 1))
    assert [str(f) for f in report.findings] == []
    assert report.status == "final"
