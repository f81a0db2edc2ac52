"""Each response: a known standard, a valid rating, N/A where allowed, required fields."""

from __future__ import annotations

from typing import Any

from .._text import esc, is_blank, is_placeholder, quote, suggest, type_name
from ..templates import RESERVED_RESPONSE_KEYS
from ._compiled import CompiledStandard, Context

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
        path = standard.path if standard else f"/responses/{esc(standard_id)}"
        if standard is None:
            hint = suggest(standard_id, standards) if len(ctx.sink.findings) < _SUGGEST else None
            ctx.sink.add("standard-unknown", f"no standard {quote(standard_id)} in "
                         f"{ctx.compiled.template.id}", path=path,
                         hint=hint or f"see s11schema show {ctx.compiled.template.id}")
        elif not isinstance(response, dict):
            ctx.sink.add("audit-type", f"should be an object, not {type_name(response)}",
                         path=path)
        else:
            _check_response(ctx, standard, response, path)
    if ctx.final:
        for standard_id in standards:
            if standard_id not in ctx.ratings and standard_id not in ctx.refused:
                ctx.sink.add("standard-unanswered", f"standard {standard_id} has no rating; "
                             "a final audit answers every standard",
                             path=f"/responses/{esc(standard_id)}",
                             hint="rate it, or keep the audit as a draft")


def _check_response(ctx: Context, standard: CompiledStandard, response: dict[str, Any],
                    path: str) -> None:
    fields = ctx.compiled.fields
    text_fields = ctx.compiled.text_fields
    for key, value in response.items():
        if key in text_fields and value.__class__ is str:  # the common case, quickly
            if len(value) <= _SHORT and is_placeholder(value):
                ctx.sink.add("field-placeholder", f"{quote(value)} is a placeholder, not an "
                             "answer", path=f"{path}/{esc(key)}", hint="write what is in "
                             "place, or leave the audit as a draft")
            continue
        if key in RESERVED_RESPONSE_KEYS:
            continue
        item = fields.get(key)
        if item is None:
            ctx.sink.add("response-unknown-field", f"unknown field {quote(key)}",
                         path=f"{path}/{esc(key)}",
                         hint=suggest(key, [*fields, *RESERVED_RESPONSE_KEYS])
                         or f"fields: {', '.join(fields)}")
        elif item.type == "text" and value is not None:
            ctx.sink.add("audit-type", f"should be text, not {type_name(value)}",
                         path=f"{path}/{esc(key)}")
    code = _rating(ctx, standard, response, "rating", path)
    if "moderated_rating" in response:
        _rating(ctx, standard, response, "moderated_rating", path)
    if code is None:
        if response.get("rating") not in (None, ""):
            ctx.refused.add(standard.id)
        return
    ctx.ratings[standard.id] = code
    reason = response.get("reason")
    if reason is not None and not isinstance(reason, str):
        ctx.sink.add("audit-type", f"should be text, not {type_name(reason)}",
                     path=f"{path}/reason")
    if code == standard.na_code:
        if standard.reason_required and is_blank(reason):
            ctx.sink.add("reason-required", f"N/A needs a reason on scale "
                         f"'{standard.scale.id}'", path=f"{path}/reason",
                         hint="say why this standard does not apply to your organisation")
        return
    for field_id in standard.required_fields.get(code, ()):
        if is_blank(response.get(field_id)):
            ctx.sink.add("field-required", f"'{field_id}' is required for rating {code}",
                         path=f"{path}/{esc(field_id)}")


def _rating(ctx: Context, standard: CompiledStandard, response: dict[str, Any], key: str,
            path: str) -> str | None:
    """The canonical code of a rating, reporting anything that is not one."""
    if key not in response or response[key] is None or response[key] == "":
        return None
    value = response[key]
    code = standard.scale.resolve(value)
    if code is None and isinstance(value, str) and value.strip().casefold() in _NA_WORDS:
        ctx.sink.add("rating-not-applicable", f"scale '{standard.scale.id}' has no N/A",
                     path=f"{path}/{key}", hint=f"valid: {standard.valid_codes}")
        return None
    if code is None:
        ctx.sink.add("rating-unknown", f"{quote(value)} is not a rating of scale "
                     f"'{standard.scale.id}'", path=f"{path}/{key}",
                     hint=f"valid: {standard.valid_codes}")
        return None
    if code == standard.na_code and not standard.allow_na:
        ctx.sink.add("rating-not-applicable", f"standard {standard.id} does not allow N/A",
                     path=f"{path}/{key}", hint=f"valid: {standard.valid_codes}")
        return None
    return code
