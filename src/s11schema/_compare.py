"""Many audits, possibly on different templates and scales, compared on the common scale.

By domain (the default: domains are common to all templates), or by section
or standard within each template. Only valid audits are compared; invalid
ones are listed with the reason and left out, never silently mixed in.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from ._collect import AuditLike, Collection, Excluded, collect
from ._normalise import NormalisedAudit, RatingSource, Score
from ._registry import Registry, default_registry
from ._scales import Band, band

By = Literal["domain", "section", "standard"]
GroupBy = Literal["partnership", "template", "area", "organisation"]
BANDS = tuple(str(b) for b in Band)
#: How many of the lowest-scoring organisations each row names.
LOWEST = 3


@dataclass(frozen=True, slots=True)
class Aggregate:
    """One row of a comparison: one domain (section, standard) in one group.

    A standard answered rather than scored (yes/no) has no mean or bands: its row gives
    the share of each answer instead, as reports of such questions do.
    """

    group: str | None
    key: str
    title: str
    template: str | None
    #: Audits with a value (or an answer) here.
    audits: int
    mean: float | None
    #: How many audits fall in each band of the common scale.
    bands: dict[str, int]
    #: The share of audits rated good or outstanding.
    good_or_better: float | None
    #: (organisation, value), lowest first.
    lowest: tuple[tuple[str, float], ...]
    #: False for a standard answered, not scored (yes/no).
    scored: bool = True
    #: Answer code -> how many audits gave it, for a standard answered, not scored.
    answers: dict[str, int] = field(default_factory=dict)
    #: Audits that were asked but gave no answer (N/A counts as an answer).
    skipped: int = 0
    #: Mean of moderated minus self-assessed, over the audits with both (no band).
    gap: float | None = None
    #: Audits whose self-assessment is above the moderated rating by the template's margin.
    over_rated: int = 0

    @property
    def shares(self) -> dict[str, float]:
        """The share of each band (scored) or answer (not scored), from 0 to 1."""
        counts = self.bands if self.scored else self.answers
        total = sum(counts.values())
        return {key: count / total for key, count in counts.items()} if total else {}

    def row(self) -> dict[str, Any]:
        return {
            "group": self.group, "key": self.key, "title": self.title,
            "template": self.template, "audits": self.audits, "mean": self.mean,
            **{band: self.bands.get(band, 0) for band in BANDS},
            "good_or_better": self.good_or_better,
            "answered": self.audits, "skipped": self.skipped,
            "gap": self.gap, "over_rated": self.over_rated,
            "shares": self.shares,
            "distribution": ", ".join(f"{name} {round(100 * share)}%"
                                      for name, share in self.shares.items()),
            "lowest": "; ".join(f"{org} ({value:.2f})" for org, value in self.lowest),
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of `compare`: rows, the audits behind them, and those left out."""

    by: By
    group_by: GroupBy | None
    area: str | None
    rows: tuple[Aggregate, ...]
    #: Read back one at a time when taken, like `Collection.included`.
    included: Sequence[NormalisedAudit]
    excluded: tuple[Excluded, ...]

    def to_rows(self) -> list[dict[str, Any]]:
        return [row.row() for row in self.rows]

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by, "group_by": self.group_by, "area": self.area,
            "audits": len(self.included), "rows": self.to_rows(),
            "excluded": [{"file": e.file, "kind": e.kind, "codes": list(e.codes),
                          "reason": e.reason} for e in self.excluded],
        }


def compare(audits: Iterable[AuditLike], *, by: By = "domain", group_by: GroupBy | None = None,
            area: str | None = None, include_drafts: bool = False,
            rating: RatingSource = "self", registry: Registry | None = None,
            today: date | None = None, cycle: str | None = None, jobs: int = 1,
            progress: Callable[[], None] | None = None) -> Comparison:
    """Compare audits (normalised ones, dicts, files or folders) on the common scale: each
    organisation's latest return to each partnership, or its latest of `cycle`."""
    registry = registry or default_registry()
    found = collect(audits, area=area, include_drafts=include_drafts, rating=rating,
                    registry=registry, today=today, cycles=None if cycle is None else [cycle],
                    jobs=jobs, progress=progress)
    return comparison_of(found, by=by, group_by=group_by, area=area, registry=registry)


def comparison_of(collection: Collection, *, by: By = "domain", group_by: GroupBy | None = None,
                  area: str | None = None, registry: Registry | None = None) -> Comparison:
    """The comparison of audits already collected (as `board_report` does once)."""
    registry = registry or default_registry()
    rows = _aggregate(collection.included, by, group_by, registry)
    return Comparison(by, group_by, area, tuple(rows), collection.included, collection.excluded)


_Cell = tuple[str | None, str | None, str]


