"""Read a YAML file into a model, turning schema errors into located findings."""

from __future__ import annotations

import difflib
import os
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from ._io import Path_, YamlDocument, load_yaml
from .findings import Collector, Finding
from .scales import Scale
from .templates import DomainList, Template

Kind = Literal["template", "scale", "domains"]
MODELS: dict[Kind, type[BaseModel]] = {
    "template": Template, "scale": Scale, "domains": DomainList,
}


@dataclass(slots=True)
class Loaded:
    """A YAML file read as one of the formats, with what was wrong with it."""

    file: str
    kind: Kind | None
    model: BaseModel | None
    document: YamlDocument
    findings: list[Finding] = field(default_factory=list)


def detect_kind(data: object) -> Kind | None:
    """Which format a file is, from its top-level keys."""
    if not isinstance(data, dict):
        return None
    if "sections" in data:
        return "template"
    if "levels" in data or "range" in data:
        return "scale"
    if "domains" in data:
        return "domains"
    return None


def load_file(path: str | os.PathLike[str], *, expect: Kind | None = None,
              text: str | None = None) -> Loaded:
    """Parse and check the shape of one file; UnreadableError if it cannot be parsed."""
    document = load_yaml(path, text=text)
    sink = Collector(document.file)
    kind = detect_kind(document.data) or expect
    if kind is None or (expect and kind != expect):
        wanted = f"a {expect}" if expect else "a template, a scale or a domain list"
        sink.add("file-kind-unknown", f"this is not {wanted}", line=1, column=1,
                 hint="a template has 'sections', a scale 'levels' or 'range', "
                      "a domain list 'domains'")
        return Loaded(document.file, None, None, document, [*document.problems, *sink.findings])
    model: BaseModel | None = None
    try:
        model = MODELS[kind].model_validate(document.data)
    except ValidationError as error:
        _report(error, MODELS[kind], document, sink)
    return Loaded(document.file, kind, model, document, [*document.problems, *sink.findings])


def _report(error: ValidationError, model: type[BaseModel], document: YamlDocument,
            sink: Collector) -> None:
    errors = error.errors()
    misspelt = _misspellings(errors, model, document)
    seen: set[tuple[Path_, str, str]] = set()
    for item in errors:
        if item["type"] == "too_short" and _has_deeper(item["loc"], errors):
            continue  # the list is not empty: an item in it failed, and says so
        loc = _present_prefix(item["loc"], document)
        kind = item["type"]
        if kind == "missing":
            code, key, loc = "schema-missing-key", str(item["loc"][-1]), loc[:-1]
            if (loc, key) in misspelt:
                continue  # "unknown key 'titel' (did you mean 'title'?)" says it already
            message, hint = f"missing required key '{key}'", None
        elif kind == "extra_forbidden":
            code, key = "schema-unknown-key", str(item["loc"][-1])
            message = f"unknown key '{key}'"
            hint = _did_you_mean(key, _fields_at(model, loc[:-1]))
        else:
            code, message, hint = "schema-type", _explain(item), None
        if (loc, code, message) in seen:  # one finding per place, not one per union member
            continue
        seen.add((loc, code, message))
        where = _human(loc if code != "schema-unknown-key" else loc[:-1])
        mark = document.mark(loc, key=code == "schema-unknown-key")
        sink.add(code, f"{where}: {message}" if where else message, hint=hint,
                 line=mark.line, column=mark.column)


def _misspellings(errors: list[Any], model: type[BaseModel],
                  document: YamlDocument) -> set[tuple[Path_, str]]:
    """(place, key) for each missing key that an unknown key there is a near miss of."""
    found: set[tuple[Path_, str]] = set()
    for item in errors:
        if item["type"] == "extra_forbidden":
            parent = _present_prefix(item["loc"], document)[:-1]
            close = difflib.get_close_matches(str(item["loc"][-1]),
                                              _fields_at(model, parent), n=1, cutoff=0.6)
            found.update((parent, key) for key in close)
    return found


def _has_deeper(loc: tuple[int | str, ...], errors: list[Any]) -> bool:
    return any(len(e["loc"]) > len(loc) and e["loc"][: len(loc)] == loc for e in errors)


def _present_prefix(loc: tuple[int | str, ...], document: YamlDocument) -> Path_:
    """Drop the parts of a pydantic location that name union members, not keys."""
    path: list[str | int] = []
    node: Any = document.data
    for part in loc:
        if isinstance(node, dict) and str(part) in node:
            node = node[str(part)]
            path.append(str(part))
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            path.append(part)
        elif isinstance(node, dict) and part != "[key]" and not _looks_like_type(str(part)):
            path.append(str(part))  # a missing or unknown key: keep it for the message
            break
        else:
            continue
    return tuple(path)


def _looks_like_type(part: str) -> bool:
    return bool(re.search(r"[\[\]()]|^(bool|int|str|float|Policy|SmartPolicy)$", part))


def _fields_at(model: type[BaseModel], path: Path_) -> list[str]:
    """The keys allowed at `path`, for "did you mean" hints."""
    annotation: Any = model
    for part in path:
        annotation = _element(annotation, part)
        if annotation is None:
            return []
    models = [a for a in _options(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
    return [f.alias or name for m in models for name, f in m.model_fields.items()]


def _element(annotation: Any, part: str | int) -> Any:
    for option in _options(annotation):
        if isinstance(part, int) and typing.get_origin(option) is tuple:
            return typing.get_args(option)[0]
        if isinstance(option, type) and issubclass(option, BaseModel) and isinstance(part, str):
            for name, info in option.model_fields.items():
                if part in (name, info.alias):
                    return info.annotation
    return None


def _options(annotation: Any) -> list[Any]:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [o for a in typing.get_args(annotation) for o in _options(a)]
    return [annotation]


def _did_you_mean(word: str, choices: list[str]) -> str | None:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"allowed keys: {', '.join(sorted(choices))}" if choices else None


_PLAIN = {
    "string_type": "should be text",
    "list_type": "should be a list (lines starting with '- ')",
    "tuple_type": "should be a list (lines starting with '- ')",
    "dict_type": "should be a mapping (lines of 'key: value')",
    "model_type": "should be a mapping (lines of 'key: value')",
    "model_attributes_type": "should be a mapping (lines of 'key: value')",
    "bool_parsing": "should be true or false",
    "bool_type": "should be true or false",
    "int_parsing": "should be a whole number",
    "int_type": "should be a whole number",
    "int_from_float": "should be a whole number",
    "float_parsing": "should be a number (or a fraction such as 2/3)",
    "float_type": "should be a number (or a fraction such as 2/3)",
    "string_too_short": "should not be empty",
    "string_too_long": "is too long",
    "too_short": "should have at least one item",
    "string_pattern_mismatch": "should be lower-case letters, digits and hyphens (no spaces)",
}


def _explain(item: Any) -> str:
    kind = item["type"]
    if item.get("input") is None and kind in ("string_type", "list_type", "tuple_type",
                                               "dict_type", "model_type"):
        return "is empty; write a value"
    if kind in _PLAIN:
        return _PLAIN[kind]
    message = str(item["msg"]).removeprefix("Value error, ")
    return message.replace("Input should be", "should be")


def _human(path: Path_) -> str:
    """`sections[0].standards[2].text`: a location staff can follow."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
