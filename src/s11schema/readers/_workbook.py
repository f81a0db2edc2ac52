"""Workbooks made by `s11schema new --format xlsx`, filled in and returned.

The workbook's hidden sheet says where every answer is (`_layout`), so reading
needs nothing but the file. What a person can break is checked before anything
is read, and every problem names the sheet and cell: a sheet renamed or
deleted, rows inserted or deleted (standards no longer where the form put them),
a standard id changed, merged cells, formulas, values outside the form. Any of
these makes the workbook unreadable as an audit, with every problem listed: an
audit read from it would be partial, so `import` writes nothing for it.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._cell_types import read_value
from .._errors import UnreadableError
from .._files import fail, read_bytes
from .._findings import Code, Collector, code
from .._layout import LAYOUT_SHEET, MARKER, ActionsArea, Fixed, Layout, SheetLayout, Slot
from .._office import cell_text, column_index, column_letter, open_zip, require_openpyxl
from .._text import Path as Pointer
from .._text import quote
from . import AuditDocument, Place, nearest_cell

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

_E = "error"
WORKBOOK_NOT_A_RETURN = code(
    "workbook-not-a-return", _E, "returns",
    "The workbook was not made by `s11schema new --format xlsx`, or its hidden layout is "
    "damaged.",
    "export.xlsx: error workbook-not-a-return: this workbook was not made by `s11schema new` "
    "(it has no '_s11schema' sheet) (send organisations the workbook `s11schema new TEMPLATE "
    "--format xlsx` writes; a form tool's export is imported with --mapping)")
WORKBOOK_SHEET_MISSING = code(
    "workbook-sheet-missing", _E, "returns", "A sheet of the form was renamed or deleted.",
    "return.xlsx: error workbook-sheet-missing: the sheet 'Ratings' is missing (sheets: "
    "Instructions, Details, Ratings (2), Actions) (give the sheet back its name)")
WORKBOOK_ROWS_MOVED = code(
    "workbook-rows-moved", _E, "returns",
    "Rows were inserted or deleted, so standards are no longer where the form put them.",
    "return.xlsx!Ratings!A15: error workbook-rows-moved: standard 3.2 is on row 15, not row "
    "14 where the form put it: a row was inserted or deleted above it (delete the inserted "
    "row, or copy the answers into a new workbook)")
WORKBOOK_CELL_CHANGED = code(
    "workbook-cell-changed", _E, "returns",
    "A standard id or heading the form depends on was changed.",
    "return.xlsx!Ratings!A14: error workbook-cell-changed: this cell should hold standard id "
    "'3.1', not '3.10' (put back '3.1'; standard ids are the template's, as text)")
WORKBOOK_MERGED = code(
    "workbook-merged-cells", _E, "returns", "Cells of the form were merged.",
    "return.xlsx!Ratings!C14: error workbook-merged-cells: cells C14:C15 are merged, so one "
    "answer covers the rating of 3.1 and the rating of 3.2 (unmerge them and answer each)")
WORKBOOK_FORMULA = code(
    "workbook-formula", _E, "returns", "A formula where an answer belongs.",
    "return.xlsx!Ratings!C14: error workbook-formula: the rating of 3.1 is a formula "
    "('=IF(D14>3,\"Green\",\"Amber\")') (type the answer itself)")
WORKBOOK_OUTSIDE = code(
    "workbook-outside-form", _E, "returns",
    "A value outside the form's rows and columns (an extra column, say): it would be lost.",
    "return.xlsx!Ratings!H14: error workbook-outside-form: a value in column H, outside the "
    "form (which ends at column G) (move it into an answer cell, or delete it)")
WORKBOOK_ACTION_STANDARD = code(
    "workbook-action-standard", _E, "returns",
    "An action row names no standard, or one the template does not have.",
    "return.xlsx!Actions!A7: error workbook-action-standard: this action names no standard "
    "(choose the standard it is for from the list in column A)")
CODES: tuple[Code, ...] = (WORKBOOK_NOT_A_RETURN, WORKBOOK_SHEET_MISSING, WORKBOOK_ROWS_MOVED,
                           WORKBOOK_CELL_CHANGED, WORKBOOK_MERGED, WORKBOOK_FORMULA,
                           WORKBOOK_OUTSIDE, WORKBOOK_ACTION_STANDARD)

_NOT_A_WORKBOOK = ("an Excel workbook (.xlsx)", "it may be an older .xls file, or another "
                   "kind of file renamed: open it in Excel and save it as .xlsx")


def load_book(path: Path, *, max_bytes: int, data_only: bool = False,
              read_only: bool = False) -> Workbook:
    """An .xlsx file opened with openpyxl, after the checks every office file gets."""
    require_openpyxl()
    from openpyxl import load_workbook

    name = str(path)
    kind, hint = _NOT_A_WORKBOOK
    stream = open_zip(read_bytes(path, max_bytes=max_bytes), name, kind=kind, hint=hint,
                      max_bytes=max_bytes)
    if not read_only:
        _refuse_huge_merges(stream, name)
    try:
        return load_workbook(stream, data_only=data_only, read_only=read_only)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        from .._office import OFFICE_NOT_ZIP

        fail(name, OFFICE_NOT_ZIP, f"this is not a workbook Excel could open "
             f"({type(error).__name__})", hint=hint)


#: openpyxl makes an object for every cell of a merged range when it opens a workbook, so a
#: range over a whole sheet (17 billion cells) would never finish: larger ones are refused.
MOST_MERGED_CELLS = 100_000
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})'
                    rb'([0-9]{1,7})"')


def _refuse_huge_merges(stream: io.BytesIO, name: str) -> None:
    """Refuse a workbook with a merged range too large to open, before openpyxl opens it."""
    with zipfile.ZipFile(stream) as archive:
        for item in archive.infolist():
            if not item.filename.startswith("xl/worksheets/"):
                continue
            for match in _MERGE.finditer(archive.read(item)):
                first, top, last, bottom = (part.decode("ascii") for part in match.groups())
                width = abs((column_index(last) or 0) - (column_index(first) or 0)) + 1
                height = abs(int(bottom) - int(top)) + 1
                if width * height > MOST_MERGED_CELLS:
                    fail(name, WORKBOOK_MERGED, f"cells {first}{top}:{last}{bottom} are "
                         f"merged ({width * height:,} cells), so the workbook cannot be read",
                         hint="unmerge them; a return has no merged cells")
    stream.seek(0)


def read_workbook(path: Path, *, max_bytes: int) -> AuditDocument:
    """The audit a returned workbook holds, with every problem placed at its cell."""
    name = str(path)
    book = load_book(path, max_bytes=max_bytes)
    layout = _layout(book, name)
    reading = _Reading(layout, Collector(name))
    for sheet_layout in layout.sheets:
        if sheet_layout.name not in book.sheetnames:
            reading.sink.add(WORKBOOK_SHEET_MISSING, f"the sheet {quote(sheet_layout.name)} is "
                             f"missing (sheets: {', '.join(_visible(book))})",
                             hint="give the sheet back its name; a deleted sheet cannot be "
                                  "read: copy the answers into a new workbook")
            continue
        reading.sheet(book[sheet_layout.name], sheet_layout)
    if reading.sink.findings:  # something is out of place: no audit rather than part of one
        raise UnreadableError(reading.sink.done())
    return AuditDocument(name, reading.audit(), (), reading.locate)


def _visible(book: Workbook) -> list[str]:
    return [sheet.title for sheet in book.worksheets if sheet.sheet_state == "visible"]


def _layout(book: Workbook, name: str) -> Layout:
    hint = ("send organisations the workbook `s11schema new TEMPLATE --format xlsx` writes; a "
            "form tool's export is imported with --mapping")
    if LAYOUT_SHEET not in book.sheetnames:
        fail(name, WORKBOOK_NOT_A_RETURN, "this workbook was not made by `s11schema new` (it "
             f"has no {quote(LAYOUT_SHEET)} sheet)", hint=hint)
    sheet = book[LAYOUT_SHEET]
    if sheet["A1"].value != MARKER:
        fail(name, WORKBOOK_NOT_A_RETURN, f"the {quote(LAYOUT_SHEET)} sheet is not the one "
             "`s11schema new` writes", hint=hint)
    chunks = []
    for row in range(2, sheet.max_row + 1):
        value = sheet.cell(row=row, column=1).value
        if not isinstance(value, str) or not value:
            break
        chunks.append(value)
    layout = Layout.from_chunks(chunks)
    if layout is None:
        fail(name, WORKBOOK_NOT_A_RETURN, f"the hidden {quote(LAYOUT_SHEET)} sheet that says "
             "where each answer is has been changed or was written by a newer s11schema",
             hint="copy the answers into a new workbook from `s11schema new`, or upgrade "
                  "s11schema")
    return layout


@dataclass(slots=True)
class _Reading:
    """The values read so far, and the cell each came from."""

    layout: Layout
    sink: Collector
    values: dict[Pointer, Any] = field(default_factory=dict)
    actions: dict[tuple[str, str], list[dict[str, str]]] = field(default_factory=dict)
    places: dict[Pointer, str] = field(default_factory=dict)

    # ------------------------------------------------------------ checks

    def sheet(self, sheet: Worksheet, form: SheetLayout) -> None:
        self._merged(sheet, form)
        if not self._fixed(sheet, form):
            return  # rows have moved: no answer on this sheet is where the form says
        self._outside(sheet, form)
        for slot in form.slots:
            self._slot(sheet, form, slot)
        if form.actions is not None:
            self._actions(sheet, form, form.actions)

    def _at(self, what: Code, sheet: str, cell: str, message: str, hint: str | None = None
            ) -> None:
        self.sink.add(what, message, cell=f"{sheet}!{cell}", hint=hint)

    def _merged(self, sheet: Worksheet, form: SheetLayout) -> None:
        labels = {slot.cell: slot.label for slot in form.slots}
        answers = sorted(set(labels) | _action_cells(form.actions) | {f.cell for f in form.fixed},
                         key=lambda c: (_row(c), column_index(_letters(c)) or 0))
        for merged in sheet.merged_cells.ranges:
            hit = [cell for cell in answers if _inside(merged, cell)]
            if not hit:
                continue
            covered = [labels[c] for c in hit if c in labels]
            what = (" and ".join(covered[:2]) if len(covered) > 1 else "answer cells")
            first = f"{column_letter(merged.min_col)}{merged.min_row}"
            self._at(WORKBOOK_MERGED, form.name, first,
                     f"cells {merged.coord} are merged, so one value covers {what}",
                     "unmerge them and answer each cell")

    def _outside(self, sheet: Worksheet, form: SheetLayout) -> None:
        reported: set[int] = set()
        for cell in _stored(sheet):
            column = int(cell.column or 0)
            if column in reported or cell.value in (None, ""):
                continue
            if column > form.width:
                reported.add(column)
                self._at(WORKBOOK_OUTSIDE, form.name, str(cell.coordinate),
                         f"a value in column {column_letter(column)}, outside the form "
                         f"(which ends at column {column_letter(form.width)})",
                         "move it into an answer cell, or delete it")
            elif int(cell.row or 0) > form.height and -1 not in reported:
                reported.add(-1)
                self._at(WORKBOOK_OUTSIDE, form.name, str(cell.coordinate),
                         f"a value on row {cell.row}, below the form (which ends at row "
                         f"{form.height})", "move it into an answer cell, or delete it")

    def _fixed(self, sheet: Worksheet, form: SheetLayout) -> bool:
        """Whether the form's own cells are all where they were written."""
        expected = {fixed.cell: fixed for fixed in form.fixed}
        for fixed in form.fixed:
            value = sheet[fixed.cell].value
            found = cell_text(value).strip()
            if found == fixed.text.strip():
                continue
            number = isinstance(value, (int, float))  # Excel took an id for a number
            moved = None if number else _moved(sheet, fixed, found, expected)
            if moved is not None:
                text, now, was = moved
                self._at(WORKBOOK_ROWS_MOVED, form.name, f"{_letters(fixed.cell)}{now}",
                         f"{text} is on row {now}, not row {was} where the form put it: a row "
                         "was inserted or deleted above it", "delete the inserted row (or put "
                         "back the deleted one), or copy the answers into a new workbook")
                return False
            shown = "empty" if not found else (f"the number {found}" if number else quote(found))
            what = {"standard": "standard id", "section": "section id",
                    "criterion": "criterion"}.get(fixed.what, "heading")
            extra = "; standard ids are the template's, as text" if fixed.what == "standard" \
                else ""
            self._at(WORKBOOK_CELL_CHANGED, form.name, fixed.cell,
                     f"this cell should hold the {what} {quote(fixed.text)}, not {shown}",
                     f"put back {quote(fixed.text)}{extra}")
        return True

    # ------------------------------------------------------------ values

    def _raw(self, sheet: Worksheet, form: SheetLayout, cell: str, label: str) -> Any:
        """A cell's value, or None where it holds a formula (reported)."""
        found = sheet[cell]
        value = found.value
        if found.data_type == "f" or _is_formula(value):
            text = value if isinstance(value, str) else "a formula"
            self._at(WORKBOOK_FORMULA, form.name, cell, f"{label} is a formula "
                     f"({quote(text)})", "type the answer itself")
            return None
        return value

    def _slot(self, sheet: Worksheet, form: SheetLayout, slot: Slot) -> None:
        found = sheet[slot.cell]
        value = self._raw(sheet, form, slot.cell, slot.label)
        kind = "text" if slot.kind in ("choice", "tick") else slot.kind
        read = read_value(kind, value, str(found.number_format or ""))
        where = f"{form.name}!{slot.cell}"
        path: Pointer = slot.path
        if path[0] == "responses" and len(path) > 2 and path[2] in ("rating", "criteria"):
            self.places.setdefault(path[:2], where)  # where a standard's answer belongs
        if slot.kind == "tick":
            if slot.value and isinstance(read, str) and self._choice(slot, read) == "yes":
                self._add(path, [slot.value])
                self.places.setdefault(path, where)
            return
        self.places.setdefault(path, where)
        if isinstance(read, list):
            self._add(path, read)
        elif read:
            self.values[path] = self._choice(slot, read) if slot.kind == "choice" else read

    def _add(self, path: Pointer, items: list[str]) -> None:
        """Add items to the list at `path` (ticked areas, a list's lines)."""
        listed = self.values.setdefault(path, [])
        if items and isinstance(listed, list):
            listed.extend(items)
        if not listed:
            del self.values[path]

    def _choice(self, slot: Slot, text: str) -> str:
        """The code a drop-down entry stands for; text as typed if it is none of them."""
        entries = self.layout.choices.get(slot.choices or "", {})
        wanted = text.strip().casefold()
        return next((code for shown, code in entries.items() if shown.casefold() == wanted),
                    text)

    def _actions(self, sheet: Worksheet, form: SheetLayout, area: ActionsArea) -> None:
        known = set(self.layout.standards)
        for row in range(area.first_row, area.last_row + 1):
            cells = {key: f"{letter}{row}" for letter, key in area.columns}
            values = {key: _text(self._raw(sheet, form, ref, f"the {key} on row {row}"))
                      for key, ref in cells.items()}
            action = {key: text for key, text in values.items() if text and key != "standard"}
            standard = values.get("standard", "")
            if not action:
                continue
            if standard not in known:
                shown = "names no standard" if not standard else (
                    f"names {quote(standard)}, which is not a standard of the template")
                self._at(WORKBOOK_ACTION_STANDARD, form.name, cells["standard"],
                         f"this action {shown}",
                         f"choose the standard it is for from the list in column "
                         f"{_letters(cells['standard'])}")
                continue
            listed = self.actions.setdefault((standard, area.field), [])
            base: Pointer = ("responses", standard, area.field, len(listed))
            first = f"{form.name}!{cells.get('action', cells['standard'])}"
            self.places.setdefault(("responses", standard, area.field), first)
            self.places[base] = first
            for key in action:
                part: Pointer = (*base, key)
                self.places[part] = f"{form.name}!{cells[key]}"
            listed.append(action)

    # ------------------------------------------------------------ the audit

    def audit(self) -> dict[str, Any]:
        """The audit, with keys only for what was answered: responses in the template's
        order, the audit's keys in the format's."""
        layout = self.layout
        audit: dict[str, Any] = {"template": layout.template, "organisation": {}}
        if layout.template_version:
            audit["template_version"] = layout.template_version
        for pointer, value in self.values.items():
            _put(audit, tuple(str(part) for part in pointer), value)
        responses: dict[str, dict[str, Any]] = audit.setdefault("responses", {})
        for (standard, field_id), actions in self.actions.items():
            responses.setdefault(standard, {})[field_id] = actions
        audit["responses"] = {s: responses[s] for s in layout.standards if s in responses}
        areas = audit["organisation"].get("areas")
        if areas:
            audit["organisation"]["areas"] = list(dict.fromkeys(areas))
        return {key: audit[key] for key in _ORDER if key in audit}

    def locate(self, path: Pointer) -> Place | None:
        return nearest_cell(self.places, path)


