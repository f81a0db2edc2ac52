"""Hostile input, as a regression corpus: every file a pull request could contain.

The only outcomes allowed for bad input are a result (a Report, a LintResult,
findings) or a documented error (UnreadableError, InvalidFileError,
NotFoundError) whose findings carry a catalogue code. Small inputs live in
`tests/data/hostile/`; big ones are made in `tmp_path` at test time.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pytest

from s11schema import CATALOGUE, Finding, Registry, Report, load_scale, load_template
from s11schema._cli import main
from s11schema._errors import InvalidFileError, UnreadableError
from s11schema._lint import LintResult, lint
from s11schema._many import validate_many
from s11schema._validate import validate

from ..conftest import DATA, EXAMPLES

HOSTILE = DATA / "hostile"
YAML = HOSTILE / "yaml"
JSON = HOSTILE / "json"
LAMBETH = EXAMPLES / "lambeth" / "final.json"
TODAY = date(2026, 1, 1)


# ---------------------------------------------------------------------- helpers


T = TypeVar("T")


def only(items: Sequence[T]) -> T:
    """The single item of a sequence, failing the test if there are more or none."""
    assert len(items) == 1, [str(item) for item in items]
    return items[0]


def catalogued(findings: Sequence[Finding]) -> None:
    """Every finding has a code from the catalogue."""
    assert findings, "expected at least one finding"
    unknown = [f.code for f in findings if f.code not in CATALOGUE]
    assert not unknown, unknown


def lambeth() -> dict[str, Any]:
    """The Lambeth example audit (valid, final), as data."""
    data: dict[str, Any] = json.loads(LAMBETH.read_text(encoding="utf-8"))
    return data


def run_cli(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `python -m s11schema` as CI does, without the user's search path or size limit."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("S11SCHEMA_PATH", "S11SCHEMA_MAX_BYTES")}
    return subprocess.run([sys.executable, "-m", "s11schema", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", errors="replace",
                          timeout=timeout, env=env, check=False)


@dataclass(frozen=True)
class Processes:
    """The real command's runs on the big or slow inputs, started together; results by name."""

    folder: Path
    results: dict[str, subprocess.CompletedProcess[str]]

    def __getitem__(self, name: str) -> subprocess.CompletedProcess[str]:
        result = self.results[name]
        assert "Traceback" not in result.stdout + result.stderr, result.stderr
        return result


@pytest.fixture(scope="module")
def processes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Processes]:
    """Every `python -m s11schema` run of this module, started at once to save wall time."""
    folder = tmp_path_factory.mktemp("hostile-cli")
    with (folder / "big.json").open("w", encoding="utf-8") as handle:
        handle.write('{"template": "lambeth", "evidence": "')
        handle.write("x" * 50_000_000)
        handle.write('"}')
    (folder / "deep.json").write_text("[" * 100_000, encoding="utf-8")
    (folder / "surrogate.json").write_text(
        json.dumps(lambeth()).replace('"rating": "4"', '"rating": "\\ud800"', 1),
        encoding="utf-8")
    commands: dict[str, tuple[str | Path, ...]] = {
        "laughs": ("lint", YAML / "billion-laughs-template.yaml",
                   YAML / "billion-laughs-scale.yaml"),
        "big": ("validate", folder / "big.json"),
        "deep": ("validate", folder / "deep.json"),
        "surrogate": ("validate", "--today", TODAY.isoformat(), folder / "surrogate.json"),
    }
    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        futures = {name: pool.submit(run_cli, *args) for name, args in commands.items()}
        results = {name: f.result() for name, f in futures.items()}
    yield Processes(folder, results)
    (folder / "big.json").unlink()  # 50 MB: not worth keeping between runs


