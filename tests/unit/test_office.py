"""What office files share (`s11schema._office`) and the import API (`s11schema._import`)."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

import s11schema
from s11schema import MissingExtraError, import_returns
from s11schema._import import KINDS, slug_of
from s11schema._office import cell_text, column_index, column_letter, date_text, resolve_rating

from ..conftest import EXAMPLES


@pytest.mark.parametrize(("value", "text"), [
    (None, ""), (3, "3"), (3.0, "3"), (1.1, "1.1"), (True, "yes"), (False, "no"),
    (date(2025, 6, 30), "2025-06-30"), (datetime(2025, 6, 30), "2025-06-30"),
    (datetime(2020, 2, 3, 14, 30, 11), "2020-02-03 14:30:11"), ("Green", "Green"),
])
def test_cell_text_is_what_a_person_typed(value: Any, text: str) -> None:
    """Numbers lose Excel's trailing .0, dates read YYYY-MM-DD, TRUE/FALSE read yes/no."""
    assert cell_text(value) == text


@pytest.mark.parametrize(("letters", "index"), [("A", 1), ("K", 11), ("Z", 26), ("AA", 27),
                                                ("AX", 50), ("XFD", 16384), ("11", 11)])
def test_columns_as_letters_and_numbers(letters: str, index: int) -> None:
    """Column letters and numbers convert both ways, as spreadsheets count them."""
    assert column_index(letters) == index
    if letters.isalpha():
        assert column_letter(index) == letters


@pytest.mark.parametrize("bad", ["", "A1", "XFE", "0", "ÄB"])
def test_a_column_that_is_none_is_none(bad: str) -> None:
    """Text that names no column gives None, not a guess."""
    assert column_index(bad) is None


@pytest.mark.parametrize(("scale", "text", "code"), [
    ("rag", "Green", "green"), ("rag", " AMBER ", "amber"), ("rag", "Not applicable", "n/a"),
    ("ofsted-4", "Requires Improvement", "1"), ("lambeth-5", "3", "3"),
    ("yes-no", "Y", "yes"), ("rag", "Purple", "Purple"),
])
def test_ratings_resolve_by_code_alias_or_label(scale: str, text: str, code: str) -> None:
    """A rating as a person wrote it becomes the scale's code; anything else stays as
    written, for validation to report."""
    assert resolve_rating(s11schema.load_scale(scale), text) == code


@pytest.mark.parametrize(("text", "written"), [
    ("2025-06-30", "2025-06-30"), ("30/06/2025", "2025-06-30"), ("1 June 2021", "2021-06-01"),
    ("June 2021", "2021-06"), ("2021-06", "2021-06"), ("2021/22", "2021/22"),
    ("Q3 2021/22", "Q3 2021/22"), ("soon", "soon"),
])
def test_dates_are_read_as_a_day_or_a_month_never_guessed(text: str, written: str) -> None:
    """A date a person wrote becomes YYYY-MM-DD where it names a day, YYYY-MM where it names
    a month; anything longer or vaguer stays as written, for validation to report."""
    assert date_text(text) == written


def test_slugs_name_audit_files_after_organisations() -> None:
    """An organisation's name becomes a plain file name."""
    assert slug_of("Example Children\u2019s Mental Health Service") == \
        "example-childrens-mental-health-service"
    assert slug_of("St Mary's C of E (VA) School") == "st-marys-c-of-e-va-school"
    assert slug_of("!!!") == ""


def test_import_returns_names_rows_and_keeps_audits() -> None:
    """Each row of an export is its own return, named for its organisation."""
    found = list(import_returns([EXAMPLES / "lambeth" / "google-forms-export.csv"],
                                mapping="lambeth-google-forms", today=date(2026, 1, 1)))
    assert [i.source.rsplit(" ", 1)[-1] for i in found] == ["2", "3", "4", "5"]
    assert all(i.ok for i in found)


def test_import_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    """A missing file and an unknown kind are findings, not exceptions."""
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    missing, pdf = import_returns([tmp_path / "nothing.xlsx", tmp_path / "notes.pdf"])
    assert [f.code for f in missing.report.findings] == ["file-unreadable"]
    assert [f.code for f in pdf.report.findings] == ["import-unsupported"]
    assert missing.audit is pdf.audit is None


def test_a_workbook_for_another_template_is_refused(tmp_path: Path) -> None:
    """Importing with --template refuses a workbook made for another template."""
    path = tmp_path / "return.xlsx"
    path.write_bytes(s11schema.new_workbook("lambeth"))
    (item,) = import_returns([path], template="nottinghamshire-2021")
    assert item.audit is None
    assert [f.message for f in item.report.findings] == [
        "this is a return for lambeth, not nottinghamshire-2021"]


def test_missing_python_docx_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without python-docx, reading a Word return raises MissingExtraError for the extra."""
    monkeypatch.setitem(sys.modules, "docx", None)
    docx = Path(__file__).resolve().parents[1] / "data" / "docx" / "rushcliffe-2021.docx"
    with pytest.raises(MissingExtraError) as raised:
        list(import_returns([docx], template="nottinghamshire-2021"))
    assert str(raised.value) == ("reading Word (.docx) returns needs python-docx, which is not "
                                 "installed (pip install 's11schema[office]')")


def test_kinds_of_return_are_listed_for_the_docs() -> None:
    """The kinds of return import reads are data (the docs' table is made from them)."""
    assert [suffix.split()[0] for suffix, _ in KINDS] == [".xlsx", ".csv,", ".docx"]
