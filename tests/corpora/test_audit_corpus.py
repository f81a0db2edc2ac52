"""The audit corpus: each file's folder names the verdict validating it must give."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from s11schema import CATALOGUE, Registry, validate_many

from ..conftest import DATA

CORPUS = DATA / "audits"
TODAY = date(2026, 1, 1)
REGISTRY = Registry([DATA / "templates"], environment=False)
VALID = sorted((CORPUS / "valid").glob("*.json"))
INVALID = sorted((CORPUS / "invalid").glob("*/*.json"))


def _report(path: Path) -> set[str]:
    (report,) = validate_many([path], registry=REGISTRY, today=TODAY)
    return {f.code for f in report.errors}


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_audits_have_no_errors(path: Path) -> None:
    """Every audit under valid/ validates without errors."""
    assert _report(path) == set()


@pytest.mark.parametrize("path", INVALID, ids=[f"{p.parent.name}/{p.stem}" for p in INVALID])
def test_invalid_audits_give_their_folders_code(path: Path) -> None:
    """Every audit under invalid/<code>/ gives that code."""
    (report,) = validate_many([path], registry=REGISTRY, today=TODAY)
    assert path.parent.name in {f.code for f in report.findings}


def test_the_corpus_covers_every_audit_error_code() -> None:
    """Each error code that audits can give has a folder of examples."""
    folders = {p.name for p in (CORPUS / "invalid").iterdir()}
    assert folders <= set(CATALOGUE)
    audit_errors = {c for c, entry in CATALOGUE.items() if entry.applies_to == "audits"
                    and str(entry.severity) == "error"}
    assert audit_errors <= folders, sorted(audit_errors - folders)
