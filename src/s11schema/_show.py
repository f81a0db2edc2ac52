"""Descriptions of templates and scales, for people and for programs."""

from __future__ import annotations

import textwrap
from typing import Any

from ._audit import guide_of
from ._model import show_position
from ._registry import Registry
from ._scales import Scale, band
from ._templates import Standard, Template


def scale_summary(scale: Scale) -> dict[str, Any]:
    """A scale's codes, aliases and common-scale positions, as plain data."""
    na = scale.not_applicable
    return {
        "id": scale.id,
        "title": scale.title,
        "levels": [
            {"code": level.code, "label": level.label, "aliases": list(level.aliases),
             "normalised": scale.positions[level.code],
             "band": str(band(scale.positions[level.code]))}
            for level in scale.all_levels
        ],
        "not_applicable": None if na is None else {
            "code": na.code, "label": na.label, "aliases": list(na.aliases),
            "reason_required": na.reason_required},
    }


def template_summary(template: Template, registry: Registry) -> dict[str, Any]:
    """Everything a program needs to fill in an audit: ids, codes, fields, questions."""
    scales = {s: registry.scale(s) for s in template.scale_ids()}
    return {
        "id": template.id,
        "version": template.version,
        "title": template.title,
        "partnership": template.partnership,
        "cycle": template.cycle,
        "scale": scale_summary(scales[template.scale]),
        "fields": [f.model_dump(mode="json") for f in template.fields],
        "actions": template.actions.model_dump(mode="json", by_alias=True),
        "organisation": [d.model_dump(mode="json") for d in template.organisation],
        "respondent": [d.model_dump(mode="json") for d in template.respondent],
        "questions": [q.model_dump(mode="json") for q in template.questions],
        "standard_ids": list(template.standard_ids),
        "ratings_required": template.ratings_required,
        "completed_on": template.completed_on,
        "unanswered": list(template.unanswered),
        "qualifier": template.qualifier,
        "organisation_kinds": [k.model_dump(mode="json") for k in template.organisation_kinds],
        "moderation": template.moderation.model_dump(mode="json") if template.moderation
        else None,
        "window": template.window.model_dump(mode="json") if template.window else None,
        "sections": [
            {"id": section.id, "title": section.title, "rationale": section.rationale,
             "standards": [_standard(template, st, scales) for st in section.standards]}
            for section in template.sections
        ],
    }


def _standard(template: Template, standard: Standard, scales: dict[str, Scale]) -> dict[str, Any]:
    scale = scales[standard.scale or template.scale]
    return {
        **guide_of(standard), "id": standard.id, "domains": list(standard.domains),
        "scale": scale.id, "rated": standard.rated,
        "scored": scale.scored if standard.scored is None else standard.scored,
        "required": template.rating_required(standard), "not_applicable": standard.not_applicable,
        "rating_codes": scale.valid_codes(allow_na=standard.not_applicable)
        if standard.rated and not standard.criteria else [],
    }


def template_text(template: Template, registry: Registry, *, guidance: bool = True) -> str:
    """A template laid out for reading in a terminal; with `guidance`, each standard's
    guidance bullets, evidence examples and references under it."""
    scale = registry.scale(template.scale)
    lines = [f"{template.title} ({template.label})", template.partnership, ""]
    lines.append(f"Scale: {scale.id}: " + ", ".join(
        f"{lv.code} ({lv.label}, {show_position(scale.positions[lv.code])})"
        for lv in scale.all_levels[:12]) + (" ..." if len(scale.all_levels) > 12 else ""))
    if scale.not_applicable:
        lines.append(f"Not applicable: {scale.not_applicable.code}"
                     + (" (reason required)" if scale.not_applicable.reason_required else ""))
    lines.append("Fields: " + ", ".join(
        f"{f.id}{' (' + f.type + ')' if f.type != 'text' else ''}" for f in template.fields))
    for section in template.sections:
        lines += ["", f"{section.id}  {section.title}"]
        for standard in section.standards:
            lines += _standard_lines(standard, guidance=guidance)
    if template.questions:
        lines += ["", "Questions:"]
        lines += [f"  {q.id}: {_shorten(q.text)} ({q.type})" for q in template.questions]
    return "\n".join(lines)


def _standard_lines(standard: Standard, *, guidance: bool) -> list[str]:
    notes = [f"scale {standard.scale}"] if standard.scale else []
    notes += ["not rated"] if not standard.rated else []
    notes += [f"applies to {', '.join(standard.applies_to)}"] if standard.applies_to else []
    shown = f" [{'; '.join(notes)}]" if notes else ""
    if not guidance:
        return [f"  {standard.id:>6}  {_shorten(standard.text)}{shown}"]
    lines = _wrapped(standard.text + shown, f"  {standard.id:>6}  ")
    indent = " " * 10
    for item in standard.guidance:
        lines += _wrapped(item, f"{indent}- ")
    if standard.evidence_examples:
        lines.append(f"{indent}Evidence, for example:")
        for example in standard.evidence_examples:
            lines += _wrapped(example, f"{indent}  - ")
    lines += [f"{indent}See: {r.scheme}, {r.ref}" for r in standard.references]
    for criterion in standard.criteria:
        lines += _wrapped(f"{criterion.text} ({criterion.weight}/100)",
                          f"{indent}[{criterion.id}] ")
    return lines


def _wrapped(text: str, first: str, width: int = 100) -> list[str]:
    """Guidance in full, wrapped: a respondent reads all of it."""
    return textwrap.wrap(" ".join(text.split()), width, initial_indent=first,
                         subsequent_indent=" " * len(first))


def _shorten(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
