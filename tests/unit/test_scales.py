"""Rating scales: the bundled ones, resolving ratings, bands, numeric ranges, and properties."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from s11schema import Band, Finding, Level, Registry, Scale, Severity, band, load_scale
from s11schema._loader import load_file
from s11schema._templates import Template

from ..conftest import ROOT

REPO = ROOT
BUNDLED_SCALES = sorted(p.stem for p in (REPO / "scales").glob("*.yaml"))


def checked(text: str, name: str = "scale.yaml") -> tuple[Scale, list[Finding]]:
    """Load scale YAML text and run the scale checks; the scale must have a valid shape."""
    loaded = load_file(name, text=text, expect="scale")
    assert loaded.findings == [], [str(f) for f in loaded.findings]
    assert isinstance(loaded.model, Scale)
    return loaded.model, loaded.findings + loaded.model.check(loaded.document)


def codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}


# ---------------------------------------------------------------------- bundled scales


def test_bundled_scale_files_are_the_six_expected() -> None:
    """The bundle holds the six scales the docs name."""
    assert BUNDLED_SCALES == ["brag", "common", "lambeth-5", "ofsted-4", "rag", "yes-no"]


@pytest.mark.parametrize("scale_id", BUNDLED_SCALES)
def test_every_bundled_scale_loads_cleanly(scale_id: str) -> None:
    """Each bundled scale loads by id, has that id, and passes the scale checks with no finding."""
    scale = load_scale(scale_id)
    assert scale.id == scale_id
    loaded = load_file(REPO / "scales" / f"{scale_id}.yaml")
    assert isinstance(loaded.model, Scale)
    assert loaded.findings + loaded.model.check(loaded.document) == []
    assert all(0.0 <= value <= 1.0 for value in scale.positions.values())


@pytest.mark.parametrize(("scale_id", "code"), [("rag", "green"), ("brag", "green"),
                                                ("ofsted-4", "2"), ("lambeth-5", "4"),
                                                ("yes-no", "yes"), ("common", "good")])
def test_meeting_requirements_sits_at_two_thirds(scale_id: str, code: str) -> None:
    """Green (rag, brag), ofsted-4 "2" Good and the other "meets requirements" levels are at 2/3."""
    assert load_scale(scale_id).positions[code] == 2 / 3


@pytest.mark.parametrize(("scale_id", "code"), [("brag", "blue"), ("ofsted-4", "3"),
                                                ("lambeth-5", "5"), ("common", "outstanding")])
def test_beyond_requirements_sits_at_one(scale_id: str, code: str) -> None:
    """Blue, ofsted-4 "3" and lambeth-5 "5" are at 1."""
    assert load_scale(scale_id).positions[code] == 1.0


@pytest.mark.parametrize(("scale_id", "code"), [("rag", "red"), ("brag", "red"),
                                                ("ofsted-4", "0"), ("lambeth-5", "1"),
                                                ("yes-no", "no")])
def test_nothing_in_place_sits_at_zero(scale_id: str, code: str) -> None:
    """Red, ofsted-4 "0" and lambeth-5 "1" are at 0."""
    assert load_scale(scale_id).positions[code] == 0.0


def test_rag_has_no_level_beyond_green() -> None:
    """rag's codes are red, amber, green (worst first) plus n/a, and amber sits at 1/3."""
    rag = load_scale("rag")
    assert rag.codes == ("red", "amber", "green")
    assert rag.valid_codes() == ["red", "amber", "green", "n/a"]
    assert rag.valid_codes(allow_na=False) == ["red", "amber", "green"]
    assert rag.positions["amber"] == 1 / 3
    assert rag.normalise("n/a") is None


def test_brag_not_applicable_needs_a_reason_but_rag_does_not() -> None:
    """brag asks for a reason with N/A (as the Buckinghamshire toolkit does); rag does not."""
    brag, rag = load_scale("brag"), load_scale("rag")
    assert brag.not_applicable is not None
    assert brag.not_applicable.reason_required
    assert rag.not_applicable is not None
    assert not rag.not_applicable.reason_required
    assert load_scale("ofsted-4").not_applicable is None


