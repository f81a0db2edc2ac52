"""Change between two audit cycles: did each organisation improve, stay the same or get worse?

Section 11 is worth running again only if the partnership can see what moved.
Each organisation's latest return in each cycle is paired with its return in the
other (the same organisation to the same partnership), and every domain (section,
standard) is compared on the common scale, so a new template or a new scale
between cycles still compares by domain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from ._collect import AuditLike, Collection, Excluded, collect, cycle_of, identity
from ._compare import By, GroupBy, _groups, _titles, _values
from ._cycles import Cycle, cycle_named
from ._normalise import NormalisedAudit, RatingSource
from ._registry import Registry, default_registry
from ._store import as_sequence, picked

__all__ = ["Change", "CycleComparison", "Pairing", "changes", "compare_cycles", "in_cycle"]

Direction = Literal["improved", "same", "worse"]
#: Positions such as 1/3 are floats: a change smaller than this is no change.
_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class Change:
    """One domain (section, standard) from one cycle to the next, over the organisations
    with a value in both (in one group, with `group_by`)."""

    group: str | None
    key: str
    title: str
    template: str | None
    #: Organisations with a value here in both cycles.
    organisations: int
    #: Their mean in the earlier and the later cycle, on the common scale.
    before: float
    after: float
    improved: int
    same: int
    worse: int

    @property
    def change(self) -> float:
        return self.after - self.before

    @property
    def direction(self) -> Direction:
        return direction_of(self.change)

    def row(self) -> dict[str, Any]:
        return {"group": self.group, "key": self.key, "title": self.title,
                "template": self.template, "organisations": self.organisations,
                "before": self.before, "after": self.after, "change": self.change,
                "direction": self.direction, "improved": self.improved, "same": self.same,
                "worse": self.worse}


@dataclass(frozen=True, slots=True)
class CycleComparison:
    """The result of `compare_cycles`: the change per key, and who was in which cycle."""

    since: Cycle
    #: None: each organisation's latest return, whatever its cycle.
    until: Cycle | None
    by: By
    group_by: GroupBy | None
    rows: tuple[Change, ...]
    #: Each organisation's return in the earlier and in the later cycle (read when taken).
    before: Sequence[NormalisedAudit]
    after: Sequence[NormalisedAudit]
    excluded: tuple[Excluded, ...] = ()
    #: Organisations with a return in only one of the two cycles.
    only_before: tuple[str, ...] = field(default=())
    only_after: tuple[str, ...] = field(default=())

    def to_rows(self) -> list[dict[str, Any]]:
        return [row.row() for row in self.rows]

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.label, "until": self.until.label if self.until else None,
            "by": self.by,
            "group_by": self.group_by, "rows": self.to_rows(),
            "audits": {"before": len(self.before), "after": len(self.after)},
            "only_before": list(self.only_before), "only_after": list(self.only_after),
            "excluded": [{"file": e.file, "kind": e.kind, "codes": list(e.codes),
                          "reason": e.reason} for e in self.excluded],
        }


def compare_cycles(audits: Iterable[AuditLike], *, since: str, until: str, by: By = "domain",
                   group_by: GroupBy | None = None, area: str | None = None,
                   include_drafts: bool = False, rating: RatingSource = "self",
                   registry: Registry | None = None, today: date | None = None,
                   jobs: int = 1,
                   progress: Callable[[], None] | None = None) -> CycleComparison:
    """The change from cycle `since` to cycle `until` ("2021/22", "2023"), per domain,
    section or standard, for every organisation with a return in both."""
    registry = registry or default_registry()
    earlier, later = cycle_named(since), cycle_named(until)
    found = collect(audits, area=area, include_drafts=include_drafts, rating=rating,
                    registry=registry, today=today, cycles=[since, until], jobs=jobs,
                    progress=progress)
    return changes_between(found, earlier, later, by=by, group_by=group_by, registry=registry)


def changes_between(found: Collection, since: Cycle, until: Cycle, *, by: By = "domain",
                    group_by: GroupBy | None = None,
                    registry: Registry | None = None) -> CycleComparison:
    """The change between two cycles of audits already collected (read once, to sort them
    into the two cycles)."""
    before: list[int] = []
    after: list[int] = []
    for position, audit in enumerate(found.included):
        if in_cycle(audit, since):
            before.append(position)
        if in_cycle(audit, until):
            after.append(position)
    pairing = Pairing.of(picked(found.included, before), picked(found.included, after))
    return changes(pairing, since, until, by=by, group_by=group_by, registry=registry,
                   excluded=found.excluded)


#: An organisation's returns to one partnership, as `_collect.identity` tells them apart.
Sender = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Pairing:
    """Each organisation's return in an earlier and in a later cycle, found in one pass
    over each. Only who sent each return, and where it is, is kept: a pair is read when
    it is compared, so stored audits (`_store`) are never all in memory at once, and one
    pairing serves every comparison (and the follow-ups) made from the same returns."""

    before: Sequence[NormalisedAudit]
    after: Sequence[NormalisedAudit]
    #: Each sender -> the position and organisation of its return, in each cycle; of two
    #: returns, the later given counts.
    then: dict[Sender, tuple[int, str]]
    now: dict[Sender, tuple[int, str]]

    @classmethod
    def of(cls, before: Iterable[NormalisedAudit], after: Iterable[NormalisedAudit]
           ) -> Pairing:
        earlier, later = as_sequence(before), as_sequence(after)
        return cls(earlier, later, _senders(earlier), _senders(later))

    def pairs(self) -> list[tuple[int, int]]:
        """(position before, position after) of each organisation's two returns, in the
        order of the later cycle."""
        then = self.then
        return [(then[key][0], position) for key, (position, _) in self.now.items()
                if key in then]


def changes(pairing: Pairing, since: Cycle, until: Cycle | None, *, by: By = "domain",
            group_by: GroupBy | None = None, registry: Registry | None = None,
            excluded: tuple[Excluded, ...] = ()) -> CycleComparison:
    """Each return after paired with the same organisation's before, compared."""
    registry = registry or default_registry()
    then, now = pairing.then, pairing.now
    return CycleComparison(
        since, until, by, group_by, tuple(_rows(pairing, by, group_by, registry)),
        picked(pairing.before, [position for position, _ in then.values()]),
        picked(pairing.after, [position for position, _ in now.values()]), excluded,
        only_before=tuple(name for key, (_, name) in then.items() if key not in now),
        only_after=tuple(name for key, (_, name) in now.items() if key not in then))


