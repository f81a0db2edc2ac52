"""Exceptions, for when s11schema cannot go on.

Problems *in* a file are findings (see `s11schema.findings`); these are raised
only when there is nothing sensible to check::

    S11SchemaError
    ├── UnreadableError     the file cannot be read or parsed (CLI exit 2)
    ├── InvalidFileError    a template or scale has errors (CLI exit 1)
    └── NotFoundError       no template or scale has that id (CLI exit 2)
"""

from __future__ import annotations

from collections.abc import Sequence

from .findings import Finding, Severity


class S11SchemaError(Exception):
    """Base class of every exception s11schema raises on purpose."""


class _FindingsError(S11SchemaError):
    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        super().__init__("\n".join(str(f) for f in self.findings))


class UnreadableError(_FindingsError, ValueError):
    """The file cannot be read, decoded or parsed at all."""


class InvalidFileError(_FindingsError, ValueError):
    """A template, scale or domain file has errors and cannot be used."""

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)


class NotFoundError(S11SchemaError, LookupError):
    """No template or scale with that id (or version) can be found."""

    def __init__(self, message: str, *, missing: str = "id") -> None:
        super().__init__(message)
        #: What was not found: "id", or "version" when the id exists in other versions.
        self.missing = missing