# ---------------------------------------------------------------------- resolve


@pytest.mark.parametrize(("rating", "expected"), [
    ("green", "green"), ("GREEN", "green"), (" Green ", "green"), ("g", "green"),
    ("A", "amber"), ("n/a", "n/a"), ("NA", "n/a"), ("Not Applicable", "n/a"),
    ("purple", None), ("", None),
])
def test_resolve_rag(rating: str, expected: str | None) -> None:
    """`resolve` is case-insensitive, accepts aliases and returns the canonical code."""
    assert load_scale("rag").resolve(rating) == expected


def test_resolve_whole_number_is_its_text() -> None:
    """The int 3 resolves like "3"; aliases such as "good" give the canonical "2"."""
    ofsted = load_scale("ofsted-4")
    assert ofsted.resolve(3) == "3"
    assert ofsted.resolve("3") == "3"
    assert ofsted.resolve(0) == "0"
    assert ofsted.resolve("Good") == "2"
    assert ofsted.resolve(4) is None


@pytest.mark.parametrize("rating", [True, False, 3.0, 2.0, 0.0, None, ["3"]])
def test_resolve_rejects_booleans_and_floats(rating: object) -> None:
    """Booleans, floats and other non-text values never resolve, even where 1 or 3 would."""
    assert load_scale("ofsted-4").resolve(rating) is None


def test_resolve_yes_no_reads_text_not_booleans() -> None:
    """The yes-no scale's codes are the text "yes" and "no"; True is not "yes"."""
    scale = load_scale("yes-no")
    assert scale.codes == ("no", "yes")
    assert scale.resolve("Y") == "yes"
    assert scale.resolve(True) is None


# ---------------------------------------------------------------------- band


@pytest.mark.parametrize(("value", "expected"), [
    (0.0, Band.INADEQUATE), (1 / 3, Band.REQUIRES_IMPROVEMENT), (2 / 3, Band.GOOD),
    (1.0, Band.OUTSTANDING), (0.1, Band.INADEQUATE), (0.2, Band.REQUIRES_IMPROVEMENT),
    (0.45, Band.REQUIRES_IMPROVEMENT), (0.55, Band.GOOD), (0.8, Band.GOOD),
    (0.9, Band.OUTSTANDING), (-0.5, Band.INADEQUATE), (1.5, Band.OUTSTANDING),
])
def test_band_by_nearest_anchor(value: float, expected: Band) -> None:
    """`band()` names the nearest of the anchors 0, 1/3, 2/3, 1."""
    assert band(value) is expected


def test_band_tie_at_one_sixth_goes_to_lower_band() -> None:
    """1/6 is halfway between 0 and 1/3 and goes to the lower band, inadequate."""
    assert band(1 / 6) is Band.INADEQUATE


def test_band_tie_at_one_half_goes_to_lower_band() -> None:
    """1/2 is halfway between 1/3 and 2/3: the lower band (where lambeth-5 "3" sits)."""
    assert band(0.5) is Band.REQUIRES_IMPROVEMENT
    assert band(load_scale("lambeth-5").positions["3"]) is Band.REQUIRES_IMPROVEMENT


# ---------------------------------------------------------------------- numeric ranges


PERCENT = """\
id: percent
title: Percentage of requirements met
range:
  worst: 0
  best: 100
  step: 5
"""


def test_numeric_range_spells_out_levels_linearly() -> None:
    """A 0 to 100 range in steps of 5 has 21 levels at value / 100, and no findings."""
    scale, findings = checked(PERCENT)
    assert findings == []
    assert scale.codes == tuple(str(v) for v in range(0, 101, 5))
    assert len(scale.all_levels) == 21
    for value in range(0, 101, 5):
        assert scale.positions[str(value)] == pytest.approx(value / 100)
    assert scale.resolve(35) == "35"
    assert scale.resolve("36") is None


