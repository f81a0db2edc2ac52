"""Returns written exactly as each source's form asks validate as final, with only the
findings the source's own rules justify.

Each test starts from a bundled example, writes one part of it the way the real form
has it (seed numbers in the docstrings, see tests/data/seeds/README.md), and checks
the verdict. South Gloucestershire's fourteen returns have their own module,
test_south_gloucestershire.py.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest

from s11schema import normalise, validate

from ..conftest import EXAMPLES

TODAY = date(2026, 1, 1)


def _example(template: str, name: str = "final.json") -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / template / name).read_text(encoding="utf-8"))
    return data


def _codes(audit: dict[str, Any]) -> list[str]:
    return [f.code for f in validate(audit, today=TODAY).findings]


# ------------------------------------------------------------------ Buckinghamshire


def _bucks_red(**action: str) -> dict[str, Any]:
    """A Buckinghamshire return with standard 1 rated red and one action as given."""
    audit = _example("buckinghamshire-2016")
    audit["responses"]["1"].update(rating="red", actions=[action])
    return audit


def test_buckinghamshire_action_as_the_form_asks_is_clean() -> None:
    """Action / Lead / Timescale (seed 001), SMART: the form has no measure column, so an
    action without one is not an error, and "by end 2026" is a timescale."""
    audit = _bucks_red(action="Train all trustees in safeguarding governance: 100% trained, "
                              "so the board can scrutinise the annual safeguarding report",
                       lead="Chair of Trustees", due="by end 2026")
    assert _codes(audit) == []
    (action,) = [a for a in normalise(audit).actions if a.standard == "1"]
    assert action.due_date == date(2026, 12, 31)


def test_buckinghamshire_lead_is_not_required() -> None:
    """The form asks for a timescale for red and amber, not a lead."""
    assert "action-field-required" not in _codes(
        _bucks_red(action="Train all trustees in safeguarding governance", due="March 2026"))


def test_buckinghamshire_red_without_a_timescale_is_an_error() -> None:
    """"Along with a timescale" for red and amber (seed 001) is the source's own rule."""
    codes = _codes(_bucks_red(action="Train all trustees in safeguarding governance",
                              lead="Chair of Trustees"))
    assert codes.count("action-field-required") == 1


def test_buckinghamshire_measure_is_not_a_column() -> None:
    """The action table has no measure column, so a measure is a key the form lacks."""
    codes = _codes(_bucks_red(action="Train all trustees", lead="Chair", due="March 2026",
                              measure="All trained"))
    assert "audit-unknown-key" in codes


def test_buckinghamshire_has_no_due_date_horizon() -> None:
    """The source states no limit on how far ahead a timescale may be."""
    assert _codes(_bucks_red(action="Train all trustees in safeguarding governance: 100% "
                                    "trained", lead="Chair of Trustees",
                             due="by end 2029")) == []


def test_buckinghamshire_not_applicable_explained_in_the_evidence_box() -> None:
    """The form's only box is the evidence box: an N/A explained there is complete; an N/A
    with nothing there is not."""
    audit = _example("buckinghamshire-2016")
    audit["responses"]["8"].update(rating="n/a", evidence="We run no services for children "
                                   "under five.", actions=[])
    assert _codes(audit) == []
    audit["responses"]["8"]["evidence"] = ""
    assert "reason-required" in _codes(audit)


def test_buckinghamshire_needs_no_date_completed() -> None:
    """The form has no date box."""
    audit = _example("buckinghamshire-2016")
    del audit["completed_on"]
    assert _codes(audit) == []


# ------------------------------------------------------------------ Nottinghamshire


def test_rushcliffe_as_the_return_gives_it_has_no_findings() -> None:
    """"Date completed: June 2021", actions with their timescale in their words, no lead or
    measure column (seed 000): nothing to report, and the due dates are read from the
    text."""
    audit = _example("nottinghamshire-2021", "rushcliffe-2021.json")
    assert audit["completed_on"] == "2021-06"
    assert _codes(audit) == []
    actions = normalise(audit).actions
    assert actions
    assert all(a.lead is None and a.measure is None and a.due is None for a in actions)
    during = [a.due_date for a in actions if "during 2021/22" in (a.action or "")]
    assert during
    assert set(during) == {date(2022, 3, 31)}


def test_nottinghamshire_red_without_an_action_is_an_error() -> None:
    """Red and amber "should be specified" with actions (seed 000)."""
    audit = _example("nottinghamshire-2021")
    audit["responses"]["1.1"].update(rating="red", actions=[])
    assert "actions-required" in _codes(audit)


# ------------------------------------------------------------------------- Lambeth


def test_lambeth_final_may_leave_a_rating_blank() -> None:
    """The form does not mark the ratings required (seed 002)."""
    audit = _example("lambeth")
    first = next(iter(audit["responses"]))
    audit["responses"][first]["rating"] = ""
    report = validate(audit, today=TODAY)
    assert report.errors == ()
    assert report.completeness < 1


@pytest.mark.parametrize("answer", [
    "Not yet, but I will because that sounds like a great way to find out about new reviews "
    "and learning!", "not yet", "Yes", "No"])
def test_lambeth_newsletter_takes_the_forms_own_wording(answer: str) -> None:
    """The newsletter question's answers as the form words them are accepted."""
    audit = _example("lambeth")
    audit["answers"]["newsletter"] = answer
    assert _codes(audit) == []


def test_lambeth_approval_is_required_but_may_be_no() -> None:
    """Approval is marked * (seed 002): it must be answered, but "no" is an answer."""
    audit = _example("lambeth")
    audit["answers"]["approved"] = "no"
    assert _codes(audit) == []
    unanswered = copy.deepcopy(audit)
    del unanswered["answers"]["approved"]
    assert "answer-required" in _codes(unanswered)
