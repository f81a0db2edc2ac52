"""JSON Schemas: of a template's audits, of the YAML formats, and of the JSON report.

An audit schema checks structure only: known keys, types, rating codes,
statuses and choices. What depends on other values (a final audit answers
every standard, fields required for some ratings, actions for red and amber,
SMART, dates, plausible emails) is beyond JSON Schema and is left to
`s11schema validate`; `BEYOND_SCHEMA` lists those rule codes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ._audit import MODERATION_KEYS, ORGANISATION_KEYS, RESPONDENT_KEYS, STATUSES
from ._catalogue import BEYOND_SCHEMA, STRUCTURAL
from ._model import Model
from ._registry import Registry, default_registry
from ._rules.carried import marker_schema
from ._scales import Scale
from ._templates import Detail, Question, Standard, Template

DRAFT = "https://json-schema.org/draft/2020-12/schema"

_TEXT_OR_NULL: dict[str, Any] = {"type": ["string", "null"]}
_SPECIAL = set("\\^$.|?*+()[]{}/")


def _caseless(word: str) -> str:
    """A portable (ECMA 262) regular expression matching `word` in any case."""
    out = []
    for char in word:
        if char.lower() != char.upper():
            out.append(f"[{char.lower()}{char.upper()}]")
        else:
            out.append("\\" + char if char in _SPECIAL else char)
    return "".join(out)


def _words(words: list[str], *, blank: bool = False) -> dict[str, Any]:
    alternatives = "|".join(_caseless(w.strip()) for w in words)
    optional = "?" if blank else ""
    return {"type": "string", "pattern": f"^\\s*(?:{alternatives}){optional}\\s*$"}


def _rating_schema(scale: Scale, *, allow_na: bool, template: Template) -> dict[str, Any]:
    """The scale's codes one by one (what editors offer, each with its label), then the
    same codes and their aliases in any case, qualified or unanswered, as `validate`
    accepts them."""
    names = scale.names(allow_na=allow_na)
    qualifier = template.qualifier
    words = [*names, *(f"{n}{qualifier}" for n in names)] if qualifier else names
    codes: list[dict[str, Any]] = [{"const": code, "description": _code_help(scale, code)}
                                   for code in scale.valid_codes(allow_na=allow_na)]
    options: list[dict[str, Any]] = [{"oneOf": codes}, {"type": "null"}, {"const": ""},
                                     _words([*words, *template.unanswered])]
    numbers = sorted({int(n) for n in names if n.lstrip("-").isdigit()})
    if numbers:
        options.append({"type": "integer", "enum": numbers})
    return {"anyOf": options, "description": f"a code of scale '{scale.id}': "
            f"{scale.describe_codes(allow_na=allow_na)} (aliases and any case accepted)"}


def _code_help(scale: Scale, code: str) -> str:
    """`Amber: Partial assurance`, for an editor's list of codes."""
    level = next((lv for lv in scale.all_levels if lv.code == code), None)
    label = scale.label_of(code)
    if level is not None and level.description:
        return f"{label}: {level.description}"
    return label


def _details(declared: tuple[Detail, ...], standard: frozenset[str]) -> dict[str, Any]:
    properties: dict[str, Any] = {key: dict(_TEXT_OR_NULL) for key in sorted(standard)}
    if "areas" in properties:
        properties["areas"] = {"type": "array", "items": {"type": "string"}}
    for detail in declared:
        properties[detail.id] = {**_TEXT_OR_NULL, "title": detail.label or detail.id}
    return {"type": "object", "properties": properties, "additionalProperties": False}


def _answer(question: Question, template: Template) -> dict[str, Any]:
    if question.allowed:
        names = ["yes", "no", "y", "n"] if question.type == "yes-no" else [
            name for c in question.choices for name in (c.code, c.label or c.code, *c.aliases)]
        options: list[dict[str, Any]] = [{"type": "null"},
                                         _words([*names, *template.unanswered], blank=True)]
        if question.type == "yes-no":
            options.append({"type": "boolean"})
        return {"anyOf": options, "title": question.text}
    return {**_TEXT_OR_NULL, "title": question.text}


_DATE_WORDS = "YYYY-MM-DD, or the month as YYYY-MM"
#: Each field type's values; what JSON Schema cannot say (a real date, a percentage in
#: range) is left to `s11schema validate`, so the schema never refuses what it accepts.
_FIELD_TYPES: dict[str, dict[str, Any]] = {
    "text": _TEXT_OR_NULL, "date": _TEXT_OR_NULL, "choice": _TEXT_OR_NULL,
    "number": {"type": ["number", "string", "null"]},
    "percentage": {"type": ["number", "string", "null"]},
    "list": {"type": ["array", "null"], "items": {"type": "string"}},
}


