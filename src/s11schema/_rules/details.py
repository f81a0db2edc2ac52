"""Who is answering: organisation and respondent details, and the unrated questions.

Respondent values are personal data: messages point at the JSON path and
never repeat the value.
"""

from __future__ import annotations

from typing import Any

from .._audit import ORGANISATION_KEYS, RESPONDENT_KEYS
from .._findings import Code, code
from .._plain import PLAUSIBLE, YES_NO_CODES
from .._templates import Detail, Question
from .._text import Path, quote, suggest, type_name
from ._base import AUDIT_TYPE, AUDIT_UNKNOWN_KEY, Context, Rule, choice_of
from ._values import TYPE_HINTS, value_problem

_E = "error"
ORGANISATION_REQUIRED = code(
    "organisation-required", _E, "audits",
    "An organisation detail the template requires is missing or blank.",
    "audit.json: /organisation/name: error organisation-required: the organisation's name is "
    "required")
RESPONDENT_REQUIRED = code(
    "respondent-required", _E, "audits",
    "A respondent detail the template requires is missing or blank.",
    "audit.json: /respondent/email: error respondent-required: 'email' is required")
CONTACT_INVALID = code(
    "contact-invalid", _E, "audits",
    "An email, phone number or web address does not look plausible.",
    "audit.json: /respondent/email: error contact-invalid: this is not a plausible email address "
    "(the value is not shown: personal data)")
ANSWER_REQUIRED = code(
    "answer-required", _E, "audits", "A required question is not answered.",
    "audit.json: /answers/approved: error answer-required: question 'approved' is required")
ANSWER_INVALID = code(
    "answer-invalid", _E, "audits", "An answer is not one of the question's choices.",
    "audit.json: /answers/newsletter: error answer-invalid: 'maybe' is not a choice (choices: "
    "yes, no, not yet)", in_schema=True)
ANSWER_UNKNOWN = code(
    "answer-unknown", _E, "audits", "An answer names a question the template lacks.",
    "audit.json: /answers/aproved: error answer-unknown: unknown question 'aproved' (did you "
    "mean 'approved'?)", in_schema=True)
FINAL_NOT_APPROVED = code(
    "final-not-approved", _E, "audits",
    "A final audit lacks the approval answer the template requires.",
    "audit.json: /answers/approved: error final-not-approved: a final audit needs 'approved' "
    "answered 'yes' (keep the audit as a draft until it is approved)")
_REQUIRED = {"organisation": ORGANISATION_REQUIRED, "respondent": RESPONDENT_REQUIRED}

_STANDARD_DETAILS = {
    "organisation": {"name": Detail(id="name", required=True), "type": Detail(id="type")},
    "respondent": {key: Detail(id=key, type=kind) for key, kind in (
        ("name", "text"), ("role", "text"), ("email", "email"), ("phone", "phone"))},
}


def check(ctx: Context) -> None:
    """Details are known, plausible and present where required; questions answered."""
    check_organisation(ctx)
    check_respondent(ctx)
    check_answers(ctx)


def check_organisation(ctx: Context) -> None:
    """The organisation's details (a unit the fast path hands back)."""
    _details(ctx, "organisation", ctx.compiled.organisation, ORGANISATION_KEYS, personal=False)


def check_respondent(ctx: Context) -> None:
    """The respondent's details (a unit the fast path hands back)."""
    _details(ctx, "respondent", ctx.compiled.respondent, RESPONDENT_KEYS, personal=True)


def check_answers(ctx: Context) -> None:
    """The questions asked once per audit (a unit the fast path hands back)."""
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
        path: Path = (group, key)
        if key not in known:
            # a key under respondent may itself be personal data (an email typed as a key)
            shown = "a key" if personal else quote(key)
            ctx.sink.add(AUDIT_UNKNOWN_KEY, f"unknown key {shown} in {group}",
                         path=(group,) if personal else path,
                         hint=(None if personal else suggest(key, known))
                         or f"keys: {', '.join(sorted(known))}")
        elif key == "areas":
            if not (isinstance(value, list) and all(isinstance(a, str) for a in value)):
                ctx.sink.add(AUDIT_TYPE, "should be an array of area names", path=path)
        elif key == "kind" and group == "organisation":
            _kind(ctx, value, path)
        elif value is not None and not isinstance(value, str):
            ctx.sink.add(AUDIT_TYPE, f"should be text, not {type_name(value)}", path=path)
        elif isinstance(value, str) and value.strip() and key in specs:
            _plausible(ctx, specs[key], value, path, personal=personal)
    if ctx.final:
        for key, spec in specs.items():
            if spec.required and ctx.blank(values.get(key)):
                what = "the organisation's name" if (group, key) == ("organisation", "name") \
                    else f"'{key}'"
                ctx.sink.add(_REQUIRED[group], f"{what} is required", path=(group, key))


