"""Due dates for improvement actions, read the way partnerships write them.

Checks need a date, but action plans say "31/03/2022", "Q3 2021/22" or "within 6
months", so each accepted form becomes a `Timescale` whose `end` is the due date.
Vague ("ongoing") or ambiguous ("Q3 2021": calendar or financial?) text gives None
rather than a guess, so a check can ask the author instead of inventing a deadline.
Financial years run April to March and numeric dates are day-first, as in England.
"""

from __future__ import annotations

import functools
import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeAlias

__all__ = ["EXAMPLES", "REFUSED", "Timescale", "add_months", "find_timescale",
           "parse_timescale"]


@dataclass(frozen=True, slots=True)
class Timescale:
    """A period of time an action is due in; `end` is the due date."""

    start: date
    end: date


EXAMPLES: tuple[str, ...] = (
    "2022-03-31", "31/03/2022", "31st March 2022", "March 31, 2022", "end of June 2021",
    "2021/22", "Q3 2021/22", "autumn 2021", "mid-2021", "by the end of 2021", "by end 2026",
    "2022", "within 6 months",
)
REFUSED: tuple[str, ...] = (
    "ongoing", "TBC", "asap", "as soon as possible", "immediately", "annually", "n/a",
    "next year", "Q3 2021", "03/04", "2021/23", "31/02/2022", "spring 2021/22",
)

_MIN_YEAR, _MAX_YEAR = 1900, 2199
_MAX_LENGTH = 64  # longer than any real timescale, so pasted paragraphs are refused cheaply
_WHITESPACE = " \t\r\n\f\v\u00a0"

_MONTHS = {
    name: number
    for number, names in enumerate(
        ("january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
         "august aug", "september sept sep", "october oct", "november nov", "december dec"),
        start=1,
    )
    for name in names.split()
}
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month
_PARTS = {"early": (1, 4), "mid": (5, 4), "late": (9, 4)}  # (first month, number of months)
_WORD_COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_UNIT_DAYS = {"day": 1, "week": 7}
_UNIT_MONTHS = {"month": 1, "year": 12}


def _day(year: int, month: int, day: int) -> Timescale | None:
    """A single day is its own range; impossible days (31/02) are refused, not rolled over."""
    if not (_MIN_YEAR <= year <= _MAX_YEAR and 1 <= month <= 12):
        return None
    if not 1 <= day <= monthrange(year, month)[1]:
        return None
    due = date(year, month, day)
    return Timescale(due, due)


def _months(year: int, month: int, count: int) -> Timescale | None:
    """Whole months, due on the last day; `month` 13 is January of the next year (Q4)."""
    first_year, first_month = divmod(year * 12 + month - 1, 12)
    last_year, last_month = divmod(year * 12 + month - 1 + count - 1, 12)
    if first_year < _MIN_YEAR or last_year > _MAX_YEAR:
        return None
    last_day = monthrange(last_year, last_month + 1)[1]
    start = date(first_year, first_month + 1, 1)
    return Timescale(start, date(last_year, last_month + 1, last_day))


def add_months(start: date, count: int) -> date | None:
    """Calendar months, clamping the day: a month after 31 January is 28 or 29 February.

    None where the result would fall outside the years any date is read in.
    """
    year, month = divmod(start.year * 12 + start.month - 1 + count, 12)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    return date(year, month + 1, min(start.day, monthrange(year, month + 1)[1]))


def _first_financial_year(match: re.Match[str]) -> int | None:
    """A non-consecutive pair (2021/23) is a typo or a two-year span: no single due date."""
    first, second = int(match["first"]), match["second"]
    following = first + 1 if len(second) == 4 else (first + 1) % 100
    return first if int(second) == following else None


_Converter: TypeAlias = Callable[[re.Match[str], date | None], Timescale | None]


def _numeric_date(match: re.Match[str], after: date | None) -> Timescale | None:
    """Two-digit years are this century: Section 11 of the Children Act dates from 2004."""
    year = int(match["year"]) + (2000 if len(match["year"]) == 2 else 0)
    return _day(year, int(match["month"]), int(match["day"]))


def _written_date(match: re.Match[str], after: date | None) -> Timescale | None:
    """Either order is safe here, because the month is a word."""
    return _day(int(match["year"]), _MONTHS[match["month"]], int(match["day"]))


def _named_month(match: re.Match[str], after: date | None) -> Timescale | None:
    """With or without "end of", a month is due on its last day, so both are the month."""
    return _months(int(match["year"]), _MONTHS[match["month"]], 1)


def _month_or_financial_year(match: re.Match[str], after: date | None) -> Timescale | None:
    """A financial year (2021-22) or an ISO month (2021-12); 2011-12 could be either."""
    year, two = int(match["year"]), int(match["two"])
    financial, month = two == (year + 1) % 100, 1 <= two <= 12
    if financial and month:
        return None
    if financial:
        return _months(year, 4, 12)
    return _months(year, two, 1) if month else None