def run_main(argv: Sequence[str | Path],
             capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command line in this process: exit code, stdout, stderr."""
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def lint_one(path: Path) -> LintResult:
    """Lint one file against the bundled scales and domains."""
    return lint([path])


# ---------------------------------------------------------------------- YAML: aliases


@pytest.mark.parametrize(("name", "line"), [("billion-laughs-template.yaml", 7),
                                            ("billion-laughs-scale.yaml", 4)])
def test_billion_laughs_is_refused_by_lint_at_the_first_anchor(name: str, line: int) -> None:
    """A billion-laughs template or scale is `yaml-alias` at its first anchor."""
    result = lint_one(YAML / name)
    finding = only(result.findings)
    assert finding.code == "yaml-alias"
    assert (finding.line, finding.column) == (line, 4)
    assert not result.ok


def test_billion_laughs_through_cli_lint_in_under_a_second(
        capsys: pytest.CaptureFixture[str]) -> None:
    """`s11schema lint` on a billion-laughs file prints yaml-alias and exits 1."""
    path = YAML / "billion-laughs-template.yaml"
    code, out, _err = run_main(["lint", path], capsys)
    assert code == 1
    assert out.splitlines() == [f"{path}:7:4: error yaml-alias: anchors and aliases (&name, "
                                "*name) are not allowed (write the value out in full)"]


def test_billion_laughs_real_command_exits_1(processes: Processes) -> None:
    """The real `s11schema lint` process exits 1 on both bombs, naming yaml-alias, no traceback."""
    result = processes["laughs"]
    assert result.returncode == 1, result.stderr
    assert result.stdout.count("error yaml-alias") == 2


def test_billion_laughs_as_a_template_on_the_search_path_is_invalid(tmp_path: Path) -> None:
    """Loading a billion-laughs template by path is InvalidFileError yaml-alias."""
    with pytest.raises(InvalidFileError) as caught:
        load_template(YAML / "billion-laughs-template.yaml")
    finding = only(caught.value.findings)
    assert finding.code == "yaml-alias"
    assert (finding.line, finding.column) == (7, 4)


# ---------------------------------------------------------------------- YAML: duplicate keys


@pytest.mark.parametrize(
    ("name", "key", "first", "second", "column"),
    [
        ("duplicate-top.yaml", "title", 3, 16, 1),
        ("duplicate-section.yaml", "title", 11, 12, 5),
        ("duplicate-standard.yaml", "text", 14, 15, 9),
        ("duplicate-list-item.yaml", "id", 7, 8, 5),
    ],
)
def test_yaml_duplicate_key_at_every_level(name: str, key: str, first: int, second: int,
                                           column: int) -> None:
    """A key written twice (top, section, standard, list item): yaml-duplicate-key, both lines."""
    finding = only(lint_one(YAML / name).findings)
    assert finding.code == "yaml-duplicate-key"
    assert (finding.line, finding.column) == (second, column)
    assert f"'{key}'" in finding.message
    assert f"first at line {first}" in finding.message


def test_yaml_duplicate_key_makes_the_template_unusable() -> None:
    """A template with a duplicate key cannot be loaded: InvalidFileError yaml-duplicate-key."""
    with pytest.raises(InvalidFileError) as caught:
        load_template(YAML / "duplicate-standard.yaml")
    finding = only(caught.value.errors)
    assert finding.code == "yaml-duplicate-key"
    assert (finding.line, finding.column) == (15, 9)


# ---------------------------------------------------------------------- YAML: typed scalars

_TEMPLATE = """\
id: hostile-unquoted
title: Unquoted id
partnership: Test partnership
scale: rag
sections:
  - id: "1"
    title: Leadership
    standards:
      - id: {value}
        text: There is a clearly identified lead for safeguarding.
        domains: [designated-lead]
"""

_SCALE = """\
id: hostile-unquoted-scale
title: Unquoted code
levels:
  - code: {value}
    label: First
    normalised: 0
  - code: "other"
    label: Second
    normalised: 1
"""

_UNQUOTED = ["1.10", "no", "on", "yes", "0x1F",
             "1e3"]


@pytest.mark.parametrize("value", _UNQUOTED)
def test_unquoted_standard_id_is_text_and_flagged(value: str, tmp_path: Path) -> None:
    """An unquoted standard id such as 1.10 or no is read as that text and lint says id-unquoted."""
    path = tmp_path / "hostile-unquoted.yaml"
    path.write_text(_TEMPLATE.format(value=value), encoding="utf-8")
    template = load_template(path)
    assert template.standard_ids == (value,)
    finding = only(lint_one(path).findings)
    assert finding.code == "id-unquoted"
    assert (finding.line, finding.column) == (9, 13)
    assert finding.message.startswith(f"{value} ")


@pytest.mark.parametrize("value", _UNQUOTED)
def test_unquoted_scale_code_is_text_and_flagged(value: str, tmp_path: Path) -> None:
    """An unquoted level code such as no is the text no on the scale and lint says id-unquoted."""
    path = tmp_path / "hostile-unquoted-scale.yaml"
    path.write_text(_SCALE.format(value=value), encoding="utf-8")
    scale = load_scale(path)
    assert scale.codes[0] == value
    assert scale.resolve(value) == value
    finding = only(lint_one(path).findings)
    assert finding.code == "id-unquoted"
    assert (finding.line, finding.column) == (4, 11)


def test_tilde_as_standard_id_is_a_schema_error(tmp_path: Path) -> None:
    """`id: ~` is null, so it is a schema-type error at the value, not a crash and not text."""
    path = tmp_path / "hostile-tilde.yaml"
    path.write_text(_TEMPLATE.format(value="~"), encoding="utf-8")
    result = lint_one(path)
    catalogued(result.findings)
    at_id = [f for f in result.findings if (f.line, f.column) == (9, 13)]
    finding = only(at_id)
    assert finding.code == "schema-type"
    assert "empty" in finding.message
    assert "id-unquoted" not in {f.code for f in result.findings}
    with pytest.raises(InvalidFileError) as caught:
        load_template(path)
    assert "schema-type" in {f.code for f in caught.value.errors}


def test_tilde_as_scale_code_is_a_schema_error(tmp_path: Path) -> None:
    """`code: ~` in a scale is a schema-type error at the value."""
    path = tmp_path / "hostile-tilde-scale.yaml"
    path.write_text(_SCALE.format(value="~"), encoding="utf-8")
    at_code = [f for f in lint_one(path).findings if (f.line, f.column) == (4, 11)]
    assert only(at_code).code == "schema-type"


def test_yaml_tags_construct_nothing() -> None:
    """Tags such as !!python/object/apply are ignored: the values stay plain text."""
    result = lint_one(YAML / "python-tags.yaml")
    finding = only(result.findings)
    assert finding.code == "file-kind-unknown"
    assert (finding.line, finding.column) == (1, 1)
    from s11schema._yaml import load_yaml

    data = load_yaml(YAML / "python-tags.yaml").data
    assert data == {"id": ["echo pwned"], "title": None, "partnership": "aGVsbG8="}


# ---------------------------------------------------------------------- YAML: size and shape


def test_yaml_hundred_thousand_brackets_are_too_deep(tmp_path: Path) -> None:
    """100 000 `[` in a YAML file give file-too-deep at line 1, and lint goes on."""
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 100_000, encoding="utf-8")
    result = lint([path, YAML / "bom-template.yaml"])
    finding = only(result.findings)
    assert finding.code == "file-too-deep"
    assert finding.line == 1
    assert result.unreadable == [str(path)]
    assert sorted(result.files) == sorted([str(path), str(YAML / "bom-template.yaml")])


def test_yaml_deep_mapping_is_too_deep(tmp_path: Path) -> None:
    """A mapping nested 200 deep is file-too-deep at the line of the 65th level."""
    path = tmp_path / "deep-map.yaml"
    path.write_text("".join(f"{'  ' * i}k{i}:\n" for i in range(200)) + "  " * 200 + "v\n",
                    encoding="utf-8")
    finding = only(lint_one(path).findings)
    assert finding.code == "file-too-deep"
    assert (finding.line, finding.column) == (65, 129)


def test_yaml_file_over_the_size_limit(tmp_path: Path) -> None:
    """A 3 MB template is file-too-large before it is parsed."""
    path = tmp_path / "big.yaml"
    path.write_bytes(b"title: " + b"x" * 3_000_000 + b"\n")
    result = lint_one(path)
    assert only(result.findings).code == "file-too-large"
    assert result.unreadable == [str(path)]


def test_template_whose_scale_is_its_own_id() -> None:
    """`scale:` naming the template's own id is unknown-scale saying it is the template's own id."""
    finding = only(lint_one(YAML / "scale-is-own-id.yaml").findings)
    assert finding.code == "unknown-scale"
    assert (finding.line, finding.column) == (5, 8)
    assert "own id" in finding.message


def test_scale_loaded_as_a_template_is_file_kind_unknown() -> None:
    """A scale file loaded as a template is InvalidFileError file-kind-unknown at 1:1."""
    with pytest.raises(InvalidFileError) as caught:
        load_template(HOSTILE / "kind" / "scale-named-as-template.yaml")
    finding = only(caught.value.findings)
    assert finding.code == "file-kind-unknown"
    assert (finding.line, finding.column) == (1, 1)


def test_scale_named_as_template_through_show(capsys: pytest.CaptureFixture[str]) -> None:
    """`show --path DIR NAME` where NAME.yaml is a scale: no template has that id, exit 2."""
    code, out, err = run_main(["show", "--path", HOSTILE / "kind", "scale-named-as-template"],
                              capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("s11schema: unknown template 'scale-named-as-template'")


def test_audit_naming_a_scale_as_its_template() -> None:
    """An audit whose `template` is a scale id gives template-unknown at /template, not a crash."""
    audit = {"template": "rag", "organisation": {"name": "x"}, "status": "draft",
             "responses": {}}
    registry = Registry(environment=False)
    registry.scale("rag")  # the scale file is read (and cached) first, as in a real run
    report = validate(audit, registry=registry, today=TODAY)
    finding = only(report.findings)
    assert finding.code == "template-unknown"
    assert finding.pointer == "/template"


def test_audit_naming_a_scale_through_cli(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """`validate` on a folder where one audit names a scale as its template: template-unknown."""
    (tmp_path / "a.json").write_bytes((EXAMPLES / "nottinghamshire-2021" / "final.json")
                                      .read_bytes())
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"template": "rag", "organisation": {"name": "x"},
                                "status": "draft", "responses": {}}), encoding="utf-8")
    code, out, _err = run_main(["validate", "--today", TODAY.isoformat(), tmp_path], capsys)
    assert code == 1
    assert only([line for line in out.splitlines() if line.startswith(str(path))]).startswith(
        f"{path}: /template: error template-unknown: unknown template 'rag'")


def test_audit_template_id_cannot_reach_outside_the_search_path() -> None:
    """A template id such as ../scales/rag is template-unknown, never a file path."""
    audit = lambeth()
    audit["template"] = "../scales/rag"
    report = validate(audit, registry=Registry(environment=False), today=TODAY)
    finding = only(report.findings)
    assert finding.code == "template-unknown"
    assert finding.pointer == "/template"


def test_long_template_id_message_is_short() -> None:
    """A 100 000-character template id gives a template-unknown message of ordinary length."""
    audit = lambeth()
    audit["template"] = "x" * 100_000
    finding = only(validate(audit, today=TODAY).findings)
    assert finding.code == "template-unknown"
    assert len(finding.message) < 1000


# ---------------------------------------------------------------------- YAML: encoding


def test_yaml_byte_order_mark_is_accepted() -> None:
    """A template that starts with a UTF-8 BOM lints clean."""
    result = lint_one(YAML / "bom-template.yaml")
    assert result.findings == []
    assert result.files == [str(YAML / "bom-template.yaml")]


def test_yaml_invalid_utf8_is_located() -> None:
    """Invalid UTF-8 in YAML is file-encoding at the bad byte's line and column."""
    result = lint_one(YAML / "invalid-utf8.yaml")
    finding = only(result.findings)
    assert finding.code == "file-encoding"
    assert (finding.line, finding.column) == (2, 11)
    assert "0xe9" in finding.message
    assert result.unreadable == [str(YAML / "invalid-utf8.yaml")]


@pytest.mark.parametrize("name", ["empty.yaml", "whitespace.yaml"])
def test_yaml_empty_and_blank_files(name: str) -> None:
    """An empty or whitespace-only YAML file is one file-empty finding."""
    result = lint_one(YAML / name)
    assert only(result.findings).code == "file-empty"
    assert result.unreadable == [str(YAML / name)]


def test_yaml_control_character_is_located() -> None:
    """A control character in YAML is yaml-syntax at its line and column."""
    finding = only(lint_one(YAML / "control-character.yaml").findings)
    assert finding.code == "yaml-syntax"
    assert (finding.line, finding.column) == (2, 10)


def test_yaml_control_character_is_a_syntax_error() -> None:
    """A control character in YAML is one yaml-syntax finding; the file is unreadable."""
    result = lint_one(YAML / "control-character.yaml")
    assert only(result.findings).code == "yaml-syntax"
    assert result.unreadable == [str(YAML / "control-character.yaml")]


def test_yaml_text_with_lone_surrogate() -> None:
    """YAML text holding a lone surrogate is UnreadableError file-encoding."""
    from s11schema._yaml import load_yaml

    with pytest.raises(UnreadableError) as caught:
        load_yaml("t.yaml", text="id: x\ntitle: \ud800\n")
    assert only(caught.value.findings).code == "file-encoding"


def test_lint_of_dev_null_is_not_silently_clean() -> None:
    """`lint /dev/null` reports a device, not a file, instead of checking nothing."""
    result = lint(["/dev/null"])
    assert result.unreadable == ["/dev/null"]
    finding = only(result.findings)
    assert (finding.code, finding.message) == ("file-unreadable", "is a device, not a file")


# ---------------------------------------------------------------------- JSON: duplicate keys


def _with_duplicate(where: str) -> tuple[str, str]:
    """The Lambeth example as text with one key written twice, and that key's JSON Pointer."""
    audit = lambeth()
    text = json.dumps(audit, indent=2)
    first = next(i for i, a in enumerate(audit["responses"]["1"]["actions"])
                 if a["action"].startswith("Add a safeguarding"))
    edits = {
        "top": ('  "status": "final",\n', '  "status": "final",\n  "status": "draft",\n',
                "/status"),
        "responses": ('  "responses": {\n', '  "responses": {\n    "1": {"rating": "1"},\n',
                      "/responses/1"),
        "response": ('      "rating": "4",\n', '      "rating": "4",\n      "rating": "5",\n',
                     "/responses/1/rating"),
        "action": ('          "action": "Add a safeguarding',
                   '          "action": "Send every team the LSCP learning summary",\n'
                   '          "action": "Add a safeguarding',
                   f"/responses/1/actions/{first}/action"),
    }
    old, new, path = edits[where]
    assert text.count(old) >= 1
    return text.replace(old, new, 1), path


@pytest.mark.parametrize("where", ["top", "responses", "response", "action"])
def test_json_duplicate_key_in_an_audit(where: str) -> None:
    """A key written twice in an audit is json-duplicate-key with its pointer and both positions."""
    text, pointer = _with_duplicate(where)
    report = validate(text.encode(), name="audit.json", today=TODAY)
    finding = only([f for f in report.findings if f.code == "json-duplicate-key"])
    assert finding.pointer == pointer
    lines = text.splitlines()
    key = pointer.rsplit("/", 1)[1]
    second = [i for i, line in enumerate(lines, 1) if line.lstrip().startswith(f'"{key}"')]
    assert finding.line in second
    assert finding.line is not None
    assert finding.column == lines[finding.line - 1].index(f'"{key}"') + 1
    assert f"(first at line {finding.line - 1}, " in finding.message
    assert finding.file == "audit.json"
    assert not report.ok


# ---------------------------------------------------------------------- JSON: size and depth


def test_fifty_megabyte_audit_is_refused_before_parsing(processes: Processes) -> None:
    """A 50 MB audit is file-too-large before parsing, from the API and the CLI (exit 1)."""
    path = processes.folder / "big.json"
    assert path.stat().st_size > 50_000_000
    with pytest.raises(UnreadableError) as caught:
        validate(path)
    finding = only(caught.value.findings)
    assert finding.code == "file-too-large"
    assert finding.message.startswith("50.0 MB is over the ")
    report = only(list(validate_many([path])))
    assert report.unreadable
    assert only(report.findings).code == "file-too-large"
    result = processes["big"]
    assert result.returncode == 1
    assert result.stdout.splitlines() == [str(caught.value.findings[0])]


def test_hundred_thousand_brackets_give_one_line_from_cli(processes: Processes) -> None:
    """100 000 `[` in an audit: the CLI prints one file-too-deep line and exits 1, no traceback."""
    path = processes.folder / "deep.json"
    result = processes["deep"]
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{path}: error file-too-deep: arrays and objects "
                                          "are nested too deeply"]


