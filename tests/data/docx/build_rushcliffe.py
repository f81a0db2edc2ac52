"""Build a Word (.docx) copy of Rushcliffe Borough Council's 2021 Section 11 return.

It imitates the Nottinghamshire and Nottingham City Safeguarding Children Partnerships'
"Section 11 self-assessment audit 2021" Word form as completed by Rushcliffe Borough Council,
transcribed in tests/data/seeds/000_2855c51fa3ccaa77.txt (the same return as
examples/nottinghamshire-2021/rushcliffe-2021.json):

- lines 5 to 15: title, "Introduction" and three introductory paragraphs;
- lines 17 to 23: the organisation details ("Name of organisation completing the form:",
  "Rushcliffe Borough Council", "Date completed:", "June 2021"). The seed has no lead or
  contact lines, so none are made up;
- lines 25 to 28: the notes on equality and diversity and on the RAG rating;
- lines 30 to 67: the form's table, one tab-separated line per table row;
- lines 69 to 71: the return date and address.

All text is copied exactly as the seed gives it. Run as a script to write
tests/data/docx/rushcliffe-2021.docx next to this file.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.table import _Cell

OUTPUT = Path(__file__).with_name("rushcliffe-2021.docx")

TITLE = "Nottinghamshire and Nottingham City Safeguarding Children Partnerships"
SUBTITLE = "Section 11 self-assessment audit 2021"

INTRODUCTION_1 = (
    "Nottinghamshire and Nottingham City Safeguarding Children Partnerships safeguarding "
    "arrangements are established in line with the Children and Social Work Act 2017. Completion "
    "of the Section 11 self-assessment (every two years) by the safeguarding partners and relevant "
    "agencies is required as part of the partnership's responsibilities to ensure that "
    "organisations have in place appropriate, robust safeguarding policies and procedures and "
    "that they are complying with the expectations placed on them by the safeguarding "
    "arrangements."
)
# Seed line 13 starts with a link ("[Section 11 of the Children Act 2004](#)") whose target
# was lost in transcription; it is written here as an underlined run, not a live hyperlink.
INTRODUCTION_2_LINK = "Section 11 of the Children Act 2004"
INTRODUCTION_2 = (
    " places duties on a range of organisations, agencies and individuals to ensure their "
    "functions, and any services that they contract out to others, are discharged having regard "
    "to the need to safeguard and promote the welfare of children. (Working Together to "
    "Safeguard Children 2018)."
)
INTRODUCTION_3 = (
    "For guidance to assist in completion of this self-assessment please see appendix one. Where "
    "organisations indicate partial or non-compliance with a particular standard the actions "
    "planned to move towards full compliance should be specified within the return and each "
    "partnership will in due course follow-up progress against those plans."
)

# Label, then the answer in its own paragraph, as on seed lines 17 to 23.
ORGANISATION_DETAILS: tuple[tuple[str, str], ...] = (
    ("Name of organisation completing the form:", "Rushcliffe Borough Council"),
    ("Date completed:", "June 2021"),
)

NOTES = (
    "Equality and Diversity is integral to Safeguarding Children (Child Protection) work "
    "therefore is expected to be a thread running through all evidence submitted."
)
RAG_GUIDANCE = (
    "Please provide a self-assessment of each area of assurance using the RAG rating (RED being "
    "No assurance; AMBER being partial assurance; GREEN being full assurance) to state the "
    "current position of the organisation. Please note that not all sections will apply to "
    "every organisation and if any do not apply to your organisation please enter not "
    "applicable in the corresponding RAG rating cell"
)
CLOSING = (
    "Please return the completed audit by: 21- 06-2021",
    "Please return this audit to: Info.nscp@nottsc.gov.uk",
)

# Seed line 30: the table's first row. Its first cell (the number column) is empty.
HEADINGS = (
    "",
    "Standard",
    "RAG Rating Red/ Amber /Green",
    "Evidence to support position",
    "Action required to improve position",
)


class Row(NamedTuple):
    """One standard's row: the five cells of a seed line such as line 32."""

    number: str
    standard: str
    rating: str
    evidence: str
    action: str


class Section(NamedTuple):
    """A section's own row in the table (e.g. seed line 35) and the standards under it."""

    number: str
    title: str
    rows: tuple[Row, ...]


