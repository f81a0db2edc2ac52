"""Tests for s11schema.timescales: written due dates become ranges, vague ones None."""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s11schema._timescales import EXAMPLES, REFUSED, Timescale, find_timescale, parse_timescale

AUDITED = date(2021, 8, 31)  # a month end, so month arithmetic has to clamp

ACCEPTED = [
    # ISO dates and months
    ("2022-03-31", date(2022, 3, 31), date(2022, 3, 31)),
    ("  2022-03-31  ", date(2022, 3, 31), date(2022, 3, 31)),
    ("by 2022-03-31", date(2022, 3, 31), date(2022, 3, 31)),
    ("2024-02-29", date(2024, 2, 29), date(2024, 2, 29)),
    ("2022-03", date(2022, 3, 1), date(2022, 3, 31)),
    ("2021-12", date(2021, 12, 1), date(2021, 12, 31)),
    ("by 2022-02", date(2022, 2, 1), date(2022, 2, 28)),
    # day-first numeric dates
    ("31/03/2022", date(2022, 3, 31), date(2022, 3, 31)),
    ("31-03-2022", date(2022, 3, 31), date(2022, 3, 31)),
    ("31.03.2022", date(2022, 3, 31), date(2022, 3, 31)),
    ("31.03.2022.", date(2022, 3, 31), date(2022, 3, 31)),
    ("1/4/2022", date(2022, 4, 1), date(2022, 4, 1)),
    ("31/03/22", date(2022, 3, 31), date(2022, 3, 31)),
    ("by 31/03/2022", date(2022, 3, 31), date(2022, 3, 31)),
    ("Before 31/03/2022", date(2022, 3, 31), date(2022, 3, 31)),
    ("DUE 31/03/2022", date(2022, 3, 31), date(2022, 3, 31)),
    ("\t31/03/2022\n", date(2022, 3, 31), date(2022, 3, 31)),
    ("\u00a031/03/2022\u00a0", date(2022, 3, 31), date(2022, 3, 31)),
    # written dates
    ("31 March 2022", date(2022, 3, 31), date(2022, 3, 31)),
    ("31st March 2022", date(2022, 3, 31), date(2022, 3, 31)),
    ("31ST MARCH 2022", date(2022, 3, 31), date(2022, 3, 31)),
    ("1 Apr 2022", date(2022, 4, 1), date(2022, 4, 1)),
    ("2nd of May 2022", date(2022, 5, 2), date(2022, 5, 2)),
    ("March 31 2022", date(2022, 3, 31), date(2022, 3, 31)),
    ("March 31, 2022", date(2022, 3, 31), date(2022, 3, 31)),
    ("march 31st, 2022.", date(2022, 3, 31), date(2022, 3, 31)),
    ("by the 31st March 2022", date(2022, 3, 31), date(2022, 3, 31)),
    ("31  March   2022", date(2022, 3, 31), date(2022, 3, 31)),
    # whole months
    ("March 2022", date(2022, 3, 1), date(2022, 3, 31)),
    ("Mar 2022", date(2022, 3, 1), date(2022, 3, 31)),
    ("Sept 2022", date(2022, 9, 1), date(2022, 9, 30)),
    ("sep 2022", date(2022, 9, 1), date(2022, 9, 30)),
    ("February 2024", date(2024, 2, 1), date(2024, 2, 29)),
    ("end of June 2021", date(2021, 6, 1), date(2021, 6, 30)),
    ("End Of June 2021.", date(2021, 6, 1), date(2021, 6, 30)),
    ("by end of June 2021", date(2021, 6, 1), date(2021, 6, 30)),
    ("by the end of June 2021", date(2021, 6, 1), date(2021, 6, 30)),
    ("by June 2021", date(2021, 6, 1), date(2021, 6, 30)),
    ("in June 2021", date(2021, 6, 1), date(2021, 6, 30)),
    ("during june 2021", date(2021, 6, 1), date(2021, 6, 30)),
    ("due by June 2021", date(2021, 6, 1), date(2021, 6, 30)),
    # financial years
    ("2021/22", date(2021, 4, 1), date(2022, 3, 31)),
    ("2021/2022", date(2021, 4, 1), date(2022, 3, 31)),
    ("2021-22", date(2021, 4, 1), date(2022, 3, 31)),
    ("2021-2022", date(2021, 4, 1), date(2022, 3, 31)),
    ("during 2021/22", date(2021, 4, 1), date(2022, 3, 31)),
    ("FY 2021/22", date(2021, 4, 1), date(2022, 3, 31)),
    ("fy2021/22", date(2021, 4, 1), date(2022, 3, 31)),
    ("FY 2011-12", date(2011, 4, 1), date(2012, 3, 31)),
    ("financial year 2021/22", date(2021, 4, 1), date(2022, 3, 31)),
    ("by the end of 2021/22", date(2021, 4, 1), date(2022, 3, 31)),
    ("By The End Of FY 2021/22.", date(2021, 4, 1), date(2022, 3, 31)),
    ("2099/00", date(2099, 4, 1), date(2100, 3, 31)),
    # financial quarters
    ("Q1 2021/22", date(2021, 4, 1), date(2021, 6, 30)),
    ("Q2 2021/22", date(2021, 7, 1), date(2021, 9, 30)),
    ("Q3 2021/22", date(2021, 10, 1), date(2021, 12, 31)),
    ("Q4 2021/22", date(2022, 1, 1), date(2022, 3, 31)),
    ("q3 2021-22", date(2021, 10, 1), date(2021, 12, 31)),
    ("Q3 2011-12", date(2011, 10, 1), date(2011, 12, 31)),
    ("quarter 3 2021/22", date(2021, 10, 1), date(2021, 12, 31)),
    ("Quarter 3 2021/2022", date(2021, 10, 1), date(2021, 12, 31)),
    ("end of Q4 2021/22", date(2022, 1, 1), date(2022, 3, 31)),
    ("by the end of Q2 FY 2021/22", date(2021, 7, 1), date(2021, 9, 30)),
    # seasons
    ("spring 2022", date(2022, 3, 1), date(2022, 5, 31)),
    ("summer 2022", date(2022, 6, 1), date(2022, 8, 31)),
    ("autumn 2021", date(2021, 9, 1), date(2021, 11, 30)),
    ("Fall 2021", date(2021, 9, 1), date(2021, 11, 30)),
    ("winter 2021", date(2021, 12, 1), date(2022, 2, 28)),
    ("winter 2023", date(2023, 12, 1), date(2024, 2, 29)),
    ("by summer 2022", date(2022, 6, 1), date(2022, 8, 31)),
    ("summer 2021/22", date(2021, 6, 1), date(2021, 8, 31)),
    ("autumn 2021/22", date(2021, 9, 1), date(2021, 11, 30)),
    ("Winter 2021/22", date(2021, 12, 1), date(2022, 2, 28)),
    ("winter 2021-22", date(2021, 12, 1), date(2022, 2, 28)),
    # parts of a year
    ("mid-2021", date(2021, 5, 1), date(2021, 8, 31)),
    ("mid 2021", date(2021, 5, 1), date(2021, 8, 31)),
    ("by mid-2021", date(2021, 5, 1), date(2021, 8, 31)),
    ("early 2022", date(2022, 1, 1), date(2022, 4, 30)),
    ("Early-2022", date(2022, 1, 1), date(2022, 4, 30)),
    ("late 2022", date(2022, 9, 1), date(2022, 12, 31)),
    ("end of 2021", date(2021, 10, 1), date(2021, 12, 31)),
    ("by the end of 2021", date(2021, 10, 1), date(2021, 12, 31)),
    ("by end of 2021", date(2021, 10, 1), date(2021, 12, 31)),
    ("end 2021", date(2021, 10, 1), date(2021, 12, 31)),
    ("2022", date(2022, 1, 1), date(2022, 12, 31)),
    ("during 2022", date(2022, 1, 1), date(2022, 12, 31)),
    ("in 2022.", date(2022, 1, 1), date(2022, 12, 31)),
    # year bounds
    ("1900", date(1900, 1, 1), date(1900, 12, 31)),
    ("2199", date(2199, 1, 1), date(2199, 12, 31)),
    ("01/01/1900", date(1900, 1, 1), date(1900, 1, 1)),
    ("31 December 2199", date(2199, 12, 31), date(2199, 12, 31)),
]