def _senders(audits: Sequence[NormalisedAudit]) -> dict[Sender, tuple[int, str]]:
    return {identity(audit): (position, audit.organisation)
            for position, audit in enumerate(audits)}


def in_cycle(audit: NormalisedAudit, cycle: Cycle) -> bool:
    found = cycle_of(audit)
    return found is not None and found.same_as(cycle)


def direction_of(change: float) -> Direction:
    """Improved, same or worse: floats such as 1/3 are not compared exactly."""
    if change > _EPSILON:
        return "improved"
    return "worse" if change < -_EPSILON else "same"


_Cell = tuple[str | None, str | None, str]


@dataclass(slots=True)
class _Tally:
    """One row's running sums over its pairs, so no list of values is kept."""

    organisations: int = 0
    before: float = 0
    after: float = 0
    improved: int = 0
    same: int = 0
    worse: int = 0

    def add(self, old: float, new: float) -> None:
        self.organisations += 1
        self.before += old
        self.after += new
        direction = direction_of(new - old)
        if direction == "improved":
            self.improved += 1
        elif direction == "same":
            self.same += 1
        else:
            self.worse += 1


def _rows(pairing: Pairing, by: By, group_by: GroupBy | None,
          registry: Registry) -> list[Change]:
    tallies: dict[_Cell, _Tally] = {}
    templates: set[str] = set()
    for old_at, new_at in pairing.pairs():
        old, new = pairing.before[old_at], pairing.after[new_at]
        templates.update((old.template, new.template))
        earlier = {(v.template, v.key): v.value for v in _values(old, by)}
        for group in _groups(new, group_by):
            for item in _values(new, by):
                value, previous = item.value, earlier.get((item.template, item.key))
                if value is not None and previous is not None:
                    cell = (group, item.template, item.key)
                    tally = tallies.get(cell)
                    if tally is None:
                        tally = tallies[cell] = _Tally()
                    tally.add(previous, value)
    titles = _titles(by, registry, templates)
    order = {key: index for index, key in enumerate(titles)}
    rows = [_change(cell, tally, titles) for cell, tally in tallies.items()]
    rows.sort(key=lambda r: (r.group or "", r.template or "",
                             order.get((r.template, r.key), len(order)), r.key))
    return rows


def _change(cell: _Cell, tally: _Tally, titles: dict[tuple[str | None, str], str]) -> Change:
    group, template, key = cell
    count = tally.organisations
    return Change(group=group, key=key, title=titles.get((template, key), key),
                  template=template, organisations=count, before=tally.before / count,
                  after=tally.after / count, improved=tally.improved, same=tally.same,
                  worse=tally.worse)
