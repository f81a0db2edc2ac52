"""Who is answering: organisation and respondent details, and the unrated questions.

Respondent values are personal data: messages point at the JSON path and
never repeat the value.
"""

from __future__ import annotations

import re
from typing import Any

from .._text import esc, is_blank, quote, suggest, type_name
from ..audit import ORGANISATION_KEYS, RESPONDENT_KEYS
from ..templates import Detail, Question
from ._compiled import Context

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^\+?[0-9 ()-]{7,24}(?:\s*(?:ext\.?|x)\s*[0-9]{1,6})?$")
_URL = re.compile(r"^(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::[0-9]+)?(?:[/?#]\S*)?$")
_PLAUSIBLE = {"email": _EMAIL, "phone": _PHONE, "url": _URL}
_STANDARD_DETAILS = {
    "organisation": {"name": Detail(id="name", required=True), "type": Detail(id="type")},
    "respondent": {key: Detail(id=key, type=kind) for key, kind in (
        ("name", "text"), ("role", "text"), ("email", "email"), ("phone", "phone"))},
}


def check(ctx: Context) -> None:
    """Details are known, plausible and present where required; questions answered."""
    _details(ctx, "organisation", ctx.compiled.organisation, ORGANISATION_KEYS, personal=False)
    _details(ctx, "respondent", ctx.compiled.respondent, RESPONDENT_KEYS, personal=True)
    _answers(ctx)


def _details(ctx: Context, group: str, declared: dict[str, Detail],
             standard_keys: frozenset[str], *, personal: bool) -> None:
    values = ctx.data.get(group)
    specs = {**_STANDARD_DETAILS[group], **declared}
    if values is None:
        values = {}
    if not isinstance(values, dict):
        return  # the structure rule reports the type
    known = standard_keys | specs.keys()
    for key, value in values.items():
        path = f"/{group}/{esc(key)}"
        if key not in known:
            ctx.sink.add("audit-unknown-key", f"unknown key {quote(key)} in {group}", path=path,
                         hint=suggest(key, known) or f"keys: {', '.join(sorted(known))}")
        elif key == "areas":
            if not (isinstance(value, list) and all(isinstance(a, str) for a in value)):
                ctx.sink.add("audit-type", "should be an array of area names", path=path)
        elif value is not None and not isinstance(value, str):
            ctx.sink.add("audit-type", f"should be text, not {type_name(value)}", path=path)
        elif isinstance(value, str) and value.strip() and key in specs:
            _plausible(ctx, specs[key], value, path, personal=personal)
    if ctx.final:
        for key, spec in specs.items():
            if spec.required and is_blank(values.get(key)):
                what = "the organisation's name" if (group, key) == ("organisation", "name") \
                    else f"'{key}'"
                ctx.sink.add(f"{group}-required", f"{what} is required", path=f"/{group}/{key}")


def _plausible(ctx: Context, spec: Detail, value: str, path: str, *, personal: bool) -> None:
    pattern = _PLAUSIBLE.get(spec.type)
    if pattern is None or pattern.match(value.strip()):
        return
    shown = "the value is not shown: personal data" if personal else quote(value)
    ctx.sink.add("contact-invalid", f"this is not a plausible {_NAMES[spec.type]} ({shown})",
                 path=path)


_NAMES = {"email": "email address", "phone": "phone number", "url": "web address"}


def _answers(ctx: Context) -> None:
    answers = ctx.data.get("answers")
    questions = ctx.compiled.questions
    if answers is None:
        answers = {}
    if not isinstance(answers, dict):
        return
    for key, value in answers.items():
        path = f"/answers/{esc(key)}"
        question = questions.get(key)
        if question is None:
            ctx.sink.add("answer-unknown", f"unknown question {quote(key)}", path=path,
                         hint=suggest(key, questions) or (
                             f"questions: {', '.join(questions)}" if questions
                             else "this template asks no questions"))
        elif value is not None and not isinstance(value, str) and not (
                isinstance(value, bool) and question.type == "yes-no"):
            ctx.sink.add("audit-type", f"should be text, not {type_name(value)}", path=path)
        else:
            _answer(ctx, question, value, path)
    if ctx.final:
        for key, question in questions.items():
            answer = _normal(answers.get(key))
            if question.required and not answer:
                ctx.sink.add("answer-required", f"question '{key}' is required",
                             path=f"/answers/{esc(key)}")
            elif (question.final_requires and answer
                  and answer != question.final_requires.casefold()):
                ctx.sink.add("final-not-approved", f"a final audit needs '{key}' answered "
                             f"{question.final_requires!r}", path=f"/answers/{esc(key)}",
                             hint="keep the audit as a draft until it is approved")


def _answer(ctx: Context, question: Question, value: Any, path: str) -> None:
    answer = _normal(value)
    if not answer:
        return
    allowed = question.allowed
    if allowed and answer not in {a.casefold() for a in allowed}:
        ctx.sink.add("answer-invalid", f"{quote(value)} is not a choice",
                     path=path, hint=f"choices: {', '.join(allowed)}")
    elif not allowed and question.type in _PLAUSIBLE and isinstance(value, str):
        _plausible(ctx, Detail(id=question.id, type=question.type), value, path, personal=True)


def _normal(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value.strip().casefold() if isinstance(value, str) else ""
