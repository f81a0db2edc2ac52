"""JSON read strictly: duplicate keys, NaN, huge numbers and deep nesting are findings.

The C parser keeps its speed on the common, clean file: it parses with a hook that
only counts each object's keys, and a count of the keys written in the text proves
that no object repeats one (see `_keys_repeated`). Only when the count cannot prove
it does the parser run again with a hook that builds each object from its pairs to
notice a repeat, and the slower scan that tracks positions runs only to explain one.
Parser errors are explained by `_parse_errors`, imported only when a file is bad,
so reading a good audit never loads PyYAML.
"""

from __future__ import annotations

import bisect
import json
import re
import threading
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
    quick = _parse_quickly(text)
    if quick is not None:
        return JsonDocument(file, quick[0])
    from ._parse_errors import PARSER_ERRORS, refuse

    try:
        try:
            return JsonDocument(file, _parse_all(_strict, text))
        except _DuplicateKeyError:
            data = _parse_all(_lenient, text)  # every other fault is found before locating
            return JsonDocument(file, data, _locate_faults(text, file))
    except PARSER_ERRORS as error:
        refuse(file, error, text)


class _Counting(threading.local):
    """A parser whose hook counts the keys each object keeps, one per thread (a parse
    never starts another, so one per thread is never shared)."""

    def __init__(self) -> None:
        self.kept = 0
        self.decoder = json.JSONDecoder(object_hook=self._count,
                                        parse_constant=_reject_constant)

    def _count(self, obj: dict[str, Any]) -> dict[str, Any]:
        self.kept += len(obj)
        return obj


_counting = _Counting()


def _parse_quickly(text: str) -> tuple[Any] | None:
    """The document, where the count proves no object repeats a key; None where it cannot
    (a repeat, or text that does not parse), and the strict parser decides."""
    counting = _counting
    counting.kept = 0
    try:
        data = _parse_all(counting.decoder, text)
    except (ValueError, RecursionError, MemoryError):  # the strict parse explains it
        return None
    return None if _keys_repeated(text, counting.kept) else (data,)


#: The end of a key: its closing quote, then the colon (JSON allows spaces between).
_KEY_END = re.compile(r'"[ \t\n\r]*:')


def _keys_repeated(text: str, kept: int) -> bool:
    """Whether some object may have written a key twice, given the keys the parser kept.

    Each key written ends in a quote followed by a colon (perhaps after spaces), so
    counting those gives at least the keys written; only text inside a string can add
    more (a value that starts with a colon, or holds an escaped quote before one). The
    parser keeps one entry per distinct key, so a count equal to the keys kept proves
    no object repeats one. Where no colon in the text follows a space, `str.count`
    does the counting; otherwise a pattern does. (A search for one character is much
    quicker than for two, so tabs and line breaks are looked for on their own first.)
    """
    if " :" in text or any(space in text and space + ":" in text for space in "\t\n\r"):
        written = len(_KEY_END.findall(text))
    else:
        written = text.count('":')
    return written != kept


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
