"""Values of a type: the date, number, percentage, list and choice fields and questions."""

from __future__ import annotations

from typing import Any

from .._plain import TEXT_TYPES, as_number, fits
from .._templates import Choice
from .._text import quote, type_name
from ._base import choice_of

TYPE_HINTS = {
    "date": "write it as YYYY-MM-DD, or the month as YYYY-MM",
    "number": "write a number, such as 12",
    "percentage": "write a number from 0 to 100, such as 85 or '85%'",
    "list": "write a list of texts, such as [\"policy.pdf\", \"https://...\"]",
}


def value_problem(kind: str, value: Any,
                  choices: tuple[Choice, ...] = ()) -> tuple[bool, str] | None:
    """What is wrong with a value for its type, or None: (whether it is the wrong JSON
    type altogether, the message)."""
    if fits(kind, value, lambda text: choice_of(choices, text) is not None):
        return None
    if kind in TEXT_TYPES:
        return True, f"should be text, not {type_name(value)}"
    if kind == "list":
        return True, f"should be a list of texts, not {type_name(value)}"
    if kind == "date":
        return False, f"{quote(value)} is not a date"
    if kind in ("number", "percentage"):
        if as_number(value) is None:
            return False, f"{quote(value)} is not a {kind}"
        return False, f"{quote(value)} is not a percentage from 0 to 100"
    return False, (f"{quote(value)} is not one of its choices "
                   f"({', '.join(c.code for c in choices)})")
