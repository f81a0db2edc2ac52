"""The input layer (`s11schema._io`): safe YAML and JSON reading, size limits, atomic writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from s11schema import Finding
from s11schema._errors import InvalidFileError, UnreadableError
from s11schema._files import MAX_AUDIT_BYTES, read_bytes, size_limit
from s11schema._json import parse_json
from s11schema._position import Mark
from s11schema._text import pointer
from s11schema._writing import WriteError
from s11schema._writing import write_text as atomic_write
from s11schema._yaml import load_yaml


def only(findings: tuple[Finding, ...] | list[Finding]) -> Finding:
    """The single finding of a list, failing the test if there are more or none."""
    assert len(findings) == 1, [str(f) for f in findings]
    return findings[0]


# ---------------------------------------------------------------------- YAML: values


def test_yaml_scalars_stay_text() -> None:
    """`1.10`, `no`, `on` and `yes` are read as the text written, not a number or boolean."""
    document = load_yaml("t.yaml", text="id: 1.10\na: no\nb: on\nc: yes\nd: 007\ne: 1e3\n")
    assert document.data == {"id": "1.10", "a": "no", "b": "on", "c": "yes", "d": "007",
                             "e": "1e3"}


def test_yaml_nulls_are_none_but_quoted_null_is_text() -> None:
    """`~`, `null` and an empty value are None; a quoted "null" stays the text null."""
    text = "a: ~\nb: null\nc:\nd: \"null\"\ne: 'null'\nf: ''\n"
    document = load_yaml("t.yaml", text=text)
    assert document.data == {"a": None, "b": None, "c": None, "d": "null", "e": "null", "f": ""}


def test_yaml_unquoted_typed_scalars_are_recorded() -> None:
    """Plain scalars another YAML reader would type are listed in `typed_plain`; quoted ones not."""
    document = load_yaml("t.yaml", text="a: 1.10\nb: \"1.10\"\nc: no\nd: text\n")
    assert document.typed_plain == {("a",): "1.10", ("c",): "no"}


def test_yaml_marks_are_one_based_for_values_and_keys() -> None:
    """Each value and key keeps its 1-based line and column."""
    text = (
        "title: Audit\n"            # line 1
        "sections:\n"               # line 2
        "  - id: \"1\"\n"           # line 3: '-' at column 3, key at 5, value at 9
        "    standards:\n"          # line 4
        "      - id: 1.10\n"        # line 5: key at column 9, value at 13
    )
    document = load_yaml("t.yaml", text=text)
    assert document.marks[("title",)] == Mark(1, 8)
    assert document.key_marks[("title",)] == Mark(1, 1)
    assert document.marks[("sections", 0, "id")] == Mark(3, 9)
    assert document.key_marks[("sections", 0, "id")] == Mark(3, 5)
    assert document.marks[("sections", 0, "standards", 0, "id")] == Mark(5, 13)
    assert document.key_marks[("sections", 0, "standards", 0, "id")] == Mark(5, 9)
    assert document.mark(("sections", 0, "standards", 0, "id"), key=True) == Mark(5, 9)


def test_yaml_mark_of_missing_path_falls_back_to_nearest_ancestor() -> None:
    """`mark()` of a path that does not exist gives the mark of its nearest ancestor."""
    document = load_yaml("t.yaml", text="# comment\nsections:\n  - id: \"1\"\n")
    assert document.mark(("sections", 0, "standards", 3, "text")) == Mark(3, 5)


# ---------------------------------------------------------------------- YAML: faults


def test_yaml_duplicate_key_names_both_lines() -> None:
    """A key written twice is a `yaml-duplicate-key` finding at the second, naming the first."""
    text = "id: x\ntitle: First\nscale: rag\ntitle: Second\n"
    document = load_yaml("t.yaml", text=text)
    finding = only(document.problems)
    assert finding.code == "yaml-duplicate-key"
    assert (finding.line, finding.column) == (4, 1)
    assert "first at line 2" in finding.message
    assert document.data["title"] == "First"


def test_yaml_duplicate_key_in_nested_mapping() -> None:
    """Duplicate keys are found inside nested mappings too, with the nested line."""
    text = "sections:\n  - id: \"1\"\n    title: A\n    id: \"2\"\n"
    finding = only(load_yaml("t.yaml", text=text).problems)
    assert finding.code == "yaml-duplicate-key"
    assert (finding.line, finding.column) == (4, 5)
    assert "first at line 2" in finding.message


def test_yaml_anchor_is_refused_with_its_line() -> None:
    """An anchor is refused as `yaml-alias` (InvalidFileError) at the line where it appears."""
    text = "id: x\nbase: &base\n  label: A\nother: *base\n"
    with pytest.raises(InvalidFileError) as caught:
        load_yaml("t.yaml", text=text)
    finding = only(caught.value.findings)
    assert finding.code == "yaml-alias"
    assert finding.line == 2


def test_yaml_alias_alone_is_refused() -> None:
    """An alias (`*name`) is refused as `yaml-alias` at its line and column."""
    with pytest.raises(InvalidFileError) as caught:
        load_yaml("t.yaml", text="id: x\nb: *x\n")
    finding = only(caught.value.findings)
    assert finding.code == "yaml-alias"
    assert (finding.line, finding.column) == (2, 4)


def test_yaml_billion_laughs_is_refused_quickly() -> None:
    """A billion-laughs document is refused in well under a second, before any expansion."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    text = "\n".join(lines) + "\n"
    with pytest.raises(InvalidFileError) as caught:
        load_yaml("laughs.yaml", text=text)
    finding = only(caught.value.findings)
    assert finding.code == "yaml-alias"
    assert finding.line == 1


