"""The audit's own shape: top-level keys, status, dates, moderation details."""

from __future__ import annotations

from .._audit import MODERATION_KEYS, OPTIONAL_KEYS, REQUIRED_KEYS, STATUSES
from .._cycles import CYCLE_FORMS, CYCLE_INVALID, parse_cycle
from .._findings import Code, code
from .._plain import audit_period
from .._text import quote, suggest, type_name
from .._timescales import parse_timescale
from ._base import AUDIT_TYPE, AUDIT_UNKNOWN_KEY, Context, Rule

_E, _W = "error", "warning"
AUDIT_MISSING_KEY = code(
    "audit-missing-key", _E, "audits", "A required key of the audit is missing.",
    "audit.json: /status: error audit-missing-key: missing required key 'status'",
    in_schema=True)
AUDIT_STATUS = code(
    "audit-status", _E, "audits", "`status` is neither draft nor final.",
    "audit.json: /status: error audit-status: 'done' is not a status (write 'draft' or "
    "'final')", in_schema=True)
COMPLETED_ON_MISSING = code(
    "completed-on-missing", _E, "audits",
    "A final audit has no `completed_on`, and its template asks for one.",
    "audit.json: /completed_on: error completed-on-missing: a final audit needs 'completed_on' "
    "(write the date completed as YYYY-MM-DD, or the month as YYYY-MM)")
DATE_INVALID = code(
    "date-invalid", _E, "audits", "A date is not a real date written YYYY-MM-DD or YYYY-MM.",
    "audit.json: /completed_on: error date-invalid: '18/06/2021' is not a date written "
    "YYYY-MM-DD or YYYY-MM (write it as 2021-06-18)")
DATE_IN_FUTURE = code(
    "date-in-future", _E, "audits", "`completed_on` is after today.",
    "audit.json: /completed_on: error date-in-future: 2031-06-18 is in the future (today is "
    "2026-11-23)")
COMPLETED_OUTSIDE_WINDOW = code(
    "completed-outside-window", _W, "audits",
    "`completed_on` falls outside the submission window the template declares.",
    "audit.json: /completed_on: warning completed-outside-window: 2021-07-02 is after the "
    "window closed on 2021-06-21")

_TEXT, _OBJECT = (str, "text"), (dict, "an object")
_TYPES: dict[str, tuple[type, str]] = {
    "$schema": _TEXT, "template": _TEXT, "template_version": _TEXT, "cycle": _TEXT,
    "organisation": _OBJECT,
    "respondent": _OBJECT, "completed_on": _TEXT, "status": _TEXT, "responses": _OBJECT,
    "answers": _OBJECT, "moderation": _OBJECT,
}


def check(ctx: Context) -> None:
    """Known keys of the right types, a real status, a real completion date."""
    data, sink = ctx.data, ctx.sink
    known = REQUIRED_KEYS | OPTIONAL_KEYS
    if ctx.compiled.moderation is None:
        known -= {"moderation"}
    for key in data:
        if key not in known:
            sink.add(AUDIT_UNKNOWN_KEY, f"unknown key {quote(key)}", path=(key,),
                     hint=suggest(key, known) or f"keys: {', '.join(sorted(known))}")
    for key in sorted(REQUIRED_KEYS - data.keys()):
        sink.add(AUDIT_MISSING_KEY, f"missing required key '{key}'", path=(key,))
    for key, (expected, name) in _TYPES.items():
        value = data.get(key)
        if key in data and key in known and not isinstance(value, expected):
            sink.add(AUDIT_TYPE, f"should be {name}, not {type_name(value)}", path=(key,))
    status = data.get("status")
    if isinstance(status, str) and status not in STATUSES:
        sink.add(AUDIT_STATUS, f"{quote(status)} is not a status", path=("status",),
                 hint="write 'draft' or 'final'")
    _check_completed_on(ctx)
    _check_cycle(ctx)
    _check_moderation(ctx)


def _check_cycle(ctx: Context) -> None:
    """The return's own cycle, where it names one (a template may serve several cycles)."""
    value = ctx.data.get("cycle")
    if isinstance(value, str) and value.strip() and parse_cycle(value) is None:
        ctx.sink.add(CYCLE_INVALID, f"{quote(value)} is not a cycle", path=("cycle",),
                     hint=f"write {CYCLE_FORMS}")


def _date_hint(value: str) -> str:
    """Suggest the ISO form of a date written another way ('15/09/2025' -> 2025-09-15)."""
    day = parse_timescale(value)
    if day is not None and day.start == day.end:
        return f"write it as {day.end.isoformat()}"
    if day is not None and day.start.day == 1 and day.end.month == day.start.month:
        return f"write the month as {day.start.isoformat()[:7]}"
    return "write the date completed as YYYY-MM-DD, e.g. 2025-09-15, or the month as YYYY-MM"


def _check_completed_on(ctx: Context) -> None:
    value = ctx.data.get("completed_on")
    if value is None or value == "":
        if ctx.final and ctx.compiled.template.completed_on == "required":
            ctx.sink.add(COMPLETED_ON_MISSING, "a final audit needs 'completed_on'",
                         path=("completed_on",),
                         hint="write the date completed as YYYY-MM-DD, or the month as YYYY-MM")
        return
    if not isinstance(value, str):
        return
    period = audit_period(value)
    if period is None:
        ctx.sink.add(DATE_INVALID, f"{quote(value)} is not a date written YYYY-MM-DD or "
                     "YYYY-MM", path=("completed_on",), hint=_date_hint(value))
        return
    start, end = period
    if start > ctx.today:
        ctx.sink.add(DATE_IN_FUTURE, f"{value} is in the future (today is {ctx.today})",
                     path=("completed_on",))
    opens, closes = ctx.compiled.window
    if opens is not None and end < opens:
        ctx.sink.add(COMPLETED_OUTSIDE_WINDOW, f"{value} is before the window opened on "
                     f"{opens}", path=("completed_on",))
    elif closes is not None and start > closes:
        ctx.sink.add(COMPLETED_OUTSIDE_WINDOW, f"{value} is after the window closed on "
                     f"{closes}", path=("completed_on",))
    ctx.completed_on = start


def _check_moderation(ctx: Context) -> None:
    """Who moderated the return and when, where the template declares moderation."""
    details = ctx.data.get("moderation")
    if ctx.compiled.moderation is None or not isinstance(details, dict):
        return
    for key, value in details.items():
        if key not in MODERATION_KEYS:
            ctx.sink.add(AUDIT_UNKNOWN_KEY, f"unknown key {quote(key)} in moderation",
                         path=("moderation", key),
                         hint=suggest(key, MODERATION_KEYS)
                         or f"keys: {', '.join(sorted(MODERATION_KEYS))}")
        elif value is not None and not isinstance(value, str):
            ctx.sink.add(AUDIT_TYPE, f"should be text, not {type_name(value)}",
                         path=("moderation", key))
        elif key == "on" and value and audit_period(value) is None:
            ctx.sink.add(DATE_INVALID, f"{quote(value)} is not a date written YYYY-MM-DD or "
                         "YYYY-MM", path=("moderation", "on"), hint=_date_hint(value))


CODES: tuple[Code, ...] = (AUDIT_MISSING_KEY, AUDIT_STATUS, COMPLETED_ON_MISSING, DATE_INVALID,
                           DATE_IN_FUTURE, COMPLETED_OUTSIDE_WINDOW)
RULE = Rule("structure", CODES, check,
            "the audit's keys, their types, its status, its date and its moderation details")
