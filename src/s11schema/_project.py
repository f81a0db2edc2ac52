"""A return's answers brought onto a template through a crosswalk: the engine behind
carrying a return forward (`carry_forward`) and translating it (`translate`).

The result is a blank draft of the target template (as `new_audit` makes it) with,
for each standard the crosswalk reaches, what the source standards mapped to it
answered:

- the rating, through the common scale: one answer on the same scale keeps its code;
  otherwise the mean of the source positions becomes the target scale's nearest level
  (`Scale.nearest`). N/A stays N/A where the target allows it; answers that are not
  scores (yes/no) carry only onto the same scale; moderated ratings are never carried;
- text fields into the field of the same id (or the one the crosswalk names, else the
  first text field), prefixed with the source standard's id wherever it is not the same
  standard; typed fields where the target has one of the same type, else written out;
- actions into the target's action table, with only its columns: the others are written
  into the action's text, so nothing is lost;
- and a `carried` mark on each response given anything, for the respondent to confirm.

Whatever the target's rules refuse as it stands is settled before the draft is handed
back: a carried rating that would need an action, evidence or a reason the source did
not give is kept in the mark as a suggestion (`carried.rating`), and the standard is
left to answer; an action the target refuses whatever the rating (it lacks a column
required of every action, or fails a SMART check the target makes an error) is
written out as text beside the others. Nothing is invented to fill a gap. The draft
validates on its template with no errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ._answer import Answer, Options, as_list, blank
from ._audit import RESPONDENT_KEYS, new_audit
from ._crosswalk import Crosswalk, label_of
from ._registry import Registry
from ._results import CheckedAudit
from ._rules.responses import is_out_of_scope
from ._settle import settle
from ._templates import Template


@dataclass(frozen=True, slots=True)
class CarryReport:
    """What carrying a return forward (or translating it) did, standard by standard.

    It names standards and counts answers only: never an organisation's or a person's
    details, so it can be shown to anyone.
    """

    #: The template answered, and the template of the draft, as `id@version`.
    source: str
    target: str
    #: Where the mapping came from: a crosswalk file, "same ids" or "shared domains".
    crosswalk: str
    #: Standards of the draft given an answer (or part of one) from the source.
    carried: tuple[str, ...] = ()
    #: Standards carried whose wording differs from the standard that was answered.
    text_changed: tuple[str, ...] = ()
    #: Standards carried through a shared common domain only.
    by_domain: tuple[str, ...] = ()
    #: Standards of the target that no standard of the source maps to.
    new: tuple[str, ...] = ()
    #: Standards of the source whose answers go nowhere in the target.
    dropped: tuple[str, ...] = ()
    #: Standards the draft asks to be answered (rated, or filled in) that it leaves blank.
    to_answer: tuple[str, ...] = ()
    #: Standard -> why its carried rating is only suggested in its mark.
    withheld: Mapping[str, str] = field(default_factory=dict)
    #: Standard -> why some of its carried actions are written out as text, not in the
    #: action table (they lack a column the template requires of every action, or fail a
    #: SMART check it makes an error).
    moved: Mapping[str, str] = field(default_factory=dict)
    #: Actions carried, for the respondent to update.
    actions: int = 0


def project(audit: CheckedAudit, crosswalk: Crosswalk, *, registry: Registry,
            options: Options) -> tuple[dict[str, Any], CarryReport]:
    """The draft of `crosswalk.target` the checked `audit` answers, and what was done.
    (`Options` says how carrying forward and translating differ.)"""
    source, target = audit.template, crosswalk.target
    draft = new_audit(target, registry=registry, guide=options.guide)
    data = audit.data
    draft["organisation"] = _organisation(data, target, draft["organisation"],
                                          keep_areas=options.keep_areas)
    if options.include_personal:
        _respondent(data, target, draft)
    kind = draft["organisation"].get("kind") or None
    responses = data.get("responses") if isinstance(data.get("responses"), dict) else {}
    assert isinstance(responses, dict)
    carried: list[str] = []
    actions = 0
    for standard in target.standards:
        sources = [s for s in crosswalk.sources.get(standard.id, ())
                   if s not in audit.out_of_scope]
        if not sources or is_out_of_scope(standard, kind):
            continue
        answer = Answer(audit, crosswalk, standard, tuple(sources),
                        registry.scale_for(target, standard.id),
                        draft["responses"][standard.id], options)
        for source_id in sources:
            answer.take(source_id, responses.get(source_id))
        answer.settle_reason()
        actions += answer.actions
        if answer.given:
            answer.mark(sources)
            carried.append(standard.id)
    withheld, moved = settle(draft, target, registry)
    return draft, CarryReport(
        source=label_of(source), target=label_of(target), crosswalk=crosswalk.origin,
        carried=tuple(carried),
        text_changed=tuple(s for s in carried if crosswalk.text_changed(s)),
        by_domain=tuple(s for s in carried if s in crosswalk.by_domain),
        new=crosswalk.new, dropped=crosswalk.dropped,
        to_answer=_to_answer(draft, target, kind), withheld=withheld, moved=moved,
        actions=actions)


def _organisation(data: dict[str, Any], target: Template, blank: dict[str, Any], *,
                  keep_areas: bool) -> dict[str, Any]:
    """The organisation's details the target asks for; its kind only where the target has
    that kind; its areas (all of them, or only the target partnership's)."""
    given = data.get("organisation")
    if not isinstance(given, dict):
        return blank
    details = dict(blank)
    for key in ("name", "type", *(d.id for d in target.organisation)):
        if isinstance(given.get(key), str):
            details[key] = given[key]
    areas = [a for a in as_list(given.get("areas")) if isinstance(a, str)]
    ours = {a.casefold() for a in target.areas}
    details["areas"] = areas if keep_areas else [a for a in areas if a.casefold() in ours]
    kind = given.get("kind")
    if "kind" in details:
        details["kind"] = kind if kind in {k.id for k in target.organisation_kinds} else ""
    return details


def _respondent(data: dict[str, Any], target: Template, draft: dict[str, Any]) -> None:
    """The respondent's details, personal data, only where asked for."""
    given = data.get("respondent")
    if not isinstance(given, dict):
        return
    known = RESPONDENT_KEYS | {d.id for d in target.respondent}
    details = {k: v for k, v in given.items() if k in known and isinstance(v, str)}
    if details:
        draft["respondent"] = {**draft.get("respondent", {}), **details}


def _to_answer(draft: dict[str, Any], target: Template, kind: str | None) -> tuple[str, ...]:
    """The standards the organisation is asked that the draft leaves blank: unrated where
    a rating (or criteria) is asked, empty where only fields are."""
    fields = [f.id for f in target.fields]
    left = []
    for standard in target.standards:
        if is_out_of_scope(standard, kind):
            continue
        response = draft["responses"][standard.id]
        if standard.criteria:
            answered = any(not blank(v) for v in _dict(response.get("criteria")).values())
        elif standard.rated:
            answered = not blank(response.get("rating"))
        else:
            answered = any(not blank(response.get(f)) for f in fields)
        if not answered:
            left.append(standard.id)
    return tuple(left)


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