@pytest.mark.parametrize("raw", [b"[" * 100_000, b"{\"a\": " * 50_000,
                                 b"[" * 100_000 + b"]" * 100_000])
def test_hundred_thousand_brackets_through_the_api(raw: bytes) -> None:
    """Deeply nested JSON given to validate is UnreadableError file-too-deep, not RecursionError."""
    with pytest.raises(UnreadableError) as caught:
        validate(raw)
    assert only(caught.value.findings).code == "file-too-deep"


def test_huge_integer_in_json_text_is_a_syntax_error() -> None:
    """A 5001-digit integer in an audit file is json-syntax, not a bare ValueError."""
    with pytest.raises(UnreadableError) as caught:
        validate(JSON / "huge-integer.json")
    assert only(caught.value.findings).code == "json-syntax"


def test_huge_python_integer_of_300_digits_does_not_crash() -> None:
    """A 301-digit integer as a rating in a dict is rating-unknown, with the value shortened."""
    audit = lambeth()
    audit["responses"]["1"]["rating"] = 10**300
    report = validate(audit, today=TODAY)
    finding = only([f for f in report.findings if f.code == "rating-unknown"])
    assert finding.pointer == "/responses/1/rating"
    assert len(finding.message) < 200


def test_huge_python_integer_of_5000_digits_does_not_crash() -> None:
    """A 5001-digit integer as a rating in a dict is rating-unknown, not a ValueError."""
    audit = lambeth()
    audit["responses"]["1"]["rating"] = 10**5000
    report = validate(audit, today=TODAY)
    assert only([f for f in report.findings if f.code == "rating-unknown"]).pointer == \
        "/responses/1/rating"


