"""Many audits, possibly on different templates and scales, compared on the common scale.

By domain (the default: domains are common to all templates), or by section
or standard within each template. Only valid audits are compared; invalid
ones are listed with the reason and left out, never silently mixed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from ._collect import AuditLike, Collection, Excluded, collect
from ._normalise import NormalisedAudit, RatingSource
from ._registry import Registry, default_registry
from ._scales import Band, band

By = Literal["domain", "section", "standard"]
GroupBy = Literal["partnership", "template", "area", "organisation"]
BANDS = tuple(str(b) for b in Band)
#: How many of the lowest-scoring organisations each row names.
LOWEST = 3


@dataclass(frozen=True, slots=True)
class Aggregate:
    """One row of a comparison: one domain (section, standard) in one group."""

    group: str | None
    key: str
    title: str
    template: str | None
    audits: int
    mean: float | None
    #: How many audits fall in each band of the common scale.
    bands: dict[str, int]
    #: The share of audits rated good or outstanding.
    good_or_better: float | None
    #: (organisation, value), lowest first.
    lowest: tuple[tuple[str, float], ...]

    def row(self) -> dict[str, Any]:
        return {
            "group": self.group, "key": self.key, "title": self.title,
            "template": self.template, "audits": self.audits, "mean": self.mean,
            **{band: self.bands.get(band, 0) for band in BANDS},
            "good_or_better": self.good_or_better,
            "lowest": "; ".join(f"{org} ({value:.2f})" for org, value in self.lowest),
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of `compare`: rows, the audits behind them, and those left out."""

    by: By
    group_by: GroupBy | None
    area: str | None
    rows: tuple[Aggregate, ...]
    included: tuple[NormalisedAudit, ...]
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
            today: date | None = None) -> Comparison:
    """Compare audits (normalised ones, dicts, files or folders) on the common scale."""
    registry = registry or default_registry()
    found = collect(audits, area=area, include_drafts=include_drafts, rating=rating,
                    registry=registry, today=today)
    return comparison_of(found, by=by, group_by=group_by, area=area, registry=registry)


def comparison_of(collection: Collection, *, by: By = "domain", group_by: GroupBy | None = None,
                  area: str | None = None, registry: Registry | None = None) -> Comparison:
    """The comparison of audits already collected (as `board_report` does once)."""
    registry = registry or default_registry()
    included = list(collection.included)
    rows = _aggregate(included, by, group_by, registry)
    return Comparison(by, group_by, area, tuple(rows), tuple(included), collection.excluded)


def _values(audit: NormalisedAudit, by: By) -> Iterator[tuple[str | None, str, float | None]]:
    """(template, key, value) for each domain, section or standard of one audit."""
    if by == "domain":
        for key, mean in audit.domains.items():
            yield None, key, mean.value
    elif by == "section":
        for key, mean in audit.sections.items():
            yield audit.template, key, mean.value
    else:
        for score in audit.scores:
            yield audit.template, score.standard, score.value


def _groups(audit: NormalisedAudit, group_by: GroupBy | None) -> list[str | None]:
    if group_by is None:
        return [None]
    if group_by == "area":
        return list(audit.areas) or ["(no area)"]
    return [{"partnership": audit.partnership, "template": audit.template,
             "organisation": audit.organisation}[group_by] or "(none)"]


def _aggregate(audits: list[NormalisedAudit], by: By, group_by: GroupBy | None,
               registry: Registry) -> list[Aggregate]:
    cells: dict[tuple[str | None, str | None, str], list[tuple[str, float]]] = {}
    for audit in audits:
        for group in _groups(audit, group_by):
            for template, key, value in _values(audit, by):
                values = cells.setdefault((group, template, key), [])
                if value is not None:
                    values.append((audit.organisation, value))
    titles = _titles(by, registry, {a.template for a in audits})
    order = {key: index for index, key in enumerate(titles)}
    rows = [_row(group, template, key, values, titles)
            for (group, template, key), values in cells.items()]
    rows.sort(key=lambda r: (r.group or "", r.template or "",
                             order.get((r.template, r.key), len(order)), r.key))
    return rows


def _row(group: str | None, template: str | None, key: str, values: list[tuple[str, float]],
         titles: dict[tuple[str | None, str], str]) -> Aggregate:
    counts = dict.fromkeys(BANDS, 0)
    for _org, value in values:
        counts[str(band(value))] += 1
    good = counts["good"] + counts["outstanding"]
    return Aggregate(
        group=group, key=key, title=titles.get((template, key), key), template=template,
        audits=len(values), mean=sum(v for _, v in values) / len(values) if values else None,
        bands=counts, good_or_better=good / len(values) if values else None,
        lowest=tuple(sorted(values, key=lambda item: (item[1], item[0]))[:LOWEST]))


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
