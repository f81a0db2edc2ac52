"""The export API: `s11schema.export.export`, its scores and actions tables, CSV and JSON Lines."""

from __future__ import annotations

import copy
import csv
import io
import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s11schema import Registry
from s11schema._export import (
    ACTION_COLUMNS,
    PERSONAL_COLUMNS,
    SCORE_COLUMNS,
    Export,
    Table,
    export,
)
from s11schema._normalise import normalise
from s11schema._registry import default_registry
from s11schema._scales import band
from s11schema._templates import Template
from s11schema.testing import generate_audit

from ..conftest import DATA, EXAMPLES, VALID_EXAMPLES

TODAY = date(2026, 1, 1)
RUSHCLIFFE = EXAMPLES / "nottinghamshire-2021" / "rushcliffe-2021.json"
NOTTS = EXAMPLES / "nottinghamshire-2021" / "final.json"
#: On the strict variant of the Nottinghamshire template: actions with a due column, and
#: moderation declared.
STRICT_NOTTS = DATA / "audits" / "bases" / "notts.json"
STRICT = Registry([DATA / "templates"])
LAMBETH = EXAMPLES / "lambeth" / "final.json"
BUCKS = EXAMPLES / "buckinghamshire-2016" / "final.json"
AUDITS = VALID_EXAMPLES
TEMPLATES = sorted(default_registry().templates(), key=lambda t: t.label)
ZEBEDEE = {"name": "Zebedee Quartermaine", "role": "Head of Quality",
           "email": "zebedee.q@personal.example", "phone": "07700 900461"}
#: Pieces of the respondent's details: none may appear, in any case.
FRAGMENTS = ("zebedee", "quartermaine", "personal.example", "900461", "07700")


def load(path: Path) -> dict[str, Any]:
    """A fresh copy of an audit, safe to edit."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def csv_rows(text: str) -> list[dict[str, str]]:
    """CSV read back with the standard library, independently of pandas."""
    return list(csv.DictReader(io.StringIO(text)))


def jsonl_rows(text: str) -> list[dict[str, Any]]:
    """JSON Lines read back one object per line."""
    return [json.loads(line) for line in text.splitlines()]


def zebedee() -> dict[str, Any]:
    """The Lambeth example, completed by a respondent whose details must not leak."""
    audit = load(LAMBETH)
    audit["respondent"] = dict(ZEBEDEE)
    return audit


def assert_no_personal_data(result: Export) -> None:
    """No piece of the respondent's details is in the output, the rows or the reasons."""
    reasons = [f"{item.file}: {item.reason}" for item in result.excluded]
    for text in (result.csv(), result.jsonl(), repr(result.rows), *reasons):
        for fragment in FRAGMENTS:
            assert fragment not in text.casefold()


def standards_in(paths: list[Path]) -> int:
    """How many standards the audits' templates have between them."""
    registry = default_registry()
    return sum(len(registry.template(a["template"], a.get("template_version")).standard_ids)
               for a in map(load, paths))


def rows_of(result: Export, organisation: str) -> list[dict[str, Any]]:
    """The rows of one organisation."""
    return [row for row in result.rows if row["organisation"] == organisation]


# ---------------------------------------------------------------- scores


def test_the_five_examples_are_exported() -> None:
    """All five example audits are valid and final, so none is left out."""
    result = export(AUDITS, today=TODAY)
    assert len(AUDITS) == 5
    assert result.excluded == ()
    assert result.table == "scores"
    assert {row["organisation"] for row in result.rows} == {
        load(path)["organisation"]["name"] for path in AUDITS}


