"""Build small, deliberately broken Word returns for the .docx import tests.

Each return imitates the Nottinghamshire and Nottingham City "Section 11 self-assessment audit
2021" Word form, laid out as build_rushcliffe.py lays it out (seed
tests/data/seeds/000_2855c51fa3ccaa77.txt, lines 30 to 67: one five-column table with a row per
section and a row per standard), and breaks exactly one thing:

- "unknown-standard": a row numbered 10.1, which the template (1.1 to 9.2) does not have;
- "duplicate-standard": standard 1.1 answered twice, with different answers;
- "no-table": the form's text, with the answers typed as paragraphs and no table at all;
- "merged-cells": the rating cell of 1.1 merged down over the rating cell of 1.2;
- "other-template": a table headed with Buckinghamshire's labels
  (standards/buckinghamshire-2016.yaml);
- "empty-rating": standard 1.1 with nothing in its rating cell.

Standard texts and answers come from the Rushcliffe return (seed lines 31 to 33), so only the
defect differs from a good return. Run as a script to write broken-<kind>.docx next to this file.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.table import Table

KINDS = (
    "unknown-standard",
    "duplicate-standard",
    "no-table",
    "merged-cells",
    "other-template",
    "empty-rating",
)

Cells = tuple[str, ...]

# Seed line 30: the first row of the Nottinghamshire form's table.
HEADINGS: Cells = (
    "",
    "Standard",
    "RAG Rating Red/ Amber /Green",
    "Evidence to support position",
    "Action required to improve position",
)
# Seed line 31: section 1's own row (its headings are in the first row, just above).
SECTION_1: Cells = ("1", "Leadership and Organisational Accountability", "", "", "")
# Seed lines 32 and 33.
STANDARD_1_1: Cells = (
    "1.1",
    "The organisation can demonstrate clear lines of accountability for safeguarding children "
    "within their organisation. Including identified leads for safeguarding and that the "
    "workforce know where details are located and how to contact them.",
    "Green",
    "Safeguarding lead / contact officers is within the Safeguarding Policy available on the "
    "council's intranet",
    "",
)
STANDARD_1_2: Cells = (
    "1.2",
    "All organisations should provide strategic leadership for the safeguarding agenda to enable "
    "the board to meet its statutory duties",
    "Green",
    "Rushcliffe Council safeguarding steering group is attended by internal services as well as "
    "key external delivery partners and is chaired by an Executive Manager",
    "",
)
# Made up for the tests: the template has no section 10.
UNKNOWN_10_1: Cells = (
    "10.1",
    "A standard that the Nottinghamshire 2021 template does not have",
    "Green",
    "Evidence for a standard that does not exist",
    "",
)
# 1.1 again, answered differently so the two rows cannot be taken for one.
SECOND_1_1: Cells = (STANDARD_1_1[0], STANDARD_1_1[1], "Amber", "A second answer to 1.1", "")

# Buckinghamshire's toolkit stacks these labels as rows under each key area (seed
# 001_d4afde316def4adb.txt, lines 73 to 79: "Evidence of impact and outcomes", "Actions
# Required / Lead / Timescale", "Current Rating"); here they head the columns of one table,
# with key area 1 and a rating on Buckinghamshire's own scale (Blue is not a RAG level).
BUCKINGHAMSHIRE_HEADINGS: Cells = (
    "",
    "Key area",
    "Evidence of impact and outcomes",
    "Actions Required",
    "Lead",
    "Timescale",
    "Current Rating",
)
BUCKINGHAMSHIRE_AREA_1: Cells = (
    "1",
    "Senior managers take leadership responsibility for safeguarding children and safeguarding "
    "is embedded within the organisation.",
    "Safeguarding lead / contact officers is within the Safeguarding Policy",
    "",
    "",
    "",
    "Blue",
)


def _form(title: str) -> DocumentObject:
    """A new document with the form's title and organisation details (seed lines 5 to 23)."""
    document = Document()
    document.add_heading(
        "Nottinghamshire and Nottingham City Safeguarding Children Partnerships", level=0
    )
    document.add_heading("Section 11 self-assessment audit 2021", level=1)
    document.add_paragraph(f"Deliberately broken return: {title}")
    for label, answer in (
        ("Name of organisation completing the form:", "Rushcliffe Borough Council"),
        ("Date completed:", "June 2021"),
    ):
        document.add_paragraph().add_run(label).bold = True
        document.add_paragraph(answer)
    return document


def _table(document: DocumentObject, rows: list[Cells]) -> Table:
    """Add a bordered table with one row per tuple of cell texts."""
    table: Table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for table_row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(table_row.cells, texts, strict=True):
            cell.text = text
    return table


def build(kind: str, path: Path) -> None:
    """Write the broken return named by kind (one of KINDS) to path."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    document = _form(kind)
    if kind == "unknown-standard":
        _table(document, [HEADINGS, SECTION_1, STANDARD_1_1, UNKNOWN_10_1])
    elif kind == "duplicate-standard":
        _table(document, [HEADINGS, SECTION_1, STANDARD_1_1, SECOND_1_1])
    elif kind == "no-table":
        for cells in (SECTION_1, STANDARD_1_1, STANDARD_1_2):
            for text in cells:
                if text:
                    document.add_paragraph(text)
    elif kind == "merged-cells":
        table = _table(document, [HEADINGS, SECTION_1, STANDARD_1_1, STANDARD_1_2])
        # Rows 2 and 3 are 1.1 and 1.2; column 2 is the rating. Setting the text afterwards
        # leaves one "Green" in the merged cell instead of the two it would otherwise join.
        table.cell(2, 2).merge(table.cell(3, 2)).text = "Green"
    elif kind == "other-template":
        _table(document, [BUCKINGHAMSHIRE_HEADINGS, BUCKINGHAMSHIRE_AREA_1])
    else:  # "empty-rating"
        no_rating = (*STANDARD_1_1[:2], "", *STANDARD_1_1[3:])
        _table(document, [HEADINGS, SECTION_1, no_rating, STANDARD_1_2])
    document.save(str(path))


if __name__ == "__main__":
    for name in KINDS:
        output = Path(__file__).with_name(f"broken-{name}.docx")
        build(name, output)
        print(f"wrote {output}")