# ---------------------------------------------------------------------- JSON: corpus

_UNREADABLE_JSON = [
    ("nan.json", "json-syntax", 3, 12),
    ("infinity.json", "json-syntax", 3, 16),
    ("negative-infinity.json", "json-syntax", 1, 34),
    ("empty.json", "file-empty", None, None),
    ("whitespace.json", "file-empty", None, None),
    ("invalid-utf8.json", "file-encoding", 3, 17),
    ("raw-control-character.json", "json-syntax", 1, 38),
    ("huge-integer.json", "json-syntax", None, None),
]


@pytest.mark.parametrize(("name", "code", "line", "column"), _UNREADABLE_JSON)
def test_unreadable_audit_corpus(name: str, code: str, line: int | None,
                                 column: int | None) -> None:
    """Each unreadable audit in the corpus is one finding with its code and position."""
    with pytest.raises(UnreadableError) as caught:
        validate(JSON / name)
    finding = only(caught.value.findings)
    assert finding.code == code
    assert (finding.line, finding.column) == (line, column)
    assert finding.file == str(JSON / name)
    report = only(list(validate_many([JSON / name])))
    assert report.unreadable
    assert only(report.findings) == finding


@pytest.mark.parametrize(("name", "kind"), [("top-level-array.json", "an array"),
                                            ("top-level-string.json", "text"),
                                            ("top-level-number.json", "a number"),
                                            ("top-level-null.json", "null")])
