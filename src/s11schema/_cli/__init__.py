"""The `s11schema` command: parse arguments, call the public API, render, exit.

Each command is a `Command` in its own module; this one only assembles the
parser and turns what cannot go on into the exit code the contract gives
(`_common` documents the codes). Imports happen inside each command so that
`s11schema --version` starts at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from .._version import __version__
from ._common import CLEAN, PROBLEMS, UNUSABLE, Command, Parser, print_findings, say
from .carry import TRANSLATE
from .check import LINT, VALIDATE
from .init import INIT
from .look import SHOW, TEMPLATES
from .make import NEW, SCHEMA
from .many import COMPARE, EXPORT, NORMALISE, REPORT
from .returns import IMPORT

#: Every command, in the order `--help` lists them.
COMMANDS: tuple[Command, ...] = (TEMPLATES, SHOW, VALIDATE, NEW, TRANSLATE, SCHEMA, NORMALISE,
                                 COMPARE, EXPORT, REPORT, LINT, INIT, IMPORT)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="s11schema", description="Section 11 audit templates, scales and "
                    "audits: check, validate, compare.")
    parser.add_argument("--version", action="version", version=f"s11schema {__version__}")
    common = Parser(add_help=False)
    common.add_argument("--path", action="append", metavar="DIR",
                        help="also look for templates and scales here (repeatable; "
                             "S11SCHEMA_PATH too)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for command in COMMANDS:
        sub = commands.add_parser(command.name, parents=[common], help=command.help,
                                  description=command.help)
        sub.set_defaults(handler=command.run)
        command.arguments(sub)
    return parser


def command_parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Each subcommand's parser, by name (the docs' CLI reference is made from these)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}  # pragma: no cover


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; return the exit code."""
    from .._errors import InvalidFileError, MissingExtraError, NotFoundError, UnreadableError
    from .._files import SettingError

    for stream in (sys.stdout, sys.stderr):  # a lone surrogate in an audit must not crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return UNUSABLE
    try:
        code: int = args.handler(args, out or sys.stdout)
    except NotFoundError as error:
        say(f"s11schema: {error}")
        say("(`s11schema templates` lists what can be seen; add your own folder with --path)")
        return UNUSABLE
    except (SettingError, MissingExtraError) as error:
        say(f"s11schema: {error}")
        return UNUSABLE
    except InvalidFileError as error:
        print_findings(error.findings)
        return PROBLEMS
    except UnreadableError as error:
        print_findings(error.findings)
        return UNUSABLE if any(f.code == "file-unreadable" for f in error.findings) else PROBLEMS
    except BrokenPipeError:  # `s11schema show ... | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return CLEAN
    finally:
        _say_shadowed(args)
    return code


def _say_shadowed(args: argparse.Namespace) -> None:
    """Name both files wherever the user's template or scale took a bundled one's place
    (lint reports it as a finding instead)."""
    found = getattr(args, "registry", None)
    if found is None or args.command == "lint":
        return
    for kind, item_id, path, bundled in found.shadowed():
        say(f"s11schema: note: {path} defines {kind} '{item_id}', which is also bundled "
            f"({bundled}); {path} is used (give it its own id to keep both)")
