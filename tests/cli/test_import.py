"""`s11schema new --format xlsx` and `s11schema import`, run as the real command line."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

from s11schema import default_registry
from s11schema.testing import generate_audit

from ..conftest import EXAMPLES, ROOT
from ..filling import fill_workbook

TODAY = "2026-01-01"


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "s11schema", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=cwd,
                          check=False)


def test_new_writes_a_workbook_only_to_a_file(tmp_path: Path) -> None:
    """`new --format xlsx -o FILE` writes a workbook; to standard output it refuses (exit 2)."""
    path = tmp_path / "return.xlsx"
    result = run("new", "lambeth", "--format", "xlsx", "-o", path)
    assert result.returncode == 0, result.stderr
    assert path.read_bytes()[:2] == b"PK"
    assert result.stderr.strip() == f"wrote a workbook for lambeth to {path}"
    refused = run("new", "lambeth", "--format", "xlsx")
    assert refused.returncode == 2
    assert "write it with -o FILE" in refused.stderr
    again = run("new", "lambeth", "--format", "xlsx", "-o", path)
    assert again.returncode == 2
    assert "exists; use --force" in again.stderr


def test_the_workbook_path_end_to_end(tmp_path: Path) -> None:
    """Send a workbook, import the filled ones, report: no JSON written by hand. A second
    import does not overwrite without --force."""
    registry = default_registry()
    template = registry.template("nottinghamshire-2021")
    blank = tmp_path / "blank.xlsx"
    assert run("new", template.id, "--format", "xlsx", "-o", blank).returncode == 0
    returns = tmp_path / "returns"
    returns.mkdir()
    for seed in (1, 2):
        audit = generate_audit(template, random.Random(seed))
        (returns / f"org{seed}.xlsx").write_bytes(fill_workbook(blank.read_bytes(), audit,
                                                                template))
    audits = tmp_path / "audits"
    result = run("import", returns, "-o", audits, "--today", TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    written = sorted(p.name for p in audits.glob("*.json"))
    assert len(written) == 2
    assert "2 audits written" in result.stderr
    first = json.loads((audits / written[0]).read_text("utf-8"))
    assert first["template"] == template.id
    again = run("import", returns, "-o", audits, "--today", TODAY)
    assert again.returncode == 2
    assert "exists; use --force" in again.stderr
    assert run("import", returns, "-o", audits, "--force", "--today", TODAY).returncode == 0
    report = run("report", audits, "-o", tmp_path / "board.html", "--today", TODAY)
    assert report.returncode == 0, report.stderr
    assert first["organisation"]["name"] in (tmp_path / "board.html").read_text("utf-8")
    direct = run("report", returns, "--format", "markdown", "--today", TODAY)
    assert direct.returncode == 0, direct.stderr
    assert first["organisation"]["name"] in direct.stdout


def test_a_broken_workbook_writes_nothing_and_says_where(tmp_path: Path) -> None:
    """A workbook with a formula for a rating exits 1, writes no audit, and the finding
    names the sheet and cell."""
    from openpyxl import load_workbook

    path = tmp_path / "return.xlsx"
    assert run("new", "lambeth", "--format", "xlsx", "-o", path).returncode == 0
    book = load_workbook(path)
    book["Ratings"]["D3"] = "=1+2"
    book.save(path)
    result = run("import", path, "-o", tmp_path / "audits", "--today", TODAY)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{path}!Ratings!D3: error workbook-formula: the rating "
                                    "of 1 is a formula ('=1+2')")
    assert "Traceback" not in result.stderr
    assert list((tmp_path / "audits").iterdir()) == []


def test_form_exports_import_through_shipped_mappings(tmp_path: Path) -> None:
    """The Lambeth Google export imports clean (exit 0); the South Gloucestershire export
    imports with the standards its partial return left unrated as errors (exit 1). No
    respondent's email or phone is printed."""
    lambeth = run("import", EXAMPLES / "lambeth" / "google-forms-export.csv", "--mapping",
                  "lambeth-google-forms", "-o", tmp_path / "lambeth", "--today", TODAY)
    assert lambeth.returncode == 0, lambeth.stdout + lambeth.stderr
    assert len(list((tmp_path / "lambeth").glob("*.json"))) == 4
    south = run("import", EXAMPLES / "south-gloucestershire-2019-20" / "surveymonkey-export.csv",
                "--mapping", "south-gloucestershire-surveymonkey", "-o", tmp_path / "south",
                "--today", TODAY)
    assert south.returncode == 1
    assert len(list((tmp_path / "south").glob("*.json"))) == 5
    for result in (lambeth, south):
        printed = result.stdout + result.stderr
        assert "@example.org" not in printed
        assert "01632" not in printed


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    """A CSV without --mapping, a Word return without --template, an unknown mapping: 2."""
    csv = EXAMPLES / "lambeth" / "google-forms-export.csv"
    no_mapping = run("import", csv, "-o", tmp_path)
    assert no_mapping.returncode == 2
    assert "name one with --mapping" in no_mapping.stdout
    docx = ROOT / "tests" / "data" / "docx" / "rushcliffe-2021.docx"
    assert run("import", docx, "-o", tmp_path).returncode == 2
    unknown = run("import", csv, "--mapping", "lambeth-google-form", "-o", tmp_path)
    assert unknown.returncode == 2
    assert "did you mean 'lambeth-google-forms'" in unknown.stderr
    assert run("import", csv, "--mapping", "lambeth-google-forms").returncode == 2  # no -o


def test_a_word_return_imports_with_its_template(tmp_path: Path) -> None:
    """The Rushcliffe Word return imports clean (exit 0) to the audit transcribed in
    examples/, written as the organisation's file."""
    docx = ROOT / "tests" / "data" / "docx" / "rushcliffe-2021.docx"
    result = run("import", docx, "--template", "nottinghamshire-2021", "-o", tmp_path,
                 "--today", TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    written = json.loads((tmp_path / "rushcliffe-borough-council.json").read_text("utf-8"))
    expected = EXAMPLES / "nottinghamshire-2021" / "rushcliffe-2021.json"
    assert written == json.loads(expected.read_text("utf-8"))