REFUSED_TEXTS = [
    "ongoing", "on-going", "Ongoing.", "TBC", "TBA", "tbd", "asap", "ASAP",
    "as soon as possible", "immediately", "immediate", "continuous", "annually", "yearly",
    "monthly", "quarterly", "n/a", "N/A", "-", "", " ", ".", "soon", "next year", "next month",
    # ambiguous or impossible
    "Q3 2021", "q3", "Q5 2021/22", "03/04", "2021/23", "2021/2023", "2021-23", "2011-12",
    "2000-01", "32/01/2022", "31/02/2022", "29/02/2023", "2022-02-30", "2022-13", "00/01/2022",
    "spring 2021/22", "spring 2021-22", "autumn 2021/23", "March 32 2022", "31 Marchy 2022",
    "31/03-2022", "31/03/202", "2022/03/31", "03/2022", "21/22",
    # leading words that change the meaning, and trailing text
    "by 2022", "before 2022", "before June 2021", "end of 31/03/2022", "in 31/03/2022",
    "end of mid-2021", "2022..", "2022 onwards", "by June 2021 at the latest", "June",
    # years out of range
    "1899", "2200", "31/12/1899", "01/01/2200", "Dec 1899", "2199/00", "winter 2199",
    "Q4 2199/00", "0001-01-01", "9999-12-31",
    # look-alike digits and control characters
    "\u0662\u0660\u0662\u0662", "\u0662\u0660\u0662\u0662-\u0660\u0663-\u0663\u0661",
    "\uff12\uff10\uff12\uff12-03-31", "2022-03-3\u0661", "31/03/\uff12\uff10\uff12\uff12",
    "March \uff12\uff10\uff12\uff12", "2022\x00", "\x002022-03-31", "31/03/2022\x1f",
    "31\nMarch 2022", "\u0399n 2022", "31\u00a0\u0301March 2022",
    # long input
    "2022 " * 20, "x" * 100_000, "31/03/2022" + " and" * 50,
]

