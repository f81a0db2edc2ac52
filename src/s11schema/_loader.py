"""YAML files read into the file formats, with every fault located by line and column.

Each format (template, scale, domain list, crosswalk) is one row of FORMATS: the top-level
keys that mark it and the model that checks its shape. pydantic's errors become
findings at the place in the file they concern, with "did you mean" for misspelt
keys; checks of meaning beyond the shape live in `_lint`.
"""

from __future__ import annotations

import functools
import os
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ._errors import Kind
from ._extends import child_paths, merged
from ._findings import Code, Collector, Finding, code
from ._scales import KINDS, SCALE_FILE
from ._templates import DomainList, Template
from ._text import Path, closest, suggest
from ._yaml import YamlDocument, load_yaml

_E = "error"
SCHEMA_MISSING_KEY = code(
    "schema-missing-key", _E, "templates, scales", "A required key is missing.",
    "t.yaml:12:7: error schema-missing-key: sections[0].standards[1]: missing required key "
    "'text'")
SCHEMA_UNKNOWN_KEY = code(
    "schema-unknown-key", _E, "templates, scales", "A key is not part of the format.",
    "t.yaml:3:1: error schema-unknown-key: unknown key 'titel' (did you mean 'title'?)")
SCHEMA_TYPE = code(
    "schema-type", _E, "templates, scales", "A value has the wrong type or form.",
    "t.yaml:20:9: error schema-type: sections[0].standards: should be a list (lines starting "
    "with '- ')")
EXTENDS_UNKNOWN = code(
    "extends-unknown", _E, "templates", "The template a variant `extends` cannot be found.",
    "local.yaml:3:10: error extends-unknown: no template 'regional-2024' to extend")
FILE_KIND_UNKNOWN = code(
    "file-kind-unknown", _E, "templates, scales",
    "The file is neither a template, a scale, a domain list, a form mapping nor a crosswalk.",
    "notes.yaml:1:1: error file-kind-unknown: this is not a template, a scale, a domain list, "
    "a form mapping or a crosswalk")
CODES: tuple[Code, ...] = (SCHEMA_MISSING_KEY, SCHEMA_UNKNOWN_KEY, SCHEMA_TYPE,
                           FILE_KIND_UNKNOWN, EXTENDS_UNKNOWN)


@dataclass(frozen=True, slots=True)
class FileFormat:
    """One YAML file format: how a file of it is recognised, and what checks its shape."""

    kind: Kind
    #: "a template", for messages.
    name: str
    #: A file with any of these top-level keys is of this format.
    keys: tuple[str, ...]
    #: The model (or union of models) of the file, imported when first asked for: most
    #: commands never read a form mapping or a crosswalk, and their models take time to make.
    model: Callable[[], Any]
    #: The format's own adapter, where it has one (the scales' discriminated union).
    own_adapter: Callable[[], TypeAdapter[Any]] | None = None

    @property
    def annotation(self) -> Any:
        """The model, for pydantic and "did you mean"."""
        return self.model()

    @property
    def adapter(self) -> TypeAdapter[Any]:
        return _adapter(self.kind)


@functools.cache
def _adapter(kind: Kind) -> TypeAdapter[Any]:
    form = FORMATS[kind]
    return form.own_adapter() if form.own_adapter else TypeAdapter(form.model())


def _form_mapping() -> Any:
    from ._mapping import FormMapping

    return FormMapping


def _crosswalk_file() -> Any:
    from ._crosswalk import CrosswalkFile

    return CrosswalkFile


FORMATS: dict[Kind, FileFormat] = {f.kind: f for f in (
    FileFormat("template", "a template", ("sections", "extends"), lambda: Template),
    FileFormat("scale", "a scale", tuple(kind.kind for kind in KINDS),
               lambda: typing.Union[tuple(KINDS)], lambda: SCALE_FILE),  # noqa: UP007
    FileFormat("domains", "a domain list", ("domains",), lambda: DomainList),
    FileFormat("mapping", "a form mapping", ("columns",), _form_mapping),
    FileFormat("crosswalk", "a crosswalk", ("from", "to"), _crosswalk_file),
)}


@dataclass(slots=True)
class Loaded:
    """A YAML file read as one of the formats, with what was wrong with it."""

    file: str
    kind: Kind | None
    model: Any
    document: YamlDocument
    findings: list[Finding] = field(default_factory=list)


def detect_kind(data: object) -> Kind | None:
    """Which format a file is, from its top-level keys (the first format that matches)."""
    if not isinstance(data, dict):
        return None
    return next((f.kind for f in FORMATS.values() if any(key in data for key in f.keys)), None)


#: Finds the data of the template a variant extends (None if there is none by that id).
Parents = Callable[[str], "dict[str, Any] | None"]


def load_file(path: str | os.PathLike[str], *, expect: Kind | None = None,
              text: str | None = None, parents: Parents | None = None) -> Loaded:
    """Parse and check the shape of one file; UnreadableError if it cannot be parsed.

    A template that `extends` another is merged onto it first, through `parents`.
    """
    document = load_yaml(path, text=text)
    sink = Collector(document.file)
    kind = detect_kind(document.data) or expect
    if kind is None or (expect and kind != expect):
        wanted = FORMATS[expect].name if expect else _any_format()
        sink.add(FILE_KIND_UNKNOWN, f"this is not {wanted}", line=1, column=1,
                 hint=", ".join(f"{f.name} has {' or '.join(repr(k) for k in f.keys)}"
                                for f in FORMATS.values()))
        return Loaded(document.file, None, None, document, [*document.problems, *sink.findings])
    form = FORMATS[kind]
    if kind == "template" and isinstance(document.data.get("extends"), str):
        extended = _with_parent(document, parents, sink)
        if extended is None:
            return Loaded(document.file, None, None, document, sink.done())
        document = extended
    model: Any = None
    try:
        model = form.adapter.validate_python(document.data)
    except ValidationError as error:
        _report(error, form.annotation, document, sink)
    return Loaded(document.file, kind, model, document, [*document.problems, *sink.done()])


