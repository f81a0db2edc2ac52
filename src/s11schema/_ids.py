"""Ids and codes as other readers see them: quoted where YAML would type them, no look-alikes.

An id is matched by its exact text, so two that look the same must be the same:
`1.10` unquoted is the number 1.1 to most YAML readers, and a zero-width space
or a right-to-left mark makes `green` a different code that a reviewer cannot see.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from ._findings import Code, Finding, code
from ._loader import Loaded
from ._text import Path, visible
from ._yaml import Located, typed_as

ID_UNQUOTED = code(
    "id-unquoted", "error", "templates, scales",
    "An id or code is written without quotes and other YAML readers would take it for a "
    "number, boolean or null.",
    "t.yaml:14:13: error id-unquoted: 1.10 is an id or code written without quotes; other YAML "
    "readers and editors read it as a number (write it in quotes: \"1.10\")")
ID_UNICODE = code(
    "id-unicode", "error", "templates, scales, domains",
    "An id or code holds an invisible or direction-changing character, or is not in Unicode "
    "normal form (NFC), so it could look like another.",
    "t.yaml:9:11: error id-unicode: id '1.1\\u200b' holds U+200B (an invisible character)")
CODES: tuple[Code, ...] = (ID_UNQUOTED, ID_UNICODE)

_ID_KEYS = frozenset({"id", "code", "version", "cycle", "final_requires", "scale"})
_ID_LISTS = frozenset({"aliases", "required_for", "required", "choices", "domains"})
#: Unicode categories that show nothing or change the order text is shown in.
_HIDDEN = frozenset({"Cf", "Cc", "Co", "Cs", "Cn", "Zl", "Zp"})


def check_ids(item: Loaded) -> list[Finding]:
    """Ids and codes that other readers would not read as the same text."""
    sink = Located(item.document)
    if item.kind == "crosswalk":
        _crosswalk_keys(item, sink)
    for path, value in _id_values(item.document.data):
        if path in item.document.typed_plain:
            sink.at(path, ID_UNQUOTED, f"{value} is an id or code written without quotes; "
                    f"other YAML readers and editors read it as {typed_as(value)}",
                    hint=f"write it in quotes: \"{value}\"")
        problem = unicode_problem(value)
        if problem:
            sink.at(path, ID_UNICODE, problem, hint="retype it using only visible characters")
    return sink.findings


def _crosswalk_keys(item: Loaded, sink: Located) -> None:
    """A crosswalk's standard ids are keys: `2.3:` unquoted is the number 2.3 elsewhere."""
    document = item.document
    standards = document.data.get("standards") if isinstance(document.data, dict) else None
    for key in standards if isinstance(standards, dict) else ():
        path: Path = ("standards", key)
        mark = document.mark(path, key=True)
        if path in document.typed_keys:
            sink.add(ID_UNQUOTED, f"{key} is an id or code written without quotes; other YAML "
                     f"readers and editors read it as {typed_as(key)}", path=path,
                     hint=f"write it in quotes: \"{key}\"", line=mark.line, column=mark.column)
        problem = unicode_problem(key)
        if problem:
            sink.add(ID_UNICODE, problem, path=path, hint="retype it using only visible "
                     "characters", line=mark.line, column=mark.column)


def unicode_problem(value: str) -> str | None:
    """Why an id could be mistaken for another, or None."""
    for char in value:
        if unicodedata.category(char) in _HIDDEN or (char.isspace() and char != " "):
            name = unicodedata.name(char, "an unnamed character")
            return f"'{visible(value)}' holds U+{ord(char):04X} ({name.lower()}), which cannot " \
                   "be seen"
    if unicodedata.normalize("NFC", value) != value:
        return (f"'{value}' is not in Unicode normal form (NFC): it looks the same as another "
                "id written with different code points")
    return None


def _id_values(data: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """(path, text) for every id or code in a parsed YAML file, without recursion limits
    beyond the file's own (at most 64 levels)."""
    if isinstance(data, dict):
        for key, value in data.items():
            here: Path = (*path, key)
            if key in _ID_KEYS and isinstance(value, str):
                yield here, value
            elif key == "standards" and isinstance(value, dict):  # a crosswalk's targets
                for source, target in value.items():
                    targets = target if isinstance(target, list) else [target]
                    yield from ((((*here, source, i) if isinstance(target, list)
                                  else (*here, source)), t)
                                for i, t in enumerate(targets) if isinstance(t, str))
            elif key in _ID_LISTS and isinstance(value, list):
                yield from (((*here, i), v) for i, v in enumerate(value) if isinstance(v, str))
            else:
                yield from _id_values(value, here)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _id_values(value, (*path, index))
