"""A workbook for any template, for organisations to fill in in Excel or LibreOffice.

`new_workbook` lays out an instructions sheet, the organisation's details and the
questions asked once, one row per standard (`_workbook_ratings`: its text,
guidance and evidence examples visible, a rating drop-down of its scale, a row
per criterion where it is scored by criteria), an actions sheet per actions
field with the template's own action columns, and a hidden sheet with the layout
the reader follows (`_layout`). Sheets are protected so rows cannot be inserted
or deleted; only answer cells can be edited. Each type of answer is formatted
and checked as `_cell_types` says.

The actions sheet has the columns of the template's action table and no more.
An action's `status`, `progress` and `done_on` record what became of it at a
later follow-up; a return sent out blank has no earlier actions to follow up, so
asking for them would only add columns the partnership's form does not have.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import _workbook_guide as guide
from ._cell_types import CELL_TYPES, CellType
from ._layout import LAYOUT_SHEET, MARKER, ActionsArea, Fixed, Layout, SheetLayout, Slot
from ._office import column_letter, require_openpyxl
from ._templates import Detail, Question, Ratings, ResponseField, Standard, Template
from ._workbook_ratings import FIELD_TYPES, ratings_sheet

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from ._cell_types import SlotKind
    from ._registry import Registry
    from ._scales import Scale

INSTRUCTIONS, DETAILS, RATINGS, ACTIONS = "Instructions", guide.DETAILS, guide.RATINGS, "Actions"
#: Rows for actions on an actions sheet: this many per standard, and at least the minimum.
ACTION_ROWS_PER_STANDARD, ACTION_ROWS_MIN = 3, 30
_ACTION_HEADINGS = {
    "action": "Action: what will be done",
    "lead": "Lead: the person or role who leads it",
    "due": "Due: by when (a date such as 2026-03-31, a month, or a quarter such as "
           "Q3 2025/26)",
    "measure": "Measure: how you will know it worked",
}
_ACTION_WIDTHS = {"standard": 10, "action": 50, "lead": 28, "due": 24, "measure": 40}
_STATUS = {"Draft": "draft", "Final": "final"}
_YES_NO = {"Yes": "yes", "No": "no"}


def new_workbook(template: Template | str, *, registry: Registry | None = None) -> bytes:
    """An .xlsx return for `template` (or a template id), as bytes to write to a file.

    Needs openpyxl (`pip install 's11schema[office]'`); MissingExtraError otherwise.
    """
    require_openpyxl()
    from ._registry import default_registry

    registry = registry or default_registry()
    if isinstance(template, str):
        template = registry.template(template)
    scales = {scale_id: registry.scale(scale_id) for scale_id in template.scale_ids()}
    return Builder(template, scales).build()


# ---------------------------------------------------------------------- looks


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="A6A6A6")
    return {
        "title": Font(bold=True, size=14),
        "bold": Font(bold=True),
        "muted": Font(italic=True, color="7F7F7F"),
        "heading_font": Font(bold=True, color="FFFFFF"),
        "heading_fill": PatternFill("solid", fgColor="1F4E79"),
        "section_fill": PatternFill("solid", fgColor="D9E1F2"),
        "answer_fill": PatternFill("solid", fgColor="FFF2CC"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "unlocked": Protection(locked=False),
    }


def _lines(text: str, width: float) -> int:
    """About how many lines `text` takes in a column `width` characters wide."""
    return sum(max(1, -(-len(part) // max(int(width * 1.1), 1))) for part in text.split("\n"))


# ---------------------------------------------------------------------- building


@dataclass(slots=True)
class Sheet:
    """One sheet being written, with the layout it records."""

    sheet: Worksheet
    widths: dict[int, float]
    slots: list[Slot] = field(default_factory=list)
    fixed: list[Fixed] = field(default_factory=list)
    actions: ActionsArea | None = None
    row: int = 0
    heights: dict[int, int] = field(default_factory=dict)

    def layout(self) -> SheetLayout:
        return SheetLayout(self.sheet.title, max(self.widths), self.row, tuple(self.slots),
                           tuple(self.fixed), self.actions)


class Builder:
    """Writes the workbook and its layout together, so they cannot disagree."""

    def __init__(self, template: Template, scales: dict[str, Scale]) -> None:
        from openpyxl import Workbook

        self.template, self.scales = template, scales
        self.book: Workbook = Workbook()
        self.style = _styles()
        self.choices: dict[str, dict[str, str]] = {}
        self.sheets: list[Sheet] = []
        self.lists = self.book.create_sheet(LAYOUT_SHEET)
        self.validations: dict[tuple[str, str], Any] = {}

    def build(self) -> bytes:
        from openpyxl.workbook.protection import WorkbookProtection

        first = self.book.active
        assert first is not None
        self._instructions(first)
        self._details()
        ratings_sheet(self)
        actions = self.action_fields()
        for item in actions:
            self._actions(item, actions)
        self._finish_layout()
        self.book.active = 0
        self.book.security = WorkbookProtection(lockStructure=True)
        props = self.book.properties
        props.title = self.template.title
        props.subject = f"Section 11 return: {self.template.label}"
        props.keywords = f"s11schema {self.template.id} {self.template.version or ''}".strip()
        props.creator = "s11schema"
        buffer = io.BytesIO()
        self.book.save(buffer)
        return buffer.getvalue()

    def action_fields(self) -> list[ResponseField]:
        return [f for f in self.template.fields if f.type == "actions"]

    def scale_of(self, standard: Standard) -> Scale:
        return self.scales[standard.scale or self.template.scale]

    # ------------------------------------------------------------ cells

    def sheet(self, title: str, widths: dict[int, float]) -> Sheet:
        sheet = self.book.create_sheet(title)
        for column, width in widths.items():
            sheet.column_dimensions[column_letter(column)].width = width
        made = Sheet(sheet, widths)
        self.sheets.append(made)
        return made

    def put(self, into: Sheet, column: int, text: str | None, *, style: str = "",
            fixed: str | None = None) -> str:
        """A locked cell of the form's own text; `fixed` records it as one that must stay."""
        ref = f"{column_letter(column)}{into.row}"
        cell = into.sheet[ref]
        cell.value = text
        cell.alignment = self.style["wrap"]
        cell.number_format = "@"
        if style == "heading":
            cell.font, cell.fill = self.style["heading_font"], self.style["heading_fill"]
        elif style == "section":
            cell.font, cell.fill = self.style["bold"], self.style["section_fill"]
        elif style:
            cell.font = self.style[style]
        if fixed is not None and text:
            into.fixed.append(Fixed(ref, text, fixed))
        if text:
            lines = _lines(text, into.widths.get(column, 10))
            into.heights[into.row] = max(into.heights.get(into.row, 1), lines)
        return ref

    def answer(self, into: Sheet, column: int, path: tuple[str, ...], label: str, *,
               kind: SlotKind | None = None, cell_type: CellType = CELL_TYPES["text"],
               choices: str | None = None, value: str | None = None,
               initial: str | None = None) -> str:
        """An unlocked answer cell, formatted and checked as its type says, recorded in the
        layout."""
        ref = f"{column_letter(column)}{into.row}"
        cell = into.sheet[ref]
        cell.protection = self.style["unlocked"]
        cell.fill, cell.border = self.style["answer_fill"], self.style["border"]
        cell.alignment = self.style["wrap"]
        cell.number_format = "@" if choices is not None else cell_type.number_format
        if initial is not None:
            cell.value = initial
        if choices is not None:
            self._drop_down(into, choices, ref)
        elif cell_type.check is not None:
            self._check(into, cell_type, ref)
        into.slots.append(Slot(ref, path, label, kind or cell_type.kind, choices, value))
        return ref

    def choice_list(self, name: str, entries: dict[str, str]) -> str:
        """A drop-down list on the hidden sheet; its entries shown, their codes recorded."""
        if name not in self.choices:
            self.choices[name] = entries
            column = len(self.choices) + 2  # A holds the layout, B is left empty
            self.lists.cell(row=1, column=column, value=name)
            for row, shown in enumerate(entries, start=2):
                self.lists.cell(row=row, column=column, value=shown).number_format = "@"
        return name

    def _drop_down(self, into: Sheet, name: str, ref: str) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        key = (into.sheet.title, name)
        if key not in self.validations:
            column = column_letter(list(self.choices).index(name) + 3)
            last = len(self.choices[name]) + 1
            validation = DataValidation(
                type="list", formula1=f"'{LAYOUT_SHEET}'!${column}$2:${column}${last}",
                allow_blank=True, showErrorMessage=True, errorStyle="warning",
                errorTitle="Not on the list", error="Choose one of the entries in the list.")
            into.sheet.add_data_validation(validation)
            self.validations[key] = validation
        self.validations[key].add(ref)

    def _check(self, into: Sheet, cell_type: CellType, ref: str) -> None:
        """Excel's check of a typed cell (a number, a percentage), as a warning with a
        prompt, so a person is told at once and can still keep what they typed; or only the
        prompt (a date)."""
        from openpyxl.worksheet.datavalidation import DataValidation

        key = (into.sheet.title, f"type:{cell_type.kind}")
        if key not in self.validations:
            validation = DataValidation(
                type=None if cell_type.check == "any" else cell_type.check,
                operator=cell_type.operator, formula1=cell_type.formula1,
                formula2=cell_type.formula2, allow_blank=True,
                showErrorMessage=cell_type.error is not None,
                showInputMessage=bool(cell_type.hint), prompt=cell_type.hint,
                errorStyle="warning", errorTitle="Please check", error=cell_type.error)
            into.sheet.add_data_validation(validation)
            self.validations[key] = validation
        self.validations[key].add(ref)

    def typed_answer(self, into: Sheet, column: int, path: tuple[str, ...], label: str,
                     kind: str, choices: dict[str, str] | None, list_name: str) -> str:
        """An answer of a field's, question's or detail's type: a drop-down of `choices`
        (shown text to code) where it has them, else a cell of that type."""
        if choices:
            return self.answer(into, column, path, label, kind="choice",
                               choices=self.choice_list(list_name, choices))
        return self.answer(into, column, path, label, cell_type=CELL_TYPES.get(
            kind, CELL_TYPES["text"]))

    # ------------------------------------------------------------ sheets

    def _instructions(self, sheet: Worksheet) -> None:
        sheet.title = INSTRUCTIONS
        into = Sheet(sheet, {1: 100})
        self.sheets.append(into)
        sheet.column_dimensions["A"].width = 100
        template = self.template
        actions = self.action_fields()
        steps = guide.steps(template, self.scales,
                            _actions_title(actions[0], actions) if actions else None)
        lines: list[tuple[str, str]] = [
            (template.title, "title"), (template.partnership, "bold"), ("", ""),
            ("How to fill in this return", "bold"), *[(step, "") for step in steps],
            ("", ""),
            ("Please do not rename the sheets, insert or delete rows or columns, merge cells or "
             "type formulas: the partnership reads the return by the place of each answer. "
             "Answer cells are shaded yellow; the other cells are locked.", ""),
        ]
        notes = guide.notes(template, self.scales)
        if notes:
            lines += [("", ""), ("Good to know", "bold"), *[(note, "") for note in notes]]
        if template.description:
            lines += [("", ""), ("About this audit", "bold"), (template.description, "")]
        lines += [("", ""), *guide.scale_lines(self.scales)]
        lines += [("", ""), (f"Template: {template.label} (s11schema)", "")]
        for text, style in lines:
            into.row += 1
            self.put(into, 1, text or None, style=style)
        self.protect(into)

    def _details(self) -> None:
        template = self.template
        into = self.sheet(DETAILS, {1: 48, 2: 60, 3: 40})
        into.row = 1
        for column, heading in enumerate(("Detail", "Your answer", "Notes"), start=1):
            self.put(into, column, heading, style="heading", fixed="heading")
        self._details_group(into, "Your organisation", "organisation", self._organisation())
        if template.organisation_kinds:
            self._kind(into)
        self._areas(into)
        if template.respondent:
            self._details_group(into, "The person completing this return", "respondent",
                                template.respondent)
        self.section_row(into, "About this return", 3)
        into.row += 1
        required = " (required)" if template.completed_on == "required" else ""
        self.put(into, 1, f"Date completed{required}")
        self.answer(into, 2, ("completed_on",), "the date completed",
                    cell_type=CELL_TYPES["date"])
        self.put(into, 3, CELL_TYPES["date"].hint)
        into.row += 1
        self.put(into, 1, "Status")
        self.answer(into, 2, ("status",), "the status", kind="choice",
                    choices=self.choice_list("status", _STATUS), initial="Draft")
        self.put(into, 3, "Draft while you work on it; Final when it is complete and approved")
        if template.questions:
            self.section_row(into, "Questions", 3)
            for question in template.questions:
                self._question(into, question)
        if template.moderation is not None:
            self._moderation(into)
        self.protect(into)

    def _organisation(self) -> list[Detail]:
        declared = {d.id: d for d in self.template.organisation}
        name = declared.pop("name", Detail(id="name", label="Name of organisation",
                                           required=True))
        kind = declared.pop("type", Detail(id="type", label="Type of organisation (such as "
                                           "district council, NHS trust, school, charity)"))
        return [name, kind, *declared.values()]

    def _details_group(self, into: Sheet, title: str, group: str,
                       details: list[Detail] | tuple[Detail, ...]) -> None:
        self.section_row(into, title, 3)
        for detail in details:
            into.row += 1
            self.put(into, 1, (detail.label or detail.id) + (" (required)" if detail.required
                                                                else ""))
            cell_type = CELL_TYPES[detail.type]
            self.answer(into, 2, (group, detail.id), f"the {group}'s {detail.id}",
                        cell_type=cell_type)
            self.put(into, 3, cell_type.hint)

    def _kind(self, into: Sheet) -> None:
        """The organisation's kind, a drop-down of the kinds the template declares (some
        standards apply only to some kinds)."""
        into.row += 1
        self.put(into, 1, "Kind of organisation")
        kinds = {kind.label or kind.id: kind.id for kind in self.template.organisation_kinds}
        self.answer(into, 2, ("organisation", "kind"), "the kind of organisation",
                    kind="choice", choices=self.choice_list("organisation-kinds", kinds))
        self.put(into, 3, "Choose from the list: some standards apply only to some kinds")

    def _areas(self, into: Sheet) -> None:
        areas = self.template.areas
        if not areas:
            into.row += 1
            self.put(into, 1, "Local authority areas your organisation covers")
            cell_type = CELL_TYPES["list-of-areas"]
            self.answer(into, 2, ("organisation", "areas"), "the areas covered",
                        cell_type=cell_type)
            self.put(into, 3, cell_type.hint)
            return
        ticks = self.choice_list("yes-no", _YES_NO)
        for area in areas:
            into.row += 1
            self.put(into, 1, f"Does your organisation cover {area}?")
            self.answer(into, 2, ("organisation", "areas"), f"whether you cover {area}",
                        kind="tick", choices=ticks, value=area)

    def _question(self, into: Sheet, question: Question) -> None:
        into.row += 1
        self.put(into, 1, question.text + (" (required)" if question.required else ""))
        if question.type == "yes-no":
            choices: dict[str, str] | None = _YES_NO
            name = "yes-no"
        else:
            choices = {c.label or c.code: c.code for c in question.choices} or None
            name = f"question:{question.id}"
        self.typed_answer(into, 2, ("answers", question.id), f"the answer to '{question.id}'",
                          question.type, choices, name)
        self.put(into, 3, "Choose from the list" if choices
                 else CELL_TYPES.get(question.type, CELL_TYPES["text"]).hint)

    def _moderation(self, into: Sheet) -> None:
        """Who moderated the return and when: the partnership's own rows."""
        self.section_row(into, "Moderation (for the partnership)", 3)
        for key, label, kind in (("by", "Moderated by", "text"), ("on", "Moderated on", "date"),
                                 ("notes", "Moderation notes", "text")):
            into.row += 1
            self.put(into, 1, label)
            self.answer(into, 2, ("moderation", key), f"the moderation's {key}",
                        cell_type=CELL_TYPES[kind])
            self.put(into, 3, CELL_TYPES[kind].hint)

    def section_row(self, into: Sheet, title: str, width: int, *, fixed: str | None = None,
                    label: str | None = None) -> None:
        """A shaded row across the sheet: `title` in column A (and `label` in B)."""
        into.row += 1
        for column in range(1, width + 1):
            text = title if column == 1 else (label if column == 2 else None)
            self.put(into, column, text, style="section",
                     fixed=fixed if column == 1 else None)

    # ------------------------------------------------------------ actions

    def _actions(self, item: ResponseField, actions: list[ResponseField]) -> None:
        """One action per row, with the template's action columns and the standard's id."""
        policy = self.template.actions
        keys = ("standard", *policy.columns)
        into = self.sheet(_actions_title(item, actions),
                          {i: _ACTION_WIDTHS[k] for i, k in enumerate(keys, start=1)})
        into.row = 1
        required: dict[str, Ratings] = {str(k): v for k, v in policy.required_columns.items()}
        scale = self.scales[self.template.scale]
        for column, key in enumerate(keys, start=1):
            heading = "Standard" if key == "standard" else (
                _action_heading(key, self.template)
                + guide.required_note(required.get(key, False), scale))
            self.put(into, column, heading, style="heading", fixed="heading")
        into.sheet.freeze_panes = "A2"
        standards = self.choice_list("standards", {s: s for s in self.template.standard_ids})
        count = max(ACTION_ROWS_MIN, ACTION_ROWS_PER_STANDARD * len(self.template.standard_ids))
        first = into.row + 1
        for _ in range(count):
            into.row += 1
            for column, key in enumerate(keys, start=1):
                self._blank_answer(into, column, standards if key == "standard" else None)
        letters = tuple((column_letter(i), key) for i, key in enumerate(keys, start=1))
        into.actions = ActionsArea(item.id, first, into.row, letters)
        self.protect(into)

    def _blank_answer(self, into: Sheet, column: int, choices: str | None) -> None:
        ref = f"{column_letter(column)}{into.row}"
        cell = into.sheet[ref]
        cell.protection = self.style["unlocked"]
        cell.fill, cell.border = self.style["answer_fill"], self.style["border"]
        cell.alignment, cell.number_format = self.style["wrap"], "@"
        if choices is not None:
            self._drop_down(into, choices, ref)

    # ------------------------------------------------------------ finishing

    def protect(self, into: Sheet) -> None:
        sheet = into.sheet
        sheet.page_setup.orientation = "landscape"  # printed, each sheet is a page wide
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        if sheet.sheet_properties.pageSetUpPr is not None:
            sheet.sheet_properties.pageSetUpPr.fitToPage = True
        for row, lines in into.heights.items():
            if lines > 1:
                sheet.row_dimensions[row].height = min(409, 15 * lines)
        protection = sheet.protection
        protection.sheet = True
        protection.formatRows = protection.formatColumns = False  # people may resize
        protection.insertRows = protection.deleteRows = True  # true: not allowed
        protection.insertColumns = protection.deleteColumns = True

    def _finish_layout(self) -> None:
        layout = Layout(self.template.id, self.template.version,
                        tuple(s.layout() for s in self.sheets[1:]), self.choices,
                        self.template.standard_ids)
        self.lists["A1"] = MARKER
        for row, chunk in enumerate(layout.to_chunks(), start=2):
            self.lists.cell(row=row, column=1, value=chunk).number_format = "@"
        self.lists.sheet_state = "veryHidden"
        self.lists.protection.sheet = True
        position = self.book.sheetnames.index(LAYOUT_SHEET)
        self.book.move_sheet(self.lists, offset=len(self.book.sheetnames) - 1 - position)


def _actions_title(item: ResponseField, actions: list[ResponseField]) -> str:
    """`Actions`, or one sheet per actions field when a template has several."""
    if len(actions) == 1:
        return ACTIONS
    return f"{ACTIONS} ({item.id})"[:31]


def _action_heading(key: str, template: Template) -> str:
    """A column's heading; where the due date is read from the action's words, the action
    column asks for it."""
    if key == "action" and template.actions.due_in_text and "due" not in \
            template.actions.columns:
        return "Action: what will be done, and by when"
    return _ACTION_HEADINGS[key]


__all__ = ["ACTIONS", "DETAILS", "FIELD_TYPES", "INSTRUCTIONS", "RATINGS", "Builder", "Sheet",
           "new_workbook"]