def _field_schemas(template: Template) -> dict[str, Any]:
    columns = (*template.actions.columns, "status", "progress", "done_on")
    action = {"type": "object", "additionalProperties": False,
              "properties": {key: dict(_TEXT_OR_NULL) for key in columns}}
    schemas: dict[str, Any] = {}
    for item in template.fields:
        schemas[item.id] = ({"type": ["array", "null"], "items": action}
                            if item.type == "actions" else dict(_FIELD_TYPES[item.type]))
        if item.label:
            schemas[item.id]["title"] = item.label
    return schemas


def _response_schema(template: Template, standard: Standard, scale: Scale,
                     fields: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {"note": dict(_TEXT_OR_NULL), "carried": marker_schema(),
                                  **fields}
    if template.not_applicable_reason == "reason":
        properties["reason"] = dict(_TEXT_OR_NULL)
    if standard.criteria:
        answers = _words(["met", "not met", "not-met", "yes", "no", "n/a", "na",
                          "not applicable", *template.unanswered], blank=True)
        properties["criteria"] = {
            "type": "object", "additionalProperties": False,
            "properties": {c.id: {"anyOf": [answers, {"type": ["boolean", "null"]}],
                                  "title": c.text} for c in standard.criteria}}
    elif standard.rated:
        allow_na = standard.not_applicable and scale.not_applicable is not None
        properties["rating"] = _rating_schema(scale, allow_na=allow_na, template=template)
        if template.moderation is not None:
            properties["moderated_rating"] = _rating_schema(scale, allow_na=allow_na,
                                                            template=template)
    elif template.unanswered:
        properties["rating"] = {"anyOf": [{"type": "null"}, _words(list(template.unanswered),
                                                                   blank=True)]}
    return {"type": "object", "title": f"{standard.id}: {standard.text[:80]}",
            "properties": properties, "patternProperties": {"^_": {}},
            "additionalProperties": False}


def audit_schema(template: Template | str, *, registry: Registry | None = None) -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of audits for one template."""
    registry = registry or default_registry()
    if isinstance(template, str):
        template = registry.template(template)
    fields = _field_schemas(template)
    responses = {standard.id: _response_schema(
        template, standard, registry.scale(standard.scale or template.scale), fields)
        for standard in template.standards}
    optional = {"moderation": {"type": "object", "additionalProperties": False,
                               "properties": {k: dict(_TEXT_OR_NULL)
                                              for k in sorted(MODERATION_KEYS)}}
                } if template.moderation is not None else {}
    return {
        "$schema": DRAFT,
        "$id": f"https://s11schema.invalid/audit/{template.id}.json",
        "title": f"Section 11 audit: {template.title} ({template.label})",
        "type": "object",
        "required": ["template", "organisation", "status", "responses"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string", "description": "the URL or path of this JSON Schema, "
                        "for editors; s11schema ignores it"},
            "template": {"const": template.id},
            "template_version": {"type": "string"},
            "cycle": {"type": "string", "description": "the audit cycle this return belongs "
                      "to, where the template serves several: a year (2021), a financial "
                      "year (2021/22) or dates (2021-04-01/2022-03-31)"},
            "organisation": _details(template.organisation, ORGANISATION_KEYS),
            "respondent": _details(template.respondent, RESPONDENT_KEYS),
            "completed_on": {"anyOf": [{"type": "string", "format": "date"},
                                       {"type": "string", "pattern": r"^\s*\d{4}-\d{2}\s*$"},
                                       {"const": ""}],
                             "description": f"the date the audit was completed, {_DATE_WORDS}"},
            **optional,
            "status": {"enum": list(STATUSES)},
            "responses": {"type": "object", "properties": responses,
                          "additionalProperties": False},
            "answers": {"type": "object", "additionalProperties": False,
                        "properties": {q.id: _answer(q, template)
                                       for q in template.questions}},
        },
    }


def shipped_schema_path(kind: str) -> Path:
    """Where the package ships a format's schema, for editors (`# yaml-language-server:`)."""
    return Path(__file__).resolve().parent / "schemas" / f"{kind}.schema.json"


def format_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a YAML format (`template`, `scale`, `domains`, `crosswalk`) or of
    `report`."""
    if kind == "report":
        return report_schema()
    from ._loader import FORMATS

    adapter = FORMATS[kind].adapter  # type: ignore[index]
    schema = _tidy(adapter.json_schema(by_alias=True, schema_generator=_KeysConstrained))
    describe(schema, schema.get("title", ""))
    return {"$schema": DRAFT, **schema, "title": f"s11schema {kind} file"}


def describe(schema: dict[str, Any], root: str) -> None:
    """Give each property of the schema's objects its description from `_descriptions`
    (the root object is the model named `root`; the others are its `$defs`)."""
    from ._descriptions import DESCRIPTIONS

    lineage = {cls.__name__: [c.__name__ for c in cls.__mro__] for cls in _models(Model)}
    for name, spec in [(root, schema), *schema.get("$defs", {}).items()]:
        for key, value in spec.get("properties", {}).items():
            text = next((DESCRIPTIONS[(n, key)] for n in lineage.get(name, [name])
                         if (n, key) in DESCRIPTIONS), None)
            if text is not None:
                value["description"] = text


def _models(base: type[Model]) -> list[type[Model]]:
    """Every subclass of `base`, however deep."""
    found: list[type[Model]] = []
    for sub in base.__subclasses__():
        found += [sub, *_models(sub)]
    return found


class _KeysConstrained(GenerateJsonSchema):
    """The constraints on a mapping's keys as `propertyNames`, which pydantic writes itself
    only from 2.10: one schema whatever the version installed."""

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        json_schema = super().dict_schema(schema)
        if "propertyNames" in json_schema or "keys_schema" not in schema:
            return json_schema
        keys = {k: v for k, v in self.generate_inner(schema["keys_schema"]).items()
                if k not in ("title", "pattern")}  # a pattern is in patternProperties
        if "$ref" in keys or (keys.get("type") == "string" and len(keys) > 1):
            keys.pop("type", None)
            json_schema["propertyNames"] = keys
        return json_schema


def _tidy(node: Any) -> Any:
    """One spelling whatever the pydantic version: `{"allOf": [{"$ref": ...}], ...}`, which
    pydantic before 2.9 writes, becomes the `{"$ref": ..., ...}` that later ones write."""
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    if not isinstance(node, dict):
        return node
    tidy = {key: _tidy(value) for key, value in node.items()}
    only = tidy.get("allOf")
    if isinstance(only, list) and len(only) == 1 and set(only[0]) == {"$ref"}:
        del tidy["allOf"]
        tidy = {"$ref": only[0]["$ref"], **tidy}
    return tidy


def report_schema() -> dict[str, Any]:
    """The JSON Schema of `s11schema validate --format json` output, version 1."""
    nullable_int = {"type": ["integer", "null"]}
    finding = {
        "type": "object",
        "required": ["file", "path", "code", "severity", "message"],
        "properties": {
            "file": {"type": ["string", "null"]}, "line": nullable_int, "column": nullable_int,
            "cell": {"type": ["string", "null"]},
            "path": {"type": "string"}, "code": {"type": "string"},
            "severity": {"enum": ["error", "warning"]}, "message": {"type": "string"},
            "hint": {"type": ["string", "null"]},
        },
    }
    counts = {key: {"type": "integer", "minimum": 0}
              for key in ("files", "valid", "errors", "warnings", "unreadable")}
    return {
        "$schema": DRAFT,
        "$id": "https://s11schema.invalid/report/v1.json",
        "title": "s11schema validate report, format version 1",
        "type": "object",
        "required": ["format_version", "tool", "summary", "files"],
        "properties": {
            "format_version": {"const": 1},
            "tool": {"type": "object", "properties": {"name": {"const": "s11schema"},
                                                      "version": {"type": "string"}}},
            "summary": {"type": "object", "required": list(counts), "properties": counts},
            "files": {"type": "array", "items": {
                "type": "object",
                "required": ["file", "ok", "unreadable", "findings"],
                "properties": {
                    "file": {"type": ["string", "null"]}, "ok": {"type": "boolean"},
                    "unreadable": {"type": "boolean"},
                    "template": {"type": ["string", "null"]},
                    "status": {"type": ["string", "null"]},
                    "completeness": {"type": "number", "minimum": 0, "maximum": 1},
                    "answered": {"type": "integer"}, "total": {"type": "integer"},
                    "findings": {"type": "array", "items": finding},
                }}},
        },
    }


__all__ = ["BEYOND_SCHEMA", "STRUCTURAL", "audit_schema", "format_schema", "report_schema",
           "shipped_schema_path"]
