"""Rows of results written as tables: CSV and JSON Lines for programs, text and Markdown
for people. Every cell that came from an audit is untrusted, so each writer escapes it
for where it goes (`_text`), and CSV cells a spreadsheet would run are written as text."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ._text import markdown, visible


def csv_text(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    """Rows as CSV (RFC 4180, header first), ready for Excel, pandas and DuckDB.

    The header is written even for no rows, so a loader still sees the columns.
    """
    names = list(columns if columns is not None else (rows[0] if rows else ()))
    return "".join(csv_lines(rows, names)) if names else ""


def csv_lines(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> Iterator[str]:
    """`csv_text` a line at a time, for tables too large to hold."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for cells in itertools.chain([columns], ([_cell(row.get(c)) for c in columns]
                                            for row in rows)):
        writer.writerow(cells)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def jsonl_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    return (json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


#: Spreadsheets run a cell starting with these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value  # shown as text by Excel and LibreOffice, never run
    if isinstance(value, float):
        return round(value, 4)
    return "" if value is None else value


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(_cell(value))


def markdown_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    lines = ["| " + " | ".join(markdown(c) for c in columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        lines.append("| " + " | ".join(markdown(_shown(row.get(c))) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def text_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], *,
               widest: int = 40) -> str:
    cells = [[visible(" ".join(_shown(row.get(c)).split()))[:widest] for c in columns]
             for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(line.rstrip() for line in lines) + "\n"
