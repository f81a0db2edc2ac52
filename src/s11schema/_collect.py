"""Many inputs turned into the audits a comparison includes, and those it leaves out, with why.

Every command that looks at many audits (`compare`, `export`, `report`) starts
here, so they always agree on what was included. Each input is read, checked and
normalised once; only the normalised summary is kept, never the raw audit.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from ._cycles import Cycle, cycle_named, parse_cycle
from ._errors import UnreadableError
from ._normalise import NormalisedAudit, RatingSource, _normalise
from ._parallel import expand, ordered_map
from ._registry import Registry, default_registry
from ._results import Report
from ._store import AuditStore, as_sequence, picked
from ._validate import check
from .readers import AuditDocument, sources

AuditLike = NormalisedAudit | dict[str, Any] | str | os.PathLike[str]
ExcludedKind = Literal["unreadable", "invalid", "draft", "superseded"]


@dataclass(frozen=True, slots=True)
class Excluded:
    """An audit left out of a comparison, and why."""

    file: str
    #: Why, as data: the file could not be read, the audit has errors, it is a draft, or a
    #: later return of the same organisation to the same partnership replaces it.
    kind: ExcludedKind
    #: The codes of the errors that left it out (unreadable and invalid audits).
    codes: tuple[str, ...] = ()
    #: The first problem, in words, for an unreadable file; the later return, for a
    #: superseded one.
    detail: str | None = None
    #: The organisation the audit names, where it names one.
    organisation: str | None = None

    @property
    def reason(self) -> str:
        """Why, for people."""
        if self.kind == "draft":
            return "a draft (drafts are compared only when asked for)"
        if self.kind == "superseded":
            return f"superseded by {self.detail}"
        if self.kind == "unreadable":
            return f"unreadable: {self.codes[0]}: {self.detail}" if self.codes else "unreadable"
        shown = ", ".join(sorted(set(self.codes))[:4])
        return f"invalid: {len(self.codes)} errors ({shown})"


@dataclass(frozen=True, slots=True)
class Collection:
    """The audits a comparison includes, and those it leaves out with the reason.

    The audits are read back from a temporary file when taken (see `_store`), so many
    thousands of them hold little memory; treat them as any sequence.
    """

    included: Sequence[NormalisedAudit]
    excluded: tuple[Excluded, ...]
    #: Earlier returns replaced by a later one (also in `excluded`), kept for comparing cycles.
    superseded: Sequence[NormalisedAudit] = ()


def collect(audits: Iterable[AuditLike], *, area: str | None = None,
            include_drafts: bool = False, rating: RatingSource = "self",
            registry: Registry | None = None, today: date | None = None,
            cycles: Sequence[str] | None = None, jobs: int = 1,
            progress: Callable[[], None] | None = None) -> Collection:
    """Read every input once, keep the valid (final) audits in `area`, say why others are out.

    One return per organisation and partnership is kept: the latest (by cycle, then by
    date completed), so a superseded return is never averaged with its successor. With
    `cycles`, only returns of those cycles are kept, the latest of each cycle.
    Audits outside `area` or `cycles` are dropped without a reason: they were not asked for.
    Files are read in `jobs` processes (the result is the same); `progress` is called
    after each input file.
    """
    registry = registry or default_registry()
    wanted = _cycles_asked(cycles)
    store = AuditStore()
    entries: list[_Entry] = []
    excluded: list[Excluded] = []
    for item in _normalised(audits, excluded, include_drafts=include_drafts, rating=rating,
                            registry=registry, today=today, jobs=jobs, progress=progress):
        if area is not None and not any(a.casefold() == area.casefold() for a in item.areas):
            continue
        if wanted is not None and not any(_same(cycle_of(item), c) for c in wanted):
            continue
        store.add(item)
        entries.append(_entry(item, per_cycle=wanted is not None))
    kept, superseded = _latest(entries)
    excluded += (_superseded(store.get(old), store.get(new)) for old, new in superseded)
    return Collection(store.view(kept), tuple(excluded),
                      store.view([old for old, _ in superseded]))


def cycle_of(audit: NormalisedAudit) -> Cycle | None:
    """The cycle an audit belongs to, read (None where it names none, or none that reads)."""
    return parse_cycle(audit.cycle) if audit.cycle else None


def _cycles_asked(cycles: Sequence[str] | None) -> list[Cycle] | None:
    return None if cycles is None else [cycle_named(text) for text in cycles]


def _same(cycle: Cycle | None, asked: Cycle) -> bool:
    return cycle is not None and cycle.same_as(asked)


def latest(audits: Iterable[NormalisedAudit]) -> Sequence[NormalisedAudit]:
    """Each organisation's latest return to each partnership, in the order given; stored
    audits stay stored."""
    given = as_sequence(audits)
    kept, _ = _latest([_entry(a, per_cycle=False) for a in given])
    return picked(given, kept)


#: What choosing the latest returns needs of one audit, kept while the audit is not: which
#: returns are the same organisation's to the same partnership (and cycle), and how recent.
_Entry = tuple[tuple[object, ...], tuple[date, date]]


def _entry(audit: NormalisedAudit, *, per_cycle: bool) -> _Entry:
    return _identity(audit, per_cycle=per_cycle), _recency(audit)


def _latest(entries: list[_Entry]) -> tuple[list[int], list[tuple[int, int]]]:
    """The numbers of each organisation's latest return to each partnership (in each cycle,
    where the entries say so), in the order given, and of the others with their successor's.
    Of two equally recent, the one given later counts."""
    latest: dict[tuple[object, ...], int] = {}
    for index, (key, recency) in enumerate(entries):
        best = latest.get(key)
        if best is None or recency >= entries[best][1]:
            latest[key] = index
    kept = set(latest.values())
    return sorted(kept), [(index, latest[key]) for index, (key, _) in enumerate(entries)
                          if index not in kept]


def _superseded(audit: NormalisedAudit, successor: NormalisedAudit) -> Excluded:
    return Excluded(audit.file or "<audit>", "superseded", detail=_described(successor),
                    organisation=audit.organisation or None)


def identity(audit: NormalisedAudit) -> tuple[str, str]:
    """Which returns are the same organisation's to the same partnership."""
    return " ".join(audit.organisation.casefold().split()), audit.partnership


