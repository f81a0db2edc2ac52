"""Comparing audits across templates and scales on the common scale."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from s11schema import default_registry
from s11schema._compare import compare
from s11schema._normalise import normalise
from s11schema.testing import generate_audit

from ..conftest import EXAMPLES, VALID_EXAMPLES

TEMPLATES = ["nottinghamshire-2021", "buckinghamshire-2016", "lambeth",
             "south-gloucestershire-2019-20"]


def _example(template_id: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / template_id / "final.json").read_text("utf-8"))
    return data


def _rated_all(template_id: str, code: str, name: str) -> dict[str, Any]:
    """The template's example audit with every standard on its own scale set to `code`."""
    audit = _example(template_id)
    template = default_registry().template(template_id)
    audit["organisation"]["name"] = name
    for standard in template.standards:
        response = audit["responses"][standard.id]
        response.pop("reason", None)
        if not standard.rated:
            continue
        response["rating"] = "yes" if standard.scale == "yes-no" else code
        for field in template.fields:
            if field.type == "text" and not response.get(field.id):
                response[field.id] = "Policy in place and reviewed by the board in 2025."
    return audit


def _four() -> list[dict[str, Any]]:
    return [_rated_all("nottinghamshire-2021", "green", "Notts Org"),    # 2/3
            _rated_all("buckinghamshire-2016", "blue", "Bucks Org"),     # 1
            _rated_all("lambeth", "1", "Lambeth Org"),                   # 0
            _rated_all("south-gloucestershire-2019-20", "2", "SGlos Org")]  # 2/3 (yes: 2/3)


def test_four_templates_in_one_call_by_hand() -> None:
    """One compare over all four templates gives the hand-computed figures per domain."""
    registry = default_registry()
    covers = {t: {d for s in registry.template(t).standards for d in s.domains}
              for t in TEMPLATES}
    assert all("safer-recruitment" in domains for domains in covers.values())
    result = compare(_four())
    assert len(result.included) == 4
    assert result.excluded == ()
    row = next(r for r in result.rows if r.key == "safer-recruitment")
    # Notts 2/3, Bucks 1, Lambeth 0, South Glos 2/3:
    assert row.audits == 4
    assert row.mean == pytest.approx((2 / 3 + 1 + 0 + 2 / 3) / 4)
    assert row.bands == {"inadequate": 1, "requires-improvement": 0, "good": 2, "outstanding": 1}
    assert row.good_or_better == pytest.approx(3 / 4)
    assert row.lowest[0] == ("Lambeth Org", 0.0)
    for row in result.rows:
        values = {"nottinghamshire-2021": 2 / 3, "buckinghamshire-2016": 1.0, "lambeth": 0.0,
                  "south-gloucestershire-2019-20": 2 / 3}
        expected = [v for t, v in values.items() if row.key in covers[t]]
        assert row.audits == len(expected)
        assert row.mean == pytest.approx(sum(expected) / len(expected))


def test_invalid_audits_are_listed_and_left_out() -> None:
    """An invalid audit never joins the figures; it is listed with its reason."""
    bad = _rated_all("nottinghamshire-2021", "amber", "Bad Org")  # amber needs actions
    for response in bad["responses"].values():
        response["actions"] = []
    result = compare([*_four(), bad])
    assert [a.organisation for a in result.included] == ["Notts Org", "Bucks Org",
                                                          "Lambeth Org", "SGlos Org"]
    (excluded,) = result.excluded
    assert "actions-required" in excluded.codes


def test_drafts_only_with_include_drafts() -> None:
    """A draft is left out unless drafts are asked for."""
    draft = _rated_all("lambeth", "3", "Draft Org")
    draft["status"] = "draft"
    assert [e.kind for e in compare([draft]).excluded] == ["draft"]
    assert len(compare([draft], include_drafts=True).included) == 1


def test_area_isolates_one_local_authority() -> None:
    """--area keeps only audits covering that area, whatever its case."""
    audits = _four()
    audits[3]["organisation"]["areas"] = ["South Gloucestershire", "Bristol"]
    result = compare(audits, area="south gloucestershire")
    assert [a.organisation for a in result.included] == ["SGlos Org"]


