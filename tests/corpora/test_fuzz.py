"""Fuzzing every input path with hypothesis: bytes, JSON values, broken audits, edited templates.

The only outcomes allowed are a result (a document, a Report, a LintResult)
or UnreadableError / InvalidFileError whose findings carry catalogue codes.
Example counts come from the hypothesis profile in conftest (`ci` under CI=1);
only the slow tests lower them.
"""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from s11schema import CATALOGUE, Finding, Report, Severity
from s11schema._audit import REQUIRED_KEYS
from s11schema._errors import InvalidFileError, UnreadableError
from s11schema._json import parse_json
from s11schema._lint import LintResult, lint
from s11schema._registry import default_registry
from s11schema._templates import Template
from s11schema._text import pointer
from s11schema._validate import validate
from s11schema._yaml import load_yaml
from s11schema.testing import generate_audit, mutate

from ..conftest import ROOT

TODAY = date(2026, 1, 1)
TEMPLATE_IDS = sorted(p.stem for p in (ROOT / "standards").glob("*.yaml") if p.stem != "domains")
BUNDLED_YAML = sorted([*(ROOT / "standards").glob("*.yaml"), *(ROOT / "scales").glob("*.yaml")])

Path_ = tuple[str | int, ...]


# ---------------------------------------------------------------------- helpers


def catalogued(findings: Sequence[Finding]) -> None:
    """Every finding has a catalogue code, a message, and can be turned into text."""
    for finding in findings:
        assert finding.code in CATALOGUE, finding.code
        assert finding.message
        assert isinstance(str(finding), str)


def unreadable(error: UnreadableError | InvalidFileError) -> None:
    """A documented error carries at least one catalogued finding."""
    assert error.findings
    catalogued(error.findings)


@cache
def template(template_id: str) -> Template:
    """A bundled template, read once."""
    return default_registry().template(template_id)


def valid_audit(template_id: str, seed: int) -> dict[str, Any]:
    """A valid audit for a bundled template, from a seeded generator."""
    return generate_audit(template(template_id), random.Random(seed))


def paths(value: Any, prefix: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every (path, value) inside a JSON value, the root excluded."""
    children: Iterator[tuple[str | int, Any]]
    if isinstance(value, dict):
        children = iter(value.items())
    elif isinstance(value, list):
        children = iter(enumerate(value))
    else:
        return
    for key, child in children:
        path = (*prefix, key)
        yield path, child
        yield from paths(child, path)


def put(data: dict[str, Any], path: Path_, value: Any) -> None:
    """Set the value at `path` (which exists)."""
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def json_type(value: Any) -> str:
    """The JSON type of a Python value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    names: dict[type, str] = {str: "string", list: "array", dict: "object"}
    return names[type(value)]


def related(finding: Finding, where: str) -> bool:
    """True when the finding is at `where`, above it or below it."""
    return (finding.pointer == where or where.startswith(finding.pointer + "/")
            or finding.pointer.startswith(where + "/"))


def accepted_as_is(path: Path_, value: Any, template_id: str) -> bool:
    """Values of another type that an audit does accept: a whole-number rating, a yes-no bool,
    and a response field or question left blank ("", or the template's unanswered mark such
    as "-"), which is not answered rather than of the wrong type."""
    last = path[-1]
    if last in ("rating", "moderated_rating") and isinstance(value, int) \
            and not isinstance(value, bool):
        return True
    if path[0] == "answers" and isinstance(value, bool):
        return True
    answered_here = (path[0] == "responses" and len(path) == 3) or (
        path[0] == "answers" and len(path) == 2)
    return answered_here and isinstance(value, str) and _blank(value, template_id)


def _blank(text: str, template_id: str) -> bool:
    marks = {mark.strip().casefold() for mark in template(template_id).unanswered}
    return not text.strip() or text.strip().casefold() in marks


def checked(audit: Any) -> Report:
    """Validate a dict and check every finding is catalogued."""
    report = validate(audit, today=TODAY)
    catalogued(report.findings)
    return report


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)

JSONISH = st.lists(st.sampled_from([
    b"{", b"}", b"[", b"]", b'"a"', b'"b"', b":", b",", b"1", b"-0.5e3", b"NaN", b"Infinity",
    b"true", b"null", b" ", b"\n", b"\xff", b"\xef\xbb\xbf", b'"\\ud800"', b'"\\u00"', b'"',
    b"\\", b"\x00", b"1" * 50,
]), max_size=40).map(b"".join)