def _identity(audit: NormalisedAudit, *, per_cycle: bool) -> tuple[object, ...]:
    """Which returns are the same organisation's to the same partnership (a nameless draft
    is its own)."""
    name, partnership = identity(audit)
    cycle = cycle_of(audit)
    return (name or f"\0{audit.file}", partnership,
            (cycle.start, cycle.end) if per_cycle and cycle else None)


def _recency(audit: NormalisedAudit) -> tuple[date, date]:
    cycle = cycle_of(audit)
    completed = audit.completed_on or date.min
    return (cycle.start if cycle else completed, completed)


def _described(audit: NormalisedAudit) -> str:
    parts = [f"cycle {audit.cycle}"] if audit.cycle else []
    parts += [f"completed {audit.completed_on}"] if audit.completed_on else []
    return f"{audit.file or '<audit>'}" + (f" ({', '.join(parts)})" if parts else "")


def _normalised(audits: Iterable[AuditLike], excluded: list[Excluded], *, include_drafts: bool,
                rating: RatingSource, registry: Registry, today: date | None, jobs: int = 1,
                progress: Callable[[], None] | None = None) -> Iterator[NormalisedAudit]:
    """Each input's audits normalised, in order; what is left out goes to `excluded`.
    Runs of paths are spread over `jobs` processes."""
    for paths, run in _runs(audits, parallel=jobs > 1):
        if paths:
            files: list[_FileJob] = [(str(f), include_drafts, rating, today)
                                     for f in expand(_paths(run))]
            results = (r for found in ordered_map(_collect_file, files, jobs=jobs,
                                                  context=registry,
                                                  done=None if progress is None
                                                  else lambda _: progress())
                       for r in found)
        else:
            results = (r for item in run for r in _with_done(
                _one_input(item, registry, include_drafts, rating, today), progress))
        for result in results:
            if isinstance(result, Excluded):
                excluded.append(result)
            else:
                yield result


#: (a file, include drafts, which rating, the date to judge against): one worker's job.
_FileJob = tuple[str, bool, RatingSource, date | None]


def _paths(run: list[AuditLike]) -> list[str | os.PathLike[str]]:
    return [item for item in run if isinstance(item, (str, os.PathLike))]


def _collect_file(registry: Registry, job: _FileJob) -> list[NormalisedAudit | Excluded]:
    path, include_drafts, rating, today = job
    return list(_one_input(path, registry, include_drafts, rating, today))


def _runs(audits: Iterable[AuditLike], *,
          parallel: bool) -> Iterator[tuple[bool, list[AuditLike]]]:
    """Consecutive inputs grouped: (True, paths) to spread over processes, (False, others)."""
    run: list[AuditLike] = []
    of_paths = False
    for item in audits:
        is_path = parallel and isinstance(item, (str, os.PathLike))
        if run and is_path != of_paths:
            yield of_paths, run
            run = []
        run.append(item)
        of_paths = is_path
    if run:
        yield of_paths, run


def _with_done(results: Iterable[NormalisedAudit | Excluded],
               done: Callable[[], None] | None) -> Iterator[NormalisedAudit | Excluded]:
    yield from results
    if done is not None:
        done()


def _one_input(item: AuditLike, registry: Registry, include_drafts: bool, rating: RatingSource,
               today: date | None) -> Iterator[NormalisedAudit | Excluded]:
    """One input's audits, normalised or left out with the reason."""
    if isinstance(item, NormalisedAudit):
        yield item
        return
    for document in _documents(item):
        if isinstance(document, Excluded):
            yield document
            continue
        report = check(document, registry=registry, today=today)
        reason = _left_out(report, document, include_drafts)
        if reason is not None:
            yield reason
        elif report.audit is not None:
            yield _normalise(report.audit, rating)


def _documents(item: dict[str, Any] | str | os.PathLike[str]
               ) -> Iterator[AuditDocument | Excluded]:
    """Each audit an input holds, parsed, or why it cannot be read."""
    if isinstance(item, dict):
        yield AuditDocument("<audit>", item)
        return
    for source in sources([item]):
        if isinstance(source, UnreadableError):
            yield _unreadable(source, str(item))
            continue
        try:
            yield source.parse()
        except UnreadableError as error:
            yield _unreadable(error, source.name)


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
