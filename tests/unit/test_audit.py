"""Reading and re-writing audits keeps every field and every character; writes are atomic."""

from __future__ import annotations

import contextlib
import json
import os
import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s11schema._audit import dumps, new_audit
from s11schema._cli import main
from s11schema._json import parse_json
from s11schema._registry import default_registry
from s11schema._validate import validate
from s11schema._writing import WriteError
from s11schema._writing import write_text as atomic_write
from s11schema.testing import generate_audit

from ..conftest import EXAMPLES, ROOT

EXAMPLE_FILES = sorted(EXAMPLES.glob("*/*.json"))
TEMPLATE_IDS = sorted(p.stem for p in (ROOT / "standards").glob("*.yaml") if p.stem != "domains")
#: Text that serialisers are known to mangle: emoji (with ZWJ and skin tone), RTL and bidi
#: controls, combining characters, line and paragraph separators, NUL and other controls.
AWKWARD = (
    "\U0001f469\U0001f3fd\u200d\U0001f4bb \U0001f1ec\U0001f1e7 \u2764\ufe0f",
    "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u202eevil\u202c",
    "e\u0301 a\u0308\u0332 \u1100\u1161\u11a8 Z\u0351\u0358\u036b",
    "line\u2028separator\u2029paragraph",
    "nul\x00 bell\x07 esc\x1b[31m del\x7f nel\x85",
    "quotes \" ' \\ / \ufeff bom \ufffd replacement",
)


def strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield key
            yield from strings(child)
    elif isinstance(value, list):
        for child in value:
            yield from strings(child)


def awkward_audit(template_id: str, seed: int) -> dict[str, Any]:
    """A valid generated audit with awkward text in every string value and some keys."""
    rng = random.Random(seed)
    audit = generate_audit(default_registry().template(template_id), rng)

    def spoil(value: Any) -> Any:
        if isinstance(value, str) and value:
            return value + " " + rng.choice(AWKWARD)
        if isinstance(value, dict):
            return {key: spoil(child) for key, child in value.items()}
        if isinstance(value, list):
            return [spoil(child) for child in value]
        return value

    for key in ("organisation", "respondent", "responses"):
        if key in audit:
            audit[key] = spoil(audit[key])
    audit["responses"].update({text: {"rating": text} for text in AWKWARD})
    return audit


# ---------------------------------------------------------------------- dumps


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_examples_round_trip(path: Path) -> None:
    """Every example read and re-written is the same data, and dumps is a fixed point."""
    data = json.loads(path.read_text(encoding="utf-8"))
    text = dumps(data)
    assert json.loads(text) == data
    assert parse_json(text).data == data
    assert dumps(json.loads(text)) == text
    assert sorted(strings(json.loads(text))) == sorted(strings(data))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_examples_validate_the_same_after_rewriting(path: Path) -> None:
    """An example re-written by dumps gives exactly the same findings."""
    before = validate(path, today=date(2026, 1, 1))
    after = validate(dumps(json.loads(path.read_text(encoding="utf-8"))).encode(),
                     name=str(path), today=date(2026, 1, 1))
    assert after.findings == before.findings
    assert (after.template, after.answered, after.total) == \
        (before.template, before.answered, before.total)


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
@pytest.mark.parametrize("seed", [0, 1])
def test_awkward_unicode_round_trips(template_id: str, seed: int) -> None:
    """Emoji, RTL, combining characters, U+2028 and controls survive dumps exactly."""
    audit = awkward_audit(template_id, seed)
    text = dumps(audit)
    assert json.loads(text) == audit
    assert parse_json(text.encode("utf-8")).data == audit
    for sample in AWKWARD:
        if not any(ord(c) < 0x20 or c in "\"\\" for c in sample):
            assert sample in text  # written as the characters themselves, not \u escapes
    assert "\u2028" in text


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_awkward_unicode_round_trips_through_a_file(template_id: str, tmp_path: Path) -> None:
    """Written with atomic_write and read back from disk, the audit is unchanged."""
    audit = awkward_audit(template_id, 7)
    path = tmp_path / "audit.json"
    atomic_write(path, dumps(audit))
    assert parse_json(path.read_bytes(), file=str(path)).data == audit
    assert path.read_text(encoding="utf-8") == dumps(audit)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=15,
)


@given(st.dictionaries(st.text(), JSON_VALUES, max_size=6))
def test_any_json_object_round_trips(data: dict[str, Any]) -> None:
    """Any JSON object (no lone surrogates) is the same data after dumps, by both parsers."""
    text = dumps(data)
    assert json.loads(text) == data
    assert parse_json(text.encode("utf-8")).data == data


def test_escaped_lone_surrogate_round_trips() -> None:
    """An audit holding an escaped lone surrogate is re-written as UTF-8 that reads back."""
    data = parse_json(b'{"template": "lambeth", "note": "a\\ud800b"}').data
    encoded = dumps(data).encode("utf-8")
    assert parse_json(encoded).data == data


# ---------------------------------------------------------------------- new -o FILE


def listing(folder: Path) -> list[str]:
    """Every name in a folder, hidden ones included."""
    return sorted(p.name for p in folder.iterdir())


