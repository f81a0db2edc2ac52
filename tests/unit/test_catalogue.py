"""The rule catalogue: every code documented, and its examples true to the code."""

from __future__ import annotations

import re
from datetime import date

from s11schema import CATALOGUE, Severity, validate

from ..conftest import EXAMPLES

_VALUE = re.compile(r"'[^']*'|\b\d{4}-\d{2}-\d{2}\b|\b\d+(?:\.\d+)?\b|(?<=rating )[\w/-]+")


def _shape(text: str) -> str:
    """A message with its quoted values, dates and numbers abstracted away."""
    return _VALUE.sub("…", text)


def _example_message(code: str) -> str:
    example = CATALOGUE[code].example
    return example.split(f" {code}: ", 1)[1]


def test_every_rule_has_a_summary_and_an_example_naming_its_code() -> None:
    """Each catalogue entry explains itself and shows a finding with its own code."""
    for code, rule in CATALOGUE.items():
        assert rule.code == code
        assert re.fullmatch(r"[a-z]+(?:-[a-z0-9]+)*", code), code
        assert rule.summary.strip()
        assert f"{rule.severity} {code}: " in rule.example, code


def test_catalogue_examples_have_the_shape_of_real_messages() -> None:
    """For each code the example audits produce, the documented example reads like it."""
    real: dict[str, set[str]] = {}
    for path in sorted(EXAMPLES.glob("*/mistakes.json")):
        for finding in validate(path, today=date(2026, 1, 1)).findings:
            hint = f" ({finding.hint})" if finding.hint else ""
            real.setdefault(finding.code, set()).add(_shape(finding.message + hint))
    assert len(real) >= 10  # the examples exercise most audit rules
    for code, shapes in real.items():
        assert _shape(_example_message(code)) in shapes, (code, shapes)


def test_default_severities_are_errors_except_advice() -> None:
    """Only placeholders, SMART letters, missing scale positions and a copy keeping a bundled
    id default to warnings."""
    warnings = {c for c, r in CATALOGUE.items() if r.severity is Severity.WARNING}
    assert warnings == {"field-placeholder", "scale-position-missing", "findings-omitted",
                        "completed-outside-window", "standard-out-of-scope",
                        "id-shadows-bundled",
                        "smart-specific",
                        "smart-measurable", "smart-achievable", "smart-realistic",
                        "smart-time-scaled"}