def _financial_year(match: re.Match[str], after: date | None) -> Timescale | None:
    """Budgets and plans run April to March, so "2021/22" ends on 31 March 2022."""
    first = _first_financial_year(match)
    return None if first is None else _months(first, 4, 12)


def _quarter(match: re.Match[str], after: date | None) -> Timescale | None:
    """Financial quarters: Q1 is April to June, Q4 is January to March of the second year."""
    first = _first_financial_year(match)
    return None if first is None else _months(first, 4 + 3 * (int(match["quarter"]) - 1), 3)


def _season(match: re.Match[str], after: date | None) -> Timescale | None:
    """Spring (March to May) straddles a financial year's start, so with one it is ambiguous."""
    start = _SEASONS[match["season"]]
    if match["year"] is not None:
        return _months(int(match["year"]), start, 3)
    first = _first_financial_year(match)
    if first is None or start == _SEASONS["spring"]:
        return None
    return _months(first, start, 3)


def _part_of_year(match: re.Match[str], after: date | None) -> Timescale | None:
    """Thirds of a year: early, mid and late are four months each."""
    start, count = _PARTS[match["part"]]
    return _months(int(match["year"]), start, count)


def _end_of_year(match: re.Match[str], after: date | None) -> Timescale | None:
    """Due on 31 December; the last quarter is the period in which the work lands."""
    return _months(int(match["year"]), 10, 3)


def _calendar_year(match: re.Match[str], after: date | None) -> Timescale | None:
    """A bare year has no financial-year marker, so it is the calendar year."""
    return _months(int(match["year"]), 1, 12)


def _relative(match: re.Match[str], after: date | None) -> Timescale | None:
    """A period from no particular day has no due date, so it needs the audit's date."""
    if after is None or not _MIN_YEAR <= after.year <= _MAX_YEAR:
        return None
    raw, unit = match["count"], match["unit"]
    count = _WORD_COUNTS[raw] if raw in _WORD_COUNTS else int(raw)
    if count == 0:
        return None
    end: date | None
    if unit in _UNIT_DAYS:  # at most 999 weeks or years from 2199, so no date overflows
        end = after + timedelta(days=count * _UNIT_DAYS[unit])
    else:
        end = add_months(after, count * _UNIT_MONTHS[unit])
    return Timescale(after, end) if end is not None and end.year <= _MAX_YEAR else None


# Leading words, allowed only where they keep the meaning: "before June" could mean
# the end of May, and "by 2022" the start of 2022, so neither is accepted.
_DUE = r"(?:due )?"
_END = r"(?:(?:by (?:the )?)?end(?: of)?)"
_DATE_LEAD = _DUE + r"(?:(?:by(?: the)?|before) )?"
_PERIOD_LEAD = _DUE + rf"(?:(?:by|in|during|{_END}) )?"
_PART_LEAD = _DUE + r"(?:(?:by|in|during) )?"
_YEAR = r"(?P<year>[0-9]{4})"
_FY = r"(?:fy ?|financial year )?(?P<first>[0-9]{4})[/-](?P<second>[0-9]{2}(?:[0-9]{2})?)"
_MONTH = "(?P<month>" + "|".join(_MONTHS) + ")"
_SEASON = "(?P<season>" + "|".join(_SEASONS) + ")"
_PART = "(?P<part>" + "|".join(_PARTS) + ")"
_COUNT = "(?P<count>[0-9]{1,3}|" + "|".join(_WORD_COUNTS) + ")"
_UNIT = "(?P<unit>" + "|".join((*_UNIT_DAYS, *_UNIT_MONTHS)) + ")s?"
_ISO = r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
_DAY_FIRST = r"(?P<day>[0-9]{1,2})(?P<sep>[/.-])(?P<month>[0-9]{1,2})(?P=sep)"
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?"

# The first pattern that matches decides, so "2011-12" cannot fall through to a reading
# that a more specific pattern has already refused as ambiguous.
_PATTERNS: tuple[tuple[re.Pattern[str], _Converter], ...] = tuple(
    (re.compile(pattern, re.ASCII), convert)
    for pattern, convert in (
        (rf"{_DATE_LEAD}{_ISO}", _numeric_date),
        (rf"{_DATE_LEAD}{_DAY_FIRST}(?P<year>[0-9]{{4}}|[0-9]{{2}})", _numeric_date),
        (rf"{_DATE_LEAD}{_DAY}(?: of)? {_MONTH},? {_YEAR}", _written_date),
        (rf"{_DATE_LEAD}{_MONTH} {_DAY},? {_YEAR}", _written_date),
        (rf"{_PERIOD_LEAD}{_MONTH} {_YEAR}", _named_month),
        (rf"{_PERIOD_LEAD}{_YEAR}-(?P<two>[0-9]{{2}})", _month_or_financial_year),
        (rf"{_PERIOD_LEAD}{_FY}", _financial_year),
        (rf"{_PERIOD_LEAD}(?:q ?|quarter )(?P<quarter>[1-4]) {_FY}", _quarter),
        (rf"{_PERIOD_LEAD}{_SEASON} (?:{_FY}|{_YEAR})", _season),
        (rf"{_PART_LEAD}{_PART}[- ]{_YEAR}", _part_of_year),
        (rf"{_DUE}{_END} {_YEAR}", _end_of_year),
        (rf"{_DUE}(?:(?:in|during) )?{_YEAR}", _calendar_year),
        (rf"{_DUE}(?:(?:within|in)(?: the next)? |next )?{_COUNT} {_UNIT}", _relative),
    )
)


