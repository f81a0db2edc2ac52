"""`import`: returns (workbooks, form exports, Word forms) written as audit files, validated."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ._common import (
    UNUSABLE,
    Command,
    Files,
    byte_count,
    iso_day,
    many_files_options,
    registry,
    say,
    with_flag_hints,
)

if TYPE_CHECKING:
    from .._import import Imported
    from .._results import Report


def _import(args: argparse.Namespace, out: TextIO) -> int:
    from .._audit import dumps
    from .._import import import_returns, return_files
    from .._mapping import load_mapping
    from .._writing import WriteError, write_text
    from ..formats import FORMATS
    from .check import _render

    found = registry(args)
    folder = Path(args.output)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        say(f"s11schema: cannot make the folder {folder}: {error.strerror or error}")
        return UNUSABLE
    mapping = load_mapping(args.mapping, registry=found) if args.mapping else None
    template = found.template(args.template) if args.template else None
    files = Files.of(args, args.paths, "imported",
                     found=return_files(args.paths, mapping=mapping, template=template))
    names: set[str] = set()
    written = failed_writes = 0
    reports: list[Report] = []
    for item in import_returns(files.paths, mapping=mapping, template=template,
                               status=args.status, registry=found, today=args.today,
                               max_bytes=args.max_bytes, jobs=files.jobs,
                               progress=files.progress):
        reports.append(with_flag_hints(item.report))
        files.progress.close()  # each line below starts at the margin; the count comes back
        if item.audit is None:
            say(f"not written: {item.source}: it could not be read completely (see the "
                "findings)")
            continue
        target = folder / f"{_unique(item, names)}.json"
        try:
            write_text(target, dumps(item.audit), force=args.force)
        except WriteError as error:
            say(f"s11schema: {error}")
            failed_writes += 1
            continue
        written += 1
        say(f"wrote {target} from {item.source}")
    tally = _render(reports, FORMATS[args.format], out, files.progress)
    say(f"{written} audits written to {folder}")
    if not tally.files:
        say("s11schema: nothing to import")
    code = tally.exit_code(strict=args.strict)
    usage = any(f.code == "import-unsupported" for r in reports for f in r.findings)
    return UNUSABLE if failed_writes or usage else code


def _unique(item: Imported, names: set[str]) -> str:
    """The audit's file name, made unique within this run (a second return from the same
    organisation gets its row or a number)."""
    name, number = item.name, 2
    while name in names:
        name = f"{item.name}-{number}"
        number += 1
    names.add(name)
    return name


def _import_arguments(sub: argparse.ArgumentParser) -> None:
    from .check import _format_option

    sub.add_argument("paths", nargs="+", metavar="FILE_OR_DIR",
                     help="returns, or folders of them: .xlsx workbooks from `s11schema new`, "
                          "form exports (.csv, .xlsx) with --mapping, Word returns (.docx) with "
                          "--template")
    sub.add_argument("-o", "--output", metavar="DIR", required=True,
                     help="the folder to write one audit file (.json) per return into")
    sub.add_argument("--force", action="store_true", help="overwrite audit files that exist")
    sub.add_argument("--mapping", metavar="MAPPING",
                     help="the mapping of a form export: a bundled mapping's id (such as "
                          "lambeth-google-forms) or a mapping file")
    sub.add_argument("--template", metavar="TEMPLATE",
                     help="the template of Word returns (and the one workbooks must be for)")
    sub.add_argument("--status", choices=["final", "draft"], default="final",
                     help="the status of Word returns (default: final)")
    _format_option(sub)
    sub.add_argument("--strict", action="store_true", help="fail on warnings too")
    sub.add_argument("--today", metavar="DATE", type=iso_day,
                     help="the date to check against (YYYY-MM-DD; default: today)")
    sub.add_argument("--max-bytes", type=byte_count, default=None, metavar="N",
                     help="largest file accepted (default 5 MB; S11SCHEMA_MAX_BYTES)")
    many_files_options(sub)


IMPORT = Command("import", "turn returns (workbooks, form-tool exports, Word forms) into audit "
                 "files, one per return, and validate them", _import_arguments, _import)
