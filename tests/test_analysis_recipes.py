"""The pandas and DuckDB recipes of docs/analysis.md, run as written on the tutorial's template,
whose standards "1.1" and "1.10" every guessing loader merges."""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from s11schema import Registry
from s11schema.testing import generate_audit

from .test_docs import DOCS, tutorial_files

PAGE = (DOCS / "analysis.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", PAGE, flags=re.MULTILINE | re.DOTALL)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of returns on the tutorial's template, exported by the page's commands."""
    root = tmp_path_factory.mktemp("analysis")
    templates = root / "templates"
    templates.mkdir()
    for name, text in tutorial_files().items():
        (templates / f"{name}.yaml").write_text(text, encoding="utf-8")
    registry = Registry([templates], environment=False)
    template = registry.template("my-partnership-2026")
    (root / "returns").mkdir()
    for seed, (first, tenth) in enumerate([("met", "not-met"), ("partially-met", "met"),
                                           ("mostly-met", "met")]):
        audit = generate_audit(template, random.Random(seed), registry=registry)
        audit["responses"]["1.1"]["rating"] = first
        audit["responses"]["1.10"]["rating"] = tenth
        if tenth == "not-met":
            audit["responses"]["1.10"]["actions"] = [{
                "action": "Add safeguarding to every senior management meeting agenda",
                "lead": "Head of Safeguarding", "due": "2026-03-31",
                "measure": "Safeguarding minuted at 100% of meetings"}]
        (root / "returns" / f"org-{seed}.json").write_text(json.dumps(audit), encoding="utf-8")
    env = {**os.environ, "S11SCHEMA_PATH": str(templates),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    (commands,) = blocks("sh")
    ran = subprocess.run(["bash", "-euc", commands], cwd=root, env=env, capture_output=True,
                         text=True, timeout=120, check=False)
    assert ran.returncode == 0, ran.stderr
    return root


@pytest.fixture(scope="module")
def recipes(exported: Path) -> dict[str, Any]:
    """The names every Python block of the page defines, run in order in one namespace."""
    namespace: dict[str, Any] = {}
    printed = io.StringIO()
    here = Path.cwd()
    os.chdir(exported)
    try:
        with contextlib.redirect_stdout(printed):
            for block in blocks("python"):
                exec(compile(block, "docs/analysis.md", "exec"), namespace)
    finally:
        os.chdir(here)
    namespace["printed"] = printed.getvalue()
    return namespace


def test_the_page_has_pandas_jsonl_and_duckdb_recipes() -> None:
    """Three Python blocks: pandas from the package, JSON Lines, DuckDB from the package."""
    assert len(blocks("python")) == 3


def test_a_guessing_loader_merges_the_standards(exported: Path) -> None:
    """The failure the page is about: read_csv alone turns "1.10" into 1.1."""
    guessed = pd.read_csv(exported / "exports" / "scores.csv")
    assert set(guessed["standard"]) == {1.1}


def test_pandas_recipe_keeps_ids_as_text(recipes: dict[str, Any]) -> None:
    """Standards, sections and versions are strings; values, counts, flags and dates typed."""
    scores, actions = recipes["scores"], recipes["actions"]
    assert sorted(scores["standard"]) == ["1.1", "1.1", "1.1", "1.10", "1.10", "1.10"]
    assert set(scores["template_version"]) == {"2026"}
    assert scores["section"].dtype == actions["section"].dtype == "string"
    assert set(actions["section"]) == {"1"}
    assert str(scores["value"].dtype) == "Float64"
    assert str(scores["actions"].dtype) == "Int64"
    assert str(scores["not_applicable"].dtype) == "boolean"
    assert str(actions["overdue"].dtype) == "boolean"
    assert str(scores["completed_on"].dtype).startswith("datetime64")
    assert str(actions["due_date"].dtype).startswith("datetime64")
    means = scores.groupby("standard")["value"].mean()
    assert means["1.10"] == pytest.approx((0 + 2 / 3 + 2 / 3) / 3, abs=1e-4)  # 4 places
    assert "1.10" in recipes["printed"]


def test_jsonl_recipe_keeps_ids_as_text(recipes: dict[str, Any]) -> None:
    """`dtype=False` keeps JSON strings as strings."""
    frame = recipes["scores_from_jsonl"]
    assert set(frame["standard"]) == {"1.1", "1.10"}
    assert set(frame["template_version"]) == {"2026"}


def test_duckdb_recipe_keeps_ids_as_text(recipes: dict[str, Any], exported: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """DuckDB typed from the package: VARCHAR ids, DOUBLE values, BOOLEAN and DATE columns."""
    monkeypatch.chdir(exported)  # DuckDB reads the file when the relation is used
    relation: duckdb.DuckDBPyRelation = recipes["scores_db"]
    types = dict(zip(relation.columns, map(str, relation.types), strict=True))
    assert types["standard"] == types["section"] == types["template_version"] == "VARCHAR"
    assert (types["value"], types["not_applicable"], types["completed_on"]) == (
        "DOUBLE", "BOOLEAN", "DATE")
    standards = {row[0] for row in relation.select("standard").fetchall()}
    assert standards == {"1.1", "1.10"}
    assert "│ 1.10" in recipes["printed"]  # DuckDB's own table of the means
