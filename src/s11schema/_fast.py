"""The fast path: proving an audit (or one part of it) clean with a template's plan.

Each function here mirrors one unit of the rules (`_rules`): the audit's own
shape, one response, the final audit's answers, one response's actions, a group
of details, the questions. It returns True only when that unit of the rules
would report nothing, and then records what the rule would have recorded (the
ratings read, the completion date); it returns False, having recorded nothing, at
the first sign of anything else, and the rule itself runs on that unit. So the
rules stay the one definition of every finding, and the fast path only skips
their work where it can show the work would find nothing. `attempt` runs every unit
over a whole audit, in the rules' order: an audit it proves clean needs no rule at all
(and, with a cached plan, no template models), and where it stops short the rules take
up from there. The differential test
(tests/unit/test_fast_path.py) holds the two to the same reports.

Nothing here imports pydantic or PyYAML.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ._cycles import parse_cycle
from ._plain import (
    CARRIED,
    PLAUSIBLE,
    YES_NO_CODES,
    audit_period,
    code_in,
    criterion_answer,
    fits,
    status_of,
)
from ._plan import FieldPlan, Plan, QuestionPlan, StandardPlan
from ._smart import (
    ACTION_STATUSES,
    CLOSED,
    MAX_ACTIONS,
    has_target,
    lead_fault,
    specific_fault,
)
from ._text import SHORT_TEXT, is_placeholder
from ._timescales import add_months, find_timescale, parse_timescale

#: The rules this module has a fast unit for, in the order they run.
COVERED = ("structure", "responses", "actions", "details")


# ---------------------------------------------------------------- a whole audit

#: The rules `attempt` stands in for, in the order they run; a plan made for others (by
#: another version of the rules) is declined.
WHOLE = ("structure", "responses", "actions", "details", "carried")


@dataclass(slots=True)
class Reading:
    """One audit being read, and what reading it records: the ratings and dates the rules
    (whose `Context` is a Reading) and the units here find, without the template models."""

    data: dict[str, Any]
    today: date
    final: bool
    #: The first day of the period `completed_on` names (a day, or a month).
    completed_on: date | None = None
    #: Standard id -> canonical rating code, for the standards answered.
    ratings: dict[str, str] = field(default_factory=dict)
    #: Standard id -> canonical moderated rating code, where one is given and valid.
    moderated: dict[str, str] = field(default_factory=dict)
    #: Standards whose rating was given but refused (reported once, as that).
    refused: set[str] = field(default_factory=set)
    #: Standards answered with the template's qualifier ("Yes*").
    qualified: set[str] = field(default_factory=set)
    #: Standard id -> share of the criteria's weight met, for criteria-weighted standards.
    criteria: dict[str, float] = field(default_factory=dict)
    #: Standards that do not apply to the organisation's kind.
    out_of_scope: set[str] = field(default_factory=set)
    #: How far `attempt` proved the audit clean before it stopped: None, not its shape;
    #: n, its shape and its first n responses, each with its actions. The rules resume
    #: there (`_rules._runner`), with what the proof recorded.
    proven: int | None = None

    def resume(self, proof: Reading) -> None:
        """Take up where a proof that stopped short left off: what it recorded, and how far
        it got."""
        self.completed_on, self.proven = proof.completed_on, proof.proven
        self.ratings, self.moderated, self.refused = proof.ratings, proof.moderated, proof.refused
        self.qualified, self.criteria = proof.qualified, proof.criteria
        self.out_of_scope = proof.out_of_scope

    def counts(self, plan: Plan) -> tuple[int, int]:
        """(standards answered, standards asked), as a report counts them."""
        out = self.out_of_scope
        asked = [sid for sid in plan.asked if sid not in out] if out else plan.asked
        answered = (self.ratings.keys() | self.criteria.keys()).intersection(asked)
        return len(answered), len(asked)


def attempt(plan: Plan, data: dict[str, Any], today: date) -> tuple[Reading, bool]:
    """Try to prove the whole audit clean, unit by unit as `_rules._runner.run_rules` runs
    them: what the rules would record, and whether every rule would report nothing. Where
    the proof stops short, the reading says how far it got (`Reading.proven`), so the
    rules need not prove that part again."""
    audit = Reading(data, today, final=status_of(data) == "final")
    if plan.rules != WHOLE or not structure(plan, audit):
        return audit, False
    audit.proven = 0
    given = data.get("responses")
    if isinstance(given, dict):
        find_out_of_scope(plan, audit)
        # A response's actions read only its own rating, so the two units run together;
        # `response` declines a carried answer, which the carried rule would read.
        run = ActionRun(plan, audit) if plan.action_fields else None
        for index, (sid, answer) in enumerate(given.items()):
            if not response(plan, audit, sid, answer) or (
                    run is not None and not run.response(sid, answer)):
                audit.proven = index
                return audit, False
        audit.proven = len(given)
        if audit.final and not final(plan, audit):
            return audit, False
    whole = (details(plan, audit, "organisation") and details(plan, audit, "respondent")
             and answers(plan, audit))
    return audit, whole


# ---------------------------------------------------------------- structure


def structure(plan: Plan, audit: Reading) -> bool:
    """`structure.check` would report nothing; records the completion date."""
    data = audit.data
    known = plan.top_keys
    if not known.issuperset(data) or not plan.required_top.issubset(data):
        return False
    for key, kind in plan.top_types:
        if key in data and not isinstance(data[key], kind):
            return False
    if data["status"] not in plan.statuses:
        return False
    fits, start = _completed_on(plan, audit)
    if not fits:
        return False
    cycle = data.get("cycle")
    if isinstance(cycle, str) and cycle.strip() and parse_cycle(cycle) is None:
        return False
    moderation = data.get("moderation")
    if plan.moderation and isinstance(moderation, dict) and not _moderation(plan, moderation):
        return False
    if start is not None:
        audit.completed_on = start
    return True


def _completed_on(plan: Plan, audit: Reading) -> tuple[bool, date | None]:
    """(no finding, the first day `completed_on` names where it names one)."""
    value = audit.data.get("completed_on")
    if value is None or value == "":
        return not (audit.final and plan.final_needs_date), None
    if not isinstance(value, str):
        return True, None
    period = audit_period(value)
    if period is None:
        return False, None
    start, end = period
    opens, closes = plan.window
    return not (start > audit.today or (opens is not None and end < opens) or (
        closes is not None and start > closes)), start


def _moderation(plan: Plan, details: dict[str, Any]) -> bool:
    for key, value in details.items():
        if key not in plan.moderation_keys or (value is not None and not isinstance(value, str)):
            return False
        if key == "on" and value and audit_period(value) is None:
            return False
    return True


# ---------------------------------------------------------------- responses


def find_out_of_scope(plan: Plan, audit: Reading) -> None:
    """As `responses.find_out_of_scope`: the standards the organisation's kind leaves out."""
    organisation = audit.data.get("organisation")
    kind = organisation.get("kind") if isinstance(organisation, dict) else None
    if isinstance(kind, str) and kind in plan.organisation_kinds:
        audit.out_of_scope.update(sid for sid, s in plan.standards.items()
                                  if s.applies_to and kind not in s.applies_to)


