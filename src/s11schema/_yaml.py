"""YAML read safely, from the parser's events: every scalar is text, every node has its place.

PyYAML never constructs objects here: each scalar stays text (so `1.10` and
`no` keep their meaning), every node keeps its line and column, duplicate keys
are findings, and aliases are refused at the first `*`, before any expansion.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from ._errors import InvalidFileError
from ._files import FILE_EMPTY, FILE_TOO_DEEP, MAX_YAML_BYTES, decode, fail, read_bytes, size_limit
from ._findings import Code, Collector, Finding, code
from ._parse_errors import PARSER_ERRORS, YAML_SYNTAX, refuse
from ._position import Mark
from ._text import Path

try:  # the C parser is about 18x faster and keeps marks
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _YamlLoader  # type: ignore[assignment]

YAML_DUPLICATE_KEY = code(
    "yaml-duplicate-key", "error", "templates, scales",
    "A key is written twice in one mapping; YAML would silently keep the last.",
    "rag.yaml:9:3: error yaml-duplicate-key: key 'code' is written twice (first at line 8)")
YAML_ALIAS = code("yaml-alias", "error", "templates, scales",
                  "Anchors and aliases (&name, *name) are not allowed.",
                  "t.yaml:7:12: error yaml-alias: anchors and aliases are not allowed")

#: Deepest nesting accepted; real templates and scales need fewer than 8.
MAX_DEPTH = 64


@dataclass(slots=True)
class YamlDocument:
    """A YAML file's data (text, lists, mappings and None) with the marks of each node."""

    file: str
    data: Any
    marks: dict[Path, Mark] = field(default_factory=dict)
    key_marks: dict[Path, Mark] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)
    #: Unquoted scalars that YAML 1.1 readers would take for a number, boolean or null.
    typed_plain: dict[Path, str] = field(default_factory=dict)
    #: The same for keys (a crosswalk's `2.3:`), by the path of the value they name.
    typed_keys: dict[Path, str] = field(default_factory=dict)

    def mark(self, path: Path, *, key: bool = False) -> Mark:
        """The mark of the node at `path`, or of its nearest ancestor that exists."""
        path = tuple(path)
        while path:
            found = (self.key_marks if key else self.marks).get(path) or self.marks.get(path)
            if found:
                return found
            path = path[:-1]
        return self.marks.get((), Mark(1, 1))


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass(slots=True)
class _Frame:
    container: dict[str, Any] | list[Any]
    path: Path
    key: str | None = None
    key_mark: Mark | None = None
    #: The pending key repeats one already in this mapping: its value is read, then dropped.
    duplicate: bool = False
    #: Inside a dropped value: nothing here is kept or given a mark.
    detached: bool = False


def load_yaml(source: str | os.PathLike[str], *, text: str | None = None,
              max_bytes: int | None = None) -> YamlDocument:
    """Read one YAML document safely; raise UnreadableError if it cannot be parsed."""
    file = os.fspath(source)
    if text is None:
        text = decode(read_bytes(file, max_bytes=size_limit(MAX_YAML_BYTES, max_bytes)), file)
    if not text.strip():
        fail(file, FILE_EMPTY, "the file is empty")
    document = YamlDocument(file, None)
    try:
        _build(yaml.parse(text, Loader=_YamlLoader), document)
    except PARSER_ERRORS as error:
        refuse(file, error, text)
    return document


_resolver = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"

#: What YAML 1.2 (core schema) readers, such as yaml-language-server, read as non-text.
_YAML12_TYPED = re.compile(
    r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|true|True|TRUE|false|False|FALSE"
    r"|null|Null|NULL|~)$"
)


def typed_as(value: str) -> str | None:
    """What a YAML 1.1 or 1.2 reader (PyYAML, editors) would read this plain scalar as,
    or None where it stays text. Nothing is constructed, so `2021-02-30` cannot fail."""
    tag: str = _resolver.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    if tag != _STR_TAG:
        kind = tag.rsplit(":", 1)[-1]
        return {"int": "a whole number", "float": "a number", "bool": "true or false",
                "null": "null", "timestamp": "a date"}.get(kind, f"a {kind}")
    if _YAML12_TYPED.match(value):
        return "a number (as YAML 1.2 readers such as yaml-language-server do)"
    return None


