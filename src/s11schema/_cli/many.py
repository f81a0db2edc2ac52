"""`normalise`, `compare`, `export` and `report`: audits on the common scale, one or many."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TextIO

from ._common import (
    CLEAN,
    PROBLEMS,
    UNUSABLE,
    Command,
    Files,
    cycle_text,
    iso_day,
    left_out,
    many_files_options,
    output_options,
    print_findings,
    registry,
    say,
    with_flag_hints,
    write,
)


def _rating_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--rating", choices=["self", "moderated"], default="self",
                     help="which rating to use (moderated falls back to self where absent)")


def _selection_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("paths", nargs="+", metavar="AUDIT_OR_DIR")
    sub.add_argument("--include-drafts", action="store_true")
    _rating_option(sub)
    sub.add_argument("--today", metavar="DATE", type=iso_day,
                     help="the date overdue actions are judged against (default: today)")
    many_files_options(sub)
    sub.add_argument("--cycle", metavar="CYCLE", type=cycle_text,
                     help="only returns of this cycle (2021, 2021/22 or 2021-04-01/2022-03-31); "
                          "by default each organisation's latest return is used")


def _datapackage_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--datapackage", action="store_true",
                     help="with --format csv and -o FILE: also describe FILE's columns and "
                          "their types (ids as text) in a datapackage.json beside it "
                          "(Frictionless Table Schema; other tables there are kept)")


def _datapackage_usable(args: argparse.Namespace) -> bool:
    if not getattr(args, "datapackage", False):
        return True
    if args.format != "csv" or args.output in (None, "-"):
        say("s11schema: --datapackage needs --format csv and -o FILE (it is written beside "
            "FILE)")
        return False
    return True


def _write_table(args: argparse.Namespace, text: str | Iterable[str], columns: Sequence[str],
                 out: TextIO) -> int:
    """Write a table, then its datapackage.json when asked for."""
    from .._datapackage import DataPackageError, write_datapackage
    from .._writing import WriteError

    code = write(args, text, out)
    if code != CLEAN or not getattr(args, "datapackage", False):
        return code
    try:
        package = write_datapackage(args.output, columns)
    except (DataPackageError, WriteError) as error:
        say(f"s11schema: {error}")
        return UNUSABLE
    say(f"described the columns of {args.output} in {package}")
    return CLEAN


def _normalise(args: argparse.Namespace, out: TextIO) -> int:
    from .._normalise import _check, _normalise, score_row
    from .._tables import csv_text

    if not _datapackage_usable(args):
        return UNUSABLE
    report = with_flag_hints(_check(args.audit, None, registry(args), None))
    if not report.ok or report.audit is None:
        print_findings(report.findings)
        return PROBLEMS
    result = _normalise(report.audit, args.rating)
    if args.rating == "moderated" and result.fell_back:
        say(f"{result.fell_back} standards have no moderated rating; their self-assessed "
            "rating is used")
    if args.format == "csv":
        rows = [{"organisation": result.organisation, "template": result.template,
                 **score_row(s)} for s in result.scores]
        return _write_table(args, csv_text(rows), list(rows[0]) if rows else [], out)
    return write(args, json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n", out)


def _normalise_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("audit", metavar="AUDIT")
    sub.add_argument("--format", choices=["json", "csv"], default="json")
    _rating_option(sub)
    output_options(sub)
    _datapackage_option(sub)


_COMPARE_COLUMNS = ["key", "title", "audits", "skipped", "mean", "inadequate",
                    "requires-improvement",
                    "good", "outstanding", "good_or_better", "distribution", "lowest"]
#: Shown where the audits carry moderated ratings.
_MODERATION_COLUMNS = ["gap", "over_rated"]
_CHANGE_COLUMNS = ["key", "title", "organisations", "before", "after", "change", "direction",
                   "improved", "same", "worse"]


def _compare(args: argparse.Namespace, out: TextIO) -> int:
    from .._compare import compare

    if not _datapackage_usable(args):
        return UNUSABLE
    if args.cycles:
        return _compare_cycles(args, out)
    files = Files.of(args, args.paths, "read")
    result = compare(files.paths, by=args.by, group_by=args.group_by, area=args.area,
                     include_drafts=args.include_drafts, rating=args.rating,
                     registry=registry(args), today=args.today, cycle=args.cycle,
                     jobs=files.jobs, progress=files.progress)
    files.progress.close()
    columns = (["group"] if args.group_by else []) + (
        ["template"] if args.by != "domain" else []) + _COMPARE_COLUMNS + (
        _MODERATION_COLUMNS if any(r.gap is not None for r in result.rows) else [])
    written = _write_table(args, _table(args.format, result.to_dict(), result.to_rows(),
                                        columns), columns, out)
    code = left_out(result.excluded, f"{len(result.included)} audits compared, "
                    f"{len(result.excluded)} left out", nothing=_nothing(result.included,
                                                                          result.excluded))
    return max(written, code)


def _compare_cycles(args: argparse.Namespace, out: TextIO) -> int:
    from .._change import compare_cycles

    since, until = args.cycles
    files = Files.of(args, args.paths, "read")
    result = compare_cycles(files.paths, since=since, until=until, by=args.by,
                            group_by=args.group_by, area=args.area,
                            include_drafts=args.include_drafts, rating=args.rating,
                            registry=registry(args), today=args.today, jobs=files.jobs,
                            progress=files.progress)
    files.progress.close()
    columns = (["group"] if args.group_by else []) + (
        ["template"] if args.by != "domain" else []) + _CHANGE_COLUMNS
    written = _write_table(args, _table(args.format, result.to_dict(), result.to_rows(),
                                        columns), columns, out)
    for name in result.only_before:
        say(f"no return in {until}: {name}")
    for name in result.only_after:
        say(f"no return in {since}: {name}")
    code = left_out(result.excluded, f"{len(result.before)} returns in {since}, "
                    f"{len(result.after)} in {until}, {len(result.excluded)} left out",
                    nothing=_nothing(result.before or result.after, result.excluded))
    return max(written, code)


def _table(format: str, document: dict[str, object], rows: list[dict[str, object]],
           columns: list[str]) -> str:
    from .._tables import csv_text, markdown_table, text_table

    if format == "json":
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if format == "csv":
        return csv_text(rows, columns)
    if format == "markdown":
        return markdown_table(rows, columns)
    return text_table(rows, columns)


def _nothing(included: Sequence[object], excluded: Sequence[object]) -> str | None:
    return "no audits found" if not included and not excluded else None


def _compare_arguments(sub: argparse.ArgumentParser) -> None:
    _selection_options(sub)
    sub.add_argument("--by", choices=["domain", "section", "standard"], default="domain")
    sub.add_argument("--group-by", choices=["partnership", "template", "area", "organisation"],
                     default=None)
    sub.add_argument("--area", metavar="NAME",
                     help="only audits covering this local authority area")
    sub.add_argument("--cycles", nargs=2, metavar=("SINCE", "UNTIL"), type=cycle_text,
                     help="the change from one cycle to another for every organisation with a "
                          "return in both (improved, same, worse), instead of one comparison")
    sub.add_argument("--format", choices=["table", "csv", "json", "markdown"], default="table")
    output_options(sub)
    _datapackage_option(sub)


def _export(args: argparse.Namespace, out: TextIO) -> int:
    from .._export import export

    if not _datapackage_usable(args):
        return UNUSABLE
    files = Files.of(args, args.paths, "read")
    result = export(files.paths, table=args.table, include_personal=args.include_personal,
                    include_drafts=args.include_drafts, rating=args.rating, today=args.today,
                    registry=registry(args), cycle=args.cycle, jobs=files.jobs,
                    progress=files.progress)
    files.progress.close()
    rows = _Counted(result.csv_lines() if args.format == "csv" else result.jsonl_lines(),
                   header=args.format == "csv")
    written = _write_table(args, rows, result.columns, out)
    count = rows.count if written == CLEAN else len(result.rows)  # not written: counted here
    code = left_out(result.excluded, f"{count} {args.table} rows, "
                    f"{len(result.excluded)} audits left out",
                    nothing=None if result.audits or result.excluded else "no audits found")
    return max(written, code)


@dataclass
class _Counted:
    """Lines passed on as they are written, counted (less a header) for the summary."""

    lines: Iterable[str]
    header: bool = False
    count: int = 0

    def __iter__(self) -> Iterator[str]:
        self.count = -1 if self.header else 0
        for line in self.lines:
            self.count += 1
            yield line


def _export_arguments(sub: argparse.ArgumentParser) -> None:
    _selection_options(sub)
    sub.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    sub.add_argument("--table", choices=["scores", "actions"], default="scores")
    sub.add_argument("--include-personal", action="store_true",
                     help="include the respondent's name, role, email and phone")
    output_options(sub)
    _datapackage_option(sub)


def _report(args: argparse.Namespace, out: TextIO) -> int:
    from .._board import board_report, read_expected

    expected = read_expected(args.expected) if args.expected else ()
    files = Files.of(args, args.paths, "read")
    result = board_report(files.paths, title=args.title, expected=expected, area=args.area,
                          include_drafts=args.include_drafts, rating=args.rating,
                          today=args.today, registry=registry(args), cycle=args.cycle,
                          since=args.since, jobs=files.jobs, progress=files.progress)
    files.progress.close()
    lines = result.markdown_lines() if args.format == "markdown" else result.html_lines()
    included, excluded = result.comparison.included, result.comparison.excluded
    written = write(args, lines, out)
    code = left_out(excluded, f"{len(included)} audits reported, {len(excluded)} left out, "
                    f"{len(result.missing())} expected organisations missing",
                    nothing=_nothing(included, excluded))
    return max(written, code)


def _report_arguments(sub: argparse.ArgumentParser) -> None:
    _selection_options(sub)
    sub.add_argument("--format", choices=["html", "markdown"], default="html")
    sub.add_argument("--expected", metavar="ORGS.txt",
                     help="organisations expected to submit, one per line")
    sub.add_argument("--title", default="Section 11 audit report")
    sub.add_argument("--area", metavar="NAME", help="only audits covering this area")
    sub.add_argument("--since", metavar="CYCLE", type=cycle_text,
                     help="also show each organisation's change since its return in this "
                          "earlier cycle, and what became of that cycle's actions")
    output_options(sub)


NORMALISE = Command("normalise", "place one audit on the common scale: each standard's value "
                    "and band, and means per section, domain and overall",
                    _normalise_arguments, _normalise)
COMPARE = Command("compare", "compare valid audits across templates and scales on the common "
                  "scale", _compare_arguments, _compare)
EXPORT = Command("export", "export valid audits as a tidy table (one row per audit and "
                 "standard, or per action) for Excel, pandas and DuckDB", _export_arguments,
                 _export)
REPORT = Command("report", "a self-contained HTML (or Markdown) report of valid audits for the "
                 "partnership board", _report_arguments, _report)
