"""Audit generators for tests, benchmarks and other projects' test suites.

`generate_audit` makes a valid audit for any template from a seeded
`random.Random`; `mutate` breaks exactly one rule and says which. The
hypothesis strategies `audits()` and `faulty_audits()` wrap them; only they need
hypothesis (`pip install s11schema[test]`).
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ._registry import Registry, default_registry
from ._rules import CompiledTemplate
from ._rules._base import CompiledStandard
from ._templates import Detail, Question, ResponseField, Template
from ._validate import compiled_template

if TYPE_CHECKING:  # hypothesis is needed only for the strategies, not the generators
    from hypothesis.strategies import SearchStrategy

_SENTENCES = (
    "The safeguarding policy is reviewed every year by the board and published on the intranet.",
    "All staff complete safeguarding training at induction and refresh it every three years.",
    "Supervision records show safeguarding discussed monthly for every frontline practitioner.",
    "The named safeguarding lead attends every partnership meeting and reports back to managers.",
    "Référence: l'équipe a été formée — 100 % des agents, voir le rapport № 7.",
)
_ACTIONS = (
    "Deliver refresher safeguarding training to every frontline team member this year",
    "Update the allegations policy to name the LADO referral route and publish it",
    "Introduce quarterly audits of supervision records across the three service teams",
    "Appoint a deputy designated safeguarding lead and publish the contact details",
)
_LEADS = ("Designated Safeguarding Lead", "Head of Human Resources", "Training Manager",
          "Executive Manager for Neighbourhoods")
_MEASURES = ("95% of frontline staff trained, checked in the quarterly training report",
             "Policy published and acknowledged by 90% of managers",
             "Audit results reported to the board each quarter")


def generate_audit(template: Template, rng: random.Random, *, registry: Registry | None = None,
                   status: str = "final", completed_on: date = date(2025, 6, 30),
                   qualified: bool = False) -> dict[str, Any]:
    """A valid audit for `template`: every rule passes, SMART included.

    It follows the template's own rules as validation compiles them, so it stays valid
    for any template: fields of every type, criteria, moderation, action columns, and an
    organisation kind where the template sorts organisations by kind (the standards that do
    not apply to it are left out). With `qualified`, where the template has a qualifier,
    some ratings are qualified ("Yes*") with the note that says how: only forms that can
    hold such answers should ask for them.
    """
    registry = registry or default_registry()
    compiled = compiled_template(template, registry)
    kinds = [kind.id for kind in template.organisation_kinds]
    kind = rng.choice(kinds) if kinds else None
    responses = {standard.id: _response(compiled, standard, rng, completed_on,
                                        qualified=qualified)
                 for standard in compiled.standards.values()
                 if kind is None or not standard.standard.applies_to
                 or kind in standard.standard.applies_to}
    completed = completed_on
    opens, closes = compiled.window
    if (opens and completed < opens) or (closes and completed > closes):
        completed = closes or opens or completed
    audit: dict[str, Any] = {
        "template": template.id,
        **({"template_version": template.version} if template.version else {}),
        "organisation": {"name": f"Example Organisation {rng.randint(1, 9999)}",
                         "type": rng.choice(("district council", "NHS trust", "charity")),
                         "areas": list(template.areas[:1]),
                         **({"kind": kind} if kind else {}),
                         **{d.id: _detail(d) for d in template.organisation if d.id != "name"}},
        "completed_on": completed.isoformat(),
        "status": status,
        "responses": responses,
        "answers": {q.id: _answer(q) for q in template.questions},
    }
    if template.respondent:
        audit["respondent"] = {d.id: _detail(d) for d in template.respondent}
    if template.moderation is not None:
        audit["moderation"] = {"by": "Partnership challenge panel",
                               "on": completed.isoformat()}
    return audit


def _response(compiled: CompiledTemplate, standard: CompiledStandard, rng: random.Random,
              completed_on: date, *, qualified: bool) -> dict[str, Any]:
    """One standard's response: a rating (or criteria), its fields, and its actions."""
    template = compiled.template
    scale = standard.scale
    if (standard.allow_na and standard.na_code and standard.standard.rated
            and not standard.criteria and rng.random() < 0.05):
        return {"rating": standard.na_code, compiled.reason_field: rng.choice(_SENTENCES)}
    response: dict[str, Any] = {}
    code = ""
    if standard.criteria:
        response["criteria"] = {c: rng.choice(("met", "not met", "n/a"))
                                for c in standard.criteria}
        response["criteria"][next(iter(standard.criteria))] = "met"
    elif standard.standard.rated:
        code = rng.choice(scale.codes)
        response["rating"] = code
        if qualified and compiled.qualifier and rng.random() < 0.2:
            response["rating"] = code + compiled.qualifier
            response["note"] = "safeguarding team only"
        if template.moderation is not None:
            response["moderated_rating"] = rng.choice(scale.codes)
    acting = response.get("moderated_rating", code) if (
        template.moderation and template.moderation.actions_follow) else code
    for item in template.fields:
        if item.type != "actions":
            response[item.id] = _value(item, rng)
    columns = standard.action_columns.get(acting, standard.action_columns[""])
    needs = acting in standard.needs_action
    for field_id in compiled.action_fields:
        count = rng.randint(1, 2) if needs else rng.choice((0, 0, 1))
        response[field_id] = [_action(rng, completed_on, compiled, columns)
                              for _ in range(count)]
    return response


