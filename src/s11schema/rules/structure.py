"""The audit's own shape: top-level keys, status, dates."""

from __future__ import annotations

from .._text import esc, quote, suggest, type_name
from ..audit import OPTIONAL_KEYS, REQUIRED_KEYS, STATUSES, iso_date
from ..timescales import parse_timescale
from ._compiled import Context

_TEXT, _OBJECT = (str, "text"), (dict, "an object")
_TYPES: dict[str, tuple[type, str]] = {
    "template": _TEXT, "template_version": _TEXT, "organisation": _OBJECT,
    "respondent": _OBJECT, "completed_on": _TEXT, "status": _TEXT, "responses": _OBJECT,
    "answers": _OBJECT,
}


def check(ctx: Context) -> None:
    """Known keys of the right types, a real status, and a real completion date."""
    data, sink = ctx.data, ctx.sink
    known = REQUIRED_KEYS | OPTIONAL_KEYS
    for key in data:
        if key not in known:
            sink.add("audit-unknown-key", f"unknown key {quote(key)}", path=f"/{esc(key)}",
                     hint=suggest(key, known) or f"keys: {', '.join(sorted(known))}")
    for key in sorted(REQUIRED_KEYS - data.keys()):
        sink.add("audit-missing-key", f"missing required key '{key}'", path=f"/{key}")
    for key, (expected, name) in _TYPES.items():
        value = data.get(key)
        if key in data and not isinstance(value, expected):
            sink.add("audit-type", f"should be {name}, not {type_name(value)}", path=f"/{key}")
    status = data.get("status")
    if isinstance(status, str) and status not in STATUSES:
        sink.add("audit-status", f"{quote(status)} is not a status",
                 path="/status", hint="write 'draft' or 'final'")
    _check_completed_on(ctx)


def _date_hint(value: str) -> str:
    """Suggest the ISO form of a date written another way ('15/09/2025' -> 2025-09-15)."""
    day = parse_timescale(value)
    if day is not None and day.start == day.end:
        return f"write it as {day.end.isoformat()}"
    return "write the date the audit was completed as YYYY-MM-DD, e.g. 2025-09-15"


def _check_completed_on(ctx: Context) -> None:
    value = ctx.data.get("completed_on")
    if value is None or value == "":
        if ctx.final:
            ctx.sink.add("completed-on-missing", "a final audit needs 'completed_on'",
                         path="/completed_on", hint="write the date completed as YYYY-MM-DD")
        return
    if not isinstance(value, str):
        return
    completed = iso_date(value)
    if completed is None:
        ctx.sink.add("date-invalid", f"{quote(value)} is not a date written YYYY-MM-DD",
                     path="/completed_on", hint=_date_hint(value))
        return
    if completed > ctx.today:
        ctx.sink.add("date-in-future", f"{completed} is in the future (today is {ctx.today})",
                     path="/completed_on")
    ctx.completed_on = completed
