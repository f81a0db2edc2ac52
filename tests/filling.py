"""Filling in a workbook from `s11schema new --format xlsx` as a person would: by what the
sheets show (labels in column A, headings in row 1, standard ids), never by the hidden
layout the reader follows, so that a round trip tests the two against each other."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from s11schema import FormMapping, Registry, Template, default_registry
from s11schema._templates import Choice


def blanks_dropped(value: Any) -> Any:
    """The audit as a workbook can hold it: a blank cell is no key, so "" and [] and {}
    (and keys holding only them) are left out."""
    if isinstance(value, dict):
        kept = {k: blanks_dropped(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in ("", [], {}, None)}
    if isinstance(value, list):
        return [blanks_dropped(v) for v in value]
    return value


def _rows_by_label(sheet: Worksheet) -> dict[str, int]:
    return {str(row[0].value): int(row[0].row or 0)
            for row in sheet.iter_rows(min_col=1, max_col=1) if row[0].value is not None}


def _row_starting(labels: dict[str, int], text: str) -> int:
    matches = [row for label, row in labels.items()
               if label == text or label.startswith(text + " (")]
    assert len(matches) == 1, (text, matches)
    return matches[0]


def _headings(sheet: Worksheet) -> dict[str, int]:
    return {str(cell.value): int(cell.column or 0) for cell in sheet[1] if cell.value}


def _column_starting(headings: dict[str, int], text: str) -> int:
    matches = [column for heading, column in headings.items() if heading.startswith(text)]
    assert len(matches) == 1, (text, headings)
    return matches[0]


def _column_of(headings: dict[str, int], label: str) -> int:
    """The column headed by a label, perhaps followed by what is required and a hint."""
    matches = [column for heading, column in headings.items()
               if heading == label or heading.startswith((f"{label} (", f"{label}\n"))]
    assert len(matches) == 1, (label, headings)
    return matches[0]


def fill_workbook(data: bytes, audit: dict[str, Any], template: Template, *,
                  registry: Registry | None = None) -> bytes:
    """The workbook with `audit`'s answers typed into its answer cells."""
    registry = registry or default_registry()
    book = load_workbook(io.BytesIO(data))
    _details(book["Details"], audit, template)
    _ratings(book["Ratings"], audit, template, registry)
    _actions(book, audit, template)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def typed(kind: str, value: Any) -> Any:
    """A value as a person in the UK types it and Excel holds it: a date as its text, day
    first ("30/06/2025"), a month by its name ("June 2025"), a number as a number, a
    percentage as its fraction ("85%" is 0.85); anything else as text."""
    if not isinstance(value, str):
        return value
    if kind == "date" and len(value) == 10:
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    if kind == "date" and len(value) == 7:
        return date.fromisoformat(f"{value}-01").strftime("%B %Y")
    if kind == "number":
        return float(value) if "." in value else int(value)
    if kind == "percentage" and value.endswith("%"):
        return float(value[:-1]) / 100
    return value


def _shown(choices: tuple[Choice, ...], code: str) -> str:
    """What the drop-down shows for a choice's code: its label."""
    return next((c.label or c.code for c in choices if c.code == code), code)


def _details(sheet: Worksheet, audit: dict[str, Any], template: Template) -> None:
    labels = _rows_by_label(sheet)
    declared = {d.id: d.label or d.id for d in template.organisation}
    defaults = {"name": "Name of organisation", "type": "Type of organisation",
                "kind": "Kind of organisation"}
    kinds = {k.id: k.label or k.id for k in template.organisation_kinds}
    for key, value in audit.get("organisation", {}).items():
        if key == "areas":
            for area in value:
                sheet.cell(_row_starting(labels, f"Does your organisation cover {area}?"), 2,
                           "Yes")
            continue
        label = declared.get(key) or defaults[key]
        row = next(r for text, r in labels.items() if text.startswith(label))
        sheet.cell(row, 2, kinds.get(value, value) if key == "kind" else value)
    respondent = {d.id: d.label or d.id for d in template.respondent}
    for key, value in audit.get("respondent", {}).items():
        sheet.cell(_row_starting(labels, respondent[key]), 2, value)
    if audit.get("completed_on"):
        sheet.cell(_row_starting(labels, "Date completed"), 2,
                   typed("date", audit["completed_on"]))
    sheet.cell(_row_starting(labels, "Status"), 2, audit["status"].capitalize())
    for question in template.questions:
        answer = audit.get("answers", {}).get(question.id)
        if answer:
            shown = answer.capitalize() if question.type == "yes-no" else typed(
                question.type, _shown(question.choices, answer))
            sheet.cell(_row_starting(labels, question.text), 2, shown)
    moderation = {"by": ("Moderated by", "text"), "on": ("Moderated on", "date"),
                  "notes": ("Moderation notes", "text")}
    for key, value in audit.get("moderation", {}).items():
        label, kind = moderation[key]
        sheet.cell(_row_starting(labels, label), 2, typed(kind, value))


def _rating_shown(registry: Registry, template: Template, standard_id: str, value: str) -> str:
    """The drop-down entry for a rating: its label, with the template's qualifier if any."""
    scale = registry.scale_for(template, standard_id)
    mark = template.qualifier
    if mark and value.endswith(mark):
        return scale.label_of(value[: -len(mark)]) + mark
    return scale.label_of(value)