def _iso_date(text: str) -> Timescale | None:
    """Most audits store ISO dates, so they skip normalising and the pattern table."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.isascii():
        return None
    if not (text[:4] + text[5:7] + text[8:]).isdigit():
        return None
    try:
        due = date.fromisoformat(text)  # C speed; refuses 31 February
    except ValueError:
        return None
    return Timescale(due, due) if _MIN_YEAR <= due.year <= _MAX_YEAR else None


def _normalise(text: str) -> str | None:
    """Lower-case, single-spaced, printable ASCII, so look-alike digits cannot match.

    Non-breaking spaces count as spaces because spreadsheets paste them into cells.
    """
    phrase = text.strip(_WHITESPACE)
    if phrase.endswith("."):
        phrase = phrase[:-1].rstrip(_WHITESPACE)
    phrase = phrase.replace("\t", " ").replace("\u00a0", " ")
    if len(phrase) > _MAX_LENGTH or not phrase.isascii() or not phrase.isprintable():
        return None
    return " ".join(phrase.lower().split())


@dataclass(frozen=True, slots=True)
class _Relative:
    """A phrase that counts from the audit's date ("within 6 months"): read once, applied to
    each audit's own date."""

    match: re.Match[str]


@functools.lru_cache(maxsize=8192)  # keyed by the text alone: audits differ in their dates
def _read(text: str) -> Timescale | _Relative | None:
    quick = _iso_date(text)
    if quick is not None:
        return quick
    phrase = _normalise(text)
    if phrase is None:
        return None
    for pattern, convert in _PATTERNS:
        match = pattern.fullmatch(phrase)
        if match is not None:
            return _Relative(match) if convert is _relative else convert(match, None)
    return None


def parse_timescale(text: str, *, after: date | None = None) -> Timescale | None:
    """Read a `due` timescale as the period it names, or None if it names no single due date.

    `after` is the audit's completion date; only relative phrases ("within 6 months")
    use it, and without it they are refused because the due date would be a guess.
    """
    read = _read(text)
    return _relative(read.match, after) if isinstance(read, _Relative) else read


#: Longest action text searched for a timescale; longer text is searched up to this.
_LONGEST_SEARCHED = 2000
_WORD = re.compile(r"[a-z0-9/.-]+|[^a-z0-9/.\s-]")


def find_timescale(text: str, *, after: date | None = None) -> Timescale | None:
    """The timescale an action's own words give ("... to be undertaken during 2021/22"),
    for forms whose only action column is free text; the latest where it gives several.

    Every run of up to six words is tried as a whole phrase, longest first at each place,
    so only what `parse_timescale` reads is found, and nothing is guessed.
    """
    found = [_relative(read.match, after) if isinstance(read, _Relative) else read
             for read in _phrases_in(text, relative=after is not None)]
    periods = [t for t in found if t is not None]
    return max(periods, key=lambda t: t.end) if periods else None


@functools.lru_cache(maxsize=8192)  # by text: the completion date applies afterwards
def _phrases_in(text: str, *, relative: bool) -> tuple[Timescale | _Relative, ...]:
    """What each timescale phrase in `text` reads as; relative phrases only where they can
    be applied (a completion date is known)."""
    words = _WORD.findall(text[:_LONGEST_SEARCHED].lower().replace("\u00a0", " "))
    digits = [0]  # digits[i]: how many of the first i words hold a digit
    for word in words:
        digits.append(digits[-1] + any(char.isdigit() for char in word))
    found: list[Timescale | _Relative] = []
    start = 0
    while start < len(words):
        taken = 0
        for length in range(min(6, len(words) - start), 0, -1):
            if digits[start + length] == digits[start]:
                break  # no digit in this run or any shorter one: no timescale here
            read = _read(" ".join(words[start:start + length]).rstrip(".,;:"))
            if read is not None and (relative or not isinstance(read, _Relative)):
                found.append(read)
                taken = length
                break
        start += taken or 1
    return tuple(found)


