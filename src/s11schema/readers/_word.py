"""Word returns: a form whose table follows the template's columns, one row per standard.

Partnerships such as Nottinghamshire send a Word form: a table with a row per
standard (its number, its text, a rating, evidence, actions) and the
organisation's details as labelled paragraphs above it. The reader finds the
table that lists the template's standards, works out which column is which from
the headings (the rating column says "rating"; the others are the template's
field labels), and matches rows by standard id. Everything it cannot place (a
row for a standard the template lacks, a standard answered twice, a column that
is no field, merged cells) is a finding naming the table, row and column, so
`import` writes nothing partial.

python-docx's `row.cells` repeats a merged cell for each row and column it
covers, so merges are read from the XML (`w:vMerge`, `w:gridSpan`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._errors import UnreadableError
from .._files import fail, read_bytes
from .._findings import Code, Collector, code
from .._office import date_text, open_zip, require_docx, resolve_rating
from .._templates import Template
from .._text import Path as Pointer
from .._text import quote
from . import AuditDocument, Place, Source, nearest_cell

if TYPE_CHECKING:
    from docx.document import Document

    from .._scales import Scale

_E = "error"
WORD_NO_TABLE = code(
    "word-no-table", _E, "returns",
    "No table in the Word document lists the template's standards, or it has no rating "
    "column.",
    "return.docx: error word-no-table: no table lists the standards of nottinghamshire-2021 "
    "(1.1, 1.2, 1.3 … 9.2); table 1 is headed 'Key area', 'Current Rating' (is this a return "
    "for another template?)")
WORD_ROW_UNPLACED = code(
    "word-row-unplaced", _E, "returns",
    "A row of the table is for no standard of the template, or repeats one.",
    "return.docx!table 1, row 5, column 1: error word-row-unplaced: a row numbered '10.1', "
    "which is not a standard of nottinghamshire-2021: its answers were not read (correct the "
    "number, or move the answers to the right row)")
WORD_COLUMN_UNPLACED = code(
    "word-column-unplaced", _E, "returns",
    "A column of the table is no field of the template, so its answers cannot be placed.",
    "return.docx!table 1, row 1, column 6: error word-column-unplaced: the column 'Comments' "
    "is not a field of nottinghamshire-2021: its text was not read (fields: Evidence to "
    "support position, Action required to improve position)")
WORD_MERGED = code(
    "word-merged-cells", _E, "returns", "Cells of a standard's row are merged with another's.",
    "return.docx!table 1, row 3, column 3: error word-merged-cells: the rating cell of 1.1 "
    "is merged with the row below (1.2), so one answer covers both (split the cells and "
    "answer each)")
CODES: tuple[Code, ...] = (WORD_NO_TABLE, WORD_ROW_UNPLACED, WORD_COLUMN_UNPLACED, WORD_MERGED)

_NOT_WORD = ("a Word document (.docx)", "it may be an older .doc file, or another kind of "
             "file renamed: open it in Word and save it as .docx")
#: Labels of the date a form was completed, as forms word them.
_DATE_LABELS = ("date completed", "date of completion", "completed on", "date")
#: Headings of action columns besides the action itself.
_ACTION_HEADINGS = {"lead": ("lead", "who"), "due": ("due", "timescale", "by when", "deadline"),
                    "measure": ("measure", "how will you know", "success")}


@dataclass(frozen=True, slots=True)
class WordReader:
    """One audit per Word return, for a template named by the person importing it."""

    template: Template
    scales: dict[str, Scale] = field(repr=False)
    status: str = "final"
    name: str = "docx"
    suffixes: tuple[str, ...] = (".docx",)
    description: str = ("a Word return whose table follows the template's columns; "
                        "`s11schema import FILE --template ID`")

    def sources(self, path: Path, *, max_bytes: int) -> Iterator[Source | UnreadableError]:
        yield Source(str(path), lambda: read_word(path, self, max_bytes=max_bytes))


def _norm(text: str) -> str:
    """Text compared as people read it: case, spacing and a closing ':' or '.' ignored."""
    return " ".join(text.split()).casefold().rstrip(":.").strip()


@dataclass(slots=True)
class _Cell:
    text: str
    row: int
    column: int
    #: "restart" or "continue" where the cell is merged down; None otherwise.
    merged_down: str | None = None
    #: More than 1 where the cell spans columns.
    span: int = 1


def _grid(table: Any) -> list[list[_Cell]]:
    """The table's rows as grid columns, from the XML (a spanned cell fills its columns)."""
    from docx.table import _Cell as DocxCell

    rows: list[list[_Cell]] = []
    for number, tr in enumerate(table._tbl.tr_lst, start=1):
        cells: list[_Cell] = []
        for tc in tr.tc_lst:
            text = "\n".join(p.text for p in DocxCell(tc, table).paragraphs).strip()
            span = int(tc.grid_span or 1)
            merged = str(tc.vMerge) if tc.vMerge is not None else None
            for _ in range(span):
                cells.append(_Cell(text, number, len(cells) + 1, merged, span))
        rows.append(cells)
    return rows


