"""Normalisation onto the common scale: values, bands, means, moderation."""

from __future__ import annotations

import copy
import json
import random
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s11schema import Registry, default_registry
from s11schema._normalise import Gap, Mean, normalise
from s11schema._scales import ANCHORS, Band, band
from s11schema.testing import generate_audit

from ..conftest import DATA, EXAMPLES

#: A final audit on the strict variant of the Nottinghamshire template (due dates, moderation).
STRICT_NOTTS = DATA / "audits" / "bases" / "notts.json"
STRICT = Registry([DATA / "templates"])

TEMPLATES = ["nottinghamshire-2021", "buckinghamshire-2016", "lambeth",
             "south-gloucestershire-2019-20"]


def _example(template_id: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / template_id / "final.json").read_text("utf-8"))
    return data


def test_rushcliffe_scores_keep_the_raw_rating_beside_the_value() -> None:
    """Each standard keeps its raw code; amber is 1/3 and green 2/3 on the common scale."""
    result = normalise(EXAMPLES / "nottinghamshire-2021" / "rushcliffe-2021.json")
    scores = {s.standard: s for s in result.scores}
    assert scores["3.1"].rating == "amber"
    assert scores["3.1"].value == pytest.approx(1 / 3)
    assert scores["3.1"].band is Band.REQUIRES_IMPROVEMENT
    assert scores["1.1"].rating == "green"
    assert scores["1.1"].value == pytest.approx(2 / 3)
    amber = sum(1 for s in result.scores if s.rating == "amber")
    expected = (amber * (1 / 3) + (24 - amber) * (2 / 3)) / 24
    assert result.overall == Mean(pytest.approx(expected), 24)  # type: ignore[arg-type]


def test_earliest_due_is_the_end_of_the_first_timescale() -> None:
    """A standard with actions due in Q3 and in Q1 of 2026/27 is first due on 30 June 2026."""
    audit = json.loads(STRICT_NOTTS.read_text(encoding="utf-8"))
    actions = audit["responses"]["4.2"]["actions"]
    actions.append({**actions[0], "due": "Q1 2026/27"})
    actions[0]["due"] = "Q3 2026/27"
    score = next(s for s in normalise(audit, registry=STRICT).scores if s.standard == "4.2")
    assert score.actions == 2
    assert score.earliest_due == date(2026, 6, 30)


def test_not_applicable_and_unanswered_are_left_out_not_zero() -> None:
    """N/A and unanswered standards have no value and do not count in any mean."""
    audit = _example("buckinghamshire-2016")
    result = normalise(audit)
    na = [s for s in result.scores if s.not_applicable]
    assert na
    assert all(s.value is None for s in na)
    values = [s.value for s in result.scores if s.value is not None]
    assert result.overall.count == len(values) == 7
    assert result.overall.value == pytest.approx(sum(values) / len(values))


@given(seed=st.integers(0, 2**32), template_id=st.sampled_from(TEMPLATES))
def test_not_applicable_never_changes_a_mean(seed: int, template_id: str) -> None:
    """Rating a standard N/A gives the same means as leaving it unanswered."""
    registry = default_registry()
    template = registry.template(template_id)
    audit = generate_audit(template, random.Random(seed))
    target = next((s for s in template.standards
                   if s.not_applicable and registry.scale(s.scale or template.scale)
                   .not_applicable), None)
    if target is None:
        return  # this template's scale has no N/A
    na_code = registry.scale(target.scale or template.scale).not_applicable
    assert na_code is not None
    as_na = copy.deepcopy(audit)
    as_na["responses"][target.id] = {"rating": na_code.code, "reason": "not provided here"}
    unanswered = copy.deepcopy(audit)
    del unanswered["responses"][target.id]
    a, b = normalise(as_na), normalise(unanswered)
    assert (a.overall, a.sections, a.domains) == (b.overall, b.sections, b.domains)


@pytest.mark.parametrize("scale_id", ["rag", "brag", "lambeth-5", "ofsted-4", "yes-no", "common"])
def test_normalisation_is_monotonic_in_the_rating(scale_id: str) -> None:
    """A better level never gives a lower value or band, for every bundled scale."""
    scale = default_registry().scale(scale_id)
    values = [scale.normalise(code) for code in scale.codes]
    assert all(v is not None for v in values)
    assert values == sorted(values)  # type: ignore[type-var]
    bands = [list(Band).index(band(v)) for v in values if v is not None]
    assert bands == sorted(bands)


def test_common_scale_maps_to_itself() -> None:
    """Each common-scale code sits at its own anchor, in its own band."""
    scale = default_registry().scale("common")
    for (anchor, name), code in zip(ANCHORS, scale.codes, strict=True):
        assert code == name
        assert scale.normalise(code) == pytest.approx(anchor)
        assert str(band(anchor)) == name


def test_equivalent_levels_share_a_common_value() -> None:
    """RAG Green, BRAG Green and ofsted-4 Good meet; Blue, Outstanding, Lambeth 5 reach 1."""
    registry = default_registry()
    position = {s: registry.scale(s).positions for s in ("rag", "brag", "ofsted-4", "lambeth-5")}
    assert position["rag"]["green"] == position["brag"]["green"] == position["ofsted-4"]["2"]
    assert position["brag"]["blue"] == position["ofsted-4"]["3"] == position["lambeth-5"]["5"] == 1
    assert position["rag"]["red"] == position["ofsted-4"]["0"] == position["lambeth-5"]["1"] == 0


def test_moderated_rating_is_used_where_asked_and_falls_back_to_self() -> None:
    """--rating moderated uses the moderated code, falls back to self, and counts the gap."""
    audit = json.loads(STRICT_NOTTS.read_text(encoding="utf-8"))  # moderation declared
    audit["responses"]["1.1"]["moderated_rating"] = "amber"  # self green
    result = normalise(audit, rating="moderated", registry=STRICT)
    score = next(s for s in result.scores if s.standard == "1.1")
    assert (score.rating, score.self_rating, score.moderated_rating) == ("amber", "green",
                                                                         "amber")
    assert result.fell_back == 23
    assert result.gap == Gap(pytest.approx(1 / 3 - 2 / 3), 1)  # type: ignore[arg-type]
    assert score.gap == pytest.approx(1 / 3 - 2 / 3)
    assert normalise(audit, registry=STRICT).scores[0].rating == "green"


def test_domain_mean_is_the_mean_of_its_standards() -> None:
    """A domain's mean is computed over exactly the standards that name it."""
    audit = _example("lambeth")
    registry = default_registry()
    template = registry.template("lambeth")
    result = normalise(audit)
    scale = registry.scale("lambeth-5")
    for domain, mean in result.domains.items():
        values = [scale.positions[audit["responses"][s.id]["rating"]]
                  for s in template.standards if domain in s.domains]
        assert mean == Mean(pytest.approx(sum(values) / len(values)), len(values))  # type: ignore[arg-type]
