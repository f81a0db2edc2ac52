"""What makes an action measurable: `has_target` against the pattern it is written for."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s11schema._smart import has_target

#: The measure of success as it reads most plainly; `has_target` is written differently so
#: that it runs quicker, and must find exactly what this finds.
PLAIN = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:%|per ?cent)"
    r"|\b\d+\s+(?:of\s+(?:our\s+|the\s+)?)?(?:staff|people|members|managers|practitioners|"
    r"sessions|audits|cases|records|volunteers|teams|services|employees|workers|schools)\b"
    r"|\b(?:all|every|each)\s+(?:\w+\s+)?(?:staff|member|members|managers|practitioners|"
    r"volunteers|teams?|starters|employees|workers|services)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("text", [
    "Train staff so that 90% complete the course by March",
    "Raise attendance to 75 per cent in the next term",
    "Run 12 sessions for new starters this year",
    "Audit 40 of our staff files each quarter",
    "Brief all staff on the new policy by June",
    "Make sure EVERY TEAM MEMBER has read the policy",
    "Give all new starters an induction pack",
    "Publish the policy to 3 \u017fchools",  # a long s is an s, ignoring case
])
def test_a_measure_is_found(text: str) -> None:
    assert has_target(text)


@pytest.mark.parametrize("text", [
    "Update the safeguarding policy and publish it",
    "Review item 12a with the board",  # a number that starts no count
    "Train a12 staff",  # a digit inside a word starts nothing
    "Call the overall staff meeting",  # "all" inside a word is not "all"
    "Finish by 2025",
    "Tell everyone",
])
def test_no_measure_is_found(text: str) -> None:
    assert not has_target(text)


_PIECES = st.sampled_from([
    " ", "  ", "\t", "\n", ".", "_", "-", "%", "a", "e", "E", "x", "1", "20", "3.5", "٣",
    "per cent", "percent", "of ", "our ", "the ", "all", "ALL", "every", "Each", "each",
    "staff", "\u017ftaff", "members", "member", "teams", "team", "sessions", "starters", "schools",
    "\u212a", "\u0130", "\u0131", "new ", "over", "ball", "fee",
])


@given(st.lists(_PIECES, max_size=12).map("".join))
def test_has_target_finds_what_the_plain_pattern_finds(text: str) -> None:
    assert has_target(text) == bool(PLAIN.search(text))


@given(st.text(max_size=40))
def test_has_target_agrees_on_any_text(text: str) -> None:
    assert has_target(text) == bool(PLAIN.search(text))
