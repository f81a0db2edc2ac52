"""Many inputs turned into the audits a comparison includes, and those it leaves out, with why.

Every command that looks at many audits (`compare`, `export`, `report`) starts
here, so they always agree on what was included. Each input is read, checked and
normalised once; only the normalised summary is kept, never the raw audit.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from ._errors import UnreadableError
from ._normalise import NormalisedAudit, RatingSource, _normalise
from ._registry import Registry, default_registry
from ._results import Report
from ._validate import check
from .readers import AuditDocument, sources

AuditLike = NormalisedAudit | dict[str, Any] | str | os.PathLike[str]
ExcludedKind = Literal["unreadable", "invalid", "draft"]


@dataclass(frozen=True, slots=True)
class Excluded:
    """An audit left out of a comparison, and why."""

    file: str
    #: Why, as data: the file could not be read, the audit has errors, or it is a draft.
    kind: ExcludedKind
    #: The codes of the errors that left it out (unreadable and invalid audits).
    codes: tuple[str, ...] = ()
    #: The first problem, in words, for an unreadable file.
    detail: str | None = None
    #: The organisation the audit names, where it names one.
    organisation: str | None = None

    @property
    def reason(self) -> str:
        """Why, for people."""
        if self.kind == "draft":
            return "a draft (drafts are compared only when asked for)"
        if self.kind == "unreadable":
            return f"unreadable: {self.codes[0]}: {self.detail}" if self.codes else "unreadable"
        shown = ", ".join(sorted(set(self.codes))[:4])
        return f"invalid: {len(self.codes)} errors ({shown})"


@dataclass(frozen=True, slots=True)
class Collection:
    """The audits a comparison includes, and those it leaves out with the reason."""

    included: tuple[NormalisedAudit, ...]
    excluded: tuple[Excluded, ...]


def collect(audits: Iterable[AuditLike], *, area: str | None = None,
            include_drafts: bool = False, rating: RatingSource = "self",
            registry: Registry | None = None, today: date | None = None) -> Collection:
    """Read every input once, keep the valid (final) audits in `area`, say why others are out.

    Audits outside `area` are dropped without a reason: they were not asked for.
    """
    registry = registry or default_registry()
    included: list[NormalisedAudit] = []
    excluded: list[Excluded] = []
    for item in _normalised(audits, excluded, include_drafts=include_drafts, rating=rating,
                            registry=registry, today=today):
        if area is None or any(a.casefold() == area.casefold() for a in item.areas):
            included.append(item)
    return Collection(tuple(included), tuple(excluded))


def _normalised(audits: Iterable[AuditLike], excluded: list[Excluded], *, include_drafts: bool,
                rating: RatingSource, registry: Registry,
                today: date | None) -> Iterator[NormalisedAudit]:
    for item in audits:
        if isinstance(item, NormalisedAudit):
            yield item
            continue
        for document in _documents(item, excluded):
            report = check(document, registry=registry, today=today)
            reason = _left_out(report, document, include_drafts)
            if reason is not None:
                excluded.append(reason)
            elif report.audit is not None:
                yield _normalise(report.audit, rating)


def _documents(item: dict[str, Any] | str | os.PathLike[str],
               excluded: list[Excluded]) -> Iterator[AuditDocument]:
    """Each audit an input holds, parsed; what cannot be read goes to `excluded`."""
    if isinstance(item, dict):
        yield AuditDocument("<audit>", item)
        return
    for source in sources([item]):
        if isinstance(source, UnreadableError):
            excluded.append(_unreadable(source, str(item)))
            continue
        try:
            yield source.parse()
        except UnreadableError as error:
            excluded.append(_unreadable(error, source.name))


def _unreadable(error: UnreadableError, name: str) -> Excluded:
    first = error.findings[0]
    return Excluded(first.file or name, "unreadable", (first.code,), first.message)


def _left_out(report: Report, document: AuditDocument, include_drafts: bool) -> Excluded | None:
    """Why an audit cannot be compared (invalid, or a draft), or None."""
    organisation = _organisation(document.data)
    if not report.ok:
        return Excluded(document.name, "invalid", tuple(f.code for f in report.errors),
                        organisation=organisation)
    if report.status != "final" and not include_drafts:
        return Excluded(document.name, "draft", organisation=organisation)
    return None


def _organisation(data: Any) -> str | None:
    """The organisation an audit names, to explain why it is missing from a report."""
    organisation = data.get("organisation") if isinstance(data, dict) else None
    name = organisation.get("name") if isinstance(organisation, dict) else None
    return name.strip() or None if isinstance(name, str) else None