@dataclass(slots=True)
class _Tally:
    """What the audits gave for one row, summed as they come: a comparison of 100 000
    audits keeps a few numbers per row, not every value."""

    values: int = 0
    total: float = 0.0
    bands: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BANDS, 0))
    #: The LOWEST lowest (value, organisation), lowest first.
    lowest: list[tuple[float, str]] = field(default_factory=list)
    answers: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    scored: bool = True
    gaps: int = 0
    gap_total: float = 0.0
    over_rated: int = 0

    def add_value(self, organisation: str, value: float) -> None:
        self.values += 1
        self.total += value
        self.bands[str(band(value))] += 1
        if len(self.lowest) < LOWEST or (value, organisation) < self.lowest[-1]:
            insort(self.lowest, (value, organisation))
            del self.lowest[LOWEST:]

    def add_gap(self, gap: float) -> None:
        self.gaps += 1
        self.gap_total += gap


@dataclass(frozen=True, slots=True)
class _Value:
    """What one audit gives for one row."""

    template: str | None
    key: str
    value: float | None
    #: By standard only, where answers that are not scores are counted.
    score: Score | None = None
    gap: float | None = None
    over_rated: bool = False


def _values(audit: NormalisedAudit, by: By) -> Iterator[_Value]:
    """What one audit gives for each domain, section or standard."""
    if by == "domain":
        over = {d for s in audit.scores if s.over_rated for d in s.domains}
        for key, mean in audit.domains.items():
            gap = audit.domain_gaps.get(key)
            yield _Value(None, key, mean.value, gap=gap.value if gap else None,
                         over_rated=key in over)
    elif by == "section":
        over = {s.section for s in audit.scores if s.over_rated}
        for key, mean in audit.sections.items():
            gaps = [s.gap for s in audit.scores if s.section == key and s.gap is not None]
            yield _Value(audit.template, key, mean.value,
                         gap=sum(gaps) / len(gaps) if gaps else None, over_rated=key in over)
    else:
        for score in audit.scores:
            if score.in_scope and score.rated:
                yield _Value(audit.template, score.standard, score.value, score, score.gap,
                             score.over_rated)


def _groups(audit: NormalisedAudit, group_by: GroupBy | None) -> list[str | None]:
    if group_by is None:
        return [None]
    if group_by == "area":
        return list(audit.areas) or ["(no area)"]
    return [{"partnership": audit.partnership, "template": audit.template,
             "organisation": audit.organisation}[group_by] or "(none)"]


def _aggregate(audits: Iterable[NormalisedAudit], by: By, group_by: GroupBy | None,
               registry: Registry) -> list[Aggregate]:
    """The rows, in one pass over the audits."""
    cells: dict[_Cell, _Tally] = {}
    templates: set[str] = set()
    for audit in audits:
        templates.add(audit.template)
        for group in _groups(audit, group_by):
            for item in _values(audit, by):
                _count(cells.setdefault((group, item.template, item.key), _Tally()), audit, item)
    titles = _titles(by, registry, templates)
    order = {key: index for index, key in enumerate(titles)}
    rows = [_row(cell, tally, titles) for cell, tally in cells.items()]
    rows.sort(key=lambda r: (r.group or "", r.template or "",
                             order.get((r.template, r.key), len(order)), r.key))
    return rows


def _count(tally: _Tally, audit: NormalisedAudit, item: _Value) -> None:
    score, value = item.score, item.value
    if item.gap is not None:
        tally.add_gap(item.gap)
    tally.over_rated += item.over_rated
    if score is not None and not score.scored:
        tally.scored = False
        if score.rating is None:
            tally.skipped += 1
        else:
            tally.answers[score.rating] = tally.answers.get(score.rating, 0) + 1
    elif value is not None:
        tally.add_value(audit.organisation, value)
    elif score is not None and score.rating is None:
        tally.skipped += 1


def _row(cell: _Cell, tally: _Tally, titles: dict[tuple[str | None, str], str]) -> Aggregate:
    group, template, key = cell
    values, counts = tally.values, tally.bands
    good = counts["good"] + counts["outstanding"]
    return Aggregate(
        group=group, key=key, title=titles.get((template, key), key), template=template,
        audits=values if tally.scored else sum(tally.answers.values()),
        mean=tally.total / values if values else None, bands=dict(counts),
        good_or_better=good / values if values else None,
        lowest=tuple((org, value) for value, org in tally.lowest),
        scored=tally.scored, answers=dict(sorted(tally.answers.items())),
        skipped=tally.skipped, over_rated=tally.over_rated,
        gap=tally.gap_total / tally.gaps if tally.gaps else None)


def _titles(by: By, registry: Registry, templates: set[str]) -> dict[tuple[str | None, str], str]:
    """Titles in display order: the domain list's order, or each template's own."""
    if by == "domain":
        return {(None, d.id): d.title for d in registry.domains.values()}
    titles: dict[tuple[str | None, str], str] = {}
    for template_id in sorted(templates):
        template = registry.template(template_id)
        for section in template.sections:
            if by == "section":
                titles[(template_id, section.id)] = section.title
            for standard in section.standards if by == "standard" else ():
                titles[(template_id, standard.id)] = standard.text
    return titles
