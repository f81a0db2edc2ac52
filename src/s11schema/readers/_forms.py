"""Form-tool exports (Google Forms, Microsoft Forms, SurveyMonkey), read through a mapping.

An export is a CSV file (UTF-8, with or without a byte order mark) or an .xlsx
workbook with heading rows and then one row per return. The mapping
(`_mapping.FormMapping`) says which column holds which value of the audit; each
tool's own habits are one row of `TOOLS`: how many heading rows it writes,
whether it numbers repeated headings (Microsoft Forms writes `Question2`), and
whether a heading covers the columns after it (SurveyMonkey writes a
question's text once, over its first column). Every value keeps the cell it
came from (`export.csv!K5`), so validation findings point at the spreadsheet.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._errors import UnreadableError
from .._files import FILE_EMPTY, decode, fail, read_bytes
from .._findings import Code, Collector, code
from .._mapping import FormMapping, MappedColumn, Target, scale_codes, target
from .._office import cell_text, column_index, column_letter, resolve_rating
from .._rules._base import choice_of
from .._templates import Template
from .._text import Path as Pointer
from .._text import quote
from . import AuditDocument, Place, Source

if TYPE_CHECKING:
    from .._registry import Registry
    from .._scales import Scale

_E = "error"
FORM_COLUMN_MISSING = code(
    "form-column-missing", _E, "returns",
    "A column the mapping names is not in the export (the form has changed, or the mapping "
    "is for another form).",
    "export.csv: error form-column-missing: no column headed 'To what extent are we meeting "
    "this duty?' (the 9th such column) in the heading row (has the form changed? the "
    "export has 8 such columns)")
FORM_CONFLICT = code(
    "form-conflict", _E, "returns",
    "Two columns give different answers for one value of the audit.",
    "export.csv!CP3: error form-conflict: columns CO and CP both answer /responses/20/rating "
    "(keep one answer, or map only one of the columns)")
FORM_NOT_CSV = code(
    "form-not-csv", _E, "returns", "A .csv export cannot be split into rows and columns.",
    "export.csv: error form-not-csv: this is not a CSV export s11schema can read: field larger "
    "than field limit (131072) (export the responses again, as CSV or .xlsx)")
CODES: tuple[Code, ...] = (FORM_COLUMN_MISSING, FORM_CONFLICT, FORM_NOT_CSV)


@dataclass(frozen=True, slots=True)
class Tool:
    """What a form tool does when it writes its export."""

    name: str
    header_rows: int = 1
    #: Repeated headings get a number: `Question`, `Question2`, `Question3`.
    numbered_repeats: bool = False
    #: A heading covers the columns after it until the next heading.
    headings_span: bool = False
    #: The text between several ticked choices in one cell.
    list_separator: str | None = None


#: Each tool's habits, so a new tool is one row.
TOOLS: dict[str, Tool] = {tool.name: tool for tool in (
    Tool("google-forms", list_separator=";"),
    Tool("microsoft-forms", numbered_repeats=True, list_separator=";"),
    Tool("surveymonkey", header_rows=2, headings_span=True),
    Tool("other"),
)}


@dataclass(frozen=True, slots=True)
class FormExportReader:
    """One audit per row of a form tool's export, read through a mapping."""

    mapping: FormMapping
    template: Template
    scales: dict[str, Scale] = field(repr=False)
    codes: dict[str, tuple[str, ...]] = field(repr=False)
    name: str = "form-export"
    suffixes: tuple[str, ...] = (".csv", ".xlsx")
    description: str = ("a Google Forms, Microsoft Forms or SurveyMonkey export (.csv or .xlsx), "
                        "one return per row; `s11schema import FILE --mapping MAPPING`")

    @classmethod
    def of(cls, mapping: FormMapping, registry: Registry) -> FormExportReader:
        template = registry.template(mapping.template, mapping.template_version)
        scales = {s: registry.scale(s) for s in template.scale_ids()}
        return cls(mapping, template, scales, scale_codes(template, registry))

    def sources(self, path: Path, *, max_bytes: int) -> Iterator[Source | UnreadableError]:
        name = str(path)
        try:
            table = read_table(path, self.mapping, max_bytes=max_bytes)
            plan = self._plan(table, name)
        except UnreadableError as error:
            yield error
            return
        returns = [(number, row) for number, row in enumerate(
            table.rows[table.header_rows:], start=table.header_rows + 1) if any(row)]
        if not returns:
            sink = Collector(name)
            sink.add(FILE_EMPTY, "the export holds headings but no responses")
            yield UnreadableError(sink.findings)
        for number, row in returns:
            yield Source(f"{name} row {number}", _parser(self, table, plan, name, number, row))

    def _plan(self, table: Table, name: str) -> list[tuple[MappedColumn, int, Target]]:
        """Each mapped column's index in the export and what it fills."""
        sink = Collector(name)
        plan: list[tuple[MappedColumn, int, Target]] = []
        for column in self.mapping.columns:
            found = target(column.to, self.template, self.codes)
            index = find_column(table, column, TOOLS[self.mapping.tool], sink)
            if isinstance(found, Target) and index is not None:
                plan.append((column, index, found))
        if sink.findings:
            raise UnreadableError(sink.findings)
        return plan


