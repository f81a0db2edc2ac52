"""Respondents' names, emails and phone numbers never reach a log, a report or an error.

An audit on the Lambeth template (which asks for the respondent's email, name,
role and phone) carries distinctive fictional values; every command that reads
audits is run in every output format, with the contacts plausible and with
them implausible, and none of the values may appear in anything printed or
written. Options that ask for personal data on purpose (`--include-personal`)
are left off: that is an explicit opt-in.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from s11schema import Finding, Registry, Report
from s11schema._cli import build_parser, main
from s11schema._validate import validate

from ..conftest import DATA

TEMPLATES = DATA / "templates"
STRICT = Registry([TEMPLATES])

NAME = "Zebedee Quartermaine"
EMAIL = "zebedee.q@personal.example"
PHONE = "07700 900461"
BAD_EMAIL = "zebedee.q@@personal"
BAD_PHONE = "call Zebedee Quartermaine"
#: Pieces of the values: none may appear, in any case, even shortened or reformatted.
FRAGMENTS = ("zebedee", "quartermaine", "personal.example", "@@personal", "900461", "07700")
TODAY = "2026-01-01"
#: Commands that read audits; those not (yet) in the CLI are skipped.
AUDIT_COMMANDS = ("validate", "compare", "export", "report", "normalise")


def assert_no_personal_data(text: str, where: str) -> None:
    """None of the respondent's values, nor a piece of one, is in `text`."""
    folded = text.casefold()
    for value in (NAME, EMAIL, PHONE, BAD_EMAIL, BAD_PHONE, *FRAGMENTS):
        assert value.casefold() not in folded, f"{value!r} appears in {where}"


@pytest.fixture(autouse=True)
def strict_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line sees the strict Lambeth variant, which checks phone numbers."""
    monkeypatch.setenv("S11SCHEMA_PATH", str(TEMPLATES))


def audit(*, plausible: bool) -> dict[str, Any]:
    """A Lambeth audit (on the strict variant, which checks that email and phone are
    plausible) with the fictional respondent, and one non-personal warning."""
    data: dict[str, Any] = json.loads((DATA / "audits" / "bases" / "lambeth.json")
                                      .read_text(encoding="utf-8"))
    data["respondent"] = {"name": NAME, "role": "Designated Safeguarding Lead",
                          "email": EMAIL if plausible else BAD_EMAIL,
                          "phone": PHONE if plausible else BAD_PHONE}
    data["responses"]["2"]["working_well"] = "TBC"  # a field-placeholder warning, so text prints
    return data


@pytest.fixture(params=[True, False], ids=["plausible", "implausible"])
def contacts(request: pytest.FixtureRequest) -> bool:
    """Whether the respondent's email and phone are plausible."""
    plausible: bool = request.param
    return plausible


@pytest.fixture
def audit_file(tmp_path: Path, contacts: bool) -> Path:
    """The audit written to a file, as CI would find it in a pull request."""
    path = tmp_path / "audit.json"
    path.write_text(json.dumps(audit(plausible=contacts), indent=2, ensure_ascii=False),
                    encoding="utf-8")
    return path


# ---------------------------------------------------------------------- the API


def _texts(finding: Finding) -> Iterator[str]:
    yield str(finding)
    yield finding.message
    yield finding.pointer
    yield finding.hint or ""


def test_api_findings_never_hold_the_values(contacts: bool) -> None:
    """Report findings (message, hint, path, text) never hold the respondent's values."""
    report = validate(audit(plausible=contacts), name="audit.json", today=date(2026, 1, 1),
                      registry=STRICT)
    assert report.findings
    for finding in report.findings:
        for text in _texts(finding):
            assert_no_personal_data(text, f"finding {finding.code}")
    invalid = sorted(f.pointer for f in report.findings if f.code == "contact-invalid")
    if contacts:
        assert invalid == []
        assert report.ok
    else:
        assert invalid == ["/respondent/email", "/respondent/phone"]
        assert not report.ok


def test_api_file_findings_never_hold_the_values(audit_file: Path, contacts: bool) -> None:
    """Validating the file gives the same findings, none holding the values."""
    report: Report = validate(audit_file, today=date(2026, 1, 1), registry=STRICT)
    for finding in report.findings:
        for text in _texts(finding):
            assert_no_personal_data(text, f"finding {finding.code}")
    assert ("contact-invalid" in {f.code for f in report.findings}) is not contacts


# ---------------------------------------------------------------------- the command line


@dataclass(frozen=True)
class Run:
    """One command line, and the file it writes (if any)."""

    argv: tuple[str, ...]
    output: Path | None = None


def _subparser(name: str) -> argparse.ArgumentParser | None:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser | None = action.choices.get(name)
            return found
    return None