RELATIVE = [
    ("within 6 months", date(2022, 2, 28)),
    ("Within 6 Months.", date(2022, 2, 28)),
    ("within 3 weeks", date(2021, 9, 21)),
    ("within 30 days", date(2021, 9, 30)),
    ("within a year", date(2022, 8, 31)),
    ("within one month", date(2021, 9, 30)),
    ("within six months", date(2022, 2, 28)),
    ("within the next 3 months", date(2021, 11, 30)),
    ("in 6 months", date(2022, 2, 28)),
    ("6 months", date(2022, 2, 28)),
    ("1 month", date(2021, 9, 30)),
    ("next 3 months", date(2021, 11, 30)),
    ("due within 2 years", date(2023, 8, 31)),
    ("within 1 day", date(2021, 9, 1)),
]

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
QUARTER_MONTHS = {1: (0, 4, 6), 2: (0, 7, 9), 3: (0, 10, 12), 4: (1, 1, 3)}  # (+year, from, to)
SEASON_MONTHS = {  # (+year to the first month, first month, +year to the last, last month)
    "spring": (0, 3, 0, 5), "summer": (0, 6, 0, 8), "autumn": (0, 9, 0, 11),
    "fall": (0, 9, 0, 11), "winter": (0, 12, 1, 2),
}
PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}

DATE_LEADS = ("", "by ", "by the ", "before ", "due ", "due by ")
PERIOD_LEADS = (
    "", "by ", "in ", "during ", "end of ", "end ", "by end of ", "by the end of ", "due ",
    "due by ", "due in ",
)
PART_LEADS = ("", "by ", "in ", "during ", "due ")
YEAR_LEADS = ("", "in ", "during ", "due ")
YEAR_END_LEADS = ("", "due ")
CASINGS: tuple[Callable[[str], str], ...] = (str.lower, str.upper, str.title, lambda text: text)


class Case(NamedTuple):
    """A rendered timescale, the range it must parse to, and leading words that keep it."""

    text: str
    start: date
    end: date
    leads: tuple[str, ...]


def last_day(year: int, month: int) -> date:
    """The last day of a month, from the standard library rather than the module under test."""
    return date(year, month, calendar.monthrange(year, month)[1])


def months_later(start: date, count: int) -> date:
    """Step month by month, then clamp the day, as a person counting on a calendar would."""
    year, month = start.year, start.month
    for _ in range(count):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def financial_year_text(draw: st.DrawFn, first: int) -> str:
    """Any spelling of a financial year that cannot be mistaken for a month."""
    second = first + 1
    spellings = [f"{first}/{second % 100:02d}", f"{first}/{second}", f"{first}-{second}"]
    if second % 100 > 12:
        spellings.append(f"{first}-{second % 100:02d}")
    prefix = draw(st.sampled_from(("", "FY ", "fy", "financial year ")))
    return prefix + draw(st.sampled_from(spellings))


