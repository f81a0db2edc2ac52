"""One audit placed on the common scale: per standard, per section, per domain, overall.

N/A and unanswered standards have no value and are left out of every mean,
never counted as zero. The raw rating is always kept beside its value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from .audit import iso_date, not_an_object, source_of
from .errors import UnreadableError
from .registry import Registry, default_registry
from .scales import Band, band
from .templates import Template
from .timescales import parse_timescale

RatingSource = Literal["self", "moderated"]


@dataclass(frozen=True, slots=True)
class Mean:
    """A mean on the common scale and the number of values it rests on."""

    value: float | None
    count: int

    @property
    def band(self) -> Band | None:
        return None if self.value is None else band(self.value)

    @classmethod
    def of(cls, values: Iterable[float | None]) -> Mean:
        present = [v for v in values if v is not None]
        return cls(sum(present) / len(present) if present else None, len(present))


@dataclass(frozen=True, slots=True)
class PlannedAction:
    """One improvement action, read once here for every table and report that lists it."""

    standard: str
    section: str
    #: The text as the organisation wrote it (None where blank or not text).
    action: str | None
    lead: str | None
    measure: str | None
    due: str | None
    #: The end of the timescale `due` names, read relative to completed_on; None if vague.
    due_date: date | None

    def overdue(self, today: date) -> bool | None:
        """Due before `today`; None when the due date cannot be read (unknown is not on time)."""
        return None if self.due_date is None else self.due_date < today


@dataclass(frozen=True, slots=True)
class Score:
    """One standard: the rating used, its common-scale value and band."""

    standard: str
    section: str
    domains: tuple[str, ...]
    scale: str
    #: The canonical code used (self-assessed, or moderated where asked for).
    rating: str | None
    self_rating: str | None
    moderated_rating: str | None
    #: None for N/A and unanswered: never zero.
    value: float | None
    not_applicable: bool
    actions: int
    earliest_due: date | None

    @property
    def band(self) -> Band | None:
        return None if self.value is None else band(self.value)


@dataclass(frozen=True, slots=True)
class NormalisedAudit:
    """An audit on the common scale."""

    file: str | None
    template: str
    template_version: str | None
    partnership: str
    organisation: str
    organisation_type: str | None
    areas: tuple[str, ...]
    status: str | None
    completed_on: date | None
    rating: RatingSource
    #: With rating="moderated": standards with no moderated rating, scored on self.
    fell_back: int
    scores: tuple[Score, ...]
    #: Every action of the audit, in the template's order of standards.
    actions: tuple[PlannedAction, ...] = ()
    sections: dict[str, Mean] = field(default_factory=dict)
    domains: dict[str, Mean] = field(default_factory=dict)
    overall: Mean = Mean(None, 0)
    #: Mean of (moderated - self) over standards that have both.
    gap: Mean = Mean(None, 0)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: dates as ISO text, bands as names."""
        def mean(m: Mean) -> dict[str, Any]:
            return {"value": m.value, "count": m.count, "band": str(m.band) if m.band else None}

        return {
            "file": self.file, "template": self.template,
            "template_version": self.template_version, "partnership": self.partnership,
            "organisation": self.organisation, "organisation_type": self.organisation_type,
            "areas": list(self.areas), "status": self.status,
            "completed_on": self.completed_on.isoformat() if self.completed_on else None,
            "rating": self.rating, "fell_back": self.fell_back,
            "overall": mean(self.overall), "gap": mean(self.gap),
            "sections": {k: mean(v) for k, v in self.sections.items()},
            "domains": {k: mean(v) for k, v in self.domains.items()},
            "standards": [score_row(s) for s in self.scores],
        }


def score_row(score: Score) -> dict[str, Any]:
    return {
        "standard": score.standard, "section": score.section, "domains": list(score.domains),
        "scale": score.scale, "rating": score.rating, "self_rating": score.self_rating,
        "moderated_rating": score.moderated_rating, "value": score.value,
        "band": str(score.band) if score.band else None,
        "not_applicable": score.not_applicable, "actions": score.actions,
        "earliest_due": score.earliest_due.isoformat() if score.earliest_due else None,
    }


