"""What checking a file gives: its findings, and for an audit the audit as it was read.

`validate` and `lint` both give one `Report` per file, so every output format
takes either; an audit's report also carries the `CheckedAudit` that
normalisation and comparison build on, so nothing is resolved twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ._errors import UnreadableError
from ._findings import Finding, Severity

if TYPE_CHECKING:  # only named in annotations: `--version` need not load the models
    from ._scales import Scale
    from ._templates import Template


@dataclass(frozen=True, slots=True)
class CheckedAudit:
    """An audit as validation read it: what normalisation and comparison build on."""

    name: str
    data: dict[str, Any] = field(repr=False)
    template: Template = field(repr=False)
    #: Standard id -> canonical self-assessed rating code, for the standards rated.
    ratings: Mapping[str, str]
    #: Standard id -> canonical moderated rating code, where given and valid.
    moderated: Mapping[str, str]
    #: The first day of the period `completed_on` names (a day, or a month).
    completed_on: date | None
    status: str | None
    #: Standard id -> the scale it is rated on.
    scales: Mapping[str, Scale] = field(repr=False)
    #: Standards answered with the template's qualifier ("Yes*").
    qualified: frozenset[str] = frozenset()
    #: Standard id -> share of the criteria's weight met, for criteria-weighted standards.
    criteria: Mapping[str, float] = field(default_factory=dict)
    #: Standards that do not apply to the organisation's kind.
    out_of_scope: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Report:
    """The findings of one file, as `validate` and `lint` give them."""

    file: str | None
    findings: tuple[Finding, ...] = ()
    #: The template id an audit names, where it resolved.
    template: str | None = None
    status: str | None = None
    #: Standards rated (N/A included) and standards in the template.
    answered: int = 0
    total: int = 0
    #: True when the file could not be read or parsed at all.
    unreadable: bool = False
    #: The audit as validation read it, for `normalise` and `compare` to build on.
    audit: CheckedAudit | None = field(default=None, repr=False, compare=False)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings allowed)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def completeness(self) -> float:
        """The share of standards rated, from 0.0 to 1.0."""
        return self.answered / self.total if self.total else 0.0


def unreadable_report(error: UnreadableError, name: str | None = None) -> Report:
    """The report of a file (or of one audit in it) that could not be read or parsed."""
    first = error.findings[0].file if error.findings else None
    return Report(name or first, error.findings, unreadable=True)
