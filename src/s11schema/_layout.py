"""Where each answer sits in a workbook made by `s11schema new --format xlsx`.

The workbook carries its own layout in a hidden sheet: every answer cell with the
path of the audit value it holds, every cell whose text must not change (standard
ids, headings), each actions area, and the drop-down lists with the code each
entry stands for. Reading a returned workbook needs only the workbook, so
`validate return.xlsx` works for a partnership's own template as well as a
bundled one; validation then checks what was read against the template.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from pydantic import TypeAdapter, ValidationError

from ._cell_types import SlotKind

#: The text in A1 of the hidden sheet that marks a workbook made by s11schema.
MARKER = "s11schema workbook"
#: The hidden sheet that holds the layout and the drop-down lists.
LAYOUT_SHEET = "_s11schema"
#: Raised when the layout changes in a way older readers cannot follow.
LAYOUT_VERSION = 1
#: A cell holds at most 32 767 characters; the layout is split over cells of this size.
CHUNK = 30_000

AuditPath = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Slot:
    """One answer cell and the audit value it holds."""

    cell: str
    path: AuditPath
    #: What the cell is, for messages ("the rating of 1.1").
    label: str
    kind: SlotKind = "text"
    #: For `choice` and `tick`: the drop-down list it offers.
    choices: str | None = None
    #: For `tick`: what a ticked cell adds to the list at `path`.
    value: str | None = None


@dataclass(frozen=True, slots=True)
class Fixed:
    """A cell whose text the form depends on: a standard id, a heading."""

    cell: str
    text: str
    #: "standard", "criterion" (a criterion's row under its standard), "section" or
    #: "heading".
    what: str


@dataclass(frozen=True, slots=True)
class ActionsArea:
    """Rows where actions are written, one per row, for one actions field."""

    field: str
    first_row: int
    last_row: int
    #: (column letter, key): key is "standard" or a column of the template's actions.
    columns: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """One sheet of the form: its answer cells, its fixed cells and its extent."""

    name: str
    #: The last column and row the form uses; anything beyond is not part of the return.
    width: int
    height: int
    slots: tuple[Slot, ...] = ()
    fixed: tuple[Fixed, ...] = ()
    actions: ActionsArea | None = None


@dataclass(frozen=True, slots=True)
class Layout:
    """A workbook's whole layout: which template it is for, and where everything is."""

    template: str
    template_version: str | None
    sheets: tuple[SheetLayout, ...]
    #: List name -> {text shown in the drop-down: the code it stands for}.
    choices: dict[str, dict[str, str]] = field(default_factory=dict)
    #: The standard ids, in the template's order (for the actions areas).
    standards: tuple[str, ...] = ()
    version: int = LAYOUT_VERSION

    def to_chunks(self) -> list[str]:
        """The layout as JSON, in pieces small enough for a cell each."""
        text = _ADAPTER.dump_json(self).decode("utf-8")
        return [text[i:i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]

    @staticmethod
    def from_chunks(chunks: list[str]) -> Layout | None:
        """The layout written by `to_chunks`, or None if it is damaged (or was made to
        point outside what a worksheet can hold)."""
        try:
            data = json.loads("".join(chunks))
            if not isinstance(data, dict) or data.get("version") != LAYOUT_VERSION:
                return None
            layout = _ADAPTER.validate_python(data)
        except (ValueError, ValidationError, RecursionError):
            return None
        return layout if all(_sound(sheet) for sheet in layout.sheets) else None


#: A cell reference as the writer makes them, within Excel's 16 384 columns and 1 048 576 rows.
_CELL = re.compile(r"^[A-Z]{1,3}[1-9][0-9]{0,6}$")
_ROWS, _COLUMNS = 1_048_576, 16_384
#: More rows than any form has: a layout asking for more was not written by s11schema.
_MOST_ROWS = 100_000


#: The values of an audit an answer cell may hold, by the first key of their path.
_SINGLE, _GROUPS = {"completed_on", "status"}, {"organisation", "respondent", "answers",
                                                 "moderation"}


def _sound_path(path: AuditPath) -> bool:
    """Whether a cell's path names a value an audit holds: /completed_on, /status, a detail,
    an answer, the moderation's, a response's key, or one of its criteria."""
    if len(path) <= 1:
        return bool(path) and path[0] in _SINGLE
    if len(path) == 2:
        return path[0] in _GROUPS
    if path[0] != "responses":
        return False
    return (len(path) == 3 and path[2] != "criteria") or (len(path) == 4
                                                          and path[2] == "criteria")


def _sound(sheet: SheetLayout) -> bool:
    if not all(_sound_path(slot.path) for slot in sheet.slots):
        return False
    cells = [*(s.cell for s in sheet.slots), *(f.cell for f in sheet.fixed)]
    area = sheet.actions
    letters = [letter for letter, _key in area.columns] if area else []
    return (0 < sheet.width <= _COLUMNS and 0 < sheet.height <= _MOST_ROWS
            and all(_CELL.match(cell) for cell in cells)
            and all(re.fullmatch(r"[A-Z]{1,3}", letter) for letter in letters)
            and (area is None or 0 < area.first_row <= area.last_row <= _MOST_ROWS))


_ADAPTER: TypeAdapter[Layout] = TypeAdapter(Layout)
