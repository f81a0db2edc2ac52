"""Reading returned workbooks (`s11schema.readers._workbook`): answers, and what people break."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

import s11schema
from s11schema import UnreadableError, default_registry, new_workbook
from s11schema.readers import READERS, reader_for, source_of
from s11schema.testing import generate_audit

from ..filling import blanks_dropped, fill_workbook

TODAY = date(2026, 1, 1)


def filled(template_id: str, seed: int = 1, **changes: Any) -> tuple[bytes, dict[str, Any]]:
    template = default_registry().template(template_id)
    audit = generate_audit(template, random.Random(seed))
    audit.update(changes)
    return fill_workbook(new_workbook(template), audit, template), audit


def edited(data: bytes, change: Callable[[Workbook], None]) -> bytes:
    """The workbook after a change made as a person in Excel might (protection aside)."""
    workbook = load_workbook(io.BytesIO(data))
    change(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def row_of(workbook: Workbook, standard: str) -> int:
    """The row of a standard (the last with its id: Lambeth's section 4 holds standard 4)."""
    return [int(c.row or 0) for (c,) in workbook["Ratings"].iter_rows(min_col=1, max_col=1)
            if c.value == standard][-1]


def rating_column(workbook: Workbook) -> str:
    return next(str(c.column_letter) for c in workbook["Ratings"][1] if c.value == "Rating")


def problems(path: Path) -> list[str]:
    with pytest.raises(UnreadableError) as raised:
        source_of(path).parse()
    return [str(f) for f in raised.value.findings]


def test_the_xlsx_reader_is_registered() -> None:
    """Workbooks are a kind of audit file: `sources()` (validate, compare, ...) reads them."""
    assert "xlsx" in READERS
    assert reader_for(Path("return.XLSX")).name == "xlsx"


def test_a_blank_workbook_reads_as_a_blank_draft(tmp_path: Path) -> None:
    """A workbook nobody filled in is a draft with no answers, for its template."""
    path = tmp_path / "blank.xlsx"
    path.write_bytes(new_workbook("nottinghamshire-2021"))
    document = source_of(path).parse()
    assert document.data == {"template": "nottinghamshire-2021", "template_version": "2021",
                             "organisation": {}, "status": "draft", "responses": {}}
    report = s11schema.validate(path, today=TODAY)
    assert report.ok
    assert report.status == "draft"


def test_a_filled_workbook_reads_as_the_audit_typed_in(tmp_path: Path) -> None:
    """Ratings typed as labels come back as codes; dates as YYYY-MM-DD; actions by row."""
    data, audit = filled("buckinghamshire-2016")
    path = tmp_path / "return.xlsx"
    path.write_bytes(data)
    assert source_of(path).parse().data == blanks_dropped(audit)
    assert s11schema.validate(path, today=TODAY).ok


def test_validation_findings_name_the_sheet_and_cell(tmp_path: Path) -> None:
    """A rating not on the scale is reported at its cell: file!Ratings!E7."""
    data, _audit = filled("nottinghamshire-2021")
    book = load_workbook(io.BytesIO(data))
    cell = f"{rating_column(book)}{row_of(book, '3.1')}"
    path = tmp_path / "return.xlsx"
    path.write_bytes(edited(data, lambda b: b["Ratings"].__setitem__(cell, "Purple")))
    report = s11schema.validate(path, today=TODAY)
    found = [f for f in report.findings if f.code == "rating-unknown"]
    assert len(found) == 1
    assert found[0].cell == f"Ratings!{cell}"
    assert str(found[0]).startswith(f"{path}!Ratings!{cell}: error rating-unknown: 'Purple'")


def test_a_missing_rating_is_reported_at_its_empty_cell(tmp_path: Path) -> None:
    """A final return with a standard unrated points at the rating cell left empty; where
    the template makes ratings optional (Lambeth's form), the blank is no error."""
    data, _audit = filled("nottinghamshire-2021")
    book = load_workbook(io.BytesIO(data))
    cell = f"{rating_column(book)}{row_of(book, '4.2')}"
    path = tmp_path / "return.xlsx"
    path.write_bytes(edited(data, lambda b: b["Ratings"].__setitem__(cell, None)))
    report = s11schema.validate(path, today=TODAY)
    assert [(f.code, f.cell) for f in report.errors] == [("standard-unanswered",
                                                          f"Ratings!{cell}")]
    data, _audit = filled("lambeth")
    book = load_workbook(io.BytesIO(data))
    cell = f"{rating_column(book)}{row_of(book, '4')}"
    path.write_bytes(edited(data, lambda b: b["Ratings"].__setitem__(cell, None)))
    assert s11schema.validate(path, today=TODAY).errors == ()


def test_details_answers_and_areas_are_read(tmp_path: Path) -> None:
    """Lambeth's respondent, its area tick, the approval answer and the status are read."""
    data, audit = filled("lambeth", status="final")
    path = tmp_path / "return.xlsx"
    path.write_bytes(data)
    read = source_of(path).parse().data
    assert read["respondent"] == audit["respondent"]
    assert read["organisation"]["areas"] == ["Lambeth"]
    assert read["answers"]["approved"] == "yes"
    assert read["status"] == "final"
    assert read["completed_on"] == audit["completed_on"]


# ---------------------------------------------------------------------- what people break


def _rename(book: Workbook) -> None:
    book["Ratings"].title = "Ratings (2)"


def _merge(book: Workbook) -> None:
    column = rating_column(book)
    book["Ratings"].merge_cells(f"{column}{row_of(book, '3.1')}:{column}{row_of(book, '3.2')}")


def _formula(book: Workbook) -> None:
    cell = f"{rating_column(book)}{row_of(book, '3.1')}"
    book["Ratings"][cell] = '=IF(1>0,"Green","Amber")'


def _insert_row(book: Workbook) -> None:
    book["Ratings"].insert_rows(row_of(book, "3.1"))


def _extra_column(book: Workbook) -> None:
    sheet = book["Ratings"]
    sheet.cell(row_of(book, "3.1"), sheet.max_column + 1, "a note of our own")


def _change_id(book: Workbook) -> None:
    book["Ratings"][f"A{row_of(book, '3.1')}"] = "3.6"


def _action_for_nothing(book: Workbook) -> None:
    sheet = book["Actions"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 2).value is None)
    sheet.cell(row, 1, "10.1")
    sheet.cell(row, 2, "An action for a standard the template does not have")


