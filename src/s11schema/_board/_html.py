"""The board report as one self-contained HTML page: inline style, nothing loaded."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from .._text import html
from . import BoardReport
from ._sections import (
    BANDS,
    LABELS,
    NOT_RATED,
    SHORT,
    Cell,
    Facts,
    Row,
    Section,
    footer,
    rows_if_any,
    subtitle,
)

_CSS = """
:root{--inadequate:#c62828;--requires-improvement:#f57c00;--good:#2e7d32;
--outstanding:#1565c0;--none:#e0e0e0;--ink:#1b1b1b;--muted:#555;--rule:#c8c8c8}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);
margin:2rem auto;max-width:80rem;padding:0 1.5rem;line-height:1.45;font-size:15px}
h1{font-size:1.7rem;margin:0 0 .2rem}
h2{font-size:1.25rem;margin:2.2rem 0 .4rem;border-bottom:2px solid var(--ink);padding-bottom:.2rem}
header p{margin:0;color:var(--muted)}
section>p{margin:.2rem 0 .8rem;max-width:60rem}
table{border-collapse:collapse;margin:.4rem 0;font-size:.9rem}
th,td{border:1px solid var(--rule);padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f2f2f2}
tbody th{font-weight:600}
#summary{min-width:40rem}#summary tbody th{white-space:nowrap}
td.num{text-align:right;white-space:nowrap}
td.due{min-width:7.5rem}#actions tbody th{font-weight:500}#actions td:last-child{white-space:nowrap}
.band-inadequate{background:var(--inadequate);color:#fff}
.band-requires-improvement{background:var(--requires-improvement);color:#111}
.band-good{background:var(--good);color:#fff}
.band-outstanding{background:var(--outstanding);color:#fff}
.band-none{background:var(--none);color:#444}
#heatmap td{text-align:center;font-weight:700;min-width:2.2rem;padding:.35rem .2rem}
#heatmap thead th+th{writing-mode:vertical-rl;transform:rotate(180deg);vertical-align:bottom;
text-align:left;font-weight:600;max-height:14rem;padding:.4rem .2rem}
#heatmap tbody th{white-space:nowrap}
.legend{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:.3rem 0 .6rem;padding:0;list-style:none}
.legend li{display:flex;align-items:center;gap:.35rem}
.legend span{display:inline-block;min-width:2rem;text-align:center;font-weight:700;
padding:.1rem .3rem;border:1px solid var(--rule)}
.bar{display:flex;height:.6rem;min-width:8rem;margin-top:.25rem;background:#f4f4f4}
.bar span{display:block;height:100%}
#domains .bar{min-width:4rem}
.overdue{color:var(--inadequate);font-weight:700}
.overdue::before{content:"\\26A0\\FE0E  "}
.empty{font-style:italic;color:var(--muted)}
footer{margin-top:2.5rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--rule);
padding-top:.5rem}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@page{size:A4 landscape;margin:12mm}
@media print{body{margin:0;max-width:none;padding:0;font-size:10pt}
h2{break-after:avoid}thead{display:table-header-group}tr{break-inside:avoid}
section{break-inside:auto}}
"""


def _esc(text: str) -> str:
    """Escaped for HTML text and attributes (see `_text.html`)."""
    return html(text)


def html_page(report: BoardReport, sections: Sequence[Section], known: Facts
              ) -> Iterator[str]:
    """The page a line at a time (each ending in a newline), tables a row at a time."""
    yield (
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{_esc(report.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header>\n<h1>{_esc(report.title)}</h1>\n<p>{_esc(subtitle(report, known))}</p>\n"
        "</header>\n<main>\n")
    for index, section in enumerate(sections):
        if index:
            yield "\n"
        yield from _html_section(section)
    yield f"\n</main>\n<footer>{_esc(footer())}</footer>\n</body>\n</html>\n"


def _html_section(section: Section) -> Iterator[str]:
    yield (f'<section aria-labelledby="h-{section.id}">\n'
           f'<h2 id="h-{section.id}">{_esc(section.heading)}</h2>\n'
           f"<p>{_esc(section.intro)}</p>\n")
    if section.legend:
        yield _html_legend() + "\n"
    rows = rows_if_any(section)
    if rows is None:
        yield f'<p id="{section.id}" class="empty">{_esc(section.empty)}</p>\n'
    else:
        yield from _html_table(section, rows)
    yield "</section>"


def _html_legend() -> str:
    items = "".join(f'<li><span class="band-{b}">{_esc(SHORT[b])}</span>{_esc(LABELS[b])}</li>'
                    for b in (*BANDS, NOT_RATED))
    return f'<ul class="legend" aria-label="Key">{items}</ul>'


def _html_table(section: Section, rows: Iterable[Row]) -> Iterator[str]:
    head = "".join(f'<th scope="col">{_esc(c)}</th>' for c in section.columns)
    yield f'<table id="{section.id}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
    for row in rows:
        yield "<tr>" + "".join(_html_cell(c, section.data_bands) for c in row) + "</tr>\n"
    yield "</tbody>\n</table>\n"


def _html_cell(cell: Cell, data_bands: bool) -> str:
    tag = "th" if cell.header else "td"
    classes = [*cell.classes.split(), *([f"band-{cell.band}"] if cell.band else [])]
    attrs = (' scope="row"' if cell.header else "") + (
        f' class="{" ".join(classes)}"' if classes else "") + (
        f' data-band="{cell.band}"' if data_bands and cell.band else "") + (
        f' title="{_esc(cell.hint)}"' if cell.hint else "")
    return f"<{tag}{attrs}>{_esc(cell.text)}{_html_bar(cell.bar)}</{tag}>"


def _html_bar(segments: tuple[tuple[str, float], ...]) -> str:
    if not segments:
        return ""
    spans = "".join(f'<span class="band-{b}" style="width:{100 * share:.1f}%"></span>'
                    for b, share in segments)
    return f'<div class="bar" aria-hidden="true">{spans}</div>'