#: What `_rating` gives for a rating left blank.
_BLANK = ("", False)
#: Answers remembered per standard (its ratings) or question: an audit writes a handful,
#: and a file of made-up ones cannot grow the memo past this.
_MEMO_MAX = 256
#: Not yet in a standard's memo of ratings.
_UNSEEN = ("", True)


def response(plan: Plan, audit: Reading, standard_id: str, answer: object) -> bool:
    """`responses.check_one` would report nothing; records the ratings it would."""
    standard = plan.standards.get(standard_id)
    if standard is None or not isinstance(answer, dict) or CARRIED in answer:
        return False  # a carried answer is rare: the rule reads it as it stands
    if standard_id in audit.out_of_scope:
        return all(plan.blank(v) for k, v in answer.items() if not k.startswith("_"))
    if not _fields(plan, answer):
        return False
    if standard.criteria or not standard.rated:
        return _unrated(plan, audit, standard, answer)
    rating = _rating(plan, standard, answer.get("rating"))
    if rating is None:
        return False
    moderated: tuple[str, bool] | None = _BLANK
    if plan.moderation and "moderated_rating" in answer:
        moderated = _rating(plan, standard, answer["moderated_rating"])
        if moderated is None:
            return False
    code, qualified = rating
    if code:
        if not _rated(plan, standard, answer, code, qualified):
            return False
        audit.ratings[standard_id] = code
        if qualified:
            audit.qualified.add(standard_id)
    if moderated and moderated[0]:
        audit.moderated[standard_id] = moderated[0]
    return True


