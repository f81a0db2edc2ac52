"""One audit placed on the common scale: per standard, per section, per domain, overall.

N/A, unanswered and out-of-scope standards have no value and are left out of
every mean, never counted as zero; so are answers that are not scores (yes/no
questions), which comparisons report as shares instead. The raw rating is always
kept beside its value.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from ._errors import NotFoundError, UnreadableError
from ._registry import Registry, default_registry
from ._results import CheckedAudit, Report
from ._scales import Band, Scale, band
from ._templates import Template
from ._timescales import find_timescale, parse_timescale
from ._validate import check
from .readers import AuditDocument, source_of

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
class Gap:
    """Moderated minus self-assessed, on the common scale: a difference, so it has no band."""

    value: float | None
    count: int

    @classmethod
    def of(cls, values: Iterable[float]) -> Gap:
        present = list(values)
        return cls(sum(present) / len(present) if present else None, len(present))


#: Statuses under which an action is still to be done.
OPEN_STATUSES = frozenset({"open", "in progress"})
#: Positions such as 1/3 are stored as floats: a gap of exactly the margin is over it.
_EPSILON = 1e-9


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
    #: The end of the timescale `due` (or, where the template says so, the action's text)
    #: names, read relative to completed_on; None if vague.
    due_date: date | None
    #: open, in progress, done or dropped; None where not given (counted as open).
    status: str | None = None
    progress: str | None = None
    done_on: str | None = None

    @property
    def open(self) -> bool:
        return self.status is None or self.status in OPEN_STATUSES

    def overdue(self, today: date) -> bool | None:
        """Open and due before `today`; None when the due date cannot be read (unknown is
        not on time). Done and dropped actions are never overdue."""
        if not self.open:
            return False
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
    #: None for N/A, unanswered, out of scope and answers that are not scores: never zero.
    value: float | None
    not_applicable: bool
    actions: int
    earliest_due: date | None
    #: False for an answer that is not a score (yes/no): reported as a share, not a mean.
    scored: bool = True
    #: Answered with the template's qualifier ("Yes*"), and the note that says how.
    qualified: bool = False
    note: str | None = None
    #: False where the standard does not apply to the organisation's kind.
    in_scope: bool = True
    #: Moderated minus self-assessed, where both are given (no band: it is a difference).
    gap: float | None = None
    #: The self-assessment is above the moderated rating by the template's margin or more.
    over_rated: bool = False
    #: False for a standard asked only for its fields, with no rating.
    rated: bool = True

    @property
    def band(self) -> Band | None:
        return None if self.value is None else band(self.value)

    @property
    def answer(self) -> str | None:
        """The answer given, scored or not (the rating used, or None)."""
        return self.rating


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
    gap: Gap = Gap(None, 0)
    #: The same per domain.
    domain_gaps: dict[str, Gap] = field(default_factory=dict)
    #: The organisation's kind, where the template sorts organisations by kind.
    organisation_kind: str | None = None
    #: The cycle the audit belongs to, as written: its own `cycle`, or its template's.
    cycle: str | None = None
    #: The respondent's details as written: personal data, never in `to_dict()`, kept only so
    #: that exports can include them when asked and reports can keep them out of free text.
    respondent: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: dates as ISO text, bands as names."""
        def mean(m: Mean) -> dict[str, Any]:
            return {"value": m.value, "count": m.count, "band": str(m.band) if m.band else None}

        def gap(g: Gap) -> dict[str, Any]:
            return {"value": g.value, "count": g.count}

        return {
            "file": self.file, "template": self.template,
            "template_version": self.template_version, "cycle": self.cycle,
            "partnership": self.partnership, "organisation": self.organisation,
            "organisation_type": self.organisation_type,
            "organisation_kind": self.organisation_kind, "areas": list(self.areas),
            "status": self.status,
            "completed_on": self.completed_on.isoformat() if self.completed_on else None,
            "rating": self.rating, "fell_back": self.fell_back,
            "overall": mean(self.overall), "gap": gap(self.gap),
            "sections": {k: mean(v) for k, v in self.sections.items()},
            "domains": {k: mean(v) for k, v in self.domains.items()},
            "domain_gaps": {k: gap(v) for k, v in self.domain_gaps.items()},
            "standards": [score_row(s) for s in self.scores],
        }


