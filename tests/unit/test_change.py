"""Change between cycles, on the bundled examples' two cycles (previous-cycle.json, 2023/24,
and final.json, 2025/26, one organisation per template).

The expected figures are worked out by hand from the ratings the example files change
and the positions of the scales (written beside each), not taken from the code.
"""

from __future__ import annotations

import copy
import io
import json
from datetime import date

import pytest

from s11schema import compare
from s11schema._change import Change, compare_cycles, direction_of
from s11schema._cli import main
from s11schema._collect import collect
from s11schema._compare import By, GroupBy

from ..conftest import EXAMPLES

TODAY = date(2026, 1, 1)
BOTH = sorted([*EXAMPLES.glob("*/previous-cycle.json"), *EXAMPLES.glob("*/final.json")])
THIRD = 1 / 3


def _cycles(by: By = "domain",
            group_by: GroupBy | None = "organisation") -> dict[tuple[str | None, str], Change]:
    result = compare_cycles(BOTH, since="2023/24", until="2025/26", by=by, group_by=group_by,
                            today=TODAY)
    return {(row.group, row.key): row for row in result.rows}


@pytest.mark.parametrize(("organisation", "domain", "before", "after", "direction"), [
    # Buckinghamshire, BRAG (red 0, amber 1/3, green 2/3, blue 1): training is standard 4
    # alone, red then amber; senior leadership is standard 1 alone, blue then green.
    ("Example Valley Youth Trust", "training", 0.0, THIRD, "improved"),
    ("Example Valley Youth Trust", "senior-lead", 1.0, 2 * THIRD, "worse"),
    # Nottinghamshire, RAG: safer recruitment is 3.3 (amber, then green) and 3.4 (green).
    ("Example Community Health Trust", "safer-recruitment", 0.5, 2 * THIRD, "improved"),
    # Accountability is 1.1, 1.2, 1.3, 3.4 and 9.2: 1.2 went amber to green, 9.2 green to
    # amber, the rest stayed green: (4 x 2/3 + 1/3) / 5 both times.
    ("Example Community Health Trust", "accountability", 0.6, 0.6, "same"),
    # Lambeth 1 to 5 (1 at 0, 2 at 1/3): training is standard 4, 1 then 2.
    ("Example Youth Offending Service", "training", 0.0, THIRD, "improved"),
    # South Gloucestershire, 0 to 3 (1 at 1/3, 2 at 2/3): accountability is 4 (1, then 2)
    # and 10 (2 both times).
    ("Example Community Health Service", "accountability", 0.5, 2 * THIRD, "improved"),
])
def test_change_per_organisation_and_domain(organisation: str, domain: str, before: float,
                                            after: float, direction: str) -> None:
    row = _cycles()[(organisation, domain)]
    assert (row.before, row.after) == pytest.approx((before, after))
    assert row.direction == direction
    assert row.organisations == 1


def test_change_over_all_organisations() -> None:
    """Training, over the four organisations: Buckinghamshire and Lambeth 0 to 1/3;
    Nottinghamshire 4.1 green and 4.2 amber both times (1/2); South Gloucestershire 11 went
    0 to 1 and 16 went 2 to 1, with 15 and 17 at 2: 1/2 both times."""
    row = _cycles(group_by=None)[(None, "training")]
    assert row.organisations == 4
    assert row.before == pytest.approx((0 + 0 + 0.5 + 0.5) / 4)
    assert row.after == pytest.approx((THIRD + THIRD + 0.5 + 0.5) / 4)
    assert (row.improved, row.same, row.worse) == (2, 2, 0)


def test_change_by_standard_names_each_rating_that_moved() -> None:
    """By standard, the standards whose rating the example files change, and no others."""
    moved = {(row.group, row.key): row.direction for row in _cycles(by="standard").values()
             if row.direction != "same"}
    assert moved == {
        ("Example Community Health Trust", "1.2"): "improved",
        ("Example Community Health Trust", "3.3"): "improved",
        ("Example Community Health Trust", "6.4"): "improved",
        ("Example Community Health Trust", "9.2"): "worse",
        ("Example Valley Youth Trust", "1"): "worse",
        ("Example Valley Youth Trust", "3"): "improved",
        ("Example Valley Youth Trust", "4"): "improved",
        ("Example Valley Youth Trust", "5"): "improved",
        ("Example Youth Offending Service", "1"): "improved",
        ("Example Youth Offending Service", "2"): "worse",
        ("Example Youth Offending Service", "4"): "improved",
        ("Example Youth Offending Service", "7"): "improved",
        ("Example Community Health Service", "4"): "improved",
        ("Example Community Health Service", "11"): "improved",
        ("Example Community Health Service", "16"): "worse",
    }


