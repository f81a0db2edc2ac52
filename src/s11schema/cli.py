"""The `s11schema` command: parse arguments, call the public API, render, exit.

Exit codes, for every command: 0 clean (warnings allowed), 1 problems
found, 2 usage error or unreadable input. Imports happen inside each command
so that `s11schema --version` starts at once.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from ._version import __version__

if TYPE_CHECKING:
    from .compare import Excluded
    from .findings import Finding
    from .registry import Registry

CLEAN, PROBLEMS, UNUSABLE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """Usage errors exit 2, as the exit-code contract says."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(UNUSABLE, f"{self.prog}: error: {message}\n")


def _registry(args: argparse.Namespace) -> Registry:
    from .registry import Registry

    return Registry(args.path or ())


def _print_findings(findings: Sequence[Finding], out: TextIO) -> None:
    for finding in findings:
        print(finding, file=out)


# ---------------------------------------------------------------- commands


def _cmd_templates(args: argparse.Namespace, out: TextIO) -> int:
    registry = _registry(args)
    rows: list[dict[str, Any]] = []
    for template in sorted(registry.templates(), key=lambda t: (t.id, t.version or "")):
        rows.append({"id": template.id, "version": template.version, "scale": template.scale,
                     "standards": len(template.standard_ids), "title": template.title,
                     "partnership": template.partnership})
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False), file=out)
    else:
        width = max((len(r["id"]) for r in rows), default=2)
        print(f"{'id':<{width}}  {'version':<8} {'scale':<10} {'standards':>9}  partnership",
              file=out)
        for r in rows:
            print(f"{r['id']:<{width}}  {r['version'] or '-':<8} {r['scale']:<10} "
                  f"{r['standards']:>9}  {r['partnership']}", file=out)
    return CLEAN


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    from .show import scale_summary, template_summary, template_text

    registry = _registry(args)
    if args.scale:
        summary = scale_summary(registry.scale(args.name))
        if args.format == "json":
            print(json.dumps(summary, indent=2, ensure_ascii=False), file=out)
        else:
            print(f"{summary['title']} ({summary['id']})", file=out)
            for level in summary["levels"]:
                print(f"  {level['code']:<24} {level['label']:<28} {level['normalised']:.3f}"
                      f"  {level['band']}", file=out)
        return CLEAN
    template = registry.template(args.name, args.version)
    if args.format == "json":
        print(json.dumps(template_summary(template, registry), indent=2, ensure_ascii=False),
              file=out)
    else:
        print(template_text(template, registry), file=out)
    return CLEAN


def _cmd_lint(args: argparse.Namespace, out: TextIO) -> int:
    from .lint import lint
    from .output import finding_dict

    result = lint(args.paths, registry=_registry(args))
    if args.format == "json":
        print(json.dumps({"files": result.files, "findings": [finding_dict(f) for f in
                                                               result.findings]},
                         indent=2, ensure_ascii=False), file=out)
    else:
        _print_findings(result.findings, out)
        print(f"{len(result.files)} files, {len(result.errors)} errors, "
              f"{len(result.warnings)} warnings", file=sys.stderr)
    if result.unreadable:
        return UNUSABLE
    return PROBLEMS if result.errors else CLEAN


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    from .output import STREAMING, Tally, render
    from .validate import validate_many

    reports = validate_many(args.paths, registry=_registry(args), today=args.today,
                            max_bytes=args.max_bytes)
    tally = Tally()
    if args.format in STREAMING:  # one report at a time: memory stays flat
        for report in reports:
            tally.add(report)
            out.write(render([report], args.format))
    else:  # one document for all files
        kept = [tally.add(report) for report in reports]
        out.write(render(kept, args.format))
    print(tally.line(), file=sys.stderr)
    if not tally.files or tally.unreadable:
        if not tally.files:
            print("s11schema: no .json or .jsonl audits found", file=sys.stderr)
        return UNUSABLE
    failed = tally.failed or (args.strict and tally.warnings)
    return PROBLEMS if failed else CLEAN


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _cmd_new(args: argparse.Namespace, out: TextIO) -> int:
    from .audit import dumps, new_audit

    template = _registry(args).template(args.template, args.version)
    code = _write(args, dumps(new_audit(template)), out)
    if code == CLEAN and args.output not in (None, "-"):
        print(f"wrote a blank draft for {template.label} to {args.output}", file=sys.stderr)
    return code


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    from .schema import audit_schema, format_schema, shipped_schema_path

    if args.format_of and args.where:
        print(shipped_schema_path(args.format_of), file=out)
        return CLEAN
    if args.format_of:
        document = format_schema(args.format_of)
    elif args.template:
        document = audit_schema(_registry(args).template(args.template, args.version),
                                registry=_registry(args))
    else:
        print("s11schema schema: name a TEMPLATE, or use --format-of", file=sys.stderr)
        return UNUSABLE
    print(json.dumps(document, indent=2, ensure_ascii=False), file=out)
    return CLEAN