class TemplateLookup:
    """The template each normalised audit was made on, looked up once per id and version;
    None for an audit given already normalised, on a template not known here."""

    def __init__(self, registry: Registry) -> None:
        self._registry = registry
        self._found: dict[tuple[str, str | None], Template | None] = {}

    def __call__(self, audit: NormalisedAudit) -> Template | None:
        key = (audit.template, audit.template_version)
        if key not in self._found:
            try:
                self._found[key] = self._registry.template(*key)
            except NotFoundError:
                self._found[key] = None
        return self._found[key]


def score_row(score: Score) -> dict[str, Any]:
    return {
        "standard": score.standard, "section": score.section, "domains": list(score.domains),
        "scale": score.scale, "rating": score.rating, "self_rating": score.self_rating,
        "moderated_rating": score.moderated_rating, "scored": score.scored,
        "value": score.value, "band": str(score.band) if score.band else None,
        "gap": score.gap, "over_rated": score.over_rated,
        "not_applicable": score.not_applicable,
        "qualified": score.qualified, "note": score.note, "in_scope": score.in_scope,
        "actions": score.actions,
        "earliest_due": score.earliest_due.isoformat() if score.earliest_due else None,
    }


def normalise(audit: CheckedAudit | Report | dict[str, Any] | str | os.PathLike[str],
              template: Template | str | None = None, *, registry: Registry | None = None,
              rating: RatingSource = "self", name: str | None = None) -> NormalisedAudit:
    """Place an audit on the common scale: a checked audit (from `validate`), or a dict,
    a path or JSON text, which is checked first.

    Ratings that are not codes of their scale count as unanswered; the report of
    `validate` says which they are.
    """
    return _normalise(checked_audit(audit, template, registry=registry, name=name), rating)


def checked_audit(audit: CheckedAudit | Report | dict[str, Any] | str | os.PathLike[str],
                  template: Template | str | None = None, *, registry: Registry | None = None,
                  name: str | None = None) -> CheckedAudit:
    """The checked audit behind any input; UnreadableError or NotFoundError if there is none."""
    if isinstance(audit, CheckedAudit):
        return audit
    report = audit if isinstance(audit, Report) else _check(audit, template, registry, name)
    if report.audit is None:
        raise _why_unchecked(report)
    return report.audit


def _check(audit: dict[str, Any] | str | os.PathLike[str], template: Template | str | None,
           registry: Registry | None, name: str | None) -> Report:
    """Check an audit, raising NotFoundError for a template that cannot be found."""
    registry = registry or default_registry()
    document = (AuditDocument(name or "<audit>", audit) if isinstance(audit, dict)
                else source_of(audit, name).parse())
    data = document.data
    if template is None and isinstance(data, dict) and isinstance(data.get("template"), str):
        version = data.get("template_version")
        template = registry.template(data["template"], version if isinstance(version, str)
                                     else None)
    elif isinstance(template, str):
        template = registry.template(template)
    return check(document, template, registry=registry)


def _why_unchecked(report: Report) -> UnreadableError:
    """Why an audit could not be checked at all (not an object, no template named)."""
    return UnreadableError(report.errors or report.findings)


