"""A template's rules flattened into plain tables: what the fast path checks an audit with.

A `Plan` is built from the compiled template (`_rules._planner.plan_data`) as plain
JSON-able data, and read back here with every value's type checked, so the same
tables could serve a process that read them from a cache on disk without importing
pydantic or PyYAML (no such cache exists yet: `_validate.plan_for` makes each plan in
memory, once per compiled template). Nothing here decides a
finding: `_fast` uses the tables to prove an audit clean, and the rules decide
everything else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ._plain import iso_date

#: The version of the tables' layout; a plan written in another is not read.
PLAN_FORMAT = 1


class PlanError(ValueError):
    """Plan data that is not in the layout this version writes (a stale or altered cache)."""


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


# ---------------------------------------------------------------- reading plan data


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise PlanError(f"expected text, found {type(value).__name__}")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise PlanError(f"expected true or false, found {type(value).__name__}")
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise PlanError(f"expected a whole number, found {type(value).__name__}")
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise PlanError(f"expected a list, found {type(value).__name__}")
    return value


def _dict(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise PlanError(f"expected an object, found {type(value).__name__}")
    return value


def _strs(value: Any) -> tuple[str, ...]:
    return tuple(_str(v) for v in _list(value))


def _str_map(value: Any) -> dict[str, str]:
    return {_str(k): _str(v) for k, v in _dict(value).items()}


def _strs_map(value: Any) -> dict[str, tuple[str, ...]]:
    return {_str(k): _strs(v) for k, v in _dict(value).items()}


def _day(value: Any) -> date | None:
    if value is None:
        return None
    day = iso_date(_str(value))
    if day is None:
        raise PlanError(f"expected a date, found {value!r}")
    return day


_TYPES: dict[str, type] = {"text": str, "object": dict}


def _unknown_type(name: str) -> bool:
    raise PlanError(f"unknown type {name!r}")


#: The columns of an action, in the order the fast path reads them.
COLUMNS = ("action", "lead", "due", "measure")


def _indexes(columns: tuple[str, ...]) -> tuple[int, ...]:
    if not set(columns) <= set(COLUMNS):
        raise PlanError(f"unknown action columns {sorted(set(columns) - set(COLUMNS))}")
    return tuple(COLUMNS.index(c) for c in columns)


def _standard(key: str, data: dict[str, Any]) -> StandardPlan:
    columns = _strs_map(data["action_columns"])
    if "" not in columns:
        raise PlanError("a standard's action columns have no entry for no rating")
    return StandardPlan(
        id=key, lookup=_str_map(data["lookup"]), na_code=_opt_str(data["na_code"]),
        allow_na=_bool(data["allow_na"]), reason_required=_bool(data["reason_required"]),
        rating_required=_bool(data["rating_required"]), rated=_bool(data["rated"]),
        criteria={_str(k): _int(v) for k, v in _dict(data["criteria"]).items()},
        applies_to=frozenset(_strs(data["applies_to"])),
        required_fields=_strs_map(data["required_fields"]),
        needs_action=frozenset(_strs(data["needs_action"])),
        action_columns=columns,
        column_indexes={k: _indexes(v) for k, v in columns.items()})


def _question(data: dict[str, Any]) -> QuestionPlan:
    choices = tuple((_str(code), frozenset(_strs(names)))
                    for code, names in (_list(pair) for pair in _list(data["choices"])))
    return QuestionPlan(type=_str(data["type"]), allowed=_strs(data["allowed"]), choices=choices,
                        required=_bool(data["required"]),
                        final_requires=_opt_str(data["final_requires"]))


def _details(data: dict[str, Any]) -> DetailsPlan:
    specs = {_str(k): (_str(v[0]), _bool(v[1]))
             for k, v in _dict(data["specs"]).items() if len(_list(v)) == 2}
    if len(specs) != len(_dict(data["specs"])):
        raise PlanError("a detail's spec is not [type, required]")
    return DetailsPlan(known=frozenset(_strs(data["known"])), specs=specs)


def plan_from_data(data: Any) -> Plan:
    """The plan that `plan_data` wrote; PlanError for anything not in its layout."""
    try:
        return _plan(_dict(data))
    except (KeyError, TypeError, IndexError) as error:
        raise PlanError(f"plan data is incomplete: {error!r}") from None


def _plan(data: dict[str, Any]) -> Plan:
    if data.get("format") != PLAN_FORMAT:
        raise PlanError(f"plan format {data.get('format')!r}, not {PLAN_FORMAT}")
    moderation = data["moderation"]
    window = _list(data["window"])
    if len(window) != 2:
        raise PlanError("a window is [opens, closes]")
    standards = {_str(k): _standard(k, _dict(v)) for k, v in _dict(data["standards"]).items()}
    horizon = data["horizon_months"]
    reserved = frozenset(_strs(data["reserved"]))
    unanswered = frozenset(_strs(data["unanswered"]))
    return Plan(
        template=_str(data["template"]), rules=_strs(data["rules"]),
        top_keys=frozenset(_strs(data["top_keys"])),
        required_top=frozenset(_strs(data["required_top"])),
        top_types=tuple((k, _TYPES[v]) for k, v in _str_map(data["top_types"]).items()
                        if v in _TYPES or _unknown_type(v)),
        statuses=frozenset(_strs(data["statuses"])),
        final_needs_date=_bool(data["final_needs_date"]),
        window=(_day(window[0]), _day(window[1])),
        moderation=moderation is not None,
        moderation_required=moderation is not None and _bool(_dict(moderation)["required"]),
        actions_follow=moderation is not None and _bool(_dict(moderation)["actions_follow"]),
        moderation_keys=frozenset(_strs(data["moderation_keys"])),
        unanswered=unanswered,
        qualifier=_opt_str(data["qualifier"]), reason_field=_str(data["reason_field"]),
        organisation_kinds=frozenset(_strs(data["organisation_kinds"])),
        text_fields=frozenset(_strs(data["text_fields"])),
        fields={_str(k): FieldPlan(_str(_dict(v)["type"]), frozenset(_strs(v["choices"])))
                for k, v in _dict(data["fields"]).items()},
        reserved=reserved,
        skipped=reserved if moderation is not None else reserved - {"moderated_rating"},
        action_fields=_strs(data["action_fields"]),
        action_keys=frozenset(_strs(data["action_keys"])),
        due_in_text=_bool(data["due_in_text"]),
        smart={_str(k): _bool(v) for k, v in _dict(data["smart"]).items()},
        horizon_months=None if horizon is None else _int(horizon),
        details={_str(k): _details(_dict(v)) for k, v in _dict(data["details"]).items()},
        questions={_str(k): _question(_dict(v)) for k, v in _dict(data["questions"]).items()},
        standards=standards, asked=_strs(data["asked"]),
        blank=_blank_or_mark(unanswered) if unanswered else _blank)