def _write(args: argparse.Namespace, text: str, out: TextIO) -> int:
    """To standard output, or atomically to --output (never over a file without --force)."""
    from ._io import atomic_write

    if getattr(args, "output", None) in (None, "-"):
        out.write(text)
        return CLEAN
    try:
        atomic_write(args.output, text, force=args.force)
    except FileExistsError as error:
        print(f"s11schema: {error}", file=sys.stderr)
        return UNUSABLE
    except OSError as error:
        print(f"s11schema: cannot write {args.output}: {error.strerror}", file=sys.stderr)
        return UNUSABLE
    return CLEAN


def _finish(code: int, excluded: Sequence[Excluded], summary: str, *, nothing: bool) -> int:
    """Say which audits were left out and why, then the exit code (2 when nothing is left)."""
    for item in excluded:
        print(f"left out: {item.file}: {item.reason}", file=sys.stderr)
    print(summary, file=sys.stderr)
    return code if code != CLEAN else (UNUSABLE if nothing else CLEAN)


def _cmd_normalise(args: argparse.Namespace, out: TextIO) -> int:
    from .normalise import normalise, score_row
    from .output import csv_text

    result = normalise(args.audit, registry=_registry(args), rating=args.rating)
    if args.rating == "moderated" and result.fell_back:
        print(f"{result.fell_back} standards have no moderated rating; their self-assessed "
              "rating is used", file=sys.stderr)
    if args.format == "csv":
        text = csv_text([{"organisation": result.organisation, "template": result.template,
                          **score_row(s)} for s in result.scores])
    else:
        text = json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
    return _write(args, text, out)


_COMPARE_COLUMNS = ["key", "title", "audits", "mean", "inadequate", "requires-improvement",
                    "good", "outstanding", "good_or_better", "lowest"]


def _cmd_compare(args: argparse.Namespace, out: TextIO) -> int:
    from .compare import compare
    from .output import csv_text, markdown_table, text_table

    result = compare(args.paths, by=args.by, group_by=args.group_by, area=args.area,
                     include_drafts=args.include_drafts, rating=args.rating,
                     registry=_registry(args), today=args.today)
    rows = result.to_rows()
    columns = (["group"] if args.group_by else []) + (
        ["template"] if args.by != "domain" else []) + _COMPARE_COLUMNS
    if args.format == "json":
        text = json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "csv":
        text = csv_text(rows)
    elif args.format == "markdown":
        text = markdown_table(rows, columns)
    else:
        text = text_table(rows, columns)
    return _finish(_write(args, text, out), result.excluded,
                   f"{len(result.included)} audits compared, {len(result.excluded)} left out",
                   nothing=not result.included)


def _cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from .export import export

    result = export(args.paths, table=args.table, include_personal=args.include_personal,
                    include_drafts=args.include_drafts, rating=args.rating, today=args.today,
                    registry=_registry(args))
    return _finish(_write(args, result.csv() if args.format == "csv" else result.jsonl(), out),
                   result.excluded,
                   f"{len(result.rows)} {args.table} rows, {len(result.excluded)} audits left out",
                   nothing=not result.rows and not result.excluded)


def _cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from .report import board_report, read_expected

    expected = read_expected(args.expected) if args.expected else ()
    result = board_report(args.paths, title=args.title, expected=expected, area=args.area,
                          include_drafts=args.include_drafts, rating=args.rating,
                          today=args.today, registry=_registry(args))
    text = result.markdown() if args.format == "markdown" else result.html()
    included, excluded = result.comparison.included, result.comparison.excluded
    return _finish(_write(args, text, out), excluded,
                   f"{len(included)} audits reported, {len(excluded)} left out, "
                   f"{len(result.missing())} expected organisations missing",
                   nothing=not included)


# ---------------------------------------------------------------- parser