SECTIONS: tuple[Section, ...] = (
    Section(
        "1",
        "Leadership and Organisational Accountability",
        (
            Row(
                "1.1",
                "The organisation can demonstrate clear lines of accountability for safeguarding "
                "children within their organisation. Including identified leads for safeguarding "
                "and that the workforce know where details are located and how to contact them.",
                "Green",
                "Safeguarding lead / contact officers is within the Safeguarding Policy available "
                "on the council's intranet",
                "",
            ),
            Row(
                "1.2",
                "All organisations should provide strategic leadership for the safeguarding "
                "agenda to enable the board to meet its statutory duties",
                "Green",
                "Rushcliffe Council safeguarding steering group is attended by internal services "
                "as well as key external delivery partners and is chaired by an Executive Manager",
                "",
            ),
            Row(
                "1.3",
                "Ensure that safeguarding children is core business within the organisation's "
                "strategic/operating plans/and structures",
                "Green",
                "RBC holds internal steering group meetings scheduled after NSCB District "
                "sub-group meetings to support the cascade of information. E-mail alerts are "
                "cascaded to relevant service area managers.",
                "The NSCB meetings have been paused so staff could support the response to the "
                "Covid pandemic, plans are in place to restart these meeting in mid-2021",
            ),
        ),
    ),
    Section(
        "2",
        "Rapid Reviews and Child Safeguarding Practice Reviews",
        (
            Row(
                "2.1",
                "Organisations engage fully with Child Safeguarding Practice Reviews/ Rapid "
                "Reviews and contribute as required",
                "Green",
                "Officer attend the joint safeguarding children's partnership forum and "
                "contribute where required",
                "",
            ),
            Row(
                "2.2",
                "CSPR Reports and action plans are reported to organisational senior leadership "
                "team",
                "Green",
                "Executive Manager for Neighbourhoods is the designated lead safeguarding officer "
                "and attends internal safeguarding meetings which feeds directly into the senior "
                "leadership team",
                "",
            ),
            Row(
                "2.3",
                "Learning identified through CSPRs that has implications on practice in your "
                "organisation is effectively disseminated, identified recommendations are "
                "implemented and the impact on improving outcomes is evaluated.",
                "Green",
                "Learning identified through CSPR is shared with the internal steering groups and "
                "implications on practice and recommendations are disseminated through the "
                "organisation where appropriate",
                "",
            ),
        ),
    ),
    Section(
        "3",
        "Safer Working Practices",
        (
            Row(
                "3.1",
                "Organisation has a policy in place regarding allegations that an employee may be "
                "harming or be a risk to a child/ren.",
                "Amber",
                "RBC have a confidential whistle policy in place for staff to report the conduct "
                "of staff to HR",
                "This document is not explicit regarding allegations that an employee may be "
                "harming or a risk to a child and could be updated to incorporate this standard",
            ),
            Row(
                "3.2",
                "Organisation has Named Senior Officer (NSO) as a strategic lead, to manage "
                "allegations against staff who work with children",
                "Green",
                "Executive Manager neighbourhoods is the designated lead safeguarding officer",
                "",
            ),
            Row(
                "3.3",
                "Organisation has safe recruitment policies in place which confirm that relevant "
                "staff have: DBS check; confirmed employment history, professional registration & "
                "qualification, the right to work in the UK, and identity check.",
                "Green",
                "Safe recruitment policy in place, Posts requiring DBS checks held by human "
                "resources department and activated when recruitment undertaken. The right to "
                "work in the UK and identity check are all undertaken as standard recruitment "
                "practices.",
                "",
            ),
            Row(
                "3.4",
                "All staff contracts/person specifications include a clause regarding "
                "safeguarding children, roles and responsibilities",
                "Green",
                "Employee Code of Conduct incorporates safeguarding expectations",
                "",
            ),
            Row(
                "3.5",
                "The organisation has an effective whistle-blowing policy that ensures staff & "
                "service users can raise issues of concern relating to safeguarding children",
                "Green",
                "Council complaints procedure is available on the internet home page.",
                "",
            ),
        ),
    ),
    Section(
        "4",
        "Training",
        (
            Row(
                "4.1",
                "Organisation has a training strategy in place that includes safeguarding "
                "children training at appropriate levels. The training programme is appropriately "
                "funded.",
                "Amber",
                "Training strategy incorporates level of generic training for all staff and "
                "specialised training identified through annual appraisal process",
                "Programme for staff to re-complete e-learning to be undertaken during 2021/22. "
                "Delivery of 'tool-box talks' for front line staff to take place in autumn "
                "2021/22.",
            ),
            Row(
                "4.2",
                "Staff understand local thresholds and how to access services at the appropriate "
                'level of need in compliance with "Pathway to Provision" (County) and Family '
                "Support Pathway (City)",
                "Amber",
                "The internal steering group share training opportunities to teams that work with "
                "children",
                "Updated audit of staff to be undertaken during 2021/22 with Training needs "
                "identified through PDR/121 process",
            ),
        ),
    ),
    Section(
        "5",
        "Supervision",
        (
            Row(
                "5.1",
                "Professionals involved in day to day work with children and families should have "
                "child safeguarding supervision to promote good standards of practice and support "
                "individuals staff members",
                "Green",
                "Corporate commitment to hold regular 1-2-1's between staff and supervisors where "
                "safeguarding cases can be reviewed as required",
                "",
            ),
        ),
    ),
    Section(
        "6",
        "Policies and Procedures",
        (
            Row(
                "6.1",
                "The organisation has child protection policies and procedures in place that "
                "reflect national guidance and LSCP procedures. These must apply to all young "
                "people up to their 18th birthday (older for children with disabilities and "
                "Children in Care)",
                "Green",
                "RBC has adopted the Nottinghamshire District and Borough Council Children and "
                "Adult Safeguarding Policy which is annually updated to reflect national guidance",
                "",
            ),
            Row(
                "6.2",
                "Organisation must be able to demonstrate that it responds to domestic abuse in "
                "accordance with National and NSCP/NCSCP procedures and practice guidance",
                "Green",
                "Care pathway through Women's Aid Integrated Services",
                "",
            ),
            Row(
                "6.3",
                "Organisation must be able to demonstrate that it responds to all forms of child "
                "exploitation & harmful sexual behaviour in accordance with NSCP/NCSCP procedures "
                "and practice guidance.",
                "Green",
                "Records of incidents and referrals to MASH are made and stored securely",
                "",
            ),
            Row(
                "6.4",
                "Organisation must be able to demonstrate that it responds to PREVENT in "
                "accordance with HM Government and NSCP/NCSCP procedures and practice guidance.",
                "Amber",
                "Prevent training delivered to middle and senior managers. CSE training through "
                "e-learning and delivered to taxi drivers as part of licencing process",
                "Review the last time that prevent training has been delivered at to the "
                "Leadership forum and deliver to staff in 2021/22",
            ),
            Row(
                "6.5",
                "Organisation must have in place systems that can measure the effectiveness and "
                "outcomes of safeguarding practice within record keeping.",
                "Green",
                "Records of incidents and referrals to MASH are made and stored securely",
                "",
            ),
        ),
    ),
    Section(
        "7",
        "Whole Family / Think family approach",
        (
            Row(
                "7.1",
                'Organisation adopts a "Whole Family" approach.',
                "Green",
                "RBC Safeguarding steering group members represent services covering children, "
                "vulnerable adults and community safety",
                "",
            ),
            Row(
                "7.2",
                "Organisation must demonstrate that they are working within the national and "
                "local guidance for Forced Marriage and Honour Based Violence and guidance on "
                "Female Genital Mutilation (FGM) including mandatory reporting.",
                "Green",
                "This has not arisen, but would be resourced accordingly",
                "",
            ),
        ),
    ),
    Section(
        "8",
        "Voice of the child",
        (
            Row(
                "8.1",
                "Organisation must demonstrate that children and young people contribute to the "
                "planning, delivery and evaluation of services and that their views have made a "
                "difference.",
                "Green",
                "RBC commissions a project (Positive Futures and YouNG) where young people are "
                "consulted and engaged through a variety of methods with quarterly reporting on "
                "issue and performance",
                "",
            ),
        ),
    ),
    Section(
        "9",
        "Additional local standards",
        (
            Row(
                "9.1",
                "The organisation ensures that staff participate in multi-agency meetings or "
                "forums to share information and contribute effectively in the planning to "
                "safeguard children",
                "Green",
                "Meetings attended on request",
                "",
            ),
            Row(
                "9.2",
                # "\u2013" is the seed's en dash, escaped so it is not taken for a hyphen.
                "Impact of Covid19 Pandemic \u2013 The organisation has a) assessed, identified "
                "and mitigated for any organisational safeguarding risk arising from the pandemic "
                "b) has a plan in place to respond to needs going forward as we come out of the "
                "pandemic?",
                "Amber",
                "An assessment of the impact of COVID 19 pandemic to safeguarding is required",
                "The district council safeguarding meeting which is due to recommence will "
                "provide the authority best practice on identifying the safeguarding risk coming "
                "out of Covid and provide examples of how these risk have been mitigated across "
                "the county as we come out of the pandemic",
            ),
        ),
    ),
)


