"""The compiled template written out as a `Plan`'s plain tables, for the fast path.

Every table is read off the same compiled template and rule constants the rules
use, so the fast path and the rules cannot disagree about what a template asks;
the data is JSON, so it could be cached on disk (it is not yet).
"""

from __future__ import annotations

from typing import Any

from .._audit import MODERATION_KEYS, OPTIONAL_KEYS, REQUIRED_KEYS, STATUSES
from .._plan import PLAN_FORMAT
from .._templates import RESERVED_RESPONSE_KEYS, Choice, Detail, Question
from ._base import CompiledStandard, CompiledTemplate
from .details import _STANDARD_DETAILS
from .structure import _TYPES


def plan_data(compiled: CompiledTemplate, rules: tuple[str, ...]) -> dict[str, Any]:
    """The plan of a compiled template, as JSON-able data (`plan_from_data` reads it)."""
    template = compiled.template
    moderation = compiled.moderation
    known = REQUIRED_KEYS | OPTIONAL_KEYS
    if moderation is None:
        known -= {"moderation"}
    opens, closes = compiled.window
    standards = {sid: _standard(s) for sid, s in compiled.standards.items()}
    return {
        "format": PLAN_FORMAT, "template": template.id, "rules": list(rules),
        "top_keys": sorted(known), "required_top": sorted(REQUIRED_KEYS),
        "top_types": {key: "text" if kind is str else "object"
                      for key, (kind, _name) in _TYPES.items()},
        "statuses": list(STATUSES),
        "final_needs_date": template.completed_on == "required",
        "window": [opens.isoformat() if opens else None, closes.isoformat() if closes else None],
        "moderation": None if moderation is None else {
            "required": moderation.required, "actions_follow": moderation.actions_follow},
        "moderation_keys": sorted(MODERATION_KEYS),
        "unanswered": sorted(compiled.unanswered),
        "qualifier": compiled.qualifier, "reason_field": compiled.reason_field,
        "organisation_kinds": sorted(compiled.organisation_kinds),
        "text_fields": sorted(compiled.text_fields),
        "fields": {f.id: {"type": f.type, "choices": sorted(_names(f.choices))}
                   for f in compiled.fields.values()},
        "reserved": sorted(RESERVED_RESPONSE_KEYS),
        "action_fields": list(compiled.action_fields),
        "action_keys": sorted(compiled.action_keys), "due_in_text": compiled.due_in_text,
        "smart": {letter: severity is not None for letter, severity in compiled.smart.items()},
        "horizon_months": compiled.horizon_months,
        "details": {"organisation": _details("organisation", compiled.organisation),
                    "respondent": _details("respondent", compiled.respondent)},
        "questions": {q.id: _question(q) for q in compiled.questions.values()},
        "standards": standards,
        "asked": [sid for sid, s in compiled.standards.items()
                  if s.standard.rated or s.criteria],
    }


def _names(choices: tuple[Choice, ...]) -> set[str]:
    """Every wording of the choices, as `choice_of` compares them."""
    return {name.strip().casefold() for choice in choices
            for name in (choice.code, choice.label or choice.code, *choice.aliases)}


def _standard(standard: CompiledStandard) -> dict[str, Any]:
    return {
        "lookup": dict(standard.scale._lookup), "na_code": standard.na_code,
        "allow_na": standard.allow_na, "reason_required": standard.reason_required,
        "rating_required": standard.rating_required, "rated": standard.standard.rated,
        "criteria": dict(standard.criteria),
        "applies_to": list(standard.standard.applies_to),
        "required_fields": {code: list(ids) for code, ids in standard.required_fields.items()},
        "needs_action": sorted(standard.needs_action),
        "action_columns": {code: list(c) for code, c in standard.action_columns.items()},
    }


def _details(group: str, declared: dict[str, Detail]) -> dict[str, Any]:
    from .._audit import ORGANISATION_KEYS, RESPONDENT_KEYS

    specs = {**_STANDARD_DETAILS[group], **declared}
    standard_keys = ORGANISATION_KEYS if group == "organisation" else RESPONDENT_KEYS
    return {"known": sorted(standard_keys | specs.keys()),
            "specs": {key: [spec.type, spec.required] for key, spec in specs.items()}}


def _question(question: Question) -> dict[str, Any]:
    return {"type": question.type, "allowed": list(question.allowed),
            "choices": [[c.code, sorted(_names((c,)))] for c in question.choices],
            "required": question.required, "final_requires": question.final_requires}
