"""The validation API: `s11schema.validate`, `validate_many`, `Report`, blank drafts."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import s11schema
from s11schema import Finding, Registry, Report, Severity, UnreadableError, load_template
from s11schema._audit import dumps, new_audit
from s11schema._many import validate_many as _validate_many
from s11schema._rules import CompiledTemplate
from s11schema._validate import _COMPILED, _COMPILED_MAX, compiled_template
from s11schema._validate import validate as _validate

from ..conftest import DATA, ROOT

EXAMPLES = ROOT / "examples"
AUDITS = DATA / "audits"
RUSHCLIFFE = EXAMPLES / "nottinghamshire-2021" / "rushcliffe-2021.json"
MISTAKES = EXAMPLES / "nottinghamshire-2021" / "mistakes.json"
#: A final audit on a strict variant of the Nottinghamshire template (every rule on).
NOTTS = AUDITS / "bases" / "notts.json"
FINALS = sorted(EXAMPLES.glob("*/final.json"))
TODAY = date(2026, 1, 1)
TEMPLATE_IDS = sorted(t.label for t in Registry().templates())
#: The bundled templates, and the strict variants the rule tests use.
STRICT = Registry([DATA / "templates"])


def validate(audit: Any, *args: Any, **kwargs: Any) -> Report:
    return _validate(audit, *args, **{"registry": STRICT, **kwargs})


def validate_many(paths: Any, **kwargs: Any) -> Iterator[Report]:
    return _validate_many(paths, **{"registry": STRICT, **kwargs})


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return copy.deepcopy(data)


@pytest.fixture
def notts() -> dict[str, Any]:
    """A valid final Nottinghamshire audit, freshly copied."""
    return load(NOTTS)


def codes_and_paths(report: Report) -> list[tuple[str, str]]:
    return [(f.code, f.pointer) for f in report.findings]


# ------------------------------------------------------------------ inputs


def test_validate_accepts_every_input_form() -> None:
    """A dict, a str path, a Path, JSON text and JSON bytes give the same findings."""
    text = MISTAKES.read_text(encoding="utf-8")
    reports = [
        s11schema.validate(json.loads(text), today=TODAY),
        s11schema.validate(str(MISTAKES), today=TODAY),
        s11schema.validate(MISTAKES, today=TODAY),
        s11schema.validate(text, today=TODAY),
        s11schema.validate(text.encode("utf-8"), today=TODAY),
    ]
    expected = codes_and_paths(reports[0])
    assert expected  # the mistakes give findings, so the comparison means something
    for report in reports[1:]:
        assert codes_and_paths(report) == expected
        assert (report.template, report.status, report.answered, report.total) == (
            "nottinghamshire-2021", "final", 22, 24)


def test_validate_names_each_input_form() -> None:
    """Reports and findings are named after the file, or a placeholder for data in memory."""
    text = MISTAKES.read_text(encoding="utf-8")
    assert validate(json.loads(text), today=TODAY).file == "<audit>"
    assert validate(text, today=TODAY).file == "<input>"
    assert validate(text.encode(), today=TODAY).file == "<input>"
    by_path = validate(MISTAKES, today=TODAY)
    assert by_path.file == str(MISTAKES)
    assert {f.file for f in by_path.findings} == {str(MISTAKES)}
    named = validate(text, today=TODAY, name="upload.json")
    assert named.file == "upload.json"
    assert {f.file for f in named.findings} == {"upload.json"}


def test_validate_accepts_text_with_byte_order_mark_and_leading_space() -> None:
    """JSON text may start with a byte-order mark or white space."""
    text = NOTTS.read_text(encoding="utf-8")
    assert validate("\ufeff" + text, today=TODAY).findings == ()
    assert validate("\n  " + text, today=TODAY).findings == ()
    assert validate(b"\xef\xbb\xbf" + text.encode(), today=TODAY).findings == ()


def test_validate_reads_a_path_that_starts_with_a_bracket(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A str naming an existing file is read as that file, whatever its first character."""
    (tmp_path / "[DRAFT] notts.json").write_bytes(NOTTS.read_bytes())
    monkeypatch.chdir(tmp_path)
    report = validate("[DRAFT] notts.json", today=TODAY)
    assert report.file == "[DRAFT] notts.json"
    assert report.findings == ()


