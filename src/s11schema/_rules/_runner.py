"""The rules over one audit, each unit skipped where the fast path proves it clean.

With a plan, every rule that has fast units (`_fast.COVERED`) runs unit by unit: the
audit's shape, each response, the final audit's answers, each response's actions,
each group of details. A unit the fast path cannot prove clean is checked by the rule
itself, on the same context, so the findings and their order are the rules' own.
A rule without fast units always runs whole. Where a proof of the whole audit stopped
short (`_fast.attempt`), the context has what it recorded, and the units it proved
(the audit's shape, its first responses with their actions) are not checked again.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice

from .. import _fast
from .._plan import Plan
from . import RULES, actions, details, responses, structure
from ._base import Context, Rule


def run_rules(ctx: Context, plan: Plan | None, rules: tuple[Rule, ...] = RULES) -> None:
    """Every rule in order: the reference (each rule whole) when `plan` is None."""
    for rule in rules:
        unit = _UNITS.get(rule.name) if plan is not None else None
        if unit is None or plan is None:
            rule.check(ctx)
        else:
            unit(ctx, plan)


def _structure(ctx: Context, plan: Plan) -> None:
    if ctx.proven is None and not _fast.structure(plan, ctx):
        structure.check(ctx)


def _responses(ctx: Context, plan: Plan) -> None:
    given = ctx.data.get("responses")
    if not isinstance(given, dict):
        return
    responses.find_out_of_scope(ctx)
    for standard_id, answer in islice(given.items(), ctx.proven, None):
        if not _fast.response(plan, ctx, standard_id, answer):
            responses.check_one(ctx, standard_id, answer)
    if ctx.final and not _fast.final(plan, ctx):
        responses.check_final(ctx)


def _actions(ctx: Context, plan: Plan) -> None:
    given = ctx.data.get("responses")
    if not isinstance(given, dict) or not ctx.compiled.action_fields:
        return
    run = _fast.ActionRun(plan, ctx)
    checker: actions.ActionChecker | None = None
    for standard_id, answer in islice(given.items(), ctx.proven, None):
        if not run.response(standard_id, answer):
            checker = checker or actions.ActionChecker(ctx)
            checker.check_response(standard_id, answer)


def _details(ctx: Context, plan: Plan) -> None:
    if not _fast.details(plan, ctx, "organisation"):
        details.check_organisation(ctx)
    if not _fast.details(plan, ctx, "respondent"):
        details.check_respondent(ctx)
    if not _fast.answers(plan, ctx):
        details.check_answers(ctx)


_UNITS: dict[str, Callable[[Context, Plan], None]] = {
    "structure": _structure, "responses": _responses, "actions": _actions, "details": _details}
