"""Audit cycles: the year, financial year or date range a return belongs to, in order.

Section 11 runs every year or two, and partnerships name the cycle as their
documents do: "2021", "2019/20", "2021-22", or a range of dates. Each is read
as the days it covers, so "2021/22" and "2021-22" are one cycle and cycles sort
by when they start, whatever the spelling.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from ._findings import code
from ._plain import iso_date
from ._timescales import parse_timescale

__all__ = ["CYCLE_INVALID", "Cycle", "cycle_named", "parse_cycle"]

_DAY = r"(\d{4}-\d{2}-\d{2})"
_RANGE = re.compile(rf"^\s*{_DAY}\s*(?:/|to|\u2013|-{{1,2}})\s*{_DAY}\s*$")
CYCLE_INVALID = code(
    "cycle-invalid", "error", "templates, audits",
    "`cycle` is not a year, a financial year or a range of dates.",
    "t.yaml:5:8: error cycle-invalid: 'Autumn' is not a cycle (write a year (2021), a "
    "financial year (2021/22) or dates (2021-04-01/2022-03-31))")
#: "2021-22": a financial year, even where it could be read as a month ("2000-01").
_DASHED_YEARS = re.compile(r"^\s*(\d{4})-(\d{2})\s*$")
#: What a cycle may be written as, for messages.
CYCLE_FORMS = "a year (2021), a financial year (2021/22) or dates (2021-04-01/2022-03-31)"


@dataclass(frozen=True, slots=True, order=True)
class Cycle:
    """One audit cycle: the days it covers, and its name as written (sorted by start)."""

    start: date
    end: date
    label: str

    def same_as(self, other: Cycle) -> bool:
        """The same days, however each is written."""
        return (self.start, self.end) == (other.start, other.end)


@functools.lru_cache(maxsize=256)
def parse_cycle(text: str) -> Cycle | None:
    """The cycle `text` names, or None: a year, a financial year, or a range of two dates.

    A single day or a quarter is not a cycle: audits run over a year or more.
    """
    if len(text) > 40:
        return None
    label = " ".join(text.split())
    match = _RANGE.match(text)
    if match:
        start, end = iso_date(match[1]), iso_date(match[2])
        if start is None or end is None or end < start:
            return None
        return Cycle(start, end, label)
    dashed = _DASHED_YEARS.match(text)
    if dashed and int(dashed[2]) == (int(dashed[1]) + 1) % 100:  # "2000-01": not January
        first = int(dashed[1])
        return Cycle(date(first, 4, 1), date(first + 1, 3, 31), label)
    period = parse_timescale(text)
    if period is None or (period.end - period.start).days < 300:
        return None
    return Cycle(period.start, period.end, label)


def cycle_named(text: str) -> Cycle:
    """The cycle a person asked for (`--cycle 2021/22`); ValueError saying what a cycle is
    written as, if `text` is none."""
    cycle = parse_cycle(text)
    if cycle is None:
        raise ValueError(f"{text!r} is not a cycle (write {CYCLE_FORMS})")
    return cycle
