"""Translating a return onto another partnership's template.

The mapping (by shared domain, with no crosswalk) and the ratings expected are worked
out here from the YAML files, read with PyYAML; what is left to answer is computed
from that mapping, never listed by hand.
"""

from __future__ import annotations

import json
import random
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from s11schema import Registry, translate, validate
from s11schema.testing import generate_audit

from ..conftest import DATA, EXAMPLES, ROOT

REGISTRY = Registry(environment=False)
BUNDLED = ["nottinghamshire-2021", "buckinghamshire-2016", "lambeth",
           "south-gloucestershire-2019-20"]


def read(template_id: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (ROOT / "standards" / f"{template_id}.yaml").read_text("utf-8"))
    return data


def standards(template_id: str) -> dict[str, dict[str, Any]]:
    return {st["id"]: st for section in read(template_id)["sections"]
            for st in section["standards"]}


def positions(scale_id: str) -> dict[str, float]:
    data = yaml.safe_load((ROOT / "scales" / f"{scale_id}.yaml").read_text("utf-8"))
    return {str(level["code"]): float(Fraction(str(level["normalised"])))
            for level in data["levels"]}


def scored(scale_id: str) -> bool:
    data = yaml.safe_load((ROOT / "scales" / f"{scale_id}.yaml").read_text("utf-8"))
    return bool(data.get("scored", True))


def by_domain(source_id: str, target_id: str) -> dict[str, list[str]]:
    """Each target standard's sources: the source standards sharing one of its domains."""
    theirs = standards(source_id)
    return {t: [s for s, st in theirs.items() if set(st["domains"]) & set(ours["domains"])]
            for t, ours in standards(target_id).items()}


def expected_ratings(audit: dict[str, Any], source_id: str,
                     target_id: str) -> dict[str, str | None]:
    """The rating each target standard should get: the nearest level of its scale to the
    mean position of its sources' ratings (on scored scales; ties down)."""
    source, target = read(source_id), read(target_id)
    theirs, ours = standards(source_id), standards(target_id)
    found: dict[str, str | None] = {}
    for target_std, sources in by_domain(source_id, target_id).items():
        scale_id = ours[target_std].get("scale", target["scale"])
        if not scored(scale_id) or ours[target_std].get("rated") is False:
            found[target_std] = None
            continue
        values = []
        for s in sources:
            given = str(audit["responses"].get(s, {}).get("rating", "")).strip().lower()
            their_scale = theirs[s].get("scale", source["scale"])
            if given and scored(their_scale) and given in positions(their_scale):
                values.append(positions(their_scale)[given])
        scale = positions(scale_id)
        mean = sum(values) / len(values) if values else None
        found[target_std] = None if mean is None else min(
            scale, key=lambda c: (round(abs(scale[c] - mean), 9), scale[c]))
    return found


@pytest.mark.parametrize(("source_id", "target_id"), [
    ("nottinghamshire-2021", "buckinghamshire-2016"),
    ("lambeth", "south-gloucestershire-2019-20")])
def test_a_bundled_return_translates_into_a_valid_draft(source_id: str, target_id: str) -> None:
    """The example final return becomes a draft of the other template with no errors; its
    ratings are those the common scale gives; what is left to answer is what the mapping
    leaves unrated (or the target's rules refuse), and is named."""
    path = EXAMPLES / source_id / "final.json"
    audit = json.loads(path.read_text("utf-8"))
    draft, report = translate(path, target_id, registry=REGISTRY)
    result = validate(draft, registry=REGISTRY)
    assert result.errors == ()
    assert (draft["template"], draft["status"]) == (target_id, "draft")
    expected = expected_ratings(audit, source_id, target_id)
    given = {s: r.get("rating") or r.get("carried", {}).get("rating")
             for s, r in draft["responses"].items()}
    assert {s: given[s] or None for s in expected} == expected
    ours = standards(target_id)
    left = [t for t, rating in expected.items()
            if (rating is None and ours[t].get("rated", True)) or t in report.withheld
            or not by_domain(source_id, target_id)[t]]
    assert list(report.to_answer) == left
    assert report.by_domain == report.carried
    assert all(r["carried"]["by"] == "domain" for r in draft["responses"].values()
               if "carried" in r)


def test_nottinghamshire_onto_buckinghamshire_by_hand() -> None:
    """Checked by hand: every Buckinghamshire standard shares a domain with a Nottinghamshire
    one, every rating carries, and the due dates the actions' own words give are read."""
    path = EXAMPLES / "nottinghamshire-2021" / "final.json"
    draft, report = translate(path, "buckinghamshire-2016", registry=REGISTRY)
    assert report.to_answer == ()
    assert report.withheld == {}
    assert report.new == report.dropped == ()
    assert draft["organisation"]["areas"] == []  # Nottinghamshire's areas are not Bucks'
    actions = draft["responses"]["4"]["actions"]
    assert all(set(a) <= {"action", "lead", "due", "status", "progress"} for a in actions)
    assert any(a.get("due") == "2026-03-31" for a in actions)
    assert any(a.get("status") == "in progress" for a in actions)  # last cycle's update


def test_lambeth_onto_south_gloucestershire_by_hand() -> None:
    """Checked by hand: no Lambeth standard covers the designated practitioner (6, 7), and
    the yes/no questions 8 and 20 cannot be answered from 1 to 5 ratings."""
    _, report = translate(EXAMPLES / "lambeth" / "final.json",
                          "south-gloucestershire-2019-20", registry=REGISTRY)
    assert report.to_answer == ("6", "7", "8", "20")
    assert report.new == ("6", "7")


