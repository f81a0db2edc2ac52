"""What every audit rule shares: the rule object, the compiled template, the audit's context.

A rule is a small declarative object (attrs' validators read the same way): its
name, the codes it reports and a check function. The catalogue, the
documentation's table and the JSON Schema's lists are all derived from the
rules' declared codes, so a new rule is one module and one line in `RULES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .._findings import Code, Collector, Severity, code
from .._scales import Scale
from .._templates import SMART_LETTERS, Detail, Question, ResponseField, Template
from .._text import Path

AUDIT_TYPE = code(
    "audit-type", "error", "audits", "A value has the wrong type.",
    "audit.json: /responses: error audit-type: should be an object, not an array",
    in_schema=True)
AUDIT_UNKNOWN_KEY = code(
    "audit-unknown-key", "error", "audits", "A key is not part of the audit format.",
    "audit.json: /organization: error audit-unknown-key: unknown key 'organization' (did you "
    "mean 'organisation'?)", in_schema=True)
SHARED_CODES: tuple[Code, ...] = (AUDIT_TYPE, AUDIT_UNKNOWN_KEY)


@dataclass(frozen=True, slots=True)
class Rule:
    """One family of audit checks and the codes it may report."""

    name: str
    codes: tuple[Code, ...]
    check: Callable[[Context], None] = field(repr=False)
    description: str = ""


@dataclass(frozen=True, slots=True)
class CompiledStandard:
    id: str
    scale: Scale
    allow_na: bool
    na_code: str | None
    reason_required: bool
    #: Field ids required for each canonical rating code.
    required_fields: dict[str, tuple[str, ...]]
    needs_action: frozenset[str]
    valid_codes: str
    #: The standard's path in the audit: ("responses", id).
    path: Path


@dataclass(frozen=True, slots=True)
class CompiledTemplate:
    template: Template
    standards: dict[str, CompiledStandard]
    #: Standard id -> its place in the template, for reporting in reading order.
    standard_order: dict[str, int]
    fields: dict[str, ResponseField]
    action_fields: tuple[str, ...]
    text_fields: frozenset[str]
    smart: dict[str, Severity | None]
    horizon_months: int
    action_requires: tuple[str, ...]
    organisation: dict[str, Detail]
    respondent: dict[str, Detail]
    questions: dict[str, Question]
    #: Standard id -> the scale it is rated on.
    scales: dict[str, Scale]


def compile_template(template: Template, scales: dict[str, Scale]) -> CompiledTemplate:
    """Resolve every scale, code and policy of a template once."""
    policy = template.actions
    smart = {letter: policy.smart_policy.of(letter).severity for letter in SMART_LETTERS}
    standards: dict[str, CompiledStandard] = {}
    for standard in template.standards:
        scale = scales[standard.scale or template.scale]
        na = scale.not_applicable
        allow_na = standard.not_applicable and na is not None
        codes = [c for c in (scale.resolve(code) for code in policy.required_for) if c]
        standards[standard.id] = CompiledStandard(
            id=standard.id,
            scale=scale,
            allow_na=allow_na,
            na_code=na.code if na else None,
            reason_required=bool(na and na.reason_required),
            required_fields={
                code: tuple(f.id for f in template.fields if _required(f, code, scale))
                for code in scale.codes
            },
            needs_action=frozenset(codes),
            valid_codes=scale.describe_codes(allow_na=allow_na),
            path=("responses", standard.id),
        )
    return CompiledTemplate(
        template=template,
        standards=standards,
        standard_order={standard_id: index for index, standard_id in enumerate(standards)},
        fields={f.id: f for f in template.fields},
        action_fields=tuple(f.id for f in template.fields if f.type == "actions"),
        text_fields=frozenset(f.id for f in template.fields if f.type == "text"),
        smart=smart,
        horizon_months=policy.horizon_months,
        action_requires=policy.require,
        organisation={d.id: d for d in template.organisation},
        respondent={d.id: d for d in template.respondent},
        questions={q.id: q for q in template.questions},
        scales={standard_id: standard.scale for standard_id, standard in standards.items()},
    )


def _required(item: ResponseField, code: str, scale: Scale) -> bool:
    if isinstance(item.required, bool):
        return item.required
    return code in {scale.resolve(c) for c in item.required}


@dataclass(slots=True)
class Context:
    """One audit being checked: the data, its compiled template, and the findings."""

    data: dict[str, Any]
    compiled: CompiledTemplate
    sink: Collector
    today: date
    final: bool
    completed_on: date | None = None
    #: Standard id -> canonical rating code, for the standards answered.
    ratings: dict[str, str] = field(default_factory=dict)
    #: Standard id -> canonical moderated rating code, where one is given and valid.
    moderated: dict[str, str] = field(default_factory=dict)
    #: Standards whose rating was given but refused (reported once, as that).
    refused: set[str] = field(default_factory=set)