def test_audit_that_is_not_an_object(name: str, kind: str) -> None:
    """A top-level array, string, number or null is one json-not-object finding naming its type."""
    report = validate(JSON / name)
    finding = only(report.findings)
    assert finding.code == "json-not-object"
    assert finding.message == f"an audit is a JSON object, not {kind}"
    assert not report.ok


def test_cli_prints_one_line_per_corpus_file(capsys: pytest.CaptureFixture[str]) -> None:
    """`validate` on the whole JSON corpus prints exactly one finding line per file and exits 1."""
    code, out, err = run_main(["validate", JSON], capsys)
    assert code == 1
    names = sorted(p.name for p in JSON.iterdir())
    firsts = sorted(Path(line.split(":", 1)[0]).name for line in out.splitlines())
    assert firsts == names
    assert f"{len(names)} files, {len(names)} errors, 0 warnings" in err


@pytest.mark.parametrize(("raw", "column"), [(b'{"a": NaN}', 7), (b'{"a": Infinity}', 7),
                                             (b'{"a": -Infinity}', 7),
                                             (b'{"a": [1, 2, NaN]}', 14)])
def test_nan_and_infinity_in_audit_text(raw: bytes, column: int) -> None:
    """NaN and Infinity given as bytes are json-syntax at their column on line 1."""
    with pytest.raises(UnreadableError) as caught:
        validate(raw)
    finding = only(caught.value.findings)
    assert finding.code == "json-syntax"
    assert (finding.line, finding.column) == (1, column)


