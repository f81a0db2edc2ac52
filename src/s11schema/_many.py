"""Validating many audit files, with templates' plans cached between runs where they serve.

Each file is read and parsed here. An audit whose template has a cached plan
(`_plan_cache`) that proves the whole audit clean (`_fast.attempt`) gets its report from
the plan alone, so a run over clean audits never imports pydantic or PyYAML. Every
other audit is checked by the rules (`_validate.check`), with the registry built the
first time one is, taking up where the plan's proof stopped, and the plan made for its
template is kept for the next run. Either way the report is the same: the differential
test holds the plan to the rules.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._errors import UnreadableError
from ._fast import attempt
from ._parallel import expand, ordered_map
from ._plain import status_of, template_key
from ._plan import Plan
from ._plan_cache import Key, PlanCache
from ._results import Report, unreadable_report
from .readers import AuditDocument, sources

if TYPE_CHECKING:
    from ._registry import Registry


class Checker:
    """Checks parsed audits against the templates of some folders: with a cached plan
    where it proves an audit clean, with the rules otherwise."""

    def __init__(self, *, roots: tuple[Path, ...] = (), registry: Registry | None = None,
                 today: date | None = None, cache: PlanCache | None = None) -> None:
        self.roots = registry.roots if registry is not None else roots
        self.today = today
        self.cache = cache
        self._registry = registry
        #: Whether the user's files shadow bundled ones: then no plan is cached, so every
        #: run goes through the registry, which says so.
        self._shadowing = False

    @property
    def registry(self) -> Registry:
        """The registry of `roots`, built when an audit first needs the rules."""
        if self._registry is None:
            from ._registry import Registry

            self._registry = Registry.of_roots(self.roots)
        return self._registry

    @property
    def built(self) -> Registry | None:
        """The registry, if an audit needed it."""
        return self._registry

    def __call__(self, document: AuditDocument) -> Report:
        data = document.data
        key = template_key(data) if isinstance(data, dict) else None
        cached = self.cache.get(key) if self.cache is not None and key else None
        proof = None
        if cached is not None and not document.problems:
            template_id, plan = cached
            proof, whole = attempt(plan, data, self.today or date.today())
            if whole:
                answered, total = proof.counts(plan)
                return Report(document.name, (), template=template_id, status=status_of(data),
                              answered=answered, total=total)
        from ._validate import check, plan_for

        # where the cached plan could not prove the audit clean, the rules take up from
        # where it stopped (it is the plan they would make: the cache is keyed so)
        report = check(document, registry=self.registry, today=self.today, proof=proof)
        if self.cache is not None and key and cached is None and report.audit is not None \
                and not self._shadows():
            template = report.audit.template
            self.cache.add(key, template.id, plan_for(template, self.registry))
        return report

    def _shadows(self) -> bool:
        """The registry has used a file of the user's in place of a bundled one (and will
        keep saying so: the files it has used only grow)."""
        self._shadowing = self._shadowing or bool(self.registry.shadowed())
        return self._shadowing

    def __getstate__(self) -> dict[str, Any]:
        """For a spawned worker: the folders, the date and the plans; the worker builds its
        own registry if it needs one, and never writes the cache (what it learns comes
        back with its reports)."""
        return {"roots": self.roots, "today": self.today,
                "plans": None if self.cache is None else self.cache.plans}

    def __setstate__(self, state: dict[str, Any]) -> None:
        cache = None
        if state["plans"] is not None:
            cache = PlanCache(None, "")
            cache.plans = state["plans"]
        self.__init__(roots=state["roots"], today=state["today"], cache=cache)  # type: ignore[misc]


def validate_many(paths: Iterable[str | os.PathLike[str]], *, registry: Registry | None = None,
                  today: date | None = None, max_bytes: int | None = None, jobs: int = 1,
                  progress: Callable[[], None] | None = None) -> Iterator[Report]:
    """Validate every audit under `paths` (files, folders, any format a reader reads).

    Templates are loaded once; memory stays flat however many audits there are.
    An unreadable file gives a Report with `unreadable=True` and its reason. With
    `jobs` above 1, files are checked in that many processes, the reports in the same
    order, without their `audit` (the data stays in the worker); `progress` is
    called after each file.
    """
    if registry is None:
        from ._registry import default_registry

        registry = default_registry()
    return check_files(paths, Checker(registry=registry, today=today), max_bytes=max_bytes,
                       jobs=jobs, progress=progress)


def check_files(paths: Iterable[str | os.PathLike[str]], checker: Checker, *,
                max_bytes: int | None = None, jobs: int = 1,
                progress: Callable[[], None] | None = None) -> Iterator[Report]:
    """Every audit under `paths`, checked, in order; an unreadable file gives a report with
    `unreadable=True`. With `jobs` above 1 the files are checked in that many processes,
    the reports without their `audit`, and the plans they make come back to be cached."""
    if jobs <= 1:
        for path in paths:
            yield from _check_sources(checker, (path, max_bytes))
            if progress is not None:
                progress()
        return
    files = [(str(file), max_bytes) for file in expand(paths)]
    for reports, learned in ordered_map(_check_file, files, jobs=jobs, context=checker,
                                        done=None if progress is None else
                                        lambda _: progress()):
        if checker.cache is not None:
            for key, (template_id, plan) in learned.items():
                checker.cache.add(key, template_id, plan)
        yield from reports


#: (a path, the size limit): what one worker is given.
_FileJob = tuple[str | os.PathLike[str], int | None]


def _check_sources(checker: Checker, job: _FileJob) -> Iterator[Report]:
    path, max_bytes = job
    for source in sources([path], max_bytes=max_bytes):
        if isinstance(source, UnreadableError):
            yield unreadable_report(source)
            continue
        try:
            document = source.parse()
        except UnreadableError as error:
            yield unreadable_report(error, source.name)
            continue
        yield checker(document)


def _check_file(checker: Checker, job: _FileJob
                ) -> tuple[list[Report], dict[Key, tuple[str, Plan]]]:
    """One file's reports, in a worker, without the audit's data (which stays here), and
    the plans made for it."""
    known = set(checker.cache.plans) if checker.cache is not None else set()
    reports = [_without_audit(report) for report in _check_sources(checker, job)]
    learned = {} if checker.cache is None else {
        key: entry for key, entry in checker.cache.plans.items() if key not in known}
    return reports, learned


def _without_audit(report: Report) -> Report:
    return replace(report, audit=None) if report.audit is not None else report
