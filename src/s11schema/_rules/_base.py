"""What every audit rule shares: the rule object, the compiled template, the audit's context.

A rule is a small declarative object (attrs' validators read the same way): its
name, the codes it reports and a check function. The catalogue, the
documentation's table and the JSON Schema's lists are all derived from the
rules' declared codes, so a new rule is one module and one line in `RULES`.

Compiling resolves everything a template declares against the scale of each
standard it applies to, once: a rule that says `{below: good}` becomes the set
of codes of that standard's own scale whose band is below good.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from .._fast import Reading
from .._findings import Code, Collector, Severity, code
from .._plain import iso_date
from .._scales import Band, Scale, band
from .._templates import (
    SMART_LETTERS,
    Below,
    Choice,
    Detail,
    Moderation,
    Question,
    Ratings,
    ResponseField,
    Standard,
    Template,
)
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

_BAND_ORDER = {b: i for i, b in enumerate(Band)}


def codes_for(ratings: Ratings, scale: Scale) -> frozenset[str]:
    """The canonical codes of `scale` a rating rule applies to (N/A is never among them).
    A threshold is a band of scores, so it never reaches answers that are not scores (a
    yes/no question's "no"): a rule for those names their codes."""
    if isinstance(ratings, bool):
        return frozenset(scale.codes) if ratings else frozenset()
    if isinstance(ratings, Below):
        if not scale.scored:
            return frozenset()
        limit = _BAND_ORDER[Band(ratings.below)]
        return frozenset(c for c in scale.codes if _BAND_ORDER[band(scale.positions[c])] < limit)
    return frozenset(c for c in (scale.resolve(name) for name in ratings) if c is not None)


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
    standard: Standard
    scale: Scale
    allow_na: bool
    na_code: str | None
    reason_required: bool
    #: Whether a final audit must rate it.
    rating_required: bool
    #: Field ids required for each canonical rating code.
    required_fields: dict[str, tuple[str, ...]]
    #: Rating codes that need at least one action.
    needs_action: frozenset[str]
    #: Action columns required, for each canonical rating code ("" for no rating).
    action_columns: dict[str, tuple[str, ...]]
    valid_codes: str
    #: Criterion id -> weight, for a criteria-weighted standard.
    criteria: dict[str, int]
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
    #: The keys an action may have.
    action_keys: frozenset[str]
    due_in_text: bool
    smart: dict[str, Severity | None]
    horizon_months: int | None
    organisation: dict[str, Detail]
    respondent: dict[str, Detail]
    questions: dict[str, Question]
    #: What counts as "not answered", case-folded.
    unanswered: frozenset[str]
    qualifier: str | None
    reason_field: str
    moderation: Moderation | None
    organisation_kinds: frozenset[str]
    window: tuple[date | None, date | None]
    #: Standard id -> the scale it is rated on.
    scales: dict[str, Scale]


def compile_template(template: Template, scales: Mapping[str, Scale]) -> CompiledTemplate:
    """Resolve every scale, code and policy of a template once."""
    policy = template.actions
    smart = {letter: policy.smart_policy.of(letter).severity for letter in SMART_LETTERS}
    standards = {s.id: _compile_standard(template, s, scales[s.scale or template.scale])
                 for s in template.standards}
    window = template.window
    return CompiledTemplate(
        template=template,
        standards=standards,
        standard_order={standard_id: index for index, standard_id in enumerate(standards)},
        fields={f.id: f for f in template.fields},
        action_fields=tuple(f.id for f in template.fields if f.type == "actions"),
        text_fields=frozenset(f.id for f in template.fields if f.type == "text"),
        action_keys=frozenset((*policy.columns, "status", "progress", "done_on")),
        due_in_text=policy.due_in_text,
        smart=smart,
        horizon_months=policy.horizon_months,
        organisation={d.id: d for d in template.organisation},
        respondent={d.id: d for d in template.respondent},
        questions={q.id: q for q in template.questions},
        unanswered=frozenset(m.strip().casefold() for m in template.unanswered),
        qualifier=template.qualifier,
        reason_field=template.not_applicable_reason,
        moderation=template.moderation,
        organisation_kinds=frozenset(k.id for k in template.organisation_kinds),
        window=(iso_date(window.opens), iso_date(window.closes)) if window else (None, None),
        scales={standard_id: standard.scale for standard_id, standard in standards.items()},
    )


def _compile_standard(template: Template, standard: Standard, scale: Scale) -> CompiledStandard:
    na = scale.not_applicable
    allow_na = standard.not_applicable and na is not None
    columns = template.actions.required_columns
    by_code = {c: codes_for(ratings, scale) for c, ratings in columns.items()}
    return CompiledStandard(
        id=standard.id, standard=standard, scale=scale, allow_na=allow_na,
        na_code=na.code if na else None,
        reason_required=bool(na and na.reason_required),
        rating_required=template.rating_required(standard),
        required_fields={code: tuple(f.id for f in template.fields
                                     if code in codes_for(f.required, scale))
                         for code in scale.codes},
        needs_action=codes_for(template.actions.required_for, scale),
        action_columns={
            rating: tuple(c for c, ratings in columns.items()
                          if ratings is True or rating in by_code[c])
            for rating in ("", *scale.codes)},
        valid_codes=scale.describe_codes(allow_na=allow_na),
        criteria={c.id: c.weight for c in standard.criteria},
        path=("responses", standard.id),
    )


def choice_of(choices: tuple[Choice, ...], answer: str) -> str | None:
    """The code of the choice an answer names (its code, label or an alias, any case)."""
    wanted = answer.strip().casefold()
    for choice in choices:
        if wanted in {name.strip().casefold()
                      for name in (choice.code, choice.label or choice.code, *choice.aliases)}:
            return choice.code
    return None


@dataclass(slots=True)
class Context(Reading):
    """One audit being checked: the data, its compiled template, the findings, and what the
    rules record (`Reading`, which the fast path also fills)."""

    compiled: CompiledTemplate = field(kw_only=True)
    sink: Collector = field(kw_only=True)

    def blank(self, value: object) -> bool:
        """Not answered: nothing, only spaces, or one of the template's unanswered marks."""
        if value is None or value == "" or value == []:
            return True
        return isinstance(value, str) and (not value.strip() or value.strip().casefold()
                                           in self.compiled.unanswered)

    def action_rating(self, standard_id: str) -> str | None:
        """The rating actions are judged by: the moderated one where the template says so."""
        moderation = self.compiled.moderation
        if moderation is not None and moderation.actions_follow:
            return self.moderated.get(standard_id) or self.ratings.get(standard_id)
        return self.ratings.get(standard_id)