YAMLISH = st.lists(st.sampled_from([
    "a", "b", ":", ": ", " ", "  ", "\n", "- ", "[", "]", "{", "}", ",", "&x ", "*x", "!!str ",
    "!!python/object:os.system ", "'", '"', "? ", "# c", "---\n", "...\n", "\t", "~", "1.10",
    "no", "\x01", "%YAML 1.2\n", "|\n", ">-\n", "\ufeff", "\u2028", "\x85", "é",
]), max_size=40).map("".join)

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
TEMPLATES = st.sampled_from(TEMPLATE_IDS)


# ---------------------------------------------------------------------- bytes


@given(st.binary(max_size=300) | JSONISH)
def test_random_bytes_to_parse_json(raw: bytes) -> None:
    """parse_json on any bytes returns a document or raises UnreadableError with catalogue codes."""
    try:
        document = parse_json(raw, file="fuzz.json")
    except UnreadableError as error:
        unreadable(error)
        return
    catalogued(document.problems)
    assert all(f.code == "json-duplicate-key" for f in document.problems)


@given(st.binary(max_size=300) | YAMLISH.map(lambda text: text.encode("utf-8")))
def test_random_bytes_to_load_yaml_text(raw: bytes) -> None:
    """load_yaml(text=...) on any decoded bytes returns a document or raises a documented error."""
    text = raw.decode("utf-8", errors="replace")
    try:
        document = load_yaml("fuzz.yaml", text=text)
    except (UnreadableError, InvalidFileError) as error:
        unreadable(error)
        return
    catalogued(document.problems)
    assert all(f.code == "yaml-duplicate-key" for f in document.problems)


