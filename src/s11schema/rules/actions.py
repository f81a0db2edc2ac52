"""Actions: required where the template says, and SMART, letter by letter.

The heuristics are data (the word lists below) so that they can be read,
documented and tuned without touching the checks.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .._text import esc, is_blank, quote, type_name
from ..findings import Severity
from ..templates import ACTION_KEYS
from ..timescales import parse_timescale
from ._compiled import Context

#: An action shorter than this is not specific.
MIN_WORDS = 5
#: Verbs that on their own promise no change.
VAGUE_VERBS = frozenset({
    "review", "reviewing", "consider", "considering", "monitor", "monitoring", "continue",
    "continuing", "explore", "exploring", "look", "looking", "discuss", "discussing",
    "check", "maintain", "keep", "think", "reflect", "be", "aim", "try", "seek",
})
#: Verbs that name a change someone can see done.
CONCRETE_VERBS = frozenset({
    "deliver", "update", "write", "publish", "train", "introduce", "implement", "complete",
    "audit", "appoint", "produce", "create", "develop", "launch", "run", "hold", "issue",
    "add", "revise", "recruit", "establish", "provide", "share", "agree", "incorporate",
    "embed", "roll", "set", "carry", "commission", "design", "adopt", "replace", "test",
    "report", "present", "record", "attend", "undertake", "re-complete", "relaunch",
})
#: Leads that name no one in particular.
VAGUE_LEADS = frozenset({
    "all", "all staff", "everyone", "everybody", "staff", "team", "the team", "teams",
    "management", "managers", "all managers", "various", "tbc", "tba", "tbd", "n/a", "na",
    "-", "?", "unknown", "none", "organisation", "the organisation", "us", "we",
})
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_TARGET = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:%|per ?cent)"
    r"|\b\d+\s+(?:of\s+(?:our\s+|the\s+)?)?(?:staff|people|members|managers|practitioners|"
    r"sessions|audits|cases|records|volunteers|teams|services|employees|workers|schools)\b"
    r"|\b(?:all|every|each)\s+(?:\w+\s+)?(?:staff|member|members|managers|practitioners|"
    r"volunteers|teams?|starters|employees|workers|services)\b",
    re.IGNORECASE,
)


def check(ctx: Context) -> None:
    """Ratings that need actions have them; each action is complete and SMART."""
    responses = ctx.data.get("responses")
    if not isinstance(responses, dict) or not ctx.compiled.action_fields:
        return
    for standard_id, response in responses.items():
        if not isinstance(response, dict) or standard_id not in ctx.compiled.standards:
            continue
        path = f"/responses/{esc(standard_id)}"
        code = ctx.ratings.get(standard_id)
        count = 0
        for field_id in ctx.compiled.action_fields:
            count += _check_list(ctx, response.get(field_id), f"{path}/{esc(field_id)}")
        if code in ctx.compiled.standards[standard_id].needs_action and count == 0:
            field_id = ctx.compiled.action_fields[0]
            ctx.sink.add("actions-required", f"rating {code} needs at least one action",
                         path=f"{path}/{esc(field_id)}",
                         hint="say what will be done, who leads it and by when")


def _check_list(ctx: Context, actions: Any, path: str) -> int:
    if actions is None:
        return 0
    if not isinstance(actions, list):
        ctx.sink.add("audit-type", f"should be an array of actions, not {type_name(actions)}",
                     path=path)
        return 0
    count = 0
    for index, action in enumerate(actions):
        where = f"{path}/{index}"
        if not isinstance(action, dict):
            ctx.sink.add("audit-type", f"should be an object, not {type_name(action)}",
                         path=where)
            continue
        count += 1
        _check_action(ctx, action, where)
    return count


def _check_action(ctx: Context, action: dict[str, Any], path: str) -> None:
    sink = ctx.sink
    for key, value in action.items():
        if key not in ACTION_KEYS:
            sink.add("audit-unknown-key", f"unknown key {quote(key)} in an action",
                     path=f"{path}/{esc(key)}", hint=f"keys: {', '.join(ACTION_KEYS)}")
        elif value is not None and not isinstance(value, str):
            sink.add("audit-type", f"should be text, not {type_name(value)}",
                     path=f"{path}/{key}")
    text = {k: v if isinstance(v, str) else "" for k, v in action.items()}
    missing = {k for k in ctx.compiled.action_requires if is_blank(text.get(k))}
    for key in sorted(missing):
        sink.add("action-field-required", f"this template requires {key!r} in every action",
                 path=f"{path}/{key}")
    smart = ctx.compiled.smart
    _specific(ctx, smart["specific"], text.get("action", ""), path)
    _measurable(ctx, smart["measurable"], text, path)
    if "lead" not in missing:
        _achievable(ctx, smart["achievable"], text.get("lead", ""), path)
    if "due" not in missing:
        _timely(ctx, smart["time-scaled"], smart["realistic"], text.get("due", ""), path)


def _specific(ctx: Context, severity: Severity | None, text: str, path: str) -> None:
    if severity is None or not text.strip():
        return
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        ctx.sink.add("smart-specific", f"the action has {len(words)} words; say what will "
                     "change", path=f"{path}/action", severity=severity,
                     hint=f"write {MIN_WORDS} or more words naming what will be done")
    elif words[0] in VAGUE_VERBS and not CONCRETE_VERBS.intersection(words):
        ctx.sink.add("smart-specific", f"the action only says '{words[0]}': it promises no "
                     "change", path=f"{path}/action", severity=severity,
                     hint="name what will be delivered, updated or changed")


def _measurable(ctx: Context, severity: Severity | None, text: dict[str, str],
                path: str) -> None:
    if severity is None or text.get("measure", "").strip():
        return
    if _TARGET.search(text.get("action", "")):
        return
    ctx.sink.add("smart-measurable", "no measure of success", path=path, severity=severity,
                 hint="add 'measure', or a target such as '90% of staff trained'")


def _achievable(ctx: Context, severity: Severity | None, lead: str, path: str) -> None:
    if severity is None:
        return
    cleaned = lead.strip().casefold()
    if not cleaned:
        ctx.sink.add("smart-achievable", "no lead: nobody is named to carry this out",
                     path=f"{path}/lead", severity=severity,
                     hint="name the person or role who leads it")
    elif cleaned in VAGUE_LEADS or not any(c.isalpha() for c in cleaned):
        ctx.sink.add("smart-achievable", "the lead names no person or role (such as "
                     "'all staff' or 'TBC')", path=f"{path}/lead", severity=severity,
                     hint="name the person or role who leads it")


def _timely(ctx: Context, scaled: Severity | None, realistic: Severity | None, due: str,
            path: str) -> None:
    if scaled is None and realistic is None:
        return
    if not due.strip():
        if scaled:
            ctx.sink.add("smart-time-scaled", "no due date", path=f"{path}/due",
                         severity=scaled, hint="write a date, a month, a quarter such as "
                         "'Q3 2021/22', or a financial year such as '2021/22'")
        return
    timescale = parse_timescale(due, after=ctx.completed_on)
    if timescale is None:
        if scaled:
            ctx.sink.add("smart-time-scaled", f"{quote(due)} is not a timescale",
                         path=f"{path}/due", severity=scaled, hint="write a date, a month, "
                         "a quarter such as 'Q3 2021/22', or a financial year such as '2021/22'")
        return
    if realistic and ctx.completed_on:
        _realistic(ctx, realistic, timescale.end, path)


def _realistic(ctx: Context, severity: Severity, end: date, path: str) -> None:
    completed = ctx.completed_on
    assert completed is not None
    months = ctx.compiled.horizon_months
    if end <= completed:
        ctx.sink.add("smart-realistic", f"due {end} is not after completed_on {completed}",
                     path=f"{path}/due", severity=severity,
                     hint="an improvement action is due after the audit")
    elif end > _add_months(completed, months):
        ctx.sink.add("smart-realistic", f"due {end} is more than {months} months after "
                     f"completed_on {completed}", path=f"{path}/due", severity=severity,
                     hint=f"this template plans actions within {months} months")


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover
