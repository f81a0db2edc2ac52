"""Where audits come from: one reader per kind of file, chosen by the file's suffix.

A reader turns a path into sources (one per audit: a JSON file holds one, a
JSON Lines file or a form export many); a source parses into an
`AuditDocument` whose findings point into the file as it was written (a
line, or a sheet and cell). `validate`, `compare`, `export` and `report` read
every input through `sources()`, so a new kind of file is one new module with
a `Reader` and one call to `register`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .._errors import UnreadableError
from .._files import MAX_AUDIT_BYTES, files_under, size_limit
from .._findings import Finding
from .._text import Path as Pointer


@dataclass(frozen=True, slots=True)
class Place:
    """Where a value sits in the file it was read from."""

    line: int | None = None
    column: int | None = None
    #: `Sheet!C14` in a workbook.
    cell: str | None = None


def nearest_cell(places: Mapping[Pointer, str], path: Pointer) -> Place | None:
    """The cell a path of the audit was read from, or the nearest enclosing path's (a
    finding about an action's column points at the action's row when the column has none)."""
    parts = tuple(path)
    while parts:
        cell = places.get(parts)
        if cell is not None:
            return Place(cell=cell)
        parts = parts[:-1]
    return None


@dataclass(frozen=True, slots=True)
class AuditDocument:
    """One audit as read: its data, what reading found, and where its values came from."""

    name: str
    data: Any
    problems: tuple[Finding, ...] = ()
    #: The place of a path of the audit in the file, where the format keeps one.
    locate: Callable[[Pointer], Place | None] | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Source:
    """One audit to read: a name for messages, and how to parse it when asked."""

    name: str
    parse: Callable[[], AuditDocument] = field(compare=False)


class Reader(Protocol):
    """A kind of file audits come in."""

    @property
    def name(self) -> str:
        """A short name, for the documentation and for messages."""
        ...

    @property
    def suffixes(self) -> tuple[str, ...]:
        """File suffixes it reads, lower case with the dot: (".json",)."""
        ...

    @property
    def description(self) -> str:
        """One line for the documentation's table of readers."""
        ...

    def sources(self, path: Path, *, max_bytes: int) -> Iterator[Source | UnreadableError]:
        """Each audit in the file; a file that cannot be read is yielded as its error."""
        ...


READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    """Add a reader; a later reader for the same suffix takes precedence."""
    READERS[reader.name] = reader
    return reader


def reader_for(path: Path) -> Reader:
    """The reader for a file's suffix; JSON for a file named without a known one."""
    suffix = path.suffix.lower()
    for reader in reversed(list(READERS.values())):
        if suffix in reader.suffixes:
            return reader
    return READERS["json"]


def suffixes() -> tuple[str, ...]:
    """Every suffix some reader reads, for finding audits in folders."""
    return tuple(dict.fromkeys(s for reader in READERS.values() for s in reader.suffixes))


def sources(paths: Iterable[str | os.PathLike[str]], *,
            max_bytes: int | None = None) -> Iterator[Source | UnreadableError]:
    """Every audit under `paths` (files and folders), in a stable order.

    A file that cannot be read is yielded as its UnreadableError, so one bad
    file never stops the others from being checked.
    """
    limit = size_limit(MAX_AUDIT_BYTES, max_bytes)
    for raw in paths:
        path = Path(raw)
        files = files_under(path, suffixes()) if path.is_dir() else [path]
        for file in files:
            yield from reader_for(file).sources(file, max_bytes=limit)


def source_of(audit: str | bytes | os.PathLike[str], name: str | None = None, *,
              max_bytes: int | None = None) -> Source:
    """One audit given as a path, or as JSON text or bytes.

    Text that starts like JSON is JSON, unless it is the name of a file that exists
    (a file may well be called "[DRAFT] acme.json"); text with a double quote in it is
    always JSON (every audit has one, and file names as good as never), which spares
    the file system a look on every audit given as text. A file that holds several
    audits gives its first.
    """
    if isinstance(audit, bytes):
        return json_source(name or "<input>", audit)
    if isinstance(audit, str) and _starts_like_json(audit) and not (
            len(audit) < 4096 and '"' not in audit and "\n" not in audit
            and os.path.exists(audit)):
        return json_source(name or "<input>", audit)
    path = Path(os.fspath(audit))
    for found in reader_for(path).sources(path, max_bytes=size_limit(MAX_AUDIT_BYTES,
                                                                       max_bytes)):
        if isinstance(found, UnreadableError):
            raise found
        return found if name is None else Source(name, found.parse)
    raise UnreadableError(_nothing_in(str(path)))


def _starts_like_json(text: str) -> bool:
    """Whether the text opens an object or array (perhaps after a byte-order mark or
    spaces); the text is copied only where it starts with a space."""
    first = text[:1]
    if first.isspace():
        first = text.lstrip()[:1]
    return first in ("{", "[", "\ufeff")


def _nothing_in(name: str) -> list[Finding]:
    from .._files import FILE_EMPTY
    from .._findings import Collector

    sink = Collector(name)
    sink.add(FILE_EMPTY, "the file holds no audit")
    return sink.findings


def _register_builtin() -> None:
    from ._json import JSON, JSON_LINES
    from ._xlsx import WORKBOOK

    register(JSON)
    register(JSON_LINES)
    register(WORKBOOK)


_register_builtin()
# Imported here, not at the top: the JSON reader builds on the classes above, and every
# audit given as text goes through it, so it is not looked up afresh on each call.
from ._json import json_source  # noqa: E402

__all__ = ["READERS", "AuditDocument", "Place", "Reader", "Source", "nearest_cell", "reader_for",
           "register", "source_of", "sources", "suffixes"]