def test_group_by_template_and_by_section() -> None:
    """Grouping splits rows per template; by section keys rows by template and section."""
    result = compare(_four(), group_by="template")
    assert {r.group for r in result.rows} == set(TEMPLATES)
    sections = compare(_four(), by="section")
    notts = [r for r in sections.rows if r.template == "nottinghamshire-2021"]
    assert [r.key for r in notts] == [str(n) for n in range(1, 10)]
    assert all(r.mean == pytest.approx(2 / 3) for r in notts)


def test_compare_reads_files_and_folders() -> None:
    """Files and folders are read, including the real Rushcliffe return; an earlier cycle's
    return is left out as superseded by the same organisation's later one."""
    result = compare([EXAMPLES])
    assert "Rushcliffe Borough Council" in {a.organisation for a in result.included}
    assert sorted(a.file or "" for a in result.included) == [str(p) for p in VALID_EXAMPLES]
    left_out = {Path(e.file).name: e.kind for e in result.excluded}
    assert set(left_out) == {"draft.json", "mistakes.json", "previous-cycle.json",
                             "microsoft-forms-export.xlsx", "surveymonkey-export.xlsx"}
    assert [e.kind for e in result.excluded if e.file.endswith("previous-cycle.json")] == [
        "superseded"] * 4
    exports = [e for e in result.excluded if e.file.endswith("-export.xlsx")]
    assert {(e.kind, e.codes) for e in exports} == {("unreadable", ("workbook-not-a-return",))}


@settings(max_examples=25)
@given(seed=st.integers(0, 2**32))
def test_results_do_not_depend_on_order(seed: int) -> None:
    """Shuffling the audits changes no figure (each is its own organisation's: of two returns
    from one organisation on the same date, the one given later counts)."""
    registry = default_registry()
    rng = random.Random(seed)
    audits = [generate_audit(registry.template(t), rng) for t in TEMPLATES for _ in range(2)]
    for number, audit in enumerate(audits):
        audit["organisation"]["name"] = f"Organisation {number}"
    shuffled = copy.deepcopy(audits)
    rng.shuffle(shuffled)
    first, second = compare(audits).rows, compare(shuffled).rows
    assert [(r.key, r.audits, r.bands) for r in first] == [(r.key, r.audits, r.bands)
                                                           for r in second]
    for a, b in zip(first, second, strict=True):
        assert a.mean == pytest.approx(b.mean)
        assert sorted(a.lowest) == sorted(b.lowest) or a.lowest[0][1] == b.lowest[0][1]


@settings(max_examples=25)
@given(seed=st.integers(0, 2**32))
def test_domain_means_lie_within_their_inputs(seed: int) -> None:
    """Each domain's mean lies between the lowest and highest audit value behind it."""
    registry = default_registry()
    rng = random.Random(seed)
    audits = [generate_audit(registry.template(t), rng) for t in TEMPLATES]
    result = compare(audits)
    per_audit = [normalise(a) for a in audits]
    for row in result.rows:
        found = [n.domains[row.key].value for n in per_audit if row.key in n.domains]
        values = [v for v in found if v is not None]
        assert row.audits == len(values)
        if values:
            assert row.mean is not None
            assert min(values) - 1e-12 <= row.mean <= max(values) + 1e-12


@given(st.lists(st.tuples(st.sampled_from(["A", "B", "C", "D", "E"]),
                          st.floats(0, 1, allow_nan=False)), max_size=40))
def test_a_row_summed_as_it_comes_equals_one_made_from_every_value(
        values: list[tuple[str, float]]) -> None:
    """A comparison keeps a few numbers per row, not every value: the mean, the bands and
    the LOWEST lowest organisations still come out as from the whole list."""
    from s11schema._compare import BANDS, LOWEST, _row, _Tally
    from s11schema._scales import band

    tally = _Tally()
    for organisation, value in values:
        tally.add_value(organisation, value)
    row = _row((None, None, "d"), tally, {})
    assert row.audits == len(values)
    assert row.mean == (sum(v for _, v in values) / len(values) if values else None)
    assert row.bands == {b: sum(str(band(v)) == b for _, v in values) for b in BANDS}
    assert row.lowest == tuple(sorted(values, key=lambda item: (item[1], item[0]))[:LOWEST])
