"""Answers carried from another return, not yet confirmed.

`s11schema new --from` and `s11schema translate` mark every answer they bring
over with a `carried` key in its response; the respondent checks that the
answer still holds and deletes the mark. A draft may keep marks; a final audit
may not. The mark's shape is the one `MARKER_KEYS` gives, and the audit's JSON
Schema says the same (`marker_schema`).
"""

from __future__ import annotations

from typing import Any

from .._findings import Code, code
from .._plain import CARRIED
from .._text import Path, quote, suggest, type_name
from ._base import Context, Rule

#: The keys of a mark, each with what it holds; `from` and `standards` are always given.
MARKER_KEYS: dict[str, str] = {
    "from": "the template (id@version, or id@cycle) the answer was carried from",
    "standards": "the standards of that template whose answers it holds",
    "text_changed": "true where the standard is worded otherwise than the one answered",
    "by": "'domain' where the standards share only a common domain",
    "rating": "a carried rating the template's rules refuse as it stands (it needs an "
              "action, evidence or a reason): a suggestion, not an answer",
}
REQUIRED = ("from", "standards")

_E = "error"
CARRIED_UNCONFIRMED = code(
    "carried-unconfirmed", _E, "audits",
    "A final audit still marks an answer as carried from another return, not confirmed.",
    "audit.json: /responses/2.3/carried: error carried-unconfirmed: the answer to 2.3 was "
    "carried from nottinghamshire-2021@2021 and is not confirmed (check the answer still "
    "holds, then delete 'carried')")
CARRIED_INVALID = code(
    "carried-invalid", _E, "audits", "A `carried` mark is not as `new --from` and `translate` "
    "write it.",
    "audit.json: /responses/2.3/carried/standards: error carried-invalid: should be a list of "
    "standard ids, not text", in_schema=True)


def check(ctx: Context) -> None:
    """Every mark is well formed; a final audit has none."""
    responses = ctx.data.get("responses")
    if not isinstance(responses, dict):
        return
    for standard_id, response in responses.items():
        if not isinstance(response, dict) or CARRIED not in response:
            continue
        path: Path = ("responses", standard_id, CARRIED)
        mark = response[CARRIED]
        for where, message, hint in marker_problems(mark):
            ctx.sink.add(CARRIED_INVALID, message, path=(*path, *where), hint=hint)
        if ctx.final:
            source = mark.get("from") if isinstance(mark, dict) else None
            named = f" from {quote(source)}" if isinstance(source, str) else ""
            ctx.sink.add(CARRIED_UNCONFIRMED, f"the answer to {standard_id} was carried"
                         f"{named} and is not confirmed", path=path,
                         hint="check the answer still holds, then delete 'carried'")


def marker_problems(mark: Any) -> list[tuple[Path, str, str | None]]:
    """(where in the mark, message, hint) for each way it differs from a mark as written."""
    if not isinstance(mark, dict):
        return [((), f"should be an object, not {type_name(mark)}",
                 "delete it once the answer is confirmed")]
    problems: list[tuple[Path, str, str | None]] = []
    for key in mark:
        if key not in MARKER_KEYS:
            problems.append(((key,), f"unknown key {quote(key)} in a carried mark",
                             suggest(key, MARKER_KEYS) or f"keys: {', '.join(MARKER_KEYS)}"))
    for key in REQUIRED:
        if key not in mark:
            problems.append(((key,), f"missing key '{key}': {MARKER_KEYS[key]}", None))
    checks = {"from": (_text, "should be a template id, not {}"),
              "standards": (_ids, "should be a list of standard ids, not {}"),
              "text_changed": (_bool, "should be true or false, not {}"),
              "by": (lambda v: v == "domain", "should be 'domain', not {}"),
              "rating": (_text, "should be a rating, as text, not {}")}
    for key, (good, message) in checks.items():
        if key in mark and not good(mark[key]):
            value = mark[key]
            shown = quote(value) if isinstance(value, str) else type_name(value)
            problems.append(((key,), message.format(shown), None))
    return problems


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _ids(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(_text(v) for v in value)


def _bool(value: object) -> bool:
    return isinstance(value, bool)


def marker_schema() -> dict[str, Any]:
    """The JSON Schema of a mark: what `marker_problems` accepts, no more and no less."""
    text = {"type": "string", "pattern": "\\S"}
    return {
        "type": "object", "additionalProperties": False, "required": list(REQUIRED),
        "description": "an answer carried from another return, to confirm (then delete this)",
        "properties": {
            "from": {**text, "description": MARKER_KEYS["from"]},
            "standards": {"type": "array", "minItems": 1, "items": text,
                          "description": MARKER_KEYS["standards"]},
            "text_changed": {"type": "boolean", "description": MARKER_KEYS["text_changed"]},
            "by": {"const": "domain", "description": MARKER_KEYS["by"]},
            "rating": {**text, "description": MARKER_KEYS["rating"]},
        },
    }


CODES: tuple[Code, ...] = (CARRIED_UNCONFIRMED, CARRIED_INVALID)
RULE = Rule("carried", CODES, check,
            "answers carried from another return (`new --from`, `translate`) are marked "
            "until confirmed, and a final audit has no mark")
