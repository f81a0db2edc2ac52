"""What reading and writing office files shares: the optional libraries, zip safety, cell values.

openpyxl (workbooks) and python-docx (Word) come with `pip install 's11schema[office]'`;
they are imported only when an office file is read or written, and a missing one is a
`MissingExtraError` naming the extra. Workbooks and Word files are zip archives, so
their unpacked size is checked before any library opens them: a small file cannot
unpack into gigabytes.
"""

from __future__ import annotations

import importlib
import io
import re
import zipfile
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from ._errors import MissingExtraError
from ._files import fail
from ._findings import Code, code

if TYPE_CHECKING:
    from ._scales import Scale

EXTRA = "office"
#: An office file may unpack to at most this many times the size limit of its file.
UNPACKED_RATIO = 20

OFFICE_NOT_ZIP = code(
    "office-not-zip", "error", "returns",
    "A workbook or Word file is not one: its content is not the zip archive such files are.",
    "return.xlsx: error office-not-zip: this is not an Excel workbook (.xlsx); it may be an "
    "older .xls file or another kind of file renamed (open it in Excel and save it as .xlsx)")
CODES: tuple[Code, ...] = (OFFICE_NOT_ZIP,)


def require(module: str, library: str, what: str) -> None:
    """Import `module` now, or raise MissingExtraError naming the office extra."""
    try:
        importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(library, EXTRA, what) from None


def require_openpyxl() -> None:
    require("openpyxl", "openpyxl", "reading and writing Excel workbooks")


def require_docx() -> None:
    require("docx", "python-docx", "reading Word (.docx) returns")


def open_zip(data: bytes, file: str, *, kind: str, hint: str, max_bytes: int) -> io.BytesIO:
    """The bytes of an office file, once they are known to be a zip that unpacks safely."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        fail(file, OFFICE_NOT_ZIP, f"this is not {kind}", hint=hint)
    limit = max_bytes * UNPACKED_RATIO
    if unpacked > limit:
        from ._files import FILE_TOO_LARGE, megabytes

        fail(file, FILE_TOO_LARGE, f"it unpacks to {megabytes(unpacked)}, over the "
             f"{megabytes(limit)} limit for a file of this size",
             hint="raise the limit with --max-bytes or S11SCHEMA_MAX_BYTES if the file is "
                  "genuine")
    return io.BytesIO(data)


def cell_text(value: Any) -> str:
    """A cell's value as the text a person typed: numbers without a trailing `.0`, dates
    as YYYY-MM-DD, TRUE and FALSE as yes and no, nothing as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def date_text(text: str) -> str:
    """A date as the audit format writes it: YYYY-MM-DD where the text names one day
    ("30/06/2025", day first as in the UK), YYYY-MM where it names a month ("June 2021");
    the text as written otherwise (a day is never guessed, and validation says what to
    write)."""
    from ._timescales import parse_timescale

    parsed = parse_timescale(text)
    if parsed is None:
        return text
    if parsed.start == parsed.end:
        return parsed.end.isoformat()
    month = parsed.start.isoformat()[:7]
    last_day = (parsed.end + timedelta(days=1)).day == 1
    if parsed.start.day == 1 and last_day and parsed.end.isoformat()[:7] == month:
        return month
    return text


def column_letter(index: int) -> str:
    """The spreadsheet letters of a 1-based column number: 1 -> A, 28 -> AB."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


_LETTERS = re.compile(r"^[A-Za-z]{1,3}$")


def column_index(letters: str) -> int | None:
    """The 1-based number of a column written as letters (A, K, AB) or digits; None if
    it is neither."""
    text = letters.strip()
    if text.isdigit():
        return int(text) if 0 < int(text) <= 16384 else None
    if not _LETTERS.match(text):
        return None
    index = 0
    for char in text.upper():
        index = index * 26 + ord(char) - ord("A") + 1
    return index if index <= 16384 else None


def resolve_rating(scale: Scale, text: str) -> str:
    """The scale's code for a rating as a person wrote it (a code, an alias or a label, any
    case); the text as written where it is none of them, for validation to report."""
    code = scale.resolve(text)
    if code is not None:
        return code
    wanted = " ".join(text.split()).casefold()
    for level in scale.all_levels:
        if " ".join(level.label.split()).casefold() == wanted:
            return level.code
    na = scale.not_applicable
    if na is not None and " ".join(na.label.split()).casefold() == wanted:
        return na.code
    return text
