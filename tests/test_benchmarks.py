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
    """benchmarks/memory.py validates a JSON Lines file and reports peak memory."""
    result = _run("benchmarks/memory.py", "--audits", "30", "--distinct", "10")
    assert result.returncode == 0, result.stderr
    assert "peak resident memory: validate" in result.stdout
