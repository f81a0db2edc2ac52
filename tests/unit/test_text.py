"""Near misses: `closest` against `difflib.get_close_matches`, whose choice it must make."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s11schema._text import closest, suggest

TOP_KEYS = ["template", "template_version", "organisation", "respondent", "completed_on",
            "status", "responses", "answers", "cycle", "moderation"]


def reference(word: str, choices: list[str], cutoff: float = 0.6) -> str | None:
    found = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    return found[0] if found else None


@pytest.mark.parametrize(("word", "expected"), [
    ("complted_on", "completed_on"),
    ("organisaton", "organisation"),
    ("Responses", "responses"),
    ("extra_field", None),
    ("", None),
])
def test_a_slip_of_the_keyboard_is_matched(word: str, expected: str | None) -> None:
    assert closest(word, TOP_KEYS) == expected == reference(word, TOP_KEYS)


def test_ties_go_to_the_greater_choice_as_difflib_gives_them() -> None:
    # "abcd" is as near "abcx" as "abcy" is; get_close_matches keeps the greater of the two
    assert closest("abcd", ["abcx", "abcy"]) == "abcy" == reference("abcd", ["abcx", "abcy"])
    assert closest("abcd", ["abcy", "abcx"]) == "abcy"


def test_what_is_not_a_word_is_matched_with_nothing() -> None:
    assert closest(3, TOP_KEYS) is None
    assert closest("s" * 201, ["s" * 201]) is None  # too long to be a slip
    assert suggest("statsu", TOP_KEYS) == "did you mean 'status'?"
    assert suggest("zzzz", TOP_KEYS) is None


_LETTERS = st.text(alphabet="abcdeo_s", min_size=0, max_size=12)


@given(word=_LETTERS, choices=st.lists(_LETTERS, max_size=12),
       cutoff=st.sampled_from([0.0, 0.3, 0.6, 0.8, 1.0]))
def test_closest_makes_get_close_matches_choice(word: str, choices: list[str],
                                                cutoff: float) -> None:
    # few letters: many near misses, ties and repeated choices
    assert closest(word, choices, cutoff=cutoff) == reference(word, choices, cutoff)


@given(word=st.text(max_size=30), choices=st.lists(st.text(max_size=30), max_size=8))
def test_closest_makes_get_close_matches_choice_on_any_text(word: str,
                                                            choices: list[str]) -> None:
    assert closest(word, choices) == reference(word, choices)