@given(st.binary(max_size=300) | YAMLISH.map(lambda text: text.encode("utf-8")))
def test_random_bytes_to_load_yaml_file(raw: bytes) -> None:
    """load_yaml on a file of any bytes returns a document or raises a documented error."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "fuzz.yaml")
        path.write_bytes(raw)
        try:
            document = load_yaml(path)
        except (UnreadableError, InvalidFileError) as error:
            unreadable(error)
            return
    catalogued(document.problems)


@given(st.binary(max_size=300) | JSONISH)
def test_random_bytes_to_validate(raw: bytes) -> None:
    """validate(bytes) returns a Report or raises UnreadableError, with catalogue codes."""
    try:
        report = validate(raw, today=TODAY)
    except UnreadableError as error:
        unreadable(error)
        return
    catalogued(report.findings)


# ---------------------------------------------------------------------- JSON values


@given(JSON_VALUES)
def test_random_json_value_as_a_whole_audit(value: Any) -> None:
    """Any JSON value as an audit gives a failing Report (or json-syntax for Infinity)."""
    raw = json.dumps(value).encode()
    try:
        report = validate(raw, today=TODAY)
    except UnreadableError as error:
        assert [f.code for f in error.findings] == ["json-syntax"]  # noqa: PT017
        assert "Infinity" in raw.decode()
        return
    catalogued(report.findings)
    assert not report.ok
    if not isinstance(value, dict):
        assert [f.code for f in report.findings] == ["json-not-object"]


@pytest.mark.parametrize("blank", ["", "  "])
def test_a_response_field_left_blank_is_not_answered(blank: str) -> None:
    """Text left blank where a field holds a list is not answered, as forms leave it, not a
    value of the wrong type (hypothesis found this: actions given as "")."""
    template_id = "buckinghamshire-2016"
    audit = valid_audit(template_id, 0)
    standard, response = next((s, r) for s, r in audit["responses"].items()
                              if r.get("actions") == [])
    response["actions"] = blank
    assert accepted_as_is(("responses", standard, "actions"), blank, template_id)
    assert checked(audit).ok


@given(TEMPLATES, SEEDS, st.data())
def test_random_json_value_inside_a_valid_audit(template_id: str, seed: int,
                                                data: st.DataObject) -> None:
    """A random value anywhere in a valid audit gives a Report; a wrong type is an error there."""
    audit = valid_audit(template_id, seed)
    assert checked(audit).ok
    path, old = data.draw(st.sampled_from(list(paths(audit))), label="path")
    value = data.draw(JSON_VALUES, label="value")
    put(audit, path, value)
    report = checked(audit)
    if value is not None and json_type(value) != json_type(old) \
            and not accepted_as_is(path, value, template_id):
        where = pointer(path)
        assert any(related(f, where) for f in report.errors), (where, report.findings)


# ---------------------------------------------------------------------- mutations


@given(TEMPLATES, SEEDS, st.data())
def test_delete_a_random_key_at_a_random_depth(template_id: str, seed: int,
                                               data: st.DataObject) -> None:
    """Deleting any key gives a Report; a required top-level key is audit-missing-key."""
    audit = valid_audit(template_id, seed)
    keyed = [path for path, _value in paths(audit) if isinstance(path[-1], str)]
    path = data.draw(st.sampled_from(keyed), label="path")
    node: Any = audit
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]
    report = checked(audit)
    if len(path) == 1 and path[0] in REQUIRED_KEYS:
        assert f"/{path[0]}" in {f.pointer for f in report.errors if f.code == "audit-missing-key"}


_OTHER_TYPES: tuple[Any, ...] = (0, 1.5, True, False, "text", [], [1], {}, {"k": "v"})


@given(TEMPLATES, SEEDS, st.data())
def test_swap_a_value_for_another_type(template_id: str, seed: int, data: st.DataObject) -> None:
    """Any value swapped for one of another JSON type is an error at (or around) its place."""
    audit = valid_audit(template_id, seed)
    path, old = data.draw(st.sampled_from(list(paths(audit))), label="path")
    value = data.draw(st.sampled_from([v for v in _OTHER_TYPES
                                       if json_type(v) != json_type(old)]), label="value")
    put(audit, path, copy.deepcopy(value))
    report = checked(audit)
    if not accepted_as_is(path, value, template_id):
        where = pointer(path)
        assert any(related(f, where) for f in report.errors), (where, report.findings)


def _string_paths(audit: dict[str, Any]) -> list[Path_]:
    return [path for path, value in paths(audit) if isinstance(value, str)]


@settings(max_examples=25)
@given(TEMPLATES, SEEDS, st.data(),
       st.sampled_from(["x", "é", "\U0001f642", " ", "\u2028", "0", "a ", "\x00", "@"]))
def test_very_long_strings(template_id: str, seed: int, data: st.DataObject, unit: str) -> None:
    """A 100 000-character string anywhere gives a Report whose messages stay short."""
    audit = valid_audit(template_id, seed)
    path = data.draw(st.sampled_from(_string_paths(audit)), label="path")
    put(audit, path, unit * (100_000 // len(unit)))
    report = checked(audit)
    assert all(len(f.message) < 1000 for f in report.findings)
    assert all("\n" not in str(f) for f in report.findings)


@given(TEMPLATES, SEEDS, st.data(),
       st.text(alphabet=st.characters(exclude_categories=()), max_size=20))
def test_unicode_of_every_category(template_id: str, seed: int, data: st.DataObject,
                                   text: str) -> None:
    """Text of every Unicode category (lone surrogates included) in a value or a key is handled."""
    audit = valid_audit(template_id, seed)
    path = data.draw(st.sampled_from(_string_paths(audit)), label="path")
    put(audit, path, text)
    report = checked(audit)
    assert report.template == template_id or path[0] in ("template", "template_version")
    audit["responses"][text] = {"rating": text}
    checked(audit)


@given(TEMPLATES, SEEDS, st.data(),
       st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), min_size=1,
               max_size=20))
def test_control_characters(template_id: str, seed: int, data: st.DataObject,
                            text: str) -> None:
    """Control and format characters in any text value, sent as JSON, give a Report."""
    audit = valid_audit(template_id, seed)
    path = data.draw(st.sampled_from(_string_paths(audit)), label="path")
    put(audit, path, text)
    report = validate(json.dumps(audit).encode(), today=TODAY)
    catalogued(report.findings)


@given(TEMPLATES, SEEDS, st.data())
def test_huge_integer_as_json_text_is_a_syntax_error(template_id: str, seed: int,
                                                     data: st.DataObject) -> None:
    """A 5001-digit integer anywhere in an audit's JSON text is json-syntax, not ValueError."""
    audit = valid_audit(template_id, seed)
    path, _old = data.draw(st.sampled_from(list(paths(audit))), label="path")
    put(audit, path, "@@huge@@")
    text = json.dumps(audit).replace('"@@huge@@"', "1" + "0" * 5000)
    try:
        validate(text.encode(), today=TODAY)
    except UnreadableError as error:
        assert [f.code for f in error.findings] == ["json-syntax"]  # noqa: PT017
    else:
        raise AssertionError("a 5001-digit integer was accepted")