def test_numeric_range_describes_codes_briefly() -> None:
    """`describe_codes` of a long range is one short phrase, not 21 codes."""
    scale, _ = checked(PERCENT)
    assert scale.describe_codes() == "whole numbers 0 to 100 in steps of 5"
    with_na, _ = checked(PERCENT + "not_applicable:\n  code: n/a\n")
    assert with_na.describe_codes() == "whole numbers 0 to 100 in steps of 5, or n/a"
    assert with_na.describe_codes(allow_na=False) == "whole numbers 0 to 100 in steps of 5"


def test_reversed_range_maps_worst_to_zero() -> None:
    """A range from worst 4 to best 1 maps 4 to 0 and 1 to 1, linearly between."""
    scale, findings = checked("id: rev\ntitle: Reversed\nrange: {worst: 4, best: 1}\n")
    assert findings == []
    assert scale.codes == ("4", "3", "2", "1")
    assert scale.positions == pytest.approx({"4": 0.0, "3": 1 / 3, "2": 2 / 3, "1": 1.0})


def test_range_with_declared_positions_interpolates() -> None:
    """`range.normalised` anchors positions; values between are linear."""
    text = PERCENT + "  normalised: {0: 0, 50: 1/3, 100: 1}\n"
    scale, findings = checked(text)
    assert findings == []
    assert scale.positions["50"] == pytest.approx(1 / 3)
    assert scale.positions["25"] == pytest.approx(1 / 6)
    assert scale.positions["75"] == pytest.approx(2 / 3)


def test_range_position_out_of_range_is_found() -> None:
    """A range mapped beyond 1 gives `scale-out-of-range`."""
    _, findings = checked(PERCENT + "  normalised: {0: 0, 100: 3/2}\n")
    assert "scale-out-of-range" in codes(findings)


def test_range_whose_step_misses_best_is_refused_or_reaches_best() -> None:
    """A range must either be refused or keep `best` as a level at position 1."""
    loaded = load_file("s.yaml", text="id: s\ntitle: S\nrange: {worst: 0, best: 10, step: 3}\n")
    if isinstance(loaded.model, Scale) and not loaded.findings:
        assert loaded.model.codes[-1] == "10"
        assert loaded.model.positions["10"] == 1.0
    else:
        assert loaded.findings


def test_levels_and_range_together_are_refused() -> None:
    """A scale may give levels or a range, not both."""
    loaded = load_file("s.yaml", text=PERCENT + "levels:\n  - {code: a, label: A}\n")
    assert loaded.model is None
    assert "schema-type" in codes(loaded.findings)


# ---------------------------------------------------------------------- scales as data

MET = """\
id: met-4
title: Met (four levels)
levels:
  - code: not met
    label: Not met
    normalised: 0
  - code: partially
    label: Partially met
    normalised: 1/3
  - code: mostly
    label: Mostly met
    normalised: 1/2
  - code: fully
    label: Fully met
    normalised: 2/3
"""

MET_TEMPLATE = """\
id: met-template
title: A template rated on the met scale
partnership: Test partnership
scale: met-4
actions:
  required_for: [not met, partially]
fields:
  - id: actions
    type: actions
sections:
  - id: "1"
    title: Leadership
    standards:
      - id: "1.1"
        text: There is a clearly identified lead for safeguarding.
        domains: [designated-lead]
"""


def test_new_four_level_scale_is_only_data(tmp_path: Path) -> None:
    """A four-level "met" scale written as YAML loads, and a template can use it, with no code."""
    (tmp_path / "met-4.yaml").write_text(MET, encoding="utf-8")
    (tmp_path / "met-template.yaml").write_text(MET_TEMPLATE, encoding="utf-8")
    registry = Registry([tmp_path], environment=False)
    scale = registry.scale("met-4")
    assert scale.codes == ("not met", "partially", "mostly", "fully")
    assert scale.positions == pytest.approx({"not met": 0.0, "partially": 1 / 3,
                                             "mostly": 0.5, "fully": 2 / 3})
    assert scale.resolve("Not Met") == "not met"
    template = registry.template("met-template")
    assert isinstance(template, Template)
    assert registry.scale_for(template, "1.1") is scale
    assert load_scale(tmp_path / "met-4.yaml").codes == scale.codes


