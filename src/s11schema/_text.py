"""Small helpers shared by the rule modules."""

from __future__ import annotations

import difflib
import reprlib
from collections.abc import Iterable

PLACEHOLDERS = frozenset({
    "tbc", "tba", "tbd", "-", "--", "---", ".", "..", "...", "?", "x", "na", "n/a",
    "see above", "as above", "see below", "to follow", "to be confirmed", "todo",
    "to do", "pending", "same as above", "as before",
})


def esc(part: object) -> str:
    """A key as a JSON Pointer token (RFC 6901); dicts built in Python may have other keys."""
    text = part if isinstance(part, str) else str(part)
    return text.replace("~", "~0").replace("/", "~1") if ("~" in text or "/" in text) else text


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


_LONGEST_PLACEHOLDER = max(len(p) for p in PLACEHOLDERS)


def is_placeholder(value: str) -> bool:
    if len(value) > _LONGEST_PLACEHOLDER + 8:  # evidence is long; placeholders are short
        return False
    return value.strip().strip(".!").strip().casefold() in PLACEHOLDERS or (
        value.strip().casefold() in PLACEHOLDERS)


def _short_repr() -> reprlib.Repr:
    """repr() of audit values, bounded in depth and length (a list may nest 5 000 deep)."""
    short = reprlib.Repr()
    short.maxlevel, short.maxlist, short.maxdict = 2, 3, 3
    short.maxstring = short.maxother = 30
    return short


_REPR = _short_repr()


def quote(value: object, limit: int = 40) -> str:
    """A value for a message, shortened; never used for personal fields."""
    if isinstance(value, int) and abs(value) > 10**12:  # repr() of a huge int may fail
        return "a very large number"
    if not isinstance(value, str):
        return _REPR.repr(value)
    return f"'{value}'" if len(value) <= limit - 2 else f"'{value[: limit - 3]}…'"


def type_name(value: object) -> str:
    return {dict: "an object", list: "an array", str: "text", bool: "true or false",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), "a value")


def visible(text: str) -> str:
    """Text safe for one log line: control characters and lone surrogates escaped."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def suggest(word: object, choices: Iterable[str]) -> str | None:
    if not isinstance(word, str):
        return None
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None
