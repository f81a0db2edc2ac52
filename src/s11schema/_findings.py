"""Findings: what every check returns, and the codes they carry.

A problem with a file is a `Finding` that is returned, never raised. Each
code is a `Code` declared beside the check that reports it; the catalogue
(`s11schema.CATALOGUE`) and the documentation's table of codes are gathered
from those declarations, so a code cannot exist without a description.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ._text import Path, pointer, visible

#: At most this many findings per file, and per code in one file; the rest are counted.
MAX_FINDINGS = 1000
MAX_PER_CODE = 100


class Severity(str, enum.Enum):
    """How much a finding matters: errors fail a check, warnings do not."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Code:
    """A catalogue entry: one stable code, what it means, and an example message."""

    code: str
    severity: Severity
    #: What kind of file it is found in ("audits", "templates, scales", "any file").
    applies_to: str
    summary: str
    example: str
    #: For audit codes: the exported JSON Schema of audits enforces it too.
    in_schema: bool = False

    def __str__(self) -> str:
        return self.code


def code(name: str, severity: str, applies_to: str, summary: str, example: str, *,
         in_schema: bool = False) -> Code:
    """A `Code`, declared in one line beside the check that reports it."""
    return Code(name, Severity(severity), applies_to, summary, example, in_schema)


FINDINGS_OMITTED = code(
    "findings-omitted", "warning", "any file",
    "A file has more findings of one code (or in all) than are shown; the rest are counted.",
    "audit.json: warning findings-omitted: 999 900 more 'action-field-required' findings "
    "are not shown")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a file.

    `path` is where in the document, as data (keys and indices); `pointer` is
    its JSON Pointer. `line` and `column` (1-based) are given where the input
    format keeps them, and `cell` (`Sheet!C14`) for workbooks.
    """

    code: str
    severity: Severity
    message: str
    path: Path = ()
    hint: str | None = None
    file: str | None = None
    line: int | None = None
    column: int | None = None
    cell: str | None = None

    @property
    def pointer(self) -> str:
        """The JSON Pointer (RFC 6901) of `path`: `/responses/3.1/rating`."""
        return pointer(self.path)

    @property
    def where(self) -> str:
        """`file:line:col`, `file!Sheet!C14` or `file: /pointer`, as editors and CI logs expect."""
        place = self.file or "<input>"
        if self.cell is not None:
            return f"{place}!{self.cell}"
        if self.line is not None:
            return f"{place}:{self.line}:{self.column or 1}"
        return f"{place}: {self.pointer}" if self.path else place

    def __str__(self) -> str:
        """One line, whatever the file held: a value cannot start a line of its own."""
        text = f"{self.where}: {self.severity} {self.code}: {self.message}"
        return visible(f"{text} ({self.hint})" if self.hint else text)


class Collector:
    """Gathers the findings of one file, filling in the file name once.

    A hostile file can hold a million faults; past `per_code` findings of one
    code, or `limit` in all, findings are counted rather than kept, and
    `done()` says how many were left out.
    """

    __slots__ = ("_counts", "_omitted", "file", "findings", "limit", "per_code")

    def __init__(self, file: str | None = None, *, limit: int = MAX_FINDINGS,
                 per_code: int = MAX_PER_CODE) -> None:
        self.file = file
        self.findings: list[Finding] = []
        self.limit, self.per_code = limit, per_code
        self._counts: dict[str, int] = {}  # plain dicts: a Collector is made for every audit
        self._omitted: dict[str, int] = {}

    def add(self, code: Code, message: str, *, path: Path = (), hint: str | None = None,
            severity: Severity | None = None, line: int | None = None,
            column: int | None = None, cell: str | None = None) -> None:
        name = code.code
        counts = self._counts
        counts[name] = seen = counts.get(name, 0) + 1
        if seen > self.per_code or len(self.findings) >= self.limit:
            self._omitted[name] = self._omitted.get(name, 0) + 1
            return
        self.findings.append(Finding(name, severity or code.severity, message, path, hint,
                                     self.file, line, column, cell))

    def extend(self, findings: list[Finding] | tuple[Finding, ...]) -> None:
        """Findings made elsewhere (while parsing, say), kept as they are."""
        self.findings.extend(findings)

    def notes(self) -> list[Finding]:
        """One finding per code whose findings were left out, saying how many."""
        return [Finding(FINDINGS_OMITTED.code, FINDINGS_OMITTED.severity,
                        f"{count:,} more {name!r} findings are not shown".replace(",", " "),
                        file=self.file, hint="fix the first ones; the rest are often the same "
                        "mistake repeated")
                for name, count in self._omitted.items()]

    def done(self) -> list[Finding]:
        """The findings kept, then the notes of those left out."""
        return [*self.findings, *self.notes()]
