"""The one input layer: every file s11schema reads comes through here.

YAML is read from the parser's event stream, never constructed by PyYAML:
each scalar stays text (so `1.10` and `no` keep their meaning), every node
keeps its line and column, duplicate keys are findings, and aliases are
refused at the first `*`, before any expansion. JSON keeps the C parser's
speed; the slower, position-tracking scan runs only to explain a fault.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from ._parse_errors import PARSER_ERRORS, BadConstantError, explain
from ._position import Mark
from .errors import InvalidFileError, UnreadableError
from .findings import Collector, Finding

try:  # the C parser is about 18x faster and keeps marks
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _YamlLoader  # type: ignore[assignment]

#: Default size limits, checked before parsing. Override with `max_bytes=`
#: or the S11SCHEMA_MAX_BYTES environment variable.
MAX_AUDIT_BYTES = 5 * 1024 * 1024
MAX_YAML_BYTES = 2 * 1024 * 1024
#: Deepest nesting accepted; real audits and templates need fewer than 8.
MAX_DEPTH = 64

Path_ = tuple[str | int, ...]


def size_limit(default: int) -> int:
    """The size limit in force: S11SCHEMA_MAX_BYTES if set, else `default`."""
    value = os.environ.get("S11SCHEMA_MAX_BYTES", "")
    return int(value) if value.isdigit() and int(value) > 0 else default


def _fail(file: str, code: str, message: str, mark: Mark | None = None, hint: str | None = None,
          *, unreadable: bool = True) -> None:
    sink = Collector(file)
    sink.add(code, message, hint=hint, line=mark.line if mark else None,
             column=mark.column if mark else None)
    raise (UnreadableError if unreadable else InvalidFileError)(sink.findings)


@contextlib.contextmanager
def open_file(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Open a file for reading, refusing what is not one: a missing path, a folder, or a
    named pipe (which would wait for a writer forever)."""
    name = os.fspath(path)
    try:
        mode = os.stat(name).st_mode
        if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
            _fail(name, "file-unreadable", "is a named pipe or socket, not a file")
        if stat.S_ISDIR(mode):
            _fail(name, "file-unreadable", "is a directory, not a file")
        handle = open(name, "rb")  # noqa: SIM115 - closed below, after the caller's block
    except OSError as error:
        _fail(name, "file-unreadable", f"cannot be read: {error.strerror or error}")
    with handle:
        try:
            yield handle
        except OSError as error:
            _fail(name, "file-unreadable", f"cannot be read: {error.strerror or error}")


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int) -> bytes:
    """Read a file, refusing it before reading if it is over `max_bytes`."""
    name = os.fspath(path)
    with open_file(name) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > max_bytes:
            _fail(name, "file-too-large", f"{_megabytes(size)} is over the "
                  f"{_megabytes(max_bytes)} limit", hint="raise it with --max-bytes "
                  "or S11SCHEMA_MAX_BYTES if the file is genuine")
        data = handle.read(max_bytes + 1)  # special files report no size
    if len(data) > max_bytes:
        _fail(name, "file-too-large", f"more than the {_megabytes(max_bytes)} limit")
    return data


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def decode(data: bytes, file: str) -> str:
    """UTF-8 text, with a byte-order mark accepted and bad bytes located."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start:error.start].decode("utf-8", "replace")) + 1
        _fail(file, "file-encoding", f"invalid UTF-8 byte 0x{data[error.start]:02x}",
              Mark(line, column), hint="save the file as UTF-8")
    raise AssertionError("unreachable")  # pragma: no cover


# --------------------------------------------------------------------------- YAML


@dataclass(slots=True)
class YamlDocument:
    """A YAML file's data (text, lists, mappings and None) with the marks of each node."""

    file: str
    data: Any
    marks: dict[Path_, Mark] = field(default_factory=dict)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)
    #: Unquoted scalars that YAML 1.1 readers would take for a number, boolean or null.
    typed_plain: dict[Path_, str] = field(default_factory=dict)

    def mark(self, path: Path_, *, key: bool = False) -> Mark:
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
    path: Path_
    key: str | None = None
    key_mark: Mark | None = None


