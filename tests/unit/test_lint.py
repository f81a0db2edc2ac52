"""`lint`: the bundled files are clean, and each broken fixture gives its code at its place.

The fixtures are in tests/data/lint/, one file per fault, named for the fault;
the first line of each says what is wrong and where.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from s11schema import Finding, LintResult, Registry, Severity, lint

from ..conftest import ROOT

REPO = ROOT
DATA = REPO / "tests" / "data" / "lint"
KNOWN_SCALES = ", ".join(sorted(p.stem for p in (REPO / "scales").glob("*.yaml")))


def run(*paths: Path) -> LintResult:
    """Lint the paths against the bundle only (S11SCHEMA_PATH ignored)."""
    return lint(paths, registry=Registry(environment=False))


def places(findings: list[Finding]) -> list[tuple[str, int | None, int | None]]:
    return [(f.code, f.line, f.column) for f in findings]


def test_bundled_files_are_clean() -> None:
    """`lint standards scales` on the bundle finds nothing: no error, no warning (the form
    mappings in standards/mappings/ included)."""
    result = run(REPO / "standards", REPO / "scales")
    assert [str(f) for f in result.findings] == []
    assert result.ok
    assert result.unreadable == []
    expected = len(list((REPO / "standards").rglob("*.yaml"))) + len(
        list((REPO / "scales").glob("*.yaml")))
    assert len(result.files) == expected == 14


def test_every_feature_of_the_format_lints_clean() -> None:
    """The template that declares every feature, the strict variants that extend the
    bundled templates, and the test version nottinghamshire-2023 with its crosswalk, are
    clean."""
    result = run(DATA.parent / "templates")
    assert [str(f) for f in result.findings] == []
    assert len(result.files) == 6  # with nottinghamshire-2023 and its crosswalk


def test_a_variant_extends_its_parent_by_id() -> None:
    """A variant keeps its parent's standards, replaces what it redefines by id, and its own
    findings point at its own lines."""
    strict = Registry([DATA.parent / "templates"], environment=False)
    variant, parent = strict.template("notts-strict"), strict.template("nottinghamshire-2021")
    assert variant.standard_ids == parent.standard_ids
    assert variant.actions.columns == ("action", "lead", "due", "measure")
    assert parent.actions.columns == ("action",)
    assert [f.required for f in variant.fields] == [True, False]
    assert variant.moderation is not None
    assert parent.moderation is None


def test_a_variant_can_remove_and_add_standards(tmp_path: Path) -> None:
    """`remove` drops a parent's standard; a section of the same id gains a new one."""
    (tmp_path / "local.yaml").write_text(
        "id: local\nextends: nottinghamshire-2021\ntitle: Local\nremove: ['9.2']\n"
        "sections:\n  - id: '9'\n    title: Additional local standards\n    standards:\n"
        "      - id: '9.3'\n        text: Staff know the local early help offer.\n"
        "        domains: [early-help]\n", encoding="utf-8")
    template = Registry([tmp_path], environment=False).template("local")
    assert template.standard_ids[-2:] == ("9.1", "9.3")
    assert "9.2" not in template.standard_ids
    assert run(tmp_path / "local.yaml").ok


def test_valid_fixtures_are_clean() -> None:
    """The valid fixture folder (a template on its own scale, with id "1.10") is clean."""
    result = run(DATA / "valid")
    assert [str(f) for f in result.findings] == []
    assert len(result.files) == 2