@given(TEMPLATES, SEEDS, st.data())
def test_huge_python_integer_in_a_dict(template_id: str, seed: int, data: st.DataObject) -> None:
    """10**300 as a Python int anywhere in an audit dict gives a Report."""
    audit = valid_audit(template_id, seed)
    path, _old = data.draw(st.sampled_from(list(paths(audit))), label="path")
    put(audit, path, 10**300)
    report = checked(audit)
    assert not report.ok


@given(TEMPLATES, SEEDS)
def test_testing_mutations_are_found(template_id: str, seed: int) -> None:
    """Each mutation from s11schema.testing is reported with the code it says it breaks."""
    rng = random.Random(seed)
    code, broken = mutate(generate_audit(template(template_id), rng), template(template_id), rng)
    report = checked(broken)
    assert code in {f.code for f in report.findings}


# ---------------------------------------------------------------------- template YAML


@settings(max_examples=40)
@given(st.sampled_from(BUNDLED_YAML), st.data())
def test_edited_template_yaml_never_raises(source: Path, data: st.DataObject) -> None:
    """A bundled template or scale with lines deleted and characters inserted lints to a result."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(data.draw(st.integers(0, 4), label="deletions")):
        if lines:
            del lines[data.draw(st.integers(0, len(lines) - 1), label="line")]
    text = "".join(lines)
    for _ in range(data.draw(st.integers(0, 4), label="insertions")):
        at = data.draw(st.integers(0, len(text)), label="at")
        char = data.draw(st.sampled_from([":", "-", " ", "\n", "\t", "&", "*", "'", '"', "[",
                                          "{", "#", "~", "x", "1", "\x00", "é"])
                         | st.characters(codec="utf-8"), label="char")
        text = text[:at] + char + text[at:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, source.name)
        path.write_text(text, encoding="utf-8")
        result = lint([path])
    assert isinstance(result, LintResult)
    catalogued(result.findings)
    assert result.files == [str(path)]
    assert all(f.severity in (Severity.ERROR, Severity.WARNING) for f in result.findings)


# ---------------------------------------------------------------------- the command line


def _audit_text(template_id: str, seed: int, path: Path_, value: Any) -> bytes:
    audit = valid_audit(template_id, seed)
    put(audit, path, value)
    return json.dumps(audit).encode()


@st.composite
def fuzzed_files(draw: st.DrawFn) -> bytes:
    """Bytes for an audit file: random, JSON-ish, or a valid audit with one value changed.

    A changed value may hold lone surrogates (written escaped, as JSON allows), which the
    command must print without dying on the encoding.
    """
    kind = draw(st.sampled_from(["bytes", "jsonish", "audit"]))
    if kind == "bytes":
        return draw(st.binary(max_size=200))
    if kind == "jsonish":
        return draw(JSONISH)
    template_id, seed = draw(TEMPLATES), draw(SEEDS)
    path, _old = draw(st.sampled_from(list(paths(valid_audit(template_id, seed)))))
    value = draw(JSON_VALUES | st.text(alphabet=st.characters(exclude_categories=()),
                                       max_size=10))
    return _audit_text(template_id, seed, path, value)


@settings(max_examples=5)
@given(st.lists(fuzzed_files(), min_size=1, max_size=3))
def test_cli_on_fuzzed_audit_files(files: list[bytes]) -> None:
    """`s11schema validate` on fuzzed files exits 0, 1 or 2, one line per finding, no traceback."""
    with tempfile.TemporaryDirectory() as folder:
        for number, raw in enumerate(files):
            Path(folder, f"audit-{number}.json").write_bytes(raw)
        result = subprocess.run(
            [sys.executable, "-m", "s11schema", "validate", "--today", TODAY.isoformat(),
             folder],
            capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120,
            check=False)
    assert result.returncode in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith(f"{len(files)} files, "), result.stderr
    assert all(line.startswith(str(Path(folder, "audit-"))) for line in result.stdout.splitlines())