def _kind(ctx: Context, value: object, path: Path) -> None:
    """The organisation's kind, one the template declares (standards apply by kind)."""
    kinds = ctx.compiled.organisation_kinds
    if not isinstance(value, str) or ctx.blank(value):
        if value is not None and not isinstance(value, str):
            ctx.sink.add(AUDIT_TYPE, f"should be text, not {type_name(value)}", path=path)
        return
    if value not in kinds:
        ctx.sink.add(ANSWER_INVALID, f"{quote(value)} is not a kind of organisation this "
                     "template knows", path=path,
                     hint=f"kinds: {', '.join(sorted(kinds))}" if kinds
                     else "this template does not sort organisations by kind")


def _plausible(ctx: Context, spec: Detail, value: str, path: Path, *, personal: bool) -> None:
    pattern = PLAUSIBLE.get(spec.type)
    if pattern is None or pattern.match(value.strip()):
        return
    shown = "the value is not shown: personal data" if personal else quote(value)
    ctx.sink.add(CONTACT_INVALID, f"this is not a plausible {_NAMES[spec.type]} ({shown})",
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
        path: Path = ("answers", key)
        question = questions.get(key)
        if question is None:
            ctx.sink.add(ANSWER_UNKNOWN, f"unknown question {quote(key)}", path=path,
                         hint=suggest(key, questions) or (
                             f"questions: {', '.join(questions)}" if questions
                             else "this template asks no questions"))
        elif value is not None and not isinstance(value, str) and not (
                isinstance(value, bool) and question.type == "yes-no"):
            ctx.sink.add(AUDIT_TYPE, f"should be text, not {type_name(value)}", path=path)
        else:
            _answer(ctx, question, value, path)
    if ctx.final:
        for key, question in questions.items():
            answer = _code(ctx, question, answers.get(key))
            if question.required and not answer:
                ctx.sink.add(ANSWER_REQUIRED, f"question '{key}' is required",
                             path=("answers", key))
            elif (question.final_requires and answer
                  and answer != question.final_requires.casefold()):
                ctx.sink.add(FINAL_NOT_APPROVED, f"a final audit needs '{key}' answered "
                             f"{question.final_requires!r}", path=("answers", key),
                             hint="keep the audit as a draft until it is approved")


def _answer(ctx: Context, question: Question, value: Any, path: Path) -> None:
    if ctx.blank(value):
        return
    allowed = question.allowed
    if allowed and not _code(ctx, question, value):
        ctx.sink.add(ANSWER_INVALID, f"{quote(value)} is not a choice",
                     path=path, hint=f"choices: {', '.join(allowed)}")
    elif not allowed and question.type in PLAUSIBLE and isinstance(value, str):
        _plausible(ctx, Detail(id=question.id, type=question.type), value, path, personal=True)
    elif not allowed and question.type in ("date", "number", "percentage"):
        problem = value_problem(question.type, value)
        if problem is not None:
            ctx.sink.add(ANSWER_INVALID, problem[1], path=path, hint=TYPE_HINTS[question.type])


def _code(ctx: Context, question: Question, value: Any) -> str:
    """The answer as a code (case-folded), through the choices' labels and aliases; "" when
    not answered, and for a choice question, when it is not one of the choices."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, str) or ctx.blank(value):
        return ""
    if question.type == "yes-no":
        folded = value.strip().casefold()
        return YES_NO_CODES.get(folded, "")
    if question.choices:
        found = choice_of(question.choices, value)
        return found.casefold() if found else ""
    return value.strip().casefold()


CODES: tuple[Code, ...] = (ORGANISATION_REQUIRED, RESPONDENT_REQUIRED, CONTACT_INVALID,
                           ANSWER_REQUIRED, ANSWER_INVALID, ANSWER_UNKNOWN, FINAL_NOT_APPROVED)
RULE = Rule("details", CODES, check,
            "organisation and respondent details, and the questions asked once per audit")
