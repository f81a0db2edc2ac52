"""Each feature of the template format, end to end: declared in tests/data/templates/
features.yaml (or a variant extending it), then carried through validate, normalise,
compare, export and the board report.

Two returns: a statutory partner's (tests/data/audits/bases/features.json) and a
voluntary group's, which is not asked standard 1.4 and answers the yes/no question "no".
Expected figures are worked out from the scale files, not written in.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from s11schema import (
    Registry,
    board_report,
    compare,
    export,
    new_audit,
    normalise,
    validate,
)
from s11schema._schema import audit_schema

from ..conftest import DATA

TODAY = date(2026, 1, 1)
REGISTRY = Registry([DATA / "templates"], environment=False)
TEMPLATE = REGISTRY.template("features")
RAG = REGISTRY.scale("rag")


def _statutory() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "audits" / "bases" / "features.json")
                                      .read_text(encoding="utf-8"))
    return data


def _voluntary() -> dict[str, Any]:
    audit = _statutory()
    audit["organisation"] = {"name": "Example Youth Club", "kind": "voluntary"}
    del audit["responses"]["1.4"]
    audit["responses"]["1.2"] = {"rating": "No", "moderated_rating": "no"}
    return audit


AUDITS = [_statutory(), _voluntary()]


def _codes(audit: dict[str, Any]) -> list[str]:
    return [f.code for f in validate(audit, registry=REGISTRY, today=TODAY).findings]


def _rows() -> dict[str, dict[str, Any]]:
    comparison = compare(AUDITS, by="standard", registry=REGISTRY, today=TODAY)
    return {row.key: row.row() for row in comparison.rows}


def _exported(audit: int, standard: str) -> dict[str, Any]:
    rows = export(AUDITS, registry=REGISTRY, today=TODAY).rows
    organisation = AUDITS[audit]["organisation"]["name"]
    return next(r for r in rows if r["organisation"] == organisation
                and r["standard"] == standard)


@pytest.fixture(scope="module")
def page() -> str:
    return board_report(AUDITS, registry=REGISTRY, today=TODAY).html()


def test_both_returns_are_clean_finals() -> None:
    """The statutory and the voluntary return validate as final with nothing to report."""
    for audit in AUDITS:
        report = validate(audit, registry=REGISTRY, today=TODAY)
        assert report.findings == ()
        assert report.status == "final"


# --------------------------------------------------------------------- applies_to


def test_applies_to_leaves_the_standard_out_for_other_kinds(page: str) -> None:
    """A voluntary group is not asked 1.4: not unanswered, not counted, shown as not asked,
    and answering it anyway is a warning that it is not counted."""
    voluntary = normalise(_voluntary(), registry=REGISTRY)
    score = next(s for s in voluntary.scores if s.standard == "1.4")
    assert not score.in_scope
    assert score.value is None
    assert validate(_voluntary(), registry=REGISTRY, today=TODAY).completeness == 1.0
    assert _rows()["1.4"]["audits"] == 1
    assert _exported(1, "1.4")["in_scope"] is False
    assert _exported(0, "1.4")["in_scope"] is True
    assert 'title="not asked"' in page
    answered = _voluntary()
    answered["responses"]["1.4"] = {"rating": "green", "moderated_rating": "green"}
    assert _codes(answered) == ["standard-out-of-scope"]
    assert normalise(answered, registry=REGISTRY).overall == voluntary.overall


def test_applies_to_still_asks_a_kind_it_names() -> None:
    """The statutory partner must answer 1.4 in a final return."""
    audit = _statutory()
    del audit["responses"]["1.4"]
    assert "standard-unanswered" in _codes(audit)


# ----------------------------------------------------------------- yes/no unscored


def test_a_yes_no_answer_is_a_share_not_a_score(page: str) -> None:
    """1.2 is on the yes-no scale, which is not scored: compare gives the share of each
    answer (the qualified "yes*" counts as yes), no mean; the export says scored false;
    a "no" is not caught by `{below: good}` thresholds; the grid shows "Yes*" uncoloured
    with its note."""
    row = _rows()["1.2"]
    assert row["mean"] is None
    assert row["shares"] == {"yes": 0.5, "no": 0.5}
    assert row["answered"] == 2
    assert _exported(0, "1.2")["scored"] is False
    assert _exported(0, "1.2")["value"] is None
    assert "Yes*" in page
    assert "yes: the deputy lead only" in page


# ----------------------------------------------------------------------- qualifier


def test_a_qualified_answer_counts_and_needs_its_note() -> None:
    """"yes*" is a yes with a note; without the note it is an error."""
    statutory = normalise(_statutory(), registry=REGISTRY)
    score = next(s for s in statutory.scores if s.standard == "1.2")
    assert (score.rating, score.qualified, score.note) == ("yes", True, "the deputy lead only")
    row = _exported(0, "1.2")
    assert (row["qualified"], row["note"]) == (True, "the deputy lead only")
    audit = _statutory()
    del audit["responses"]["1.2"]["note"]
    assert _codes(audit) == ["note-required"]


# -------------------------------------------------------------------- unanswered


def test_an_unanswered_mark_is_blank_and_skipped() -> None:
    """"-" on an optional yes/no question is not an answer: no error in a final return,
    counted as skipped."""
    voluntary = _voluntary()
    voluntary["responses"]["1.2"] = {"rating": "-"}
    assert _codes(voluntary) == []
    comparison = compare([_statutory(), voluntary], by="standard", registry=REGISTRY,
                         today=TODAY)
    row = next(r for r in comparison.rows if r.key == "1.2")
    assert (row.audits, row.skipped) == (1, 1)


# ------------------------------------------------------------------------ criteria


def test_criteria_weighted_standard(page: str) -> None:
    """1.3's value is the share of the weight of the criteria met, N/A criteria left out:
    c1 (50) met, c2 (30) not met, c3 (20) N/A."""
    expected = 50 / (50 + 30)
    statutory = normalise(_statutory(), registry=REGISTRY)
    assert next(s.value for s in statutory.scores if s.standard == "1.3") == expected
    assert _rows()["1.3"]["mean"] == pytest.approx(expected)
    assert _exported(0, "1.3")["value"] == expected
    assert f"{round(100 * expected)}% met" in page
    audit = _statutory()
    audit["responses"]["1.3"]["criteria"]["c4"] = "met"
    assert _codes(audit) == ["criterion-unknown"]


def test_criteria_met_in_full_is_the_top_of_the_scale() -> None:
    audit = _statutory()
    audit["responses"]["1.3"]["criteria"] = {"c1": "met", "c2": "met", "c3": "met"}
    statutory = normalise(audit, registry=REGISTRY)
    assert next(s.value for s in statutory.scores if s.standard == "1.3") == 1.0


# ---------------------------------------------------------------------- moderation


def test_moderation_gives_a_gap_and_a_moderated_comparison() -> None:
    """With a moderated rating, the gap is moderated minus self on the common scale (no
    band), and compare --rating moderated uses the moderated rating."""
    audit = _statutory()
    audit["responses"]["1.4"]["moderated_rating"] = "amber"
    audit["responses"]["1.4"]["actions"] = [{"action": "Audit every contract by March 2026",
                                             "lead": "Head of Commissioning"}]
    amber, green = RAG.normalise("amber"), RAG.normalise("green")
    assert amber is not None
    assert green is not None
    gap = amber - green
    scores = {s.standard: s for s in normalise(audit, registry=REGISTRY).scores}
    assert scores["1.4"].gap == gap
    assert scores["1.4"].band is not None  # the band is the rating's, never the gap's
    moderated = compare([audit], by="standard", rating="moderated", registry=REGISTRY,
                        today=TODAY)
    assert next(r.mean for r in moderated.rows if r.key == "1.4") == RAG.normalise("amber")
    rows = export([audit], rating="moderated", registry=REGISTRY, today=TODAY).rows
    row = next(r for r in rows if r["standard"] == "1.4")
    assert (row["self_rating"], row["moderated_rating"], row["rating"], row["gap"]) == (
        "green", "amber", "amber", gap)
    assert row["over_rated"]  # one band above, the template's margin (1/3)
    assert not next(r for r in rows if r["standard"] == "1.1")["over_rated"]


def test_moderation_required_and_actions_follow_the_moderated_rating() -> None:
    """A final return needs every moderated rating; actions are judged by the moderated
    rating, so a green self-rating moderated to amber needs an action."""
    missing = _statutory()
    del missing["responses"]["1.4"]["moderated_rating"]
    assert _codes(missing) == ["moderated-rating-required"]
    downgraded = _statutory()
    downgraded["responses"]["1.4"]["moderated_rating"] = "amber"
    assert "actions-required" in _codes(downgraded)


# -------------------------------------------------------------------- field types


@pytest.mark.parametrize(("field", "value", "code"), [
    ("trained", "85%", None), ("trained", 85, None), ("trained", "185%", "field-invalid"),
    ("reviewed_on", "2024-03", None), ("reviewed_on", "March 2024", "field-invalid"),
    ("headcount", "240", None), ("headcount", "lots", "field-invalid"),
    ("documents", ["a.pdf", "https://example.org/p"], None), ("documents", "a.pdf", "audit-type"),
    ("source", "joint", None), ("source", "Shared with the partnership", None),
    ("source", "borrowed", "field-invalid"),
])
def test_typed_fields(field: str, value: Any, code: str | None) -> None:
    audit = _statutory()
    audit["responses"]["1.1"][field] = value
    assert _codes(audit) == ([code] if code else [])


def test_typed_fields_in_the_schema_and_the_blank() -> None:
    """The audit schema gives each typed field its JSON type; a blank draft has the list
    field as a list."""
    schema = audit_schema(TEMPLATE, registry=REGISTRY)
    response = schema["properties"]["responses"]["properties"]["1.1"]["properties"]
    assert "array" in response["documents"]["type"]
    assert response["documents"]["items"] == {"type": "string"}
    assert new_audit(TEMPLATE)["responses"]["1.1"]["documents"] == []


# ---------------------------------------------------------------------- references


def test_references_reach_export_report_and_guide(page: str) -> None:
    reference = TEMPLATE.standard["1.1"].references[0]
    written = f"{reference.scheme}: {reference.ref}"
    assert _exported(0, "1.1")["references"] == [written]
    assert f"See {reference.scheme}, {reference.ref}" in page
    assert new_audit(TEMPLATE)["responses"]["1.1"]["_guide"]["references"] == [
        reference.model_dump(exclude_none=True)]


# ------------------------------------------------------------------ unrated standard


def test_an_unrated_standard_has_fields_but_no_rating(page: str) -> None:
    """1.5 is asked for its fields only: a rating given is an error, it has no value, and
    compare has no row for it."""
    assert "1.5" not in _rows()
    assert all(s.value is None and not s.rated
               for a in AUDITS for s in normalise(a, registry=REGISTRY).scores
               if s.standard == "1.5")
    audit = _statutory()
    audit["responses"]["1.5"]["rating"] = "green"
    assert _codes(audit) == ["rating-not-asked"]


# ------------------------------------------------------------------ window, months


def test_window_and_month_dates() -> None:
    """completed_on as a month inside the window is clean; a month after it closes is a
    warning; the month counts from its first day."""
    audit = _statutory()
    audit["completed_on"] = "2025-06"
    assert _codes(audit) == []
    assert normalise(audit, registry=REGISTRY).completed_on == date(2025, 6, 1)
    audit["completed_on"] = "2025-09"
    report = validate(audit, registry=REGISTRY, today=TODAY)
    assert [(f.code, str(f.severity)) for f in report.findings] == [
        ("completed-outside-window", "warning")]
    assert export([audit], registry=REGISTRY, today=TODAY).rows[0]["completed_on"] == \
        "2025-09-01"


# ----------------------------------------------------------------- thresholds, text


def test_thresholds_and_due_dates_from_the_text() -> None:
    """`required_for: {below: good}` on the RAG scale means red and amber; the due date is
    read from the action's text when it has no `due` (due_in_text)."""
    audit = _statutory()
    audit["responses"]["1.1"]["actions"] = []
    assert "actions-required" in _codes(audit)
    audit["responses"]["1.1"]["actions"] = [
        {"action": "Republish the policy", "lead": "Head of Safeguarding"}]
    assert "action-field-required" in _codes(audit)  # due is required below good
    audit["responses"]["1.1"]["actions"][0]["action"] += " by March 2026"
    assert _codes(audit) == []
    (action,) = normalise(audit, registry=REGISTRY).actions
    assert action.due_date == date(2026, 3, 31)


# ------------------------------------------------------------------------- extends


def test_a_variant_extends_the_template_end_to_end(tmp_path: Any) -> None:
    """A local variant drops 1.5 and adds a standard; a return on it validates, and its
    rows compare with the parent's by domain."""
    (tmp_path / "features-local.yaml").write_text(
        "id: features-local\nextends: features\ntitle: A local variant\nremove: ['1.5']\n"
        "sections:\n  - id: '2'\n    title: Local\n    standards:\n"
        "      - {id: '2.1', text: Local offer is published., domains: [policies]}\n",
        encoding="utf-8")
    registry = Registry([DATA / "templates", tmp_path], environment=False)
    variant = registry.template("features-local")
    assert variant.standard_ids == ("1.1", "1.2", "1.3", "1.4", "2.1")
    audit = _statutory()
    audit["template"] = "features-local"
    audit["organisation"]["name"] = "Example Hospice"
    del audit["responses"]["1.5"]
    audit["responses"]["2.1"] = {"rating": "green", "moderated_rating": "green"}
    assert validate(audit, registry=registry, today=TODAY).findings == ()
    rows = compare([audit, _statutory()], by="domain", registry=registry, today=TODAY).rows
    assert next(r for r in rows if r.key == "policies").audits == 2
