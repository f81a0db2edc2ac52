"""Form mappings: which column of a form tool's export holds which value of the audit.

A mapping is a YAML file, read through the same safe layer as templates and
linted by `s11schema lint`. It names the template and the tool (Google Forms,
Microsoft Forms, SurveyMonkey), then lists columns, each found by its heading
(and SurveyMonkey's second heading row, and which of several columns with the
same heading) or by its position, and says where its value goes in the audit,
as the JSON Pointer of that value (`/responses/1.1/rating`), with the answer
texts that stand for codes:

```yaml
id: lambeth-google-forms
template: lambeth
tool: google-forms
columns:
  - {header: "Name of Agency/Organisation", to: /organisation/name}
  - header: "To what extent are we meeting this duty?"
    occurrence: 1
    to: /responses/1/rating
```
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, model_validator

from ._audit import MODERATION_KEYS, ORGANISATION_KEYS, RESPONDENT_KEYS, STATUSES
from ._findings import Code, Finding, code
from ._model import Ident, Model, Slug
from ._smart import ACTION_STATUSES
from ._templates import ACTION_COLUMNS, ACTION_KEYS, Choice, Standard, Template
from ._text import Path, quote, suggest

if TYPE_CHECKING:
    from ._registry import Registry
    from ._yaml import YamlDocument

Tool = Literal["google-forms", "microsoft-forms", "surveymonkey", "other"]


class MappedColumn(Model):
    """One column of the export and the audit value it holds."""

    #: The JSON Pointer of the value in the audit: /organisation/name, /responses/1.1/rating.
    to: Annotated[str, Field(pattern=r"^/", max_length=300)]
    #: The column's heading (row 1).
    header: str | None = None
    #: SurveyMonkey's second heading row: Response, Open-Ended Response, a choice or a field.
    subheader: str | None = None
    #: Which of the columns with this heading (1 for the first): forms repeat headings.
    occurrence: Annotated[int, Field(ge=1, le=1000)] = 1
    #: The column's position, as letters (K) or a number (11); with `header`, both are checked.
    column: Ident | None = None
    #: Answer texts (any case) and the codes they stand for.
    values: dict[str, Ident] = Field(default_factory=dict)
    #: For a list (areas): the text between items in one cell.
    split: str | None = None
    #: How a date in this column is written, where it is not year first.
    dates: Literal["day-first", "month-first", "year-first"] | None = None

    @model_validator(mode="after")
    def _found_somehow(self) -> MappedColumn:
        if self.header is None and self.column is None:
            raise ValueError("give 'header' (the column's heading) or 'column' (its position)")
        return self


class FormMapping(Model):
    """A form tool's export, read as audits of one template: one row per return."""

    id: Slug
    title: str | None = None
    description: str | None = None
    template: Slug
    template_version: Ident | None = None
    tool: Tool
    #: The sheet of an .xlsx export (the first sheet if not given).
    sheet: str | None = None
    #: Heading rows above the first return (SurveyMonkey writes 2; the others 1).
    header_rows: Annotated[int, Field(ge=1, le=5)] | None = None
    #: The status of each return when no column gives one.
    status: Literal["draft", "final"] = "final"
    #: Cell texts that mean "not answered", besides an empty cell (any case).
    unanswered: tuple[str, ...] = ()
    columns: tuple[MappedColumn, ...] = Field(min_length=1)


_E = "error"
MAPPING_TEMPLATE = code(
    "mapping-template", _E, "mappings", "The mapping's template (or version) is not known.",
    "lambeth-form.yaml:2:11: error mapping-template: unknown template 'lambath' (did you mean "
    "'lambeth'?)")
MAPPING_TARGET = code(
    "mapping-target", _E, "mappings",
    "A column's `to` is not a value of the template's audits.",
    "lambeth-form.yaml:14:9: error mapping-target: '/responses/9/rating' is not a value of a "
    "lambeth audit: no standard '9' (standards: 1, 2, 3, 4, 5, 6, 7, 8)")
MAPPING_VALUE = code(
    "mapping-value", _E, "mappings",
    "An answer text is mapped to a code that the value it goes to does not have.",
    "lambeth-form.yaml:30:7: error mapping-value: 'later' is not a code of /status (codes: "
    "draft, final)")
CODES: tuple[Code, ...] = (MAPPING_TEMPLATE, MAPPING_TARGET, MAPPING_VALUE)


@dataclass(frozen=True, slots=True)
class Target:
    """What a `to` pointer names: its path, and the kind of value it takes."""

    path: Path
    #: text; date; number (a number or percentage, as written); list (of texts, split);
    #: status, choice or criterion (one of `codes`); rating (a code of the standard's
    #: scale); areas; action (a whole cell as one action), or action-part (one key of one
    #: action).
    kind: str
    #: The codes the value may take, where it is a choice (labels and aliases of
    #: `choices` also name them).
    codes: tuple[str, ...] = ()
    #: The standard a rating is for.
    standard: str | None = None
    #: The choices offered, with their labels and aliases, for a choice.
    choices: tuple[Choice, ...] = ()