def _unrated(plan: Plan, audit: Reading, standard: StandardPlan, answer: dict[str, Any]) -> bool:
    """A standard answered by its criteria, or asked for its fields only."""
    if not plan.blank(answer.get("rating")):
        return False  # a finding, or a rating refused without one: the rule knows which
    if not standard.criteria:
        return True
    fits, share = _criteria(plan, standard, answer.get("criteria"))
    if not fits:
        return False
    if share is not None:
        audit.criteria[standard.id] = share
    return True


def _fields(plan: Plan, answer: dict[str, Any]) -> bool:
    """Every key of the response is a field (or reserved), each holding its type."""
    text_fields, skipped, fields = plan.text_fields, plan.skipped, plan.fields
    blank = plan.blank
    for key, value in answer.items():
        if key in text_fields and value.__class__ is str:
            if len(value) <= SHORT_TEXT and is_placeholder(value) and not blank(value):
                return False
            continue
        if key in skipped or key[:1] == "_":
            continue
        item = fields.get(key)
        if item is None:
            return False
        if value is None or (isinstance(value, str) and blank(value)):
            continue
        if not value_fits(item, value):
            return False
    return True


def value_fits(item: FieldPlan, value: Any) -> bool:
    """`_values.value_problem` would find nothing wrong with the value."""
    return fits(item.type, value, lambda text: text.strip().casefold() in item.choices)


def _rating(plan: Plan, standard: StandardPlan, value: object) -> tuple[str, bool] | None:
    """(canonical code, qualified) of a rating `responses._rating` accepts without a
    finding, `_BLANK` for none given, None for anything it would report. The answer
    depends on the text alone, and audits write a handful of ratings, so each is read
    once per standard."""
    if value.__class__ is not str:
        return _read_rating(plan, standard, value)
    memo = standard.memo
    found = memo.get(value, _UNSEEN)
    if found is _UNSEEN:
        found = _read_rating(plan, standard, value)
        if len(memo) < _MEMO_MAX:
            memo[value] = found
    return found


def _read_rating(plan: Plan, standard: StandardPlan, value: object) -> tuple[str, bool] | None:
    if plan.blank(value) and not isinstance(value, list):
        return _BLANK
    qualifier = plan.qualifier
    written = value.strip() if isinstance(value, str) else ""
    qualified = bool(qualifier and written.endswith(qualifier) and written != qualifier)
    code = code_in(standard.lookup, written[: -len(qualifier or "")] if qualified else value)
    if code is None or (code == standard.na_code and not standard.allow_na):
        return None
    return code, qualified


def _rated(plan: Plan, standard: StandardPlan, answer: dict[str, Any], code: str,
           qualified: bool) -> bool:
    """A rating's note, its N/A reason, and the fields the rating requires."""
    note = answer.get("note")
    if (note is not None and not isinstance(note, str)) or (qualified and plan.blank(note)):
        return False
    if code == standard.na_code:
        where = plan.reason_field
        reason = answer.get(where)
        if where == "reason" and reason is not None and not isinstance(reason, str):
            return False
        return not (standard.reason_required and plan.blank(reason))
    blank = plan.blank
    for field_id in standard.required_fields.get(code, ()):
        if blank(answer.get(field_id)):
            return False
    return True


