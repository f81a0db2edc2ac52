"""A workbook for any template, for organisations to fill in in Excel or LibreOffice.

`new_workbook` lays out an instructions sheet, the organisation's details and the
questions asked once, one row per standard (its text, guidance and evidence
examples visible, a rating drop-down of its scale), an actions sheet per actions
field, and a hidden sheet with the layout the reader follows (`_layout`). Sheets
are protected so rows cannot be inserted or deleted; only answer cells can be
edited. How each type of response field appears is one table, `FIELD_TYPES`, so a
new type of field is laid out in one place.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._layout import (
    LAYOUT_SHEET,
    MARKER,
    ActionsArea,
    Fixed,
    Layout,
    SheetLayout,
    Slot,
    SlotKind,
)
from ._office import column_letter, require_openpyxl
from ._rules._base import codes_for
from ._templates import ACTION_KEYS, Detail, Question, ResponseField, Standard, Template

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from ._registry import Registry
    from ._scales import Scale

INSTRUCTIONS, DETAILS, RATINGS, ACTIONS = "Instructions", "Details", "Ratings", "Actions"
#: Rows for actions on an actions sheet: this many per standard, and at least the minimum.
ACTION_ROWS_PER_STANDARD, ACTION_ROWS_MIN = 3, 30
_ACTION_HEADINGS = {
    "action": "Action: what will be done",
    "lead": "Lead: the person or role who leads it",
    "due": "Due: by when (a date such as 2026-03-31, a month, or a quarter such as "
           "Q3 2025/26)",
    "measure": "Measure: how you will know it worked",
}
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
    return _Builder(template, scales).build()


# ---------------------------------------------------------------------- looks


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="A6A6A6")
    return {
        "title": Font(bold=True, size=14),
        "bold": Font(bold=True),
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
class _Sheet:
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


class _Builder:
    """Writes the workbook and its layout together, so they cannot disagree."""

    def __init__(self, template: Template, scales: dict[str, Scale]) -> None:
        from openpyxl import Workbook

        self.template, self.scales = template, scales
        self.book: Workbook = Workbook()
        self.style = _styles()
        self.choices: dict[str, dict[str, str]] = {}
        self.sheets: list[_Sheet] = []
        self.lists = self.book.create_sheet(LAYOUT_SHEET)
        self.validations: dict[tuple[str, str], Any] = {}

    def build(self) -> bytes:
        from openpyxl.workbook.protection import WorkbookProtection

        first = self.book.active
        assert first is not None
        self._instructions(first)
        self._details()
        self._ratings()
        for item in self.template.fields:
            if item.type == "actions":
                self._actions(item)
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

    # ------------------------------------------------------------ cells

    def _sheet(self, title: str, widths: dict[int, float]) -> _Sheet:
        sheet = self.book.create_sheet(title)
        for column, width in widths.items():
            sheet.column_dimensions[column_letter(column)].width = width
        made = _Sheet(sheet, widths)
        self.sheets.append(made)
        return made

    def _put(self, into: _Sheet, column: int, text: str | None, *, style: str = "",
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

    def _answer(self, into: _Sheet, column: int, path: tuple[str, ...], label: str, *,
                kind: SlotKind = "text", choices: str | None = None, value: str | None = None,
                initial: str | None = None) -> str:
        """An unlocked answer cell, recorded in the layout."""
        ref = f"{column_letter(column)}{into.row}"
        cell = into.sheet[ref]
        cell.protection = self.style["unlocked"]
        cell.fill, cell.border = self.style["answer_fill"], self.style["border"]
        cell.alignment = self.style["wrap"]
        cell.number_format = "yyyy-mm-dd" if kind == "date" else "@"
        if initial is not None:
            cell.value = initial
        if choices is not None:
            self._drop_down(into, choices, ref)
        into.slots.append(Slot(ref, path, label, kind, choices, value))
        return ref

    def _choice_list(self, name: str, entries: dict[str, str]) -> str:
        """A drop-down list on the hidden sheet; its entries shown, their codes recorded."""
        if name not in self.choices:
            self.choices[name] = entries
            column = len(self.choices) + 2  # A holds the layout, B is left empty
            self.lists.cell(row=1, column=column, value=name)
            for row, shown in enumerate(entries, start=2):
                self.lists.cell(row=row, column=column, value=shown).number_format = "@"
        return name

    def _drop_down(self, into: _Sheet, name: str, ref: str) -> None:
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

    # ------------------------------------------------------------ sheets

    def _instructions(self, sheet: Worksheet) -> None:
        sheet.title = INSTRUCTIONS
        into = _Sheet(sheet, {1: 100})
        self.sheets.append(into)
        sheet.column_dimensions["A"].width = 100
        template = self.template
        lines: list[tuple[str, str]] = [
            (template.title, "title"), (template.partnership, "bold"), ("", ""),
            ("How to fill in this return", "bold"), *[(step, "") for step in self._steps()],
            ("", ""),
            ("Please do not rename the sheets, insert or delete rows or columns, merge cells or "
             "type formulas: the partnership reads the return by the place of each answer. "
             "Answer cells are shaded yellow; the other cells are locked.", ""),
        ]
        if template.description:
            lines += [("", ""), ("About this audit", "bold"), (template.description, "")]
        lines += [("", ""), *self._scale_lines()]
        lines += [("", ""), (f"Template: {template.label} (s11schema)", "")]
        for text, style in lines:
            into.row += 1
            self._put(into, 1, text or None, style=style)
        self._protect(into)

    def _steps(self) -> list[str]:
        actions = [f for f in self.template.fields if f.type == "actions"]
        texts = [f.label or f.id for f in self.template.fields if f.type == "text"]
        steps = [f"1. On the '{DETAILS}' sheet, fill in your organisation's details, the date "
                 "the return was completed, and the answers to the questions.",
                 f"2. On the '{RATINGS}' sheet, rate every standard with the drop-down in the "
                 "Rating column" + (f", and write: {'; '.join(texts)}." if texts else ".")]
        if actions:
            scale = self.scales[self.template.scale]
            needed = ", ".join(scale.label_of(c) for c in scale.codes
                               if c in codes_for(self.template.actions.required_for, scale))
            steps.append(f"3. On the '{_actions_title(actions[0], actions)}' sheet, write one "
                         "action per row: choose the standard it is for, then say what will be "
                         "done, who leads it, by when, and how you will know it worked."
                         + (f" Ratings of {needed} need at least one action." if needed
                            else ""))
        steps.append(f"{len(steps) + 1}. When the return is complete and approved, set Status "
                     f"to Final on the '{DETAILS}' sheet, save the file (as .xlsx) and send it "
                     "back to the partnership.")
        return steps

    def _scale_lines(self) -> list[tuple[str, str]]:
        lines: list[tuple[str, str]] = []
        for scale in self.scales.values():
            lines.append((f"Rating scale: {scale.title}", "bold"))
            for level in scale.all_levels:
                described = f": {level.description}" if level.description else ""
                lines.append((f"{level.label}{described}", ""))
            na = scale.not_applicable
            if na is not None:
                reason = (" (say why in the 'Reason for N/A' column)" if na.reason_required
                          else "")
                lines.append((f"{na.label}: the standard does not apply to your "
                              f"organisation{reason}", ""))
        return lines

    def _details(self) -> None:
        into = self._sheet(DETAILS, {1: 48, 2: 60, 3: 40})
        into.row = 1
        for column, heading in enumerate(("Detail", "Your answer", "Notes"), start=1):
            self._put(into, column, heading, style="heading", fixed="heading")
        self._details_group(into, "Your organisation", "organisation", self._organisation())
        self._areas(into)
        if self.template.respondent:
            self._details_group(into, "The person completing this return", "respondent",
                                self.template.respondent)
        self._section_row(into, "About this return", 3)
        into.row += 1
        self._put(into, 1, "Date completed")
        self._answer(into, 2, ("completed_on",), "the date completed", kind="date")
        self._put(into, 3, "A date, such as 2025-06-30")
        into.row += 1
        self._put(into, 1, "Status")
        self._answer(into, 2, ("status",), "the status", kind="choice",
                     choices=self._choice_list("status", _STATUS), initial="Draft")
        self._put(into, 3, "Draft while you work on it; Final when it is complete and approved")
        if self.template.questions:
            self._section_row(into, "Questions", 3)
            for question in self.template.questions:
                self._question(into, question)
        self._protect(into)

    def _organisation(self) -> list[Detail]:
        declared = {d.id: d for d in self.template.organisation}
        name = declared.pop("name", Detail(id="name", label="Name of organisation",
                                           required=True))
        kind = declared.pop("type", Detail(id="type", label="Type of organisation (such as "
                                           "district council, NHS trust, school, charity)"))
        return [name, kind, *declared.values()]

    def _details_group(self, into: _Sheet, title: str, group: str,
                       details: list[Detail] | tuple[Detail, ...]) -> None:
        self._section_row(into, title, 3)
        for detail in details:
            into.row += 1
            self._put(into, 1, (detail.label or detail.id) + (" (required)" if detail.required
                                                                 else ""))
            self._answer(into, 2, (group, detail.id), f"the {group}'s {detail.id}")
            note = {"email": "An email address", "phone": "A phone number",
                    "url": "A web address"}.get(detail.type)
            self._put(into, 3, note)

    def _areas(self, into: _Sheet) -> None:
        areas = self.template.areas
        if not areas:
            into.row += 1
            self._put(into, 1, "Local authority areas your organisation covers")
            self._answer(into, 2, ("organisation", "areas"), "the areas covered", kind="list")
            self._put(into, 3, "Separate several areas with ';'")
            return
        ticks = self._choice_list("yes-no", _YES_NO)
        for area in areas:
            into.row += 1
            self._put(into, 1, f"Does your organisation cover {area}?")
            self._answer(into, 2, ("organisation", "areas"), f"whether you cover {area}",
                         kind="tick", choices=ticks, value=area)

    def _question(self, into: _Sheet, question: Question) -> None:
        into.row += 1
        self._put(into, 1, question.text + (" (required)" if question.required else ""))
        path = ("answers", question.id)
        label = f"the answer to '{question.id}'"
        if question.allowed:
            entries = _YES_NO if question.type == "yes-no" else {c: c for c in question.allowed}
            name = self._choice_list("yes-no" if question.type == "yes-no"
                                     else f"question:{question.id}", entries)
            self._answer(into, 2, path, label, kind="choice", choices=name)
            self._put(into, 3, "Choose from the list")
        else:
            self._answer(into, 2, path, label)
            self._put(into, 3, {"email": "An email address", "phone": "A phone number",
                                "url": "A web address"}.get(question.type))

    def _section_row(self, into: _Sheet, title: str, width: int) -> None:
        into.row += 1
        for column in range(1, width + 1):
            self._put(into, column, title if column == 1 else None, style="section")

    # ------------------------------------------------------------ ratings

    def _rating_columns(self) -> list[tuple[str, Callable[[_Sheet, int, Standard], None],
                                           float]]:
        """The Ratings sheet's columns: heading, how a standard's cell is written, width."""
        template = self.template
        columns: list[tuple[str, Callable[[_Sheet, int, Standard], None], float]] = [
            ("No.", lambda s, c, st: None, 8),
            ("Standard", lambda s, c, st: self._text_cell(s, c, st.text), 50),
        ]
        if any(st.guidance for st in template.standards):
            columns.append(("Guidance", lambda s, c, st: self._text_cell(
                s, c, _bullets(st.guidance)), 50))
        if any(st.evidence_examples for st in template.standards):
            columns.append(("Evidence examples", lambda s, c, st: self._text_cell(
                s, c, _bullets(st.evidence_examples)), 40))
        columns.append(("Rating", self._rating_cell, 18))
        if any(self._allows_na(st) for st in template.standards):
            columns.append(("Reason for N/A", self._reason_cell, 30))
        for item in template.fields:
            columns += FIELD_TYPES[item.type](self, item)
        return columns

    def _ratings(self) -> None:
        columns = self._rating_columns()
        into = self._sheet(RATINGS, {i: c[2] for i, c in enumerate(columns, start=1)})
        into.row = 1
        for index, (heading, _write, _width) in enumerate(columns, start=1):
            self._put(into, index, heading, style="heading", fixed="heading")
        into.sheet.freeze_panes = "C2"
        for section in self.template.sections:
            into.row += 1
            for index in range(1, len(columns) + 1):
                text = section.id if index == 1 else (section.title if index == 2 else None)
                self._put(into, index, text, style="section",
                          fixed="section" if index == 1 else None)
            for standard in section.standards:
                into.row += 1
                self._put(into, 1, standard.id, style="bold", fixed="standard")
                for index, (_heading, write, _width) in enumerate(columns[1:], start=2):
                    write(into, index, standard)
        self._protect(into)

    def _text_cell(self, into: _Sheet, column: int, text: str) -> None:
        self._put(into, column, text or None)

    def _allows_na(self, standard: Standard) -> bool:
        scale = self.scales[standard.scale or self.template.scale]
        return standard.not_applicable and scale.not_applicable is not None

    def _rating_cell(self, into: _Sheet, column: int, standard: Standard) -> None:
        scale = self.scales[standard.scale or self.template.scale]
        allow_na = self._allows_na(standard)
        name = f"rating:{scale.id}" + ("" if allow_na else ":no-na")
        self._choice_list(name, _rating_entries(scale, allow_na=allow_na))
        self._answer(into, column, ("responses", standard.id, "rating"),
                     f"the rating of {standard.id}", kind="choice", choices=name)

    def _reason_cell(self, into: _Sheet, column: int, standard: Standard) -> None:
        if self._allows_na(standard):
            self._answer(into, column, ("responses", standard.id, "reason"),
                         f"the reason for N/A of {standard.id}")
        else:
            self._put(into, column, None)

    def _field_column(self, item: ResponseField) -> list[tuple[
            str, Callable[[_Sheet, int, Standard], None], float]]:
        def write(into: _Sheet, column: int, standard: Standard) -> None:
            self._answer(into, column, ("responses", standard.id, item.id),
                         f"'{item.label or item.id}' of {standard.id}")

        return [(item.label or item.id, write, 45)]

    def _no_column(self, item: ResponseField) -> list[tuple[
            str, Callable[[_Sheet, int, Standard], None], float]]:
        return []  # written on a sheet of its own

    # ------------------------------------------------------------ actions

    def _actions(self, item: ResponseField) -> None:
        actions = [f for f in self.template.fields if f.type == "actions"]
        keys = ("standard", *ACTION_KEYS)
        into = self._sheet(_actions_title(item, actions), {1: 10, 2: 50, 3: 28, 4: 24, 5: 40})
        into.row = 1
        required = set(self.template.actions.require)
        for column, key in enumerate(keys, start=1):
            heading = "Standard" if key == "standard" else _ACTION_HEADINGS[key] + (
                " (required)" if key in required else "")
            self._put(into, column, heading, style="heading", fixed="heading")
        into.sheet.freeze_panes = "A2"
        standards = self._choice_list("standards", {s: s for s in self.template.standard_ids})
        count = max(ACTION_ROWS_MIN, ACTION_ROWS_PER_STANDARD * len(self.template.standard_ids))
        first = into.row + 1
        for _ in range(count):
            into.row += 1
            for column, key in enumerate(keys, start=1):
                self._blank_answer(into, column, standards if key == "standard" else None)
        letters = tuple((column_letter(i), key) for i, key in enumerate(keys, start=1))
        into.actions = ActionsArea(item.id, first, into.row, letters)
        self._protect(into)

    def _blank_answer(self, into: _Sheet, column: int, choices: str | None) -> None:
        ref = f"{column_letter(column)}{into.row}"
        cell = into.sheet[ref]
        cell.protection = self.style["unlocked"]
        cell.fill, cell.border = self.style["answer_fill"], self.style["border"]
        cell.alignment, cell.number_format = self.style["wrap"], "@"
        if choices is not None:
            self._drop_down(into, choices, ref)

    # ------------------------------------------------------------ finishing

    def _protect(self, into: _Sheet) -> None:
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


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"• {item}" for item in items)


def _rating_entries(scale: Scale, *, allow_na: bool) -> dict[str, str]:
    """What the rating drop-down shows, and the code each entry stands for: labels, unless
    two levels share one."""
    levels = [(level.label, level.code) for level in scale.all_levels]
    if scale.not_applicable is not None and allow_na:
        levels.append((scale.not_applicable.label, scale.not_applicable.code))
    labels = [label.casefold() for label, _ in levels]
    entries: dict[str, str] = {}
    for label, code in levels:
        shown = label if labels.count(label.casefold()) == 1 else f"{code}: {label}"
        entries[shown] = code
    return entries


#: How each type of response field appears on the Ratings sheet: the columns it adds
#: (heading, how each standard's cell is written, width). An `actions` field adds none
#: there: it has a sheet of its own (see `_Builder._actions`).
FIELD_TYPES: dict[str, Callable[[_Builder, ResponseField], list[tuple[
    str, Callable[[_Sheet, int, Standard], None], float]]]] = {
    "text": _Builder._field_column,
    "actions": _Builder._no_column,
}