BROKEN: dict[str, tuple[Callable[[Workbook], None], str, str]] = {
    "renamed sheet": (_rename, "workbook-sheet-missing",
                      "the sheet 'Ratings' is missing (sheets: Instructions, Details, "
                      "Ratings (2), Actions)"),
    "merged cell": (_merge, "workbook-merged-cells", "are merged, so one value covers the "
                    "rating of 3.1 and the rating of 3.2"),
    "formula": (_formula, "workbook-formula", "the rating of 3.1 is a formula"),
    "empty row": (_insert_row, "workbook-rows-moved", "a row was inserted or deleted"),
    "extra column": (_extra_column, "workbook-outside-form", "outside the form"),
    "id changed": (_change_id, "workbook-cell-changed", "should hold the standard id '3.1', "
                   "not '3.6'"),
    "unknown standard": (_action_for_nothing, "workbook-action-standard",
                         "names '10.1', which is not a standard of the template"),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_a_broken_workbook_is_refused_with_the_place_and_the_fix(kind: str,
                                                                 tmp_path: Path) -> None:
    """Each way of breaking the form gives one clear finding at its sheet and cell (or
    naming the sheet), no traceback, and no audit at all."""
    change, code, text = BROKEN[kind]
    data, _audit = filled("nottinghamshire-2021")
    path = tmp_path / "return.xlsx"
    path.write_bytes(edited(data, change))
    found = problems(path)
    assert len(found) == 1, found
    assert f"error {code}: " in found[0]
    assert text in found[0]
    assert "(" in found[0].split(f"{code}: ", 1)[1]  # a hint says what would be right
    if kind != "renamed sheet":
        assert found[0].startswith(f"{path}!Ratings!") or found[0].startswith(f"{path}!Actions!")


def test_a_renamed_text_file_is_not_a_workbook(tmp_path: Path) -> None:
    """A file named .xlsx that is not one says so, and how to fix it."""
    path = tmp_path / "return.xlsx"
    path.write_text("Name,Rating\nAcme,Green\n", encoding="utf-8")
    assert problems(path) == [
        f"{path}: error office-not-zip: this is not an Excel workbook (.xlsx) (it may be an "
        "older .xls file, or another kind of file renamed: open it in Excel and save it as "
        ".xlsx)"]


def test_a_workbook_not_made_by_s11schema_is_refused(tmp_path: Path) -> None:
    """A form tool's export is a workbook, but not a return: the finding says to use a
    mapping."""
    path = Path(__file__).resolve().parents[2] / "examples" / "lambeth" / \
        "microsoft-forms-export.xlsx"
    (found,) = problems(path)
    assert "error workbook-not-a-return: this workbook was not made by `s11schema new`" in found
    assert "--mapping" in found


def test_a_workbook_that_unpacks_too_far_is_refused(tmp_path: Path) -> None:
    """The unpacked size is checked before openpyxl opens the file (a zip bomb)."""
    import zipfile

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/big.xml", b"0" * 3_000_000)
    report = next(s11schema.validate_many([path], max_bytes=100_000))
    assert report.unreadable
    assert [f.code for f in report.findings] == ["file-too-large"]
    assert "unpacks to 3.0 MB" in report.findings[0].message


def test_the_hidden_layout_damaged_is_refused(tmp_path: Path) -> None:
    """A layout sheet whose JSON was changed is reported, not trusted."""
    data, _audit = filled("lambeth")
    path = tmp_path / "return.xlsx"
    path.write_bytes(edited(data, lambda b: b["_s11schema"].__setitem__("A2", "{nonsense")))
    (found,) = problems(path)
    assert "workbook-not-a-return" in found
    assert "has been changed" in found


def test_validate_many_reads_workbooks_in_a_folder(tmp_path: Path) -> None:
    """A folder of returned workbooks validates like a folder of JSON audits."""
    for seed in (1, 2):
        (tmp_path / f"r{seed}.xlsx").write_bytes(filled("lambeth", seed)[0])
    reports = list(s11schema.validate_many([tmp_path], today=TODAY))
    assert [Path(r.file or "").name for r in reports] == ["r1.xlsx", "r2.xlsx"]
    assert all(r.ok and r.template == "lambeth" for r in reports)


def test_compare_reads_workbooks_directly(tmp_path: Path) -> None:
    """compare (and so export and report) take the returned workbooks themselves."""
    for seed in (1, 2, 3):
        (tmp_path / f"r{seed}.xlsx").write_bytes(filled("south-gloucestershire-2019-20",
                                                        seed)[0])
    result = s11schema.compare([tmp_path], today=TODAY)
    assert len(result.included) == 3
    assert not result.excluded


def test_an_id_excel_turned_into_a_number_is_named(tmp_path: Path) -> None:
    """Standard 1.10 typed over as the number 1.1 (as Excel does) is reported as changed, not
    mistaken for standard 1.1 having moved."""
    (tmp_path / "mine.yaml").write_text(
        "id: mine\ntitle: Mine\npartnership: Ours\nscale: rag\nsections:\n"
        "  - id: \"1\"\n    title: One\n    standards:\n"
        "      - {id: \"1.1\", text: First, domains: [accountability]}\n"
        "      - {id: \"1.10\", text: Tenth, domains: [accountability]}\n", encoding="utf-8")
    registry = s11schema.Registry([tmp_path])
    data = new_workbook("mine", registry=registry)
    path = tmp_path / "return.xlsx"
    path.write_bytes(edited(data, lambda b: b["Ratings"].__setitem__(
        f"A{row_of(b, '1.10')}", 1.1)))
    (found,) = problems(path)
    assert "error workbook-cell-changed: this cell should hold the standard id '1.10', not " \
        "the number 1.1 (put back '1.10'; standard ids are the template's, as text)" in found


def test_a_far_cell_is_found_quickly(tmp_path: Path) -> None:
    """A value in the sheet's very last cell is reported at once: the reader looks at the
    cells the file holds, never every cell of the rectangle up to the last one."""
    import time

    data, _audit = filled("lambeth")
    path = tmp_path / "return.xlsx"
    path.write_bytes(edited(data, lambda b: b["Ratings"].__setitem__("XFD1048576", "far")))
    started = time.monotonic()
    (found,) = problems(path)
    assert time.monotonic() - started < 10
    assert f"{path}!Ratings!XFD1048576: error workbook-outside-form: a value in column XFD, " \
        "outside the form" in found


def test_a_merge_over_a_whole_sheet_is_refused_before_opening(tmp_path: Path) -> None:
    """A merged range of 17 billion cells (which openpyxl would expand cell by cell) is
    refused from the file's XML, at once."""
    import time
    import zipfile

    data, _audit = filled("lambeth")
    path = tmp_path / "return.xlsx"
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet2.xml":
                content = content.replace(b"</sheetData>", b'</sheetData><mergeCells count="1">'
                                          b'<mergeCell ref="A1:XFD1048576"/></mergeCells>')
            target.writestr(item, content)
    started = time.monotonic()
    (found,) = problems(path)
    assert time.monotonic() - started < 10
    assert "error workbook-merged-cells: cells A1:XFD1048576 are merged (17 179 869 184 " \
        "cells" in found.replace(",", " ")


def test_a_layout_pointing_outside_a_sheet_is_not_trusted(tmp_path: Path) -> None:
    """A hidden layout edited to name cells no sheet has, or millions of action rows, is
    reported as damaged rather than followed."""
    import json as json_module

    data, _audit = filled("nottinghamshire-2021")

    def stretch(book: Workbook) -> None:
        sheet = book["_s11schema"]
        layout = json_module.loads("".join(str(c[0].value) for c in sheet.iter_rows(
            min_row=2, max_col=1) if c[0].value))
        layout["sheets"][2]["actions"]["last_row"] = 50_000_000
        text = json_module.dumps(layout)
        for row in range(2, sheet.max_row + 1):
            sheet.cell(row, 1).value = None
        sheet["A2"] = text

    path = tmp_path / "return.xlsx"
    path.write_bytes(edited(data, stretch))
    (found,) = problems(path)
    assert "workbook-not-a-return" in found


# ---------------------------------------------------------------------- every feature

FEATURES = s11schema.Registry([Path(__file__).resolve().parents[1] / "data" / "templates"])


def _features_book(seed: int = 1) -> tuple[bytes, dict[str, Any]]:
    template = FEATURES.template("features")
    audit = generate_audit(template, random.Random(seed), registry=FEATURES, qualified=True)
    audit["organisation"]["kind"] = "statutory"  # every standard applies
    return fill_workbook(new_workbook(template, registry=FEATURES), audit, template,
                         registry=FEATURES), audit


def _cell(workbook: Workbook, standard: str, heading: str) -> str:
    from openpyxl.utils import get_column_letter

    column = next(get_column_letter(int(c.column or 0)) for c in workbook["Ratings"][1]
                  if str(c.value).startswith(heading))
    return f"{column}{row_of(workbook, standard)}"


def _read(tmp_path: Path, data: bytes) -> dict[str, Any]:
    path = tmp_path / "return.xlsx"
    path.write_bytes(data)
    read: dict[str, Any] = source_of(path).parse().data
    return read


def test_cells_read_as_a_person_typed_them(tmp_path: Path) -> None:
    """A date typed day first reads as YYYY-MM-DD and a month as YYYY-MM, and so does a
    date value shown only as its month (the day was never given); other text as typed. A
    percentage cell holding 0.855 reads as '85.5%', one holding text as typed; a number as
    its digits; a list by its lines; a choice's label as its code; 'Yes*' as a qualified
    answer."""
    from datetime import datetime

    data, _audit = _features_book()

    def change(b: Workbook) -> None:
        sheet = b["Ratings"]
        reviewed = sheet[_cell(b, "1.1", "Policy last reviewed")]
        reviewed.value, reviewed.number_format = datetime(2024, 3, 1), "mmm-yy"
        sheet[_cell(b, "1.1", "Share of staff trained")] = 0.855
        sheet[_cell(b, "1.2", "Share of staff trained")] = "most"
        sheet[_cell(b, "1.2", "Policy last reviewed")] = "07/03/2024"
        sheet[_cell(b, "1.4", "Policy last reviewed")] = "June 2024"
        sheet[_cell(b, "1.5", "Policy last reviewed")] = "last spring"
        sheet[_cell(b, "1.1", "Staff in post")] = 240
        sheet[_cell(b, "1.1", "Documents and links")] = "policy.pdf\r\n\r\nhttps://x.org; plan"
        sheet[_cell(b, "1.1", "Whose policy")] = "Shared with the partnership"
        sheet[_cell(b, "1.2", "Rating")] = "Yes*"
        sheet[_cell(b, "1.2", "Note")] = "the deputy lead only"

    response = _read(tmp_path, edited(data, change))["responses"]
    assert response["1.1"]["reviewed_on"] == "2024-03"
    assert [response[s]["reviewed_on"] for s in ("1.2", "1.4", "1.5")] == [
        "2024-03-07", "2024-06", "last spring"]
    assert response["1.1"]["trained"] == "85.5%"
    assert response["1.2"]["trained"] == "most"
    assert response["1.1"]["headcount"] == "240"
    assert response["1.1"]["documents"] == ["policy.pdf", "https://x.org", "plan"]
    assert response["1.1"]["source"] == "shared"
    assert (response["1.2"]["rating"], response["1.2"]["note"]) == ("yes*",
                                                                    "the deputy lead only")


def test_criteria_moderation_and_kind_are_read(tmp_path: Path) -> None:
    """Each criterion's answer, the moderated ratings, the moderation's rows and the
    organisation's kind come back where the audit format keeps them."""
    data, audit = _features_book(seed=4)
    read = _read(tmp_path, data)
    assert read["responses"]["1.3"]["criteria"] == audit["responses"]["1.3"]["criteria"]
    assert read["moderation"] == audit["moderation"]
    assert read["organisation"]["kind"] == "statutory"
    assert read["responses"]["1.1"]["moderated_rating"] == \
        audit["responses"]["1.1"]["moderated_rating"]
    assert not any(key.startswith("_") for r in read["responses"].values() for key in r)


def test_a_criteria_standard_left_blank_points_at_its_first_criterion(tmp_path: Path) -> None:
    """A final return whose criteria are all blank is reported at the first criterion's
    cell, where the answer belongs."""
    data, _audit = _features_book()
    book = load_workbook(io.BytesIO(data))
    column = rating_column(book)
    cells = [f"{column}{row_of(book, f'1.3/{c}')}" for c in ("c1", "c2", "c3")]

    def blank(b: Workbook) -> None:
        for cell in cells:
            b["Ratings"][cell] = None

    path = tmp_path / "return.xlsx"
    path.write_bytes(edited(data, blank))
    report = s11schema.validate(path, registry=FEATURES, today=date(2025, 7, 1))
    assert [(f.code, f.cell) for f in report.errors] == [("standard-unanswered",
                                                          f"Ratings!{cells[0]}")]


def test_a_moved_criterion_row_is_named(tmp_path: Path) -> None:
    """A criterion's id changed is reported like a standard's: the place and what to put
    back."""
    data, _audit = _features_book()
    path = tmp_path / "return.xlsx"
    path.write_bytes(edited(data, lambda b: b["Ratings"].__setitem__(
        f"A{row_of(b, '1.3/c2')}", "1.3/c9")))
    (found,) = problems(path)
    assert "error workbook-cell-changed: this cell should hold the criterion '1.3/c2', not " \
        "'1.3/c9'" in found


@pytest.mark.parametrize("path", [[], ["template"], ["organisation"], ["responses", "1.1"],
                                  ["responses", "1.1", "criteria"],
                                  ["responses", "1.1", "rating", "x"]])
def test_a_layout_naming_no_value_of_an_audit_is_not_trusted(path: list[str],
                                                             tmp_path: Path) -> None:
    """A hidden layout edited so that an answer cell names something an audit does not hold
    (nothing, the template's id, a whole group, a response) is reported as damaged, never
    followed into a traceback or a wrong audit."""
    import json as json_module

    data, _audit = filled("nottinghamshire-2021")

    def point(book: Workbook) -> None:
        sheet = book["_s11schema"]
        layout = json_module.loads("".join(str(c[0].value) for c in sheet.iter_rows(
            min_row=2, max_col=1) if c[0].value))
        layout["sheets"][1]["slots"][0]["path"] = path
        for row in range(2, sheet.max_row + 1):
            sheet.cell(row, 1).value = None
        sheet["A2"] = json_module.dumps(layout)

    target = tmp_path / "return.xlsx"
    target.write_bytes(edited(data, point))
    (found,) = problems(target)
    assert "workbook-not-a-return" in found