@pytest.mark.parametrize(("written", "value"), [
    ("2/3", 2 / 3), ("1 / 3", 1 / 3), ("1/2", 0.5), ("0", 0.0), ("1", 1.0), ("0.25", 0.25),
])
def test_positions_may_be_fractions(written: str, value: float) -> None:
    """A position may be written as a fraction such as "2/3" (spaces allowed) or a number."""
    level = Level.model_validate({"code": "x", "label": "X", "normalised": written})
    assert level.normalised == pytest.approx(value)


@pytest.mark.parametrize("written", ["1/0", "two thirds", "2/3/4"])
def test_bad_fractions_are_refused(written: str) -> None:
    """A position that is not a number or fraction is a validation error."""
    with pytest.raises(ValidationError):
        Level.model_validate({"code": "x", "label": "X", "normalised": written})


def test_codes_and_aliases_must_be_unique_ignoring_case() -> None:
    """An alias that repeats another level's code (in any case) is `duplicate-id`."""
    text = ("id: dup\ntitle: Dup\nlevels:\n  - {code: red, label: Red}\n"
            "  - {code: amber, label: Amber, aliases: [RED]}\n")
    _, findings = checked(text)
    duplicate = [f for f in findings if f.code == "duplicate-id"]
    assert len(duplicate) == 1
    assert duplicate[0].line == 5


# ---------------------------------------------------------------------- properties


def scale_yaml(positions: list[str | None], scale_id: str = "generated") -> str:
    """YAML text of a scale with one level per position (None: no `normalised`)."""
    lines = [f"id: {scale_id}", "title: Generated scale", "levels:"]
    for index, position in enumerate(positions):
        lines += [f"  - code: level-{index}", f"    label: Level {index}"]
        if position is not None:
            lines.append(f"    normalised: {position}")
    return "\n".join(lines) + "\n"


