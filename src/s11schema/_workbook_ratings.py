"""The Ratings sheet of a workbook: a row per standard, and a row per criterion beneath it.

Each column is a `Column`: its heading, its width, how a standard's cell is
written and how a criterion's row fills it. Which columns a template gets
follows what it declares: guidance, evidence examples, references and the
organisation kinds a standard applies to where any standard has them; a
rating drop-down of each standard's own scale (none for a standard that is not
rated; one per criterion for a standard scored by its criteria); the
moderated rating only where the template declares moderation; a note only
where it declares a qualifier; a reason for N/A only where N/A is explained in
a column of its own; then its fields, each as `FIELD_TYPES` lays out its type.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ._cell_types import CELL_TYPES
from ._templates import Criterion, ResponseField, Standard
from ._workbook_guide import NOTE_HEADING, RATINGS, REASON_HEADING, required_note

if TYPE_CHECKING:
    from ._scales import Scale
    from ._workbook import Builder, Sheet

#: What a criterion's drop-down shows, and what the audit stores.
CRITERION_ENTRIES = {"Met": "met", "Not met": "not met", "N/A": "n/a"}

Write = Callable[["Builder", "Sheet", int, Standard], None]
WriteCriterion = Callable[["Builder", "Sheet", int, Standard, Criterion], None]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the Ratings sheet."""

    heading: str
    width: float
    #: How a standard's cell in this column is written.
    write: Write
    #: How a criterion's row fills this column; None leaves it empty.
    criterion: WriteCriterion | None = None


def ratings_sheet(builder: Builder) -> None:
    """The Ratings sheet: sections as shaded rows, a row per standard, criteria beneath."""
    columns = columns_of(builder)
    into = builder.sheet(RATINGS, {i: c.width for i, c in enumerate(columns, start=1)})
    into.row = 1
    for index, column in enumerate(columns, start=1):
        builder.put(into, index, column.heading, style="heading", fixed="heading")
    into.sheet.freeze_panes = "C2"
    for section in builder.template.sections:
        builder.section_row(into, section.id, len(columns), fixed="section",
                            label=section.title)
        for standard in section.standards:
            into.row += 1
            for index, column in enumerate(columns, start=1):
                column.write(builder, into, index, standard)
            for criterion in standard.criteria:
                into.row += 1
                for index, column in enumerate(columns, start=1):
                    if column.criterion is not None:
                        column.criterion(builder, into, index, standard, criterion)
    builder.protect(into)


def columns_of(builder: Builder) -> list[Column]:
    """The columns a template's Ratings sheet has, in order."""
    template = builder.template
    standards = list(template.standards)
    columns = [Column("No.", 8, _number, _criterion_number),
               Column("Standard", 50, _text(lambda s: s.text), _criterion_text)]
    if any(s.guidance for s in standards):
        columns.append(Column("Guidance", 50, _text(lambda s: _bullets(s.guidance))))
    if any(s.evidence_examples for s in standards):
        columns.append(Column("Evidence examples", 40,
                              _text(lambda s: _bullets(s.evidence_examples))))
    if any(s.references for s in standards):
        columns.append(Column("References", 30, _text(_references)))
    if any(s.applies_to for s in standards):
        kinds = {k.id: k.label or k.id for k in template.organisation_kinds}
        columns.append(Column("Applies to", 20, _text(
            lambda s: "\n".join(kinds.get(k, k) for k in s.applies_to))))
    columns.append(Column("Rating", 18, _rating, _criterion_rating))
    if template.moderation is not None:
        columns.append(Column(f"{template.moderation.label} (for the partnership)", 18,
                              _moderated))
    if template.qualifier:
        columns.append(Column(f"{NOTE_HEADING} (what the {template.qualifier} of an answer "
                              "means)", 30, _note))
    if template.not_applicable_reason == "reason" and any(
            _rated(s) and allows_na(builder, s) for s in standards):
        columns.append(Column(REASON_HEADING, 30, _reason))
    for item in template.fields:
        columns += FIELD_TYPES[item.type](builder, item)
    return columns


# ---------------------------------------------------------------------- the form's text


def _number(builder: Builder, into: Sheet, column: int, standard: Standard) -> None:
    builder.put(into, column, standard.id, style="bold", fixed="standard")


def _criterion_number(builder: Builder, into: Sheet, column: int, standard: Standard,
                      criterion: Criterion) -> None:
    builder.put(into, column, f"{standard.id}/{criterion.id}", fixed="criterion")


def _criterion_text(builder: Builder, into: Sheet, column: int, standard: Standard,
                    criterion: Criterion) -> None:
    builder.put(into, column, f"{criterion.text} ({criterion.weight} of 100)")


def _text(text_of: Callable[[Standard], str]) -> Write:
    def write(builder: Builder, into: Sheet, column: int, standard: Standard) -> None:
        builder.put(into, column, text_of(standard) or None)

    return write


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"• {item}" for item in items)


def _references(standard: Standard) -> str:
    return "\n".join(f"{r.scheme}: {r.ref}" + (f" ({r.url})" if r.url else "")
                     for r in standard.references)