@dataclass(frozen=True, slots=True)
class Table:
    """An export's cells as text, and where they were."""

    rows: list[list[str]]
    header_rows: int
    #: "Sheet1!" for a workbook, "" for a CSV file.
    sheet: str = ""

    def headings(self, row: int, *, span: bool = False) -> list[str]:
        """Heading row `row` (0-based), normalised; a heading covers the empty cells after
        it where `span` says so."""
        cells = self.rows[row] if row < len(self.rows) else []
        headings, last = [], ""
        for text in cells:
            if text.strip() or not span:
                last = _norm(text)
            headings.append(last)
        return headings


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def read_table(path: Path, mapping: FormMapping, *, max_bytes: int) -> Table:
    """Every cell of a CSV or .xlsx export, as text."""
    header_rows = mapping.header_rows or TOOLS[mapping.tool].header_rows
    name = str(path)
    if path.suffix.lower() == ".xlsx":
        from ._workbook import load_book

        book = load_book(path, max_bytes=max_bytes, data_only=True, read_only=True)
        if mapping.sheet is not None and mapping.sheet not in book.sheetnames:
            from ._workbook import WORKBOOK_SHEET_MISSING

            fail(name, WORKBOOK_SHEET_MISSING, f"the export has no sheet {quote(mapping.sheet)} "
                 f"(sheets: {', '.join(book.sheetnames)})", hint="name the sheet in the "
                 "mapping's 'sheet'")
        sheet = book[mapping.sheet] if mapping.sheet else book.worksheets[0]
        sheet.reset_dimensions()  # the cells the file holds, not the extent it claims
        rows = [[cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        return Table(_padded(rows), header_rows, f"{sheet.title}!")
    text = decode(read_bytes(path, max_bytes=max_bytes), name)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:  # a field over the csv module's limit, say
        fail(name, FORM_NOT_CSV, f"this is not a CSV export s11schema can read: {error}",
             hint="export the responses again, as CSV or .xlsx")
    return Table(_padded(rows), header_rows)


def _padded(rows: list[list[str]]) -> list[list[str]]:
    width = max((len(row) for row in rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows]


def find_column(table: Table, column: MappedColumn, tool: Tool, sink: Collector) -> int | None:
    """The 0-based index of a mapped column in the export, or None (reported)."""
    last = table.header_rows - 1
    headings = table.headings(0, span=tool.headings_span)
    subheadings = table.headings(last) if column.subheader is not None and last > 0 else []
    if column.column is not None:
        index = column_index(column.column)
        if index is None or index > len(headings):
            sink.add(FORM_COLUMN_MISSING, f"the export has no column {quote(column.column)} "
                     f"(it has {len(headings)} columns)")
            return None
        if column.header is None or _heads(headings, subheadings, index - 1, column, tool):
            return index - 1
        sink.add(FORM_COLUMN_MISSING, f"column {column_letter(index)} is headed "
                 f"{quote(table.rows[0][index - 1], 60)}, not {quote(column.header, 60)}",
                 hint="has the form changed? correct the mapping's 'column' or 'header'")
        return None
    matches = [i for i in range(len(headings))
               if _heads(headings, subheadings, i, column, tool)]
    if len(matches) >= column.occurrence:
        return matches[column.occurrence - 1]
    which = f" (the {_ordinal(column.occurrence)} such column)" if column.occurrence > 1 else ""
    under = f" over {quote(column.subheader, 40)}" if column.subheader is not None else ""
    sink.add(FORM_COLUMN_MISSING, f"no column headed {quote(column.header, 70)}{under}{which} "
             "in the heading row", hint="has the form changed, or is the mapping for another "
             f"form? the export has {len(matches)} such column" + ("" if len(matches) == 1
                                                                    else "s"))
    return None


def _heads(headings: list[str], subheadings: list[str], index: int, column: MappedColumn,
           tool: Tool) -> bool:
    if column.header is not None:
        wanted, found = _norm(column.header), headings[index]
        numbered = tool.numbered_repeats and re.fullmatch(re.escape(wanted) + r"[0-9]+", found)
        if found != wanted and not numbered:
            return False
    if column.subheader is not None:
        return index < len(subheadings) and subheadings[index] == _norm(column.subheader)
    return True


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
        number % 10, "th")
    return f"{number}{suffix}"


def _parser(reader: FormExportReader, table: Table, plan: list[tuple[MappedColumn, int, Target]],
            name: str, number: int, row: list[str]) -> Any:
    def parse() -> AuditDocument:
        return _Row(reader, table, name, number).read(row, plan)

    return parse


@dataclass(slots=True)
class _Row:
    reader: FormExportReader
    table: Table
    name: str
    number: int
    values: dict[Pointer, Any] = field(default_factory=dict)
    places: dict[Pointer, str] = field(default_factory=dict)
    sink: Collector = field(init=False)

    def __post_init__(self) -> None:
        self.sink = Collector(self.name)

    def cell(self, index: int) -> str:
        return f"{self.table.sheet}{column_letter(index + 1)}{self.number}"

    def read(self, row: list[str], plan: list[tuple[MappedColumn, int, Target]]) -> AuditDocument:
        unanswered = {_norm(text) for text in self.reader.mapping.unanswered}
        for column, index, found in plan:
            self.places.setdefault(found.path, self.cell(index))  # where an answer was due
            text = row[index].replace("\r\n", "\n").strip()
            if not text or _norm(text) in unanswered:
                continue
            self._put(column, index, found, text)
        if self.sink.findings:  # answers in conflict: no audit rather than a guess
            raise UnreadableError(self.sink.done())
        return AuditDocument(self.name, self._audit(), (), self.locate)

    def _put(self, column: MappedColumn, index: int, found: Target, text: str) -> None:
        path, kind = found.path, found.kind
        value: Any = _coded(column, text)
        if kind in ("areas", "list"):
            separator = column.split or TOOLS[self.reader.mapping.tool].list_separator
            parts = text.split(separator) if separator else text.split("\n")
            items = [_coded(column, part.strip()) for part in parts if part.strip()]
            self.values.setdefault(path, []).extend(items)
            self.places.setdefault(path, self.cell(index))
            return
        if kind == "date":
            value = _date(text, column.dates)
        elif kind == "rating" and found.standard is not None:
            value = self._rating(found.standard, value)
        elif kind in ("choice", "status", "criterion", "action-part") and found.codes:
            value = choice_of(found.choices, value) or next(
                (c for c in found.codes if c.casefold() == value.strip().casefold()), value)
        if kind == "action":
            path = (*path, "0", "action")
        if path in self.values and kind in ("text", "action", "action-part"):
            self.values[path] = f"{self.values[path]}\n\n{value}"
            return
        if path in self.values and self.values[path] != value:
            first = self.places[path].rsplit("!", 1)[-1].rstrip("0123456789")
            self.sink.add(FORM_CONFLICT, f"columns {first} and {column_letter(index + 1)} both "
                          f"answer {_pointer(found.path)}", cell=self.cell(index),
                          hint="keep one answer, or map only one of the columns")
            return
        self.values[path] = value
        self.places[path] = self.cell(index)

    def _rating(self, standard: str, text: str) -> str:
        """The scale's code for a rating as written (a code, alias or label), with the
        template's qualifier kept ("Yes*" is "yes*"); the text as written if it is none."""
        template = self.reader.template
        scale = self.reader.scales[template.standard[standard].scale or template.scale]
        mark = template.qualifier
        written = text.strip()
        if mark and written.endswith(mark) and written != mark:
            code = resolve_rating(scale, written[: -len(mark)].strip())
            return f"{code}{mark}" if scale.resolve(code) is not None else text
        return resolve_rating(scale, text)

    def _audit(self) -> dict[str, Any]:
        mapping, template = self.reader.mapping, self.reader.template
        actions = {f.id for f in template.fields if f.type == "actions"}
        audit: dict[str, Any] = {"template": template.id, "organisation": {}}
        if template.version:
            audit["template_version"] = template.version
        responses: dict[str, dict[str, Any]] = {}
        for pointer, value in self.values.items():
            path = tuple(str(part) for part in pointer)
            if path[0] == "responses":
                _place_response(responses.setdefault(path[1], {}), path[2:], value, actions)
            else:
                _set(audit, path, value)
        audit.setdefault("status", mapping.status)
        audit["responses"] = {s: _compacted(responses[s]) for s in template.standard_ids
                              if s in responses}
        order = ("template", "template_version", "organisation", "respondent", "completed_on",
                 "status", "moderation", "responses", "answers")
        return {key: audit[key] for key in order if key in audit}

    def locate(self, path: Pointer) -> Place:
        parts = tuple(str(p) for p in path)
        while parts:
            cell = self.places.get(parts)
            if cell is not None:
                return Place(cell=cell)
            if len(parts) == 2 and parts[0] == "responses":
                cell = self.places.get((*parts, "rating"))
                if cell is not None:
                    return Place(cell=cell)
            parts = parts[:-1]
        return Place(cell=f"{self.table.sheet}row {self.number}")


def _coded(column: MappedColumn, text: str) -> str:
    """The code an answer text stands for, by the mapping's `values` (any case)."""
    wanted = _norm(text)
    return next((value for shown, value in column.values.items() if _norm(shown) == wanted),
                text)


def _set(node: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    """Set the value at `path`, making the objects on the way."""
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def _place_response(response: dict[str, Any], rest: tuple[str, ...], value: Any,
                    actions: set[str]) -> None:
    """Put a value at /KEY or /criteria/ID, or at /FIELD/N/KEY of an action (actions listed
    by number)."""
    if len(rest) != 3 or rest[0] not in actions:
        _set(response, rest, value)
        return
    field_id, number, key = rest
    listed: list[dict[str, Any]] = response.setdefault(field_id, [])
    while len(listed) <= int(number):
        listed.append({})
    listed[int(number)][key] = value


def _compacted(response: dict[str, Any]) -> dict[str, Any]:
    """The response's keys in the audit format's order (rating first); actions left empty
    between numbered ones dropped."""
    first = [key for key in ("rating", "note", "moderated_rating", "criteria", "reason")
             if key in response]
    keys = first + [key for key in response if key not in first]
    return {key: [a for a in response[key] if a] if isinstance(response[key], list)
            else response[key] for key in keys}


def _pointer(path: Pointer) -> str:
    from .._text import pointer

    return pointer(path)


_DATE = re.compile(r"^\s*(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})\b")


def _date(text: str, order: str | None) -> str:
    """The date in a timestamp as YYYY-MM-DD (`2020/10/12 9:41:07 AM GMT+1`, `02/03/2020
    02:30:11 PM` month first); the text as written where it holds no date in that order."""
    match = _DATE.match(text)
    if match is None:
        return text
    first, second, third = match.groups()
    if len(first) == 4 or order == "year-first":
        year, month, day = first, second, third
    elif order == "month-first":
        month, day, year = first, second, third
    elif order == "day-first":
        day, month, year = first, second, third
    else:
        return text
    if len(year) != 4:
        return text
    from .._plain import iso_date

    written = f"{year}-{int(month):02d}-{int(day):02d}"
    return written if iso_date(written) else text