@pytest.mark.parametrize("path", AUDITS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_one_score_row_per_standard(path: Path) -> None:
    """Each audit has one row per standard of its template, in the template's order."""
    audit = load(path)
    template = default_registry().template(audit["template"], audit.get("template_version"))
    rows = export([path], today=TODAY).rows
    assert [row["standard"] for row in rows] == list(template.standard_ids)
    assert [row["section"] for row in rows] == [
        template.section_of[s].id for s in template.standard_ids]
    assert [row["section_title"] for row in rows] == [
        template.section_of[s].title for s in template.standard_ids]


@pytest.mark.parametrize("path", AUDITS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_values_are_the_scale_positions_of_the_written_ratings(path: Path) -> None:
    """Each value is its rating's position on its scale; N/A has no value, never zero."""
    audit = load(path)
    registry = default_registry()
    template = registry.template(audit["template"], audit.get("template_version"))
    for row in export([path], today=TODAY).rows:
        scale = registry.scale_for(template, row["standard"])
        code = scale.resolve(audit["responses"][row["standard"]].get("rating"))
        assert row["rating"] == row["self_rating"] == code
        if code is None or not scale.scored or scale.is_not_applicable(code):
            assert row["value"] is None
            assert row["band"] is None
            assert row["not_applicable"] == bool(code and scale.is_not_applicable(code))
        else:
            assert row["value"] == pytest.approx(scale.positions[code])
            assert row["band"] == str(band(row["value"]))
            assert row["not_applicable"] is False


def test_rushcliffe_amber_is_one_third_and_requires_improvement() -> None:
    """Rushcliffe rated 3.1 Amber: 1/3 on the common scale, band requires-improvement; its
    completion, given as a month, is the month's first day."""
    result = export([RUSHCLIFFE], today=TODAY)
    (row,) = [r for r in result.rows if r["standard"] == "3.1"]
    assert row["rating"] == "amber"
    assert row["value"] == pytest.approx(1 / 3)
    assert row["band"] == "requires-improvement"
    assert row["actions"] == 1
    assert row["partnership"].startswith("Nottinghamshire")
    assert row["organisation_type"] is None
    assert row["completed_on"] == "2021-06-01"
    (csv_row,) = [r for r in csv_rows(result.csv()) if r["standard"] == "3.1"]
    assert float(csv_row["value"]) == pytest.approx(1 / 3, abs=1e-4)


def test_not_applicable_rows_have_an_empty_value() -> None:
    """Buckinghamshire's standard 6 is N/A: an empty CSV cell and null in JSON Lines."""
    result = export([BUCKS], today=TODAY)
    (csv_row,) = [r for r in csv_rows(result.csv()) if r["standard"] == "6"]
    (json_row,) = [r for r in jsonl_rows(result.jsonl()) if r["standard"] == "6"]
    assert csv_row["rating"] == "n/a"
    assert csv_row["value"] == ""
    assert csv_row["band"] == ""
    assert json_row["value"] is None
    assert json_row["band"] is None
    assert json_row["not_applicable"] is True


def test_csv_header_is_exactly_the_score_columns() -> None:
    """The CSV header is SCORE_COLUMNS, in order, and every row has a cell for each."""
    text = export(AUDITS, today=TODAY).csv()
    assert text.splitlines()[0] == ",".join(SCORE_COLUMNS)
    reader = csv.reader(io.StringIO(text))
    assert {len(row) for row in reader} == {len(SCORE_COLUMNS)}


@pytest.mark.parametrize(("table", "columns"),
                         [("scores", SCORE_COLUMNS), ("actions", ACTION_COLUMNS)])
def test_an_empty_export_still_has_its_header(table: Table, columns: tuple[str, ...]) -> None:
    """With nothing to export the CSV is the header alone and the JSON Lines are empty."""
    result = export([], table=table, today=TODAY)
    assert result.rows == ()
    assert result.csv() == ",".join(columns) + "\r\n"
    assert result.jsonl() == ""


def test_areas_and_domains_are_lists_in_jsonl_and_joined_in_csv() -> None:
    """A list is "; "-joined in CSV (one cell) but stays a list in JSON Lines."""
    result = export([NOTTS], today=TODAY)
    first_csv = csv_rows(result.csv())[0]
    first_json = jsonl_rows(result.jsonl())[0]
    assert first_json["areas"] == ["Nottinghamshire", "Nottingham City"]
    assert first_csv["areas"] == "Nottinghamshire; Nottingham City"
    assert isinstance(first_json["domains"], list)
    assert first_json["domains"]
    assert first_csv["domains"] == "; ".join(first_json["domains"])


def test_moderated_ratings_are_used_when_asked_for() -> None:
    """With rating="moderated" the moderated code is used and the self rating is kept."""
    audit = load(STRICT_NOTTS)
    audit["responses"]["3.1"]["rating"] = "amber"
    audit["responses"]["3.1"]["moderated_rating"] = "green"
    audit["responses"]["3.1"]["actions"] = [{"action": "Add the LADO route to the induction "
                                            "pack for every new starter", "lead": "HR Manager",
                                            "due": "2026-03-31", "measure": "All starters"}]
    (own,) = [r for r in export([audit], today=TODAY, registry=STRICT).rows
              if r["standard"] == "3.1"]
    (moderated,) = [r for r in export([audit], rating="moderated", today=TODAY,
                                      registry=STRICT).rows if r["standard"] == "3.1"]
    assert own["rating"] == "amber"
    assert own["value"] == pytest.approx(1 / 3)
    assert moderated["rating"] == "green"
    assert moderated["value"] == pytest.approx(2 / 3)
    assert moderated["self_rating"] == "amber"
    assert moderated["moderated_rating"] == "green"


# ---------------------------------------------------------------- pandas


def test_csv_loads_in_pandas() -> None:
    """pandas reads the CSV with the documented columns, one row per standard, float values."""
    import pandas
    result = export(AUDITS, today=TODAY)
    frame = pandas.read_csv(io.StringIO(result.csv()))
    assert tuple(frame.columns) == SCORE_COLUMNS
    assert len(frame) == len(result.rows) == standards_in(AUDITS) == 83
    assert frame["value"].dtype == "float64"
    assert frame["value"].isna().sum() == sum(1 for r in result.rows if r["value"] is None)
    assert frame["actions"].dtype == "int64"


def test_jsonl_loads_in_pandas() -> None:
    """pandas reads the JSON Lines with the documented columns and float values."""
    import pandas
    result = export(AUDITS, today=TODAY)
    frame = pandas.read_json(io.StringIO(result.jsonl()), lines=True)
    assert tuple(frame.columns) == SCORE_COLUMNS
    assert len(frame) == len(result.rows)
    assert frame["value"].dtype == "float64"
    assert frame["value"].min() >= 0
    assert frame["value"].max() <= 1


# ---------------------------------------------------------------- actions


def test_rushcliffe_actions_keep_their_text_and_read_the_date_in_it() -> None:
    """Each of Rushcliffe's six action cells is a row; the one that says "during 2021/22.
    ... in autumn 2021/22" is due at the later of the two, 2022-03-31."""
    result = export([RUSHCLIFFE], table="actions", today=TODAY)
    assert result.columns == ACTION_COLUMNS
    written = [a for r in load(RUSHCLIFFE)["responses"].values() for a in r.get("actions", [])]
    assert [row["action"] for row in result.rows] == [a["action"] for a in written]
    assert len(result.rows) == 6
    (training,) = [row for row in result.rows if row["standard"] == "4.1"]
    assert training["section"] == "4"
    assert training["due"] is None
    assert training["due_date"] == "2022-03-31"
    assert training["overdue"] is True
    (csv_training,) = [r for r in csv_rows(result.csv()) if r["standard"] == "4.1"]
    assert csv_training["due_date"] == "2022-03-31"
    assert csv_training["overdue"] == "True"


def test_an_action_without_a_due_date_is_neither_overdue_nor_on_time() -> None:
    """Rushcliffe's 3.1 action has no timescale: due, due_date and overdue are all empty."""
    result = export([RUSHCLIFFE], table="actions", today=TODAY)
    (row,) = [row for row in result.rows if row["standard"] == "3.1"]
    assert row["due"] is None
    assert row["due_date"] is None
    assert row["overdue"] is None


def test_an_action_due_in_2027_is_not_overdue() -> None:
    """An action due 2027-03-31 is not overdue on 2026-01-01; the same one is in 2028."""
    audit = load(STRICT_NOTTS)
    audit["responses"]["4.2"]["actions"][0]["due"] = "2027-03-31"
    (row,) = [r for r in export([audit], table="actions", today=TODAY, registry=STRICT).rows
              if r["standard"] == "4.2"]
    assert row["due"] == "2027-03-31"
    assert row["due_date"] == "2027-03-31"
    assert row["overdue"] is False
    on_the_day = export([audit], table="actions", today=date(2027, 3, 31), registry=STRICT)
    assert next(r for r in on_the_day.rows if r["standard"] == "4.2")["overdue"] is False
    later = export([audit], table="actions", today=date(2028, 1, 1), registry=STRICT)
    assert next(r for r in later.rows if r["standard"] == "4.2")["overdue"] is True


def test_a_relative_due_date_counts_from_the_completion_date() -> None:
    """A due "within 6 months" of completion (2025-09-15) is 2026-03-15, as in the scores."""
    audit = load(STRICT_NOTTS)
    audit["responses"]["4.2"]["actions"][0]["due"] = "within 6 months"
    (row,) = [r for r in export([audit], table="actions", today=TODAY, registry=STRICT).rows
              if r["standard"] == "4.2"]
    assert row["due"] == "within 6 months"
    assert row["due_date"] == "2026-03-15"
    assert row["overdue"] is False
    (score,) = [r for r in export([audit], today=TODAY, registry=STRICT).rows
                if r["standard"] == "4.2"]
    assert score["earliest_due"] == row["due_date"]


def test_action_counts_match_the_scores_table() -> None:
    """The actions table has as many rows per standard as the scores table counts."""
    scores = export(AUDITS, today=TODAY).rows
    actions = export(AUDITS, table="actions", today=TODAY).rows
    assert len(actions) == sum(row["actions"] for row in scores) > 0
    for score in scores:
        mine = [a for a in actions if (a["organisation"], a["standard"]) ==
                (score["organisation"], score["standard"])]
        assert len(mine) == score["actions"]


# ---------------------------------------------------------------- personal data


@pytest.mark.parametrize("table", ["scores", "actions"])
def test_personal_data_is_left_out_by_default(table: Table, tmp_path: Path) -> None:
    """The respondent's name, email and phone appear in neither CSV nor JSON Lines."""
    path = tmp_path / "zebedee.json"
    path.write_text(json.dumps(zebedee()), encoding="utf-8")
    for source in ([path], [zebedee()]):
        for options in ({}, {"include_drafts": True}, {"rating": "moderated"}):
            result = export(source, table=table, today=TODAY, **options)
            assert result.rows
            assert result.excluded == ()
            assert not set(PERSONAL_COLUMNS) & set(result.columns)
            assert_no_personal_data(result)


@pytest.mark.parametrize("table", ["scores", "actions"])
def test_an_excluded_audit_does_not_leak_its_respondent(table: Table) -> None:
    """Implausible contacts make the audit invalid; the reason names codes, not the values."""
    audit = zebedee()
    audit["respondent"]["email"] = "zebedee.q@@personal"
    audit["respondent"]["phone"] = "call Zebedee Quartermaine"
    result = export([audit], table=table, include_drafts=True, today=TODAY)
    assert result.rows == ()
    (item,) = result.excluded
    assert "contact-invalid" in item.reason
    assert_no_personal_data(result)


@pytest.mark.parametrize("table", ["scores", "actions"])
def test_personal_data_is_exported_when_asked_for(table: Table) -> None:
    """With include_personal the respondent's details fill PERSONAL_COLUMNS, last."""
    result = export([zebedee()], table=table, include_personal=True, today=TODAY)
    assert result.columns[-len(PERSONAL_COLUMNS):] == PERSONAL_COLUMNS
    assert result.rows
    for text in (result.csv(), result.jsonl()):
        for secret in (ZEBEDEE["name"], ZEBEDEE["email"], ZEBEDEE["phone"]):
            assert secret in text
    for row in result.rows:
        assert [row[c] for c in PERSONAL_COLUMNS] == [
            ZEBEDEE["name"], ZEBEDEE["role"], ZEBEDEE["email"], ZEBEDEE["phone"]]
    assert csv_rows(result.csv())[0]["respondent_email"] == ZEBEDEE["email"]


def test_personal_columns_are_empty_for_audits_without_a_respondent() -> None:
    """Nottinghamshire asks for no respondent: the personal cells are empty, not missing."""
    result = export([NOTTS], include_personal=True, today=TODAY)
    assert all(row[c] is None for row in result.rows for c in PERSONAL_COLUMNS)
    assert csv_rows(result.csv())[0]["respondent_name"] == ""


# ---------------------------------------------------------------- left out


def test_invalid_and_unreadable_audits_are_excluded_with_a_reason() -> None:
    """A broken audit is listed in `excluded` with why, and none of it is in the rows."""
    broken = load(RUSHCLIFFE)
    broken["organisation"]["name"] = "Broken Borough Council"
    broken["responses"]["3.1"]["rating"] = "purple"
    files = [DATA / "audits" / "truncated.json", DATA / "audits" / "top-level-array.json",
             DATA / "audits" / "duplicate-key.json"]
    result = export([broken, *files, NOTTS], today=TODAY)
    reasons = {item.file: (item.kind, item.codes) for item in result.excluded}
    assert reasons["<audit>"][0] == "invalid"
    assert "rating-unknown" in reasons["<audit>"][1]
    assert reasons[str(files[0])] == ("unreadable", ("json-syntax",))
    assert reasons[str(files[1])] == ("invalid", ("json-not-object",))
    assert reasons[str(files[2])] == ("invalid", ("json-duplicate-key",))
    assert len(result.excluded) == 4
    assert {row["organisation"] for row in result.rows} == {"Example Community Health Trust"}
    assert "Broken Borough Council" not in result.csv()


def test_excluded_files_are_named_by_their_path(tmp_path: Path) -> None:
    """An invalid audit read from a file is named by its path, not as "<audit>"."""
    broken = load(NOTTS)
    del broken["status"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    (item,) = export([tmp_path], today=TODAY).excluded
    assert item.file == str(path)
    assert item.kind == "invalid"


def test_drafts_are_excluded_unless_asked_for() -> None:
    """A valid draft is left out (saying so) unless include_drafts is set."""
    draft = load(LAMBETH)
    draft["status"] = "draft"
    left_out = export([draft], today=TODAY)
    assert left_out.rows == ()
    (item,) = left_out.excluded
    assert item.kind == "draft"
    included = export([draft], include_drafts=True, today=TODAY)
    assert included.excluded == ()
    assert len(included.rows) == 8
    assert {r["status"] for r in included.rows} == {"draft"}


def test_actions_stay_with_their_own_audit_after_one_is_left_out() -> None:
    """Raw data is paired with the right audit even when an earlier one is excluded."""
    broken = load(LAMBETH)
    broken["organisation"]["name"] = "Left Out Service"
    broken["status"] = "done"
    for response in broken["responses"].values():
        for action in response.get("actions", []):
            action["action"] = "An action of the audit that was left out"
    renamed = load(LAMBETH)
    renamed["organisation"]["name"] = "Kept Service"
    result = export([broken, renamed, RUSHCLIFFE], table="actions", include_personal=True,
                    today=TODAY)
    assert [item.kind for item in result.excluded] == ["invalid"]
    assert "An action of the audit that was left out" not in result.csv()
    kept = rows_of(result, "Kept Service")
    expected = [a["action"] for r in renamed["responses"].values() for a in r.get("actions", [])]
    assert [row["action"] for row in kept] == expected
    assert {row["respondent_name"] for row in kept} == {renamed["respondent"]["name"]}
    assert len(rows_of(result, "Rushcliffe Borough Council")) == 6


def test_normalised_audits_give_scores_and_actions() -> None:
    """An already-normalised audit carries its actions, so both tables list it."""
    normalised = normalise(RUSHCLIFFE)
    scores = export([normalised], today=TODAY)
    assert len(scores.rows) == 24
    assert scores.excluded == ()
    actions = export([normalised], table="actions", today=TODAY)
    assert actions.rows == export([RUSHCLIFFE], table="actions", today=TODAY).rows
    assert actions.excluded == ()


def test_an_unknown_table_is_refused() -> None:
    """A misspelt table name is an error, not an empty export."""
    with pytest.raises(ValueError, match="unknown table"):
        export([RUSHCLIFFE], table="action", today=TODAY)  # type: ignore[arg-type]


# ---------------------------------------------------------------- generated audits


@given(template=st.sampled_from(TEMPLATES), seed=st.integers(0, 2**32 - 1))
def test_generated_audits_export_one_valid_row_per_standard(template: Template,
                                                            seed: int) -> None:
    """For any generated audit: a row per standard, values in [0, 1] or empty, bands agree."""
    audit = generate_audit(template, random.Random(seed))
    result = export([copy.deepcopy(audit)], today=TODAY)
    assert result.excluded == ()
    assert len(result.rows) == len(template.standard_ids)
    for row in result.rows:
        value = row["value"]
        if value is None:
            assert row["band"] is None
        else:
            assert 0.0 <= value <= 1.0
            assert row["band"] == str(band(value))
    actions = export([audit], table="actions", today=TODAY)
    assert len(actions.rows) == sum(row["actions"] for row in result.rows)
