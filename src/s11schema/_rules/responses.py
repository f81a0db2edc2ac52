"""Each response: a known standard, a valid rating, N/A where allowed, required fields."""

from __future__ import annotations

from typing import Any

from .._findings import Code, code
from .._templates import RESERVED_RESPONSE_KEYS
from .._text import Path, is_blank, is_placeholder, quote, suggest, type_name
from ._base import AUDIT_TYPE, CompiledStandard, Context, Rule

_E, _W = "error", "warning"
STANDARD_UNKNOWN = code(
    "standard-unknown", _E, "audits", "A response names a standard the template lacks.",
    "audit.json: /responses/1.10: error standard-unknown: no standard '1.10' in "
    "nottinghamshire-2021 (did you mean '1.1'?)", in_schema=True)
STANDARD_UNANSWERED = code(
    "standard-unanswered", _E, "audits", "A final audit leaves a standard without a rating.",
    "audit.json: /responses/4.2: error standard-unanswered: standard 4.2 has no rating; a final "
    "audit answers every standard (rate it, or keep the audit as a draft)")
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
FIELD_PLACEHOLDER = code(
    "field-placeholder", _W, "audits",
    "A field holds placeholder text such as 'TBC', '-' or 'see above'.",
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
REASON_REQUIRED = code(
    "reason-required", _E, "audits", "N/A is given without the reason the scale asks.",
    "audit.json: /responses/6/reason: error reason-required: N/A needs a reason on scale 'brag' "
    "(say why this standard does not apply to your organisation)")

#: Longer text is never a placeholder (they are short: "TBC", "see above").
_SHORT = 32
#: "Did you mean" is worked out for the first findings only: each costs a fuzzy match.
_SUGGEST = 100
_NA_WORDS = frozenset({"n/a", "na", "n.a.", "not applicable"})


def check(ctx: Context) -> None:
    """Every response is for a known standard, rated on its scale, with its fields."""
    responses = ctx.data.get("responses")
    if not isinstance(responses, dict):
        return
    standards = ctx.compiled.standards
    for standard_id, response in responses.items():
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
        else:
            _check_response(ctx, standard, response, path)
    if ctx.final:
        for standard_id, standard in standards.items():
            if standard_id not in ctx.ratings and standard_id not in ctx.refused:
                ctx.sink.add(STANDARD_UNANSWERED, f"standard {standard_id} has no rating; "
                             "a final audit answers every standard", path=standard.path,
                             hint="rate it, or keep the audit as a draft")


def _listed(ids: dict[str, Any], most: int = 8) -> str:
    names = list(ids)
    return ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most
                                      else "")


def _check_response(ctx: Context, standard: CompiledStandard, response: dict[str, Any],
                    path: Path) -> None:
    fields = ctx.compiled.fields
    text_fields = ctx.compiled.text_fields
    for key, value in response.items():
        if key in text_fields and value.__class__ is str:  # the common case, quickly
            if len(value) <= _SHORT and is_placeholder(value):
                ctx.sink.add(FIELD_PLACEHOLDER, f"{quote(value)} is a placeholder, not an "
                             "answer", path=(*path, key), hint="write what is in "
                             "place, or leave the audit as a draft")
            continue
        if key in RESERVED_RESPONSE_KEYS:
            continue
        item = fields.get(key)
        if item is None:
            ctx.sink.add(RESPONSE_UNKNOWN_FIELD, f"unknown field {quote(key)}", path=(*path, key),
                         hint=suggest(key, [*fields, *RESERVED_RESPONSE_KEYS])
                         or f"fields: {', '.join(fields)}")
        elif item.type == "text" and value is not None:
            ctx.sink.add(AUDIT_TYPE, f"should be text, not {type_name(value)}",
                         path=(*path, key))
    code = _rating(ctx, standard, response, "rating", path)
    if "moderated_rating" in response:
        moderated = _rating(ctx, standard, response, "moderated_rating", path)
        if moderated is not None:
            ctx.moderated[standard.id] = moderated
    if code is None:
        if response.get("rating") not in (None, ""):
            ctx.refused.add(standard.id)
        return
    ctx.ratings[standard.id] = code
    reason = response.get("reason")
    if reason is not None and not isinstance(reason, str):
        ctx.sink.add(AUDIT_TYPE, f"should be text, not {type_name(reason)}",
                     path=(*path, "reason"))
    if code == standard.na_code:
        if standard.reason_required and is_blank(reason):
            ctx.sink.add(REASON_REQUIRED, f"N/A needs a reason on scale '{standard.scale.id}'",
                         path=(*path, "reason"),
                         hint="say why this standard does not apply to your organisation")
        return
    for field_id in standard.required_fields.get(code, ()):
        if is_blank(response.get(field_id)):
            ctx.sink.add(FIELD_REQUIRED, f"'{field_id}' is required for rating {code}",
                         path=(*path, field_id))


def _rating(ctx: Context, standard: CompiledStandard, response: dict[str, Any], key: str,
            path: Path) -> str | None:
    """The canonical code of a rating, reporting anything that is not one."""
    if key not in response or response[key] is None or response[key] == "":
        return None
    value = response[key]
    code = standard.scale.resolve(value)
    if code is None and isinstance(value, str) and value.strip().casefold() in _NA_WORDS:
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
    return code


CODES: tuple[Code, ...] = (STANDARD_UNKNOWN, STANDARD_UNANSWERED, RESPONSE_UNKNOWN_FIELD,
                           FIELD_REQUIRED, FIELD_PLACEHOLDER, RATING_UNKNOWN,
                           RATING_NOT_APPLICABLE, REASON_REQUIRED)
RULE = Rule("responses", CODES, check,
            "each response: a known standard, a rating on its scale, N/A and required fields")
