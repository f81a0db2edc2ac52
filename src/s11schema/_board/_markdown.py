"""The board report as Markdown, for papers written in other tools."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .._text import markdown
from . import BoardReport
from ._sections import (
    BANDS,
    LABELS,
    NOT_RATED,
    SHORT,
    SQUARES,
    Cell,
    Facts,
    Section,
    footer,
    rows_if_any,
    subtitle,
)


def _md(text: str) -> str:
    """One line, with no markup, HTML or link an organisation could slip in (`_text.markdown`)."""
    return markdown(text)


def markdown_page(report: BoardReport, sections: Sequence[Section], known: Facts
                  ) -> Iterator[str]:
    """The page a line at a time (each ending in a newline), tables a row at a time."""
    yield f"# {_md(report.title)}\n\n{_md(subtitle(report, known))}\n"
    for section in sections:
        yield "\n"
        yield from _markdown_section(section)
    yield f"\n_{_md(footer())}_\n"


def _markdown_section(section: Section) -> Iterator[str]:
    yield f"## {_md(section.heading)}\n\n{_md(section.intro)}\n"
    if section.legend:
        yield "\nKey: " + ", ".join(f"{SQUARES.get(b, '')} {SHORT[b]} {LABELS[b]}".strip()
                                   for b in (*BANDS, NOT_RATED)) + "\n"
    rows = rows_if_any(section)
    if rows is None:
        yield f"\n_{_md(section.empty)}_\n"
        return
    yield ("\n| " + " | ".join(_md(c) for c in section.columns) + " |\n"
           + "|" + "---|" * len(section.columns) + "\n")
    for row in rows:
        yield "| " + " | ".join(_markdown_cell(c) for c in row) + " |\n"


def _markdown_cell(cell: Cell) -> str:
    square = SQUARES.get(cell.band or "")
    text = _md(cell.text)
    return f"{square} {text}" if square else text
