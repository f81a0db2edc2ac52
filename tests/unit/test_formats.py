"""Output formats of validation reports: the JSON schema, and escaping in github and junit."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

import jsonschema
import pytest

from s11schema import Finding, Report, Severity
from s11schema._cli._common import Tally
from s11schema._many import validate_many
from s11schema._schema import report_schema
from s11schema._text import pointer_path
from s11schema.formats import FORMATS, render

from ..conftest import DATA, ROOT

EXAMPLES = ROOT / "examples"
AUDITS = DATA / "audits"
TODAY = date(2026, 1, 1)


def _report_schema() -> dict[str, Any]:
    """The published JSON Schema of the json format."""
    return report_schema()


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    """Reports of every kind: clean, warnings, errors with lines, unreadable, not an object."""
    paths: list[str | os.PathLike[str]] = [  # the example audits (not the form exports)
        *sorted(EXAMPLES.rglob("*.json")), AUDITS / "warnings-only.json",
        AUDITS / "duplicate-key.json", AUDITS / "truncated.json",
        AUDITS / "top-level-array.json", AUDITS / "missing.json"]
    return list(validate_many(paths, today=TODAY))


def finding(message: str = "something is wrong", *, file: str | None = "audit.json",
            code: str = "field-required", severity: Severity = Severity.ERROR,
            path: str = "/responses/1.1/evidence", hint: str | None = None,
            line: int | None = None, column: int | None = None) -> Finding:
    return Finding(code, severity, message, pointer_path(path), hint, file, line, column)


# ------------------------------------------------------------------ json


def test_fixture_reports_cover_every_kind(reports: list[Report]) -> None:
    """The reports rendered below include clean, warning, error and unreadable ones."""
    assert any(r.ok and not r.findings for r in reports)
    assert any(r.ok and r.warnings for r in reports)
    assert any(not r.ok and not r.unreadable for r in reports)
    assert sum(r.unreadable for r in reports) == 2
    assert any(f.line is not None for r in reports for f in r.findings)


def test_json_report_matches_the_published_schema(reports: list[Report]) -> None:
    """`--format json` output validates against report_schema()."""
    schema = _report_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    document = json.loads(render(reports, "json"))
    validator_class(schema).validate(document)
    assert document["summary"]["files"] == len(reports)


def test_report_schema_rejects_a_broken_report(reports: list[Report]) -> None:
    """The schema has teeth: a report without its summary, or a bad severity, fails."""
    schema = _report_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    document = json.loads(render(reports, "json"))
    del document["summary"]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(document)
    document = json.loads(render(reports, "json"))
    next(f for entry in document["files"] for f in entry["findings"])["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(document)


def test_json_report_shape(reports: list[Report]) -> None:
    """The JSON report has the format version, tool, summary and one entry per report."""
    document = json.loads(render(reports, "json"))
    assert document["format_version"] == 1
    assert document["tool"]["name"] == "s11schema"
    assert [entry["file"] for entry in document["files"]] == [r.file for r in reports]
    assert document["summary"] == {
        "files": len(reports),
        "valid": sum(r.ok for r in reports),
        "errors": sum(len(r.errors) for r in reports),
        "warnings": sum(len(r.warnings) for r in reports),
        "unreadable": 2,
    }


def test_json_report_keeps_text_as_written() -> None:
    """Non-ASCII text in messages is kept, not escaped, and round-trips."""
    report = Report("café.json", (finding("naïve — 100 % «ok»"),))
    document = json.loads(render([report], "json"))
    assert document["files"][0]["findings"][0]["message"] == "naïve — 100 % «ok»"
    assert "café.json" in render([report], "json")


# ------------------------------------------------------------------ github


def test_github_escapes_properties() -> None:
    """In properties, '%', CR, LF, ':' and ',' are escaped as GitHub requires."""
    report = Report("x", (finding(file="dir:a,b%c\r\nd.json", code="field-required",
                                  line=3, column=7),))
    (line,) = render([report], "github").splitlines()
    assert line.startswith("::error file=dir%3Aa%2Cb%25c%0D%0Ad.json,line=3,col=7,"
                           "title=field-required::")


def test_github_escapes_the_message() -> None:
    """In the message, '%', CR and LF are escaped but ':' is kept."""
    report = Report("x", (finding("50% done\nthen: more\r", hint="see: 1%",
                                  severity=Severity.WARNING),))
    output = render([report], "github")
    assert output.count("\n") == 1
    (line,) = output.splitlines()
    assert line.startswith("::warning ")
    message = line.split("::", 2)[2]
    assert message == "/responses/1.1/evidence: 50%25 done%0Athen: more%0D (see: 1%25)"


def test_github_one_line_per_finding(reports: list[Report]) -> None:
    """Every finding is one annotation line, error or warning."""
    lines = render(reports, "github").splitlines()
    assert len(lines) == sum(len(r.findings) for r in reports)
    assert all(line.startswith(("::error ", "::warning ")) for line in lines)


# ------------------------------------------------------------------ junit


def test_junit_escapes_markup_in_messages() -> None:
    """'<', '&' and '>' in messages and names survive as text in well-formed XML."""
    message = "rating '<b>R&D</b>' is > 'green' && < 'red'"
    report = Report('R&D "team" <1>.json', (finding(message, file='R&D "team" <1>.json'),))
    output = render([report], "junit")
    assert "<b>" not in output
    root = ET.fromstring(output)
    (case,) = root.iter("testcase")
    assert case.get("name") == 'R&D "team" <1>.json'
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message") == message
    assert failure.get("type") == "field-required"
    assert message in (failure.text or "")


def test_junit_one_testcase_per_report(reports: list[Report]) -> None:
    """junit has one testcase per report; failures and errors match the reports."""
    root = ET.fromstring(render(reports, "junit"))
    cases = list(root.iter("testcase"))
    assert [c.get("name") for c in cases] == [r.file for r in reports]
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("tests") == str(len(reports))
    assert suite.get("errors") == "2"
    assert suite.get("failures") == str(sum(not r.ok and not r.unreadable for r in reports))
    assert len(root.findall(".//testcase/error")) == 2


def test_junit_warnings_only_is_a_pass() -> None:
    """A report with only warnings is a passing testcase."""
    report = Report("a.json", (finding(severity=Severity.WARNING),))
    (case,) = ET.fromstring(render([report], "junit")).iter("testcase")
    assert list(case) == []


def test_junit_survives_control_characters() -> None:
    """A message holding a control character (from a key in the audit) is still valid XML."""
    message = "unknown key 'bad\x01key'"
    report = Report("a.json", (finding(message, code="audit-unknown-key", path="/bad\x01key"),))
    root = ET.fromstring(render([report], "junit"))
    failure = root.find(".//failure")
    assert failure is not None
    assert "bad" in (failure.get("message") or "")


# ------------------------------------------------------------------ sarif and text


def test_sarif_regions_and_pointers() -> None:
    """SARIF results carry the line and column, or line 1, and the JSON Pointer."""
    placed = finding(line=4, column=9, code="json-duplicate-key", path="/status")
    pointed = finding(severity=Severity.WARNING, code="smart-specific")
    document = json.loads(render([Report("a.json", (placed, pointed))], "sarif"))
    (sarif_run,) = document["runs"]
    first, second = sarif_run["results"]
    region = first["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 4, "startColumn": 9}
    assert first["properties"] == {"jsonPointer": "/status"}
    assert second["level"] == "warning"
    assert second["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert [r["id"] for r in sarif_run["tool"]["driver"]["rules"]] == [
        "json-duplicate-key", "smart-specific"]


def test_text_is_one_line_per_finding(reports: list[Report]) -> None:
    """The text format prints each finding as str(finding) on its own line."""
    expected = [str(f) for r in reports for f in r.findings]
    assert render(reports, "text").splitlines() == expected


def test_summary_line() -> None:
    """The summary line counts files, errors, warnings and (when any) unreadable files."""
    error, warning = finding(), finding(severity=Severity.WARNING)
    clean = Report("a.json")
    mixed = Report("b.json", (error, warning, warning))
    unreadable = Report("c.json", (error,), unreadable=True)
    tally = Tally()
    for report in (clean, mixed):
        tally.add(report)
    assert tally.line() == "2 files, 1 errors, 2 warnings"
    tally.add(unreadable)
    assert tally.line() == "3 files, 2 errors, 2 warnings, 1 unreadable"


def test_every_format_renders_nothing_to_report() -> None:
    """Every format renders an empty list of reports without failing."""
    assert set(FORMATS) == {"text", "json", "github", "junit", "sarif"}
    assert render([], "text") == render([], "github") == ""
    assert json.loads(render([], "json"))["summary"]["files"] == 0
    assert json.loads(render([], "sarif"))["runs"][0]["results"] == []
    assert list(ET.fromstring(render([], "junit")).iter("testcase")) == []