def _build(events: Iterator[yaml.Event], document: YamlDocument) -> None:
    """Turn parser events into plain data with marks, without recursion."""
    sink = Collector(document.file)
    stack: list[_Frame] = []
    documents = 0
    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                fail(document.file, YAML_SYNTAX, "more than one YAML document in the file",
                     _mark(event), hint="remove the second '---'")
            continue
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            _invalid(document.file, YAML_ALIAS, "anchors and aliases (&name, *name) are not "
                     "allowed", _mark(event), "write the value out in full")
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            continue
        if stack and isinstance(stack[-1].container, dict) and stack[-1].key is None:
            _take_key(event, stack[-1], document, sink)
            continue
        if isinstance(event, yaml.ScalarEvent):
            value: Any = None if (not event.style and event.value in _NULLS) else event.value
        elif isinstance(event, yaml.MappingStartEvent):
            value = {}
        elif isinstance(event, yaml.SequenceStartEvent):
            value = []
        else:  # stream and document boundaries
            continue
        path, kept = _attach(value, stack, document, _mark(event))
        if kept and isinstance(event, yaml.ScalarEvent) and value is not None \
                and not event.style and typed_as(value):
            document.typed_plain[path] = value
        if isinstance(value, (dict, list)):
            if len(stack) >= MAX_DEPTH:
                fail(document.file, FILE_TOO_DEEP, f"nesting is deeper than {MAX_DEPTH} levels",
                     _mark(event))
            stack.append(_Frame(value, path, detached=not kept))
    document.problems.extend(sink.findings)


def _invalid(file: str, what: Code, message: str, mark: Mark, hint: str) -> None:
    sink = Collector(file)
    sink.add(what, message, hint=hint, line=mark.line, column=mark.column)
    raise InvalidFileError(sink.findings)


def _take_key(event: yaml.Event, frame: _Frame, document: YamlDocument, sink: Collector) -> None:
    mark = _mark(event)
    if not isinstance(event, yaml.ScalarEvent):
        _invalid(document.file, YAML_SYNTAX, "a key must be plain text, not a list or mapping",
                 mark, "write the key as text, then ':'")
    key = str(getattr(event, "value", ""))
    assert isinstance(frame.container, dict)
    frame.duplicate = key in frame.container
    if frame.duplicate and not frame.detached:
        first_path: Path = (*frame.path, key)
        first = document.key_marks[first_path]
        sink.add(YAML_DUPLICATE_KEY, f"key '{key}' is written twice in one mapping "
                 f"(first at line {first.line})", hint="keep one and delete the other",
                 line=mark.line, column=mark.column)
    if not frame.detached and not frame.duplicate and not getattr(event, "style", None) \
            and typed_as(key):
        where: Path = (*frame.path, key)
        document.typed_keys[where] = key
    frame.key, frame.key_mark = key, mark


def _attach(value: Any, stack: list[_Frame], document: YamlDocument,
            mark: Mark) -> tuple[Path, bool]:
    """Put a node in its parent; False where it is dropped (a duplicate key's value)."""
    if not stack:
        document.data = value
        document.marks[()] = mark
        return (), True
    frame = stack[-1]
    if isinstance(frame.container, list):
        path: Path = (*frame.path, len(frame.container))
        frame.container.append(value)
        kept = not frame.detached
    else:
        assert frame.key is not None
        assert frame.key_mark is not None
        path = (*frame.path, frame.key)
        kept = not (frame.detached or frame.duplicate)
        if kept:
            frame.container[frame.key] = value
            document.key_marks[path] = frame.key_mark
        frame.key = frame.key_mark = None
        frame.duplicate = False
    if kept:
        document.marks[path] = mark
    return path, kept


def _mark(event: yaml.Event) -> Mark:
    mark = event.start_mark
    return Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)


DUPLICATE_ID = code(
    "duplicate-id", "error", "templates, scales, domains",
    "An id (standard, section, field, question, code, domain) is used twice.",
    "t.yaml:30:11: error duplicate-id: standard id '1.2' is used twice, first at line 14")


class Located(Collector):
    """A collector that places findings by their path in a YAML document."""

    __slots__ = ("document",)

    def __init__(self, document: YamlDocument) -> None:
        super().__init__(document.file)
        self.document = document

    def at(self, path: Path, what: Code, message: str, hint: str | None = None) -> None:
        mark = self.document.mark(path)
        self.add(what, message, path=path, hint=hint, line=mark.line, column=mark.column)

    def unique(self, what: str, items: Iterable[tuple[Path, str]], *, fold: bool = True) -> None:
        """Report each value used a second time (after Unicode normalisation, and case
        folding with `fold`), so that look-alike ids are caught as well as equal ones."""
        first: dict[str, Path] = {}
        for path, value in items:
            key = same_id_key(value, fold=fold)
            if key in first:
                line = self.document.mark(first[key]).line
                self.at(path, DUPLICATE_ID, f"{what} '{value}' is used twice, first at line "
                        f"{line}", hint=f"give each {what} its own id")
            else:
                first[key] = path


def same_id_key(value: str, *, fold: bool = False) -> str:
    """The form under which two ids count as the same: NFC, and case-folded with `fold`."""
    key = unicodedata.normalize("NFC", value)
    return key.casefold() if fold else key


CODES: tuple[Code, ...] = (YAML_DUPLICATE_KEY, YAML_ALIAS, DUPLICATE_ID)
