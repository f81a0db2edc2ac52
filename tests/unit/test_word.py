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
    """The Word return imports to exactly examples/nottinghamshire-2021/rushcliffe-2021.json,
    which transcribes the same return as the source gives it: "June 2021" as the month
    2021-06, the ratings as written ("Green"), and each action cell as one action with
    only its text (the form's one action column; its timescale is in its words)."""
    expected = json.loads((EXAMPLES / TEMPLATE / "rushcliffe-2021.json").read_text("utf-8"))
    assert read_word(built["rushcliffe"], reader(), max_bytes=5_000_000).data == expected


def test_rushcliffe_imports_clean_with_each_value_placed(built: dict[str, Path]) -> None:
    """Validated, the import has no findings; each value is placed at the paragraph or
    table cell it came from, for findings to point at."""
    (item,) = import_returns([built["rushcliffe"]], template=TEMPLATE)
    assert item.audit is not None
    assert item.report.findings == ()
    document = read_word(built["rushcliffe"], reader(), max_bytes=5_000_000)
    assert document.locate is not None
    where = {path: document.locate(path) for path in (
        ("completed_on",), ("responses", "1.3", "actions", 0, "action"),
        ("responses", "3.1", "rating"))}
    assert {path: place.cell if place else None for path, place in where.items()} == {
        ("completed_on",): "paragraph 10",
        ("responses", "1.3", "actions", 0, "action"): "table 1, row 5, column 5",
        ("responses", "3.1", "rating"): "table 1, row 11, column 3"}


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


def test_a_word_return_holds_every_feature_of_its_template(tmp_path: Path) -> None:
    """A Word return for a template with criteria, moderation, a qualifier, kinds and typed
    fields: criteria rows beneath their standard (numbered 'c1' or '1.3/c2'), the
    moderated rating and note columns by their headings, the kind by its label, the month
    completed, a list field by its lines, and the action's lead and due by theirs."""
    from docx import Document

    from s11schema import Registry

    registry = Registry([DATA / "templates"])
    template = registry.template("features")
    document = Document()
    for line in ("Name of organisation: Example Health Trust",
                 "Kind of organisation: Statutory partner", "Date completed: June 2025"):
        document.add_paragraph(line)
    rows = [
        ("No.", "Rating", "Moderated at the challenge panel", "Note", "Evidence",
         "Documents and links", "Actions", "Lead", "Due"),
        ("1.1", "Amber", "Red", "", "Out of date.", "policy.pdf\nplan.docx",
         "Update the policy", "Head of Safeguarding", "Q3 2025/26"),
        ("1.2", "Yes*", "Yes", "the deputy lead only", "", "", "", "", ""),
        ("1.3", "", "", "", "Reviewed in May.", "", "", "", ""),
        ("c1", "Met", "", "", "", "", "", "", ""),
        ("1.3/c2", "Not met", "", "", "", "", "", "", ""),
        ("1.5", "", "", "", "More training places.", "", "", "", ""),
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for table_row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(table_row.cells, texts, strict=True):
            cell.text = text
    path = tmp_path / "features.docx"
    document.save(str(path))
    scales = {s: registry.scale(s) for s in template.scale_ids()}
    audit = read_word(path, WordReader(template, scales), max_bytes=5_000_000).data
    assert audit == {
        "template": "features", "template_version": "2025",
        "organisation": {"name": "Example Health Trust", "kind": "statutory"},
        "completed_on": "2025-06", "status": "final",
        "responses": {
            "1.1": {"rating": "Amber", "moderated_rating": "Red", "evidence": "Out of date.",
                    "documents": ["policy.pdf", "plan.docx"],
                    "actions": [{"action": "Update the policy", "lead": "Head of Safeguarding",
                                 "due": "Q3 2025/26"}]},
            "1.2": {"rating": "Yes*", "moderated_rating": "Yes",
                    "note": "the deputy lead only"},
            "1.3": {"evidence": "Reviewed in May.",
                    "criteria": {"c1": "Met", "c2": "Not met"}},
            "1.5": {"evidence": "More training places."}}}