_ORDER = ("template", "template_version", "organisation", "respondent", "completed_on", "status",
          "moderation", "responses", "answers")


def _put(audit: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    """Set the value at `path`, making the objects on the way."""
    node = audit
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def _text(value: Any) -> str:
    """A cell's text as typed: Windows line ends as plain ones, spaces around dropped."""
    text = read_value("text", value, "@")
    assert isinstance(text, str)
    return text


def _is_formula(value: Any) -> bool:
    return type(value).__name__ in ("ArrayFormula", "DataTableFormula")


def _action_cells(area: ActionsArea | None) -> set[str]:
    if area is None:
        return set()
    return {f"{letter}{row}" for row in range(area.first_row, area.last_row + 1)
            for letter, _key in area.columns}


def _letters(cell: str) -> str:
    return cell.rstrip("0123456789")


def _row(cell: str) -> int:
    return int(cell[len(_letters(cell)):])


def _moved(sheet: Worksheet, fixed: Fixed, found: str,
           expected: dict[str, Fixed]) -> tuple[str, int, int] | None:
    """(what, the row it is on, the row the form put it on) when rows have moved."""
    if fixed.what not in ("standard", "criterion", "section"):
        return None
    letters, row = _letters(fixed.cell), _row(fixed.cell)
    same_column = {f.text.strip(): _row(f.cell) for f in expected.values()
                   if _letters(f.cell) == letters and f.what == fixed.what}
    if found and found in same_column:  # another standard's id is here
        return f"{fixed.what} {found}", row, same_column[found]
    column = column_index(letters)
    if column is None:
        return None
    for cell in _stored(sheet):
        if cell.column == column and cell.value is not None \
                and cell_text(cell.value).strip() == fixed.text.strip():
            return f"{fixed.what} {fixed.text}", int(cell.row or 0), row
    return None


def _inside(merged: Any, cell: str) -> bool:
    """Whether a cell is in a merged range, from its bounds (a range may be huge)."""
    column = column_index(_letters(cell)) or 0
    return bool(merged.min_row <= _row(cell) <= merged.max_row
                and merged.min_col <= column <= merged.max_col)


def _stored(sheet: Worksheet) -> list[Any]:
    """The cells the file holds, top to bottom: not every cell of the rectangle up to the
    last one, which a hostile file can make 17 billion cells wide and tall."""
    cells: dict[tuple[int, int], Any] = sheet._cells
    return [cells[key] for key in sorted(cells)]