def runs_of(name: str, audit_path: Path, folder: Path) -> list[Run]:
    """Every way worth running a command on one audit: each choice of each option, each flag."""
    sub = _subparser(name)
    assert sub is not None
    base = [name]
    choices: list[tuple[str, list[str]]] = []
    flags: list[str] = []
    output: str | None = None
    for action in sub._actions:
        if not action.option_strings:
            base.append(str(audit_path))
            continue
        option = max(action.option_strings, key=len)
        if option == "--today":
            base += [option, TODAY]
        elif option == "--output":
            output = option
        elif action.choices:
            choices.append((option, [str(c) for c in action.choices]))
        elif isinstance(action, argparse._StoreTrueAction) and "personal" not in option \
                and option != "--force":
            flags.append(option)
    result = [Run(tuple(base))]
    result += [Run((*base, option, choice)) for option, values in choices for choice in values]
    if flags:
        result.append(Run((*base, *flags)))
    if output:
        written = folder / f"{name}-output"
        result.append(Run((*base, output, str(written)), written))
    return result


@pytest.mark.parametrize("command", AUDIT_COMMANDS)
def test_cli_never_prints_the_values(command: str, audit_file: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Every run of every audit command, in every format, keeps the values out of its output."""
    assert _subparser(command) is not None, f"there is no `{command}` command"
    runs = runs_of(command, audit_file, tmp_path)
    printed = 0
    for run in runs:
        code = main(list(run.argv))
        captured = capsys.readouterr()
        assert code in (0, 1, 2), run.argv
        assert "Traceback" not in captured.err
        where = " ".join(run.argv)
        assert_no_personal_data(captured.out, f"stdout of {where}")
        assert_no_personal_data(captured.err, f"stderr of {where}")
        printed += len(captured.out) + len(captured.err)
        if run.output is not None and run.output.exists():
            assert_no_personal_data(run.output.read_text(encoding="utf-8"), f"file of {where}")
            run.output.unlink()
    assert printed > 0


_FORMATS = ("text", "json", "github", "junit", "sarif")


@pytest.mark.parametrize("output_format", _FORMATS)
def test_validate_points_at_the_contacts_without_the_values(
        output_format: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`validate` in every format reports contact-invalid at both JSON paths, no values."""
    path = tmp_path / "audit.json"
    path.write_text(json.dumps(audit(plausible=False)), encoding="utf-8")
    code = main(["validate", "--today", TODAY, "--format", output_format, str(path)])
    captured = capsys.readouterr()
    assert code == 1
    assert "contact-invalid" in captured.out
    assert "/respondent/email" in captured.out
    assert "/respondent/phone" in captured.out
    assert_no_personal_data(captured.out, "stdout")
    assert_no_personal_data(captured.err, "stderr")


def test_validate_text_lines_for_the_contacts(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The text format prints one contact-invalid line per contact, saying the value is hidden."""
    path = tmp_path / "audit.json"
    path.write_text(json.dumps(audit(plausible=False)), encoding="utf-8")
    main(["validate", "--today", TODAY, str(path)])
    lines = [line for line in capsys.readouterr().out.splitlines() if "contact-invalid" in line]
    assert [line.split(": error", 1)[0] for line in lines] == [
        f"{path}: /respondent/email", f"{path}: /respondent/phone"]
    assert all("not shown" in line for line in lines)


def test_personal_values_in_a_duplicate_key_are_not_echoed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A respondent key written twice is json-duplicate-key naming the key, not either value."""
    text = json.dumps(audit(plausible=True), indent=2).replace(
        f'"email": "{EMAIL}",', f'"email": "{EMAIL}",\n    "email": "{BAD_EMAIL}",', 1)
    path = tmp_path / "audit.json"
    path.write_text(text, encoding="utf-8")
    code = main(["validate", "--today", TODAY, "--format", "json", str(path)])
    captured = capsys.readouterr()
    assert code == 1
    findings = json.loads(captured.out)["files"][0]["findings"]
    assert [f["path"] for f in findings if f["code"] == "json-duplicate-key"] == \
        ["/respondent/email"]
    assert_no_personal_data(captured.out, "stdout")


def test_personal_values_of_the_wrong_type_are_not_echoed() -> None:
    """Respondent values of the wrong type are audit-type findings that do not repeat them."""
    data = audit(plausible=True)
    data["respondent"] = {"name": [NAME], "email": {"address": EMAIL}, "phone": [PHONE]}
    report = validate(data, today=date(2026, 1, 1), registry=STRICT)
    assert sorted(f.pointer for f in report.findings if f.code == "audit-type") == [
        "/respondent/email", "/respondent/name", "/respondent/phone"]
    for finding in report.findings:
        for text in _texts(finding):
            assert_no_personal_data(text, f"finding {finding.code}")
