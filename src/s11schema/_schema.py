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

from ._audit import ORGANISATION_KEYS, RESPONDENT_KEYS, STATUSES
from ._catalogue import BEYOND_SCHEMA, STRUCTURAL
from ._model import Model
from ._registry import Registry, default_registry
from ._scales import Scale
from ._templates import ACTION_KEYS, Detail, Question, Template

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


def _rating_schema(scale: Scale, *, allow_na: bool) -> dict[str, Any]:
    """The scale's codes one by one (what editors offer, each with its label), then the
    same codes and their aliases in any case, as `validate` accepts them."""
    names = scale.names(allow_na=allow_na)
    codes: list[dict[str, Any]] = [{"const": code, "description": _code_help(scale, code)}
                                   for code in scale.valid_codes(allow_na=allow_na)]
    options: list[dict[str, Any]] = [{"oneOf": codes}, {"type": "null"}, {"const": ""},
                                     _words(names)]
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


def _answer(question: Question) -> dict[str, Any]:
    if question.allowed:
        options: list[dict[str, Any]] = [{"type": "null"}, _words(list(question.allowed),
                                                                  blank=True)]
        if question.type == "yes-no":
            options.append({"type": "boolean"})
        return {"anyOf": options, "title": question.text}
    return {**_TEXT_OR_NULL, "title": question.text}


def audit_schema(template: Template | str, *, registry: Registry | None = None) -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of audits for one template."""
    registry = registry or default_registry()
    if isinstance(template, str):
        template = registry.template(template)
    action = {"type": "object", "additionalProperties": False,
              "properties": {key: dict(_TEXT_OR_NULL) for key in ACTION_KEYS}}
    field_schemas: dict[str, Any] = {}
    for item in template.fields:
        field_schemas[item.id] = ({"type": ["array", "null"], "items": action}
                                  if item.type == "actions" else dict(_TEXT_OR_NULL))
        if item.label:
            field_schemas[item.id]["title"] = item.label
    responses: dict[str, Any] = {}
    for standard in template.standards:
        scale = registry.scale(standard.scale or template.scale)
        allow_na = standard.not_applicable and scale.not_applicable is not None
        rating = _rating_schema(scale, allow_na=allow_na)
        responses[standard.id] = {
            "type": "object",
            "title": f"{standard.id}: {standard.text[:80]}",
            "properties": {"rating": rating, "moderated_rating": rating,
                           "reason": dict(_TEXT_OR_NULL), **field_schemas},
            "additionalProperties": False,
        }
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
            "organisation": _details(template.organisation, ORGANISATION_KEYS),
            "respondent": _details(template.respondent, RESPONDENT_KEYS),
            "completed_on": {"anyOf": [{"type": "string", "format": "date"}, {"const": ""}],
                             "description": "the date the audit was completed, YYYY-MM-DD"},
            "status": {"enum": list(STATUSES)},
            "responses": {"type": "object", "properties": responses,
                          "additionalProperties": False},
            "answers": {"type": "object", "additionalProperties": False,
                        "properties": {q.id: _answer(q) for q in template.questions}},
        },
    }


def shipped_schema_path(kind: str) -> Path:
    """Where the package ships a format's schema, for editors (`# yaml-language-server:`)."""
    return Path(__file__).resolve().parent / "schemas" / f"{kind}.schema.json"


def format_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a YAML format (`template`, `scale`, `domains`) or of `report`."""
    if kind == "report":
        return report_schema()
    from ._loader import FORMATS

    schema = _tidy(FORMATS[kind].adapter.json_schema(by_alias=True))  # type: ignore[index]
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
