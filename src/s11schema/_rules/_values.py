"""Values of a type: the date, number, percentage, list and choice fields and questions."""

from __future__ import annotations

from typing import Any

from .._plain import as_number, audit_period
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
    if kind in ("text", "email", "phone", "url"):
        return None if isinstance(value, str) else (True, f"should be text, not "
                                                          f"{type_name(value)}")
    if kind == "list":
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return None
        return True, f"should be a list of texts, not {type_name(value)}"
    if kind == "date":
        return None if audit_period(value) else (False, f"{quote(value)} is not a date")
    if kind in ("number", "percentage"):
        number = as_number(value)
        if number is None:
            return False, f"{quote(value)} is not a {kind}"
        if kind == "percentage" and not 0 <= number <= 100:
            return False, f"{quote(value)} is not a percentage from 0 to 100"
        return None
    if kind == "choice" and (not isinstance(value, str) or choice_of(choices, value) is None):
        return False, (f"{quote(value)} is not one of its choices "
                       f"({', '.join(c.code for c in choices)})")
    return None