def test_evidence_is_concatenated_by_standard() -> None:
    """Each target field holds its sources' text, each prefixed with the source's id, and
    a field of another name is named by its label."""
    path = EXAMPLES / "lambeth" / "final.json"
    audit = json.loads(path.read_text("utf-8"))
    draft, _ = translate(path, "south-gloucestershire-2019-20", registry=REGISTRY)
    for target_id, sources in by_domain("lambeth", "south-gloucestershire-2019-20").items():
        text = draft["responses"][target_id]["working_well"]
        for source_id in sources:
            written = audit["responses"][source_id].get("working_well")
            if written:
                assert f"[{source_id}] {written}" in text
    draft, _ = translate(path, "buckinghamshire-2016", registry=REGISTRY)
    assert draft["responses"]["1"]["evidence"].startswith(
        f"[1] What is working well? How do we know: {audit['responses']['1']['working_well']}")


def test_actions_keep_only_the_target_columns_and_lose_nothing() -> None:
    """Buckinghamshire's lead and timescale go into the text of a Lambeth action, which has
    only the action column; a target with no action table gets them as text."""
    path = EXAMPLES / "buckinghamshire-2016" / "final.json"
    audit = json.loads(path.read_text("utf-8"))
    draft, _ = translate(path, "lambeth", registry=REGISTRY)
    for target_id, sources in by_domain("buckinghamshire-2016", "lambeth").items():
        carried = draft["responses"][target_id]["actions"]
        originals = [a for s in sources for a in audit["responses"][s].get("actions", [])]
        assert len(carried) == len(originals)
        for before, after in zip(originals, carried, strict=True):
            assert set(after) <= {"action", "status", "progress", "done_on"}
            for key in ("action", "lead", "due"):
                assert before.get(key, "") in after["action"]
    draft, _ = translate(path, "south-gloucestershire-2019-20", registry=REGISTRY)
    first = next(a for r in audit["responses"].values() for a in r.get("actions", []))
    assert any(f"Action: {first['action']} (lead: {first['lead']}; due: {first['due']}; "
               f"status: {first['status']}; progress: {first['progress']})" in
               r.get("working_well", "") for r in draft["responses"].values())


def test_an_action_the_target_refuses_is_written_out_not_lost() -> None:
    """bucks-strict asks every action for a lead, which Nottinghamshire's form has no column
    for: each such action is written into the evidence, with its due date, and the table
    keeps none of them; no lead is invented."""
    registry = Registry([DATA / "templates"], environment=False)
    path = EXAMPLES / "nottinghamshire-2021" / "final.json"
    audit = json.loads(path.read_text("utf-8"))
    draft, report = translate(path, "bucks-strict", registry=registry)
    assert validate(draft, registry=registry).errors == ()
    mapped = by_domain("nottinghamshire-2021", "buckinghamshire-2016")
    with_actions = [t for t, sources in mapped.items()
                    if any(audit["responses"][s].get("actions") for s in sources)]
    assert list(report.moved) == with_actions
    assert set(report.moved.values()) == {"this template requires 'lead' in this action"}
    for target_id in with_actions:
        response = draft["responses"][target_id]
        assert response["actions"] == []
        for source_id in mapped[target_id]:
            for action in audit["responses"][source_id].get("actions", []):
                assert f"Action: {action['action']}" in response["evidence"]


def test_a_crosswalk_file_maps_what_it_lists(tmp_path: Path) -> None:
    """With a crosswalk, listed standards go where listed and only the rest by domain."""
    path = tmp_path / "walk.yaml"
    path.write_text('from: lambeth\nto: buckinghamshire-2016\nunmatched: domain\n'
                    'standards:\n  "1": "1"\n  "5": ["2", "5"]\n', encoding="utf-8")
    draft, report = translate(EXAMPLES / "lambeth" / "final.json", "buckinghamshire-2016",
                              registry=REGISTRY, crosswalk=path)
    same = " ".join(standards("lambeth")["1"]["text"].split()) == " ".join(
        standards("buckinghamshire-2016")["1"]["text"].split())
    assert draft["responses"]["1"]["carried"] == {
        "from": "lambeth", "standards": ["1"], **({} if same else {"text_changed": True})}
    assert draft["responses"]["5"]["carried"]["standards"] == ["5"]
    assert "1" not in report.by_domain
    assert "8" in report.by_domain


def test_the_respondent_only_when_asked() -> None:
    """Personal details stay behind unless asked for."""
    path = EXAMPLES / "lambeth" / "final.json"
    draft, _ = translate(path, "buckinghamshire-2016", registry=REGISTRY)
    assert set(draft["respondent"].values()) == {""}
    draft, _ = translate(path, "buckinghamshire-2016", registry=REGISTRY,
                         include_personal=True)
    assert draft["respondent"]["name"] == json.loads(path.read_text("utf-8"))[
        "respondent"]["name"]


@settings(max_examples=40)
@given(seed=st.integers(0, 2**32), source_id=st.sampled_from(BUNDLED),
       target_id=st.sampled_from(BUNDLED))
def test_property_any_return_translates_into_a_valid_draft(seed: int, source_id: str,
                                                            target_id: str) -> None:
    """Whatever a valid return of one bundled template says, its translation onto any other
    validates as a draft with no error, and every standard is either carried or to answer."""
    audit = generate_audit(REGISTRY.template(source_id), random.Random(seed),
                           registry=REGISTRY)
    draft, report = translate(audit, target_id, registry=REGISTRY)
    assert validate(draft, registry=REGISTRY).errors == ()
    ids = REGISTRY.template(target_id).standard_ids
    assert set(report.carried) | set(report.to_answer) == set(ids)
