"""A scale written as a list of levels, worst first: RAG, Blue/Green/Amber/Red, 1 to 5."""

from __future__ import annotations

from functools import cached_property
from typing import ClassVar

from pydantic import Field

from .._findings import Code, code
from .._text import Path
from .._yaml import Located
from ._base import Level, Scale

SCALE_POSITION_PARTIAL = code(
    "scale-position-partial", "error", "scales",
    "Some levels give a position on the common scale and others do not.",
    "s.yaml:12:5: error scale-position-partial: level 'amber' has no 'normalised' position but "
    "other levels do")
SCALE_POSITION_MISSING = code(
    "scale-position-missing", "warning", "scales",
    "No level gives a position; levels are spread evenly from 0 to 1.",
    "s.yaml:1:1: warning scale-position-missing: no level gives a 'normalised' position; "
    "spreading the 4 levels evenly: 0, 1/3, 2/3, 1")
CODES: tuple[Code, ...] = (SCALE_POSITION_PARTIAL, SCALE_POSITION_MISSING)


class LevelScale(Scale):
    """A scale of named levels, each placed on the common scale by `normalised`."""

    kind: ClassVar[str] = "levels"
    summary: ClassVar[str] = ("a list of levels, worst first, each with a code, a label and "
                              "its position on the common scale")

    levels: tuple[Level, ...] = Field(min_length=1)

    @cached_property
    def all_levels(self) -> tuple[Level, ...]:
        return self.levels

    def level_path(self, index: int) -> Path:
        return ("levels", index)

    def kind_findings(self, sink: Located) -> None:
        declared = [level.normalised is not None for level in self.levels]
        if any(declared) and not all(declared):
            for index, level in enumerate(self.levels):
                if level.normalised is None:
                    sink.at(("levels", index), SCALE_POSITION_PARTIAL,
                            f"level '{level.code}' has no 'normalised' position but other "
                            "levels do", hint="give every level a position on the common "
                            "scale (0 to 1)")
        elif not any(declared):
            sink.at((), SCALE_POSITION_MISSING, "no level gives a 'normalised' position; "
                    f"spreading the {len(self.levels)} levels evenly: {self.spread()}",
                    hint="add 'normalised:' to each level (0 nothing in place, 1/3 partly, "
                         "2/3 meeting requirements, 1 beyond requirements)")
