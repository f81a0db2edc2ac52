"""Places in a text file, as people count them: 1-based lines and columns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based line and column in a text file."""

    line: int
    column: int


def mark_at(text: str, offset: int) -> Mark:
    """The line and column of a character offset into `text`."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    return Mark(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)
