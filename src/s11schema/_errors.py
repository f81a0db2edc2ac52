"""Exceptions, for when s11schema cannot go on.

Problems *in* a file are findings; these are raised only when there is nothing
sensible to check::

    S11SchemaError
    ├── UnreadableError     the file cannot be read or parsed (CLI exit 2)
    ├── InvalidFileError    a template or scale has errors (CLI exit 1)
    ├── NotFoundError       no template or scale has that id (CLI exit 2)
    └── MissingExtraError   an optional library is not installed (CLI exit 2)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from ._findings import Finding, Severity

Kind = Literal["template", "scale", "domains", "mapping", "crosswalk"]


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

    def __init__(self, kind: Kind, id: str, version: str | None = None, *,
                 versions: Sequence[str] = (), suggestions: Sequence[str] = (),
                 known: Sequence[str] = ()) -> None:
        self.kind, self.id, self.version = kind, id, version
        #: Versions of `id` that do exist, when only the version was not found.
        self.versions = tuple(versions)
        #: Ids close to `id`, best first.
        self.suggestions = tuple(suggestions)
        #: Every id of this kind that can be seen, when none is close.
        self.known = tuple(known)
        super().__init__(self._message())

    @property
    def missing(self) -> Literal["id", "version"]:
        """What was not found: the id, or only the version asked for."""
        return "version" if self.versions else "id"

    def _message(self) -> str:
        from ._text import quote

        if self.versions:
            return (f"{self.kind} {quote(self.id)} has no version {quote(self.version)} "
                    f"(versions: {', '.join(self.versions)})")
        text = f"unknown {self.kind} {quote(self.id)}"
        if self.suggestions:
            return f"{text} (did you mean '{self.suggestions[0]}'?)"
        return f"{text} (known: {', '.join(sorted(self.known))})" if self.known else text


class MissingExtraError(S11SchemaError, ImportError):
    """A file format needs an optional library that is not installed."""

    def __init__(self, library: str, extra: str, what: str) -> None:
        self.library, self.extra = library, extra
        super().__init__(f"{what} needs {library}, which is not installed "
                         f"(pip install 's11schema[{extra}]')")


class BadConstantError(ValueError):
    """NaN, Infinity or -Infinity in JSON, which the standard does not allow: raised by the
    JSON reader, explained as a finding by `_parse_errors`."""