def _criteria(plan: Plan, standard: StandardPlan,
              answers: object) -> tuple[bool, float | None]:
    """(no finding, the share of the criteria's weight met where any apply)."""
    if answers is None:
        return True, None
    if not isinstance(answers, dict):
        return False, None
    met = applicable = 0
    for key, value in answers.items():
        weight = standard.criteria.get(key)
        if weight is None:
            return False, None
        if plan.blank(value):
            continue
        answers_it, answer = criterion_answer(value)
        if not answers_it:
            return False, None
        if answer is not None:
            applicable += weight
            met += weight if answer else 0
    return True, met / applicable if applicable else None


def final(plan: Plan, audit: Reading) -> bool:
    """`responses.check_final` would report nothing."""
    for standard_id, standard in plan.standards.items():
        if standard_id in audit.refused or standard_id in audit.out_of_scope:
            continue
        rated = standard_id in audit.ratings
        if standard.rating_required and not (rated or standard_id in audit.criteria):
            return False
        if (plan.moderation_required and rated and standard_id not in audit.moderated
                and audit.ratings[standard_id] != standard.na_code):
            return False
    return True


# ---------------------------------------------------------------- actions


class ActionRun:
    """The actions of one audit, against its plan (as `actions.ActionChecker`)."""

    __slots__ = ("achievable", "after", "audit", "due_in_text", "has_lead", "horizon", "keys",
                 "measurable", "plan", "realistic", "specific", "time_scaled")

    def __init__(self, plan: Plan, audit: Reading) -> None:
        self.plan, self.audit = plan, audit
        smart = plan.smart
        self.specific, self.measurable = smart["specific"], smart["measurable"]
        self.achievable, self.realistic = smart["achievable"], smart["realistic"]
        self.time_scaled = smart["time-scaled"]
        self.keys = plan.action_keys
        self.has_lead, self.due_in_text = "lead" in plan.action_keys, plan.due_in_text
        completed, months = audit.completed_on, plan.horizon_months
        self.after = completed
        self.horizon = add_months(completed, months) if completed and months else None

    def response(self, standard_id: str, answer: object) -> bool:
        """`ActionChecker.check_response` would report nothing."""
        plan, audit = self.plan, self.audit
        standard = plan.standards.get(standard_id)
        if standard is None or answer.__class__ is not dict or standard_id in audit.out_of_scope:
            return True
        assert isinstance(answer, dict)
        code = (audit.moderated.get(standard_id) or audit.ratings.get(standard_id)) if (
            plan.actions_follow) else audit.ratings.get(standard_id)
        columns = standard.column_indexes.get(code or "", standard.column_indexes[""])
        count = 0
        for field_id in plan.action_fields:
            actions = answer.get(field_id)
            if actions.__class__ is not list:
                if plan.blank(actions):
                    continue
                return False
            if len(actions) > MAX_ACTIONS:
                return False
            for action in actions:
                if action.__class__ is not dict or not self.action(action, columns):
                    return False
                count += 1
        return count > 0 or code not in standard.needs_action

    def action(self, action: dict[str, Any], required: tuple[int, ...]) -> bool:
        """`ActionChecker.check_action` would report nothing about this action."""
        if not self.keys.issuperset(action):
            return False
        for value in action.values():
            if value is not None and value.__class__ is not str:
                return False
        get, blank = action.get, self.plan.blank
        # action, lead, due, measure: each None where blank
        text, lead, due, measure = get("action"), get("lead"), get("due"), get("measure")
        if text is not None and blank(text):
            text = None
        if lead is not None and blank(lead):
            lead = None
        if due is not None and blank(due):
            due = None
        if measure is not None and blank(measure):
            measure = None
        if required:
            values = (text, lead, due, measure)
            for index in required:
                if values[index] is None and not (index == 2 and self.due_in_text and text
                                                  and find_timescale(text)):
                    return False
        status, done_on = get("status"), get("done_on")
        if status is not None:
            folded = status.strip().casefold()
            if folded not in ACTION_STATUSES:
                return False
            if folded in CLOSED:
                return done_on is None or not done_on.strip() or (
                    audit_period(done_on) is not None)  # a record of the last cycle
        if done_on is not None and done_on.strip() and audit_period(done_on) is None:
            return False
        if text is not None and self.specific and specific_fault(text) is not None:
            return False
        if self.measurable and measure is None and (text is None or not has_target(text)):
            return False
        if self.achievable and self.has_lead and (lead is None or not _names_someone(lead)):
            return False
        return not (self.time_scaled or self.realistic) or self._timely(due, text)

    def _timely(self, due: str | None, text: str | None) -> bool:
        after = self.after
        if due is None:
            timescale = find_timescale(text, after=after) if (self.due_in_text and text) else None
        else:
            timescale = parse_timescale(due, after=after)
        if timescale is None:
            return not self.time_scaled
        if self.realistic and after is not None:
            end = timescale.end
            return end > after and (self.horizon is None or end <= self.horizon)
        return True


