"""JSON read strictly: duplicate keys, NaN, huge numbers and deep nesting are findings.

The C parser builds each object through a hook that notices a repeated key (a dict
shorter than its pairs), which costs about half a `json.loads` more on a typical
audit. Only when a key is repeated does the parser run again, keeping the last of
each, and the slower scan that tracks positions runs only to explain the repeat.
Parser errors are explained by `_parse_errors`, imported only when a file is bad,
so reading a good audit never loads PyYAML.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ._errors import BadConstantError
from ._files import decode
from ._findings import Code, Collector, Finding, code
from ._position import Mark
from ._text import Path

JSON_DUPLICATE_KEY = code(
    "json-duplicate-key", "error", "audits", "A key is written twice in one object.",
    "audit.json:9:7: error json-duplicate-key: key 'rating' is written twice in one object "
    "(first at line 8, column 7)")
CODES: tuple[Code, ...] = (JSON_DUPLICATE_KEY,)


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
    except _JSON_ERRORS as error:
        from ._parse_errors import refuse

        refuse(file, error, text)


#: What the JSON parser raises on text it cannot read (`_parse_errors` explains each).
_JSON_ERRORS = (ValueError, RecursionError, MemoryError)  # NaN: BadConstantError, a ValueError


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
                sink.add(JSON_DUPLICATE_KEY, f"key '{key}' is written twice in one object "
                         f"(first at line {first.line}, column {first.column})",
                         path=(*frame[1], key), line=here.line, column=here.column,
                         hint="keep one and delete the other")
            frame[2][key] = match.start()
            frame[3] = key
        elif stack:
            _advance(stack[-1])
    return sink.findings


def _child_path(stack: list[list[Any]]) -> Path:
    if not stack:
        return ()
    parent = stack[-1]
    return (*parent[1], parent[3] if parent[0] else parent[4] - 1)


def _advance(frame: list[Any]) -> None:
    if not frame[0]:
        frame[4] += 1
