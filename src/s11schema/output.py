"""Output formats for validation reports, in one registry.

`text` for people, `json` for programs (its shape is published as a JSON
Schema, `s11schema schema --format-of report`), `github` for workflow
annotations, `junit` for GitLab and other CI, `sarif` for code scanning.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ._text import visible as _visible
from ._version import __version__
from .findings import CATALOGUE, Finding, Report, Severity

REPORT_FORMAT_VERSION = 1


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {"file": finding.file, "line": finding.line, "column": finding.column,
            "path": finding.path, "code": finding.code, "severity": str(finding.severity),
            "message": finding.message, "hint": finding.hint}


def summary(reports: Sequence[Report]) -> dict[str, int]:
    return {
        "files": len(reports),
        "valid": sum(1 for r in reports if r.ok),
        "errors": sum(len(r.errors) for r in reports),
        "warnings": sum(len(r.warnings) for r in reports),
        "unreadable": sum(1 for r in reports if r.unreadable),
    }


def summary_line(reports: Sequence[Report]) -> str:
    tally = Tally()
    for report in reports:
        tally.add(report)
    return tally.line()


#: Formats written one report at a time, so that memory stays flat.
STREAMING = frozenset({"text", "github"})


@dataclass(slots=True)
class Tally:
    """Running counts over reports, for the summary line and the exit code."""

    files: int = 0
    errors: int = 0
    warnings: int = 0
    unreadable: int = 0
    failed: int = 0

    def add(self, report: Report) -> Report:
        self.files += 1
        errors = len(report.errors)
        self.errors += errors
        self.warnings += len(report.findings) - errors
        self.unreadable += report.unreadable
        self.failed += errors > 0
        return report

    def line(self) -> str:
        text = f"{self.files} files, {self.errors} errors, {self.warnings} warnings"
        return text + (f", {self.unreadable} unreadable" if self.unreadable else "")


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
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
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
            where = f"{f.path}: " if f.path else ""
            hint = f" ({f.hint})" if f.hint else ""
            lines.append(f"::{level} {','.join(props)}::{_github_escape(where + f.message + hint)}")
    return "".join(line + "\n" for line in lines)


def _xml(text: str) -> str:
    from ._text import visible

    return escape(visible(text))


def _junit(reports: Sequence[Report]) -> str:
    failures = sum(1 for r in reports if not r.ok and not r.unreadable)
    errors = sum(1 for r in reports if r.unreadable)
    cases = []
    for report in reports:
        name = quoteattr(_visible(report.file or "<input>"))
        if report.ok:
            cases.append(f'    <testcase classname="s11schema.validate" name={name}/>')
            continue
        tag = "error" if report.unreadable else "failure"
        body = "\n".join(_xml(str(f)) for f in report.findings)
        first = report.errors[0] if report.errors else report.findings[0]
        cases.append(f'    <testcase classname="s11schema.validate" name={name}>\n'
                     f'      <{tag} message={quoteattr(_visible(first.message))} '
                     f'type={quoteattr(first.code)}>{body}</{tag}>\n    </testcase>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites>\n  <testsuite name="s11schema" tests="{len(reports)}" '
            f'failures="{failures}" errors="{errors}">\n' + "\n".join(cases)
            + "\n  </testsuite>\n</testsuites>\n")


def _sarif(reports: Sequence[Report]) -> str:
    used = sorted({f.code for r in reports for f in r.findings})
    results = []
    for report in reports:
        for f in report.findings:
            region = {"startLine": f.line, "startColumn": f.column or 1} if f.line else {
                "startLine": 1}
            results.append({
                "ruleId": f.code,
                "level": "error" if f.severity is Severity.ERROR else "warning",
                "message": {"text": f"{f.path}: {f.message}" if f.path else f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": (f.file or "").replace("\\", "/")},
                    "region": region}}],
                "properties": {"jsonPointer": f.path} if f.path else {},
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


FORMATS: dict[str, Callable[[Sequence[Report]], str]] = {
    "text": _text, "json": _json, "github": _github, "junit": _junit, "sarif": _sarif,
}


def render(reports: Sequence[Report], format: str) -> str:
    """Reports in one of FORMATS."""
    return FORMATS[format](reports)


# ------------------------------------------------------------------ tables


def csv_text(rows: Sequence[dict[str, Any]]) -> str:
    """Rows as CSV (RFC 4180, header first), ready for Excel, pandas and DuckDB."""
    import csv
    import io

    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue()


def jsonl_text(rows: Sequence[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


#: Spreadsheets run a cell starting with these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value  # shown as text by Excel and LibreOffice, never run
    if isinstance(value, float):
        return round(value, 4)
    return "" if value is None else value


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(_cell(value))


def markdown_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        cells = (_shown(row.get(c)).replace("|", "\\|").replace("\n", " ") for c in columns)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def text_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], *,
               widest: int = 40) -> str:
    cells = [[_shown(row.get(c))[:widest] for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(line.rstrip() for line in lines) + "\n"