def load_yaml(source: str | os.PathLike[str], *, text: str | None = None,
              max_bytes: int | None = None) -> YamlDocument:
    """Read one YAML document safely; raise UnreadableError if it cannot be parsed."""
    file = os.fspath(source)
    if text is None:
        text = decode(read_bytes(file, max_bytes=max_bytes or size_limit(MAX_YAML_BYTES)), file)
    if not text.strip():
        _fail(file, "file-empty", "the file is empty")
    document = YamlDocument(file, None)
    try:
        _build(yaml.parse(text, Loader=_YamlLoader), document)
    except PARSER_ERRORS as error:
        failure = explain(error, text)
        _fail(file, failure.code, failure.message, failure.mark, failure.hint)
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


def _typed(value: str) -> bool:
    """Would a YAML 1.1 or 1.2 reader (PyYAML, editors) read this plain scalar as non-text?"""
    tag: str = _resolver.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag != _STR_TAG or bool(_YAML12_TYPED.match(value))


def _build(events: Iterator[yaml.Event], document: YamlDocument) -> None:
    """Turn parser events into plain data with marks, without recursion."""
    sink = Collector(document.file)
    stack: list[_Frame] = []
    documents = 0
    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                _fail(document.file, "yaml-syntax", "more than one YAML document in the file",
                      _mark(event), hint="remove the second '---'", unreadable=True)
            continue
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            _fail(document.file, "yaml-alias", "anchors and aliases (&name, *name) are not "
                  "allowed", _mark(event), hint="write the value out in full",
                  unreadable=False)
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
        path = _attach(value, stack, document, _mark(event))
        if isinstance(event, yaml.ScalarEvent) and value is not None and not event.style \
                and _typed(value):
            document.typed_plain[path] = value
        if isinstance(value, (dict, list)):
            if len(stack) >= MAX_DEPTH:
                _fail(document.file, "file-too-deep", f"nesting is deeper than {MAX_DEPTH} "
                      "levels", _mark(event))
            stack.append(_Frame(value, path))
    document.problems.extend(sink.findings)


def _take_key(event: yaml.Event, frame: _Frame, document: YamlDocument, sink: Collector) -> None:
    mark = _mark(event)
    if not isinstance(event, yaml.ScalarEvent):
        _fail(document.file, "yaml-syntax", "a key must be plain text, not a list or mapping",
              mark, unreadable=False)
    key = str(getattr(event, "value", ""))
    assert isinstance(frame.container, dict)
    if key in frame.container:
        first_path: Path_ = (*frame.path, key)
        first = document.key_marks[first_path]
        sink.add("yaml-duplicate-key", f"key '{key}' is written twice in one mapping "
                 f"(first at line {first.line})", hint="keep one and delete the other",
                 line=mark.line, column=mark.column)
        key = f"{key}\x00duplicate@{mark.line}:{mark.column}"  # keep the first, check the rest
    frame.key, frame.key_mark = key, mark


def _attach(value: Any, stack: list[_Frame], document: YamlDocument, mark: Mark) -> Path_:
    if not stack:
        document.data = value
        document.marks[()] = mark
        return ()
    frame = stack[-1]
    if isinstance(frame.container, list):
        path: Path_ = (*frame.path, len(frame.container))
        frame.container.append(value)
    else:
        assert frame.key is not None
        assert frame.key_mark is not None
        path = (*frame.path, frame.key)
        if "\x00duplicate@" not in frame.key:
            frame.container[frame.key] = value
        document.key_marks[path] = frame.key_mark
        frame.key = frame.key_mark = None
    document.marks[path] = mark
    return path


def _mark(event: yaml.Event) -> Mark:
    mark = event.start_mark
    return Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)


# --------------------------------------------------------------------------- JSON


class _DuplicateKeyError(Exception):
    pass


def _strict_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKeyError
    return result


def _reject_constant(name: str) -> Any:
    raise BadConstantError(name)


_strict = json.JSONDecoder(object_pairs_hook=_strict_pairs, parse_constant=_reject_constant)
_lenient = json.JSONDecoder(parse_constant=_reject_constant)  # keeps the last of duplicates