def test_new_writes_atomically_and_never_overwrites(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """`new -o FILE` creates FILE, a second run exits 2 leaving it unchanged, no temp file left."""
    target = tmp_path / "draft.json"
    assert not target.exists()
    assert main(["new", "lambeth", "-o", str(target)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert target.is_file()
    written = target.read_bytes()
    assert json.loads(written) == new_audit(default_registry().template("lambeth"))
    assert written.decode("utf-8") == dumps(json.loads(written))
    assert listing(tmp_path) == ["draft.json"]
    stat = target.stat()

    assert main(["new", "nottinghamshire-2021", "-o", str(target)]) == 2
    captured = capsys.readouterr()
    assert "--force" in captured.err
    assert "Traceback" not in captured.err
    assert target.read_bytes() == written
    assert target.stat().st_mtime_ns == stat.st_mtime_ns
    assert listing(tmp_path) == ["draft.json"]


def test_new_with_force_replaces_the_file(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """`new -o FILE --force` replaces an existing file whole, and leaves no temporary file."""
    target = tmp_path / "draft.json"
    target.write_text("old content that is longer than nothing" * 100, encoding="utf-8")
    assert main(["new", "lambeth", "-o", str(target), "--force"]) == 0
    capsys.readouterr()
    assert json.loads(target.read_bytes()) == new_audit(default_registry().template("lambeth"))
    assert listing(tmp_path) == ["draft.json"]


def test_new_into_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`new -o` into a folder that does not exist exits 2 with a message and creates nothing."""
    assert main(["new", "lambeth", "-o", str(tmp_path / "absent" / "draft.json")]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert listing(tmp_path) == []


def test_new_onto_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`new -o` naming an existing folder exits 2, even with --force, and leaves it alone."""
    folder = tmp_path / "draft.json"
    folder.mkdir()
    assert main(["new", "lambeth", "-o", str(folder)]) == 2
    assert main(["new", "lambeth", "-o", str(folder), "--force"]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert folder.is_dir()
    assert listing(folder) == []
    assert listing(tmp_path) == ["draft.json"]


# ---------------------------------------------------------------------- atomic_write


def test_atomic_write_where_no_file_can_be_made(tmp_path: Path) -> None:
    """Writing under something that is not a folder (even as root) raises WriteError, an
    OSError, and leaves nothing behind."""
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("notes", encoding="utf-8")
    with pytest.raises(WriteError, match="cannot write"):
        atomic_write(not_a_folder / "draft.json", "{}\n")
    assert listing(tmp_path) == ["notes.txt"]


def test_atomic_write_cleans_up_when_the_rename_fails(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """If the final rename fails: OSError, the target untouched, no temporary file left."""
    target = tmp_path / "draft.json"
    target.write_text("old\n", encoding="utf-8")

    def failing_replace(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, "new\n", force=True)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert listing(tmp_path) == ["draft.json"]


def test_atomic_write_cleans_up_when_the_sync_fails(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """If flushing to disk fails nothing is created and no temporary file is left."""

    def failing_fsync(descriptor: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="Input/output error"):
        atomic_write(tmp_path / "draft.json", "{}\n")
    assert listing(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_atomic_write_does_not_follow_a_planted_symlink(tmp_path: Path) -> None:
    """A symlink already at the temporary name is not followed: the file it points to is kept."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    target = tmp_path / "draft.json"
    (tmp_path / f".{target.name}.{os.getpid()}.tmp").symlink_to(victim)
    with contextlib.suppress(FileExistsError):  # refusing to write is also safe
        atomic_write(target, "{}\n")
    assert victim.read_text(encoding="utf-8") == "precious\n"


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_a_blank_draft_carries_each_standards_guide(template_id: str) -> None:
    """Each blank answer has the standard's text and guidance under `_guide`, and a draft
    with its guide validates exactly as one without: validation ignores `_` keys."""
    template = default_registry().template(template_id)
    with_guide, without = new_audit(template), new_audit(template, guide=False)
    for standard in template.standards:
        guide = with_guide["responses"][standard.id].pop("_guide")
        assert guide["text"] == standard.text
        assert guide.get("guidance", []) == list(standard.guidance)
        assert "_guide" not in without["responses"][standard.id]
    assert with_guide == without
    assert validate(new_audit(template)).findings == validate(without).findings


def test_the_guide_gives_criteria_with_weights_and_references() -> None:
    """A criteria-weighted standard's blank answer has one blank per criterion, and its
    guide says each criterion's weight."""
    from s11schema._registry import Registry

    template = Registry([ROOT / "tests" / "data" / "templates"]).template("features")
    weighted = next(s for s in template.standards if s.criteria)
    blank = new_audit(template)["responses"][weighted.id]
    assert set(blank["criteria"]) == {c.id for c in weighted.criteria}
    assert "rating" not in blank
    for criterion in weighted.criteria:
        assert blank["_guide"]["criteria"][criterion.id].endswith(f"({criterion.weight} of 100)")


def test_new_no_guide_leaves_the_guide_out(capsys: pytest.CaptureFixture[str]) -> None:
    """`new --no-guide` prints the draft without `_guide`; `new` prints it with."""
    assert main(["new", "lambeth", "--no-guide"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert main(["new", "lambeth"]) == 0
    guided = json.loads(capsys.readouterr().out)
    assert all("_guide" not in r for r in plain["responses"].values())
    assert all("_guide" in r for r in guided["responses"].values())
