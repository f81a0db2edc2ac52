"""Keeping respondents' personal data out of what s11schema writes for others to read.

Templates ask "name, role" or "contact details" in one box, and organisations
copy the respondent's name or email into their action plans, so exports and
reports take the respondent's details, and the names, emails and phone numbers
inside them, out of any free text they show. Matching ignores case and treats
any run of spaces (a double or no-break space) as one, and costs time linear
in the text: a hostile name thousands of characters long cannot slow it down.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

#: Respondent details that describe a job, not a person, and so may stay in the text.
NOT_PERSONAL = frozenset({"role"})
REPLACEMENT = "[respondent]"
_EMAIL = re.compile(r"[^\s,;<>()]+@[^\s,;<>()]+")
_PHONE = re.compile(r"\+?[0-9][0-9 ()-]{5,}[0-9]")
#: Shorter values are too common to take out ("Al" is in "All staff").
_SHORTEST = 3
#: Longer values are matched exactly, not by pattern, so that matching stays linear.
_LONGEST_PATTERN = 200


@dataclass(frozen=True, slots=True)
class Scrubber:
    """Takes one respondent's details out of free text."""

    pattern: re.Pattern[str] | None
    exact: tuple[str, ...]

    def __call__(self, text: str) -> str:
        for value in self.exact:
            text = text.replace(value, REPLACEMENT)
        return self.pattern.sub(REPLACEMENT, text) if self.pattern else text


def scrubber(respondent: Mapping[str, str]) -> Scrubber:
    """A scrubber for the personal details among `respondent`'s values."""
    found: set[str] = set()
    for key, value in respondent.items():
        if key in NOT_PERSONAL or not isinstance(value, str):
            continue
        found.add(" ".join(value.split()))
        found.add(" ".join(value.split(",")[0].split()))
        found.update(_EMAIL.findall(value[:10_000]))
        found.update(" ".join(p.split()) for p in _PHONE.findall(value[:10_000]))
    values = sorted((v for v in found if len(v) >= _SHORTEST), key=len, reverse=True)
    short = [v for v in values if len(v) <= _LONGEST_PATTERN]
    exact = tuple(v for v in values if len(v) > _LONGEST_PATTERN)
    if not short:
        return Scrubber(None, exact)
    alternatives = "|".join(r"\s+".join(re.escape(word) for word in v.split()) for v in short)
    return Scrubber(re.compile(alternatives, re.IGNORECASE), exact)