def test_organisations_in_only_one_cycle_are_named() -> None:
    rushcliffe = EXAMPLES / "nottinghamshire-2021" / "rushcliffe-2021.json"
    lambeth = json.loads((EXAMPLES / "lambeth" / "final.json").read_text(encoding="utf-8"))
    newcomer = copy.deepcopy(lambeth)
    newcomer["organisation"]["name"] = "Example New Service"
    result = compare_cycles([*BOTH, rushcliffe, newcomer], since="2023/24", until="2025/26",
                            today=TODAY)
    assert result.only_after == ("Example New Service",)
    assert result.only_before == ()
    assert len(result.before) == 4  # Rushcliffe's 2021 return is in neither cycle


def test_direction_ignores_float_noise() -> None:
    assert direction_of(2 / 3 - (1 / 3 + 1 / 3)) == "same"
    assert direction_of(1e-6) == "improved"
    assert direction_of(-1e-6) == "worse"


# ---------------------------------------------------------------- one return per cycle


def test_a_later_return_supersedes_the_earlier_one() -> None:
    """By default each organisation's latest return is compared; the earlier one is left out
    naming its successor, never averaged with it."""
    found = collect(BOTH, today=TODAY)
    assert len(found.included) == 4
    assert all(a.cycle == "2025/26" for a in found.included)
    superseded = [e for e in found.excluded if e.kind == "superseded"]
    assert len(superseded) == 4
    for item in superseded:
        assert item.file.endswith("previous-cycle.json")
        assert "final.json" in item.reason
        assert "cycle 2025/26" in item.reason
    by_organisation = compare(BOTH, group_by="organisation", today=TODAY)
    alone = compare(sorted(EXAMPLES.glob("*/final.json")), group_by="organisation", today=TODAY)
    assert by_organisation.to_rows() == alone.to_rows()


def test_of_two_returns_on_the_same_date_the_one_given_later_counts() -> None:
    """A resubmission dated as the first: the return given later replaces the other."""
    first = json.loads((EXAMPLES / "lambeth" / "final.json").read_text("utf-8"))
    second = copy.deepcopy(first)
    second["responses"]["1"]["rating"] = "1" if first["responses"]["1"]["rating"] != "1" else "5"
    for given in ([first, second], [second, first]):
        found = collect(given, today=TODAY)
        assert [a.scores[0].rating for a in found.included] == [given[1]["responses"]["1"]
                                                                 ["rating"]]
        assert [e.kind for e in found.excluded] == ["superseded"]


def test_one_cycle_asked_for() -> None:
    found = collect(BOTH, today=TODAY, cycles=["2023-24"])
    assert sorted(a.file or "" for a in found.included) == sorted(
        str(p) for p in EXAMPLES.glob("*/previous-cycle.json"))


def test_the_same_organisation_to_two_partnerships_counts_once_in_each() -> None:
    """A health trust returning to two partnerships is compared in both; two returns to one
    partnership in the same cycle count once (the later)."""
    notts = json.loads((EXAMPLES / "nottinghamshire-2021" / "final.json")
                       .read_text(encoding="utf-8"))
    bucks = json.loads((EXAMPLES / "buckinghamshire-2016" / "final.json")
                       .read_text(encoding="utf-8"))
    bucks["organisation"]["name"] = notts["organisation"]["name"]
    resubmitted = copy.deepcopy(notts)
    resubmitted["completed_on"] = "2025-12-01"
    found = collect([notts, bucks, resubmitted], today=TODAY)
    assert [(a.partnership, a.completed_on) for a in found.included] == [
        ("Buckinghamshire Safeguarding Children Board", date(2025, 9, 15)),
        ("Nottinghamshire and Nottingham City Safeguarding Children Partnerships",
         date(2025, 12, 1))]
    assert [e.kind for e in found.excluded] == ["superseded"]


# ------------------------------------------------------------------------------ CLI


def test_compare_cycles_keeps_each_cycles_returns_stored() -> None:
    """The returns of both cycles are read when taken, not all held (flat memory)."""
    from s11schema._store import StoredAudits

    result = compare_cycles(BOTH, since="2023/24", until="2025/26", today=TODAY)
    assert isinstance(result.before, StoredAudits)
    assert isinstance(result.after, StoredAudits)
    assert {a.organisation for a in result.before} == {a.organisation for a in result.after}


def test_compare_cycles_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    code = main(["compare", *map(str, BOTH), "--cycles", "2023/24", "2025/26", "--format",
                 "json", "--today", TODAY.isoformat()], out=out)
    assert code == 0, capsys.readouterr().err
    document = json.loads(out.getvalue())
    training = next(r for r in document["rows"] if r["key"] == "training")
    assert (training["improved"], training["same"], training["worse"]) == (2, 2, 0)
    assert "4 returns in 2023/24, 4 in 2025/26" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--cycles", "2023/24", "Autumn"], ["--cycle", "Q3"]])
def test_a_cycle_that_is_not_one_is_a_usage_error(argv: list[str],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["compare", str(EXAMPLES), *argv])
    assert stop.value.code == 2
    assert "is not a cycle" in capsys.readouterr().err
