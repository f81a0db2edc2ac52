"""Text helpers shared by every module: quoting values, safe output, near misses.

Audits and YAML files are written by other people, so any text taken from them
is untrusted when it is shown: a control character could forge a line of a CI
log or recolour a terminal, and Markdown or HTML could inject markup. Each
target has one function here, and nothing else writes such text.
"""

from __future__ import annotations

import difflib
import html as _html
import re
import reprlib
from collections.abc import Iterable

PLACEHOLDERS = frozenset({
    "tbc", "tba", "tbd", "-", "--", "---", ".", "..", "...", "?", "x", "na", "n/a",
    "see above", "as above", "see below", "to follow", "to be confirmed", "todo",
    "to do", "pending", "same as above", "as before",
})
_LONGEST_PLACEHOLDER = max(len(p) for p in PLACEHOLDERS)
#: The longest untrusted text shown in one place; longer is cut with an ellipsis.
LONGEST_SHOWN = 2000

Path = tuple[str | int, ...]


def pointer_token(part: object) -> str:
    """A key as a JSON Pointer token (RFC 6901)."""
    text = part if isinstance(part, str) else str(part)
    return text.replace("~", "~0").replace("/", "~1") if ("~" in text or "/" in text) else text


def pointer(path: Path) -> str:
    """The JSON Pointer of a path of keys and indices: ("responses", "1/2") -> /responses/1~12."""
    return "".join("/" + pointer_token(part) for part in path)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


#: Text longer than this in a field is never taken for a placeholder such as "TBC".
SHORT_TEXT = 32


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
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**12:
        return "a very large number"  # repr() of a huge int may fail
    if not isinstance(value, str):
        return _REPR.repr(value)
    return f"'{value}'" if len(value) <= limit - 2 else f"'{value[: limit - 3]}…'"


def type_name(value: object) -> str:
    return {dict: "an object", list: "an array", str: "text", bool: "true or false",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), "a value")


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def visible(text: str, limit: int | None = None) -> str:
    """Text safe for one line of a terminal or log.

    Control characters (ESC included), bidi and zero-width marks and lone
    surrogates are written as `\\uXXXX`, so nothing can start a line, move the
    cursor, colour the screen or reorder what a reviewer reads.
    """
    if limit is not None:
        text = _shortened(text, limit)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#<>!~])")


def markdown(text: str, limit: int = LONGEST_SHOWN) -> str:
    """Text for one Markdown table cell or line: one line, no markup, no HTML, no links."""
    flat = " ".join(visible(_shortened(text, limit)).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _html.escape(flat, quote=False))


def html(text: str, limit: int = LONGEST_SHOWN) -> str:
    """Text for HTML content and attributes.

    "://" becomes "&#58;//" (shown the same) so that no address an organisation
    typed can be taken for a link or a resource by a browser, a mail filter or a
    reviewer's check that the file loads nothing.
    """
    shown = visible(_shortened(text, limit))
    return _html.escape(shown, quote=True).replace("://", "&#58;//")


def closest(word: object, choices: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The choice nearest `word`, if any is near enough to be a slip of the keyboard.

    The same choice as `difflib.get_close_matches(word, choices, n=1)`, found with less
    work: the full similarity (`ratio`, the costly part) is worked out only for choices
    whose cheap upper bound (`quick_ratio`) could still beat the best so far, best
    bound first. A faulty audit asks this for every unknown key.
    """
    if not isinstance(word, str) or len(word) > 200:
        return None
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    bounds = []
    for choice in choices:
        matcher.set_seq1(choice)
        if matcher.real_quick_ratio() >= cutoff:
            bound = matcher.quick_ratio()
            if bound >= cutoff:
                bounds.append((bound, choice))
    best: tuple[float, str] | None = None
    for bound, choice in sorted(bounds, reverse=True):
        if best is not None and bound < best[0]:
            break  # ratio <= quick_ratio: no choice left can beat (or tie) the best
        matcher.set_seq1(choice)
        found = (matcher.ratio(), choice)
        if found[0] >= cutoff and (best is None or found > best):
            best = found  # ties go to the greater choice, as get_close_matches's do
    return None if best is None else best[1]


def suggest(word: object, choices: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """"did you mean 'x'?" for a near miss, or None."""
    near = closest(word, choices, cutoff=cutoff)
    return f"did you mean '{near}'?" if near else None


def pointer_path(text: str) -> Path:
    """The path a JSON Pointer names: /responses/1~12 -> ("responses", "1/2")."""
    if not text:
        return ()
    return tuple(part.replace("~1", "/").replace("~0", "~") for part in text.split("/")[1:])