# (fixture, code, line, column, text the message or hint must contain)
CASES: list[tuple[str, str, int, int, str]] = [
    ("duplicate-key.yaml", "yaml-duplicate-key", 6, 1, "first at line 3"),
    ("duplicate-standard-id.yaml", "duplicate-id", 13, 13, "first at line 10"),
    ("unknown-scale.yaml", "unknown-scale", 5, 8, f"known scales: {KNOWN_SCALES}"),
    ("non-monotonic-scale.yaml", "scale-not-monotonic", 13, 17, "'amber'"),
    ("unquoted-id.yaml", "id-unquoted", 10, 13, 'write it in quotes: "1.10"'),
    ("missing-text.yaml", "schema-missing-key", 10, 9, "missing required key 'text'"),
    ("standards-not-a-list.yaml", "schema-type", 9, 16, "should be a list"),
    ("unknown-key.yaml", "schema-unknown-key", 3, 1, "did you mean 'title'?"),
    ("unknown-domain.yaml", "unknown-domain", 12, 36, "did you mean 'training'?"),
    ("standard-no-domain.yaml", "standard-no-domain", 10, 9, "standard '1.1' maps to no domain"),
    ("unknown-required-code.yaml", "unknown-code", 10, 23,
     "'purple' is not a code of scale 'rag'"),
    ("scale-position-partial.yaml", "scale-position-partial", 8, 5, "level 'amber'"),
    ("scale-is-own-id.yaml", "unknown-scale", 5, 8, "this template's own id"),
    ("extends-unknown.yaml", "extends-unknown", 3, 10, "no template 'regional-2099'"),
    ("unknown-organisation-kind.yaml", "unknown-organisation-kind", 15, 22,
     "kinds: commissioned, statutory"),
    ("criteria-weights.yaml", "criteria-weights", 14, 11, "add up to 90, not 100"),
    ("action-column-unknown.yaml", "action-column-unknown", 11, 12,
     "columns: action, lead, due"),
    ("field-unknown.yaml", "field-unknown", 9, 24, "text fields: evidence"),
    ("unanswered-is-a-code.yaml", "unanswered-is-a-code", 6, 19, "'n' is a rating of scale"),
    ("window-invalid.yaml", "window-invalid", 6, 39, "closes (2021-05-01) before it opens"),
    ("cycle-invalid.yaml", "cycle-invalid", 6, 8, "'Autumn round' is not a cycle"),
    ("id-unicode.yaml", "id-unicode", 10, 13, "U+200B"),
    ("crosswalk-template-unknown.yaml", "crosswalk-template-unknown", 3, 5,
     "did you mean 'buckinghamshire-2016'?"),
    ("crosswalk-standard-unknown.yaml", "crosswalk-standard-unknown", 5, 3,
     "'9' is not a standard of lambeth (standards: 1, 2, 3, 4, 5, 6, 7, 8)"),
    ("crosswalk-target-unknown.yaml", "crosswalk-standard-unknown", 5, 14,
     "'9' is not a standard of buckinghamshire-2016@2016"),
    ("crosswalk-target-repeated.yaml", "crosswalk-target-repeated", 5, 14,
     "'5' is listed twice for 7"),
    ("crosswalk-field-unknown.yaml", "crosswalk-field-unknown", 7, 3,
     "did you mean 'working_well'?"),
    ("crosswalk-unquoted-id.yaml", "id-unquoted", 5, 3, 'write it in quotes: "1"'),
    ("crosswalk-empty-split.yaml", "schema-type", 5, 8, "write null to say the standard is "
     "dropped"),
    ("crosswalk-duplicate-standard.yaml", "duplicate-id", 6, 3, "first at line 5"),
]


def text_of(finding: Finding) -> str:
    return f"{finding.message} ({finding.hint})"


@pytest.mark.parametrize(("name", "code", "line", "column", "says"), CASES,
                         ids=[case[0] for case in CASES])
def test_broken_fixture_gives_code_at_place(name: str, code: str, line: int, column: int,
                                            says: str) -> None:
    """The fixture gives its error code at the exact line:column, with the message promised."""
    path = DATA / name
    result = run(path)
    assert not result.ok
    assert result.unreadable == []
    matching = [f for f in result.findings if f.code == code and says in text_of(f)]
    assert len(matching) == 1, [str(f) for f in result.findings]
    finding = matching[0]
    assert (finding.file, finding.line, finding.column) == (str(path), line, column)
    assert finding.severity is Severity.ERROR
    assert str(finding).startswith(f"{path}:{line}:{column}: error {code}: ")


EXACT: list[tuple[str, list[tuple[str, int, int]]]] = [
    ("duplicate-key.yaml", [("yaml-duplicate-key", 6, 1)]),
    ("duplicate-standard-id.yaml", [("duplicate-id", 13, 13)]),
    ("unknown-scale.yaml", [("unknown-scale", 5, 8)]),
    ("non-monotonic-scale.yaml", [("scale-not-monotonic", 13, 17)]),
    ("unquoted-id.yaml", [("id-unquoted", 10, 13)]),
    ("unknown-key.yaml", [("schema-unknown-key", 3, 1)]),
    ("unknown-domain.yaml", [("unknown-domain", 12, 36)]),
    ("standard-no-domain.yaml", [("standard-no-domain", 10, 9)]),
    ("unknown-required-code.yaml", [("unknown-code", 10, 23)]),
    ("scale-position-partial.yaml", [("scale-position-partial", 8, 5)]),
    ("scale-is-own-id.yaml", [("unknown-scale", 5, 8)]),
    *((name, [(found, line, column)]) for name, found, line, column, _ in CASES
      if name.startswith("crosswalk-")),
]
EXACT_WITH_BUGS = [
    *(pytest.param(name, found, id=name) for name, found in EXACT),
    pytest.param("missing-text.yaml", [("schema-missing-key", 10, 9)], id="missing-text.yaml"),
    pytest.param("standards-not-a-list.yaml", [("schema-type", 9, 16)],
                 id="standards-not-a-list.yaml"),
]