def _fill(cell: _Cell, text: str, *, bold: bool = False) -> None:
    """Write text into an empty cell, one Word paragraph per line."""
    first, *rest = text.split("\n")
    paragraphs = [cell.paragraphs[0]] + [cell.add_paragraph() for _ in rest]
    for paragraph, line in zip(paragraphs, [first, *rest], strict=True):
        if line:
            paragraph.add_run(line).bold = bold


def _table_rows() -> list[tuple[tuple[str, ...], bool]]:
    """The table's rows, top to bottom, as (cell texts, bold)."""
    rows: list[tuple[tuple[str, ...], bool]] = [(HEADINGS, True)]
    for index, section in enumerate(SECTIONS):
        repeated = ("", "", "") if index == 0 else HEADINGS[2:]
        rows.append(((section.number, section.title, *repeated), True))
        rows.extend((tuple(row), False) for row in section.rows)
    return rows


def build(path: Path) -> None:
    """Write the Rushcliffe 2021 return, laid out as the Nottinghamshire Word form, to path."""
    document = Document()

    # Not in the seed: a five-column form of long text is most plausibly landscape.
    page = document.sections[0]
    page.orientation = WD_ORIENT.LANDSCAPE
    page.page_width, page.page_height = page.page_height, page.page_width

    # Seed lines 1 to 4 are empty (most likely the partnership logos); nothing is drawn there.
    document.add_heading(TITLE, level=0)
    document.add_heading(SUBTITLE, level=1)
    document.add_heading("Introduction", level=2)
    document.add_paragraph(INTRODUCTION_1)
    link_paragraph = document.add_paragraph()
    link_paragraph.add_run(INTRODUCTION_2_LINK).underline = True
    link_paragraph.add_run(INTRODUCTION_2)
    document.add_paragraph(INTRODUCTION_3)

    for label, answer in ORGANISATION_DETAILS:
        document.add_paragraph().add_run(label).bold = True
        document.add_paragraph(answer)

    # Seed lines 25 and 26 are split by a single newline, not a blank line: read here as a
    # line break inside one paragraph.
    notes = document.add_paragraph()
    notes.add_run("Notes:").bold = True
    notes.add_run().add_break()
    notes.add_run(NOTES)
    document.add_paragraph(RAG_GUIDANCE)

    # Seed lines 30 to 67 form ONE five-column table, not a heading and a table per section:
    # rating is a column of its own, between the standard and the evidence. Each section has a
    # row of its own ("2<TAB>Rapid Reviews and ...<TAB>RAG Rating Red/ Amber /Green<TAB>...")
    # that repeats the last three headings; section 1's row leaves them empty because the
    # first row of the table (line 30) sits just above it. The blank lines inside the table
    # (37, 46, 55, 65) fall where the table would break across pages, so they are not rows.
    rows = _table_rows()
    table = document.add_table(rows=len(rows), cols=len(HEADINGS))
    table.style = "Table Grid"
    for table_row, (texts, bold) in zip(table.rows, rows, strict=True):
        for cell, text in zip(table_row.cells, texts, strict=True):
            _fill(cell, text, bold=bold)

    document.add_paragraph()
    for line in CLOSING:
        document.add_paragraph(line)

    document.save(str(path))


if __name__ == "__main__":
    build(OUTPUT)
    print(f"wrote {OUTPUT}")