def test_yaml_tab_indent_is_syntax_error_with_hint() -> None:
    """A tab used to indent gives `yaml-syntax` at its line and column, with a hint about spaces."""
    text = "id: x\nsections:\n\t- id: \"1\"\n"
    with pytest.raises(UnreadableError) as caught:
        load_yaml("t.yaml", text=text)
    finding = only(caught.value.findings)
    assert finding.code == "yaml-syntax"
    assert (finding.line, finding.column) == (3, 1)
    assert finding.hint is not None
    assert "spaces" in finding.hint
    assert "tab" in finding.hint


def test_yaml_syntax_error_without_tab_has_no_tab_hint() -> None:
    """An ordinary syntax error is located but does not blame tabs."""
    with pytest.raises(UnreadableError) as caught:
        load_yaml("t.yaml", text="id: x\ntitle: [unclosed\n")
    finding = only(caught.value.findings)
    assert finding.code == "yaml-syntax"
    assert finding.line is not None
    assert finding.hint is None


def test_yaml_invalid_utf8_is_located(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 give `file-encoding` with the line and column of the bad byte."""
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"title: ok\nlabel: caf\xe9\n")  # 'label: caf' is 10 characters
    with pytest.raises(UnreadableError) as caught:
        load_yaml(path)
    finding = only(caught.value.findings)
    assert finding.code == "file-encoding"
    assert (finding.line, finding.column) == (2, 11)
    assert "0xe9" in finding.message


def test_file_encoding_column_counts_characters() -> None:
    """The column of a bad byte counts characters, like YAML marks: 'title: café ' is 12."""
    data = "title: café ".encode() + b"\xff\n"
    with pytest.raises(UnreadableError) as caught:
        parse_json(data)
    finding = only(caught.value.findings)
    assert finding.code == "file-encoding"
    assert (finding.line, finding.column) == (1, 13)


def test_yaml_file_over_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    """A file over `max_bytes` is `file-too-large`, even though its content would not parse."""
    path = tmp_path / "big.yaml"
    path.write_bytes(b"\t\xff" * 512)  # 1 KB of tabs and invalid UTF-8
    with pytest.raises(UnreadableError) as caught:
        load_yaml(path, max_bytes=100)
    finding = only(caught.value.findings)
    assert finding.code == "file-too-large"
    assert "1,024 bytes" in finding.message
    assert "100 bytes" in finding.message


def test_yaml_size_limit_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """S11SCHEMA_MAX_BYTES lowers the limit for files read without `max_bytes`."""
    path = tmp_path / "big.yaml"
    path.write_text("title: " + "x" * 1017 + "\n", encoding="utf-8")  # 1025 bytes, valid YAML
    assert load_yaml(path).data == {"title": "x" * 1017}
    monkeypatch.setenv("S11SCHEMA_MAX_BYTES", "100")
    with pytest.raises(UnreadableError) as caught:
        load_yaml(path)
    assert only(caught.value.findings).code == "file-too-large"


def test_read_bytes_at_the_limit_is_accepted(tmp_path: Path) -> None:
    """A file of exactly `max_bytes` is read; one byte more is refused."""
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a" * 100)
    assert read_bytes(path, max_bytes=100) == b"a" * 100
    with pytest.raises(UnreadableError) as caught:
        read_bytes(path, max_bytes=99)
    assert only(caught.value.findings).code == "file-too-large"


def test_read_bytes_missing_file_is_unreadable(tmp_path: Path) -> None:
    """A file that does not exist is `file-unreadable`, not an OSError."""
    with pytest.raises(UnreadableError) as caught:
        read_bytes(tmp_path / "absent.yaml", max_bytes=1000)
    assert only(caught.value.findings).code == "file-unreadable"


@pytest.mark.parametrize("text", ["", "   \n\n", "\n"])
def test_yaml_empty_file(text: str) -> None:
    """An empty (or blank) file is `file-empty`."""
    with pytest.raises(UnreadableError) as caught:
        load_yaml("t.yaml", text=text)
    assert only(caught.value.findings).code == "file-empty"


def test_yaml_empty_file_on_disk(tmp_path: Path) -> None:
    """An empty file read from disk is `file-empty`."""
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"")
    with pytest.raises(UnreadableError) as caught:
        load_yaml(path)
    assert only(caught.value.findings).code == "file-empty"


def test_yaml_deep_nesting_is_refused() -> None:
    """100 000 nested `[` give `file-too-deep`, not a RecursionError or a hang."""
    with pytest.raises(UnreadableError) as caught:
        load_yaml("deep.yaml", text="[" * 100_000)
    finding = only(caught.value.findings)
    assert finding.code == "file-too-deep"
    assert finding.line == 1


def test_yaml_two_documents_are_a_syntax_error() -> None:
    """A second `---` document is `yaml-syntax` at the second document's line."""
    with pytest.raises(UnreadableError) as caught:
        load_yaml("t.yaml", text="---\nid: a\n---\nid: b\n")
    finding = only(caught.value.findings)
    assert finding.code == "yaml-syntax"
    assert finding.line == 3


def test_yaml_one_explicit_document_is_fine() -> None:
    """A single document that starts with `---` is read normally."""
    assert load_yaml("t.yaml", text="---\nid: a\n").data == {"id": "a"}


# ---------------------------------------------------------------------- JSON


def test_json_duplicate_key_at_top_level() -> None:
    """A top-level key written twice is `json-duplicate-key` at the second, with its pointer."""
    text = '{"status": "draft",\n "status": "final"}'
    document = parse_json(text, file="a.json")
    finding = only(document.problems)
    assert finding.code == "json-duplicate-key"
    assert finding.pointer == "/status"
    assert (finding.line, finding.column) == (2, 2)
    assert "first at line 1, column 2" in finding.message
    assert finding.file == "a.json"


def test_json_duplicate_key_inside_a_response() -> None:
    """A duplicate inside `responses/1.1` is located by line/column and JSON Pointer."""
    text = (
        "{\n"
        '  "responses": {\n'
        '    "1.1": {\n'
        '      "rating": "red",\n'
        '      "evidence": "Policy",\n'
        '      "rating": "amber"\n'      # line 6, the key's quote at column 7
        "    }\n"
        "  }\n"
        "}\n"
    )
    finding = only(parse_json(text).problems)
    assert finding.code == "json-duplicate-key"
    assert finding.pointer == "/responses/1.1/rating"
    assert (finding.line, finding.column) == (6, 7)
    assert "first at line 4, column 7" in finding.message


def test_json_duplicate_key_inside_an_action_in_a_list() -> None:
    """A duplicate inside the second action of a list has the list index in its pointer."""
    text = (
        "{\n"
        '  "responses": {\n'
        '    "3.1": {\n'
        '      "actions": [\n'
        '        {"action": "Train staff", "lead": "HR"},\n'
        '        {"action": "Audit files", "lead": "DSL", "lead": "Head"}\n'
        "      ]\n"
        "    }\n"
        "  }\n"
        "}\n"
    )
    finding = only(parse_json(text).problems)
    assert finding.code == "json-duplicate-key"
    assert finding.pointer == "/responses/3.1/actions/1/lead"
    # 8 spaces, then {"action": "Audit files", "lead": "DSL", -> the second "lead" at column 50
    assert (finding.line, finding.column) == (6, 50)
    assert "first at line 6, column 35" in finding.message


def test_json_duplicate_keys_in_several_objects_are_all_found() -> None:
    """Every duplicate is reported, each with its own pointer; the data keeps the last value."""
    text = '[{"k": 1, "k": 2}, {"a": [], "k": 1, "k": 3}]'
    document = parse_json(text)
    assert [f.pointer for f in document.problems] == ["/0/k", "/1/k"]
    assert document.data == [{"k": 2}, {"a": [], "k": 3}]


def test_json_no_problems_for_clean_input() -> None:
    """Clean JSON parses with no problems, and same keys in different objects are fine."""
    document = parse_json('{"a": {"k": 1}, "b": {"k": 1}}')
    assert document.problems == []
    assert document.data == {"a": {"k": 1}, "b": {"k": 1}}


@pytest.mark.parametrize(
    ("text", "word", "line", "column"),
    [
        ('{"score": NaN}', "NaN", 1, 11),
        ('{\n  "a": [1,\n    Infinity]\n}', "Infinity", 3, 5),
        ('{"a": -Infinity}', "-Infinity", 1, 7),
    ],
)
def test_json_nan_and_infinity_are_syntax_errors(text: str, word: str, line: int,
                                                 column: int) -> None:
    """NaN, Infinity and -Infinity are `json-syntax` errors at their position."""
    with pytest.raises(UnreadableError) as caught:
        parse_json(text)
    finding = only(caught.value.findings)
    assert finding.code == "json-syntax"
    assert (finding.line, finding.column) == (line, column)
    assert finding.message.startswith(f"{word} ")


@pytest.mark.parametrize("raw", [b'\xef\xbb\xbf{"a": "1"}', '\ufeff{"a": "1"}'])
def test_json_byte_order_mark_is_accepted(raw: bytes | str) -> None:
    """A UTF-8 byte-order mark at the start (bytes or text) is accepted."""
    assert parse_json(raw).data == {"a": "1"}


def test_json_invalid_utf8_is_located() -> None:
    """Invalid UTF-8 is `file-encoding` with the bad byte's line and column."""
    with pytest.raises(UnreadableError) as caught:
        parse_json(b'{\n  "a": "caf\xe9"\n}')
    finding = only(caught.value.findings)
    assert finding.code == "file-encoding"
    assert (finding.line, finding.column) == (2, 12)


def test_json_truncated_is_syntax_error_with_position() -> None:
    """Truncated JSON is `json-syntax` at the end of the text."""
    text = '{\n  "a": [1, 2'
    with pytest.raises(UnreadableError) as caught:
        parse_json(text)
    finding = only(caught.value.findings)
    assert finding.code == "json-syntax"
    assert (finding.line, finding.column) == (2, len('  "a": [1, 2') + 1)


def test_json_extra_data_is_syntax_error() -> None:
    """Text after the end of the document is a `json-syntax` error."""
    with pytest.raises(UnreadableError) as caught:
        parse_json('{"a": 1} x')
    finding = only(caught.value.findings)
    assert finding.code == "json-syntax"
    assert (finding.line, finding.column) == (1, 9)


@pytest.mark.parametrize("raw", [b"", "", "  \n\t\n"])
def test_json_empty(raw: bytes | str) -> None:
    """Empty or blank input is `file-empty`."""
    with pytest.raises(UnreadableError) as caught:
        parse_json(raw)
    assert only(caught.value.findings).code == "file-empty"


def test_json_deep_nesting_is_file_too_deep() -> None:
    """100 000 nested `[` give `file-too-deep`, not a RecursionError."""
    with pytest.raises(UnreadableError) as caught:
        parse_json("[" * 100_000 + "]" * 100_000)
    assert only(caught.value.findings).code == "file-too-deep"


def test_json_huge_integer_is_syntax_error() -> None:
    """A 5000-digit integer is `json-syntax`, not a bare ValueError."""
    with pytest.raises(UnreadableError) as caught:
        parse_json('{"n": ' + "9" * 5000 + "}")
    assert only(caught.value.findings).code == "json-syntax"


def test_json_nan_after_duplicate_key_is_still_refused() -> None:
    """NaN is refused even when the document also has a duplicate key."""
    with pytest.raises(UnreadableError) as caught:
        parse_json('{"a": {"b": 1, "b": 2}, "c": NaN}')
    assert caught.value.findings[0].code == "json-syntax"


def test_json_huge_integer_after_duplicate_key_is_syntax_error() -> None:
    """A 5000-digit integer is `json-syntax` even after a duplicate key."""
    with pytest.raises(UnreadableError) as caught:
        parse_json('{"a": {"b": 1, "b": 2}, "n": ' + "9" * 5000 + "}")
    assert only(caught.value.findings).code == "json-syntax"


def test_json_deep_nesting_after_duplicate_key_is_file_too_deep() -> None:
    """Deep nesting is `file-too-deep` even after a duplicate key.

    100 000 levels: newer Pythons parse a few thousand levels (3.11 stops near 1 000).
    """
    with pytest.raises(UnreadableError) as caught:
        parse_json('[{"a": 1, "a": 2}, ' + "[" * 100_000 + "]" * 100_000 + "]")
    assert only(caught.value.findings).code == "file-too-deep"


def test_read_json_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`read_json` refuses a file over `max_bytes` or S11SCHEMA_MAX_BYTES."""
    path = tmp_path / "audit.json"
    path.write_text('{"evidence": "' + "x" * 1000 + '"}', encoding="utf-8")
    assert parse_json(read_bytes(path, max_bytes=size_limit(MAX_AUDIT_BYTES))).data == {
        "evidence": "x" * 1000}
    with pytest.raises(UnreadableError) as caught:
        read_bytes(path, max_bytes=size_limit(MAX_AUDIT_BYTES, 100))
    assert only(caught.value.findings).code == "file-too-large"
    monkeypatch.setenv("S11SCHEMA_MAX_BYTES", "100")
    with pytest.raises(UnreadableError) as caught:
        read_bytes(path, max_bytes=size_limit(MAX_AUDIT_BYTES))
    assert only(caught.value.findings).code == "file-too-large"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ((), ""),
        (("responses", "1.1", "rating"), "/responses/1.1/rating"),
        (("a/b", "m~n", 0), "/a~1b/m~0n/0"),
        (("~1",), "/~01"),
        (("",), "/"),
    ],
)
def test_pointer_escapes_per_rfc_6901(path: tuple[str | int, ...], expected: str) -> None:
    """`pointer()` escapes `~` as `~0` and `/` as `~1`, in that order."""
    assert pointer(path) == expected


# ---------------------------------------------------------------------- atomic_write


def test_atomic_write_writes_new_file(tmp_path: Path) -> None:
    """A new file gets exactly the data, and no temporary file is left behind."""
    target = tmp_path / "out.json"
    atomic_write(target, "{\"a\": 1}\n")
    assert target.read_text(encoding="utf-8") == "{\"a\": 1}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_atomic_write_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    """An existing file is kept and WriteError raised unless `force` is set."""
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(WriteError, match="exists"):
        atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_atomic_write_overwrites_with_force(tmp_path: Path) -> None:
    """With `force` an existing file is replaced, and no temporary file remains."""
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    atomic_write(target, "new ✓\r\n", force=True)
    assert target.read_bytes() == "new ✓\r\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
