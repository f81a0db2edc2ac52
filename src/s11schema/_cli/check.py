"""`validate` and `lint`: findings in audits and in template files, in any output format."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

from ._common import (
    CLEAN,
    Command,
    Files,
    Tally,
    byte_count,
    iso_day,
    many_files_options,
    registry,
    say,
    with_flag_hints,
)
from ._progress import Progress

if TYPE_CHECKING:
    from .._many import Checker
    from .._results import Report
    from ..formats import Format


def _format_option(sub: argparse.ArgumentParser) -> None:
    from ..formats import FORMATS

    sub.add_argument("--format", choices=list(FORMATS), default="text",
                     help="; ".join(f"{f.name}: {f.description}" for f in FORMATS.values()))


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    from .._many import check_files
    from ..formats import FORMATS

    paths, search = args.paths, args.path or ()
    if args.repository:
        from .._repository import Repository

        repository = Repository.find(audits=args.audits)
        paths = repository.audit_paths(paths)
        search = repository.search_paths(search)
    checker = _checker(args, search)
    files = Files.of(args, paths, "checked")
    reports = (with_flag_hints(r) for r in check_files(
        files.paths, checker, max_bytes=args.max_bytes, jobs=files.jobs,
        progress=files.progress))
    tally = _render(reports, FORMATS[args.format], out, files.progress)
    if checker.cache is not None:
        checker.cache.save()
    args.registry = checker.built  # for the notes of what the user's files shadowed
    if not tally.files and args.repository and not tally.cannot_open:
        return CLEAN  # a template or scale changed in a repository with no audits yet
    if not tally.files:
        from ..readers import suffixes

        known = list(suffixes())
        say(f"s11schema: no audits found (files ending {', '.join(known[:-1])} or {known[-1]})")
    return tally.exit_code(strict=args.strict)


def _checker(args: argparse.Namespace, search: Sequence[str]) -> Checker:
    """The folders to build a registry from when an audit needs the rules (`search`, then
    S11SCHEMA_PATH and the bundle), with the plans cached for them unless `--no-cache`."""
    from .._many import Checker
    from .._plan_cache import PlanCache
    from .._roots import search_roots

    roots = search_roots(search)
    return Checker(roots=roots, today=args.today,
                   cache=None if args.no_cache else PlanCache.open(roots))


def _repository_option(sub: argparse.ArgumentParser, also: str) -> None:
    sub.add_argument("--repository", action="store_true",
                     help="use the standards/ and scales/ of the repository (the git work tree "
                          f"holding the current folder) and {also} (for pre-commit)")


def _render(reports: Iterable[Report], format: Format, out: TextIO,
            progress: Progress | None = None) -> Tally:
    """Write reports in a format, one at a time where the format streams; count them."""
    tally = Tally()
    if format.streaming:  # one report at a time: memory stays flat
        for report in reports:
            out.write(format.render([tally.add(report)]))
    else:  # one document for all files
        out.write(format.render([tally.add(r) for r in reports]))
    if progress is not None:
        progress.close()
    print(tally.line(), file=sys.stderr)
    return tally


def _validate_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    _format_option(sub)
    sub.add_argument("--strict", action="store_true", help="fail on warnings too")
    sub.add_argument("--today", metavar="DATE", type=iso_day,
                     help="the date to check against (YYYY-MM-DD; default: today)")
    sub.add_argument("--max-bytes", type=byte_count, default=None, metavar="N",
                     help="largest audit file accepted (default 5 MB; S11SCHEMA_MAX_BYTES)")
    _repository_option(sub, "re-validate every audit in its audits folder when a template, "
                            "scale or domain file is given")
    sub.add_argument("--audits", metavar="DIR", default="audits",
                     help="with --repository: the repository's audits folder (default audits)")
    sub.add_argument("--no-cache", action="store_true",
                     help="neither read nor write the templates' plans in the user's cache "
                          "folder (also S11SCHEMA_NO_CACHE=1)")
    many_files_options(sub)


def _lint(args: argparse.Namespace, out: TextIO) -> int:
    from .._lint import lint
    from ..formats import FORMATS

    paths = args.paths
    if args.repository:
        from .._repository import Repository

        repository = Repository.find()
        args.registry = repository.registry(args.path or ())
        paths = repository.lint_files(paths, args.registry)
    result = lint(paths, registry=registry(args))
    tally = _render(result.reports, FORMATS[args.format], out)
    if not tally.files and args.repository:
        return CLEAN  # a repository with no templates or scales of its own yet
    if not tally.files:
        say("s11schema: no template, scale or domain files found (files ending .yaml or .yml)")
    return tally.exit_code(strict=args.strict)


def _lint_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    _format_option(sub)
    sub.add_argument("--strict", action="store_true", help="fail on warnings too")
    _repository_option(sub, "also check the templates that use the scales and domains given")


VALIDATE = Command("validate", "validate completed audits (.json, .jsonl with one audit per "
                   "line, or returned .xlsx workbooks) against their templates",
                   _validate_arguments, _validate)
LINT = Command("lint", "check template, scale, domain and form mapping YAML files",
               _lint_arguments, _lint)