def _value(item: ResponseField, rng: random.Random) -> Any:
    """A value of a field's type."""
    return {
        "date": "2025-05-31", "number": str(rng.randint(0, 500)),
        "percentage": f"{rng.randint(0, 100)}%",
        "list": ["safeguarding-policy.pdf", "https://www.example.org/annual-report"],
        "choice": item.choices[0].code if item.choices else "",
    }.get(item.type) or rng.choice(_SENTENCES)


def _action(rng: random.Random, completed_on: date, compiled: CompiledTemplate,
            columns: tuple[str, ...]) -> dict[str, str]:
    """An action with every column the template has, SMART by its tests."""
    due = completed_on + timedelta(days=rng.randint(30, 540))
    if compiled.horizon_months:
        due = min(due, completed_on + timedelta(days=28 * compiled.horizon_months))
    values = {"action": rng.choice(_ACTIONS), "lead": rng.choice(_LEADS),
              "due": due.isoformat(), "measure": rng.choice(_MEASURES)}
    keys = compiled.action_keys
    action = {k: v for k, v in values.items() if k in keys}
    if "measure" not in keys:  # the target goes in the action's words
        action["action"] += ", reaching 90% of staff"
    if "due" not in keys:
        action["action"] += f", by {due.strftime('%d/%m/%Y')}"
    return action


def _answer(question: Question) -> str:
    if question.final_requires:
        return question.final_requires
    if question.allowed:
        return question.allowed[0]
    return {"date": "2025-05-31", "number": "12", "percentage": "85%", "email":
            "alex.example@example.org", "phone": "01632 960123",
            "url": "https://www.example.org"}.get(question.type, "Yes, see notes")


def _detail(detail: Detail) -> str:
    return {"email": "alex.example@example.org", "phone": "01234 567890",
            "url": "https://www.example.org"}.get(detail.type, "Alex Example")


Mutation = Callable[[dict[str, Any], Template, random.Random], str | None]


def _first(audit: dict[str, Any]) -> dict[str, Any]:
    response: dict[str, Any] = next(iter(audit["responses"].values()))
    return response


def _unknown_top(audit: dict[str, Any], _t: Template, _r: random.Random) -> str:
    audit["organization"] = audit["organisation"]
    return "audit-unknown-key"


def _missing_top(audit: dict[str, Any], _t: Template, rng: random.Random) -> str:
    del audit[rng.choice(("organisation", "status", "responses"))]
    return "audit-missing-key"


