"""The workbook `new --format xlsx` writes (`s11schema._workbook`): what an organisation sees."""

from __future__ import annotations

import io
import sys
import typing
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

import s11schema
from s11schema import Registry, ResponseField, default_registry, new_workbook
from s11schema._layout import LAYOUT_SHEET, MARKER, Layout
from s11schema._workbook import FIELD_TYPES

TEMPLATES = ("nottinghamshire-2021", "buckinghamshire-2016", "lambeth",
             "south-gloucestershire-2019-20")


def book(template: str, registry: Registry | None = None) -> Workbook:
    return load_workbook(io.BytesIO(new_workbook(template, registry=registry)))


def layout_of(workbook: Workbook) -> Layout:
    sheet = workbook[LAYOUT_SHEET]
    chunks = [str(row[0].value) for row in sheet.iter_rows(min_row=2, max_col=1)
              if row[0].value]
    found = Layout.from_chunks(chunks)
    assert found is not None
    return found


def list_entries(workbook: Workbook, sheet: str, cell: str) -> list[str]:
    """The entries of the drop-down list on a cell, read from the range it refers to."""
    validations = [v for v in workbook[sheet].data_validations.dataValidation
                   if cell in v.sqref]
    assert len(validations) == 1, (sheet, cell)
    formula = str(validations[0].formula1)
    source, cells = formula.split("!")
    first, last = cells.replace("$", "").split(":")
    target = workbook[source.strip("'")]
    return [str(c[0].value) for c in target[first:last]]


def rows_by_id(workbook: Workbook) -> dict[str, int]:
    sheet = workbook["Ratings"]
    return {str(c.value): int(c.row or 0) for (c,) in sheet.iter_rows(min_col=1, max_col=1)
            if c.value is not None}


def heading_column(workbook: Workbook, sheet: str, heading: str) -> str:
    from openpyxl.utils import get_column_letter

    return next(get_column_letter(int(c.column or 0)) for c in workbook[sheet][1]
                if str(c.value).startswith(heading))


@pytest.mark.parametrize("template", TEMPLATES)
def test_sheets_in_order_with_a_very_hidden_layout(template: str) -> None:
    """Instructions first, then Details and Ratings (and Actions where the template asks
    for actions); the layout sheet is very hidden and marked."""
    workbook = book(template)
    names = workbook.sheetnames
    actions = any(f.type == "actions" for f in default_registry().template(template).fields)
    assert names == ["Instructions", "Details", "Ratings", *(["Actions"] if actions else []),
                     LAYOUT_SHEET]
    assert workbook.active is not None
    assert workbook.active.title == "Instructions"
    assert workbook[LAYOUT_SHEET].sheet_state == "veryHidden"
    assert workbook[LAYOUT_SHEET]["A1"].value == MARKER
    assert all(workbook[n].sheet_state == "visible" for n in names[:-1])


@pytest.mark.parametrize("template", TEMPLATES)
def test_template_id_and_version_are_recorded(template: str) -> None:
    """The layout and the document properties name the template and its version."""
    workbook = book(template)
    found = default_registry().template(template)
    layout = layout_of(workbook)
    assert (layout.template, layout.template_version) == (found.id, found.version)
    assert found.id in (workbook.properties.keywords or "")


@pytest.mark.parametrize("template", TEMPLATES)
def test_sheets_are_protected_but_answer_cells_are_not(template: str) -> None:
    """Rows and columns cannot be inserted or deleted; every answer cell is unlocked and
    every cell of the form's own text (ids, headings) is locked; the structure is locked."""
    workbook = book(template)
    assert workbook.security is not None
    assert workbook.security.lockStructure
    layout = layout_of(workbook)
    for form in layout.sheets:
        sheet = workbook[form.name]
        protection = sheet.protection
        assert protection.sheet
        for action in ("insertRows", "deleteRows", "insertColumns", "deleteColumns"):
            assert getattr(protection, action), (form.name, action)  # true: not allowed
        for slot in form.slots:
            assert sheet[slot.cell].protection.locked is False, (form.name, slot.cell)
        for fixed in form.fixed:
            assert sheet[fixed.cell].protection.locked is not False, (form.name, fixed.cell)