def test_json_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """An audit file that starts with a UTF-8 BOM validates exactly as without it."""
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + LAMBETH.read_bytes())
    with_bom = validate(path, today=TODAY)
    without = validate(LAMBETH, today=TODAY)
    assert with_bom.template == "lambeth"
    assert [(f.code, f.pointer) for f in with_bom.findings] == \
        [(f.code, f.pointer) for f in without.findings]
    assert with_bom.total == without.total > 0


@pytest.mark.parametrize(("name", "code", "line", "column"), _UNREADABLE_JSON)
def test_normalise_on_the_unreadable_corpus(name: str, code: str, line: int | None,
                                            column: int | None,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """`normalise` on each unparsable audit exits 1 with the same one finding as validate."""
    status, out, err = run_main(["normalise", JSON / name], capsys)
    assert status == 1
    assert out == ""
    where = f"{JSON / name}:{line}:{column}" if line else f"{JSON / name}"
    assert only(err.splitlines()).startswith(f"{where}: error {code}: ")


@pytest.mark.parametrize("name", ["top-level-array.json", "top-level-string.json",
                                  "top-level-number.json", "top-level-null.json"])
def test_normalise_on_an_audit_that_is_not_an_object(name: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """`normalise` on a JSON array, string, number or null exits 1 with json-not-object."""
    status, out, err = run_main(["normalise", JSON / name], capsys)
    assert status == 1
    assert out == ""
    assert only(err.splitlines()).startswith(f"{JSON / name}: error json-not-object: ")


def test_compare_leaves_out_every_corpus_file(capsys: pytest.CaptureFixture[str]) -> None:
    """`compare` on the whole JSON corpus leaves every file out by name and exits 1."""
    status, _out, err = run_main(["compare", JSON], capsys)
    assert status == 1
    for path in JSON.iterdir():
        assert str(path) in err


# ---------------------------------------------------------------------- JSON Lines


def test_json_lines_broken_line_is_reported_and_others_validated(tmp_path: Path) -> None:
    """In a .jsonl file the broken line is reported by its number; every other line is validated."""
    good = json.dumps(lambeth())
    done = lambeth()
    done["status"] = "done"
    path = tmp_path / "audits.jsonl"
    path.write_text("\n".join([good, '{"template": "lambeth", "status": ', json.dumps(done), "",
                               good]) + "\n", encoding="utf-8")
    reports = list(validate_many([path], today=TODAY))
    assert len(reports) == 4
    broken = [r for r in reports if r.unreadable]
    finding = only(only(broken).findings)
    assert finding.code == "json-syntax"
    assert finding.line == 2
    assert finding.column == len('{"template": "lambeth", "status": ') + 1
    readable = [r for r in reports if not r.unreadable]
    assert [r.template for r in readable] == ["lambeth"] * 3
    assert [r.ok for r in readable] == [True, False, True]
    assert only(readable[1].errors).code == "audit-status"


def test_json_lines_through_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`validate` on a .jsonl with a broken line exits 1 and prints that line's number."""
    path = tmp_path / "audits.jsonl"
    path.write_text(json.dumps(lambeth()) + "\n{oops\n" + json.dumps(lambeth()) + "\n",
                    encoding="utf-8")
    code, out, err = run_main(["validate", "--today", TODAY.isoformat(), path], capsys)
    assert code == 1
    line = only([line for line in out.splitlines() if "json-syntax" in line])
    assert line.startswith(f"{path}:2:2: error json-syntax: ")
    assert "3 files, 1 errors, 0 warnings, 1 unreadable" in err


def test_json_lines_line_over_the_audit_limit(tmp_path: Path) -> None:
    """A JSON Lines audit bigger than max_bytes is file-too-large; the small lines are validated."""
    big = lambeth()
    big["responses"]["1"]["working_well"] = "x" * 5000
    path = tmp_path / "audits.jsonl"
    small = {"template": "lambeth", "organisation": {"name": "A"}, "status": "draft",
             "responses": {}}
    path.write_text(json.dumps(small) + "\n" + json.dumps(big) + "\n", encoding="utf-8")
    reports = list(validate_many([path], max_bytes=2000, today=TODAY))
    assert [r.unreadable for r in reports] == [False, True]
    finding = only(reports[1].findings)
    assert finding.code == "file-too-large"
    assert finding.line == 2


# ---------------------------------------------------------------------- special paths


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero", "/dev/urandom"])
def test_a_device_as_an_audit(device: str, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    """A device (directly, or through a symlink named .jsonl) is refused before reading:
    UnreadableError from the API, exit 2 from the CLI, never a hang."""
    link = tmp_path / "audits.jsonl"
    link.symlink_to(device)
    for path in (device, link):
        with pytest.raises(UnreadableError) as caught:
            validate(path)
        finding = only(caught.value.findings)
        assert (finding.code, finding.message) == ("file-unreadable", "is a device, not a file")
        code, out, _err = run_main(["validate", path], capsys)
        assert code == 2
        assert out.startswith(f"{path}: error file-unreadable: is a device, not a file")


def test_directory_as_an_audit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A directory given as one audit is file-unreadable; an empty folder to the CLI exits 2."""
    folder = tmp_path / "audit.json"
    folder.mkdir()
    with pytest.raises(UnreadableError) as caught:
        validate(folder)
    finding = only(caught.value.findings)
    assert finding.code == "file-unreadable"
    assert "folder" in finding.message
    code, out, err = run_main(["validate", folder], capsys)
    assert code == 2
    assert out == ""
    assert "no audits found (files ending .json, .jsonl or .xlsx)" in err


def test_missing_audit_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A path that does not exist is file-unreadable and the CLI exits 2."""
    code, out, _err = run_main(["validate", tmp_path / "absent.json"], capsys)
    assert code == 2
    assert out.startswith(f"{tmp_path / 'absent.json'}: error file-unreadable: ")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_as_an_audit_does_not_hang(tmp_path: Path) -> None:
    """A named pipe given as an audit is file-unreadable at once, not a hang."""
    fifo = tmp_path / "audit.json"
    os.mkfifo(fifo)
    reports: list[Report] = []
    worker = threading.Thread(target=lambda: reports.extend(validate_many([fifo])), daemon=True)
    worker.start()
    worker.join(timeout=2)
    hung = worker.is_alive()
    if hung:  # release the blocked reader so the thread ends
        with open(fifo, "wb"):
            pass
        worker.join(timeout=5)
    assert not hung, "validate_many blocked on a named pipe"
    report = only(reports)
    assert report.unreadable
    assert only(report.findings).code == "file-unreadable"


# ---------------------------------------------------------------------- hostile text


def test_control_characters_and_lone_surrogates_in_evidence() -> None:
    """Escaped NUL, ESC, lone surrogates, U+2028 and NEL in evidence change no finding."""
    text = json.dumps(lambeth())
    prefix = '"working_well": "'
    assert prefix in text
    hostile = text.replace(prefix, prefix + "\\u0000\\u0007\\u001b[31m\\ud800\\udfff\\u2028"
                           "\\u0085\\u202e ", 1)
    report = validate(hostile.encode(), today=TODAY)
    assert report.template == "lambeth"
    assert report.findings == ()
    assert report.ok


def test_lone_surrogate_in_a_rating_through_the_api() -> None:
    """A lone surrogate in a rating is rating-unknown; the finding can be turned into text."""
    text = json.dumps(lambeth()).replace('"rating": "4"', '"rating": "\\ud800\\u0000"', 1)
    report = validate(text.encode(), today=TODAY)
    finding = only([f for f in report.findings if f.code == "rating-unknown"])
    assert finding.pointer == "/responses/1/rating"
    assert "rating-unknown" in str(finding)


def test_lone_surrogate_in_a_rating_through_the_cli(processes: Processes) -> None:
    """The real `validate` on an audit with a lone surrogate in a rating exits 1 and prints it."""
    path = processes.folder / "surrogate.json"
    result = processes["surrogate"]
    assert result.returncode == 1
    assert f"{path}: /responses/1/rating: error rating-unknown: " in result.stdout


@pytest.mark.parametrize("output_format", ["text", "json", "github", "junit", "sarif"])
def test_lone_surrogates_in_every_output_format(output_format: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """Lone surrogates in a rating and a key are printed in every format as valid UTF-8."""
    audit = lambeth()
    audit["responses"]["1"]["rating"] = "\ud800"
    audit["responses"]["2"]["\udfff"] = "x"
    path = tmp_path / "audit.json"
    path.write_text(json.dumps(audit), encoding="utf-8")  # escaped: \ud800
    code, out, _err = run_main(["validate", "--today", TODAY.isoformat(), "--format",
                                output_format, path], capsys)
    assert code == 1
    out.encode("utf-8")
    assert "rating-unknown" in out
    assert "response-unknown-field" in out


def test_newline_in_an_echoed_value_cannot_forge_a_finding(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each finding is one line of text output even when a quoted value holds a newline."""
    audit = lambeth()
    audit["responses"]["1"]["rating"] = "x\nforged.json:1:1: error json-syntax: forged"
    path = tmp_path / "audit.json"
    path.write_text(json.dumps(audit), encoding="utf-8")
    code, out, _err = run_main(["validate", "--today", TODAY.isoformat(), path], capsys)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 1  # the refused rating, once (it is not also "unanswered")
    assert lines[0].startswith(f"{path}: /responses/1/rating: error rating-unknown: ")


def test_newline_in_a_file_name_cannot_forge_a_finding(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file name holding a newline (git allows one) still gives one line per finding."""
    audit = lambeth()
    audit["status"] = "done"
    try:
        path = tmp_path / "a\nforged.json:1:1: error json-syntax: forged.json"
        path.write_text(json.dumps(audit), encoding="utf-8")
    except OSError:
        pytest.skip("this file system refuses a newline in a file name")
    code, out, _err = run_main(["validate", "--today", TODAY.isoformat(), tmp_path], capsys)
    assert code == 1
    line = only(out.splitlines())
    assert line.startswith(f"{tmp_path}/a")
    assert line.endswith("error audit-status: 'done' is not a status (write 'draft' or 'final')")


def test_raw_control_character_in_json_is_located() -> None:
    """A raw control character inside a JSON string is json-syntax at its position."""
    raw = b'{"template": "lambeth",\n "status": "dr\x1baft"}'
    with pytest.raises(UnreadableError) as caught:
        validate(raw)
    finding = only(caught.value.findings)
    assert finding.code == "json-syntax"
    assert (finding.line, finding.column) == (2, 15)


def test_hostile_audit_shapes_give_catalogued_findings() -> None:
    """Wrong types at every level of an audit give audit-type findings at the right pointers."""
    audit = lambeth()
    audit["organisation"]["areas"] = "Lambeth"
    audit["respondent"]["email"] = ["a@b.example"]
    audit["responses"]["1"]["actions"] = {"action": "x"}
    audit["responses"]["2"] = []
    audit["answers"] = [1]
    audit["completed_on"] = 20251001
    report = validate(audit, today=TODAY)
    catalogued(report.findings)
    types = sorted(f.pointer for f in report.findings if f.code == "audit-type")
    assert types == ["/answers", "/completed_on", "/organisation/areas", "/respondent/email",
                     "/responses/1/actions", "/responses/2"]


def test_findings_from_a_hostile_audit_keep_their_copy_unchanged() -> None:
    """Validating a hostile dict does not change it."""
    audit = lambeth()
    audit["responses"]["1"]["rating"] = {"nested": [None, True, 1.5]}
    before = copy.deepcopy(audit)
    report = validate(audit, today=TODAY)
    assert audit == before
    assert "rating-unknown" in {f.code for f in report.findings}
