"""Normalised audits kept in a temporary file while many are read, so memory stays flat.

`compare`, `export` and `report` use each organisation's latest return, which is known
only once every input has been read. Holding 100 000 normalised audits until then
takes gigabytes; instead each is pickled into one temporary file as it is made and read
back when it is wanted, and only its place in the file stays in memory.

The file holds nothing but what this process wrote: it is made by `tempfile`, unnamed
where the system allows (mode 0600 where it must have a name) and gone when the
process ends, so reading its pickles back trusts only our own writes. Small runs never
touch the disk: the file stays in memory until it outgrows `SPILL_BYTES`.
"""

from __future__ import annotations

import pickle
import tempfile
import threading
import weakref
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar, overload

if TYPE_CHECKING:
    from ._normalise import NormalisedAudit

T = TypeVar("T")
#: Audits are kept in memory until they take this much; then they go to a temporary file.
SPILL_BYTES = 8 * 1024 * 1024


class AuditStore:
    """Normalised audits appended one at a time and read back by their number."""

    def __init__(self, spill_bytes: int = SPILL_BYTES) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=spill_bytes)  # noqa: SIM115
        self._starts = array("q", [0])
        #: One seek and read (or write) at a time: threads may go over the same audits.
        self._lock = threading.Lock()
        weakref.finalize(self, self._file.close)

    def __len__(self) -> int:
        return len(self._starts) - 1

    def add(self, audit: NormalisedAudit) -> int:
        """Keep `audit`; its number, to read it back."""
        data = pickle.dumps(audit, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            self._file.seek(self._starts[-1])
            self._file.write(data)
            self._starts.append(self._starts[-1] + len(data))
            return len(self._starts) - 2

    def get(self, number: int) -> NormalisedAudit:
        start, end = self._starts[number], self._starts[number + 1]
        with self._lock:
            self._file.seek(start)
            data = self._file.read(end - start)
        audit: NormalisedAudit = pickle.loads(data)
        return audit

    def view(self, numbers: Sequence[int]) -> StoredAudits:
        """The audits with these numbers, in this order, read only when wanted."""
        return StoredAudits(self, array("q", numbers))


class _Lazy(Sequence[T]):
    """A sequence read or made when gone over, that compares as the tuple it stands for."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence of the same items, as a tuple is."""
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]


class StoredAudits(_Lazy["NormalisedAudit"]):
    """A sequence of audits in an `AuditStore`: each is read back when it is taken, so
    going over 100 000 of them holds one at a time."""

    __slots__ = ("_numbers", "_store")

    def __init__(self, store: AuditStore, numbers: array[int]) -> None:
        self._store = store
        self._numbers = numbers

    def __len__(self) -> int:
        return len(self._numbers)

    @overload
    def __getitem__(self, index: int) -> NormalisedAudit: ...
    @overload
    def __getitem__(self, index: slice) -> StoredAudits: ...
    def __getitem__(self, index: int | slice) -> NormalisedAudit | StoredAudits:
        if isinstance(index, slice):
            return StoredAudits(self._store, self._numbers[index])
        return self._store.get(self._numbers[index])

    def __iter__(self) -> Iterator[NormalisedAudit]:
        return map(self._store.get, self._numbers)

    def picked(self, positions: Iterable[int]) -> StoredAudits:
        """The audits at these positions, in this order, still unread."""
        return StoredAudits(self._store, array("q", (self._numbers[p] for p in positions)))

    def __repr__(self) -> str:
        return f"<{len(self)} stored audits>"


def picked(audits: Sequence[NormalisedAudit], positions: Iterable[int]
           ) -> Sequence[NormalisedAudit]:
    """The audits at these positions, in this order; stored ones are not read."""
    if isinstance(audits, StoredAudits):
        return audits.picked(positions)
    return tuple(audits[p] for p in positions)


def chosen(audits: Sequence[NormalisedAudit], keep: Callable[[NormalisedAudit], bool]
           ) -> Sequence[NormalisedAudit]:
    """The audits `keep` accepts, in order, found in one pass; stored ones stay stored."""
    return picked(audits, [position for position, audit in enumerate(audits) if keep(audit)])


def joined(first: Sequence[NormalisedAudit], second: Sequence[NormalisedAudit]
           ) -> Sequence[NormalisedAudit]:
    """The audits of both, one sequence after the other; stored ones are not read."""
    if isinstance(first, StoredAudits) and isinstance(second, StoredAudits) and (
            first._store is second._store):
        return StoredAudits(first._store, first._numbers + second._numbers)
    return (*first, *second)


def as_sequence(audits: Iterable[NormalisedAudit]) -> Sequence[NormalisedAudit]:
    """The audits as a sequence to go over more than once: stored ones as they are."""
    return audits if isinstance(audits, Sequence) else tuple(audits)


class Derived(_Lazy[T]):
    """Items made from each audit (its rows, its actions) every time they are gone over,
    so a table of 100 000 audits is never held whole. `make` is given each audit and
    its position."""

    __slots__ = ("_audits", "_length", "_make")

    def __init__(self, audits: Sequence[NormalisedAudit],
                 make: Callable[[int, NormalisedAudit], Iterable[T]]) -> None:
        self._audits, self._make = audits, make
        self._length: int | None = None

    def __iter__(self) -> Iterator[T]:
        return (item for position, audit in enumerate(self._audits)
                for item in self._make(position, audit))

    def __len__(self) -> int:
        if self._length is None:
            self._length = sum(1 for _ in self)
        return self._length

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        return list(self)[index]

    def __repr__(self) -> str:
        return f"<items made from {len(self._audits)} audits>"
