"""A template's rules flattened into plain tables: what the fast path checks an audit with.

A `Plan` is made from the compiled template by `_rules._planner.plan_of`, from the same
tables and rule constants the rules use. Nothing here decides a finding: `_fast` uses
the tables to prove an audit clean, and the rules decide everything else. Nothing here
imports pydantic or PyYAML.

A plan is plain data, so it can be kept between runs (`_plan_cache`): `plan_data` writes
it as JSON-able data and `plan_from_data` reads it back, checking every value against
the type the plan declares, so a damaged or doctored file is refused, never half-read.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from typing import Any


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
    #: Each answer written -> its code as `_fast` reads it (filled as audits are read).
    memo: dict[str, str] = field(default_factory=dict, compare=False, repr=False)


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
    #: Keys of a response whose values the field check passes over: the reserved ones the
    #: rule skips, and the action fields (any value fits their type; the actions unit
    #: reads them).
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

    def __reduce__(self) -> tuple[Callable[[object], Plan], tuple[dict[str, Any]]]:
        """A plan pickles as its data (`blank` is a function, made again when read), so
        worker processes can be given plans and send back the ones they make."""
        return plan_from_data, (plan_data(self),)


def _blank(value: object) -> bool:
    """Not answered where the template has no unanswered marks: nothing, or only spaces."""
    if isinstance(value, str):
        return not value or value.isspace()  # what strip() removes is what isspace() tests
    return value is None or value == []


def _blank_or_mark(marks: frozenset[str]) -> Callable[[object], bool]:
    # Case-folding never shortens text, so text longer than every mark is none of them,
    # and an answer (often long) is not copied to be folded.
    longest = max(map(len, marks))

    def blank(value: object) -> bool:
        """Not answered: nothing, only spaces, or one of the template's unanswered marks."""
        if isinstance(value, str):
            stripped = value.strip()
            return not stripped or (len(stripped) <= longest and stripped.casefold() in marks)
        return value is None or value == []

    return blank


#: The columns of an action, in the order the fast path reads them.
COLUMNS = ("action", "lead", "due", "measure")


def blank_for(unanswered: frozenset[str]) -> Callable[[object], bool]:
    """`Plan.blank` for a template with these unanswered marks (quicker with none)."""
    return _blank_or_mark(unanswered) if unanswered else _blank


# ---------------------------------------------------------------- as data


class PlanError(ValueError):
    """Data that is not a plan as `plan_data` writes it."""


#: The types a plan's `top_types` may name, by name.
_TYPE_NAMES: dict[str, type] = {t.__name__: t for t in (str, dict, list, int, float, bool)}


def plan_data(plan: Plan) -> dict[str, Any]:
    """The plan as JSON-able data: its tables, not what is made from them (`blank`) or
    filled while audits are read (memos)."""
    data: dict[str, Any] = _data(plan)
    return data


def plan_from_data(data: object) -> Plan:
    """The plan `plan_data` wrote; PlanError if any value is missing, extra or of another
    type than the plan declares."""
    plan = _read(Plan, data, "plan")
    assert isinstance(plan, Plan)
    return plan


def _data(value: object) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _data(getattr(value, f.name)) for f in fields(value) if f.compare}
    if isinstance(value, dict):
        return {key: _data(item) for key, item in value.items()}
    if isinstance(value, frozenset):
        return sorted(_data(item) for item in value)
    if isinstance(value, (tuple, list)):
        return [_data(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, type):
        return value.__name__
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _read(kind: Any, value: object, where: str) -> Any:
    """`value` read as `kind` (a type annotation of the plan), checked all the way down."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        return _read(next(a for a in args if a is not type(None)), value, where)
    if isinstance(kind, type) and is_dataclass(kind):
        return _read_dataclass(kind, value, where)
    if origin is dict:
        items = _expect(value, dict, where)
        return {_read(args[0], key, where): _read(args[1], item, f"{where}.{key}")
                for key, item in items.items()}
    if origin in (frozenset, tuple):
        items = _expect(value, list, where)
        if origin is frozenset:
            return frozenset(_read(args[0], item, where) for item in items)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_read(args[0], item, where) for item in items)
        if len(items) != len(args):
            raise PlanError(f"{where}: should have {len(args)} items")
        return tuple(_read(a, item, where) for a, item in zip(args, items, strict=True))
    if kind is date:
        try:
            return date.fromisoformat(_expect(value, str, where))
        except ValueError:
            raise PlanError(f"{where}: should be a date") from None
    if kind is type:
        name = _expect(value, str, where)
        if name not in _TYPE_NAMES:
            raise PlanError(f"{where}: {name!r} is not a type a plan names")
        return _TYPE_NAMES[name]
    if kind is int and isinstance(value, bool):  # a bool is an int to isinstance
        raise PlanError(f"{where}: should be int, not bool")
    if kind in (str, bool, int):
        return _expect(value, kind, where)
    raise PlanError(f"{where}: a plan holds no {kind}")


def _read_dataclass(kind: type, value: object, where: str) -> Any:
    items = _expect(value, dict, where)
    wanted = {f.name for f in fields(kind) if f.compare}
    if set(items) != wanted:
        raise PlanError(f"{where}: should have exactly the keys {sorted(wanted)}")
    hints = _hints(kind)
    read = {name: _read(hints[name], items[name], f"{where}.{name}") for name in wanted}
    if kind is Plan:
        read["blank"] = blank_for(read["unanswered"])
    return kind(**read)


def _expect(value: object, kind: type, where: str) -> Any:
    if not isinstance(value, kind):
        raise PlanError(f"{where}: should be {kind.__name__}, not {type(value).__name__}")
    return value
