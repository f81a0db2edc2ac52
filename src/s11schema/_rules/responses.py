"""Each response: a known standard in scope, a rating on its scale (or its criteria), N/A and
qualified answers as the template allows, and fields of the right type where required."""

from __future__ import annotations

from typing import Any

from .._findings import Code, code
from .._plain import NA_WORDS, criterion_answer
from .._templates import RESERVED_RESPONSE_KEYS, ResponseField, Standard
from .._text import SHORT_TEXT, Path, is_placeholder, quote, suggest, type_name
from ._base import AUDIT_TYPE, CompiledStandard, Context, Rule
from ._values import TYPE_HINTS, value_problem

_E, _W = "error", "warning"
STANDARD_UNKNOWN = code(
    "standard-unknown", _E, "audits", "A response names a standard the template lacks.",
    "audit.json: /responses/1.10: error standard-unknown: no standard '1.10' in "
    "nottinghamshire-2021 (did you mean '1.1'?)", in_schema=True)
STANDARD_UNANSWERED = code(
    "standard-unanswered", _E, "audits",
    "A final audit leaves without a rating a standard the template says must be rated.",
    "audit.json: /responses/4.2: error standard-unanswered: standard 4.2 has no rating; a final "
    "audit answers every standard (rate it, or keep the audit as a draft)")
STANDARD_OUT_OF_SCOPE = code(
    "standard-out-of-scope", _W, "audits",
    "A standard that does not apply to the organisation's kind is answered; it is left out.",
    "audit.json: /responses/5.1: warning standard-out-of-scope: standard 5.1 applies to "
    "statutory organisations, not to 'voluntary' (its answer is not counted)")
RESPONSE_UNKNOWN_FIELD = code(
    "response-unknown-field", _E, "audits",
    "A response has a key that is not one of the template's fields.",
    "audit.json: /responses/1.1/evidense: error response-unknown-field: unknown field "
    "'evidense' (did you mean 'evidence'?)", in_schema=True)
FIELD_REQUIRED = code(
    "field-required", _E, "audits",
    "A response field the template requires (for this rating) is missing or blank.",
    "audit.json: /responses/3.1/evidence: error field-required: 'evidence' is required for "
    "rating amber")
FIELD_INVALID = code(
    "field-invalid", _E, "audits",
    "A date, number, percentage, list or choice field holds something that is not one.",
    "audit.json: /responses/2.1/trained: error field-invalid: 'most' is not a percentage "
    "(write a number from 0 to 100, such as 85 or '85%')")
FIELD_PLACEHOLDER = code(
    "field-placeholder", _W, "audits",
    "A field holds placeholder text such as 'TBC' or 'see above'.",
    "audit.json: /responses/3.1/evidence: warning field-placeholder: 'TBC' is a placeholder, "
    "not an answer (write what is in place, or leave the audit as a draft)")
RATING_UNKNOWN = code(
    "rating-unknown", _E, "audits", "A rating is not a code of the scale.",
    "audit.json: /responses/1.1/rating: error rating-unknown: 'purple' is not a rating of scale "
    "'rag' (valid: red, amber, green, n/a)", in_schema=True)
RATING_NOT_APPLICABLE = code(
    "rating-not-applicable", _E, "audits",
    "N/A is given where the scale or the standard does not allow it.",
    "audit.json: /responses/1/rating: error rating-not-applicable: scale 'lambeth-5' has no N/A "
    "(valid: 1, 2, 3, 4, 5)", in_schema=True)
RATING_NOT_ASKED = code(
    "rating-not-asked", _E, "audits",
    "A standard the template does not rate (or scores by its criteria) is given a rating.",
    "audit.json: /responses/12/rating: error rating-not-asked: standard 12 is not rated (give "
    "its fields only)", in_schema=True)
REASON_REQUIRED = code(
    "reason-required", _E, "audits", "N/A is given without the reason the scale asks.",
    "audit.json: /responses/6/reason: error reason-required: N/A needs a reason on scale 'brag' "
    "(say in 'reason' why this standard does not apply to your organisation)")
NOTE_REQUIRED = code(
    "note-required", _E, "audits",
    "A qualified answer ('Yes*') has no note saying what the qualification is.",
    "audit.json: /responses/20/note: error note-required: 'Yes*' is qualified, so it needs a "
    "note (say what the * means, such as 'safeguarding team only')")