def written(value: Fraction) -> str:
    """A position as staff would write it: a whole number, a fraction, or a decimal."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


unit_fractions = st.fractions(min_value=0, max_value=1, max_denominator=12)
level_counts = st.integers(min_value=2, max_value=8)


@settings(max_examples=40)
@given(st.lists(unit_fractions, min_size=2, max_size=8))
def test_property_sorted_positions_are_sound(values: list[Fraction]) -> None:
    """Non-decreasing positions in [0, 1] give no `scale-not-monotonic` or `scale-out-of-range`."""
    values = sorted(values)
    scale, findings = checked(scale_yaml([written(v) for v in values]))
    assert not codes(findings) & {"scale-not-monotonic", "scale-out-of-range"}
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    assert list(scale.positions.values()) == [float(v) for v in values]


@settings(max_examples=40)
@given(st.lists(unit_fractions, min_size=2, max_size=8, unique=True), st.data())
def test_property_decreasing_pair_is_not_monotonic(values: list[Fraction],
                                                   data: st.DataObject) -> None:
    """Swapping two adjacent distinct positions gives `scale-not-monotonic` at the later level."""
    values = sorted(values)
    index = data.draw(st.integers(min_value=0, max_value=len(values) - 2))
    values[index], values[index + 1] = values[index + 1], values[index]
    text = scale_yaml([written(v) for v in values])
    _, findings = checked(text)
    problems = [f for f in findings if f.code == "scale-not-monotonic"]
    assert len(problems) == 1
    # level i+1 is the (i+2)-th level; each level takes 3 lines after the 3 header lines
    assert problems[0].line == 3 + 3 * (index + 1) + 3
    assert f"level-{index + 1}" in problems[0].message
    assert "scale-out-of-range" not in codes(findings)


@settings(max_examples=40)
@given(st.lists(unit_fractions, min_size=2, max_size=8), st.data())
def test_property_position_outside_unit_interval_is_out_of_range(values: list[Fraction],
                                                                 data: st.DataObject) -> None:
    """Any position below 0 or above 1 gives `scale-out-of-range` for that level."""
    values = sorted(values)
    index = data.draw(st.integers(min_value=0, max_value=len(values) - 1))
    outside = data.draw(st.one_of(
        st.fractions(max_value=Fraction(-1, 12), min_value=-3, max_denominator=12),
        st.fractions(min_value=Fraction(13, 12), max_value=3, max_denominator=12)))
    values[index] = outside
    _, findings = checked(scale_yaml([written(v) for v in values]))
    out = [f for f in findings if f.code == "scale-out-of-range"]
    assert len(out) == 1
    assert f"level-{index}" in out[0].message


@settings(max_examples=25)
@given(level_counts, st.data())
def test_property_valid_scale_file_positions_lie_in_unit_interval(
        tmp_path_factory: pytest.TempPathFactory, count: int, data: st.DataObject) -> None:
    """A valid scale read from a file has every position in [0, 1], one per level."""
    values = sorted(data.draw(st.lists(unit_fractions, min_size=count, max_size=count)))
    path = tmp_path_factory.mktemp("scales") / "generated.yaml"
    path.write_text(scale_yaml([written(v) for v in values]), encoding="utf-8")
    scale = load_scale(path)
    assert len(scale.positions) == count
    assert all(0.0 <= value <= 1.0 for value in scale.positions.values())


@settings(max_examples=25)
@given(level_counts)
def test_property_scales_without_positions_spread_evenly(count: int) -> None:
    """With no positions, n levels sit at i/(n-1), with a `scale-position-missing` warning."""
    scale, findings = checked(scale_yaml([None] * count))
    assert scale.positions == pytest.approx(
        {f"level-{i}": i / (count - 1) for i in range(count)})
    assert [(f.code, f.severity) for f in findings] == [
        ("scale-position-missing", Severity.WARNING)]


# ---------------------------------------------------------------------- nearest


#: A reversed range (Grade 1 = outstanding) and a percentage with declared positions.
REVERSED = "id: rev\ntitle: Reversed\nrange: {worst: 4, best: 1}\n"
ANCHORED = PERCENT + "  normalised: {0: 0, 50: 1/3, 100: 1}\n"


def every_scale() -> list[Scale]:
    """Each bundled scale, and the two kinds of range: reversed, and anchored unevenly."""
    return [*(load_scale(s) for s in BUNDLED_SCALES), checked(REVERSED)[0], checked(ANCHORED)[0]]


@pytest.mark.parametrize("scale", every_scale(), ids=lambda s: s.id)
def test_nearest_gives_back_each_level(scale: Scale) -> None:
    """A level's own position is nearest to that level, on every kind of scale."""
    for code, position in scale.positions.items():
        assert scale.nearest(position) == code


def test_nearest_on_a_reversed_range_reads_positions_not_numbers() -> None:
    """On Grade 1 = outstanding, the top of the common scale is 1 and the bottom 4."""
    scale = checked(REVERSED)[0]
    assert scale.nearest(1.0) == "1"
    assert scale.nearest(0.0) == "4"
    assert scale.nearest(0.6) == "2"


def test_nearest_breaks_a_tie_downwards() -> None:
    """Halfway between amber (1/3) and green (2/3) is amber: cautious, as bands are."""
    assert load_scale("rag").nearest(0.5) == "amber"
    assert load_scale("brag").nearest(5 / 6) == "green"
    assert load_scale("rag").nearest(1.0) == "green"  # rag has nothing beyond green


@pytest.mark.parametrize("scale", every_scale(), ids=lambda s: s.id)
@given(position=st.floats(0, 1))
def test_property_nearest_moves_at_most_half_a_gap(scale: Scale, position: float) -> None:
    """Through the common scale a value moves to the nearest level: within the scale's
    span, by at most half the gap between the two levels either side of it; beyond its
    span, to the end level. No level is nearer than the one chosen."""
    chosen = scale.positions[scale.nearest(position)]
    places = sorted(scale.positions.values())
    assert all(abs(chosen - position) <= abs(other - position) + 1e-9 for other in places)
    if position < places[0] or position > places[-1]:
        assert chosen == (places[0] if position < places[0] else places[-1])
        return
    below = max(p for p in places if p <= position)
    above = min(p for p in places if p >= position)
    assert abs(chosen - position) <= (above - below) / 2 + 1e-9
