"""Every exception a parser or the operating system raises, mapped onto one finding code.

The YAML and JSON readers catch what their parsers raise and ask this table what
it means, so the same fault gives the same code whichever layer notices it first:
libyaml refuses deep nesting itself (since PyYAML 6.0.4), the pure-Python parser
leaves it to our own depth check, and the json module raises RecursionError on one
Python and parses on another. The first matching row wins.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn

import yaml

from ._errors import BadConstantError
from ._files import (
    FILE_EMPTY,
    FILE_ENCODING,
    FILE_TOO_DEEP,
    FILE_TOO_LARGE,
    FILE_UNREADABLE,
    fail,
)
from ._findings import Code, code
from ._position import Mark, mark_at

JSON_SYNTAX = code("json-syntax", "error", "audits", "The file is not valid JSON.",
                   "audit.json:12:5: error json-syntax: expecting ',' delimiter")
YAML_SYNTAX = code("yaml-syntax", "error", "templates, scales",
                   "The file is not valid YAML.",
                   "rag.yaml:4:1: error yaml-syntax: found character '\\t' that cannot start "
                   "any token")
CODES: tuple[Code, ...] = (JSON_SYNTAX, YAML_SYNTAX)


@dataclass(frozen=True, slots=True)
class Failure:
    """What a parser exception means for the file: a finding code, where, and a hint."""

    code: Code
    message: str
    mark: Mark | None = None
    hint: str | None = None


_Explain = Callable[[BaseException, str], Failure]


def _yaml_mark(error: BaseException) -> Mark | None:
    if not isinstance(error, yaml.MarkedYAMLError):
        return None
    mark = error.problem_mark or error.context_mark
    return Mark(mark.line + 1, mark.column + 1) if mark else None


def _too_deep(error: BaseException, text: str) -> Failure:
    return Failure(FILE_TOO_DEEP, "lists and mappings are nested too deeply",
                   _yaml_mark(error), "real templates, scales and audits need fewer than 8 "
                   "levels; look for unclosed brackets")


def _json_too_deep(error: BaseException, text: str) -> Failure:
    return Failure(FILE_TOO_DEEP, "arrays and objects are nested too deeply")


def _bad_character(error: BaseException, text: str) -> Failure:
    assert isinstance(error, yaml.reader.ReaderError)
    return Failure(YAML_SYNTAX, f"character U+{error.character:04X} is not allowed in YAML",
                   mark_at(text, error.position),
                   "delete it; such characters are often pasted in from other programs")


def _not_unicode(error: BaseException, text: str) -> Failure:
    start = getattr(error, "start", 0)
    return Failure(FILE_ENCODING, "the text holds a character that is not valid Unicode",
                   mark_at(text, start if isinstance(start, int) else 0))


def _yaml_syntax(error: BaseException, text: str) -> Failure:
    assert isinstance(error, yaml.MarkedYAMLError)
    mark = _yaml_mark(error)
    hint = "use spaces, not tabs, to indent" if _tab_at(text, mark) else None
    return Failure(YAML_SYNTAX, error.problem or error.context or "invalid YAML", mark, hint)


def _yaml_unmarked(error: BaseException, text: str) -> Failure:
    return Failure(YAML_SYNTAX, str(error) or "invalid YAML")


def _json_syntax(error: BaseException, text: str) -> Failure:
    assert isinstance(error, json.JSONDecodeError)
    if not text.strip():
        return Failure(FILE_EMPTY, "the file is empty")
    return Failure(JSON_SYNTAX, error.msg[:1].lower() + error.msg[1:],
                   Mark(error.lineno, error.colno))


def _bad_constant(error: BaseException, text: str) -> Failure:
    name = str(error)
    offset = text.find(name) if name else -1
    return Failure(JSON_SYNTAX, f"{name or 'NaN or Infinity'} is not valid JSON",
                   mark_at(text, offset) if offset >= 0 else None, "write a number, or null")


def _number_too_long(error: BaseException, text: str) -> Failure:
    return Failure(JSON_SYNTAX, f"a number is too long ({str(error).split(':')[0]})",
                   hint="write numbers of at most a few digits, or as text")


def _os_error(error: BaseException, text: str) -> Failure:
    assert isinstance(error, OSError)
    return Failure(FILE_UNREADABLE, f"cannot be read: {error.strerror or error}")


def _out_of_memory(error: BaseException, text: str) -> Failure:
    return Failure(FILE_TOO_LARGE, "the file needs more memory than there is to read it",
                   hint="split it into smaller files")


#: (exception class, text its message must contain or None, what it means), first match wins.
TABLE: tuple[tuple[type[BaseException], str | None, _Explain], ...] = (
    (yaml.MarkedYAMLError, "maximum nesting depth", _too_deep),  # libyaml >= 0.2.6
    (yaml.reader.ReaderError, None, _bad_character),
    (UnicodeError, None, _not_unicode),
    (yaml.MarkedYAMLError, None, _yaml_syntax),
    (yaml.YAMLError, None, _yaml_unmarked),
    (RecursionError, None, _json_too_deep),
    (json.JSONDecodeError, None, _json_syntax),
    (BadConstantError, None, _bad_constant),
    (ValueError, "digits", _number_too_long),  # int beyond sys.get_int_max_str_digits()
    (MemoryError, None, _out_of_memory),
    (OSError, None, _os_error),
)

#: What the readers catch: every class in TABLE.
PARSER_ERRORS: tuple[type[BaseException], ...] = tuple(dict.fromkeys(row[0] for row in TABLE))


def explain(error: BaseException, text: str = "") -> Failure:
    """The failure an exception stands for; an exception the table lacks is re-raised."""
    for kind, needle, build in TABLE:
        if isinstance(error, kind) and (needle is None or needle in str(error)):
            return build(error, text)
    raise error


def _tab_at(text: str, mark: Mark | None) -> bool:
    if mark is None:
        return "\t" in text
    lines = text.splitlines()
    line = lines[mark.line - 1] if 0 < mark.line <= len(lines) else ""
    return "\t" in line[: mark.column]


def refuse(file: str, error: BaseException, text: str = "") -> NoReturn:
    """Raise UnreadableError with the finding that `error` stands for."""
    failure = explain(error, text)
    fail(file, failure.code, failure.message, failure.mark, failure.hint)
