"""A template's rules flattened into plain tables: what the fast path checks an audit with.

A `Plan` is made from the compiled template by `_rules._planner.plan_of`, from the same
tables and rule constants the rules use. Nothing here decides a finding: `_fast` uses
the tables to prove an audit clean, and the rules decide everything else. Nothing here
imports pydantic or PyYAML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class StandardPlan:
    """One standard's tables: how its ratings read, and what each rating asks for."""

    id: str
    #: Every name of a rating (code or alias, stripped and case-folded) -> canonical code.
    lookup: dict[str, str]
    na_code: str | None
    allow_na: bool
    reason_required: bool
    rating_required: bool
    rated: bool
    #: Criterion id -> weight, for a criteria-weighted standard.
    criteria: dict[str, int]
    applies_to: frozenset[str]
    required_fields: dict[str, tuple[str, ...]]
    needs_action: frozenset[str]
    action_columns: dict[str, tuple[str, ...]]
    #: The same, as places in (action, lead, due, measure).
    column_indexes: dict[str, tuple[int, ...]]
    #: Each rating written -> what the fast path made of it (filled as audits are read).
    memo: dict[str, tuple[str, bool] | None] = field(default_factory=dict, compare=False,
                                                     repr=False)


@dataclass(frozen=True, slots=True)
class FieldPlan:
    """A response field of a type other than free text, and the answers a choice accepts."""

    type: str
    #: For a choice field: every code, label and alias, stripped and case-folded.
    choices: frozenset[str]


@dataclass(frozen=True, slots=True)
class QuestionPlan:
    type: str
    #: The answers accepted, as codes (empty: any text).
    allowed: tuple[str, ...]
    #: (code, every name of it stripped and case-folded), in the template's order.
    choices: tuple[tuple[str, frozenset[str]], ...]
    required: bool
    final_requires: str | None


@dataclass(frozen=True, slots=True)
class DetailsPlan:
    """Organisation or respondent details: the keys known, and each declared one's
    (type, whether a final audit needs it)."""

    known: frozenset[str]
    specs: dict[str, tuple[str, bool]]


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything the fast path needs to know about one template."""

    template: str
    #: The names of the rules the tables were made for, in the order they run.
    rules: tuple[str, ...]
    top_keys: frozenset[str]
    required_top: frozenset[str]
    #: (key, str or dict) for each top-level key with a type.
    top_types: tuple[tuple[str, type], ...]
    statuses: frozenset[str]
    final_needs_date: bool
    window: tuple[date | None, date | None]
    moderation: bool
    moderation_required: bool
    actions_follow: bool
    moderation_keys: frozenset[str]
    unanswered: frozenset[str]
    qualifier: str | None
    reason_field: str
    organisation_kinds: frozenset[str]
    text_fields: frozenset[str]
    fields: dict[str, FieldPlan]
    reserved: frozenset[str]
    #: Keys of a response that are not fields: the reserved ones the rule skips.
    skipped: frozenset[str]
    action_fields: tuple[str, ...]
    action_keys: frozenset[str]
    due_in_text: bool
    #: SMART letter -> whether it is checked at all.
    smart: dict[str, bool]
    horizon_months: int | None
    details: dict[str, DetailsPlan]
    questions: dict[str, QuestionPlan]
    standards: dict[str, StandardPlan]
    #: Standards counted for completeness (rated, or answered by criteria), in order.
    asked: tuple[str, ...]
    #: Not answered, as `Context.blank` reads it (quicker where there are no marks).
    blank: Callable[[object], bool] = field(compare=False, repr=False)


def _blank(value: object) -> bool:
    """Not answered where the template has no unanswered marks: nothing, or only spaces."""
    if isinstance(value, str):
        return not value or value.isspace()  # what strip() removes is what isspace() tests
    return value is None or value == []


def _blank_or_mark(marks: frozenset[str]) -> Callable[[object], bool]:
    def blank(value: object) -> bool:
        """Not answered: nothing, only spaces, or one of the template's unanswered marks."""
        if isinstance(value, str):
            stripped = value.strip()
            return not stripped or stripped.casefold() in marks
        return value is None or value == []

    return blank


#: The columns of an action, in the order the fast path reads them.
COLUMNS = ("action", "lead", "due", "measure")


def blank_for(unanswered: frozenset[str]) -> Callable[[object], bool]:
    """`Plan.blank` for a template with these unanswered marks (quicker with none)."""
    return _blank_or_mark(unanswered) if unanswered else _blank
