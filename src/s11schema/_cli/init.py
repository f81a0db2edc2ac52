"""`init`: a partnership's repository in one command (see `_scaffold` for what it lays out)."""

from __future__ import annotations

import argparse
from typing import TextIO

from ._common import CLEAN, UNUSABLE, Command, registry, say


def _init(args: argparse.Namespace, out: TextIO) -> int:
    from .._scaffold import ScaffoldError, copy_template, scaffold
    from .._writing import WriteError

    if bool(args.source) != bool(args.new_id):
        say("s11schema init: --from TEMPLATE and --id NEW_ID go together (the copy needs its "
            "own id)")
        return UNUSABLE
    try:
        copied = copy_template(args.source, args.new_id, registry(args)) if args.source else None
        written = scaffold(args.folder, template=copied)
    except (ScaffoldError, WriteError) as error:
        say(f"s11schema: {error}")
        return UNUSABLE
    for path in written:
        print(path, file=out)
    say(f"created a partnership repository in {args.folder}: read {args.folder}/README.md, "
        "then `git init` and `pre-commit install` there")
    return CLEAN


def _init_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("folder", metavar="DIR", help="where to create it (new or empty)")
    sub.add_argument("--from", dest="source", metavar="TEMPLATE",
                     help="start from this template (bundled, or found with --path)")
    sub.add_argument("--id", dest="new_id", metavar="NEW_ID",
                     help="with --from: the id of your copy")


INIT = Command("init", "create a partnership repository: standards/, scales/, audits/, "
               "pre-commit checks, a CI workflow and a README", _init_arguments, _init)