def normalise(audit: Any, template: Template | str | None = None, *,
              registry: Registry | None = None, rating: RatingSource = "self",
              name: str | None = None) -> NormalisedAudit:
    """Place an audit (a dict, a path, or JSON text) on the common scale.

    Ratings that are not codes of the scale count as unanswered; validate
    first (`s11schema.validate`) to be told about them.
    """
    registry = registry or default_registry()
    if isinstance(audit, dict):
        data, file = audit, name
    else:
        source = source_of(audit, name)
        data, file = source.parse().data, source.name
    if not isinstance(data, dict):
        raise UnreadableError(not_an_object(file or "<audit>", data).findings)
    if not isinstance(template, Template):
        template = registry.template(str(template or data.get("template")),
                                     None if template else _text(data.get("template_version")))
    return _normalise(data, template, registry, rating, file)


def _normalise(data: dict[str, Any], template: Template, registry: Registry,
               rating: RatingSource, file: str | None) -> NormalisedAudit:
    responses = data.get("responses") if isinstance(data.get("responses"), dict) else {}
    assert isinstance(responses, dict)
    completed = iso_date(data.get("completed_on"))
    action_fields = [f.id for f in template.fields if f.type == "actions"]
    scores: list[Score] = []
    planned: list[PlannedAction] = []
    fell_back = 0
    gaps: list[float | None] = []
    for standard in template.standards:
        scale = registry.scale(standard.scale or template.scale)
        response = responses.get(standard.id)
        response = response if isinstance(response, dict) else {}
        own = scale.resolve(response.get("rating"))
        moderated = scale.resolve(response.get("moderated_rating"))
        used = own
        if rating == "moderated":
            used = moderated or own
            fell_back += moderated is None and own is not None
        value = scale.normalise(used) if used else None
        self_value = scale.normalise(own) if own else None
        moderated_value = scale.normalise(moderated) if moderated else None
        if self_value is not None and moderated_value is not None:
            gaps.append(moderated_value - self_value)
        section = template.section_of[standard.id].id
        actions = [_planned(a, standard.id, section, completed) for f in action_fields
                   for a in _list(response.get(f)) if isinstance(a, dict)]
        planned.extend(actions)
        dues = [a.due_date for a in actions if a.due_date]
        scores.append(Score(
            standard=standard.id, section=section,
            domains=standard.domains, scale=scale.id, rating=used, self_rating=own,
            moderated_rating=moderated, value=value,
            not_applicable=bool(used and scale.is_not_applicable(used)),
            actions=len(actions), earliest_due=min(dues) if dues else None))
    organisation = data.get("organisation") if isinstance(data.get("organisation"), dict) else {}
    assert isinstance(organisation, dict)
    return NormalisedAudit(
        file=file, template=template.id, template_version=template.version,
        partnership=template.partnership, organisation=_text(organisation.get("name")) or "",
        organisation_type=_text(organisation.get("type")),
        areas=tuple(a for a in _list(organisation.get("areas")) if isinstance(a, str)),
        status=_text(data.get("status")), completed_on=completed, rating=rating,
        fell_back=fell_back, scores=tuple(scores), actions=tuple(planned),
        sections={s.id: Mean.of(x.value for x in scores if x.section == s.id)
                  for s in template.sections},
        domains=_domain_means(scores), overall=Mean.of(s.value for s in scores),
        gap=Mean.of(gaps))


def _planned(action: dict[str, Any], standard: str, section: str,
             completed: date | None) -> PlannedAction:
    due = _text(action.get("due"))
    timescale = parse_timescale(due, after=completed) if due else None
    return PlannedAction(standard, section, _text(action.get("action")),
                         _text(action.get("lead")), _text(action.get("measure")), due,
                         timescale.end if timescale else None)


def _domain_means(scores: list[Score]) -> dict[str, Mean]:
    by_domain: dict[str, list[float | None]] = {}
    for score in scores:
        for domain in score.domains:
            by_domain.setdefault(domain, []).append(score.value)
    return {domain: Mean.of(values) for domain, values in by_domain.items()}


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []
