"""Output formats for findings, in one registry that `validate` and `lint` both use.

`text` for people, `json` for programs (its shape is published as a JSON
Schema), `github` for workflow annotations, `junit` for GitLab and other CI,
`sarif` for code scanning. The command line's `--format` choices and the
documentation's table are read from `FORMATS`, so a new format is one module
with a `Format` and one call to `register`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .._results import Report


@dataclass(frozen=True, slots=True)
class Format:
    """One way of writing the findings of many files."""

    name: str
    #: One line for `--help` and the documentation.
    description: str
    #: Writes the reports; called once per report when `streaming`, else once for all.
    render: Callable[[Sequence[Report]], str] = field(repr=False)
    #: Written a report at a time, so memory stays flat however many files there are.
    streaming: bool = False


FORMATS: dict[str, Format] = {}


def register(format: Format) -> Format:
    """Add (or replace) a format under its name."""
    FORMATS[format.name] = format
    return format


def render(reports: Sequence[Report], name: str) -> str:
    """Reports in the format called `name`."""
    return FORMATS[name].render(reports)


def _register_builtin() -> None:
    from ._builtin import BUILTIN

    for format in BUILTIN:
        register(format)


_register_builtin()

__all__ = ["FORMATS", "Format", "register", "render"]
