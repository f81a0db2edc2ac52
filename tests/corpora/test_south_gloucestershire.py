"""South Gloucestershire's 2019-20 report, reproduced from its Appendix One.

The 14 returns are built with the yes/no answers, dashes, blanks and the one "Yes*"
exactly as Appendix One prints them (tests/data/south-gloucestershire/appendix-one.yaml,
transcribed from seed 004). The report shows the rated questions only by colour, lost in
the text, so their ratings are invented here, from a fixed seed. Every figure the tests
expect is counted here from those cells, not read back from s11schema.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from typing import Any

import pytest
import yaml

from s11schema import Band, board_report, compare, load_template, validate

from ..conftest import DATA
from ..unit.test_board import rows

APPENDIX = yaml.safe_load((DATA / "south-gloucestershire" / "appendix-one.yaml")
                          .read_text(encoding="utf-8"))
TEMPLATE = load_template("south-gloucestershire-2019-20")
YES_NO = ("7", "8", "20")
TODAY = date(2026, 1, 1)
#: Appendix One's colour code (seed 004, line 234), as the report's bands.
COLOURS = {"0": Band.INADEQUATE, "1": Band.REQUIRES_IMPROVEMENT, "2": Band.GOOD,
           "3": Band.OUTSTANDING}


def _returns() -> list[dict[str, Any]]:
    """One final return per organisation of Appendix One."""
    rng = random.Random(2020)
    audits = []
    for organisation in APPENDIX["organisations"]:
        responses: dict[str, Any] = {}
        for standard in TEMPLATE.standards:
            cell = organisation["cells"][standard.id]
            if standard.id in YES_NO or standard.id == "12":
                responses[standard.id] = {"rating": cell}
            else:  # a colour in the source, lost in its text: invented
                responses[standard.id] = {"rating": rng.choice(["0", "1", "2", "2", "3"])}
        for standard_id, note in (organisation.get("notes") or {}).items():
            responses[standard_id]["note"] = note.lstrip("*")
        audits.append({"template": TEMPLATE.id, "organisation": {"name": organisation["name"]},
                       "status": "final", "responses": responses})
    return audits


RETURNS = _returns()


def test_every_return_is_a_valid_final_audit() -> None:
    """All 14 returns, dashes, blanks and "Yes*" included, validate as final."""
    assert len(RETURNS) == 14
    for audit in RETURNS:
        report = validate(audit, today=TODAY)
        assert report.errors == (), [str(f) for f in report.errors]
        assert report.status == "final"


def _cells(standard: str) -> list[str]:
    return [o["cells"][standard] for o in APPENDIX["organisations"]]


@pytest.mark.parametrize("standard", YES_NO)
def test_yes_no_questions_are_shares_with_answered_and_skipped(standard: str) -> None:
    """A yes/no question gives the share of each answer, over the returns that answered;
    "-" and blank are skipped; "Yes*" counts as yes."""
    cells = _cells(standard)
    yes = sum(c in ("Yes", "Yes*") for c in cells)
    no = cells.count("No")
    skipped = cells.count("-") + cells.count("")
    (row,) = [r for r in compare(RETURNS, by="standard").rows if r.key == standard]
    assert not row.scored
    assert row.mean is None
    assert (row.audits, row.skipped) == (yes + no, skipped)
    assert row.answers == {k: v for k, v in (("no", no), ("yes", yes)) if v}
    assert row.shares["yes"] == pytest.approx(yes / (yes + no))
    assert APPENDIX["tallies_from_grid"][standard].get("No", 0) == no


def test_question_7_is_seven_yes_of_thirteen() -> None:
    """As Appendix One lists it: 7 yes and 6 no, one organisation skipping (the police)."""
    (row,) = [r for r in compare(RETURNS, by="standard").rows if r.key == "7"]
    assert (row.answers, row.skipped) == ({"no": 6, "yes": 7}, 1)
    assert round(100 * row.shares["yes"]) == 54


def test_yes_no_questions_stay_out_of_the_domain_means() -> None:
    """The designated-lead domain is the mean of question 6 alone: 7 and 8 are not scores."""
    domains = {r.key: r for r in compare(RETURNS).rows}
    values = [COLOURS[a["responses"]["6"]["rating"]] for a in RETURNS]
    positions = {Band.INADEQUATE: 0, Band.REQUIRES_IMPROVEMENT: 1 / 3, Band.GOOD: 2 / 3,
                 Band.OUTSTANDING: 1}
    expected = sum(positions[v] for v in values) / len(values)
    assert domains["designated-lead"].mean == pytest.approx(expected)


@pytest.mark.parametrize("standard", ["4", "5", "6", "9", "11", "19", "22"])
def test_rated_questions_give_the_distribution_and_good_or_better(standard: str) -> None:
    """A rated question gives the share in each band and the share good or outstanding."""
    counts = Counter(COLOURS[a["responses"][standard]["rating"]] for a in RETURNS)
    (row,) = [r for r in compare(RETURNS, by="standard").rows if r.key == standard]
    assert row.scored
    assert row.audits == 14
    for band in Band:
        assert row.shares[str(band)] == pytest.approx(counts[band] / 14)
    good = counts[Band.GOOD] + counts[Band.OUTSTANDING]
    assert row.good_or_better == pytest.approx(good / 14)
    assert row.row()["distribution"].startswith(
        f"inadequate {round(100 * counts[Band.INADEQUATE] / 14)}%")


def test_question_12_is_not_rated_by_anyone() -> None:
    """12 is printed "-" for every organisation: it is in no comparison row, and the grid
    shows a dash for each."""
    assert "12" not in {r.key for r in compare(RETURNS, by="standard").rows}
    report = board_report(RETURNS, today=TODAY)
    grid = rows(report.html(), f"grid-{TEMPLATE.id}")
    column = [s.id for s in TEMPLATE.standards].index("12") + 1
    assert {row[column][1] for row in grid} == {"\u2013"}


def test_the_report_grid_is_coloured_as_appendix_one() -> None:
    """Organisation by question: rated cells carry their band (red, orange, green, blue in
    print), yes/no cells are uncoloured, as Appendix One prints them."""
    report = board_report(RETURNS, today=TODAY)
    grid = {row[0][1]: row[1:] for row in rows(report.html(), f"grid-{TEMPLATE.id}")}
    assert len(grid) == 14
    standards = [s.id for s in TEMPLATE.standards]
    for audit in RETURNS:
        cells = dict(zip(standards, grid[audit["organisation"]["name"]], strict=True))
        for standard, (attrs, text) in cells.items():
            written = audit["responses"][standard]["rating"]
            if standard in YES_NO:
                assert "data-band" not in attrs
                assert text == (written if written not in ("-", "") else "\u2013")
            elif standard != "12":
                assert attrs["data-band"] == str(COLOURS[written])
                assert text == written
    uhb = dict(zip(standards, grid["University Hospitals Bristol (UHB)"], strict=True))
    assert uhb["20"][1] == "Yes*"
    assert "safeguarding team only" in uhb["20"][0]["title"]


def test_the_report_lists_each_question_with_its_figures() -> None:
    """The questions table gives answered, skipped, the distribution and the key figure."""
    report = board_report(RETURNS, today=TODAY)
    table = {row[0][1]: [text for _a, text in row[1:]]
             for row in rows(report.html(), f"questions-{TEMPLATE.id}")}
    cells = _cells("20")
    yes = sum(c in ("Yes", "Yes*") for c in cells)
    answered = yes + cells.count("No")
    assert table["20"][1:3] == [str(answered), str(14 - answered)]
    assert table["20"][4] == f"{round(100 * yes / answered)}% yes"
    counts = Counter(COLOURS[a["responses"]["4"]["rating"]] for a in RETURNS)
    good = counts[Band.GOOD] + counts[Band.OUTSTANDING]
    assert table["4"][4] == f"{round(100 * good / 14)}% good or outstanding"
