"""The audit's own shape: top-level keys, status, dates."""

from __future__ import annotations

from .._audit import OPTIONAL_KEYS, REQUIRED_KEYS, STATUSES, iso_date
from .._findings import Code, code
from .._text import quote, suggest, type_name
from .._timescales import parse_timescale
from ._base import AUDIT_TYPE, AUDIT_UNKNOWN_KEY, Context, Rule

_E = "error"
AUDIT_MISSING_KEY = code(
    "audit-missing-key", _E, "audits", "A required key of the audit is missing.",
    "audit.json: /status: error audit-missing-key: missing required key 'status'",
    in_schema=True)
AUDIT_STATUS = code(
    "audit-status", _E, "audits", "`status` is neither draft nor final.",
    "audit.json: /status: error audit-status: 'done' is not a status (write 'draft' or "
    "'final')", in_schema=True)
COMPLETED_ON_MISSING = code(
    "completed-on-missing", _E, "audits", "A final audit has no `completed_on`.",
    "audit.json: /completed_on: error completed-on-missing: a final audit needs 'completed_on' "
    "(write the date completed as YYYY-MM-DD)")
DATE_INVALID = code(
    "date-invalid", _E, "audits", "A date is not a real ISO date (YYYY-MM-DD).",
    "audit.json: /completed_on: error date-invalid: '18/06/2021' is not a date written "
    "YYYY-MM-DD (write it as 2021-06-18)")
DATE_IN_FUTURE = code(
    "date-in-future", _E, "audits", "`completed_on` is after today.",
    "audit.json: /completed_on: error date-in-future: 2031-06-18 is in the future (today is "
    "2026-11-23)")

_TEXT, _OBJECT = (str, "text"), (dict, "an object")
_TYPES: dict[str, tuple[type, str]] = {
    "$schema": _TEXT, "template": _TEXT, "template_version": _TEXT, "organisation": _OBJECT,
    "respondent": _OBJECT, "completed_on": _TEXT, "status": _TEXT, "responses": _OBJECT,
    "answers": _OBJECT,
}


def check(ctx: Context) -> None:
    """Known keys of the right types, a real status, and a real completion date."""
    data, sink = ctx.data, ctx.sink
    known = REQUIRED_KEYS | OPTIONAL_KEYS
    for key in data:
        if key not in known:
            sink.add(AUDIT_UNKNOWN_KEY, f"unknown key {quote(key)}", path=(key,),
                     hint=suggest(key, known) or f"keys: {', '.join(sorted(known))}")
    for key in sorted(REQUIRED_KEYS - data.keys()):
        sink.add(AUDIT_MISSING_KEY, f"missing required key '{key}'", path=(key,))
    for key, (expected, name) in _TYPES.items():
        value = data.get(key)
        if key in data and not isinstance(value, expected):
            sink.add(AUDIT_TYPE, f"should be {name}, not {type_name(value)}", path=(key,))
    status = data.get("status")
    if isinstance(status, str) and status not in STATUSES:
        sink.add(AUDIT_STATUS, f"{quote(status)} is not a status", path=("status",),
                 hint="write 'draft' or 'final'")
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
            ctx.sink.add(COMPLETED_ON_MISSING, "a final audit needs 'completed_on'",
                         path=("completed_on",), hint="write the date completed as YYYY-MM-DD")
        return
    if not isinstance(value, str):
        return
    completed = iso_date(value)
    if completed is None:
        ctx.sink.add(DATE_INVALID, f"{quote(value)} is not a date written YYYY-MM-DD",
                     path=("completed_on",), hint=_date_hint(value))
        return
    if completed > ctx.today:
        ctx.sink.add(DATE_IN_FUTURE, f"{completed} is in the future (today is {ctx.today})",
                     path=("completed_on",))
    ctx.completed_on = completed


CODES: tuple[Code, ...] = (AUDIT_MISSING_KEY, AUDIT_STATUS, COMPLETED_ON_MISSING, DATE_INVALID,
                           DATE_IN_FUTURE)
RULE = Rule("structure", CODES, check, "the audit's keys, their types, its status and its date")
