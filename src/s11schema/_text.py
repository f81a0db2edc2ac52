"""Small helpers shared by the rule modules."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

PLACEHOLDERS = frozenset({
    "tbc", "tba", "tbd", "-", "--", "---", ".", "..", "...", "?", "x", "na", "n/a",
    "see above", "as above", "see below", "to follow", "to be confirmed", "todo",
    "to do", "pending", "same as above", "as before",
})


def esc(part: str) -> str:
    """A key as a JSON Pointer token (RFC 6901)."""
    return part.replace("~", "~0").replace("/", "~1") if ("~" in part or "/" in part) else part


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def is_placeholder(value: str) -> bool:
    return value.strip().strip(".!").strip().casefold() in PLACEHOLDERS or (
        value.strip().casefold() in PLACEHOLDERS)


def quote(value: object, limit: int = 40) -> str:
    """A value for a message, shortened; never used for personal fields."""
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= limit else text[: limit - 2] + "…'"


def type_name(value: object) -> str:
    return {dict: "an object", list: "an array", str: "text", bool: "true or false",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), "a value")


def suggest(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None
