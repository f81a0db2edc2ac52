"""Carrying a return forward: `carry_forward` onto the next version of a template, or onto
the same one.

Expectations come from the files: the crosswalk and templates read with PyYAML, and
positions on the common scale read from the scale files, so that a mistake in
s11schema's own reading cannot hide in them.
"""

from __future__ import annotations

import copy
import json
import random
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from s11schema import (
    CarryReport,
    Crosswalk,
    Registry,
    SettingError,
    carry_forward,
    validate,
)
from s11schema.testing import generate_audit

from ..conftest import DATA, EXAMPLES, ROOT

TEMPLATES = DATA / "templates"
REGISTRY = Registry([TEMPLATES], environment=False)
RUSHCLIFFE = EXAMPLES / "nottinghamshire-2021" / "rushcliffe-2021.json"
CROSSWALK = TEMPLATES / "crosswalks" / "nottinghamshire-2021-to-2023.yaml"
FEATURES = DATA / "audits" / "bases" / "features.json"
LAMBETH = EXAMPLES / "lambeth" / "final.json"


def positions(scale_id: str) -> dict[str, float]:
    """A scale's positions on the common scale, read from its file."""
    data = yaml.safe_load((ROOT / "scales" / f"{scale_id}.yaml").read_text("utf-8"))
    return {str(level["code"]): float(Fraction(str(level["normalised"])))
            for level in data["levels"]}


def nearest(scale: dict[str, float], value: float) -> str:
    """The code nearest `value`; on a tie, the lower one."""
    return min(scale, key=lambda code: (round(abs(scale[code] - value), 9), scale[code]))


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def ratings(audit: dict[str, Any], registry: Registry = REGISTRY) -> dict[str, str]:
    """The canonical ratings validation reads in an audit."""
    report = validate(audit, registry=registry)
    assert report.audit is not None
    return dict(report.audit.ratings)


@pytest.fixture(scope="module")
def rushcliffe() -> tuple[dict[str, Any], CarryReport]:
    return carry_forward(RUSHCLIFFE, "nottinghamshire-2023", registry=REGISTRY)


# ---------------------------------------------------------------- onto the next version


def test_the_draft_validates_on_the_new_template(
        rushcliffe: tuple[dict[str, Any], CarryReport]) -> None:
    """The carried draft is a draft of nottinghamshire-2023 that validates with no finding."""
    draft, report = rushcliffe
    assert (draft["template"], draft["template_version"]) == ("nottinghamshire-2023", "2023")
    assert (draft["status"], draft["completed_on"]) == ("draft", "")
    assert validate(draft, registry=REGISTRY).findings == ()
    assert (report.source, report.target) == ("nottinghamshire-2021@2021",
                                              "nottinghamshire-2023@2023")
    assert report.crosswalk == str(CROSSWALK)


def test_each_answer_is_marked_with_where_it_came_from(
        rushcliffe: tuple[dict[str, Any], CarryReport]) -> None:
    """Every standard given an answer carries a mark naming the 2021 standards it came from,
    as the crosswalk file (read plainly) maps them; text_changed on the reworded ones."""
    draft, report = rushcliffe
    listed = yaml.safe_load(CROSSWALK.read_text("utf-8"))["standards"]
    previous = load(RUSHCLIFFE)["responses"]
    expected: dict[str, list[str]] = {}
    for source_id in previous:
        entry = listed.get(source_id, source_id)
        for target_id in [] if entry is None else [entry] if isinstance(entry, str) else entry:
            expected.setdefault(target_id, []).append(source_id)
    marks = {s: r["carried"] for s, r in draft["responses"].items() if "carried" in r}
    assert {s: m["standards"] for s, m in marks.items()} == expected
    assert all(m["from"] == "nottinghamshire-2021@2021" for m in marks.values())
    assert {s for s, m in marks.items() if m.get("text_changed")} == set(report.text_changed) \
        == {"1.2", "2.3", "2.4", "3.1"}
    assert report.carried == tuple(marks)


def test_ratings_carry_and_a_merge_takes_the_nearest_level_to_the_mean(
        rushcliffe: tuple[dict[str, Any], CarryReport]) -> None:
    """One-to-one and split standards keep the 2021 rating; 3.1 (3.1 and 3.2 merged) is the
    RAG level nearest the mean of their positions, ties going down."""
    draft, _ = rushcliffe
    before = ratings(load(RUSHCLIFFE))
    after = ratings(draft)
    rag = positions("rag")
    merged = nearest(rag, (rag[before["3.1"]] + rag[before["3.2"]]) / 2)
    assert after["3.1"] == merged
    assert after["2.3"] == after["2.4"] == before["2.3"]
    same = set(before) & set(after) - {"3.1"}
    assert {s: after[s] for s in same} == {s: before[s] for s in same}