#: What each type of field, question or detail holds, as a kind of target.
_KINDS = {"date": "date", "number": "number", "percentage": "number", "list": "list",
          "choice": "choice", "yes-no": "choice"}
#: The answers a criterion takes.
CRITERION_CODES = ("met", "not met", "n/a")
_YES_NO = (Choice(code="yes", aliases=("y",)), Choice(code="no", aliases=("n",)))
#: The keys of an action that follow it up (what became of it), besides the template's
#: columns.
FOLLOW_UP_KEYS = tuple(key for key in ACTION_KEYS if key not in ACTION_COLUMNS)


def parse_pointer(pointer: str) -> tuple[str, ...]:
    """The keys of a JSON Pointer (RFC 6901)."""
    return tuple(part.replace("~1", "/").replace("~0", "~")
                 for part in pointer.split("/")[1:])


def target(pointer: str, template: Template,
           scale_codes: dict[str, tuple[str, ...]]) -> Target | str:
    """The target a pointer names in an audit of `template`, or why it names none.

    `scale_codes` gives each standard's rating codes (with N/A where allowed).
    """
    parts = parse_pointer(pointer)
    head, rest = (parts[0], parts[1:]) if parts else ("", ())
    if head in ("completed_on", "status") and not rest:
        return Target(parts, "date" if head == "completed_on" else "status",
                      STATUSES if head == "status" else ())
    if head in ("organisation", "respondent") and len(rest) == 1:
        return _detail_target(parts, template)
    if head == "moderation" and len(rest) == 1:
        if template.moderation is None:
            return f"{template.id} declares no moderation"
        if rest[0] not in MODERATION_KEYS:
            return f"no moderation detail {quote(rest[0])}" + _hint(rest[0], MODERATION_KEYS)
        return Target(parts, "date" if rest[0] == "on" else "text")
    if head == "answers" and len(rest) == 1:
        questions = {q.id: q for q in template.questions}
        question = questions.get(rest[0])
        if question is None:
            return f"no question {quote(rest[0])}" + _hint(rest[0], questions)
        choices = _YES_NO if question.type == "yes-no" else question.choices
        return Target(parts, _KINDS.get(question.type, "text"), question.allowed,
                      choices=choices)
    if head == "responses" and len(rest) >= 2:
        return _response_target(parts, template, scale_codes)
    return ("the audit's values are /organisation/KEY, /respondent/KEY, /completed_on, "
            "/status, /answers/QUESTION, /moderation/KEY and /responses/STANDARD/FIELD")


def _detail_target(parts: tuple[str, ...], template: Template) -> Target | str:
    head, key = parts
    declared = {d.id for d in (template.organisation if head == "organisation"
                               else template.respondent)}
    known = (ORGANISATION_KEYS if head == "organisation" else RESPONDENT_KEYS) | declared
    if key not in known:
        return f"no {head} detail {quote(key)}" + _hint(key, known)
    if (head, key) == ("organisation", "kind"):
        kinds = template.organisation_kinds
        if not kinds:
            return f"{template.id} does not sort organisations by kind"
        return Target(parts, "choice", tuple(k.id for k in kinds),
                      choices=tuple(Choice(code=k.id, label=k.label) for k in kinds))
    return Target(parts, "areas" if key == "areas" else "text")


def _response_target(parts: tuple[str, ...], template: Template,
                     scale_codes: dict[str, tuple[str, ...]]) -> Target | str:
    standard_id, key, more = parts[1], parts[2], parts[3:]
    standard = template.standard.get(standard_id)
    if standard is None:
        return f"no standard {quote(standard_id)}" + _hint(standard_id, template.standard_ids)
    if key in ("rating", "moderated_rating", "criteria"):
        return _rating_target(parts, template, standard, scale_codes)
    if key in ("reason", "note") and not more:
        where = template.not_applicable_reason
        if key == "reason" and where != "reason":
            return f"{template.id} explains N/A in its field {quote(where)}: map the column " \
                f"to /responses/{standard_id}/{where}"
        return Target(parts, "text")
    fields = {f.id: f for f in template.fields}
    item = fields.get(key)
    if item is None:
        return f"no field {quote(key)}" + _hint(key, [*fields, "rating", "reason", "note"])
    if item.type != "actions" and not more:
        return Target(parts, _KINDS.get(item.type, "text"),
                      tuple(c.code for c in item.choices), choices=item.choices)
    columns = (*template.actions.columns, *FOLLOW_UP_KEYS)
    if item.type == "actions" and not more:
        return Target(parts, "action")
    if item.type == "actions" and len(more) == 2 and more[0].isdigit() and more[1] in columns:
        return Target(parts, "action-part", ACTION_STATUSES if more[1] == "status" else ())
    if item.type == "actions":
        return (f"{quote(key)} is a list of actions: map a column to the whole field (one "
                f"action per cell) or to /N/KEY of one action (KEY: {', '.join(columns)})")
    return f"{quote(key)} is one value: map a column to /responses/{standard_id}/{key}"


