"""`Plan.blank`: not answered, as the rules read it, with and without unanswered marks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from s11schema._plan import blank_for

_MARKS = st.frozensets(st.sampled_from(["-", "n/a", "not known", "ss", "ǰ"]), max_size=3)
_VALUES = st.one_of(
    st.none(), st.just([]), st.lists(st.text(max_size=3), min_size=1, max_size=2),
    st.integers(), st.text(max_size=12),
    st.sampled_from(["-", " - ", "N/A", "n/A ", "NOT KNOWN", "ß", "SS", "J̌", "ǰ", "\u00a0-\t"]))


def _plainly_blank(marks: frozenset[str], value: object) -> bool:
    """The definition, as `_rules._base.Context.blank` writes it."""
    if value is None or value == "" or value == []:
        return True
    return isinstance(value, str) and (not value.strip() or value.strip().casefold() in marks)


@given(_MARKS, _VALUES)
def test_blank_reads_values_as_the_rules_do(marks: frozenset[str], value: object) -> None:
    assert blank_for(marks)(value) == _plainly_blank(marks, value)


def test_a_mark_is_blank_whatever_its_case_and_spaces() -> None:
    blank = blank_for(frozenset({"n/a", "-"}))
    assert blank(" N/A ")
    assert blank("-")
    assert blank("  ")
    assert not blank("n/a because we have no staff")
    assert not blank("--")


def test_a_plan_pickles_as_its_data_for_worker_processes() -> None:
    """`blank` is a function made from the plan's marks; a pickled plan makes it again."""
    import pickle

    from s11schema import default_registry
    from s11schema._validate import plan_for

    registry = default_registry()
    plan = plan_for(registry.template("south-gloucestershire-2019-20"), registry)
    again = pickle.loads(pickle.dumps(plan))
    assert again == plan
    assert again.blank(" - ")
    assert not again.blank("Policy in place")
