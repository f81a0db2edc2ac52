"""The board report as Markdown, for papers written in other tools."""

from __future__ import annotations

from collections.abc import Sequence

from .._text import markdown
from . import BoardReport
from ._sections import BANDS, LABELS, NOT_RATED, SHORT, SQUARES, Cell, Section, footer, subtitle


def _md(text: str) -> str:
    """One line, with no markup, HTML or link an organisation could slip in (`_text.markdown`)."""
    return markdown(text)


def markdown_page(report: BoardReport, sections: Sequence[Section]) -> str:
    parts = [f"# {_md(report.title)}", _md(subtitle(report))]
    parts += [_markdown_section(s) for s in sections]
    parts.append(f"_{_md(footer())}_")
    return "\n\n".join(parts) + "\n"


def _markdown_section(section: Section) -> str:
    parts = [f"## {_md(section.heading)}", _md(section.intro)]
    if section.legend:
        parts.append("Key: " + ", ".join(f"{SQUARES.get(b, '')} {SHORT[b]} {LABELS[b]}".strip()
                                         for b in (*BANDS, NOT_RATED)))
    if not section.rows:
        parts.append(f"_{_md(section.empty)}_")
        return "\n\n".join(parts)
    lines = ["| " + " | ".join(_md(c) for c in section.columns) + " |",
             "|" + "---|" * len(section.columns)]
    lines += ["| " + " | ".join(_markdown_cell(c) for c in row) + " |" for row in section.rows]
    parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _markdown_cell(cell: Cell) -> str:
    square = SQUARES.get(cell.band or "")
    text = _md(cell.text)
    return f"{square} {text}" if square else text
