"""Form-tool exports read through mappings (`s11schema.readers._forms`, `s11schema._mapping`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

import s11schema
from s11schema import FormMapping, default_registry, import_returns, load_mapping
from s11schema._lint import lint
from s11schema._loader import detect_kind

from ..conftest import EXAMPLES, ROOT

TODAY = date(2026, 1, 1)
LAMBETH, SOUTH_GLOS = EXAMPLES / "lambeth", EXAMPLES / "south-gloucestershire-2019-20"


def imported(path: Path, mapping: str | FormMapping) -> list[s11schema.Imported]:
    return list(import_returns([path], mapping=mapping, today=TODAY))


def audits(path: Path, mapping: str) -> dict[str, dict[str, Any]]:
    found = imported(path, mapping)
    assert all(item.audit is not None for item in found), [
        str(f) for item in found for f in item.report.findings]
    return {item.name: item.audit for item in found if item.audit is not None}


# ---------------------------------------------------------------------- the shipped exports


def test_google_forms_export_imports_one_audit_per_row() -> None:
    """Lambeth's Google export gives four audits with the quirks read right: timestamps as
    dates, the bare 1 to 5 ratings, the long 'Not yet' option, the draft by its status."""
    found = audits(LAMBETH / "google-forms-export.csv", "lambeth-google-forms")
    assert list(found) == ["example-community-football-club", "example-housing-association",
                           "example-primary-school", "example-childrens-mental-health-service"]
    club = found["example-community-football-club"]
    assert club["completed_on"] == "2020-10-12"
    assert club["status"] == "final"
    assert club["answers"]["approved"] == "yes"
    assert club["answers"]["twitter"] == "not yet"
    assert [club["responses"][s]["rating"] for s in "12345678"] == list("34433433")
    assert club["responses"]["5"].get("actions") is None  # the one empty action box
    housing = found["example-housing-association"]
    assert housing["status"] == "draft"
    assert "5" not in housing["responses"]
    assert "\n" in housing["responses"]["2"]["actions"][0]["action"]
    service = found["example-childrens-mental-health-service"]
    assert service["organisation"]["name"] == "Example Children\u2019s Mental Health Service"
    assert service["completed_on"] == "2020-11-06"


def test_microsoft_forms_export_reads_as_the_google_one() -> None:
    """The same two returns rebuilt in Microsoft Forms (numbered headings, number ratings,
    date-time cells) import as the Google export's, but for the time of completion."""
    google = audits(LAMBETH / "google-forms-export.csv", "lambeth-google-forms")
    microsoft = audits(LAMBETH / "microsoft-forms-export.xlsx", "lambeth-microsoft-forms")
    assert list(microsoft) == ["example-community-football-club",
                               "example-housing-association"]
    for name, audit in microsoft.items():
        other = dict(google[name])
        assert audit["completed_on"] != ""
        assert {k: v for k, v in audit.items() if k != "completed_on"} == \
            {k: v for k, v in other.items() if k != "completed_on"}


def test_surveymonkey_csv_and_xlsx_give_the_same_audits() -> None:
    """SurveyMonkey's two header rows, ticked areas, US dates and typed '-' are read the same
    from its CSV (BOM, CRLF) and its XLSX (numbers and date-time cells)."""
    from_csv = audits(SOUTH_GLOS / "surveymonkey-export.csv", "south-gloucestershire-surveymonkey")
    from_xlsx = audits(SOUTH_GLOS / "surveymonkey-export.xlsx",
                       "south-gloucestershire-surveymonkey")
    assert from_csv == from_xlsx
    first = from_csv["example-mental-health-partnership"]
    assert first["completed_on"] == "2020-01-21"
    assert first["organisation"]["areas"] == ["Bristol", "North Somerset",
                                              "South Gloucestershire"]
    assert first["respondent"]["name"] == "Chris Example"
    assert first["responses"]["4"]["rating"] == "3"  # Outstanding
    hospitals = from_csv["example-hospitals-nhs-foundation-trust"]
    # typed under "Other": the report's "Yes*", footnoted "safeguarding team only"
    assert hospitals["responses"]["20"]["rating"] == "yes*"
    assert hospitals["responses"]["20"]["note"] == "safeguarding team only"
    constabulary = from_csv["example-constabulary"]
    texts = [v for r in constabulary["responses"].values() for k, v in r.items()
             if k != "rating"]
    assert "-" not in texts  # "-" means unanswered in this mapping
    assert from_csv["example-fire-and-rescue-service"]["completed_on"] == "2020-02-03"