MODERATED_RATING_REQUIRED = code(
    "moderated-rating-required", _E, "audits",
    "The template asks for moderation and a rated standard of a final audit has none.",
    "audit.json: /responses/3.1/moderated_rating: error moderated-rating-required: standard "
    "3.1 has no moderated rating")
CRITERION_UNKNOWN = code(
    "criterion-unknown", _E, "audits", "A response names a criterion its standard lacks.",
    "audit.json: /responses/2/criteria/c9: error criterion-unknown: standard 2 has no criterion "
    "'c9' (criteria: c1, c2, c3)", in_schema=True)
CRITERION_INVALID = code(
    "criterion-invalid", _E, "audits", "A criterion is not answered met, not met or n/a.",
    "audit.json: /responses/2/criteria/c1: error criterion-invalid: 'partly' is not met, "
    "not met or n/a", in_schema=True)

#: "Did you mean" is worked out for the first findings only: each costs a fuzzy match.
_SUGGEST = 100


def check(ctx: Context) -> None:
    """Every response is for a known standard, rated on its scale, with its fields."""
    responses = ctx.data.get("responses")
    if not isinstance(responses, dict):
        return
    find_out_of_scope(ctx)
    for standard_id, response in responses.items():
        check_one(ctx, standard_id, response)
    if ctx.final:
        check_final(ctx)


def find_out_of_scope(ctx: Context) -> None:
    """The standards that do not apply to the organisation's kind, into the context."""
    kind = _organisation_kind(ctx)
    ctx.out_of_scope.update(standard_id for standard_id, standard in
                            ctx.compiled.standards.items()
                            if is_out_of_scope(standard.standard, kind))


def check_one(ctx: Context, standard_id: str, response: object) -> None:
    """One response (the unit the fast path hands back when it cannot prove it clean)."""
    standards = ctx.compiled.standards
    standard = standards.get(standard_id)
    path: Path = standard.path if standard else ("responses", standard_id)
    if standard is None:
        hint = suggest(standard_id, standards) if len(ctx.sink.findings) < _SUGGEST else None
        ctx.sink.add(STANDARD_UNKNOWN, f"no standard {quote(standard_id)} in "
                     f"{ctx.compiled.template.id}", path=path,
                     hint=hint or f"standards: {_listed(standards)}")
    elif not isinstance(response, dict):
        ctx.sink.add(AUDIT_TYPE, f"should be an object, not {type_name(response)}",
                     path=path)
    elif standard_id in ctx.out_of_scope:
        if any(not ctx.blank(v) for k, v in response.items() if not k.startswith("_")):
            ctx.sink.add(STANDARD_OUT_OF_SCOPE, f"standard {standard_id} applies to "
                         f"{', '.join(standard.standard.applies_to)} organisations, not to "
                         f"{quote(_organisation_kind(ctx))}", path=path,
                         hint="its answer is not counted")
    else:
        _check_response(ctx, standard, response, path)


def check_final(ctx: Context) -> None:
    """What a final audit must answer, once every response has been read."""
    for standard_id, standard in ctx.compiled.standards.items():
        if standard_id in ctx.refused or standard_id in ctx.out_of_scope:
            continue
        answered = standard_id in ctx.ratings or standard_id in ctx.criteria
        if standard.rating_required and not answered:
            what = "answer to its criteria" if standard.criteria else "rating"
            ctx.sink.add(STANDARD_UNANSWERED, f"standard {standard_id} has no {what}; a final "
                         "audit answers every standard", path=standard.path,
                         hint="rate it, or keep the audit as a draft")
        moderation = ctx.compiled.moderation
        if (moderation is not None and moderation.required and standard_id in ctx.ratings
                and standard_id not in ctx.moderated
                and not standard.scale.is_not_applicable(ctx.ratings[standard_id])):
            ctx.sink.add(MODERATED_RATING_REQUIRED, f"standard {standard_id} has no moderated "
                         "rating", path=(*standard.path, "moderated_rating"),
                         hint="the partnership's moderation gives one for every standard rated")


def _organisation_kind(ctx: Context) -> str | None:
    organisation = ctx.data.get("organisation")
    kind = organisation.get("kind") if isinstance(organisation, dict) else None
    return kind if isinstance(kind, str) and kind in ctx.compiled.organisation_kinds else None


