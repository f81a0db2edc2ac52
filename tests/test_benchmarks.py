"""The benchmark scripts still run (at tiny sizes); their figures are not checked here."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)


def test_validate_benchmark_runs_and_reports_every_method() -> None:
    """benchmarks/validate.py prints a figure (or a skip) for each method it compares."""
    result = _run("benchmarks/validate.py", "--audits", "40", "--repeat", "1", "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    text = json.dumps(figures)
    for method in ("json.loads", "jsonschema", "fastjsonschema", "pydantic", "s11schema"):
        assert method in text, method


def test_cli_benchmark_runs() -> None:
    """benchmarks/cli.py times the CLI on a small folder and prints the comparison."""
    result = _run("benchmarks/cli.py", "--files", "5", "--runs", "1")
    assert result.returncode == 0, result.stderr
    assert "s11schema validate FOLDER" in result.stdout


def test_memory_benchmark_runs() -> None:
    """benchmarks/memory.py runs every command on both files and reports each."""
    result = _run("benchmarks/memory.py", "--small", "8", "--large", "16", "--distinct", "8")
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines()[3:]]
    assert [(row[0], row[1]) for row in rows] == [
        (command, count) for command in ("validate", "compare", "export", "report",
                                         "compare-cycles", "report-since")
        for count in ("start-up", "8", "16")]
    assert all(len(row) == (4 if row[1] == "start-up" else 5) for row in rows), \
        result.stdout  # no "exit 2" after a figure