def month_word(draw: st.DrawFn, month: int) -> str:
    """A month's full name, its three-letter abbreviation, or "Sept"."""
    name = MONTH_NAMES[month - 1]
    words = [name, name[:3]]
    if month == 9:
        words.append("Sept")
    return draw(st.sampled_from(words))


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))
years = st.integers(min_value=1900, max_value=2199)
financial_years = st.integers(min_value=1900, max_value=2198)


@st.composite
def iso_dates(draw: st.DrawFn) -> Case:
    """An ISO date."""
    day = draw(days)
    return Case(day.isoformat(), day, day, DATE_LEADS)


@st.composite
def day_first_dates(draw: st.DrawFn) -> Case:
    """A numeric day-first date, padded or not, with a four- or two-digit year."""
    day = draw(days)
    sep = draw(st.sampled_from("/-."))
    dd = draw(st.sampled_from((str(day.day), f"{day.day:02d}")))
    mm = draw(st.sampled_from((str(day.month), f"{day.month:02d}")))
    short = 2000 <= day.year <= 2099 and draw(st.booleans())
    yy = f"{day.year % 100:02d}" if short else str(day.year)
    return Case(f"{dd}{sep}{mm}{sep}{yy}", day, day, DATE_LEADS)


@st.composite
def written_dates(draw: st.DrawFn) -> Case:
    """A date with the month as a word, day first or month first."""
    day = draw(days)
    number = str(day.day) + draw(st.sampled_from(("", "st", "nd", "rd", "th")))
    month = month_word(draw, day.month)
    if draw(st.booleans()):
        text = f"{number} {month} {day.year}"
    else:
        text = f"{month} {number}{draw(st.sampled_from(('', ',')))} {day.year}"
    return Case(text, day, day, DATE_LEADS)


@st.composite
def months(draw: st.DrawFn) -> Case:
    """A month by name, or in ISO form where that cannot be read as a financial year."""
    year, month = draw(years), draw(st.integers(min_value=1, max_value=12))
    text = f"{month_word(draw, month)} {year}"
    if month != (year + 1) % 100 and draw(st.booleans()):
        text = f"{year}-{month:02d}"
    return Case(text, date(year, month, 1), last_day(year, month), PERIOD_LEADS)


@st.composite
def financial_years_cases(draw: st.DrawFn) -> Case:
    """A financial year, April to March."""
    first = draw(financial_years)
    text = financial_year_text(draw, first)
    return Case(text, date(first, 4, 1), date(first + 1, 3, 31), PERIOD_LEADS)


@st.composite
def quarters(draw: st.DrawFn) -> Case:
    """A financial quarter, written Q3 or quarter 3."""
    first, quarter = draw(financial_years), draw(st.integers(min_value=1, max_value=4))
    label = draw(st.sampled_from((f"Q{quarter}", f"q{quarter}", f"quarter {quarter}")))
    plus, first_month, last_month = QUARTER_MONTHS[quarter]
    year = first + plus
    text = f"{label} {financial_year_text(draw, first)}"
    return Case(text, date(year, first_month, 1), last_day(year, last_month), PERIOD_LEADS)


@st.composite
def seasons(draw: st.DrawFn) -> Case:
    """A season of a calendar year or, except spring, of a financial year."""
    season = draw(st.sampled_from(sorted(SEASON_MONTHS)))
    year = draw(financial_years)
    if season != "spring" and draw(st.booleans()):
        text = f"{season} {financial_year_text(draw, year)}"
    else:
        text = f"{season} {year}"
    plus_first, first_month, plus_last, last_month = SEASON_MONTHS[season]
    start = date(year + plus_first, first_month, 1)
    return Case(text, start, last_day(year + plus_last, last_month), PERIOD_LEADS)


@st.composite
def parts_of_years(draw: st.DrawFn) -> Case:
    """Early, mid or late in a year, the end of a year, or a whole year."""
    year, part = draw(years), draw(st.sampled_from((*sorted(PART_MONTHS), "end", "year")))
    if part == "end":
        text = draw(st.sampled_from(("end of", "by end of", "by the end of", "end")))
        return Case(f"{text} {year}", date(year, 10, 1), date(year, 12, 31), YEAR_END_LEADS)
    if part == "year":
        return Case(str(year), date(year, 1, 1), date(year, 12, 31), YEAR_LEADS)
    first_month, last_month = PART_MONTHS[part]
    text = f"{part}{draw(st.sampled_from('- '))}{year}"
    return Case(text, date(year, first_month, 1), last_day(year, last_month), PART_LEADS)


