"""`new --from` and `translate`: a draft pre-filled from a return, and what it leaves to do.

The summary goes to standard error and names standards and counts only: never the
organisation's or the respondent's details.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TextIO

from ._common import CLEAN, UNUSABLE, Command, output_options, registry, say, write

if TYPE_CHECKING:
    from .._project import CarryReport

#: At most this many standard ids on one line of the summary.
_SHOWN = 40


def carry_options(sub: argparse.ArgumentParser, *, needs_from: bool) -> None:
    """--crosswalk and --include-personal (and, for `new`, --from)."""
    if needs_from:
        sub.add_argument("--from", dest="previous", metavar="LAST_RETURN",
                         help="pre-fill the draft from the previous return (any audit file "
                              "validate reads): each carried answer is marked 'carried' "
                              "for re-confirmation")
    sub.add_argument("--crosswalk", metavar="FILE",
                     help="the crosswalk file to map standards by (default: one found on "
                          "the path in crosswalks/, else "
                          + ("the same ids" if needs_from else "shared common domains")
                          + ")")
    sub.add_argument("--include-personal", action="store_true",
                     help="also carry the respondent's name, role, email and phone")


def new_from(args: argparse.Namespace, out: TextIO) -> int:
    """`new TEMPLATE --from LAST_RETURN`."""
    from .._carry import carry_forward

    found = registry(args)
    template = found.template(args.template, args.version)
    draft, report = carry_forward(args.previous, template, registry=found,
                                  crosswalk=args.crosswalk,
                                  include_personal=args.include_personal, guide=args.guide)
    return _written(args, draft, report, out, translated=False)


def refused_without_from(args: argparse.Namespace) -> int | None:
    """`new` options that only make sense with --from: a usage error without it."""
    given = [flag for flag, value in (("--crosswalk", args.crosswalk),
                                      ("--include-personal", args.include_personal)) if value]
    if given and not args.previous:
        verb = "need" if len(given) > 1 else "needs"
        say(f"s11schema new: {' and '.join(given)} {verb} --from LAST_RETURN")
        return UNUSABLE
    return None


def _translate(args: argparse.Namespace, out: TextIO) -> int:
    from .._translate import translate

    found = registry(args)
    target = found.template(args.to, args.to_version)
    draft, report = translate(args.audit, target, crosswalk=args.crosswalk, registry=found,
                              include_personal=args.include_personal, guide=args.guide)
    return _written(args, draft, report, out, translated=True)


def _written(args: argparse.Namespace, draft: dict[str, Any], report: CarryReport,
             out: TextIO, *, translated: bool) -> int:
    """The draft to standard output or --output, and the summary to standard error."""
    from .._audit import dumps

    code = write(args, dumps(draft), out)
    if code == CLEAN:
        _summary(report, translated=translated)
        if args.output not in (None, "-"):
            say(f"wrote a draft for {report.target} to {args.output}")
    return code


def _translate_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("audit", metavar="AUDIT", help="the return to translate (any audit "
                     "file validate reads)")
    sub.add_argument("--to", required=True, metavar="TEMPLATE",
                     help="the template of the other partnership")
    sub.add_argument("--to-version", metavar="VERSION", default=None,
                     help="that template's version, where several exist")
    carry_options(sub, needs_from=False)
    sub.add_argument("--no-guide", dest="guide", action="store_false",
                     help="leave out each standard's guidance (_guide) beside its answer")
    output_options(sub)


def _ids(ids: tuple[str, ...]) -> str:
    shown = ", ".join(ids[:_SHOWN])
    return shown + (f" and {len(ids) - _SHOWN} more" if len(ids) > _SHOWN else "")


def _summary(report: CarryReport, *, translated: bool) -> None:
    """What was carried, and what is left to do, on standard error."""
    count = len(report.carried)
    how = report.crosswalk if report.crosswalk in ("same ids", "shared domains") else \
        f"the crosswalk {report.crosswalk}"
    if translated:
        say(f"translated {report.source} onto {report.target} by {how}: answers carried to "
            f"{count} standards, each marked 'carried' (check each answer, then delete its "
            "mark)")
    else:
        say(f"carried {count} answers from {report.source} onto {report.target} (by {how}), "
            "each marked 'carried' (check each still holds, then delete its mark)")
        if report.text_changed:
            say(f"standards whose text changed (read them again): {_ids(report.text_changed)}")
    new = tuple(s for s in report.to_answer if s in report.new)
    other = tuple(s for s in report.to_answer if s not in report.new)
    if translated and report.to_answer:
        say(f"left to answer: {_ids(report.to_answer)}")
    elif not translated:
        if new:
            say(f"new standards to answer: {_ids(new)}")
        if other:
            say(f"also left to answer: {_ids(other)}")
    for standard_id, why in report.withheld.items():
        say(f"rating of {standard_id} only suggested (in its 'carried' mark): {why}")
    for standard_id, why in report.moved.items():
        say(f"actions of {standard_id} written out as text, not in its action table: {why}")
    if report.dropped:
        say(f"standards of {report.source} not carried (dropped, or mapped to nothing): "
            f"{_ids(report.dropped)}")
    if report.actions and translated:
        say(f"{report.actions} actions carried, by standard")
    elif report.actions:
        say(f"{report.actions} actions carried for an update: say what became of each "
            "(status open, in progress, done or dropped)")


TRANSLATE = Command("translate", "project a return onto another partnership's template: a "
                    "draft with the answers carried over, marked for re-confirmation",
                    _translate_arguments, _translate)