def _ratings(sheet: Worksheet, audit: dict[str, Any], template: Template,
             registry: Registry) -> None:
    rows = _rows_by_label(sheet)
    headings = _headings(sheet)
    fields = {f.id: f for f in template.fields if f.type != "actions"}
    criteria = {"met": "Met", "not met": "Not met", "n/a": "N/A"}
    moderated = template.moderation.label if template.moderation else None
    for standard_id, response in audit["responses"].items():
        row = rows[standard_id]
        for key, value in response.items():
            if key == "rating":
                sheet.cell(row, headings["Rating"],
                           _rating_shown(registry, template, standard_id, value))
            elif key == "moderated_rating" and moderated:
                sheet.cell(row, _column_of(headings, moderated),
                           _rating_shown(registry, template, standard_id, value))
            elif key == "criteria":
                for criterion, answer in value.items():
                    sheet.cell(rows[f"{standard_id}/{criterion}"], headings["Rating"],
                               criteria[answer])
            elif key in ("reason", "note"):
                sheet.cell(row, _column_of(headings, {"reason": "Reason for N/A",
                                                      "note": "Note"}[key]), value)
            elif key in fields:
                item = fields[key]
                shown = "\n".join(value) if item.type == "list" else typed(
                    item.type, _shown(item.choices, value))
                sheet.cell(row, _column_of(headings, item.label or item.id), shown)


def _actions(book: Any, audit: dict[str, Any], template: Template) -> None:
    fields = [f for f in template.fields if f.type == "actions"]
    for item in fields:
        sheet = book["Actions" if len(fields) == 1 else f"Actions ({item.id})"[:31]]
        headings = _headings(sheet)
        columns = {key: _column_starting(headings, key.capitalize())
                   for key in ("standard", *template.actions.columns)}
        row = 2
        for standard_id, response in audit["responses"].items():
            for action in response.get(item.id, []):
                sheet.cell(row, columns["standard"], standard_id)
                for key, value in action.items():
                    sheet.cell(row, columns[key], value)
                row += 1


# ---------------------------------------------------------------------- form exports


def _value_at(audit: dict[str, Any], parts: tuple[str, ...]) -> Any:
    value: Any = audit
    for part in parts:
        if isinstance(value, list):
            index = int(part)
            value = value[index] if index < len(value) else None
        elif isinstance(value, dict):
            value = value.get(part)
        else:
            return None
    return value


def export_rows(mapping: FormMapping, audits: list[dict[str, Any]], *, registry: Registry,
                template: Template) -> list[list[str]]:
    """An export of `audits` laid out as `mapping` reads it: heading rows, then a row each.

    Headings repeat as the tool writes them: SurveyMonkey writes a heading once over the
    columns it spans, Microsoft Forms numbers repeats. Answer texts are written as the
    mapping's `values` show them (the first text standing for a code), ratings and choices
    as their labels (a qualified rating with the template's qualifier). A value mapped from
    several columns is written in the first; mapping columns that name the same column of
    the export (one heading read two ways) are that one column."""
    physical: dict[tuple[str | None, str | None, int, str | None], list[int]] = {}
    for index, column in enumerate(mapping.columns):
        key = (column.header, column.subheader, column.occurrence, column.column)
        physical.setdefault(key, []).append(index)
    spans = mapping.tool == "surveymonkey"
    seen: dict[str, int] = {}
    heading: list[str] = []
    sub: list[str] = []
    for (header, subheader, _occurrence, _position) in physical:
        text = header or ""
        seen[text] = seen.get(text, 0) + 1
        if mapping.tool == "microsoft-forms" and seen[text] > 1:
            text = f"{text}{seen[text]}"
        heading.append("" if spans and heading and text == _last_heading(heading) else text)
        sub.append(subheader or "")
    rows = [heading, sub] if spans else [heading]
    for audit in audits:
        texts = _cell_texts(mapping, audit, registry, template)
        rows.append([next((texts[i] for i in indexes if texts[i]), "")
                     for indexes in physical.values()])
    return rows


def _cell_texts(mapping: FormMapping, audit: dict[str, Any], registry: Registry,
                template: Template) -> list[str]:
    """What each mapping column's cell holds for an audit."""
    from s11schema._mapping import parse_pointer, scale_codes, target

    codes = scale_codes(template, registry)
    written: set[str] = set()
    texts = []
    for column in mapping.columns:
        parts = parse_pointer(column.to)
        value = _value_at(audit, parts)
        found = target(column.to, template, codes)
        if column.to in written and not (isinstance(value, list) and column.subheader):
            value = None  # given in an earlier column
        if isinstance(value, list) and parts[-1] in {
                f.id for f in template.fields if f.type == "actions"}:
            value = value[0]["action"] if value else None
        if isinstance(value, list) and column.subheader is not None:  # a tick per choice
            value = column.subheader if column.subheader in value else None
        elif isinstance(value, list):
            value = ";".join(value)
        shown = next((text for text, code in column.values.items() if code == value), None)
        if shown is None and not isinstance(found, str) and found.kind == "rating" and value:
            shown = _rating_shown(registry, template, parts[1], value)
        elif shown is None and not isinstance(found, str) and found.choices and value:
            shown = _shown(found.choices, value)
        shown = value if shown is None else shown
        if shown not in (None, ""):
            written.add(column.to)
        texts.append("" if shown is None else str(shown))
    return texts


def _last_heading(heading: list[str]) -> str:
    return next((text for text in reversed(heading) if text), "")


def export_csv(rows: list[list[str]], *, bom: bool = False) -> bytes:
    """Rows as a CSV file, UTF-8 (with a byte order mark where asked), CRLF between rows."""
    import csv

    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")