def _rating_target(parts: tuple[str, ...], template: Template, standard: Standard,
                   scale_codes: dict[str, tuple[str, ...]]) -> Target | str:
    """A rating, a moderated rating or a criterion's answer, where the standard has one."""
    standard_id, key, more = parts[1], parts[2], parts[3:]
    if not standard.rated:
        return f"standard {standard_id} is not rated: map its fields"
    if key == "criteria":
        ids = [c.id for c in standard.criteria]
        if not standard.criteria:
            return f"standard {standard_id} has no criteria: map /responses/{standard_id}/rating"
        if len(more) != 1 or more[0] not in ids:
            wanted = more[0] if more else ""
            return f"no criterion {quote(wanted)} of standard {standard_id}" + _hint(wanted, ids)
        return Target(parts, "criterion", CRITERION_CODES)
    if more:
        return f"{key} is one value: map a column to /responses/{standard_id}/{key}"
    if standard.criteria:
        return (f"standard {standard_id} is scored by its criteria: map each to "
                f"/responses/{standard_id}/criteria/ID")
    if key == "moderated_rating" and template.moderation is None:
        return f"{template.id} declares no moderation"
    return Target(parts, "rating", scale_codes.get(standard_id, ()), standard_id)


def _hint(word: str, choices: object) -> str:
    names = [str(c) for c in choices] if isinstance(choices, (set, frozenset, dict, tuple,
                                                              list)) else []
    found = suggest(word, names)
    if found:
        return f" ({found})"
    listed = ", ".join(sorted(names)[:10])
    return f" (known: {listed})" if listed else ""


def scale_codes(template: Template, registry: Registry) -> dict[str, tuple[str, ...]]:
    """Each standard's rating codes and aliases, N/A's included where the standard allows it."""
    found: dict[str, tuple[str, ...]] = {}
    for standard in template.standards:
        scale = registry.scale(standard.scale or template.scale)
        names = scale.names(allow_na=standard.not_applicable)
        found[standard.id] = (*names, *(level.label for level in scale.all_levels))
    return found


def check_mapping(mapping: FormMapping, document: YamlDocument,
                  registry: Registry) -> list[Finding]:
    """Lint: the template exists, every `to` names a value of its audits, every code is one."""
    from ._errors import NotFoundError
    from ._yaml import Located

    sink = Located(document)
    try:
        template = registry.template(mapping.template, mapping.template_version)
    except NotFoundError as error:
        sink.at(("template_version",) if error.missing == "version" else ("template",),
                MAPPING_TEMPLATE, str(error))
        return sink.findings
    except ValueError:  # the template has errors: lint of that file says which
        return sink.findings
    codes = scale_codes(template, registry)
    for index, column in enumerate(mapping.columns):
        where: Path = ("columns", index)
        found = target(column.to, template, codes)
        if isinstance(found, str):
            sink.at((*where, "to"), MAPPING_TARGET, f"{quote(column.to, 60)} is not a value of "
                    f"a {template.id} audit: {found}")
            continue
        if found.codes:
            allowed = {name.casefold() for name in _names(found)}
            for shown, value in column.values.items():
                if _unqualified(value, found, template).casefold() not in allowed:
                    sink.at((*where, "values", shown), MAPPING_VALUE,
                            f"{quote(value)} is not a code of {column.to}",
                            hint=f"codes: {', '.join(dict.fromkeys(found.codes))}")
    return sink.findings


def _names(found: Target) -> list[str]:
    """Every way a value of the target may be written: codes, labels and aliases."""
    names = list(found.codes)
    for choice in found.choices:
        names += [choice.code, *([choice.label] if choice.label else []), *choice.aliases]
    return names


def _unqualified(value: str, found: Target, template: Template) -> str:
    """A rating without the template's qualifier ("yes*" is "yes", qualified)."""
    mark = template.qualifier
    if found.kind == "rating" and mark and value.endswith(mark) and value != mark:
        return value[: -len(mark)]
    return value


def load_mapping(id_or_path: str | os.PathLike[str], *,
                 registry: Registry | None = None) -> FormMapping:
    """A mapping by the path of its YAML file, or by id (the bundled ones, and any under
    `--path` folders); InvalidFileError if it has errors."""
    from pathlib import Path as FilePath

    from ._errors import InvalidFileError
    from ._findings import Severity
    from ._registry import default_registry

    registry = registry or default_registry()
    path = FilePath(id_or_path)
    if not (path.suffix in (".yaml", ".yml") or path.is_file()):
        path = registry._find(str(id_or_path), "mapping")
    loaded = registry.load(path, "mapping")
    findings = list(loaded.findings)
    if isinstance(loaded.model, FormMapping):
        findings += check_mapping(loaded.model, loaded.document, registry)
    if any(f.severity is Severity.ERROR for f in findings) or not isinstance(
            loaded.model, FormMapping):
        raise InvalidFileError(findings)
    return loaded.model


__all__ = ["CODES", "FormMapping", "MappedColumn", "Target", "check_mapping", "load_mapping",
           "parse_pointer", "scale_codes", "target"]
