"""JSON audits: one per `.json` file, or one per line of a `.jsonl` (JSON Lines) file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .._errors import UnreadableError
from .._files import FILE_TOO_LARGE, open_file, read_bytes
from .._findings import Collector, Finding
from .._json import parse_json
from . import AuditDocument, Source


def json_source(name: str, raw: bytes | str) -> Source:
    """A source for one JSON document already in memory."""

    def parse() -> AuditDocument:
        document = parse_json(raw, file=name)
        return AuditDocument(name, document.data, tuple(document.problems))

    return Source(name, parse)


@dataclass(frozen=True, slots=True)
class JsonReader:
    """One audit per file."""

    name: str = "json"
    suffixes: tuple[str, ...] = (".json",)
    description: str = "one audit per file, as the audit format describes"

    def sources(self, path: Path, *, max_bytes: int) -> Iterator[Source | UnreadableError]:
        try:
            yield json_source(str(path), read_bytes(path, max_bytes=max_bytes))
        except UnreadableError as error:
            yield error


@dataclass(frozen=True, slots=True)
class JsonLinesReader:
    """Many audits in one file, one per line, read a line at a time (memory stays flat)."""

    name: str = "jsonl"
    suffixes: tuple[str, ...] = (".jsonl",)
    description: str = "one audit per line (JSON Lines); each line under the size limit"

    def sources(self, path: Path, *, max_bytes: int) -> Iterator[Source | UnreadableError]:
        name = str(path)
        try:
            with open_file(path) as handle:
                number = 0
                while line := handle.readline(max_bytes + 1):
                    number += 1
                    if len(line) > max_bytes and not line.endswith(b"\n"):
                        yield _too_large(name, number, max_bytes)
                        while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                            pass  # skip the rest of the long line without holding it
                    elif line.strip():
                        yield _line_source(name, number, line.rstrip(b"\r\n"))
        except UnreadableError as error:
            yield error


def _line_source(file: str, line: int, raw: bytes) -> Source:
    name = f"{file}:{line}"

    def parse() -> AuditDocument:
        try:
            document = parse_json(raw, file=name)
        except UnreadableError as error:
            raise UnreadableError([_on_line(f, file, line) for f in error.findings]) from None
        return AuditDocument(name, document.data,
                             tuple(_on_line(f, file, line) for f in document.problems))

    return Source(name, parse)


def _on_line(finding: Finding, file: str, line: int) -> Finding:
    """A JSON Lines fault is at the audit's line of the file."""
    return replace(finding, file=file, line=line,
                   column=finding.column if finding.line == 1 else None)


def _too_large(name: str, number: int, limit: int) -> UnreadableError:
    sink = Collector(name)
    sink.add(FILE_TOO_LARGE, f"the audit on this line is over the {limit:,} byte limit",
             line=number, column=1)
    return UnreadableError(sink.findings)


JSON = JsonReader()
JSON_LINES = JsonLinesReader()