def _with_parent(document: YamlDocument, parents: Parents | None,
                 sink: Collector) -> YamlDocument | None:
    """The document merged onto the template it extends, its marks moved to match; None
    (with a finding) when the parent cannot be found."""
    wanted = document.data["extends"]
    parent = parents(wanted) if parents else None
    if parent is None:
        mark = document.mark(("extends",))
        sink.add(EXTENDS_UNKNOWN, f"no template {wanted!r} to extend", path=("extends",),
                 hint="name a template s11schema can see (bundled, or on --path)",
                 line=mark.line, column=mark.column)
        return None
    moved = child_paths(parent, document.data)
    return YamlDocument(
        document.file, merged(parent, document.data),
        marks={_moved(p, moved): m for p, m in document.marks.items()},
        key_marks={_moved(p, moved): m for p, m in document.key_marks.items()},
        problems=document.problems,
        typed_plain={_moved(p, moved): v for p, v in document.typed_plain.items()})


def _moved(path: Path, moved: dict[tuple[Any, ...], tuple[Any, ...]]) -> Path:
    for length in (4, 2):
        head = path[:length]
        if head in moved:
            return (*moved[head], *path[length:])
    return path


def _any_format() -> str:
    names = [f.name for f in FORMATS.values()]
    return ", ".join(names[:-1]) + " or " + names[-1]


def _report(error: ValidationError, model: Any, document: YamlDocument, sink: Collector) -> None:
    errors = error.errors()
    misspelt = _misspellings(errors, model, document)
    seen: set[tuple[Path, str, str]] = set()
    for item in errors:
        if item["type"] == "too_short" and _has_deeper(item["loc"], errors):
            continue  # the list is not empty: an item in it failed, and says so
        loc = _present_prefix(item["loc"], document)
        kind = item["type"]
        if kind == "missing":
            what, key, loc = SCHEMA_MISSING_KEY, str(item["loc"][-1]), loc[:-1]
            if (loc, key) in misspelt:
                continue  # "unknown key 'titel' (did you mean 'title'?)" says it already
            message, hint = f"missing required key '{key}'", None
        elif kind == "extra_forbidden":
            what, key = SCHEMA_UNKNOWN_KEY, str(item["loc"][-1])
            message = f"unknown key '{key}'"
            hint = _did_you_mean(key, _fields_at(model, loc[:-1]))
        else:
            what, message, hint = SCHEMA_TYPE, _explain(item), None
        if (loc, what.code, message) in seen:  # one finding per place, not per union member
            continue
        seen.add((loc, what.code, message))
        unknown = what is SCHEMA_UNKNOWN_KEY
        where = _human(loc[:-1] if unknown else loc)
        mark = document.mark(loc, key=unknown)
        sink.add(what, f"{where}: {message}" if where else message, path=loc, hint=hint,
                 line=mark.line, column=mark.column)


def _misspellings(errors: list[Any], model: Any,
                  document: YamlDocument) -> set[tuple[Path, str]]:
    """(place, key) for each missing key that an unknown key there is a near miss of."""
    found: set[tuple[Path, str]] = set()
    for item in errors:
        if item["type"] == "extra_forbidden":
            parent = _present_prefix(item["loc"], document)[:-1]
            near = closest(str(item["loc"][-1]), _fields_at(model, parent))
            if near:
                found.add((parent, near))
    return found


def _has_deeper(loc: tuple[int | str, ...], errors: list[Any]) -> bool:
    return any(len(e["loc"]) > len(loc) and e["loc"][: len(loc)] == loc for e in errors)


def _present_prefix(loc: tuple[int | str, ...], document: YamlDocument) -> Path:
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
    return bool(re.search(r"[\[\]()<>]|^(bool|int|str|float|Policy|SmartPolicy)$", part))


def _fields_at(model: Any, path: Path) -> list[str]:
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
    hint = suggest(word, choices)
    if hint:
        return hint
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
    "int_parsing_size": "is too long a number",
    "finite_number": "should be a finite number",
}
#: Errors whose limit pydantic gives in `ctx`: the message names it.
_LIMITS = {"less_than_equal": ("should be at most", "le"),
           "greater_than_equal": ("should be at least", "ge"),
           "greater_than": ("should be more than", "gt")}


def _explain(item: Any) -> str:
    kind = item["type"]
    if item.get("input") is None and kind in ("string_type", "list_type", "tuple_type",
                                               "dict_type", "model_type"):
        return "is empty; write a value"
    if kind in _PLAIN:
        return _PLAIN[kind]
    if kind in _LIMITS and "ctx" in item:
        words, key = _LIMITS[kind]
        return f"{words} {item['ctx'].get(key)}"
    message = str(item["msg"]).removeprefix("Value error, ")
    return message.replace("Input should be", "should be")


def _human(path: Path) -> str:
    """`sections[0].standards[2].text`: a location staff can follow."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
