"""Descriptions of templates and scales, for people and for programs."""

from __future__ import annotations

from typing import Any

from ._model import show_position
from ._registry import Registry
from ._scales import Scale, band
from ._templates import Template


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
        "sections": [
            {"id": section.id, "title": section.title, "standards": [
                {"id": st.id, "text": st.text, "domains": list(st.domains),
                 "not_applicable": st.not_applicable,
                 "rating_codes": scales[st.scale or template.scale].valid_codes(
                     allow_na=st.not_applicable)}
                for st in section.standards]}
            for section in template.sections
        ],
    }


def template_text(template: Template, registry: Registry) -> str:
    """A template laid out for reading in a terminal."""
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
            override = f" [scale {standard.scale}]" if standard.scale else ""
            lines.append(f"  {standard.id:>6}  {_shorten(standard.text)}{override}")
    if template.questions:
        lines += ["", "Questions:"]
        lines += [f"  {q.id}: {_shorten(q.text)} ({q.type})" for q in template.questions]
    return "\n".join(lines)


def _shorten(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