@pytest.mark.parametrize("template", TEMPLATES)
def test_one_row_per_standard_with_its_text_and_guidance(template: str) -> None:
    """Each standard has a row with its id (as text), its text, and its guidance and
    evidence examples where the template has any."""
    workbook = book(template)
    found = default_registry().template(template)
    rows = rows_by_id(workbook)
    sheet = workbook["Ratings"]
    headings = [str(c.value) for c in sheet[1]]
    for standard in found.standards:
        row = rows[standard.id]
        assert sheet.cell(row, 1).data_type == "s"
        assert sheet.cell(row, 2).value == standard.text
        if standard.guidance:
            guidance = str(sheet.cell(row, headings.index("Guidance") + 1).value)
            assert all(item in guidance for item in standard.guidance)
        if standard.evidence_examples:
            examples = str(sheet.cell(row, headings.index("Evidence examples") + 1).value)
            assert all(item in examples for item in standard.evidence_examples)
    for item in found.fields:
        if item.type == "text":
            assert (item.label or item.id) in headings


def test_rating_drop_down_follows_each_standards_scale_and_na() -> None:
    """The rating list is the standard's own scale: South Gloucestershire's question 7 is
    yes / no, the others Inadequate to Outstanding, each again with the template's qualifier
    ("Yes*"); N/A is offered only where allowed, and a standard the template does not rate
    has no list."""
    workbook = book("south-gloucestershire-2019-20")
    rows = rows_by_id(workbook)
    rating = heading_column(workbook, "Ratings", "Rating")
    assert list_entries(workbook, "Ratings", f"{rating}{rows['7']}") == [
        "No", "Yes", "No*", "Yes*"]
    levels = ["Inadequate", "Requires Improvement", "Good", "Outstanding"]
    assert list_entries(workbook, "Ratings", f"{rating}{rows['4']}") == [
        *levels, *(f"{level}*" for level in levels)]
    unrated = workbook["Ratings"][f"{rating}{rows['12']}"]
    assert unrated.value == "Not rated"
    assert unrated.protection.locked is not False
    assert not [v for v in workbook["Ratings"].data_validations.dataValidation
                if unrated.coordinate in v.sqref]
    lambeth = book("lambeth")
    rows = rows_by_id(lambeth)
    column = heading_column(lambeth, "Ratings", "Rating")
    assert list_entries(lambeth, "Ratings", f"{column}{rows['1']}") == ["1", "2", "3", "4", "5"]
    bucks = book("buckinghamshire-2016")
    rows = rows_by_id(bucks)
    column = heading_column(bucks, "Ratings", "Rating")
    assert list_entries(bucks, "Ratings", f"{column}{rows['1']}")[-1] == "N/A"


def test_na_is_explained_where_the_template_says() -> None:
    """Buckinghamshire explains an N/A in its evidence box, so its workbook has no column of
    its own for the reason and the instructions point at the evidence column; Nottinghamshire
    keeps the reason in a column of its own."""
    bucks = book("buckinghamshire-2016")
    assert "Reason for N/A" not in [str(c.value) for c in bucks["Ratings"][1]]
    instructions = [str(c.value) for (c,) in bucks["Instructions"].iter_rows(max_col=1)]
    assert "Where a standard does not apply to your organisation, choose N/A and say why in " \
        "the 'Evidence of impact and outcomes' column." in instructions
    notts = book("nottinghamshire-2021")
    assert "Reason for N/A" in [str(c.value) for c in notts["Ratings"][1]]


def test_rating_cells_are_text_so_numbers_stay_codes() -> None:
    """Rating and id cells are formatted as text: a picked '1' stays the code '1'."""
    workbook = book("lambeth")
    rows = rows_by_id(workbook)
    column = heading_column(workbook, "Ratings", "Rating")
    assert workbook["Ratings"][f"{column}{rows['1']}"].number_format == "@"
    assert workbook["Ratings"][f"A{rows['1']}"].number_format == "@"


def test_actions_sheet_has_the_templates_action_columns_and_a_standard_list() -> None:
    """The Actions sheet has Standard and the template's own action columns, each marked
    required as the template says (for all actions, or for some ratings); the Standard
    cells offer the template's ids. Nottinghamshire's form has one action column, with the
    timescale in its words; Buckinghamshire's has action, lead and timescale."""
    workbook = book("nottinghamshire-2021")
    headings = [str(c.value) for c in workbook["Actions"][1]]
    assert headings == ["Standard", "Action: what will be done, and by when (required)"]
    ids = default_registry().template("nottinghamshire-2021").standard_ids
    assert list_entries(workbook, "Actions", "A2") == list(ids)
    bucks = [str(c.value) for c in book("buckinghamshire-2016")["Actions"][1]]
    assert [h.split(":")[0] for h in bucks] == ["Standard", "Action", "Lead", "Due"]
    assert bucks[1].endswith(" (required)")
    assert not bucks[2].endswith(")")
    assert bucks[3].endswith(" (required for Red, Amber)")