def _wrong_type(audit: dict[str, Any], _t: Template, rng: random.Random) -> str:
    audit[rng.choice(("responses", "organisation"))] = ["not", "an", "object"]
    return "audit-type"


def _bad_status(audit: dict[str, Any], _t: Template, _r: random.Random) -> str:
    audit["status"] = "done"
    return "audit-status"


def _bad_rating(audit: dict[str, Any], _t: Template, _r: random.Random) -> str:
    _first(audit)["rating"] = "purple"
    return "rating-unknown"


def _unknown_standard(audit: dict[str, Any], _t: Template, _r: random.Random) -> str:
    audit["responses"]["99.99"] = {"rating": ""}
    return "standard-unknown"


def _unknown_field(audit: dict[str, Any], _t: Template, _r: random.Random) -> str:
    _first(audit)["evidense"] = "typo"
    return "response-unknown-field"


def _unanswered(audit: dict[str, Any], template: Template, _r: random.Random) -> str | None:
    required = next((s.id for s in template.standards if template.rating_required(s)
                     and not s.applies_to), None)
    if required is None:
        return None
    del audit["responses"][required]
    return "standard-unanswered"


def _future(audit: dict[str, Any], _t: Template, _r: random.Random) -> str:
    audit["completed_on"] = "2999-01-01"
    return "date-in-future"


def _vague_due(audit: dict[str, Any], template: Template, _r: random.Random) -> str | None:
    compiled = compiled_template(template, default_registry())
    if "due" not in compiled.action_keys or compiled.smart["time-scaled"] is None:
        return None
    for response in audit["responses"].values():
        for field in template.fields:
            if field.type == "actions" and response.get(field.id):
                response[field.id][0]["due"] = "ongoing"
                return "smart-time-scaled"
    return None


def _missing_actions(audit: dict[str, Any], template: Template, _r: random.Random) -> str | None:
    compiled = compiled_template(template, default_registry())
    for standard_id, response in audit["responses"].items():
        standard = compiled.standards[standard_id]
        acting = response.get("moderated_rating") or response.get("rating")
        if acting in standard.needs_action:
            for field_id in compiled.action_fields:
                response[field_id] = []
            return "actions-required"
    return None


#: Each mutation breaks one rule and returns its code (None where it cannot apply).
MUTATIONS: tuple[Mutation, ...] = (
    _unknown_top, _missing_top, _wrong_type, _bad_status, _bad_rating, _unknown_standard,
    _unknown_field, _unanswered, _future, _vague_due, _missing_actions,
)


def mutate(audit: dict[str, Any], template: Template,
           rng: random.Random) -> tuple[str, dict[str, Any]]:
    """A copy of a valid audit with exactly one rule broken, and that rule's code."""
    for mutation in rng.sample(MUTATIONS, len(MUTATIONS)):
        broken = copy.deepcopy(audit)
        code = mutation(broken, template, rng)
        if code is not None:
            return code, broken
    raise ValueError("no mutation applies to this audit")  # pragma: no cover


def audits(template: Template | str, *, registry: Registry | None = None,
           status: str = "final") -> SearchStrategy[dict[str, Any]]:
    """Hypothesis strategy: valid audits for a template."""
    from hypothesis import strategies as st

    registry = registry or default_registry()
    resolved = registry.template(template) if isinstance(template, str) else template
    return st.randoms(use_true_random=False).map(
        lambda rng: generate_audit(resolved, rng, registry=registry, status=status))


def faulty_audits(
    template: Template | str, *, registry: Registry | None = None,
) -> SearchStrategy[tuple[str, dict[str, Any]]]:
    """Hypothesis strategy: (code, audit) pairs, each audit breaking exactly that rule."""
    from hypothesis import strategies as st

    registry = registry or default_registry()
    resolved = registry.template(template) if isinstance(template, str) else template
    return st.randoms(use_true_random=False).map(
        lambda rng: mutate(generate_audit(resolved, rng, registry=registry), resolved, rng))