def test_surveymonkey_returns_follow_the_templates_rules() -> None:
    """As the template models the audit, question 12 is not rated and 7, 8 and 20 may be
    skipped, so the Constabulary's skips and the Hospitals' qualified yes are no errors;
    the Youth Charity, which stopped after question 13, has each standard it left unrated
    reported at its row's empty rating cell."""
    found = {item.name: item for item in imported(SOUTH_GLOS / "surveymonkey-export.csv",
                                                  "south-gloucestershire-surveymonkey")}
    assert [name for name, item in found.items() if item.report.errors] == [
        "example-youth-charity"]
    charity = found["example-youth-charity"].report.errors
    assert {f.code for f in charity} == {"standard-unanswered"}
    standards = [f.message.split()[1] for f in charity]
    assert standards == ["14", "15", "16", "17", "18", "19", "21", "22"]
    assert all(f.cell is not None and f.cell.endswith("7") for f in charity)
    import csv

    from s11schema._office import column_letter

    with (SOUTH_GLOS / "surveymonkey-export.csv").open(encoding="utf-8-sig", newline="") as file:
        heading = next(csv.reader(file))
    question = default_registry().template("south-gloucestershire-2019-20").standard["14"]
    column = column_letter(heading.index(" ".join(question.text.split())) + 1)
    assert charity[0].cell == f"{column}7"


def test_no_personal_data_in_any_message() -> None:
    """Respondents' names, emails and phones are in the audits but in no finding."""
    for path, mapping in ((LAMBETH / "google-forms-export.csv", "lambeth-google-forms"),
                          (SOUTH_GLOS / "surveymonkey-export.csv",
                           "south-gloucestershire-surveymonkey")):
        for item in imported(path, mapping):
            assert item.audit is not None
            personal = [v for v in item.audit.get("respondent", {}).values() if v]
            assert personal
            for finding in item.report.findings:
                assert not any(value in str(finding) for value in personal), str(finding)


# ---------------------------------------------------------------------- what goes wrong


def _mapping(**changes: Any) -> FormMapping:
    data = load_mapping("lambeth-google-forms").model_dump(by_alias=True, exclude_none=True)
    data.update(changes)
    return FormMapping.model_validate(data)


def test_a_column_the_export_lacks_is_refused_naming_it(tmp_path: Path) -> None:
    """An export missing a mapped column gives one finding for the file and no audits."""
    columns = [*load_mapping("lambeth-google-forms").model_dump()["columns"],
               {"header": "To what extent are we meeting this duty?", "occurrence": 9,
                "to": "/responses/8/reason"}]
    (item,) = imported(LAMBETH / "google-forms-export.csv", _mapping(columns=columns))
    assert item.audit is None
    (finding,) = item.report.findings
    assert finding.code == "form-column-missing"
    assert "(the 9th such column)" in finding.message
    assert "the export has 8 such columns" in (finding.hint or "")


def test_a_column_by_position_is_checked_against_its_heading(tmp_path: Path) -> None:
    """`column: K` with a `header` that is not K's heading says what K is headed."""
    columns = [{"column": "B", "header": "Your name", "to": "/respondent/name"}]
    (item,) = imported(LAMBETH / "google-forms-export.csv", _mapping(columns=columns))
    assert [f.message for f in item.report.findings] == [
        "column B is headed 'Email address', not 'Your name'"]


def test_two_columns_answering_one_value_differently_are_a_conflict(tmp_path: Path) -> None:
    """Two mapped columns with different answers for one rating refuse that return."""
    export = tmp_path / "export.csv"
    export.write_text("Org,R1,R1 again\nAcme,3,4\n", encoding="utf-8")
    mapping = FormMapping.model_validate({
        "id": "m", "template": "lambeth", "tool": "other", "columns": [
            {"header": "Org", "to": "/organisation/name"},
            {"header": "R1", "to": "/responses/1/rating"},
            {"header": "R1 again", "to": "/responses/1/rating"}]})
    (item,) = imported(export, mapping)
    assert item.audit is None
    assert [str(f) for f in item.report.findings] == [
        f"{export}!C2: error form-conflict: columns B and C both answer /responses/1/rating "
        "(keep one answer, or map only one of the columns)"]


def test_an_export_with_no_responses_says_so(tmp_path: Path) -> None:
    """Headings and no rows: nothing to import, said plainly."""
    export = tmp_path / "export.csv"
    export.write_text("Org\n", encoding="utf-8")
    mapping = FormMapping.model_validate({"id": "m", "template": "lambeth", "tool": "other",
                                          "columns": [{"header": "Org",
                                                       "to": "/organisation/name"}]})
    (item,) = imported(export, mapping)
    assert [f.code for f in item.report.findings] == ["file-empty"]


