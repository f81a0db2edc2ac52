"""Cycles as partnerships write them: one cycle however it is spelt, in the order they ran."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s11schema._cycles import parse_cycle


@pytest.mark.parametrize(("text", "start", "end"), [
    ("2021", date(2021, 1, 1), date(2021, 12, 31)),
    ("2021/22", date(2021, 4, 1), date(2022, 3, 31)),
    ("2021-22", date(2021, 4, 1), date(2022, 3, 31)),
    ("2021/2022", date(2021, 4, 1), date(2022, 3, 31)),
    ("2019/20", date(2019, 4, 1), date(2020, 3, 31)),
    ("2021-09-01/2023-08-31", date(2021, 9, 1), date(2023, 8, 31)),
    ("2021-09-01 to 2023-08-31", date(2021, 9, 1), date(2023, 8, 31)),
])
def test_cycles_as_written(text: str, start: date, end: date) -> None:
    cycle = parse_cycle(text)
    assert cycle is not None
    assert (cycle.start, cycle.end, cycle.label) == (start, end, text)


@pytest.mark.parametrize("text", [
    "Autumn round", "", "Q3 2021/22", "2021-06", "2021-06-18", "2023-08-31/2021-09-01",
    "2021-02-30/2022-01-01", "1" * 50])
def test_not_cycles(text: str) -> None:
    """A quarter, a month or a day is not a cycle; a range must run forwards over real days."""
    assert parse_cycle(text) is None


@given(st.integers(min_value=1990, max_value=2150))
def test_spellings_of_a_financial_year_are_one_cycle(year: int) -> None:
    short = parse_cycle(f"{year}/{(year + 1) % 100:02d}")
    dashed = parse_cycle(f"{year}-{(year + 1) % 100:02d}")
    long = parse_cycle(f"{year}/{year + 1}")
    assert short is not None
    assert dashed is not None
    assert long is not None
    assert short.same_as(dashed)
    assert short.same_as(long)


@given(st.integers(min_value=1990, max_value=2150))
def test_cycles_sort_by_when_they_start(year: int) -> None:
    """2021 (calendar) < 2021/22 (from April) < 2022 < 2022/23, whatever the spelling."""
    texts = [f"{year + 1}-{(year + 2) % 100:02d}", f"{year}", f"{year + 1}", f"{year}/{year + 1}"]
    cycles = [parse_cycle(t) for t in texts]
    assert all(c is not None for c in cycles)
    ordered = sorted(c for c in cycles if c is not None)
    assert [c.label for c in ordered] == [f"{year}", f"{year}/{year + 1}", f"{year + 1}",
                                          f"{year + 1}-{(year + 2) % 100:02d}"]