def is_out_of_scope(standard: Standard, kind: str | None) -> bool:
    """Out of scope: the standard names the kinds it applies to, and this is not one.
    An organisation that does not say its kind is asked everything."""
    applies = standard.applies_to
    return bool(applies) and kind is not None and kind not in applies


def _listed(ids: dict[str, Any], most: int = 8) -> str:
    names = list(ids)
    return ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most
                                      else "")


def _check_response(ctx: Context, standard: CompiledStandard, response: dict[str, Any],
                    path: Path) -> None:
    fields = ctx.compiled.fields
    text_fields = ctx.compiled.text_fields
    moderation = ctx.compiled.moderation
    for key, value in response.items():
        if key in text_fields and value.__class__ is str:  # the common case, quickly
            if len(value) <= SHORT_TEXT and not ctx.blank(value) and is_placeholder(value):
                ctx.sink.add(FIELD_PLACEHOLDER, f"{quote(value)} is a placeholder, not an "
                             "answer", path=(*path, key), hint="write what is in "
                             "place, or leave the audit as a draft")
            continue
        if key.startswith("_") or (key in RESERVED_RESPONSE_KEYS and (
                key != "moderated_rating" or moderation is not None)):
            continue  # "_guide" and other notes for people; the reserved keys below
        item = fields.get(key)
        if item is None:
            ctx.sink.add(RESPONSE_UNKNOWN_FIELD, f"unknown field {quote(key)}", path=(*path, key),
                         hint=suggest(key, [*fields, *RESERVED_RESPONSE_KEYS])
                         or f"fields: {', '.join(fields)}")
        elif value is not None and not (isinstance(value, str) and ctx.blank(value)):
            _check_typed(ctx, item, value, (*path, key))
    if standard.criteria:
        if not ctx.blank(response.get("rating")):
            ctx.sink.add(RATING_NOT_ASKED, f"standard {standard.id} is scored by its criteria, "
                         "not rated", path=(*path, "rating"),
                         hint="answer each criterion met, not met or n/a under 'criteria'")
        _check_criteria(ctx, standard, response, path)
        code = None
    elif not standard.standard.rated:
        if not ctx.blank(response.get("rating")):
            ctx.sink.add(RATING_NOT_ASKED, f"standard {standard.id} is not rated",
                         path=(*path, "rating"), hint="give its fields only")
        code = None
    else:
        code = _rating(ctx, standard, response, "rating", path)
        if moderation is not None and "moderated_rating" in response:
            moderated = _rating(ctx, standard, response, "moderated_rating", path)
            if moderated is not None:
                ctx.moderated[standard.id] = moderated
    if code is None:
        if not ctx.blank(response.get("rating")) and standard.standard.rated:
            ctx.refused.add(standard.id)
        return
    ctx.ratings[standard.id] = code
    _check_note(ctx, standard, response, path)
    if code == standard.na_code:
        _check_reason(ctx, standard, response, path)
        return
    for field_id in standard.required_fields.get(code, ()):
        if ctx.blank(response.get(field_id)):
            ctx.sink.add(FIELD_REQUIRED, f"'{field_id}' is required for rating {code}",
                         path=(*path, field_id))


def _check_reason(ctx: Context, standard: CompiledStandard, response: dict[str, Any],
                  path: Path) -> None:
    where = ctx.compiled.reason_field
    reason = response.get(where)
    if where == "reason" and reason is not None and not isinstance(reason, str):
        ctx.sink.add(AUDIT_TYPE, f"should be text, not {type_name(reason)}",
                     path=(*path, "reason"))
    elif standard.reason_required and ctx.blank(reason):
        ctx.sink.add(REASON_REQUIRED, f"N/A needs a reason on scale '{standard.scale.id}'",
                     path=(*path, where),
                     hint=f"say in '{where}' why this standard does not apply to your "
                          "organisation")


def _check_note(ctx: Context, standard: CompiledStandard, response: dict[str, Any],
                path: Path) -> None:
    note = response.get("note")
    if note is not None and not isinstance(note, str):
        ctx.sink.add(AUDIT_TYPE, f"should be text, not {type_name(note)}", path=(*path, "note"))
    elif standard.id in ctx.qualified and ctx.blank(note):
        rating = response.get("rating")
        ctx.sink.add(NOTE_REQUIRED, f"{quote(rating)} is qualified, so it needs a note",
                     path=(*path, "note"),
                     hint=f"say what the {ctx.compiled.qualifier} means, such as "
                          "'safeguarding team only'")