# ---------------------------------------------------------------------- the mapping format


def test_mappings_are_their_own_kind_of_file_not_templates() -> None:
    """A mapping is recognised by its columns, and the registry lists no mapping as a
    template."""
    assert detect_kind({"id": "m", "template": "lambeth", "columns": []}) == "mapping"
    templates = {t.id for t in default_registry().templates()}
    assert not templates & {"lambeth-google-forms", "south-gloucestershire-surveymonkey"}


def test_shipped_mappings_load_by_id_and_by_path() -> None:
    """Each shipped mapping loads by id and by its path, for its template."""
    for path in sorted((ROOT / "standards" / "mappings").glob("*.yaml")):
        by_id, by_path = load_mapping(path.stem), load_mapping(path)
        assert by_id == by_path
        assert by_id.id == path.stem
        default_registry().template(by_id.template)


def test_lint_checks_a_mappings_targets_and_codes(tmp_path: Path) -> None:
    """lint reports an unknown template, a `to` that is no value of the template's audits
    and a code that the value does not have, each at its line and column."""
    (tmp_path / "bad.yaml").write_text(
        "id: bad\ntemplate: lambeth\ntool: google-forms\ncolumns:\n"
        "  - {header: A, to: /responses/9/rating}\n"
        "  - {header: B, to: /status, values: {Later: later}}\n"
        "  - {header: C, to: /organisation/nmae}\n", encoding="utf-8")
    (tmp_path / "other.yaml").write_text(
        "id: other\ntemplate: lambath\ntool: surveymonkey\ncolumns:\n"
        "  - {header: A, to: /status}\n", encoding="utf-8")
    (tmp_path / "shape.yaml").write_text(
        "id: shape\ntemplate: lambeth\ntool: other\ncolumns:\n  - {to: /status}\n",
        encoding="utf-8")
    found = [str(f) for f in lint([tmp_path]).findings]
    bad, other = str(tmp_path / "bad.yaml"), str(tmp_path / "other.yaml")
    shape = str(tmp_path / "shape.yaml")
    assert f"{bad}:5:21: error mapping-target: '/responses/9/rating' is not a value of a " \
        "lambeth audit: no standard '9' (known: 1, 2, 3, 4, 5, 6, 7, 8)" in found
    assert f"{bad}:6:46: error mapping-value: 'later' is not a code of /status (codes: " \
        "draft, final)" in found
    assert any(f.startswith(f"{bad}:7:21: error mapping-target:") and "did you mean 'name'"
               in f for f in found)
    assert f"{other}:2:11: error mapping-template: unknown template 'lambath' (did you mean " \
        "'lambeth'?)" in found
    assert f"{shape}:5:5: error schema-type: columns[0]: give 'header' (the column's " \
        "heading) or 'column' (its position)" in found


def test_the_mapping_schema_is_shipped_for_editors() -> None:
    """`schema --format-of mapping` is the code's schema, and the shipped file matches it."""
    import json

    from s11schema._schema import format_schema, shipped_schema_path

    schema = format_schema("mapping")
    assert "columns" in schema["properties"]
    assert json.loads(shipped_schema_path("mapping").read_text("utf-8")) == schema


@pytest.mark.parametrize("path", sorted((ROOT / "standards" / "mappings").glob("*.yaml")))
def test_shipped_mappings_satisfy_the_editor_schema(path: Path) -> None:
    """Editors given the mapping schema see no errors in the shipped mappings."""
    import jsonschema
    import yaml

    from s11schema._schema import format_schema

    validator = jsonschema.Draft202012Validator(format_schema("mapping"))
    data = yaml.safe_load(path.read_text("utf-8"))
    assert [e.message for e in validator.iter_errors(data)] == []


FEATURES = ROOT / "tests" / "data" / "templates"


@pytest.mark.parametrize(("to", "message"), [
    ("/responses/1.5/rating", "standard 1.5 is not rated: map its fields"),
    ("/responses/1.3/rating", "standard 1.3 is scored by its criteria: map each to "
                              "/responses/1.3/criteria/ID"),
    ("/responses/1.3/criteria/c9", "no criterion 'c9' of standard 1.3"),
    ("/responses/1.1/criteria/c1", "standard 1.1 has no criteria"),
    ("/responses/1.1/actions/0/measure", "(KEY: action, lead, due, status, progress, "
                                         "done_on)"),
    ("/responses/1.1/trained/0", "'trained' is one value"),
    ("/moderation/when", "no moderation detail 'when'"),
])
def test_lint_refuses_what_the_features_template_does_not_hold(
        tmp_path: Path, to: str, message: str) -> None:
    """A mapping's `to` must name a value the template's audits hold: no rating for a
    standard that is not rated or is scored by criteria, only known criteria, only the
    template's action columns (and the follow-up keys), one value per typed field."""
    (tmp_path / "m.yaml").write_text(
        f"id: m\ntemplate: features\ntool: other\ncolumns:\n  - {{header: A, to: {to}}}\n",
        encoding="utf-8")
    found = [f for f in lint([tmp_path], registry=s11schema.Registry([FEATURES])).findings
             if f.code == "mapping-target"]
    assert len(found) == 1, found
    assert message in found[0].message
    assert found[0].line == 5