def test_new_standards_are_blank_with_their_guide_and_dropped_ones_gone(
        rushcliffe: tuple[dict[str, Any], CarryReport]) -> None:
    """9.3 is new: blank, its guidance beside it, to answer; 9.2 was dropped."""
    draft, report = rushcliffe
    new = draft["responses"]["9.3"]
    assert "carried" not in new
    assert (new["rating"], new["evidence"], new["actions"]) == ("", "", [])
    assert new["_guide"]["text"].startswith("The organisation understands the risks")
    assert report.new == ("9.3",)
    assert report.to_answer == ("9.3",)
    assert report.dropped == ("9.2",)
    assert "9.2" not in draft["responses"]


def test_merged_and_split_evidence_names_the_standard_it_came_from(
        rushcliffe: tuple[dict[str, Any], CarryReport]) -> None:
    """Where a response holds another standard's answer, its text starts with that id."""
    draft, _ = rushcliffe
    previous = load(RUSHCLIFFE)["responses"]
    assert draft["responses"]["3.1"]["evidence"] == (
        f"[3.1] {previous['3.1']['evidence']}\n\n[3.2] {previous['3.2']['evidence']}")
    assert draft["responses"]["2.4"]["evidence"] == f"[2.3] {previous['2.3']['evidence']}"
    assert draft["responses"]["2.3"]["evidence"] == previous["2.3"]["evidence"]


def test_actions_are_carried_for_an_update(
        rushcliffe: tuple[dict[str, Any], CarryReport]) -> None:
    """Every 2021 action is in the draft under each standard its own maps to, with its text,
    and "open" where it had no status."""
    draft, report = rushcliffe
    walk = Crosswalk.between(REGISTRY.template("nottinghamshire-2021"),
                             REGISTRY.template("nottinghamshire-2023"), registry=REGISTRY)
    previous = load(RUSHCLIFFE)["responses"]
    count = 0
    for target_id, sources in walk.sources.items():
        expected = [{"action": a["action"], "status": a.get("status", "open")}
                    for s in sources for a in previous[s].get("actions", [])]
        assert draft["responses"][target_id]["actions"] == expected, target_id
        count += len(expected)
    assert report.actions == count > 0


# ---------------------------------------------------------------- onto the same template


def test_what_is_not_carried(tmp_path: Path) -> None:
    """Moderated ratings, the moderation, the answers to questions, the completion date and
    the respondent stay behind; the organisation's details come."""
    previous = load(FEATURES)
    draft, _ = carry_forward(previous, "features", registry=REGISTRY)
    assert all(r.get("moderated_rating") in ("", None) for r in draft["responses"].values())
    assert "moderation" not in draft
    assert set(draft["answers"].values()) == {""}
    assert draft["completed_on"] == ""
    assert draft["organisation"]["name"] == previous["organisation"]["name"]
    assert draft["organisation"]["kind"] == "statutory"


def test_done_and_dropped_actions_come_for_the_respondent_to_confirm() -> None:
    """An action's status, progress and date done are kept; lead and due too."""
    previous = load(FEATURES)
    action = previous["responses"]["1.1"]["actions"][0]
    action.update(status="Done", progress="Republished in May", done_on="2025-05")
    draft, _ = carry_forward(previous, "features", registry=REGISTRY)
    assert draft["responses"]["1.1"]["actions"] == [{
        "action": action["action"], "lead": action["lead"], "due": action["due"],
        "status": "done", "progress": "Republished in May", "done_on": "2025-05"}]


def test_the_respondent_only_when_asked() -> None:
    """Personal details are carried only with include_personal."""
    previous = load(LAMBETH)
    draft, _ = carry_forward(previous, "lambeth", registry=REGISTRY)
    assert set(draft["respondent"].values()) == {""}
    draft, _ = carry_forward(previous, "lambeth", registry=REGISTRY, include_personal=True)
    assert draft["respondent"] == previous["respondent"]