def _output_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically)")
    sub.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="s11schema", description="Section 11 audit templates, scales "
                     "and audits: check, validate, compare.")
    parser.add_argument("--version", action="version", version=f"s11schema {__version__}")
    common = _Parser(add_help=False)
    common.add_argument("--path", action="append", metavar="DIR",
                        help="also look for templates and scales here (repeatable; "
                             "S11SCHEMA_PATH too)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, handler: Callable[[argparse.Namespace, TextIO], int],
                help_: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=help_, description=help_)
        sub.set_defaults(handler=handler)
        return sub

    sub = command("templates", _cmd_templates, "list the templates s11schema can see")
    sub.add_argument("--format", choices=["text", "json"], default="text")

    sub = command("show", _cmd_show, "show a template's sections, standards, codes "
                  "and questions (or a scale with --scale)")
    sub.add_argument("name", metavar="TEMPLATE", help="template id (or scale id with --scale)")
    sub.add_argument("--version", dest="version", metavar="VERSION", default=None,
                     help="the template version, where several exist")
    sub.add_argument("--scale", action="store_true", help="show a scale instead")
    sub.add_argument("--format", choices=["text", "json"], default="text")

    sub = command("validate", _cmd_validate, "validate completed audits (.json, or .jsonl "
                  "with one audit per line) against their templates")
    sub.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    sub.add_argument("--format", choices=["text", "json", "github", "junit", "sarif"],
                     default="text")
    sub.add_argument("--strict", action="store_true", help="fail on warnings too")
    sub.add_argument("--today", metavar="DATE", type=_date,
                     help="the date to check against (YYYY-MM-DD; default: today)")
    sub.add_argument("--max-bytes", type=int, default=None, metavar="N",
                     help="largest audit file accepted (default 5 MB; S11SCHEMA_MAX_BYTES)")

    sub = command("new", _cmd_new, "print a blank draft audit for a template")
    sub.add_argument("template", metavar="TEMPLATE")
    sub.add_argument("--version", dest="version", metavar="VERSION", default=None)
    _output_options(sub)

    sub = command("schema", _cmd_schema, "print the JSON Schema (Draft 2020-12) of a "
                  "template's audits, or of a file format for editors")
    sub.add_argument("template", metavar="TEMPLATE", nargs="?")
    sub.add_argument("--version", dest="version", metavar="VERSION", default=None)
    sub.add_argument("--format-of", choices=["template", "scale", "domains", "report"],
                     help="the schema of a YAML file format (or of validate's JSON report)")
    sub.add_argument("--where", action="store_true",
                     help="with --format-of: print where the package ships that schema file")

    sub = command("normalise", _cmd_normalise, "place one audit on the common scale: each "
                  "standard's value and band, and means per section, domain and overall")
    sub.add_argument("audit", metavar="AUDIT")
    sub.add_argument("--format", choices=["json", "csv"], default="json")
    sub.add_argument("--rating", choices=["self", "moderated"], default="self",
                     help="which rating to use (moderated falls back to self where absent)")
    _output_options(sub)

    sub = command("compare", _cmd_compare, "compare valid audits across templates and "
                  "scales on the common scale")
    sub.add_argument("paths", nargs="+", metavar="AUDIT_OR_DIR")
    sub.add_argument("--by", choices=["domain", "section", "standard"], default="domain")
    sub.add_argument("--group-by", choices=["partnership", "template", "area",
                                            "organisation"], default=None)
    sub.add_argument("--area", metavar="NAME", help="only audits covering this local "
                     "authority area")
    sub.add_argument("--include-drafts", action="store_true")
    sub.add_argument("--rating", choices=["self", "moderated"], default="self")
    sub.add_argument("--today", metavar="DATE", type=_date)
    sub.add_argument("--format", choices=["table", "csv", "json", "markdown"], default="table")
    _output_options(sub)

    sub = command("export", _cmd_export, "export valid audits as a tidy table (one row per "
                  "audit and standard, or per action) for Excel, pandas and DuckDB")
    sub.add_argument("paths", nargs="+", metavar="AUDIT_OR_DIR")
    sub.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    sub.add_argument("--table", choices=["scores", "actions"], default="scores")
    sub.add_argument("--include-personal", action="store_true",
                     help="include the respondent's name, role, email and phone")
    sub.add_argument("--include-drafts", action="store_true")
    sub.add_argument("--rating", choices=["self", "moderated"], default="self")
    sub.add_argument("--today", metavar="DATE", type=_date,
                     help="the date overdue actions are judged against (default: today)")
    _output_options(sub)

    sub = command("report", _cmd_report, "a self-contained HTML (or Markdown) report of valid "
                  "audits for the partnership board")
    sub.add_argument("paths", nargs="+", metavar="AUDIT_OR_DIR")
    sub.add_argument("--format", choices=["html", "markdown"], default="html")
    sub.add_argument("--expected", metavar="ORGS.txt",
                     help="organisations expected to submit, one per line")
    sub.add_argument("--title", default="Section 11 audit report")
    sub.add_argument("--area", metavar="NAME", help="only audits covering this area")
    sub.add_argument("--include-drafts", action="store_true")
    sub.add_argument("--rating", choices=["self", "moderated"], default="self")
    sub.add_argument("--today", metavar="DATE", type=_date,
                     help="the date overdue actions are judged against (default: today)")
    _output_options(sub)

    sub = command("lint", _cmd_lint, "check template, scale and domain YAML files")
    sub.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    sub.add_argument("--format", choices=["text", "json"], default="text")
    return parser


def command_parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Each subcommand's parser, by name (the docs' CLI reference is made from these)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}  # pragma: no cover


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; return the exit code."""
    from .errors import InvalidFileError, NotFoundError, UnreadableError

    for stream_ in (sys.stdout, sys.stderr):  # a lone surrogate in an audit must not crash
        if hasattr(stream_, "reconfigure"):
            stream_.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return UNUSABLE
    stream = out or sys.stdout
    try:
        code: int = args.handler(args, stream)
    except NotFoundError as error:
        print(f"s11schema: {error}", file=sys.stderr)
        return UNUSABLE
    except InvalidFileError as error:
        _print_findings(error.findings, sys.stderr)
        return PROBLEMS
    except UnreadableError as error:
        _print_findings(error.findings, sys.stderr)
        return UNUSABLE
    except BrokenPipeError:  # `s11schema show ... | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return CLEAN
    return code