# ---------------------------------------------------------------------- ratings


def allows_na(builder: Builder, standard: Standard) -> bool:
    return standard.not_applicable and builder.scale_of(standard).not_applicable is not None


def _rated(standard: Standard) -> bool:
    """Whether the standard takes a rating of its own (not one only of fields or criteria)."""
    return standard.rated and not standard.criteria


def _rating(builder: Builder, into: Sheet, column: int, standard: Standard) -> None:
    if not _rated(standard):
        text = "Scored by its criteria below" if standard.criteria else "Not rated"
        builder.put(into, column, text, style="muted")
        return
    _rating_answer(builder, into, column, standard, "rating", f"the rating of {standard.id}",
                   qualifier=builder.template.qualifier)


def _moderated(builder: Builder, into: Sheet, column: int, standard: Standard) -> None:
    if _rated(standard):
        _rating_answer(builder, into, column, standard, "moderated_rating",
                       f"the moderated rating of {standard.id}", qualifier=None)


def _rating_answer(builder: Builder, into: Sheet, column: int, standard: Standard, key: str,
                   label: str, *, qualifier: str | None) -> None:
    scale = builder.scale_of(standard)
    allow_na = allows_na(builder, standard)
    name = f"rating:{scale.id}" + ("" if allow_na else ":no-na") + (":q" if qualifier else "")
    builder.choice_list(name, rating_entries(scale, allow_na=allow_na, qualifier=qualifier))
    builder.answer(into, column, ("responses", standard.id, key), label, kind="choice",
                   choices=name)


def _criterion_rating(builder: Builder, into: Sheet, column: int, standard: Standard,
                      criterion: Criterion) -> None:
    name = builder.choice_list("criteria", CRITERION_ENTRIES)
    builder.answer(into, column, ("responses", standard.id, "criteria", criterion.id),
                   f"criterion {criterion.id} of {standard.id}", kind="choice", choices=name)


def _note(builder: Builder, into: Sheet, column: int, standard: Standard) -> None:
    if _rated(standard):
        builder.answer(into, column, ("responses", standard.id, "note"),
                       f"the note on the rating of {standard.id}")


def _reason(builder: Builder, into: Sheet, column: int, standard: Standard) -> None:
    if _rated(standard) and allows_na(builder, standard):
        builder.answer(into, column, ("responses", standard.id, "reason"),
                       f"the reason for N/A of {standard.id}")


def rating_entries(scale: Scale, *, allow_na: bool, qualifier: str | None) -> dict[str, str]:
    """What the rating drop-down shows, and the code each entry stands for: labels (unless
    two levels share one), each again with the template's qualifier ("Yes*"), then N/A."""
    levels = [(level.label, level.code) for level in scale.all_levels]
    na = scale.not_applicable if allow_na else None
    labels = [label.casefold() for label, _ in levels]
    if na is not None:
        labels.append(na.label.casefold())

    def shown(label: str, code: str) -> str:
        return label if labels.count(label.casefold()) == 1 else f"{code}: {label}"

    entries = {shown(label, code): code for label, code in levels}
    if qualifier:
        entries.update({f"{text}{qualifier}": f"{code}{qualifier}"
                        for text, code in list(entries.items())})
    if na is not None:
        entries[shown(na.label, na.code)] = na.code
    return entries


# ---------------------------------------------------------------------- fields


def _field_columns(builder: Builder, item: ResponseField) -> list[Column]:
    """A column for a field: text, a date, a number, a percentage, a list, or a drop-down of
    its choices; the heading says when it is required and what to write."""
    scale = builder.scales[builder.template.scale]
    label = item.label or item.id
    hint = "Choose from the list" if item.choices else CELL_TYPES.get(
        item.type, CELL_TYPES["text"]).hint
    heading = label + required_note(item.required, scale) + (f"\n{hint}" if hint else "")
    choices = {c.label or c.code: c.code for c in item.choices} or None

    def write(builder: Builder, into: Sheet, column: int, standard: Standard) -> None:
        builder.typed_answer(into, column, ("responses", standard.id, item.id),
                             f"'{label}' of {standard.id}", item.type, choices,
                             f"field:{item.id}")

    return [Column(heading, 45 if item.type in ("text", "list") else 22, write)]


def _no_columns(builder: Builder, item: ResponseField) -> list[Column]:
    return []  # written on a sheet of its own (`_workbook.Builder._actions`)


#: How each type of response field appears on the Ratings sheet: the columns it adds. An
#: `actions` field adds none there: it has a sheet of its own.
FIELD_TYPES: dict[str, Callable[[Builder, ResponseField], list[Column]]] = {
    "text": _field_columns, "date": _field_columns, "number": _field_columns,
    "percentage": _field_columns, "list": _field_columns, "choice": _field_columns,
    "actions": _no_columns,
}

__all__ = ["CRITERION_ENTRIES", "FIELD_TYPES", "Column", "columns_of", "rating_entries",
           "ratings_sheet"]