def _parse_all(decoder: json.JSONDecoder, text: str) -> Any:
    data, end = decoder.raw_decode(text, _skip_space(text, 0))
    if _skip_space(text, end) != len(text):
        raise json.JSONDecodeError("extra data after the end of the document", text, end)
    return data


@dataclass(slots=True)
class JsonDocument:
    """Parsed JSON and the problems found while parsing it (duplicate keys)."""

    file: str
    data: Any
    problems: list[Finding] = field(default_factory=list)


def parse_json(raw: bytes | str, *, file: str = "<input>") -> JsonDocument:
    """Parse JSON strictly; raise UnreadableError when it cannot be parsed at all."""
    text = decode(raw, file) if isinstance(raw, bytes) else raw.removeprefix("\ufeff")
    try:
        try:
            return JsonDocument(file, _parse_all(_strict, text))
        except _DuplicateKeyError:
            data = _parse_all(_lenient, text)  # every other fault is found before locating
            return JsonDocument(file, data, _locate_faults(text, file))
    except PARSER_ERRORS as error:
        failure = explain(error, text)
        _fail(file, failure.code, failure.message, failure.mark, failure.hint)
    raise AssertionError("unreachable")  # pragma: no cover


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+', re.DOTALL)


class _Position:
    def __init__(self, text: str) -> None:
        self._newlines = [i for i, char in enumerate(text) if char == "\n"]

    def __call__(self, offset: int) -> Mark:
        line = bisect.bisect_left(self._newlines, offset)
        start = self._newlines[line - 1] + 1 if line else 0
        return Mark(line + 1, offset - start + 1)


def pointer(path: Path_) -> str:
    """The JSON Pointer (RFC 6901) for a path of keys and indices."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def _locate_faults(text: str, file: str) -> list[Finding]:
    """Find every duplicate key with both positions; only run when one exists."""
    position = _Position(text)
    sink = Collector(file)
    # each frame: (is_object, path, keys seen -> offset, pending key, index)
    stack: list[list[Any]] = []
    expect_key = False
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "{[":
            if stack:
                _advance(stack[-1])
            stack.append([token == "{", _child_path(stack), {}, None, 0])
            expect_key = token == "{"
        elif token in "}]":
            stack.pop()
            expect_key = False
        elif token == ",":
            expect_key = bool(stack and stack[-1][0])
        elif token == ":":
            expect_key = False
        elif expect_key and token.startswith('"'):
            frame = stack[-1]
            key = json.loads(token)
            if key in frame[2]:
                first = position(frame[2][key])
                here = position(match.start())
                sink.add("json-duplicate-key", f"key '{key}' is written twice in one object "
                         f"(first at line {first.line}, column {first.column})",
                         path=pointer((*frame[1], key)), line=here.line, column=here.column,
                         hint="keep one and delete the other")
            frame[2][key] = match.start()
            frame[3] = key
        elif stack:
            _advance(stack[-1])
    return sink.findings


def _child_path(stack: list[list[Any]]) -> Path_:
    if not stack:
        return ()
    parent = stack[-1]
    return (*parent[1], parent[3] if parent[0] else parent[4] - 1)


def _advance(frame: list[Any]) -> None:
    if not frame[0]:
        frame[4] += 1


def read_json(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> JsonDocument:
    """Read and parse a JSON file under the size limit."""
    file = os.fspath(path)
    return parse_json(read_bytes(file, max_bytes=max_bytes or size_limit(MAX_AUDIT_BYTES)),
                      file=file)


def atomic_write(path: str | os.PathLike[str], data: str, *, force: bool = False) -> None:
    """Write `data` to `path` through a temporary file in the same folder.

    A reader never sees half a file, and an existing file is kept unless
    `force` is set (FileExistsError otherwise).
    """
    target = Path(path)
    if target.exists() and not force:
        raise FileExistsError(f"{target} exists; use --force to overwrite it")
    # mkstemp creates a new file with an unpredictable name (O_EXCL): never a planted link
    descriptor, name = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.",
                                        suffix=".tmp")
    temporary = Path(name)
    try:
        with open(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()