def _check_criteria(ctx: Context, standard: CompiledStandard, response: dict[str, Any],
                    path: Path) -> None:
    """A criteria-weighted standard's score: the weight met over the weight that applies."""
    answers = response.get("criteria")
    if answers is None:
        return
    if not isinstance(answers, dict):
        ctx.sink.add(AUDIT_TYPE, f"should be an object, not {type_name(answers)}",
                     path=(*path, "criteria"))
        return
    met = applicable = 0
    for key, value in answers.items():
        weight = standard.criteria.get(key)
        where = (*path, "criteria", key)
        if weight is None:
            ctx.sink.add(CRITERION_UNKNOWN, f"standard {standard.id} has no criterion "
                         f"{quote(key)}", path=where,
                         hint=suggest(key, standard.criteria)
                         or f"criteria: {', '.join(standard.criteria)}")
            continue
        if ctx.blank(value):
            continue
        answers_it, answer = criterion_answer(value)
        if not answers_it:
            ctx.sink.add(CRITERION_INVALID, f"{quote(value)} is not met, not met or n/a",
                         path=where, hint="write met, not met or n/a")
            continue
        if answer is not None:
            applicable += weight
            met += weight if answer else 0
    if applicable:
        ctx.criteria[standard.id] = met / applicable


def _check_typed(ctx: Context, item: ResponseField, value: Any, path: Path) -> None:
    """A field of a type other than free text holds a value of that type."""
    problem = value_problem(item.type, value, item.choices)
    if problem is not None:
        wrong_type, message = problem
        ctx.sink.add(AUDIT_TYPE if wrong_type else FIELD_INVALID, message, path=path,
                     hint=TYPE_HINTS.get(item.type))


def _rating(ctx: Context, standard: CompiledStandard, response: dict[str, Any], key: str,
            path: Path) -> str | None:
    """The canonical code of a rating, reporting anything that is not one."""
    value = response.get(key)
    if ctx.blank(value) and not isinstance(value, list):  # [] is a list, not a rating
        return None
    qualifier = ctx.compiled.qualifier
    written = value.strip() if isinstance(value, str) else ""
    qualified = bool(qualifier and written.endswith(qualifier) and written != qualifier)
    code = standard.scale.resolve(written[: -len(qualifier or "")] if qualified else value)
    if code is None and isinstance(value, str) and value.strip().casefold() in NA_WORDS:
        ctx.sink.add(RATING_NOT_APPLICABLE, f"scale '{standard.scale.id}' has no N/A",
                     path=(*path, key), hint=f"valid: {standard.valid_codes}")
        return None
    if code is None:
        ctx.sink.add(RATING_UNKNOWN, f"{quote(value)} is not a rating of scale "
                     f"'{standard.scale.id}'", path=(*path, key),
                     hint=f"valid: {standard.valid_codes}")
        return None
    if code == standard.na_code and not standard.allow_na:
        ctx.sink.add(RATING_NOT_APPLICABLE, f"standard {standard.id} does not allow N/A",
                     path=(*path, key), hint=f"valid: {standard.valid_codes}")
        return None
    if qualified and key == "rating":
        ctx.qualified.add(standard.id)
    return code


CODES: tuple[Code, ...] = (STANDARD_UNKNOWN, STANDARD_UNANSWERED, STANDARD_OUT_OF_SCOPE,
                           RESPONSE_UNKNOWN_FIELD, FIELD_REQUIRED, FIELD_INVALID,
                           FIELD_PLACEHOLDER, RATING_UNKNOWN, RATING_NOT_APPLICABLE,
                           RATING_NOT_ASKED, REASON_REQUIRED, NOTE_REQUIRED,
                           MODERATED_RATING_REQUIRED, CRITERION_UNKNOWN, CRITERION_INVALID)
RULE = Rule("responses", CODES, check,
            "each response: a standard in scope, a rating on its scale or its criteria, N/A, "
            "qualified answers, and the fields it needs, of the right type")
