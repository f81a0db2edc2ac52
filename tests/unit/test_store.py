"""Normalised audits kept in a temporary file while many are read (`_store`)."""

from __future__ import annotations

import pickle

import pytest

from s11schema import normalise
from s11schema._collect import collect
from s11schema._normalise import NormalisedAudit
from s11schema._store import AuditStore, Derived, StoredAudits, as_sequence, chosen, joined, picked

from ..conftest import VALID_EXAMPLES

AUDITS = [normalise(path) for path in VALID_EXAMPLES]


def _filled(spill_bytes: int) -> AuditStore:
    store = AuditStore(spill_bytes=spill_bytes)
    for audit in AUDITS:
        store.add(audit)
    return store


@pytest.mark.parametrize("spill_bytes", [1, 1 << 30], ids=["on disk", "in memory"])
def test_audits_read_back_equal_in_any_order(spill_bytes: int) -> None:
    store = _filled(spill_bytes)
    assert len(store) == len(AUDITS)
    order = list(reversed(range(len(AUDITS))))
    assert list(store.view(order)) == [AUDITS[n] for n in order]
    assert store.get(0).respondent == AUDITS[0].respondent  # kept for scrubbing actions


def test_a_large_store_goes_to_disk_and_a_small_one_stays_in_memory() -> None:
    """The limit that keeps memory flat: past `spill_bytes`, the audits are in a file."""
    size = sum(len(pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL)) for a in AUDITS)
    assert _filled(size - 1)._file._rolled  # type: ignore[attr-defined]
    assert not _filled(size + 1)._file._rolled  # type: ignore[attr-defined]


def test_each_read_is_a_new_object_so_nothing_is_held() -> None:
    audits = _filled(1).view(range(len(AUDITS)))
    assert audits[0] == audits[0]
    assert audits[0] is not audits[0]


def test_a_view_behaves_as_the_tuple_it_replaces() -> None:
    audits = _filled(1 << 30).view(range(len(AUDITS)))
    assert isinstance(audits, StoredAudits)
    assert audits == tuple(AUDITS)
    assert tuple(AUDITS) == audits
    assert audits != tuple(AUDITS[:-1])
    assert audits[-1] == AUDITS[-1]
    assert list(audits[1:3]) == AUDITS[1:3]
    assert audits.index(AUDITS[2]) == 2
    assert list(picked(audits, [2, 0])) == [AUDITS[2], AUDITS[0]]
    assert list(picked(tuple(AUDITS), [2, 0])) == [AUDITS[2], AUDITS[0]]
    assert repr(audits) == f"<{len(AUDITS)} stored audits>"


def test_derived_items_are_made_again_each_time_they_are_gone_over() -> None:
    made: list[int] = []

    def scores(position: int, audit: NormalisedAudit) -> list[str]:
        made.append(position)
        return [s.standard for s in audit.scores]

    derived = Derived(tuple(AUDITS), scores)
    expected = [s.standard for audit in AUDITS for s in audit.scores]
    assert list(derived) == expected
    assert len(derived) == len(expected)
    assert derived == expected
    assert derived[3] == expected[3]
    assert made.count(0) == 4  # iterated four times: nothing was kept


def test_collect_keeps_the_audits_in_a_store() -> None:
    found = collect(VALID_EXAMPLES)
    assert isinstance(found.included, StoredAudits)
    assert isinstance(found.superseded, StoredAudits)
    assert {a.file for a in found.included} | {a.file for a in found.superseded} == {
        str(p) for p in VALID_EXAMPLES}


def test_threads_going_over_the_same_audits_each_read_them_whole() -> None:
    """Each read is one seek and one read under a lock: two threads never interleave."""
    from concurrent.futures import ThreadPoolExecutor

    audits = _filled(1).view(list(range(len(AUDITS))) * 50)
    with ThreadPoolExecutor(max_workers=4) as pool:
        passes = list(pool.map(lambda _: list(audits), range(8)))
    assert all(found == AUDITS * 50 for found in passes)


def test_chosen_and_joined_views_stay_stored() -> None:
    store = _filled(1)
    first, second = store.view([0, 1]), store.view([2, 3])
    both = joined(first, second)
    assert isinstance(both, StoredAudits)
    assert both == tuple(AUDITS[:4])
    kept = chosen(both, lambda audit: audit.template == AUDITS[2].template)
    assert isinstance(kept, StoredAudits)
    assert list(kept) == [a for a in AUDITS[:4] if a.template == AUDITS[2].template]


def test_views_of_two_stores_or_of_plain_audits_are_joined_as_a_tuple() -> None:
    ours, theirs = _filled(1).view([0]), _filled(1).view([1])
    assert joined(ours, theirs) == (AUDITS[0], AUDITS[1])
    assert not isinstance(joined(ours, theirs), StoredAudits)
    assert joined(tuple(AUDITS[:1]), ours) == (AUDITS[0], AUDITS[0])


def test_as_sequence_keeps_a_sequence_and_lists_anything_else() -> None:
    stored = _filled(1).view([0, 1])
    assert as_sequence(stored) is stored
    assert as_sequence(iter(AUDITS)) == tuple(AUDITS)