@functools.lru_cache(maxsize=4096)  # leads repeat: "Designated Safeguarding Lead"
def _names_someone(lead: str) -> bool:
    return lead_fault(lead) is None


# ---------------------------------------------------------------- details


def details(plan: Plan, audit: Reading, group: str) -> bool:
    """`details._details` would report nothing about the organisation or respondent."""
    values = audit.data.get(group)
    if values is None:
        values = {}
    if not isinstance(values, dict):
        return True  # the structure rule reports the type
    declared = plan.details[group]
    for key, value in values.items():
        if key not in declared.known or not _detail(plan, group, declared.specs, key, value):
            return False
    return not audit.final or not any(
        required and plan.blank(values.get(key))
        for key, (_kind, required) in declared.specs.items())


def _detail(plan: Plan, group: str, specs: dict[str, tuple[str, bool]], key: str,
            value: object) -> bool:
    if key == "areas":
        return isinstance(value, list) and all(isinstance(a, str) for a in value)
    if key == "kind" and group == "organisation":
        if not isinstance(value, str) or plan.blank(value):
            return value is None or isinstance(value, str)
        return value in plan.organisation_kinds
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    spec = specs.get(key)
    pattern = PLAUSIBLE.get(spec[0]) if spec is not None else None
    if pattern is None:
        return True
    written = value.strip()
    return not written or pattern.match(written) is not None


def answers(plan: Plan, audit: Reading) -> bool:
    """`details._answers` would report nothing about the questions."""
    given = audit.data.get("answers")
    if given is None:
        given = {}
    if not isinstance(given, dict):
        return True
    questions = plan.questions
    for key, value in given.items():
        question = questions.get(key)
        if question is None or not _answer(plan, question, value):
            return False
    if audit.final:
        for key, question in questions.items():
            code = _code(plan, question, given.get(key))
            if (question.required and not code) or (
                    question.final_requires and code
                    and code != question.final_requires.casefold()):
                return False
    return True


def _answer(plan: Plan, question: QuestionPlan, value: object) -> bool:
    if value is not None and not isinstance(value, str) and not (
            isinstance(value, bool) and question.type == "yes-no"):
        return False
    if plan.blank(value):
        return True
    if question.allowed:
        return bool(_code(plan, question, value))
    if question.type in PLAUSIBLE and isinstance(value, str):
        return PLAUSIBLE[question.type].match(value.strip()) is not None
    if question.type in ("date", "number", "percentage"):
        return value_fits(FieldPlan(question.type, frozenset()), value)
    return True


def _code(plan: Plan, question: QuestionPlan, value: object) -> str:
    """As `details._code`: the answer as a case-folded code, "" if none. Audits write a
    handful of answers to each question, so each is read once."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, str):
        return ""
    memo = question.memo
    code = memo.get(value)
    if code is None:
        code = _read_code(plan, question, value)
        if len(memo) < _MEMO_MAX:
            memo[value] = code
    return code


def _read_code(plan: Plan, question: QuestionPlan, value: str) -> str:
    if plan.blank(value):
        return ""
    folded = value.strip().casefold()
    if question.type == "yes-no":
        return YES_NO_CODES.get(folded, "")
    if question.choices:
        return next((code.casefold() for code, names in question.choices if folded in names), "")
    return folded
