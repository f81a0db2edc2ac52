"""The formats s11schema ships: text, json, github, junit and sarif."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .._findings import Finding, Severity
from .._results import Report
from .._text import visible
from .._version import __version__
from . import Format

REPORT_FORMAT_VERSION = 1


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {"file": finding.file, "line": finding.line, "column": finding.column,
            "cell": finding.cell, "path": finding.pointer, "code": finding.code,
            "severity": str(finding.severity), "message": finding.message,
            "hint": finding.hint}


def summary(reports: Sequence[Report]) -> dict[str, int]:
    return {
        "files": len(reports),
        "valid": sum(1 for r in reports if r.ok),
        "errors": sum(len(r.errors) for r in reports),
        "warnings": sum(len(r.warnings) for r in reports),
        "unreadable": sum(1 for r in reports if r.unreadable),
    }


def _text(reports: Sequence[Report]) -> str:
    return "".join(f"{finding}\n" for report in reports for finding in report.findings)


def _json(reports: Sequence[Report]) -> str:
    document = {
        "format_version": REPORT_FORMAT_VERSION,
        "tool": {"name": "s11schema", "version": __version__},
        "summary": summary(reports),
        "files": [
            {"file": r.file, "ok": r.ok, "unreadable": r.unreadable, "template": r.template,
             "status": r.status, "completeness": round(r.completeness, 4),
             "answered": r.answered, "total": r.total,
             "findings": [finding_dict(f) for f in r.findings]}
            for r in reports
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _github_escape(text: str, *, property_: bool = False) -> str:
    """Escaped as workflow commands ask (`%`, CR, LF), then any other control character
    shown as `\\uXXXX`, so that no audit can end a command or start one of its own."""
    text = visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
    return text.replace(":", "%3A").replace(",", "%2C") if property_ else text


def _github(reports: Sequence[Report]) -> str:
    lines = []
    for report in reports:
        for f in report.findings:
            level = "error" if f.severity is Severity.ERROR else "warning"
            props = [f"file={_github_escape(f.file or '', property_=True)}"]
            if f.line:
                props += [f"line={f.line}", f"col={f.column or 1}"]
            props.append(f"title={_github_escape(f.code, property_=True)}")
            where = f"{f.cell}: " if f.cell else (f"{f.pointer}: " if f.path else "")
            hint = f" ({f.hint})" if f.hint else ""
            lines.append(f"::{level} {','.join(props)}::{_github_escape(where + f.message + hint)}")
    return "".join(line + "\n" for line in lines)


def _junit(reports: Sequence[Report]) -> str:
    # Imported here: xml.sax.saxutils brings urllib.request and http.client, a fifth of
    # the command line's start-up, for the one format that needs it.
    from xml.sax.saxutils import escape, quoteattr

    failures = sum(1 for r in reports if not r.ok and not r.unreadable)
    errors = sum(1 for r in reports if r.unreadable)
    cases = []
    for report in reports:
        name = quoteattr(visible(report.file or "<input>"))
        if report.ok:
            cases.append(f'    <testcase classname="s11schema" name={name}/>')
            continue
        tag = "error" if report.unreadable else "failure"
        body = "\n".join(escape(visible(str(f))) for f in report.findings)
        first = report.errors[0] if report.errors else report.findings[0]
        cases.append(f'    <testcase classname="s11schema" name={name}>\n'
                     f'      <{tag} message={quoteattr(visible(first.message))} '
                     f'type={quoteattr(first.code)}>{body}</{tag}>\n    </testcase>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites>\n  <testsuite name="s11schema" tests="{len(reports)}" '
            f'failures="{failures}" errors="{errors}">\n' + "\n".join(cases)
            + "\n  </testsuite>\n</testsuites>\n")


def _sarif(reports: Sequence[Report]) -> str:
    from .._catalogue import CATALOGUE

    used = sorted({f.code for r in reports for f in r.findings})
    results = []
    for report in reports:
        for f in report.findings:
            region = {"startLine": f.line, "startColumn": f.column or 1} if f.line else {
                "startLine": 1}
            where = f.cell or f.pointer
            results.append({
                "ruleId": f.code,
                "level": "error" if f.severity is Severity.ERROR else "warning",
                "message": {"text": f"{where}: {f.message}" if where else f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": (f.file or "").replace("\\", "/")},
                    "region": region}}],
                "properties": {"jsonPointer": f.pointer} if f.path else {},
            })
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "s11schema", "version": __version__,
                "informationUri": "https://pypi.org/project/s11schema/",
                "rules": [{"id": code, "shortDescription": {"text": CATALOGUE[code].summary}}
                          for code in used if code in CATALOGUE],
            }},
            "results": results,
        }],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


BUILTIN: tuple[Format, ...] = (
    Format("text", "one line per finding, file:line:column first, for people", _text, True),
    Format("json", "one JSON document with a summary and every finding (format version 1)",
           _json),
    Format("github", "GitHub Actions workflow commands: annotations on the pull request",
           _github, True),
    Format("junit", "JUnit XML, one test case per file, for GitLab and other CI", _junit),
    Format("sarif", "SARIF 2.1.0, for code scanning", _sarif),
)