@dataclass(slots=True)
class _Columns:
    """Which grid column holds what."""

    id: int
    rating: int | None = None
    text: int | None = None
    reason: int | None = None
    moderated: int | None = None
    note: int | None = None
    #: Column -> response field id.
    fields: dict[int, str] = field(default_factory=dict)
    #: Column -> action key other than the action itself, for the template's actions field.
    action_keys: dict[int, str] = field(default_factory=dict)


def read_word(path: Path, reader: WordReader, *, max_bytes: int) -> AuditDocument:
    """The audit a Word return holds, with every problem placed at its table cell."""
    name = str(path)
    document = _open(path, max_bytes=max_bytes)
    template = reader.template
    sink = Collector(name)
    tables = [(number, _grid(table)) for number, table in enumerate(document.tables, start=1)]
    found = _best_table(tables, template)
    if found is None:
        fail(name, WORD_NO_TABLE, _no_table(tables, template),
             hint="a Word return lists the standards in a table, one row per standard, with a "
                  "column whose heading says 'rating'")
    number, rows = found
    columns = _columns(rows, template, number, sink)
    reading = _Reading(template, reader.scales, number, columns, sink, rows[0])
    reading.rows(rows[1:])
    audit: dict[str, Any] = {"template": template.id}
    if template.version:
        audit["template_version"] = template.version
    details = _details(document, template)
    audit["organisation"] = {k[1]: v for k, (v, _p) in details.items() if k[0] == "organisation"}
    respondent = {k[1]: v for k, (v, _p) in details.items() if k[0] == "respondent"}
    if respondent:
        audit["respondent"] = respondent
    if ("completed_on",) in details:
        audit["completed_on"] = details[("completed_on",)][0]
    audit["status"] = reader.status
    audit["responses"] = reading.responses
    reading.places.update({path: f"paragraph {p}" for path, (_v, p) in details.items()})
    if sink.findings:  # something could not be placed: no audit rather than part of one
        raise UnreadableError(sink.done())
    return AuditDocument(name, audit, (), reading.locate)


def _open(path: Path, *, max_bytes: int) -> Document:
    require_docx()
    import docx

    name = str(path)
    kind, hint = _NOT_WORD
    stream = open_zip(read_bytes(path, max_bytes=max_bytes), name, kind=kind, hint=hint,
                      max_bytes=max_bytes)
    try:
        return docx.Document(stream)
    except Exception as error:  # python-docx raises many kinds for a damaged file
        from .._office import OFFICE_NOT_ZIP

        fail(name, OFFICE_NOT_ZIP, f"this is not a Word document Word could open "
             f"({type(error).__name__})", hint=hint)


def _standard_id(text: str) -> str:
    return text.strip().rstrip(".").strip()


def _best_table(tables: list[tuple[int, list[list[_Cell]]]],
                template: Template) -> tuple[int, list[list[_Cell]]] | None:
    """The table with most rows numbered as the template's standards, if one has a
    rating column."""
    ids = set(template.standard_ids)
    best: tuple[int, tuple[int, list[list[_Cell]]]] | None = None
    for number, rows in tables:
        if not rows:
            continue
        column = _id_column(rows, ids)
        if column is None or _rating_column(rows[0]) is None:
            continue
        count = sum(1 for row in rows if len(row) >= column
                    and _standard_id(row[column - 1].text) in ids)
        if best is None or count > best[0]:
            best = (count, (number, rows))
    return best[1] if best else None


