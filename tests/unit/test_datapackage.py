"""The datapackage.json written beside CSV tables: a type for every column, true to the cells."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from s11schema._cli import main
from s11schema._cli.many import _COMPARE_COLUMNS
from s11schema._datapackage import COLUMNS, table_schema, write_datapackage
from s11schema._export import ACTION_COLUMNS, PERSONAL_COLUMNS, SCORE_COLUMNS

from ..conftest import EXAMPLES, VALID_EXAMPLES

TODAY = "2026-01-01"


def conforms(kind: str, cell: str) -> bool:
    """Whether a CSV cell is a value of the Table Schema type (empty is missing)."""
    if cell == "":
        return True
    if kind == "number":
        float(cell)
        return True
    if kind == "integer":
        return cell.lstrip("-").isdigit()
    if kind == "boolean":
        return cell in ("True", "False")
    if kind == "date":
        return date.fromisoformat(cell).isoformat() == cell
    return kind == "string"


def run(*argv: str) -> int:
    return main([*argv], out=io.StringIO())


@pytest.fixture(autouse=True)
def no_user_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("S11SCHEMA_PATH", raising=False)


def test_every_column_of_every_table_has_a_type() -> None:
    """Scores, actions, personal, comparison and normalise columns are all declared."""
    every = {*SCORE_COLUMNS, *ACTION_COLUMNS, *PERSONAL_COLUMNS, *_COMPARE_COLUMNS, "group",
             "template"}
    assert every <= set(COLUMNS)
    for column in ("standard", "section", "template_version", "key"):
        assert COLUMNS[column][0] == "string", column
    assert {COLUMNS[c][0] for c in ("completed_on", "earliest_due", "due_date")} == {"date"}


def test_unknown_columns_are_refused() -> None:
    """A table with a column nobody typed is a bug, not a guess."""
    with pytest.raises(KeyError):
        table_schema(["standard", "mystery"])


@pytest.mark.parametrize("argv", [
    ["export", "--table", "scores", "--include-personal"],
    ["export", "--table", "actions", "--include-personal"],
    ["compare", "--by", "standard", "--group-by", "area", "--format", "csv"],
    ["compare", "--format", "csv"],
    ["normalise", "--format", "csv"],
])
def test_cells_are_of_the_declared_types(argv: list[str], tmp_path: Path) -> None:
    """Every cell of a real export of the examples is a value of its column's type, and the
    package lists the CSV's columns in order."""
    output = tmp_path / "table.csv"
    audits = VALID_EXAMPLES[:1] if argv[0] == "normalise" else VALID_EXAMPLES
    today = [] if argv[0] == "normalise" else ["--today", TODAY]
    code = run(*argv, *map(str, audits), *today, "-o", str(output), "--datapackage")
    assert code == 0
    package = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    (resource,) = package["resources"]
    assert resource["path"] == "table.csv"
    fields = resource["schema"]["fields"]
    rows = list(csv.reader(io.StringIO(output.read_text("utf-8"))))
    assert rows[0] == [f["name"] for f in fields]
    assert len(rows) > 1
    for row in rows[1:]:
        for field, cell in zip(fields, row, strict=True):
            assert conforms(field["type"], cell), (field, cell)


def test_a_second_table_joins_the_package(tmp_path: Path) -> None:
    """Scores then actions into one folder: one package, two resources, rewritten in place."""
    finals = [str(p) for p in VALID_EXAMPLES]
    assert run("export", *finals, "-o", str(tmp_path / "scores.csv"), "--datapackage") == 0
    assert run("export", *finals, "--table", "actions", "-o", str(tmp_path / "actions.csv"),
               "--datapackage") == 0
    assert run("export", *finals, "-o", str(tmp_path / "scores.csv"), "--force",
               "--datapackage") == 0
    package = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    assert [r["name"] for r in package["resources"]] == ["actions", "scores"]
    assert package["profile"] == "tabular-data-package"


@pytest.mark.parametrize("argv", [
    ["export", "--datapackage"],
    ["export", "--format", "jsonl", "-o", "{out}", "--datapackage"],
    ["compare", "--format", "table", "-o", "{out}", "--datapackage"],
])
def test_datapackage_needs_csv_written_to_a_file(argv: list[str], tmp_path: Path) -> None:
    """Without -o, or for a format that is not CSV, it is a usage error and nothing is
    written."""
    out = str(tmp_path / "table.csv")
    code = run(*(a.replace("{out}", out) for a in argv), str(EXAMPLES / "lambeth" / "final.json"))
    assert code == 2
    assert list(tmp_path.iterdir()) == []


def test_a_foreign_datapackage_is_left_alone(tmp_path: Path) -> None:
    """A datapackage.json that is not a data package is not overwritten."""
    (tmp_path / "datapackage.json").write_text("[1, 2]", encoding="utf-8")
    code = run("export", str(EXAMPLES / "lambeth" / "final.json"), "-o",
               str(tmp_path / "scores.csv"), "--datapackage")
    assert code == 2
    assert (tmp_path / "datapackage.json").read_text("utf-8") == "[1, 2]"


def test_names_stay_unique(tmp_path: Path) -> None:
    """Two files whose names make the same resource name get distinct names."""
    write_datapackage(tmp_path / "Scores.csv", ["standard"])
    write_datapackage(tmp_path / "scores.csv", ["standard"])
    package = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    assert [r["name"] for r in package["resources"]] == ["scores", "scores-2"]
