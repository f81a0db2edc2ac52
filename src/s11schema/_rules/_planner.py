"""The compiled template as a `Plan`'s plain tables, for the fast path.

Every table is read off the same compiled template and rule constants the rules
use, so the fast path and the rules cannot disagree about what a template asks.
"""

from __future__ import annotations

from .._audit import (
    MODERATION_KEYS,
    OPTIONAL_KEYS,
    ORGANISATION_KEYS,
    REQUIRED_KEYS,
    RESPONDENT_KEYS,
    STATUSES,
)
from .._plan import (
    COLUMNS,
    DetailsPlan,
    FieldPlan,
    Plan,
    QuestionPlan,
    StandardPlan,
    blank_for,
)
from .._templates import RESERVED_RESPONSE_KEYS, Choice, Detail, Question
from ._base import CompiledStandard, CompiledTemplate
from .details import _STANDARD_DETAILS
from .structure import _TYPES


def plan_of(compiled: CompiledTemplate, rules: tuple[str, ...]) -> Plan:
    """The fast path's tables for a compiled template run by `rules` (their names)."""
    moderation = compiled.moderation
    known = REQUIRED_KEYS | OPTIONAL_KEYS
    reserved = frozenset(RESERVED_RESPONSE_KEYS)
    if moderation is None:
        known -= {"moderation"}
    return Plan(
        template=compiled.template.id, rules=rules,
        top_keys=frozenset(known), required_top=frozenset(REQUIRED_KEYS),
        top_types=tuple((key, kind) for key, (kind, _name) in _TYPES.items()),
        statuses=frozenset(STATUSES),
        final_needs_date=compiled.template.completed_on == "required",
        window=compiled.window,
        moderation=moderation is not None,
        moderation_required=moderation is not None and moderation.required,
        actions_follow=moderation is not None and moderation.actions_follow,
        moderation_keys=frozenset(MODERATION_KEYS),
        unanswered=compiled.unanswered,
        qualifier=compiled.qualifier, reason_field=compiled.reason_field,
        organisation_kinds=compiled.organisation_kinds,
        text_fields=compiled.text_fields,
        fields={f.id: FieldPlan(f.type, frozenset(_names(f.choices)))
                for f in compiled.fields.values()},
        reserved=reserved,
        skipped=(reserved if moderation is not None else reserved - {"moderated_rating"})
        | frozenset(compiled.action_fields),
        action_fields=compiled.action_fields,
        action_keys=frozenset(compiled.action_keys), due_in_text=compiled.due_in_text,
        smart={letter: severity is not None for letter, severity in compiled.smart.items()},
        horizon_months=compiled.horizon_months,
        details={"organisation": _details("organisation", compiled.organisation,
                                          ORGANISATION_KEYS),
                 "respondent": _details("respondent", compiled.respondent, RESPONDENT_KEYS)},
        questions={q.id: _question(q) for q in compiled.questions.values()},
        standards={sid: _standard(s) for sid, s in compiled.standards.items()},
        asked=tuple(sid for sid, s in compiled.standards.items()
                    if s.standard.rated or s.criteria),
        blank=blank_for(compiled.unanswered))


def _names(choices: tuple[Choice, ...]) -> set[str]:
    """Every wording of the choices, as `choice_of` compares them."""
    return {name.strip().casefold() for choice in choices
            for name in (choice.code, choice.label or choice.code, *choice.aliases)}


def _standard(standard: CompiledStandard) -> StandardPlan:
    columns = {code: tuple(c) for code, c in standard.action_columns.items()}
    return StandardPlan(
        id=standard.id, lookup=dict(standard.scale._lookup), na_code=standard.na_code,
        allow_na=standard.allow_na, reason_required=standard.reason_required,
        rating_required=standard.rating_required, rated=standard.standard.rated,
        criteria=dict(standard.criteria), applies_to=frozenset(standard.standard.applies_to),
        required_fields={code: tuple(ids) for code, ids in standard.required_fields.items()},
        needs_action=frozenset(standard.needs_action), action_columns=columns,
        column_indexes={code: tuple(COLUMNS.index(c) for c in cs) for code, cs in columns.items()})


def _details(group: str, declared: dict[str, Detail], standard_keys: frozenset[str]
             ) -> DetailsPlan:
    specs = {**_STANDARD_DETAILS[group], **declared}
    return DetailsPlan(known=frozenset(standard_keys | specs.keys()),
                       specs={key: (spec.type, spec.required) for key, spec in specs.items()})


def _question(question: Question) -> QuestionPlan:
    return QuestionPlan(type=question.type, allowed=tuple(question.allowed),
                        choices=tuple((c.code, frozenset(_names((c,))))
                                      for c in question.choices),
                        required=question.required, final_requires=question.final_requires)