cases = st.one_of(
    iso_dates(), day_first_dates(), written_dates(), months(), financial_years_cases(),
    quarters(), seasons(), parts_of_years(),
)

FUZZ_TOKENS = (
    "by", "the", "end", "of", "due", "in", "during", "before", "within", "next", "q3", "Q4",
    "quarter", "3", "fy", "2021/22", "2021-22", "2011-12", "2021/23", "march", "Sept", "31st",
    "31/03/2022", "32/01/2022", "29/02/2023", "mid-2021", "spring", "winter", "autumn", "6",
    "a", "months", "year", "weeks", "2021", "2199", "1900", "2200", "0", "999", ",", ".", "-",
    "/", "\u0663", "\uff12", "\u00a0", "\t", "\x00",
)
fuzz_texts = st.lists(st.sampled_from(FUZZ_TOKENS), max_size=7).map(" ".join)


@pytest.mark.parametrize(("text", "start", "end"), ACCEPTED)
def test_accepted_text_gives_its_range(text: str, start: date, end: date) -> None:
    """Each accepted form parses to exactly the range it names."""
    assert parse_timescale(text) == Timescale(start, end)


@pytest.mark.parametrize("text", REFUSED_TEXTS)
def test_vague_ambiguous_or_invalid_text_is_refused(text: str) -> None:
    """Vague, ambiguous, impossible or out-of-range timescales give None, even with `after`."""
    assert parse_timescale(text) is None
    assert parse_timescale(text, after=AUDITED) is None


@pytest.mark.parametrize(("text", "end"), RELATIVE)
def test_relative_phrase_runs_from_after(text: str, end: date) -> None:
    """A relative phrase runs from the audit date by calendar, clamping to the month's end."""
    assert parse_timescale(text, after=AUDITED) == Timescale(AUDITED, end)


@pytest.mark.parametrize("text", [text for text, _ in RELATIVE])
def test_relative_phrase_without_after_is_refused(text: str) -> None:
    """Without the audit date a relative phrase has no due date, so it is refused."""
    assert parse_timescale(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "within 0 days", "within 999 years", "next year", "within months", "within 6",
        "within 3 wee\u212as",  # the Kelvin sign lower-cases to an ASCII "k"
        "within \u0663 weeks",
    ],
)
def test_unusable_relative_phrase_is_refused(text: str) -> None:
    """Zero, out-of-range, countless or look-alike periods are refused even with the audit date."""
    assert parse_timescale(text, after=AUDITED) is None


@pytest.mark.parametrize("after", [date(1899, 12, 31), date(2199, 12, 1), date.max])
def test_relative_phrase_outside_year_range_is_refused(after: date) -> None:
    """A relative due date outside 1900-2199 is refused, never an overflow."""
    assert parse_timescale("within 2 months", after=after) is None


@pytest.mark.parametrize(("text", "start", "end"), ACCEPTED)
def test_after_does_not_change_absolute_text(text: str, start: date, end: date) -> None:
    """The audit date only anchors relative phrases, so absolute ones ignore it."""
    assert parse_timescale(text, after=AUDITED) == Timescale(start, end)


@pytest.mark.parametrize("text", EXAMPLES)
def test_documented_examples_are_accepted(text: str) -> None:
    """Every phrase the documentation shows as accepted really is accepted."""
    assert parse_timescale(text, after=AUDITED) is not None


@pytest.mark.parametrize("text", REFUSED)
def test_documented_refusals_are_refused(text: str) -> None:
    """Every phrase the documentation shows as refused really is refused."""
    assert parse_timescale(text, after=AUDITED) is None


def test_surrounding_whitespace_does_not_count_towards_length() -> None:
    """Padding, however long, is stripped before the length limit that refuses paragraphs."""
    padded = " " * 10_000 + "by end of June 2021 ." + "\n" * 10_000
    assert parse_timescale(padded) == Timescale(date(2021, 6, 1), date(2021, 6, 30))


def test_timescale_is_immutable() -> None:
    """A parsed range cannot be altered after the fact by whoever holds it."""
    scale = Timescale(date(2022, 1, 1), date(2022, 1, 31))
    with pytest.raises(dataclasses.FrozenInstanceError):
        scale.end = date(2023, 1, 1)  # type: ignore[misc]


