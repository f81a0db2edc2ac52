"""The reader of returned workbooks, as registered: the reading itself (`_workbook`, with
the layout and the openpyxl glue) is imported only when a workbook is read, so commands
that read JSON start sooner."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .._errors import UnreadableError
from . import Source


@dataclass(frozen=True, slots=True)
class WorkbookReader:
    """One audit per workbook made by `s11schema new --format xlsx`."""

    name: str = "xlsx"
    suffixes: tuple[str, ...] = (".xlsx",)
    description: str = ("a workbook made by `s11schema new TEMPLATE --format xlsx` and filled in "
                        "(needs the office extra); findings name the sheet and cell")

    def sources(self, path: Path, *, max_bytes: int) -> Iterator[Source | UnreadableError]:
        from ._workbook import read_workbook

        yield Source(str(path), lambda: read_workbook(path, max_bytes=max_bytes))


WORKBOOK = WorkbookReader()
