"""Word returns (`s11schema.readers._word`): the Nottinghamshire form, and broken copies of it.

The returns are built afresh by the builders in tests/data/docx (typed, checked by
ruff and mypy with the rest of the tests), so the .docx files beside them can be
regenerated at any time and the tests never depend on a stale copy.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from s11schema import Imported, default_registry, import_returns
from s11schema._errors import UnreadableError
from s11schema.readers._word import WordReader, read_word

from ..conftest import DATA, EXAMPLES

DOCX = DATA / "docx"
TEMPLATE = "nottinghamshire-2021"


def _builder(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, DOCX / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Rushcliffe return and each broken return, built by the builders."""
    folder = tmp_path_factory.mktemp("docx")
    paths = {"rushcliffe": folder / "rushcliffe-2021.docx"}
    _builder("build_rushcliffe").build(paths["rushcliffe"])
    broken = _builder("build_broken")
    for kind in broken.KINDS:
        paths[kind] = folder / f"broken-{kind}.docx"
        broken.build(kind, paths[kind])
    return paths


def reader() -> WordReader:
    registry = default_registry()
    template = registry.template(TEMPLATE)
    return WordReader(template, {s: registry.scale(s) for s in template.scale_ids()})


def test_rushcliffe_word_return_imports_to_the_transcribed_audit(built: dict[str, Path]) -> None:
    """The Word return holds the same organisation name, ratings, evidence and action texts
    as examples/nottinghamshire-2021/rushcliffe-2021.json.

    What that JSON adds by hand, and so is left out of the comparison: the organisation's
    `type` and `areas` (the form asks neither), `completed_on` as a day (the form says
    "June 2021"), each action's `due` (copied out of the action's text), 4.1's action split
    into its two sentences (one cell in the form), and empty `actions` lists and `answers`.
    The import records `template_version`, which the JSON leaves out.
    """
    expected = json.loads((EXAMPLES / TEMPLATE / "rushcliffe-2021.json").read_text("utf-8"))
    audit = read_word(built["rushcliffe"], reader(), max_bytes=5_000_000).data
    assert audit["template"] == expected["template"]
    assert audit["template_version"] == "2021"
    assert audit["organisation"] == {"name": expected["organisation"]["name"]}
    assert audit["status"] == expected["status"] == "final"
    assert audit["completed_on"] == "June 2021"
    assert list(audit["responses"]) == list(expected["responses"])
    for standard, response in expected["responses"].items():
        got = audit["responses"][standard]
        assert got["rating"] == response["rating"], standard
        assert got["evidence"] == response["evidence"], standard
        texts = " ".join(action["action"] for action in response["actions"])
        assert [a["action"] for a in got.get("actions", [])] == ([texts] if texts else []), \
            standard


def test_rushcliffe_findings_point_at_the_table_and_the_date(built: dict[str, Path]) -> None:
    """Validated, the import's one error is the month given for a date (never guessed),
    at the paragraph that holds it; warnings point at the action's table cell."""
    (item,) = import_returns([built["rushcliffe"]], template=TEMPLATE)
    assert item.audit is not None
    errors = [str(f) for f in item.report.errors]
    assert errors == [f"{built['rushcliffe']}!paragraph 10: error date-invalid: 'June 2021' is "
                      "not a date written YYYY-MM-DD (write the date the audit was completed "
                      "as YYYY-MM-DD, e.g. 2025-09-15)"]
    cells = {f.cell for f in item.report.warnings}
    assert "table 1, row 5, column 5" in cells  # 1.3's action


BROKEN = {
    "unknown-standard": ("word-row-unplaced", "table 1, row 4, column 1",
                         "a row numbered '10.1', which is not a standard of "
                         "nottinghamshire-2021: its answers were not read"),
    "duplicate-standard": ("word-row-unplaced", "table 1, row 4, column 1",
                           "standard 1.1 is answered twice (rows 3 and 4)"),
    "merged-cells": ("word-merged-cells", "table 1, row 3, column 3",
                     "the rating cell of 1.1 is merged with the row below"),
    "no-table": ("word-no-table", None, "the document has no table"),
    "other-template": ("word-no-table", None, "table 1 is headed 'Key area', 'Evidence of "
                       "impact and outcomes', 'Actions Required', 'Lead' (is this a return "
                       "for another template?)"),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_a_broken_word_return_is_refused_with_its_place(kind: str,
                                                        built: dict[str, Path]) -> None:
    """Each broken return gives one finding naming the table, row and column (where there is
    one), and no audit at all."""
    code, cell, text = BROKEN[kind]
    with pytest.raises(UnreadableError) as raised:
        read_word(built[kind], reader(), max_bytes=5_000_000)
    (finding,) = raised.value.findings
    assert (finding.code, finding.cell) == (code, cell)
    assert text in finding.message
    assert finding.hint


def test_an_empty_rating_is_a_validation_finding_at_its_cell(built: dict[str, Path]) -> None:
    """A rating cell left empty is read (the return is complete as a document); validation
    then says the standard is unrated, at that cell."""
    (item,) = import_returns([built["empty-rating"]], template=TEMPLATE)
    assert item.audit is not None
    unrated = [f for f in item.report.errors if f.code == "standard-unanswered"]
    assert unrated[0].cell == "table 1, row 3, column 3"
    assert "1.1" in unrated[0].message


def test_the_built_returns_match_the_ones_in_the_repository(built: dict[str, Path]) -> None:
    """The .docx files kept in tests/data/docx read the same as freshly built ones."""
    for name, path in built.items():
        kept = DOCX / ("rushcliffe-2021.docx" if name == "rushcliffe" else f"broken-{name}.docx")
        assert _read(kept) == _read(path), name


def _read(path: Path) -> Any:
    try:
        return read_word(path, reader(), max_bytes=5_000_000).data
    except UnreadableError as error:
        return [(f.code, f.cell, f.message) for f in error.findings]


def test_a_word_return_with_a_wrong_suffix_is_not_word(tmp_path: Path) -> None:
    """A text file named .docx is reported as not a Word document, with how to fix it."""
    path = tmp_path / "return.docx"
    path.write_text("not a document", encoding="utf-8")
    (item,) = import_returns([path], template=TEMPLATE)
    assert isinstance(item, Imported)
    assert item.audit is None
    assert [f.code for f in item.report.findings] == ["office-not-zip"]
    assert "save it as .docx" in str(item.report.findings[0])