def test_details_ask_for_the_templates_details_areas_and_questions() -> None:
    """Lambeth's respondent details, its area as a tick, the date, the status (Draft to
    start with) and the approval question with a yes / no list are on Details."""
    workbook = book("lambeth")
    sheet = workbook["Details"]
    labels = {str(c.value): int(c.row or 0) for (c,) in sheet.iter_rows(min_col=1, max_col=1)
              if c.value}
    assert "Your name (required)" in labels
    assert "Does your organisation cover Lambeth?" in labels
    assert sheet.cell(labels["Status"], 2).value == "Draft"
    assert list_entries(workbook, "Details", f"B{labels['Status']}") == ["Draft", "Final"]
    approval = next(row for label, row in labels.items() if label.startswith("I confirm"))
    assert list_entries(workbook, "Details", f"B{approval}") == ["Yes", "No"]


def test_every_field_type_has_a_layout() -> None:
    """`FIELD_TYPES` covers every type a response field may have: a new type cannot be
    added to the template format without saying how the workbook lays it out."""
    annotation = ResponseField.model_fields["type"].annotation
    assert set(FIELD_TYPES) == set(typing.get_args(annotation))


def test_ids_stay_text_for_a_template_of_ones_own(tmp_path: Path) -> None:
    """A template found with --path, with standards 1.1 and 1.10, gets a workbook whose id
    cells hold '1.1' and '1.10' as text."""
    (tmp_path / "mine.yaml").write_text(
        "id: mine\ntitle: Mine\npartnership: Ours\nscale: rag\nsections:\n"
        "  - id: \"1\"\n    title: One\n    standards:\n"
        "      - {id: \"1.1\", text: First, domains: [accountability]}\n"
        "      - {id: \"1.10\", text: Tenth, domains: [accountability]}\n", encoding="utf-8")
    registry = Registry([tmp_path])
    workbook = book("mine", registry)
    rows = rows_by_id(workbook)
    assert {"1.1", "1.10"} <= set(rows)
    assert workbook["Ratings"][f"A{rows['1.10']}"].value == "1.10"


def test_missing_openpyxl_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without openpyxl, new_workbook raises MissingExtraError naming the office extra."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed
    with pytest.raises(s11schema.MissingExtraError) as raised:
        new_workbook("lambeth")
    assert raised.value.extra == "office"
    assert "pip install 's11schema[office]'" in str(raised.value)


# ---------------------------------------------------------------------- every feature

FEATURES = Registry([Path(__file__).resolve().parents[1] / "data" / "templates"])


def _validations(workbook: Workbook, sheet: str, cell: str) -> list[typing.Any]:
    return [v for v in workbook[sheet].data_validations.dataValidation if cell in v.sqref]


def test_criteria_get_a_row_each_with_met_not_met_and_na() -> None:
    """A standard scored by its criteria has no rating of its own: a row per criterion
    beneath it (its id, text and weight) with a Met / Not met / N/A list."""
    workbook = book("features", FEATURES)
    rows = rows_by_id(workbook)
    rating = heading_column(workbook, "Ratings", "Rating")
    sheet = workbook["Ratings"]
    assert sheet[f"{rating}{rows['1.3']}"].value == "Scored by its criteria below"
    assert not _validations(workbook, "Ratings", f"{rating}{rows['1.3']}")
    for criterion, weight in (("c1", 50), ("c2", 30), ("c3", 20)):
        row = rows[f"1.3/{criterion}"]
        assert str(sheet.cell(row, 2).value).endswith(f"({weight} of 100)")
        assert list_entries(workbook, "Ratings", f"{rating}{row}") == ["Met", "Not met", "N/A"]
        assert sheet[f"{rating}{row}"].protection.locked is False
    assert rows["1.3/c3"] + 1 == rows["1.4"]


def test_moderation_has_its_column_and_rows_only_where_declared() -> None:
    """The moderated rating column (headed by the template's label) and the moderation rows
    on Details appear for a template that declares moderation, and for no bundled one."""
    workbook = book("features", FEATURES)
    headings = [str(c.value) for c in workbook["Ratings"][1]]
    assert "Moderated at the challenge panel (for the partnership)" in headings
    labels = [str(c.value) for (c,) in workbook["Details"].iter_rows(max_col=1)]
    assert {"Moderated by", "Moderated on", "Moderation notes"} <= set(labels)
    for template in TEMPLATES:
        bundled = book(template)
        assert not any("partnership)" in str(c.value) for c in bundled["Ratings"][1])
        assert "Moderated by" not in [str(c.value) for (c,) in
                                      bundled["Details"].iter_rows(max_col=1)]