def test_validate_reads_text_with_a_double_quote_as_json(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every audit has a double quote, so text with one is JSON, even where a file has its
    name (no file-system look for each audit given as text)."""
    (tmp_path / '["x"]').write_bytes(NOTTS.read_bytes())
    monkeypatch.chdir(tmp_path)
    report = validate('["x"]', today=TODAY)
    assert report.file == "<input>"
    assert [f.code for f in report.findings] == ["json-not-object"]


def test_validate_does_not_change_the_dict(notts: dict[str, Any]) -> None:
    """Validating a dict leaves it as it was."""
    notts["responses"]["1.1"]["rating"] = "Purple"
    before = copy.deepcopy(notts)
    validate(notts, today=TODAY)
    assert notts == before


def test_today_decides_what_is_in_the_future(notts: dict[str, Any]) -> None:
    """`today` is the date completed_on is compared with."""
    assert validate(notts, today=date(2025, 9, 15)).ok
    report = validate(notts, today=date(2025, 9, 14))
    assert codes_and_paths(report) == [("date-in-future", "/completed_on")]


# ------------------------------------------------------------------ Report


def test_report_of_rushcliffe() -> None:
    """Rushcliffe, recorded as the return gives it ("June 2021", ratings as written, each
    action cell one action with its timescale in its words), is clean and complete."""
    report = validate(RUSHCLIFFE, today=TODAY)
    assert report.ok
    assert report.findings == ()
    assert report.completeness == 1.0
    assert not report.unreadable


def test_report_of_an_audit_with_only_warnings(notts: dict[str, Any]) -> None:
    """Warnings alone: ok, no errors, every finding a warning."""
    notts["responses"]["4.2"]["actions"][0]["lead"] = "all staff"
    report = validate(notts, today=TODAY)
    assert report.ok
    assert report.errors == ()
    assert report.warnings == report.findings
    assert [f.code for f in report.warnings] == ["smart-achievable"]


def test_report_splits_errors_and_warnings(notts: dict[str, Any]) -> None:
    """errors and warnings partition findings; one error makes the report not ok."""
    notts["responses"]["1.1"]["evidence"] = ""
    notts["responses"]["1.2"]["evidence"] = "TBC"
    report = validate(notts, today=TODAY)
    assert not report.ok
    assert [(f.code, f.pointer) for f in report.errors] == [
        ("field-required", "/responses/1.1/evidence")]
    assert [(f.code, f.pointer) for f in report.warnings] == [
        ("field-placeholder", "/responses/1.2/evidence")]
    assert set(report.findings) == set(report.errors) | set(report.warnings)
    assert len(report.findings) == 2


def test_report_completeness_is_answered_over_total() -> None:
    """completeness is answered / total, and 0.0 when there is no template."""
    assert Report("a.json", answered=3, total=4).completeness == 0.75
    assert Report("a.json", answered=0, total=0).completeness == 0.0
    assert Report("a.json").ok


def test_report_with_only_warnings_is_ok() -> None:
    """A warning never makes a report fail."""
    warning = Finding("smart-specific", Severity.WARNING, "too short",
                      ("responses", "1", "actions", 0))
    error = Finding("field-required", Severity.ERROR, "required", ("responses", "1", "evidence"))
    assert Report("a.json", (warning,)).ok
    assert not Report("a.json", (warning, error)).ok
    assert Report("a.json", (warning, error)).errors == (error,)


def test_dict_with_a_non_text_key_gives_a_finding(notts: dict[str, Any]) -> None:
    """A dict audit built in Python with a number as a key is a finding, not a crash."""
    odd: dict[Any, Any] = {**notts, 7: "notes"}
    report = validate(odd, today=TODAY)
    assert ("audit-unknown-key", "/7") in codes_and_paths(report)


# ------------------------------------------------------------------ unreadable input


def test_truncated_file_raises_unreadable_with_position() -> None:
    """Truncated JSON raises UnreadableError json-syntax at the line and column of the end."""
    path = AUDITS / "truncated.json"
    with pytest.raises(UnreadableError) as caught:
        validate(path, today=TODAY)
    (finding,) = caught.value.findings
    assert finding.code == "json-syntax"
    assert finding.severity is Severity.ERROR
    assert (finding.line, finding.column) == (7, 1)
    assert finding.file == str(path)
    assert str(finding).startswith(f"{path}:7:1: error json-syntax")
    assert isinstance(caught.value, ValueError)


def test_syntax_error_position_in_text() -> None:
    """The json-syntax finding points at the line and column where parsing stopped."""
    with pytest.raises(UnreadableError) as caught:
        validate('{\n  "template": "lambeth"\n  "status": "draft"\n}')
    (finding,) = caught.value.findings
    assert (finding.code, finding.line, finding.column) == ("json-syntax", 3, 3)


def test_missing_file_raises_unreadable(tmp_path: Path) -> None:
    """A path that does not exist raises UnreadableError file-unreadable."""
    with pytest.raises(UnreadableError) as caught:
        validate(tmp_path / "nowhere.json")
    assert [f.code for f in caught.value.findings] == ["file-unreadable"]


def test_size_limit_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """S11SCHEMA_MAX_BYTES lowers the size limit: a bigger file is refused before parsing."""
    path = tmp_path / "audit.json"
    path.write_bytes(NOTTS.read_bytes())
    monkeypatch.setenv("S11SCHEMA_MAX_BYTES", "1000")
    with pytest.raises(UnreadableError) as caught:
        validate(path)
    assert [f.code for f in caught.value.findings] == ["file-too-large"]


def test_top_level_array_is_a_report_not_an_exception() -> None:
    """A top-level array gives a Report with json-not-object, not an exception."""
    report = validate(AUDITS / "top-level-array.json", today=TODAY)
    assert [(f.code, f.pointer) for f in report.findings] == [("json-not-object", "")]
    assert "an array" in report.findings[0].message
    assert not report.ok
    assert not report.unreadable
    assert report.completeness == 0.0


def test_duplicate_key_is_a_finding_with_pointer() -> None:
    """A key written twice is a json-duplicate-key finding with its pointer and both places."""
    path = AUDITS / "duplicate-key.json"
    report = validate(path, today=TODAY)
    (finding,) = report.findings
    assert finding.code == "json-duplicate-key"
    assert finding.severity is Severity.ERROR
    assert finding.pointer == "/responses/1.1/rating"
    assert (finding.line, finding.column) == (8, 7)
    assert "first at line 7" in finding.message
    assert not report.ok
    # the rest of the audit is still checked
    assert report.template == "nottinghamshire-2021"
    assert (report.answered, report.total) == (1, 24)


def test_duplicate_key_inside_an_array(tmp_path: Path) -> None:
    """A duplicate key in an action is pointed at through the array index."""
    audit = NOTTS.read_text(encoding="utf-8")
    lead = '"lead": "Named Nurse for Safeguarding Children",'
    assert audit.count(lead) == 1
    doubled = audit.replace(lead, lead + '\n          "lead": "Head of Safeguarding",')
    report = validate(doubled, today=TODAY)
    assert [(f.code, f.pointer) for f in report.errors] == [
        ("json-duplicate-key", "/responses/4.2/actions/0/lead")]


def test_duplicate_key_and_syntax_error_is_unreadable() -> None:
    """A duplicate key followed by a syntax error is still UnreadableError json-syntax."""
    with pytest.raises(UnreadableError) as caught:
        validate('{"organisation": {"name": "A", "name": "B"}, "status": }')
    assert [f.code for f in caught.value.findings] == ["json-syntax"]


def test_nan_after_a_duplicate_key_is_refused() -> None:
    """NaN is not JSON, even in a document that also has a duplicate key."""
    with pytest.raises(UnreadableError) as caught:
        validate('{"organisation": {"name": "A", "name": "B"}, "status": NaN}')
    assert [f.code for f in caught.value.findings] == ["json-syntax"]


# ------------------------------------------------------------------ the examples


def test_rushcliffe_timescales_are_read_from_its_action_text() -> None:
    """The form has one action column, so each due date is read from the action's words:
    "during 2021/22" ends on 31 March 2022; an action that names no date has none."""
    normalised = s11schema.normalise(RUSHCLIFFE)
    due = {a.standard: a.due_date for a in normalised.actions}
    assert due == {"1.3": date(2021, 8, 31), "3.1": None, "4.1": date(2022, 3, 31),
                   "4.2": date(2022, 3, 31), "6.4": date(2022, 3, 31), "9.2": None}
    assert normalised.completed_on == date(2021, 6, 1)


@pytest.mark.parametrize("path", FINALS, ids=[p.parent.name for p in FINALS])
def test_every_example_final_is_valid(path: Path) -> None:
    """Every examples/*/final.json validates with no errors and every standard answered."""
    report = validate(path, today=TODAY)
    assert report.errors == (), [str(f) for f in report.errors]
    assert report.status == "final"
    assert report.completeness == 1.0


def test_there_are_example_finals() -> None:
    """The examples parametrised above exist, one final audit per bundled template at least."""
    assert len(FINALS) >= 4
    assert {load(p)["template"] for p in FINALS} >= {label.split("@")[0] for label in TEMPLATE_IDS}


# ------------------------------------------------------------------ validate_many


def test_validate_many_over_a_folder() -> None:
    """validate_many gives one Report per audit file, in a stable (sorted) order; the form
    exports among the examples are workbooks but not returns, so they are unreadable."""
    reports = list(validate_many([EXAMPLES], today=TODAY))
    files = sorted(str(p) for p in [*EXAMPLES.rglob("*.json"), *EXAMPLES.rglob("*.xlsx")])
    assert [r.file for r in reports] == files
    audits = [r for r in reports if r.file and r.file.endswith(".json")]
    assert all(r.ok != r.file.endswith("mistakes.json") for r in audits if r.file)
    assert not any(r.unreadable for r in audits)
    assert {f.code for r in reports if r not in audits for f in r.findings} == {
        "workbook-not-a-return"}


def test_validate_many_streams(tmp_path: Path) -> None:
    """validate_many reads each file only when its report is asked for."""
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_bytes(NOTTS.read_bytes())
    reports = validate_many([tmp_path], today=TODAY)
    assert isinstance(reports, Iterator)
    first = next(reports)
    assert first.file == str(tmp_path / "a.json")
    assert first.ok
    (tmp_path / "b.json").write_text("[]", encoding="utf-8")
    second = next(reports)
    assert [f.code for f in second.findings] == ["json-not-object"]
    assert next(reports, None) is None


def test_validate_many_goes_on_after_a_bad_file(tmp_path: Path) -> None:
    """An unreadable file gives an unreadable Report and the next file is still checked."""
    (tmp_path / "a.json").write_text('{"template": ', encoding="utf-8")
    (tmp_path / "b.json").write_bytes(NOTTS.read_bytes())
    (tmp_path / "notes.txt").write_text("not an audit", encoding="utf-8")
    missing = tmp_path / "missing.json"
    reports = list(validate_many([tmp_path, missing], today=TODAY))
    assert [(Path(r.file or "").name, r.unreadable, r.ok) for r in reports] == [
        ("a.json", True, False), ("b.json", False, True), ("missing.json", True, False)]
    assert [f.code for f in reports[0].findings] == ["json-syntax"]
    assert [f.code for f in reports[2].findings] == ["file-unreadable"]


def _jsonl(tmp_path: Path) -> Path:
    audit = load(NOTTS)
    draft = {**audit, "status": "draft", "responses": {}}
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        json.dumps(audit),
        '{"template": "nottinghamshire-2021",',
        "",
        json.dumps(draft),
    ]) + "\n", encoding="utf-8")
    return path


def test_validate_many_reads_json_lines(tmp_path: Path) -> None:
    """Each line of a .jsonl file is one audit; blank lines are skipped."""
    path = _jsonl(tmp_path)
    reports = list(validate_many([path], today=TODAY))
    assert [r.file for r in reports] == [f"{path}:1", f"{path}:2", f"{path}:4"]
    assert [r.unreadable for r in reports] == [False, True, False]
    assert reports[0].findings == ()
    assert reports[0].completeness == 1.0
    assert reports[2].findings == ()
    assert reports[2].completeness == 0.0


def test_broken_json_line_names_its_line(tmp_path: Path) -> None:
    """A broken line gives an unreadable report whose finding is on that line of the file."""
    path = _jsonl(tmp_path)
    broken = list(validate_many([path], today=TODAY))[1]
    assert broken.unreadable
    assert not broken.ok
    (finding,) = broken.findings
    assert finding.code == "json-syntax"
    assert finding.line == 2
    assert str(path) in str(finding)


def test_broken_json_line_prints_as_file_line_column(tmp_path: Path) -> None:
    """A JSON Lines fault prints as file:line:column, as editors and CI logs expect."""
    path = _jsonl(tmp_path)
    (finding,) = list(validate_many([path], today=TODAY))[1].findings
    line = path.read_text("utf-8").splitlines()[1]
    with pytest.raises(json.JSONDecodeError) as raised:
        json.loads(line)
    assert finding.where == f"{path}:2:{raised.value.colno}"


def test_duplicate_key_on_a_json_line_is_on_that_line(tmp_path: Path) -> None:
    """A duplicate key on line 2 of a .jsonl file is reported at file:2:column."""
    draft = '{"template": "nottinghamshire-2021", "organisation": {"name": "A"}, '
    path = tmp_path / "batch.jsonl"
    path.write_text(draft + '"status": "draft", "responses": {}}\n'
                    + draft + '"status": "draft", "status": "draft", "responses": {}}\n',
                    encoding="utf-8")
    first, second = validate_many([path], today=TODAY)
    assert first.findings == ()
    (finding,) = second.findings
    assert finding.code == "json-duplicate-key"
    column = len(draft) + len('"status": "draft", ') + 1
    assert finding.where == f"{path}:2:{column}"


def test_templates_are_compiled_once_per_registry(tmp_path: Path) -> None:
    """Validating 50 audits compiles each template once and reuses the same object."""
    sources = [*FINALS, RUSHCLIFFE]
    for index in range(50):
        (tmp_path / f"{index:02}.json").write_bytes(sources[index % len(sources)].read_bytes())
    registry = Registry()
    reports = list(validate_many([tmp_path], registry=registry, today=TODAY))
    assert len(reports) == 50
    assert all(r.ok for r in reports)
    compiled = {t: compiled_template(registry.template(t), registry)
                for t in {r.template or "" for r in reports}}
    assert len(compiled) >= 4
    assert all(isinstance(c, CompiledTemplate) for c in compiled.values())
    list(validate_many([tmp_path], registry=registry, today=TODAY))
    assert all(compiled_template(registry.template(t), registry) is c
               for t, c in compiled.items())


def test_compiled_template_is_reused_by_validate(notts: dict[str, Any]) -> None:
    """validate and validate_many share one compiled template per template and registry."""
    registry = Registry()
    template = registry.template("nottinghamshire-2021")
    compiled = compiled_template(template, registry)
    validate(notts, registry=registry, today=TODAY)
    list(validate_many([NOTTS], registry=registry, today=TODAY))
    assert compiled_template(template, registry) is compiled
    assert compiled_template(template, Registry()) is not compiled


def test_the_compiled_cache_does_not_grow_with_template_objects() -> None:
    """A long-running process that loads a template afresh each time keeps a bounded cache."""
    path = ROOT / "standards" / "lambeth.yaml"
    for _ in range(_COMPILED_MAX + 20):
        registry = Registry()
        compiled_template(load_template(path, registry=registry), registry)
    assert len(_COMPILED) == _COMPILED_MAX


# ------------------------------------------------------------------ blank drafts


@pytest.mark.parametrize("label", TEMPLATE_IDS)
def test_blank_draft_validates(label: str) -> None:
    """`s11schema new`'s blank draft is a valid draft with nothing answered."""
    registry = Registry()
    template_id, _, version = label.partition("@")
    template = registry.template(template_id, version or None)
    audit = new_audit(template)
    report = validate(audit, registry=registry, today=TODAY)
    assert report.errors == (), [str(f) for f in report.errors]
    assert report.status == "draft"
    assert report.template == template.id
    assert report.answered == 0
    assert report.total == sum(1 for s in template.standards if s.rated) > 0
    assert report.completeness == 0.0
    assert set(audit["responses"]) == set(template.standard_ids)
    again = validate(dumps(audit), registry=registry, today=TODAY)
    assert again.findings == report.findings


@pytest.mark.parametrize("label", TEMPLATE_IDS)
def test_blank_draft_is_not_a_valid_final(label: str) -> None:
    """The same blank audit marked final fails for what its template requires: the
    organisation's name always, ratings and a date where the template asks for them."""
    registry = Registry()
    template_id, _, version = label.partition("@")
    template = registry.template(template_id, version or None)
    audit = new_audit(template)
    audit["status"] = "final"
    codes = {f.code for f in validate(audit, registry=registry, today=TODAY).errors}
    assert "organisation-required" in codes
    assert ("standard-unanswered" in codes) == any(
        template.rating_required(s) for s in template.standards)
    assert ("completed-on-missing" in codes) == (template.completed_on == "required")


def test_findings_come_in_the_order_of_the_audit() -> None:
    """Top-level keys first, then standards in the template's order, whichever rule found them."""
    audit = json.loads(NOTTS.read_text(encoding="utf-8"))
    audit["responses"]["9.2"]["rating"] = "purple"          # found by the responses rule
    audit["responses"]["1.1"]["rating"] = "amber"           # found later, by the actions rule
    audit["responses"]["1.1"]["actions"] = []
    audit["completed_on"] = "18/06/2021"                    # found first, by the structure rule
    paths = [f.pointer for f in validate(audit, today=TODAY).findings]
    assert paths == ["/completed_on", "/responses/1.1/actions", "/responses/9.2/rating"]