def _id_column(rows: list[list[_Cell]], ids: set[str]) -> int | None:
    counts: dict[int, int] = {}
    for row in rows:
        for cell in row:
            if _standard_id(cell.text) in ids:
                counts[cell.column] = counts.get(cell.column, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


def _rating_column(header: list[_Cell]) -> int | None:
    """The first column whose heading says "rating" (and not a moderated one)."""
    return next((cell.column for cell in header if "rating" in _norm(cell.text)
                 and "moderat" not in _norm(cell.text)), None)


def _no_table(tables: list[tuple[int, list[list[_Cell]]]], template: Template) -> str:
    ids = template.standard_ids
    shown = ", ".join(ids[:3]) + (f" … {ids[-1]}" if len(ids) > 3 else "")
    text = f"no table lists the standards of {template.id} ({shown})"
    if not tables:
        return "the document has no table: " + text
    number, rows = tables[0]
    headings = [quote(c.text) for c in (rows[0] if rows else []) if c.text][:4]
    if rows and _id_column(rows, set(ids)) is not None:
        return f"{text} with a column headed 'rating'"
    return (f"{text}; table {number} is headed {', '.join(headings) or 'nothing'} (is this a "
            "return for another template?)")


def _columns(rows: list[list[_Cell]], template: Template, table: int,
             sink: Collector) -> _Columns:
    ids = set(template.standard_ids)
    header = rows[0]
    column = _id_column(rows, ids)
    assert column is not None
    found = _Columns(column, rating=_rating_column(header))
    labels = {_norm(f.label or f.id): f.id for f in template.fields}
    labels.update({_norm(f.id): f.id for f in template.fields})
    actions = next((f.id for f in template.fields if f.type == "actions"), None)
    moderation = _norm(template.moderation.label) if template.moderation else None
    seen: set[int] = set()
    for cell in header:
        heading = _norm(cell.text)
        if cell.column in (found.id, found.rating) or cell.column in seen:
            continue
        seen.add(cell.column)
        if heading in labels:
            found.fields[cell.column] = labels[heading]
        elif moderation and (heading == moderation or heading.startswith("moderated")):
            found.moderated = cell.column
        elif template.qualifier and heading.startswith("note"):
            found.note = cell.column
        elif "reason" in heading and template.not_applicable_reason == "reason":
            found.reason = cell.column
        elif heading in ("standard", "standards", "key area", "question", "area") \
                or heading.startswith("standard"):
            found.text = cell.column
        elif actions and (key := _action_key(heading, template)):
            found.action_keys[cell.column] = key
        elif _is_text_column(rows, cell.column, template, column):
            found.text = cell.column
        elif any(row[cell.column - 1].text for row in rows[1:] if len(row) >= cell.column
                 and _standard_id(row[column - 1].text) in ids):
            fields = ", ".join(f.label or f.id for f in template.fields)
            sink.add(WORD_COLUMN_UNPLACED, f"the column {quote(cell.text or '(no heading)')} "
                     f"is not a field of {template.id}: its text was not read",
                     hint=f"fields: {fields}", cell=_where(table, 1, cell.column))
    return found


def _action_key(heading: str, template: Template) -> str | None:
    """The template's action column a heading names ("Lead", "Timescale"), if any."""
    for key, words in _ACTION_HEADINGS.items():
        if key in template.actions.columns and any(
                heading == word or heading.startswith(word + " ") for word in words):
            return key
    return None


def _is_text_column(rows: list[list[_Cell]], column: int, template: Template,
                    id_column: int) -> bool:
    """Whether a column holds the standards' own texts (as the template words them)."""
    texts = {s.id: _norm(s.text) for s in template.standards}
    hits = 0
    for row in rows[1:]:
        if len(row) < max(column, id_column):
            continue
        standard = _standard_id(row[id_column - 1].text)
        text = _norm(row[column - 1].text)
        if standard in texts and text and (text == texts[standard]
                                           or texts[standard].startswith(text[:40])):
            hits += 1
    return hits > 0


def _where(table: int, row: int, column: int) -> str:
    return f"table {table}, row {row}, column {column}"


@dataclass(slots=True)
class _Reading:
    template: Template
    scales: dict[str, Scale]
    table: int
    columns: _Columns
    sink: Collector
    header: list[_Cell] = field(default_factory=list)
    responses: dict[str, dict[str, Any]] = field(default_factory=dict)
    places: dict[Pointer, str] = field(default_factory=dict)
    rows_of: dict[str, int] = field(default_factory=dict)

    def rows(self, rows: list[list[_Cell]]) -> None:
        ids = set(self.template.standard_ids)
        sections = {s.id for s in self.template.sections}
        merged_reported: set[tuple[int, int]] = set()
        last = ""  # the standard of the rows above, for its criteria's rows
        for row in rows:
            number = self._cell(row, self.columns.id)
            standard = _standard_id(number.text if number else "")
            criterion = self._criterion(last, standard)
            if standard in ids:
                self._standard(standard, row, merged_reported)
                last = standard
            elif criterion is not None:
                self._criterion_row(last, criterion, row)
            elif not any(self._own(cell) for cell in row):
                continue  # empty, or the headings repeated
            elif standard in sections and not self._answers(row):
                continue  # a section's own row
            else:
                self._unplaced(row, standard)

    def _criterion(self, standard: str, number: str) -> str | None:
        """The criterion a row is numbered for ("c1", or "1.3/c1"), under the standard
        above it; None if it is none of that standard's criteria."""
        definition = self.template.standard.get(standard)
        if definition is None or not definition.criteria:
            return None
        wanted = number.removeprefix(f"{standard}/").strip()
        return next((c.id for c in definition.criteria if c.id == wanted), None)

    def _criterion_row(self, standard: str, criterion: str, row: list[_Cell]) -> None:
        """A criterion's answer, from the rating column of its own row."""
        cell = self._cell(row, self.columns.rating)
        if cell is None:
            return
        path: Pointer = ("responses", standard, "criteria", criterion)
        self.places[path] = _where(self.table, cell.row, cell.column)
        self.places.setdefault(("responses", standard), self.places[path])
        if cell.text:
            response = self.responses.setdefault(standard, {})
            response.setdefault("criteria", {})[criterion] = cell.text

    def _own(self, cell: _Cell) -> bool:
        """Whether a cell holds text of its own, not its column's heading repeated."""
        heading = self.header[cell.column - 1].text if len(self.header) >= cell.column else ""
        return bool(cell.text) and _norm(cell.text) != _norm(heading)

    def _cell(self, row: list[_Cell], column: int | None) -> _Cell | None:
        if column is None or len(row) < column:
            return None
        return row[column - 1]

    def _answer_columns(self) -> list[int]:
        columns = self.columns
        listed = [columns.rating, columns.moderated, columns.note, columns.reason,
                  *columns.fields, *columns.action_keys]
        return [c for c in listed if c is not None]

    def _answers(self, row: list[_Cell]) -> bool:
        return any(cell is not None and self._own(cell) for cell in
                   (self._cell(row, c) for c in self._answer_columns()))

    def _unplaced(self, row: list[_Cell], standard: str) -> None:
        first = row[0]
        shown = f"a row numbered {quote(standard)}, which is not a standard of " \
            f"{self.template.id}" if standard else "a row with no standard number"
        self.sink.add(WORD_ROW_UNPLACED, f"{shown}: its answers were not read",
                      hint="correct the number, or move the answers to the right row",
                      cell=_where(self.table, first.row, self.columns.id))

    def _standard(self, standard: str, row: list[_Cell],
                  merged_reported: set[tuple[int, int]]) -> None:
        number = row[0].row
        if standard in self.rows_of:
            self.sink.add(WORD_ROW_UNPLACED, f"standard {standard} is answered twice (rows "
                          f"{self.rows_of[standard]} and {number}): the second was not read",
                          hint="keep one row per standard",
                          cell=_where(self.table, number, self.columns.id))
            return
        self.rows_of[standard] = number
        if self._merged(standard, row, merged_reported):
            return
        response: dict[str, Any] = self.responses.setdefault(standard, {})
        base: Pointer = ("responses", standard)
        self.places[base] = _where(self.table, number, self.columns.rating or self.columns.id)
        for key, column in (("rating", self.columns.rating),
                            ("moderated_rating", self.columns.moderated),
                            ("note", self.columns.note), ("reason", self.columns.reason)):
            cell = self._cell(row, column)
            if cell is None:
                continue
            self.places[_extend(base, key)] = _where(self.table, number, cell.column)
            if cell.text:
                response[key] = (self._rating(standard, cell.text) if key.endswith("rating")
                                 else cell.text)
        action: dict[str, str] = {}
        types = {f.id: f.type for f in self.template.fields}
        for column, field_id in self.columns.fields.items():
            cell = self._cell(row, column)
            where = _where(self.table, number, column)
            self.places[_extend(base, field_id)] = where
            if cell is None or not cell.text:
                continue
            if types[field_id] == "actions":
                action["action"] = cell.text
                self.places[_extend(base, field_id, 0)] = where
                self.places[_extend(base, field_id, 0, "action")] = where
            elif types[field_id] == "list":
                response[field_id] = [line.strip() for line in cell.text.split("\n")
                                      if line.strip()]
            else:
                response[field_id] = cell.text
        for column, key in self.columns.action_keys.items():
            cell = self._cell(row, column)
            if cell is not None and cell.text:
                action[key] = cell.text
                self.places[_extend(base, self._actions_field, 0, key)] = _where(self.table, number,
                                                                           column)
        if action and self._actions_field:
            response[self._actions_field] = [action]
        if not response:
            del self.responses[standard]

    @property
    def _actions_field(self) -> str:
        return next((f.id for f in self.template.fields if f.type == "actions"), "")

    def _merged(self, standard: str, row: list[_Cell],
                merged_reported: set[tuple[int, int]]) -> bool:
        """Report merged cells in a standard's row; True if any."""
        found = False
        for column in [self.columns.id, *self._answer_columns()]:
            cell = self._cell(row, column)
            if cell is None or (cell.merged_down is None and cell.span == 1):
                continue
            found = True
            key = (cell.row, cell.column)
            if cell.merged_down == "continue" or key in merged_reported:
                continue
            merged_reported.add(key)
            what = self._column_name(column)
            other = ("the row below" if cell.merged_down == "restart"
                     else "the next column")
            self.sink.add(WORD_MERGED, f"the {what} cell of {standard} is merged with {other}, "
                          "so one answer covers both", hint="split the cells and answer each",
                          cell=_where(self.table, cell.row, column))
        return found

    def _column_name(self, column: int) -> str:
        if column == self.columns.rating:
            return "rating"
        if column == self.columns.id:
            return "number"
        field_id = self.columns.fields.get(column)
        return quote(field_id) if field_id else "answer"

    def _rating(self, standard: str, text: str) -> str:
        """A rating as the return gives it ("Green"), where the scale reads it as written
        (a code or an alias, in any case); a level's label that is neither, as its code."""
        definition = self.template.standard[standard]
        scale = self.scales[definition.scale or self.template.scale]
        mark = self.template.qualifier
        bare = text[: -len(mark)].strip() if mark and text.endswith(mark) else text
        if scale.resolve(bare) is not None:
            return text
        code = resolve_rating(scale, bare)
        return code + text[len(bare):].strip() if code != bare else text

    def locate(self, path: Pointer) -> Place | None:
        return nearest_cell(self.places, path)


_LABEL_MAX = 120
_COLON = re.compile(r"^(?P<label>[^:]{1,120}):\s*(?P<value>.*)$", re.DOTALL)


def _details(document: Document, template: Template) -> dict[Pointer, tuple[str, int]]:
    """Organisation and respondent details and the date completed, from labelled paragraphs
    ("Name of organisation completing the form:" then the answer, on the same line or the
    next one). Returns path -> (value, paragraph number)."""
    wanted: dict[str, Pointer] = {}
    for group, details in (("organisation", template.organisation),
                           ("respondent", template.respondent)):
        for detail in details:
            wanted[_norm(detail.label or detail.id)] = (group, detail.id)
    if not any(path == ("organisation", "name") for path in wanted.values()):
        wanted[_norm("Name of organisation")] = ("organisation", "name")
    if template.organisation_kinds:
        wanted.setdefault(_norm("Kind of organisation"), ("organisation", "kind"))
    for label in _DATE_LABELS:
        wanted.setdefault(label, ("completed_on",))
    paragraphs = [p.text for p in document.paragraphs]
    found: dict[Pointer, tuple[str, int]] = {}
    for index, text in enumerate(paragraphs):
        if len(text) > _LABEL_MAX * 4:
            continue
        match = _COLON.match(text.strip())
        label, value = (match["label"], match["value"].strip()) if match else (text, "")
        path = wanted.get(_norm(label))
        if path is None or path in found:
            continue
        number = index + 1
        if not value:
            following = next(((i, t) for i, t in enumerate(paragraphs[index + 1:index + 3],
                                                             start=index + 2) if t.strip()),
                             None)
            if following is None or _norm(following[1].split(":")[0]) in wanted:
                continue
            number, value = following[0], following[1].strip()
        if path == ("completed_on",):
            value = date_text(value)
        elif path == ("organisation", "kind"):
            value = _kind(template, value)
        found[path] = (value, number)
    return found


def _kind(template: Template, text: str) -> str:
    """The id of the kind of organisation a form names by its label (or id); the text as
    written if it is no kind of the template."""
    wanted = _norm(text)
    return next((kind.id for kind in template.organisation_kinds
                 if wanted in (_norm(kind.id), _norm(kind.label or kind.id))), text)


def _extend(base: Pointer, *more: str | int) -> Pointer:
    return (*base, *more)


__all__ = ["CODES", "WordReader", "read_word"]
