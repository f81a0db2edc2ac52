"""Plain values of the audit format, read the same way by the rules and by the fast path.

Nothing here imports pydantic or PyYAML: `s11schema validate one.json` reads dates,
numbers and contact details through this module before (and often without) loading
any template model, so both paths share one reading of every value.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date
from typing import Any

#: The key of a response marking its answer as carried from another return.
CARRIED = "carried"

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_ISO_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_NUMBER = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*%?\s*$")

#: What a contact detail must look like, by its type.
PLAUSIBLE: dict[str, re.Pattern[str]] = {
    "email": re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"),
    "phone": re.compile(r"^\+?[0-9 ()-]{7,24}(?:\s*(?:ext\.?|x)\s*[0-9]{1,6})?$"),
    "url": re.compile(
        r"^(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::[0-9]+)?(?:[/?#]\S*)?$"),
}
#: Ratings that mean "not applicable" however a scale spells its own N/A.
NA_WORDS = frozenset({"n/a", "na", "n.a.", "not applicable"})
#: A criterion's answer: met (True), not met (False) or not applicable (None).
CRITERION_ANSWERS: dict[str, bool | None] = {
    "met": True, "yes": True, "not met": False, "no": False, "not-met": False, "n/a": None,
    "na": None, "not applicable": None}


#: A yes-no answer's code, by what is written (stripped, case-folded).
YES_NO_CODES = {"y": "yes", "n": "no", "yes": "yes", "no": "no"}

#: Field types whose value is any text.
TEXT_TYPES = frozenset({"text", "email", "phone", "url"})


def fits(kind: str, value: object, is_choice: Callable[[str], bool]) -> bool:
    """Whether the audit format accepts `value` for a field or question of type `kind`: text,
    a list of texts, a date or month, a number, a percentage from 0 to 100, or (by
    `is_choice`) one of the choices; any value for a type read elsewhere (actions)."""
    if kind in TEXT_TYPES:
        return isinstance(value, str)
    if kind == "list":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "date":
        return bool(audit_period(value))
    if kind in ("number", "percentage"):
        number = as_number(value)
        return number is not None and (kind == "number" or 0 <= number <= 100)
    if kind == "choice":
        return isinstance(value, str) and is_choice(value)
    return True


def code_in(lookup: dict[str, str], rating: object) -> str | None:
    """The canonical code a rating names in a scale's table of names (code or alias, stripped
    and case-folded), or None. A whole number counts as its text: `3` is `"3"`."""
    if isinstance(rating, bool):
        return None
    if isinstance(rating, int):
        if abs(rating) > 10**12:  # no scale has such a code; str() of it may even fail
            return None
        rating = str(rating)
    if not isinstance(rating, str):
        return None
    return lookup.get(rating.strip().casefold())


def template_key(data: dict[str, Any], named: str | None = None
                 ) -> tuple[str, str | None] | None:
    """(template id, version or None) an audit is checked against: the one `named`, else
    the one the audit names with its version; None where that is no id (blank, not text)."""
    wanted = named or data.get("template")
    version = data.get("template_version") if named is None else None
    if not isinstance(wanted, str) or not wanted.strip():
        return None
    return wanted, version if isinstance(version, str) else None


def status_of(data: dict[str, Any]) -> str | None:
    """The status an audit gives (draft, final), where it gives one as text."""
    status = data.get("status")
    return status if isinstance(status, str) else None


def criterion_answer(value: object) -> tuple[bool, bool | None]:
    """(whether `value` answers a criterion, and the answer: met, not met, or None for
    n/a); true and false answer it too."""
    if isinstance(value, bool):
        return True, value
    if isinstance(value, str) and value.strip().casefold() in CRITERION_ANSWERS:
        return True, CRITERION_ANSWERS[value.strip().casefold()]
    return False, None


def iso_date(value: object) -> date | None:
    """A date written YYYY-MM-DD, as the audit format asks; None for anything else.

    Stricter than date.fromisoformat, which also reads week dates such as 2021-W01-1.
    """
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:  # 2021-02-30
        return None


def audit_period(value: object) -> tuple[date, date] | None:
    """The days a date of the audit format names: YYYY-MM-DD (one day) or YYYY-MM (a month,
    as "Date completed: June 2021" gives it); None for anything else."""
    day = iso_date(value)
    if day is not None:
        return day, day
    match = _ISO_MONTH.match(value) if isinstance(value, str) else None
    if match is None or not 1 <= int(match[2]) <= 12 or not 1900 <= int(match[1]) <= 2199:
        return None
    year, month = int(match[1]), int(match[2])
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def as_number(value: Any) -> float | None:
    """A number, or a number written as text ("85", "85%", "12.5"); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if abs(value) < 1e15 else None
    match = _NUMBER.match(value) if isinstance(value, str) and len(value) < 40 else None
    return float(match[1]) if match else None