@pytest.mark.parametrize(("name", "expected"), EXACT_WITH_BUGS)
def test_broken_fixture_gives_nothing_else(name: str,
                                           expected: list[tuple[str, int, int]]) -> None:
    """The fixture gives exactly the findings its fault explains, and no others."""
    assert places(run(DATA / name).findings) == expected


def test_misspelt_key_is_one_finding_not_two() -> None:
    """`titel` for `title` is reported once, as an unknown key that means `title`."""
    result = run(DATA / "unknown-key.yaml")
    assert [f.code for f in result.findings] == ["schema-unknown-key"]
    assert result.findings[0].hint == "did you mean 'title'?"


def test_key_missing_at_the_top_is_named_plainly(tmp_path: Path) -> None:
    """A key missing from the whole file points at its first key, with no path before it."""
    text = (DATA / "unknown-key.yaml").read_text("utf-8").replace("titel: Unknown key\n", "")
    path = tmp_path / "no-title.yaml"
    path.write_text(text, encoding="utf-8")
    (finding,) = run(path).findings
    assert (finding.code, finding.message) == ("schema-missing-key",
                                               "missing required key 'title'")
    assert (finding.line, finding.column) == (2, 1)  # line 1 is a comment


def test_same_template_id_in_two_files() -> None:
    """Two files defining one template id: `duplicate-id` on the second, naming the first."""
    folder = DATA / "same-template-id"
    result = run(folder)
    assert len(result.files) == 2
    finding = [f for f in result.findings if f.code == "duplicate-id"]
    assert places(result.findings) == [("duplicate-id", 3, 5)]
    assert finding[0].file == str(folder / "second.yaml")
    assert str(folder / "first.yaml") in finding[0].message


def test_either_file_of_the_pair_alone_is_clean() -> None:
    """Either file of the same-id pair alone is clean: the fault is the pair."""
    assert run(DATA / "same-template-id" / "first.yaml").findings == []
    assert run(DATA / "same-template-id" / "second.yaml").findings == []


def test_scale_linted_in_same_run_is_known_to_templates() -> None:
    """A template may use a scale linted in the same run; lint finds no unknown scale."""
    result = run(DATA / "valid" / "valid-template.yaml", DATA / "valid" / "valid-scale.yaml")
    assert result.findings == []
    alone = run(DATA / "valid" / "valid-template.yaml")
    assert places(alone.findings) == [("unknown-scale", 6, 8)]


def test_tab_indent_is_unreadable() -> None:
    """A tab-indented file is unreadable: `yaml-syntax` at 3:1 with the hint about spaces."""
    path = DATA / "unreadable" / "tab-indent.yaml"
    result = run(path)
    assert result.unreadable == [str(path)]
    assert places(result.findings) == [("yaml-syntax", 3, 1)]
    assert "spaces" in (result.findings[0].hint or "")


def test_invalid_utf8_is_unreadable() -> None:
    """A Latin-1 byte is unreadable: `file-encoding` at 3:11."""
    path = DATA / "unreadable" / "invalid-utf8.yaml"
    result = run(path)
    assert result.unreadable == [str(path)]
    assert places(result.findings) == [("file-encoding", 3, 11)]


def test_missing_path_is_unreadable(tmp_path: Path) -> None:
    """A path that does not exist is `file-unreadable` and counted as unreadable."""
    missing = tmp_path / "nowhere"
    result = run(missing)
    assert result.unreadable == [str(missing)]
    assert [f.code for f in result.findings] == ["file-unreadable"]


def test_anchor_is_an_error_not_unreadable(tmp_path: Path) -> None:
    """A file with an anchor gives `yaml-alias`, an error in the file (not unreadable)."""
    path = tmp_path / "alias.yaml"
    path.write_text("id: alias\ntitle: &t Alias\nlevels: []\n", encoding="utf-8")
    result = run(path)
    assert result.unreadable == []
    assert places(result.findings) == [("yaml-alias", 2, 8)]


def test_findings_are_sorted_by_file_and_place() -> None:
    """Findings from several files come sorted by file, then line and column."""
    result = run(DATA / "unknown-key.yaml", DATA / "duplicate-key.yaml")
    keys = [(f.file or "", f.line or 0, f.column or 0) for f in result.findings]
    assert keys == sorted(keys)
    assert len(result.files) == 2


def test_not_a_template_scale_or_domain_list(tmp_path: Path) -> None:
    """A YAML file of another kind is `file-kind-unknown` at 1:1."""
    path = tmp_path / "notes.yaml"
    path.write_text("notes: hello\n", encoding="utf-8")
    assert places(run(path).findings) == [("file-kind-unknown", 1, 1)]