def test_lint_accepts_every_value_the_features_template_holds(tmp_path: Path) -> None:
    """Kinds, moderation, criteria, notes, typed fields, follow-up keys of actions and a
    qualified rating code ('yes*') are all values a mapping may fill; a choice's label is
    as good as its code."""
    (tmp_path / "m.yaml").write_text(
        "id: m\ntemplate: features\ntool: other\ncolumns:\n"
        "  - {header: A, to: /organisation/kind, values: {Health: Statutory partner}}\n"
        "  - {header: B, to: /moderation/on}\n"
        "  - {header: C, to: /responses/1.3/criteria/c2, values: {Partly: not met}}\n"
        "  - {header: D, to: /responses/1.2/rating, values: {Mostly: yes*}}\n"
        "  - {header: E, to: /responses/1.2/note}\n"
        "  - {header: F, to: /responses/1.1/moderated_rating}\n"
        "  - {header: G, to: /responses/1.1/documents, split: ','}\n"
        "  - {header: H, to: /responses/1.1/actions/0/status, values: {Begun: in progress}}\n"
        "  - {header: I, to: /responses/1.1/source, values: {Joint: Shared with the "
        "partnership}}\n", encoding="utf-8")
    assert list(lint([tmp_path], registry=s11schema.Registry([FEATURES])).findings) == []


def test_a_reason_in_a_field_is_mapped_to_that_field(tmp_path: Path) -> None:
    """Buckinghamshire explains N/A in its evidence box: `/responses/1/reason` is refused
    with the pointer to use instead."""
    (tmp_path / "m.yaml").write_text(
        "id: m\ntemplate: buckinghamshire-2016\ntool: other\ncolumns:\n"
        "  - {header: A, to: /responses/1/reason}\n", encoding="utf-8")
    (finding,) = lint([tmp_path]).findings
    assert "map the column to /responses/1/evidence" in finding.message


def test_an_export_reads_typed_values_criteria_and_qualified_answers(tmp_path: Path) -> None:
    """Cells become the audit's values by what each column holds: a kind or a choice by its
    label, a criterion by its answer, a qualified rating with its qualifier, a list split,
    a date's day, a percentage as written."""
    export = tmp_path / "export.csv"
    export.write_text(
        "Org,Kind,Reviewed,Trained,Docs,Source,C1,C2,R12,Note\n"
        "Acme,Voluntary or community group,2024/03/07 10:00,85%,a.pdf;b.pdf,Our own,Met,"
        "N/A,Yes*,deputy only\n", encoding="utf-8")
    mapping = FormMapping.model_validate({
        "id": "m", "template": "features", "tool": "other", "columns": [
            {"header": "Org", "to": "/organisation/name"},
            {"header": "Kind", "to": "/organisation/kind"},
            {"header": "Reviewed", "to": "/responses/1.1/reviewed_on"},
            {"header": "Trained", "to": "/responses/1.1/trained"},
            {"header": "Docs", "to": "/responses/1.1/documents", "split": ";"},
            {"header": "Source", "to": "/responses/1.1/source"},
            {"header": "C1", "to": "/responses/1.3/criteria/c1"},
            {"header": "C2", "to": "/responses/1.3/criteria/c2"},
            {"header": "R12", "to": "/responses/1.2/rating"},
            {"header": "Note", "to": "/responses/1.2/note"}]})
    (item,) = import_returns([export], mapping=mapping, registry=s11schema.Registry([FEATURES]),
                             today=TODAY)
    assert item.audit is not None
    assert item.audit["organisation"] == {"name": "Acme", "kind": "voluntary"}
    assert item.audit["responses"] == {
        "1.1": {"reviewed_on": "2024-03-07", "trained": "85%",
                "documents": ["a.pdf", "b.pdf"], "source": "own"},
        "1.2": {"rating": "yes*", "note": "deputy only"},
        "1.3": {"criteria": {"c1": "met", "c2": "n/a"}}}