def test_a_qualified_answer_keeps_its_mark_and_note() -> None:
    """"yes*" with its note carries as "yes*" with the note."""
    draft, _ = carry_forward(load(FEATURES), "features", registry=REGISTRY)
    assert (draft["responses"]["1.2"]["rating"], draft["responses"]["1.2"]["note"]) == (
        "yes*", "the deputy lead only")


def test_out_of_scope_standards_are_neither_carried_nor_asked() -> None:
    """A voluntary group is not asked 1.4 (statutory only): nothing is carried to it and it
    is not left to answer."""
    previous = load(FEATURES)
    previous["organisation"]["kind"] = "voluntary"
    draft, report = carry_forward(previous, "features", registry=REGISTRY)
    assert "carried" not in draft["responses"]["1.4"]
    assert "1.4" not in report.to_answer
    assert validate(draft, registry=REGISTRY).findings == ()


def test_a_rating_the_rules_refuse_is_only_suggested() -> None:
    """Red moderated to green needed no action; carried without its moderation, red needs
    one, so the draft keeps red as a suggestion in the mark and leaves 1.1 to answer."""
    previous = load(FEATURES)
    previous["responses"]["1.1"].update(rating="red", moderated_rating="green", actions=[])
    assert not validate(previous, registry=REGISTRY).errors
    draft, report = carry_forward(previous, "features", registry=REGISTRY)
    response = draft["responses"]["1.1"]
    assert response["rating"] == ""
    assert response["carried"]["rating"] == "red"
    assert report.withheld == {"1.1": "rating red needs at least one action"}
    assert "1.1" in report.to_answer
    assert not validate(draft, registry=REGISTRY).errors


def test_the_crosswalk_may_be_given(tmp_path: Path) -> None:
    """A crosswalk given by path or object is followed; one for other templates refused."""
    by_path, report = carry_forward(RUSHCLIFFE, "nottinghamshire-2023",
                                    registry=Registry(environment=False, paths=[TEMPLATES]),
                                    crosswalk=CROSSWALK)
    assert report.crosswalk == str(CROSSWALK)
    walk = Crosswalk.resolve(REGISTRY.template("nottinghamshire-2021"),
                             REGISTRY.template("nottinghamshire-2023"))
    by_id, report = carry_forward(RUSHCLIFFE, "nottinghamshire-2023", registry=REGISTRY,
                                  crosswalk=walk)
    assert report.crosswalk == "same ids"
    assert "carried" not in by_id["responses"]["2.4"]
    assert "carried" in by_path["responses"]["2.4"]
    with pytest.raises(SettingError, match="not lambeth onto"):
        carry_forward(LAMBETH, "nottinghamshire-2023", registry=REGISTRY, crosswalk=walk)


# ---------------------------------------------------------------- properties


def confirm(draft: dict[str, Any]) -> dict[str, Any]:
    """What a respondent does: take each suggested rating, then delete every mark."""
    confirmed = copy.deepcopy(draft)
    for response in confirmed["responses"].values():
        mark = response.pop("carried", None)
        if isinstance(mark, dict) and "rating" in mark:
            response["rating"] = mark["rating"]
    return confirmed


@settings(max_examples=30)
@given(seed=st.integers(0, 2**32),
       template_id=st.sampled_from(["nottinghamshire-2021", "buckinghamshire-2016",
                                    "lambeth", "south-gloucestershire-2019-20", "features"]))
def test_property_carried_onto_itself_and_confirmed_gives_back_the_answers(
        seed: int, template_id: str) -> None:
    """A return carried onto its own template and confirmed has the same ratings, criteria,
    fields and notes; its actions differ only by the status "open" where none was given."""
    template = REGISTRY.template(template_id)
    original = generate_audit(template, random.Random(seed), registry=REGISTRY)
    # generate_audit sometimes rates N/A a standard that is not rated (features 1.5): such
    # a return is not valid, so it says nothing about carrying a valid one
    assume(not validate(original, registry=REGISTRY).errors)
    draft, report = carry_forward(original, template, registry=REGISTRY, guide=False)
    assert not validate(draft, registry=REGISTRY).errors
    confirmed = confirm(draft)
    assert ratings(confirmed) == ratings(original)
    for standard_id, before in original["responses"].items():
        after = confirmed["responses"][standard_id]
        for key, value in before.items():
            if key == "moderated_rating" or value in ("", [], None):
                continue
            if key == "actions":
                value = [{**a, "status": a.get("status", "open")} for a in value]
            assert after.get(key) == value or key == "rating", (standard_id, key)
    assert report.new == report.dropped == ()
