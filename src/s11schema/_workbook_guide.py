"""The words of a workbook: its instructions, and what each heading says is required.

Everything here is worded from the template, so a workbook tells the person
filling it in what that partnership asks and nothing more: which ratings need
an action, where an N/A is explained, what a qualifier such as "*" means, which
standards apply to which kinds of organisation, and which cells are the
partnership's own (moderation). The sheet-building code (`_workbook`) only
places these texts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._rules._base import codes_for
from ._templates import Ratings, Template

if TYPE_CHECKING:
    from ._scales import Scale

DETAILS, RATINGS = "Details", "Ratings"
#: The Ratings sheet's heading for the explanation of an N/A, where it has its own column.
REASON_HEADING = "Reason for N/A"
NOTE_HEADING = "Note"


def required_note(ratings: Ratings, scale: Scale) -> str:
    """" (required)", " (required for Red, Amber)" or "": what a heading says of a rule that
    applies to some ratings, in the labels of the template's scale, worst first."""
    if ratings is True:
        return " (required)"
    codes = codes_for(ratings, scale)
    labels = [scale.label_of(code) for code in scale.codes if code in codes]
    return f" (required for {', '.join(labels)})" if labels else ""


def steps(template: Template, scales: dict[str, Scale], actions_sheet: str | None) -> list[str]:
    """How to fill in the return, step by step."""
    texts = [f.label or f.id for f in template.fields if f.type != "actions"]
    found = [f"1. On the '{DETAILS}' sheet, fill in your organisation's details, the date the "
             "return was completed, and the answers to the questions."]
    found.append(_sentence(f"2. On the '{RATINGS}' sheet, {_rating_step(template)}"
                           + (f"; and write: {'; '.join(texts)}" if texts else "")))
    if actions_sheet is not None:
        scale = scales[template.scale]
        needed = [scale.label_of(c) for c in scale.codes
                  if c in codes_for(template.actions.required_for, scale)]
        found.append(f"3. On the '{actions_sheet}' sheet, write one action per row: choose the "
                     f"standard it is for, then {_action_asks(template)}."
                     + (f" Ratings of {_either(needed)} need at least one action."
                        if needed else ""))
    found.append(f"{len(found) + 1}. When the return is complete and approved, set Status to "
                 f"Final on the '{DETAILS}' sheet, save the file (as .xlsx) and send it back to "
                 "the partnership.")
    return found


def _sentence(text: str) -> str:
    """The text ending with a full stop, unless it ends with one already (or a '?')."""
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _either(words: list[str]) -> str:
    """'Red', 'Red or Amber', 'Red, Amber or Blue'."""
    return " or ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else words[0]


def _rating_step(template: Template) -> str:
    standards = list(template.standards)
    rated = [s for s in standards if s.rated and not s.criteria]
    parts = []
    if rated:
        every = "every" if template.ratings_required else "each"
        parts.append(f"rate {every} standard with the drop-down in the Rating column"
                     + ("" if template.ratings_required else " (ratings are optional: leave "
                        "one blank where you cannot rate the standard)"))
    if any(s.criteria for s in standards):
        parts.append("for a standard scored by its criteria, answer Met, Not met or N/A for "
                     "each criterion in the rows beneath it")
    if any(not s.rated for s in standards):
        parts.append("standards marked 'Not rated' ask only for the written answers")
    return "; ".join(parts) or "answer each standard"


def _action_asks(template: Template) -> str:
    columns = template.actions.columns
    asks = {"action": "say what will be done", "lead": "who leads it", "due": "by when",
            "measure": "how you will know it worked"}
    words = [asks[c] for c in columns] or [asks["action"]]
    if "due" not in columns and template.actions.due_in_text:
        words.append("by when (in the same words)")
    return ", ".join(words[:-1]) + (" and " if len(words) > 1 else "") + words[-1]


def notes(template: Template, scales: dict[str, Scale]) -> list[str]:
    """What else the person filling it in needs to know, as the template declares it."""
    found: list[str] = []
    reason = _reason_place(template)
    if any(s.rated and not s.criteria and s.not_applicable
           and scales[s.scale or template.scale].not_applicable for s in template.standards):
        needs = any(scale.not_applicable and scale.not_applicable.reason_required
                    for scale in scales.values())
        found.append("Where a standard does not apply to your organisation, choose N/A"
                     + (f" and say why in the '{reason}' column." if needs else "."))
    if template.qualifier:
        mark = template.qualifier
        found.append(f"Where an answer holds only in part, choose it with a {mark} (such as "
                     f"Yes{mark}) and say how in the '{NOTE_HEADING}' column.")
    if template.unanswered:
        marks = " or ".join(f"'{m}'" for m in template.unanswered)
        found.append(f"A cell left blank, or holding {marks}, counts as not answered.")
    if any(s.applies_to for s in template.standards):
        found.append("Some standards apply only to some kinds of organisation (the 'Applies "
                     "to' column): choose your kind on the Details sheet and leave the "
                     "others blank.")
    if template.moderation is not None:
        found.append(f"The '{template.moderation.label}' column and the moderation rows on the "
                     "Details sheet are for the partnership, after it has reviewed the return: "
                     "please leave them blank.")
    window = template.window
    if window is not None and (window.opens or window.closes):
        span = " to ".join(d for d in (window.opens, window.closes) if d)
        found.append(f"Returns are accepted {'from ' if window.opens else 'until '}{span}.")
    return found


def _reason_place(template: Template) -> str:
    """The heading of the column where an N/A is explained."""
    where = template.not_applicable_reason
    if where == "reason":
        return REASON_HEADING
    return next((f.label or f.id for f in template.fields if f.id == where), where)


def scale_lines(scales: dict[str, Scale]) -> list[tuple[str, str]]:
    """Each scale's levels with what they mean, as (text, style) lines."""
    lines: list[tuple[str, str]] = []
    for scale in scales.values():
        lines.append((f"Rating scale: {scale.title}", "bold"))
        for level in scale.all_levels:
            described = f": {level.description}" if level.description else ""
            lines.append((f"{level.label}{described}", ""))
        na = scale.not_applicable
        if na is not None:
            lines.append((f"{na.label}: the standard does not apply to your organisation", ""))
    return lines


__all__ = ["NOTE_HEADING", "REASON_HEADING", "notes", "required_note", "scale_lines", "steps"]
