"""How each type of answer looks in a workbook, and how its cell is read back.

One table, `CELL_TYPES`, says for every type of value a template can ask (a
field's, a question's or a detail's type) how its answer cell is formatted,
what Excel checks as it is typed (data validation, as a warning a person can
override, so nothing they type is lost), and the prompt shown beside it. The
writer (`_workbook`) and the reader (`readers._workbook`) both follow it, so a
new type is laid out and read back in one place.

Date cells are text cells: what is typed is kept, in any spreadsheet and any
locale, and read as the audit format writes dates: "30/06/2025" (day first, as in
the UK) as 2025-06-30, "June 2021" as the month 2021-06 (the day was never given,
so none is made up). A cell that holds a date value (pasted in, or typed where
the format was changed) reads as its day, or as its month where the cell shows
only the month. A percentage cell holding 0.85 reads as "85%"; a number without
Excel's trailing ".0"; a list as its lines (or parts between ';'). Text that is
not of the type is kept as typed, for validation to report at its cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from ._office import cell_text, date_text

#: How a cell's value becomes an audit value: as text, as a date, a number or a percentage,
#: through a drop-down list, as a tick that adds its value to a list, or as a list.
SlotKind = Literal["text", "date", "number", "percentage", "choice", "tick", "list"]


@dataclass(frozen=True, slots=True)
class CellType:
    """How answers of one type are laid out and read."""

    kind: SlotKind
    #: Excel's number format for the cell: "@" keeps what is typed as text.
    number_format: str = "@"
    #: What to write, shown beside the cell and as its input prompt.
    hint: str | None = None
    #: Excel's data validation of the cell, checked as a warning: its type, its operator
    #: and its bounds.
    #: "any" shows the hint as the cell's prompt and checks nothing.
    check: Literal["decimal", "any"] | None = None
    operator: Literal["between", "greaterThanOrEqual"] | None = None
    formula1: str | None = None
    formula2: str | None = None
    #: The warning shown when the value typed is not of the type.
    error: str | None = None


CELL_TYPES: dict[str, CellType] = {
    "text": CellType("text"),
    "email": CellType("text", hint="An email address"),
    "phone": CellType("text", hint="A phone number"),
    "url": CellType("text", hint="A web address"),
    "date": CellType(
        "date", hint="A date, such as 30/06/2025 (or only the month, such as June 2025, "
                     "where the day is not known)", check="any"),
    "number": CellType(
        "number", "General", hint="A number, such as 12",
        check="decimal", operator="greaterThanOrEqual", formula1="0",
        error="Type a number, such as 12."),
    "percentage": CellType(
        "percentage", "0%", hint="A percentage, such as 85%",
        check="decimal", operator="between", formula1="0", formula2="1",
        error="Type a percentage from 0% to 100%, such as 85%."),
    "list": CellType("list", hint="One item per line (a document's name or a link)"),
    "list-of-areas": CellType("list", hint="Separate several areas with ';'"),
}

_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def shows_day(number_format: str) -> bool:
    """Whether a date cell's number format shows the day (`yyyy-mm-dd` does, `mmm-yy` not)."""
    return "d" in _QUOTED.sub("", number_format).casefold()


def read_value(kind: SlotKind, value: Any, number_format: str) -> str | list[str]:
    """A cell's value as the audit holds it, by the kind of answer the cell is for."""
    if kind == "date" and isinstance(value, (date, datetime)):
        day = value.date() if isinstance(value, datetime) else value
        return day.isoformat() if shows_day(number_format) else day.isoformat()[:7]
    if kind == "percentage" and isinstance(value, (int, float)) and not isinstance(
            value, bool) and "%" in number_format:
        return cell_text(round(value * 100, 9)) + "%"
    text = cell_text(value).replace("\r\n", "\n").replace("_x000D_", "").strip()
    if kind == "list":
        return [item.strip() for item in text.replace(";", "\n").split("\n") if item.strip()]
    if kind == "date" and text:
        return date_text(text)
    return text


__all__ = ["CELL_TYPES", "CellType", "SlotKind", "read_value", "shows_day"]