def _normalise(audit: CheckedAudit, rating: RatingSource) -> NormalisedAudit:
    data, template = audit.data, audit.template
    responses = data.get("responses") if isinstance(data.get("responses"), dict) else {}
    assert isinstance(responses, dict)
    completed = audit.completed_on
    action_fields = [f.id for f in template.fields if f.type == "actions"]
    due_in_text = template.actions.due_in_text
    scores: list[Score] = []
    planned: list[PlannedAction] = []
    margin = template.moderation.over_rating_margin if template.moderation else None
    fell_back = 0
    for standard in template.standards:
        scale = audit.scales[standard.id]
        response = responses.get(standard.id)
        response = response if isinstance(response, dict) else {}
        in_scope = standard.id not in audit.out_of_scope
        own = audit.ratings.get(standard.id) if in_scope else None
        moderated = audit.moderated.get(standard.id) if in_scope else None
        used = own
        if rating == "moderated":
            used = moderated or own
            fell_back += moderated is None and own is not None
        scored = (scale.scored if standard.scored is None else standard.scored) and in_scope
        value = _value(audit, standard.id, scale, used) if scored else None
        self_value = scale.normalise(own) if own else None
        moderated_value = scale.normalise(moderated) if moderated else None
        section = template.section_of[standard.id].id
        actions = [_planned(a, standard.id, section, completed, due_in_text)
                   for f in action_fields for a in _list(response.get(f))
                   if isinstance(a, dict)] if in_scope else []
        planned.extend(actions)
        dues = [a.due_date for a in actions if a.due_date and a.open]
        scores.append(Score(
            standard=standard.id, section=section,
            domains=standard.domains, scale=scale.id, rating=used, self_rating=own,
            moderated_rating=moderated, value=value,
            not_applicable=bool(used and scale.is_not_applicable(used)),
            actions=len(actions), earliest_due=min(dues) if dues else None,
            scored=scored, qualified=standard.id in audit.qualified,
            note=_text(response.get("note")), in_scope=in_scope,
            rated=standard.rated or bool(standard.criteria),
            gap=(gap := moderated_value - self_value if scored and self_value is not None
                 and moderated_value is not None else None),
            over_rated=gap is not None and margin is not None and -gap >= margin - _EPSILON))
    organisation = data.get("organisation") if isinstance(data.get("organisation"), dict) else {}
    assert isinstance(organisation, dict)
    return NormalisedAudit(
        file=audit.name, template=template.id, template_version=template.version,
        partnership=template.partnership, organisation=_text(organisation.get("name")) or "",
        organisation_type=_text(organisation.get("type")),
        areas=tuple(a for a in _list(organisation.get("areas")) if isinstance(a, str))
        or template.areas,
        status=audit.status, completed_on=completed, rating=rating,
        fell_back=fell_back, scores=tuple(scores), actions=tuple(planned),
        sections={s.id: Mean.of(x.value for x in scores if x.section == s.id)
                  for s in template.sections},
        domains=_domain_means(scores), overall=Mean.of(s.value for s in scores),
        gap=Gap.of(s.gap for s in scores if s.gap is not None),
        domain_gaps=_domain_gaps(scores),
        organisation_kind=_text(organisation.get("kind")),
        cycle=_text(data.get("cycle")) or template.cycle,
        respondent=_respondent(data))


def _value(audit: CheckedAudit, standard_id: str, scale: Scale, used: str | None) -> float | None:
    """The common-scale value: the criteria met, for a criteria-weighted standard."""
    if standard_id in audit.criteria:
        return audit.criteria[standard_id]
    return scale.normalise(used) if used else None


def _respondent(data: dict[str, Any]) -> dict[str, str]:
    respondent = data.get("respondent")
    if not isinstance(respondent, dict):
        return {}
    return {k: v for k, v in respondent.items() if isinstance(v, str) and v.strip()}


def _planned(action: dict[str, Any], standard: str, section: str, completed: date | None,
             due_in_text: bool) -> PlannedAction:
    due, text = _text(action.get("due")), _text(action.get("action"))
    if due:
        timescale = parse_timescale(due, after=completed)
    else:
        timescale = find_timescale(text, after=completed) if due_in_text and text else None
    status = _text(action.get("status"))
    return PlannedAction(standard, section, text, _text(action.get("lead")),
                         _text(action.get("measure")), due,
                         timescale.end if timescale else None,
                         status.strip().casefold() if status else None,
                         _text(action.get("progress")), _text(action.get("done_on")))


def _domain_means(scores: list[Score]) -> dict[str, Mean]:
    by_domain: dict[str, list[float | None]] = {}
    for score in scores:
        if not score.scored:
            continue
        for domain in score.domains:
            by_domain.setdefault(domain, []).append(score.value)
    return {domain: Mean.of(values) for domain, values in by_domain.items()}


def _domain_gaps(scores: list[Score]) -> dict[str, Gap]:
    by_domain: dict[str, list[float]] = {}
    for score in scores:
        for domain in score.domains if score.gap is not None else ():
            by_domain.setdefault(domain, []).append(score.gap or 0.0)
    return {domain: Gap.of(values) for domain, values in by_domain.items()}


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []
