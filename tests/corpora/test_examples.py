"""The example audits in examples/: good ones validate, the mistakes give the documented output.

`docs/examples.md` includes each `mistakes.expected` verbatim, so comparing it
with the real command's output here keeps the documentation from going stale.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from datetime import date
from typing import Any

import pytest

import s11schema

from ..conftest import ROOT

EXAMPLES = ROOT / "examples"
TODAY = "2026-01-01"
TEMPLATES = ("nottinghamshire-2021", "buckinghamshire-2016", "lambeth",
             "south-gloucestershire-2019-20")
FINALS = [*sorted(p.relative_to(ROOT).as_posix() for p in EXAMPLES.glob("*/final.json")),
          "examples/nottinghamshire-2021/rushcliffe-2021.json"]

#: The codes the planted mistakes must produce (examples/README.md lists the mistakes);
#: a misspelt required field also leaves that field missing (field-required).
_EVERYWHERE = {"date-invalid", "response-unknown-field", "rating-unknown"}
_SMART = {"smart-specific", "smart-measurable", "smart-achievable", "smart-time-scaled"}
PLANTED: dict[str, set[str]] = {
    "nottinghamshire-2021": _EVERYWHERE | {"actions-required", "standard-unanswered"},
    "buckinghamshire-2016": _EVERYWHERE | _SMART | {"actions-required", "reason-required",
                                                    "standard-unanswered"},
    "lambeth": _EVERYWHERE | {"rating-not-applicable", "respondent-required"},
    "south-gloucestershire-2019-20": _EVERYWHERE | {"rating-not-applicable",
                                                    "standard-unanswered"},
}



def mistakes(template: str) -> str:
    return f"examples/{template}/mistakes.json"


@functools.cache
def validate_cli(path: str) -> subprocess.CompletedProcess[str]:
    """The real command line, run once per file from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "s11schema", "validate", "--today", TODAY, path],
        capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=ROOT, check=False,
    )


def load(path: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / path).read_text(encoding="utf-8"))
    return data



@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_has_its_examples(template: str) -> None:
    """Each bundled template has a final, a draft, a mistakes file and its expected output."""
    folder = EXAMPLES / template
    for name in ("final.json", "draft.json", "mistakes.json", "mistakes.expected"):
        assert (folder / name).is_file(), f"missing examples/{template}/{name}"


def test_examples_cover_every_bundled_template() -> None:
    """The example folders are exactly the bundled templates."""
    bundled = {p.stem for p in (ROOT / "standards").glob("*.yaml")} - {"domains"}
    folders = {p.name for p in EXAMPLES.iterdir() if p.is_dir()}
    assert bundled == set(TEMPLATES) == folders


@pytest.mark.parametrize("path", FINALS)
def test_final_audit_validates(path: str) -> None:
    """Every final example audit has no errors and rates every standard."""
    report = s11schema.validate(ROOT / path, today=date.fromisoformat(TODAY))
    assert report.errors == (), "\n".join(map(str, report.errors))
    assert report.status == "final"
    assert report.completeness == 1.0


@pytest.mark.parametrize("template", TEMPLATES)
def test_draft_audit_validates_as_a_draft(template: str) -> None:
    """Every draft example has no errors, is a draft, and is only partly rated."""
    report = s11schema.validate(EXAMPLES / template / "draft.json",
                                today=date.fromisoformat(TODAY))
    assert report.errors == (), "\n".join(map(str, report.errors))
    assert report.template == template
    assert report.status == "draft"
    assert 0 < report.completeness < 1


@pytest.mark.parametrize("template", TEMPLATES)
def test_examples_use_only_fictional_contact_details(template: str) -> None:
    """Drafts and mistakes name only the documented fictional person, email and phone."""
    for name in ("draft.json", "mistakes.json"):
        text = (EXAMPLES / template / name).read_text(encoding="utf-8")
        emails = set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text))
        assert emails <= {"alex.example@example.org"}, (name, emails)
        phones = set(re.findall(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b", text))
        assert phones <= {"01234 567890"}, (name, phones)


@pytest.mark.parametrize("template", TEMPLATES)
def test_mistakes_audit_fails_with_exit_code_1(template: str) -> None:
    """Validating a mistakes file exits 1 (problems found), not 0 or 2."""
    result = validate_cli(mistakes(template))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert load(mistakes(template))["status"] == "final"


@pytest.mark.parametrize("template", TEMPLATES)
def test_mistakes_output_matches_expected(template: str) -> None:
    """The real validate output equals mistakes.expected byte for byte (docs stay current)."""
    expected = (EXAMPLES / template / "mistakes.expected").read_text(encoding="utf-8")
    assert validate_cli(mistakes(template)).stdout == expected


@pytest.mark.parametrize("template", TEMPLATES)
def test_expected_output_reports_every_planted_mistake(template: str) -> None:
    """mistakes.expected has a finding for every mistake planted, one per line."""
    expected = (EXAMPLES / template / "mistakes.expected").read_text(encoding="utf-8")
    lines = expected.splitlines()
    assert expected.endswith("\n")
    assert all(line.startswith(f"{mistakes(template)}: /") for line in lines)
    codes = {m.group(1) for line in lines
             if (m := re.search(r": (?:error|warning) ([a-z-]+): ", line))}
    assert codes == PLANTED[template]


@pytest.mark.parametrize("template", TEMPLATES)
def test_docs_page_shows_each_expected_output(template: str) -> None:
    """docs/examples.md includes each mistakes.expected inside a text fence."""
    page = (ROOT / "docs" / "examples.md").read_text(encoding="utf-8")
    include = f'--8<-- "examples/{template}/mistakes.expected"'
    assert f"```text\n{include}\n```" in page
