"""What every command shares: exit codes, common options, writing output, saying what was left out.

Exit codes, for every command (docs/reference/exit-codes.md shows the table):

    0  clean: nothing wrong was found (warnings allowed, unless --strict)
    1  problems found in files that could be read
    2  usage error, nothing to check, or a path that cannot be opened
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, TextIO

from ._progress import Progress

if TYPE_CHECKING:
    from .._collect import Excluded
    from .._findings import Finding
    from .._registry import Registry
    from .._results import Report

CLEAN, PROBLEMS, UNUSABLE = 0, 1, 2
#: Codes that mean a path could not be opened at all: the run could not do what was asked.
_CANNOT_OPEN = frozenset({"file-unreadable"})


@dataclass(frozen=True, slots=True)
class Command:
    """One subcommand: its name, its help, its options, and what it runs."""

    name: str
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, TextIO], int]


class Parser(argparse.ArgumentParser):
    """Usage errors exit 2, as the exit-code contract says."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(UNUSABLE, f"{self.prog}: error: {message}\n")


def say(message: str) -> None:
    """A line for the person at the terminal, on standard error, safe whatever it quotes."""
    from .._text import visible

    print(visible(message), file=sys.stderr)


def registry(args: argparse.Namespace) -> Registry:
    """The command's registry, built once and kept on `args` (main reports what it shadowed)."""
    from .._registry import Registry

    if getattr(args, "registry", None) is None:
        args.registry = Registry(args.path or ())
    found: Registry = args.registry
    return found


def iso_day(text: str) -> date:
    """`--today`: a date written YYYY-MM-DD and nothing else."""
    from .._plain import iso_date

    day = iso_date(text)
    if day is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD")
    return day


def cycle_text(text: str) -> str:
    """`--cycle`, `--cycles`, `--since`: a year, a financial year or a range of dates."""
    from .._cycles import cycle_named

    try:
        cycle_named(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def job_count(text: str) -> int:
    """`--jobs`: a whole number of processes, at least 1."""
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 512:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of jobs from 1 to 512")
    return int(text)


def many_files_options(sub: argparse.ArgumentParser) -> None:
    """`--jobs` and `--quiet`, for commands that read many files."""
    sub.add_argument("--jobs", "-j", type=job_count, default=None, metavar="N",
                     help="read files in N processes (default: the cores available; small "
                          "runs use one); the output is the same, in the same order")
    sub.add_argument("--quiet", "-q", action="store_true",
                     help="no progress line on the terminal")


#: Below this many files per process, starting processes costs more than it saves.
_FILES_PER_JOB = 16


@dataclass(slots=True)
class Files:
    """The files a command will read, how many processes to use, and its progress line."""

    paths: list[str]
    jobs: int
    progress: Progress

    @classmethod
    def of(cls, args: argparse.Namespace, paths: Sequence[str], verb: str, *,
           found: Sequence[str | os.PathLike[str]] | None = None) -> Files:
        """`found`: the files, where the command finds them otherwise than the readers do."""
        from .._parallel import available_cores, expand

        files = [str(p) for p in (expand(paths) if found is None else found)]
        wanted = args.jobs or available_cores()
        jobs = max(1, min(wanted, len(files) // _FILES_PER_JOB)) if args.jobs is None else wanted
        return cls(files, jobs, Progress(verb, len(files), quiet=args.quiet))


def byte_count(text: str) -> int:
    """`--max-bytes`: a whole number of bytes within the limits s11schema accepts."""
    from .._files import SettingError, byte_limit

    try:
        return byte_limit(text, setting="--max-bytes")
    except SettingError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def output_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically)")
    sub.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def write(args: argparse.Namespace, text: str | bytes | Iterable[str], out: TextIO) -> int:
    """To standard output, or atomically to --output (never over a file without --force).
    Text may come as lines, written as they are made."""
    from .._writing import WriteError, write_chunks

    if getattr(args, "output", None) in (None, "-"):
        if isinstance(text, bytes):
            say("s11schema: this output is a binary file; write it with -o FILE")
            return UNUSABLE
        out.writelines([text] if isinstance(text, str) else text)
        return CLEAN
    try:
        write_chunks(args.output, [text] if isinstance(text, (str, bytes)) else text,
                     force=args.force)
    except WriteError as error:
        say(f"s11schema: {error}")
        return UNUSABLE
    return CLEAN


#: Hints that name this command line's own flags, added where the library stays general.
_FLAG_HINTS = {
    "file-too-large": "raise the limit with --max-bytes or S11SCHEMA_MAX_BYTES if the file is "
                      "genuine",
    "template-unknown": "`s11schema templates` lists the templates; add a folder with --path",
}


def with_flag_hints(report: Report) -> Report:
    """The report with this command line's flags named in the hints that need them."""
    if not any(f.code in _FLAG_HINTS for f in report.findings):
        return report
    return replace(report, findings=tuple(
        replace(f, hint=_FLAG_HINTS[f.code]) if f.code in _FLAG_HINTS else f
        for f in report.findings))


@dataclass(slots=True)
class Tally:
    """Running counts over reports, for the summary line and the exit code."""

    files: int = 0
    errors: int = 0
    warnings: int = 0
    unreadable: int = 0
    failed: int = 0
    cannot_open: int = 0

    def add(self, report: Report) -> Report:
        self.files += 1
        errors = len(report.errors)
        self.errors += errors
        self.warnings += len(report.findings) - errors
        self.unreadable += report.unreadable
        self.failed += errors > 0
        self.cannot_open += any(f.code in _CANNOT_OPEN for f in report.findings)
        return report

    def line(self) -> str:
        text = f"{self.files} files, {self.errors} errors, {self.warnings} warnings"
        return text + (f", {self.unreadable} unreadable" if self.unreadable else "")

    def exit_code(self, *, strict: bool = False) -> int:
        if not self.files or self.cannot_open:
            return UNUSABLE
        return PROBLEMS if self.failed or (strict and self.warnings) else CLEAN


def print_findings(findings: Iterable[Finding]) -> None:
    for finding in findings:
        print(finding, file=sys.stderr)


def left_out(excluded: Sequence[Excluded], summary: str, *, nothing: str | None) -> int:
    """Say which audits were left out and why, then the exit code for a run over many audits:
    2 when a path could not be opened or there was nothing to look at, 1 when some audits
    have problems, 0 otherwise (drafts and superseded returns left out are not problems)."""
    for item in excluded:
        hint = " (compare drafts with --include-drafts)" if item.kind == "draft" else ""
        say(f"left out: {item.file}: {item.reason}{hint}")
    say(summary)
    if nothing is not None:
        say(f"s11schema: {nothing}")
        return UNUSABLE
    if any(set(e.codes) & _CANNOT_OPEN for e in excluded):
        return UNUSABLE
    return PROBLEMS if any(e.kind in ("unreadable", "invalid") for e in excluded) else CLEAN