def test_field_types_get_their_cell_formats_and_checks() -> None:
    """A percentage cell is a percent and a number a number, each checked by Excel (as a
    warning); a date is a text cell with a prompt (so what is typed is kept in any locale);
    a choice is a list of its labels; text and lists stay text."""
    workbook = book("features", FEATURES)
    rows = rows_by_id(workbook)
    sheet = workbook["Ratings"]
    row = rows["1.1"]
    expected = {"Policy last reviewed": ("@", None),
                "Share of staff trained": ("0%", "decimal"),
                "Staff in post": ("General", "decimal"),
                "Documents and links": ("@", None), "Evidence": ("@", None)}
    for label, (number_format, check) in expected.items():
        column = heading_column(workbook, "Ratings", label)
        cell = sheet[f"{column}{row}"]
        assert cell.number_format == number_format, label
        found = _validations(workbook, "Ratings", cell.coordinate)
        assert [v.type for v in found] == ([check] if check else [None] * bool(found)), label
        assert all(v.errorStyle == "warning" for v in found)
    reviewed = heading_column(workbook, "Ratings", "Policy last reviewed")
    (prompt,) = _validations(workbook, "Ratings", f"{reviewed}{row}")
    assert "June 2025" in str(prompt.prompt)
    percentage = _validations(workbook, "Ratings",
                              f"{heading_column(workbook, 'Ratings', 'Share')}{row}")[0]
    assert (percentage.formula1, percentage.formula2) == ("0", "1")
    source = heading_column(workbook, "Ratings", "Whose policy")
    assert list_entries(workbook, "Ratings", f"{source}{row}") == [
        "Our own", "Shared with the partnership"]


def test_unrated_standards_and_kinds_are_shown() -> None:
    """A standard that is not rated says so in its rating cell; a standard that applies to
    some kinds of organisation names them; Details asks the kind with the kinds' labels."""
    workbook = book("features", FEATURES)
    rows = rows_by_id(workbook)
    sheet = workbook["Ratings"]
    assert sheet[f"{heading_column(workbook, 'Ratings', 'Rating')}{rows['1.5']}"].value == \
        "Not rated"
    assert sheet[f"{heading_column(workbook, 'Ratings', 'Applies to')}{rows['1.4']}"].value == \
        "Statutory partner"
    details = workbook["Details"]
    labels = {str(c.value): int(c.row or 0) for (c,) in details.iter_rows(max_col=1)
              if c.value}
    assert list_entries(workbook, "Details", f"B{labels['Kind of organisation']}") == [
        "Statutory partner", "Voluntary or community group"]
    assert details[f"B{labels['How many staff work with children?']}"].number_format == \
        "General"


def test_the_instructions_say_what_the_template_declares() -> None:
    """The instructions explain the qualifier, the unanswered mark, the kinds, moderation
    and the window, and not where a template declares none of them."""
    text = " ".join(str(c.value) for (c,) in book("features", FEATURES)["Instructions"]
                    .iter_rows(max_col=1) if c.value)
    for words in ("choose it with a * (such as Yes*)", "holding '-', counts as not answered",
                  "apply only to some kinds", "are for the partnership",
                  "Returns are accepted from 2025-05-01 to 2025-07-31",
                  "answer Met, Not met or N/A for each criterion",
                  "standards marked 'Not rated'"):
        assert words in text, words
    plain = " ".join(str(c.value) for (c,) in book("nottinghamshire-2021")["Instructions"]
                     .iter_rows(max_col=1) if c.value)
    assert "Good to know" in plain  # N/A only
    assert "choose it with a" not in plain
    assert "for the partnership" not in plain


def test_dates_are_required_only_where_the_template_says() -> None:
    """Lambeth's form has no date box (completed_on optional): its date row is not marked
    required; Nottinghamshire's is. Lambeth's questions offer their answers' labels."""
    for template, label in (("lambeth", "Date completed"),
                            ("nottinghamshire-2021", "Date completed (required)")):
        labels = [str(c.value) for (c,) in book(template)["Details"].iter_rows(max_col=1)]
        assert label in labels
    workbook = book("lambeth")
    labels_rows = {str(c.value): int(c.row or 0) for (c,) in
                   workbook["Details"].iter_rows(max_col=1) if c.value}
    newsletter = next(row for label, row in labels_rows.items()
                      if label.startswith("Have you subscribed"))
    entries = list_entries(workbook, "Details", f"B{newsletter}")
    assert entries[:2] == ["Yes", "No"]
    assert entries[2].startswith("Not yet, but I will")
