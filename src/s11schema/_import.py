"""Returns turned into audits: workbooks, form-tool exports and Word forms.

`import_returns` reads each file with the reader its kind needs (a workbook made
by `s11schema new`, an export read through a mapping, a Word form read against a
template), validates each audit it holds, and hands back the audit with every
finding placed at its sheet and cell. An audit is kept only when the return was
read completely: the readers refuse a return with a merged cell, a formula, a row
out of place or anything they could not place, which leaves `audit` None, so
nothing partial is ever written.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import _mapping, _office
from ._errors import UnreadableError
from ._files import FILE_UNREADABLE, MAX_AUDIT_BYTES, files_under, size_limit
from ._findings import Code, Collector, code
from ._mapping import FormMapping, load_mapping
from ._parallel import ordered_map
from ._registry import Registry, default_registry
from ._results import Report, unreadable_report
from ._templates import Template
from ._validate import check
from .readers import Reader, Source, _forms, _word
from .readers import _workbook as _workbook_reader
from .readers._xlsx import WORKBOOK

IMPORT_UNSUPPORTED = code(
    "import-unsupported", "error", "returns",
    "A file is not a kind of return s11schema imports, or needs --mapping or --template.",
    "responses.csv: error import-unsupported: a form export (.csv) is read through a mapping "
    "(name one with --mapping)")
IMPORT_OTHER_TEMPLATE = code(
    "import-other-template", "error", "returns",
    "A return is for another template than the one the import was asked for.",
    "return.xlsx: error import-other-template: this is a return for lambeth, not "
    "nottinghamshire-2021 (import it without --template, or send the organisation the right "
    "form)")
CODES: tuple[Code, ...] = (IMPORT_UNSUPPORTED, IMPORT_OTHER_TEMPLATE, *_office.CODES,
                           *_workbook_reader.CODES, *_forms.CODES, *_word.CODES,
                           *_mapping.CODES)

#: The kinds of return `import` reads, for the documentation and `--help`.
KINDS: tuple[tuple[str, str], ...] = (
    (".xlsx", "a workbook made by `s11schema new TEMPLATE --format xlsx`, filled in"),
    (".csv, .xlsx with --mapping", "a Google Forms, Microsoft Forms or SurveyMonkey export, "
                                   "one return per row"),
    (".docx with --template", "a Word return whose table follows the template's columns"),
)


@dataclass(frozen=True, slots=True)
class Imported:
    """One return, read and validated."""

    #: Where it came from, for people: the file, and the row of a form export.
    source: str
    #: A name for its audit file (no suffix): the organisation's, else the file's.
    name: str
    #: The audit, or None where reading found errors (nothing partial is kept).
    audit: dict[str, Any] | None = field(repr=False)
    #: Reading problems and validation findings, placed at their sheet and cell.
    report: Report

    @property
    def ok(self) -> bool:
        return self.audit is not None and self.report.ok


def import_returns(paths: Iterable[str | os.PathLike[str]], *,
                   mapping: FormMapping | str | os.PathLike[str] | None = None,
                   template: Template | str | None = None, status: str = "final",
                   registry: Registry | None = None, today: date | None = None,
                   max_bytes: int | None = None, jobs: int = 1,
                   progress: Callable[[], None] | None = None) -> Iterator[Imported]:
    """Each return in `paths`: workbooks, form exports (with `mapping`, a mapping or its id
    or path) and Word returns (with `template`; `status` is theirs, final by default).

    With `jobs` above 1, files are read in that many processes, the returns in the same
    order as with one; `progress` is called after each file. Needs the office extra for
    workbooks and Word files (MissingExtraError otherwise).
    """
    registry = registry or default_registry()
    if mapping is not None and not isinstance(mapping, FormMapping):
        mapping = load_mapping(mapping, registry=registry)
    if isinstance(template, str):
        template = registry.template(template)
    how = _How(mapping, template, status, today, size_limit(MAX_AUDIT_BYTES, max_bytes))
    files = [(how, path) for path in return_files(paths, mapping=mapping, template=template)]
    for returns in ordered_map(_import_file, files, jobs=jobs, context=registry,
                               done=None if progress is None else lambda _: progress()):
        yield from returns


def return_files(paths: Iterable[str | os.PathLike[str]], *,
                 mapping: FormMapping | None = None,
                 template: Template | None = None) -> list[Path]:
    """The files named, and in folders named the returns the options make readable:
    workbooks, form exports with a mapping, Word returns with a template."""
    suffixes = (".xlsx", *((".csv",) if mapping else ()), *((".docx",) if template else ()))
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        found.extend(files_under(path, suffixes) if path.is_dir() else [path])
    return found


@dataclass(frozen=True)
class _How:
    """How every file of one import is read: what a worker process is given with each."""

    mapping: FormMapping | None
    template: Template | None
    status: str
    today: date | None
    limit: int


def _import_file(registry: Registry, job: tuple[_How, Path]) -> list[Imported]:
    """The returns one file holds (a form export holds one per row)."""
    how, path = job
    reader = _reader(path, how.mapping, how.template, how.status, registry)
    if isinstance(reader, UnreadableError):
        return [Imported(str(path), path.stem, None, unreadable_report(reader, str(path)))]
    return [_read(source, path, how.template, registry, how.today)
            for source in reader.sources(path, max_bytes=how.limit)]


def _reader(path: Path, mapping: FormMapping | None, template: Template | None, status: str,
            registry: Registry) -> Reader | UnreadableError:
    suffix = path.suffix.lower()
    sink = Collector(str(path))
    if not path.is_file():
        sink.add(FILE_UNREADABLE, "no such file" if not path.exists() else "is not a file")
        return UnreadableError(sink.findings)
    if mapping is not None and suffix in (".csv", ".xlsx"):
        return _forms.FormExportReader.of(mapping, registry)
    if suffix == ".xlsx":
        return WORKBOOK
    if suffix == ".docx" and template is not None:
        scales = {s: registry.scale(s) for s in template.scale_ids()}
        return _word.WordReader(template, scales, status=status)
    message = {
        ".csv": "a form export (.csv) is read through a mapping (name one with --mapping)",
        ".docx": "a Word return is read against its template (name it with --template)",
    }.get(suffix, f"s11schema cannot import a {suffix or 'file without a suffix'!r} file")
    sink.add(IMPORT_UNSUPPORTED, message, hint="it imports .xlsx workbooks from `s11schema new`, "
             ".csv and .xlsx form exports with --mapping, and .docx Word returns with "
             "--template")
    return UnreadableError(sink.findings)


def _read(source: Source | UnreadableError, path: Path, template: Template | None,
          registry: Registry, today: date | None) -> Imported:
    if isinstance(source, UnreadableError):
        return Imported(str(path), path.stem, None, unreadable_report(source, str(path)))
    try:
        document = source.parse()
    except UnreadableError as error:
        return Imported(source.name, path.stem, None, unreadable_report(error, str(path)))
    named = document.data.get("template") if isinstance(document.data, dict) else None
    if template is not None and named != template.id:
        sink = Collector(document.name)
        sink.add(IMPORT_OTHER_TEMPLATE, f"this is a return for {named}, not {template.id}",
                 hint="import it without --template, or send the organisation the right form")
        return Imported(source.name, path.stem, None, Report(document.name, tuple(sink.findings)))
    report = check(document, registry=registry, today=today)
    row = source.name.rsplit(" row ", 1)[-1] if " row " in source.name else None
    return Imported(source.name, _name(document.data, path, row), document.data, report)


def _name(audit: Any, path: Path, row: str | None) -> str:
    """A file name for an audit: the organisation's name as a slug, else the file's."""
    organisation = audit.get("organisation") if isinstance(audit, dict) else None
    name = organisation.get("name") if isinstance(organisation, dict) else None
    slug = slug_of(name) if isinstance(name, str) else ""
    return slug or (f"{path.stem}-row-{row}" if row else path.stem)


def slug_of(text: str) -> str:
    """`Example Children's Mental Health Service` -> `example-childrens-mental-health-service`."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    plain = plain.casefold().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:80].rstrip("-")


__all__ = ["CODES", "KINDS", "Imported", "import_returns", "slug_of"]