@given(cases, st.sampled_from(CASINGS))
def test_rendered_timescale_round_trips(case: Case, spell: Callable[[str], str]) -> None:
    """Any accepted form, in any case, parses to the range computed independently here."""
    assert parse_timescale(spell(case.text)) == Timescale(case.start, case.end)


@given(cases, st.data())
def test_end_is_the_due_date_whatever_the_wording(case: Case, data: st.DataObject) -> None:
    """Leading words, padding and a full stop never move the due date or invert the range."""
    lead = data.draw(st.sampled_from(case.leads))
    padding = data.draw(st.sampled_from(("", " ", "\t", "  \n")))
    stop = data.draw(st.sampled_from(("", ".")))
    parsed = parse_timescale(f"{padding}{lead}{case.text}{stop}{padding}")
    assert parsed is not None
    assert parsed.end == case.end
    assert parsed.start <= parsed.end
    assert parsed == parse_timescale(case.text)


@given(days, st.integers(min_value=1, max_value=120), st.sampled_from(("month", "year")))
def test_relative_months_and_years_count_calendar_months(
    after: date, count: int, unit: str
) -> None:
    """Months and years are added by calendar, clamping the day, from the audit date."""
    months_count = count * (12 if unit == "year" else 1)
    expected_end = months_later(after, months_count)
    parsed = parse_timescale(f"within {count} {unit}s", after=after)
    if expected_end.year > 2199:
        assert parsed is None
    else:
        assert parsed == Timescale(after, expected_end)


@given(days, st.integers(min_value=1, max_value=999), st.sampled_from(("day", "week")))
def test_relative_days_and_weeks_count_days(after: date, count: int, unit: str) -> None:
    """Days and weeks are added as days from the audit date."""
    expected_end = after + timedelta(days=count * (7 if unit == "week" else 1))
    parsed = parse_timescale(f"in {count} {unit}s", after=after)
    if expected_end.year > 2199:
        assert parsed is None
    else:
        assert parsed == Timescale(after, expected_end)


@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    """Any string gives None or a range that does not end before it starts."""
    parsed = parse_timescale(text)
    assert parsed is None or parsed.start <= parsed.end


@given(fuzz_texts, st.one_of(st.none(), days))
def test_near_miss_text_gives_an_ordered_range_or_none(text: str, after: date | None) -> None:
    """Plausible jumbles of timescale words never raise and never give an inverted range."""
    parsed = parse_timescale(text, after=after)
    assert parsed is None or parsed.start <= parsed.end


@given(fuzz_texts, days)
def test_after_only_matters_to_relative_phrases(text: str, after: date) -> None:
    """Text accepted without the audit date means the same with it."""
    parsed = parse_timescale(text)
    if parsed is not None:
        assert parse_timescale(text, after=after) == parsed


# ------------------------------------------------------------ timescales in action text

_WORDS = ["to", "be", "undertaken", "during", "by", "end", "within", "6", "months", "2021/22",
          "Q3", "march", "2026", "the", "staff", "95%", "of", "2023-24", "weeks", "12",
          "2025-09-30", "spring", "year", "next", "april"]


def _reference(text: str, after: date | None) -> Timescale | None:
    """The rule as the docstring states it, without the shortcuts: every run of up to six
    words, longest first at each place, read by parse_timescale; the latest wins."""
    words = re.findall(r"[a-z0-9/.-]+|[^a-z0-9/.\s-]", text[:2000].lower())
    found, start = [], 0
    while start < len(words):
        for length in range(min(6, len(words) - start), 0, -1):
            timescale = parse_timescale(" ".join(words[start:start + length]).rstrip(".,;:"),
                                        after=after)
            if timescale is not None:
                found.append(timescale)
                start += length
                break
        else:
            start += 1
    return max(found, key=lambda t: t.end) if found else None


@given(st.lists(st.sampled_from(_WORDS), max_size=30),
       st.none() | st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)))
def test_find_timescale_reads_what_parse_timescale_reads(words: list[str],
                                                         after: date | None) -> None:
    """The cached, digit-guided search finds what trying every phrase finds, for any
    completion date (the cache is keyed by the text alone)."""
    text = " ".join(words)
    assert find_timescale(text, after=after) == _reference(text, after)


def test_a_relative_phrase_counts_from_each_audits_own_date() -> None:
    text = "Train all managers within 6 months"
    first = find_timescale(text, after=date(2021, 6, 18))
    second = find_timescale(text, after=date(2023, 1, 10))
    assert first is not None
    assert second is not None
    assert first.end < second.end
    assert find_timescale(text) is None
