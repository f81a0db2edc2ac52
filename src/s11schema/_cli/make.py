"""`new` and `schema`: a blank audit to fill in, and the JSON Schemas for programs and editors."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from ._common import CLEAN, UNUSABLE, Command, output_options, registry, say, write
from .carry import carry_options, new_from, refused_without_from


def _new(args: argparse.Namespace, out: TextIO) -> int:
    from .._audit import dumps, new_audit

    refused = refused_without_from(args)
    if refused is not None:
        return refused
    if args.previous and args.format == "xlsx":
        say("s11schema new: --from makes a JSON draft, whose carried answers are marked for "
            "the respondent to confirm; a workbook has no place for those marks (leave out "
            "--format xlsx)")
        return UNUSABLE
    if args.previous:
        return new_from(args, out)
    found = registry(args)
    template = found.template(args.template, args.version)
    if args.format == "xlsx":
        from .._workbook import new_workbook

        code = write(args, new_workbook(template, registry=found), out)
        what = "a workbook"
    else:
        code = write(args, dumps(new_audit(template, guide=args.guide)), out)
        what = "a blank draft"
    if code == CLEAN and args.output not in (None, "-"):
        say(f"wrote {what} for {template.label} to {args.output}")
    return code


def _new_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("template", metavar="TEMPLATE")
    sub.add_argument("--version", dest="version", metavar="VERSION", default=None)
    sub.add_argument("--no-guide", dest="guide", action="store_false",
                     help="leave out each standard's guidance (_guide) beside its blank answer")
    sub.add_argument("--format", choices=["json", "xlsx"], default="json",
                     help="json: a blank draft audit; xlsx: a workbook for organisations to "
                          "fill in (needs -o FILE and the office extra)")
    carry_options(sub, needs_from=True)
    output_options(sub)


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    from .._schema import audit_schema, format_schema, shipped_schema_path

    if args.format_of and args.where:
        print(shipped_schema_path(args.format_of), file=out)
        return CLEAN
    if args.format_of:
        document = format_schema(args.format_of)
    elif args.template:
        found = registry(args)
        document = audit_schema(found.template(args.template, args.version), registry=found)
    else:
        say("s11schema schema: name a TEMPLATE, or use --format-of")
        return UNUSABLE
    print(json.dumps(document, indent=2, ensure_ascii=False), file=out)
    return CLEAN


def _schema_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("template", metavar="TEMPLATE", nargs="?")
    sub.add_argument("--version", dest="version", metavar="VERSION", default=None)
    sub.add_argument("--format-of", choices=["template", "scale", "domains", "mapping",
                                             "crosswalk", "report"],
                     help="the schema of a YAML file format (or of validate's JSON report)")
    sub.add_argument("--where", action="store_true",
                     help="with --format-of: print where the package ships that schema file")


NEW = Command("new", "a blank draft audit for a template, a workbook to fill in (--format "
              "xlsx), or a draft pre-filled from the last return (--from)", _new_arguments, _new)
SCHEMA = Command("schema", "print the JSON Schema (Draft 2020-12) of a template's audits, or of "
                 "a file format for editors", _schema_arguments, _schema)
