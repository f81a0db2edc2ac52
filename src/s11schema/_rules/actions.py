"""Actions: required where the template says, and SMART, letter by letter.

The heuristics are data (the word lists below) so that they can be read,
documented and tuned without touching the checks.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .._findings import Code, code
from .._plain import audit_period
from .._smart import (
    ACTION_STATUSES,
    CLOSED,
    MAX_ACTIONS,
    MIN_WORDS,
    PUNCTUATION,
    has_target,
    lead_fault,
    specific_fault,
)
from .._text import Path, quote, type_name
from .._timescales import add_months, find_timescale, parse_timescale
from ._base import AUDIT_TYPE, AUDIT_UNKNOWN_KEY, Context, Rule

_E, _W = "error", "warning"
ACTIONS_REQUIRED = code(
    "actions-required", _E, "audits", "A rating the template names has no action.",
    "audit.json: /responses/3.1/actions: error actions-required: rating amber needs at least "
    "one action (say what will be done; this template asks for its timescale)")
ACTION_FIELD_REQUIRED = code(
    "action-field-required", _E, "audits",
    "An action lacks a key the template requires (action, lead, due, measure).",
    "audit.json: /responses/3.1/actions/0/lead: error action-field-required: this template "
    "requires 'lead' in this action")
SMART_SPECIFIC = code(
    "smart-specific", _W, "audits",
    "The action is too short, or only a vague verb (review, consider, monitor).",
    "audit.json: /responses/3.1/actions/0/action: warning smart-specific: the action has 2 "
    "words; say what will change (write 5 or more words naming what will be done)")
SMART_MEASURABLE = code(
    "smart-measurable", _W, "audits", "The action has no `measure` and no target in its text.",
    "audit.json: /responses/3.1/actions/0: warning smart-measurable: no measure of success "
    "(add a target such as '90% of staff trained')")
SMART_ACHIEVABLE = code(
    "smart-achievable", _W, "audits",
    "The action's lead is missing or names no one ('all staff', 'TBC').",
    "audit.json: /responses/3.1/actions/0/lead: warning smart-achievable: the lead names no "
    "person or role (such as 'all staff' or 'TBC') (name the person or role who leads it)")
SMART_REALISTIC = code(
    "smart-realistic", _W, "audits",
    "The due date is before the audit or beyond the horizon the template declares.",
    "audit.json: /responses/3.1/actions/0/due: warning smart-realistic: due 2030-03-31 is more "
    "than 24 months after the audit (2021-06-18) (this template plans actions within 24 "
    "months)")
ACTIONS_TOO_MANY = code(
    "actions-too-many", _E, "audits",
    "A standard lists more actions than any plan has; only the first are checked.",
    "audit.json: /responses/3.1/actions: error actions-too-many: 1 000 000 actions; only the "
    "first 200 are checked (an action plan has a handful per standard)")
ACTION_STATUS_INVALID = code(
    "action-status-invalid", _E, "audits",
    "An action's status is not open, in progress, done or dropped, or its done_on is not a "
    "date.",
    "audit.json: /responses/3.1/actions/0/status: error action-status-invalid: 'finished' is "
    "not an action status (write one of: open, in progress, done, dropped)")
SMART_TIME_SCALED = code(
    "smart-time-scaled", _W, "audits", "The action has no due date that parses.",
    "audit.json: /responses/3.1/actions/0/due: warning smart-time-scaled: 'ongoing' is not a "
    "timescale (write a date, a month, a quarter such as 'Q3 2021/22', or a financial year "
    "such as '2021/22')")

#: More actions than this for one standard are not a plan; the rest are not checked.


def _closed(action: dict[str, Any]) -> bool:
    status = action.get("status")
    return isinstance(status, str) and status.strip().casefold() in CLOSED


_COLUMN_NAMES = {"lead": "lead", "due": "timescale", "measure": "measure of success"}


def check(ctx: Context) -> None:
    """Ratings that need actions have them; each action is complete and SMART."""
    responses = ctx.data.get("responses")
    if not isinstance(responses, dict) or not ctx.compiled.action_fields:
        return
    checker = ActionChecker(ctx)
    for standard_id, response in responses.items():
        checker.check_response(standard_id, response)


class ActionChecker:
    """Checks actions against one audit's policy, worked out once per audit."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.sink = ctx.sink
        compiled = ctx.compiled
        smart = compiled.smart
        self.specific, self.measurable = smart["specific"], smart["measurable"]
        self.achievable, self.realistic = smart["achievable"], smart["realistic"]
        self.time_scaled = smart["time-scaled"]
        self.keys = compiled.action_keys
        self.has_due = "due" in self.keys
        self.has_lead = "lead" in self.keys
        self.has_measure = "measure" in self.keys
        self.due_in_text = compiled.due_in_text
        completed = ctx.completed_on
        months = compiled.horizon_months
        self.horizon = add_months(completed, months) if completed and months else None

    def check_response(self, standard_id: str, response: object) -> None:
        """One response's actions (the unit the fast path hands back when it cannot prove
        it clean): each one checked, and at least one where the rating needs it."""
        ctx, compiled = self.ctx, self.ctx.compiled
        standard = compiled.standards.get(standard_id)
        if standard is None or response.__class__ is not dict or standard_id in ctx.out_of_scope:
            return
        assert isinstance(response, dict)
        code = ctx.action_rating(standard_id)
        columns = standard.action_columns.get(code or "", standard.action_columns[""])
        count = 0
        for field_id in compiled.action_fields:
            actions = response.get(field_id)
            if actions is not None and not ctx.blank(actions):
                count += self.check_list(actions, standard.path, field_id, columns)
        if count == 0 and code in standard.needs_action:
            asked = [_COLUMN_NAMES[c] for c in columns if c != "action"]
            self.sink.add(ACTIONS_REQUIRED, f"rating {code} needs at least one action",
                          path=(*standard.path, compiled.action_fields[0]),
                          hint="say what will be done" + (
                              f"; this template asks for its {' and '.join(asked)}"
                              if asked else ""))

    def check_list(self, actions: Any, prefix: Path, field_id: str,
                   required: tuple[str, ...]) -> int:
        if actions.__class__ is not list:
            self.sink.add(AUDIT_TYPE, f"should be an array of actions, not "
                          f"{type_name(actions)}", path=(*prefix, field_id))
            return 0
        if len(actions) > MAX_ACTIONS:
            self.sink.add(ACTIONS_TOO_MANY, f"{len(actions):,} actions; only the first "
                          f"{MAX_ACTIONS} are checked".replace(",", " "),
                          path=(*prefix, field_id),
                          hint="an action plan has a handful of actions per standard")
            actions = actions[:MAX_ACTIONS]
        count = 0
        for index, action in enumerate(actions):
            if action.__class__ is not dict:
                self.sink.add(AUDIT_TYPE, f"should be an object, not {type_name(action)}",
                              path=(*prefix, field_id, index))
                continue
            count += 1
            self.check_action(action, prefix, field_id, index, required)
        return count

    def check_action(self, action: dict[str, Any], prefix: Path, field_id: str,
                     index: int, required: tuple[str, ...]) -> None:
        if not self.keys.issuperset(action) or not all(_is_text(v) for v in action.values()):
            self._check_keys(action, prefix, field_id, index)
        values = {k: (v if v.__class__ is str and not self.ctx.blank(v) else None)
                  for k, v in action.items()}
        text, lead, due, measure = (values.get(k) for k in ("action", "lead", "due", "measure"))
        missing = [key for key in required if values.get(key) is None and not (
            key == "due" and self.due_in_text and text and find_timescale(text))]
        for key in missing:
            self.sink.add(ACTION_FIELD_REQUIRED, f"this template requires {key!r} in this "
                          "action", path=_path(prefix, field_id, index, key))
        self._check_status(action, prefix, field_id, index)
        if _closed(action):  # done or dropped: a record of the last cycle, not a plan
            return
        if self.specific and text:
            self._specific(text, prefix, field_id, index)
        if self.measurable and not measure and not has_target(text or ""):
            self.sink.add(SMART_MEASURABLE, "no measure of success",
                          path=_path(prefix, field_id, index), severity=self.measurable,
                          hint=("add 'measure', or " if self.has_measure else "add ")
                          + "a target such as '90% of staff trained'")
        if self.achievable and self.has_lead and "lead" not in missing:
            self._achievable(lead or "", prefix, field_id, index)
        if (self.time_scaled or self.realistic) and "due" not in missing:
            self._timely(due, text, prefix, field_id, index)

    def _check_keys(self, action: dict[str, Any], prefix: Path, field_id: str,
                    index: int) -> None:
        for key, value in action.items():
            if key not in self.keys:
                self.sink.add(AUDIT_UNKNOWN_KEY, f"unknown key {quote(key)} in an action",
                              path=_path(prefix, field_id, index, key),
                              hint=f"keys: {', '.join(sorted(self.keys))}")
            elif not _is_text(value):
                self.sink.add(AUDIT_TYPE, f"should be text, not {type_name(value)}",
                              path=_path(prefix, field_id, index, key))

    def _check_status(self, action: dict[str, Any], prefix: Path, field_id: str,
                      index: int) -> None:
        status = action.get("status")
        if isinstance(status, str) and status.strip().casefold() not in ACTION_STATUSES:
            self.sink.add(ACTION_STATUS_INVALID, f"{quote(status)} is not an action status",
                          path=_path(prefix, field_id, index, "status"),
                          hint=f"write one of: {', '.join(ACTION_STATUSES)}")
        done_on = action.get("done_on")
        if isinstance(done_on, str) and done_on.strip() and audit_period(done_on) is None:
            self.sink.add(ACTION_STATUS_INVALID, f"{quote(done_on)} is not a date",
                          path=_path(prefix, field_id, index, "done_on"),
                          hint="write the date it was done as YYYY-MM-DD, or the month as "
                               "YYYY-MM")

    def _specific(self, text: str, prefix: Path, field_id: str, index: int) -> None:
        fault = specific_fault(text)
        if fault == "few":
            self.sink.add(SMART_SPECIFIC, f"the action has {len(text.split())} words; say "
                          "what will change", path=_path(prefix, field_id, index, "action"),
                          severity=self.specific,
                          hint=f"write {MIN_WORDS} or more words naming what will be done")
        elif fault == "vague":
            first = text.split()[0].strip(PUNCTUATION).casefold()
            self.sink.add(SMART_SPECIFIC, f"the action only says '{first}': it promises "
                          "no change", path=_path(prefix, field_id, index, "action"),
                          severity=self.specific,
                          hint="name what will be delivered, updated or changed")

    def _achievable(self, lead: str, prefix: Path, field_id: str, index: int) -> None:
        fault = lead_fault(lead)
        if fault is None:
            return
        message = ("no lead: nobody is named to carry this out" if fault == "none" else
                   "the lead names no person or role (such as 'all staff' or 'TBC')")
        self.sink.add(SMART_ACHIEVABLE, message, path=_path(prefix, field_id, index, "lead"),
                      severity=self.achievable, hint="name the person or role who leads it")

    def _timely(self, due: str | None, text: str | None, prefix: Path, field_id: str,
                index: int) -> None:
        """The due date, from `due` or (where the template says so) the action's text."""
        where = _path(prefix, field_id, index, "due" if self.has_due else "action")
        after = self.ctx.completed_on
        if due is None:
            timescale = find_timescale(text, after=after) if (
                self.due_in_text and text) else None
            if timescale is None:
                if self.time_scaled:
                    self.sink.add(SMART_TIME_SCALED, "no due date" if self.has_due else
                                  "the action says no date it will be done by", path=where,
                                  severity=self.time_scaled, hint=_TIMESCALE_HINT)
                return
        else:
            timescale = parse_timescale(due, after=after)
            if timescale is None:
                if self.time_scaled:
                    self.sink.add(SMART_TIME_SCALED, f"{quote(due)} is not a timescale",
                                  path=where, severity=self.time_scaled, hint=_TIMESCALE_HINT)
                return
        if self.realistic and after is not None:
            self._realistic(timescale.end, where)

    def _realistic(self, end: date, where: Path) -> None:
        completed = self.ctx.completed_on
        assert completed is not None
        if end <= completed:
            message = f"due {end} is not after the audit ({completed})"
            hint = "an improvement action is due after the audit"
        elif self.horizon is not None and end > self.horizon:
            months = self.ctx.compiled.horizon_months
            message = f"due {end} is more than {months} months after the audit ({completed})"
            hint = f"this template plans actions within {months} months"
        else:
            return
        self.sink.add(SMART_REALISTIC, message, path=where, severity=self.realistic, hint=hint)


_TIMESCALE_HINT = ("write a date, a month, a quarter such as 'Q3 2021/22', or a financial "
                   "year such as '2021/22'")


def _is_text(value: object) -> bool:
    return value is None or value.__class__ is str


def _path(prefix: Path, field_id: str, index: int, key: str | None = None) -> Path:
    """The path of an action (or one of its keys), built only for a finding."""
    return (*prefix, field_id, index, key) if key else (*prefix, field_id, index)


CODES: tuple[Code, ...] = (ACTIONS_REQUIRED, ACTIONS_TOO_MANY, ACTION_FIELD_REQUIRED,
                           ACTION_STATUS_INVALID,
                           SMART_SPECIFIC, SMART_MEASURABLE, SMART_ACHIEVABLE, SMART_REALISTIC,
                           SMART_TIME_SCALED)
RULE = Rule("actions", CODES, check,
            "actions where a rating needs them, with the keys the template asks, each SMART")
