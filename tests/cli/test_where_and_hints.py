"""Finding your way: where the bundled files are, a copy that shadows a bundled id, and hints
that name the flag that would help."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from s11schema._cli import main

from ..conftest import ROOT

BUNDLED = {"buckinghamshire-2016", "lambeth", "nottinghamshire-2021",
           "south-gloucestershire-2019-20"}


@pytest.fixture(autouse=True)
def no_user_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("S11SCHEMA_PATH", raising=False)


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_where_shows_the_bundled_folders(tmp_path: Path) -> None:
    """`templates --where` lists the user's folders first, then the bundled ones, which hold
    the four templates and the scales."""
    code, text = run("templates", "--where", "--path", str(tmp_path))
    assert code == 0
    lines = [line.split(None, 1) for line in text.splitlines()]
    assert lines[0] == ["yours", str(tmp_path)]
    bundled = [Path(folder) for kind, folder in lines if kind == "bundled"]
    assert {p.stem for folder in bundled for p in folder.glob("*.yaml")} >= {
        *BUNDLED, "rag", "brag", "domains"}
    code, text = run("templates", "--where", "--format", "json")
    assert [row["bundled"] for row in json.loads(text)] == [True, True]


@pytest.fixture
def copy_with_bundled_id(tmp_path: Path) -> Path:
    """A partnership's folder holding a copy of lambeth.yaml that keeps the id `lambeth`."""
    folder = tmp_path / "standards"
    folder.mkdir()
    (folder / "lambeth.yaml").write_text((ROOT / "standards" / "lambeth.yaml").read_text(
        "utf-8").replace("Lambeth Safeguarding Children Partnership\n", "Our partnership\n", 1),
        encoding="utf-8")
    return folder


def test_lint_warns_about_a_copy_keeping_a_bundled_id(copy_with_bundled_id: Path) -> None:
    """lint says which bundled file the copy takes the place of (a warning: exit 0)."""
    code, text = run("lint", str(copy_with_bundled_id))
    assert code == 0
    assert "warning id-shadows-bundled: template id 'lambeth' is also bundled (" in text
    assert "lambeth.yaml); with this folder on the path, this file is used instead" in text


def test_commands_name_both_files_when_a_copy_is_used(
        copy_with_bundled_id: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """validate with the copy on the path uses it, and says so naming both files."""
    audit = str(ROOT / "examples" / "lambeth" / "final.json")
    code, _ = run("validate", "--path", str(copy_with_bundled_id), audit)
    assert code == 0
    err = capsys.readouterr().err
    copy = copy_with_bundled_id / "lambeth.yaml"
    assert f"note: {copy} defines template 'lambeth', which is also bundled (" in err
    assert "standards/lambeth.yaml); " in err
    run("validate", audit)
    assert "note:" not in capsys.readouterr().err  # the bundle alone: nothing to say


def test_a_missing_path_folder_is_a_usage_error(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelt --path is exit 2 with the folder named, not silently ignored."""
    code, _ = run("templates", "--path", str(tmp_path / "standrads"))
    assert code == 2
    assert f"{tmp_path / 'standrads'} does not exist" in capsys.readouterr().err


def test_unknown_template_hint_names_path(capsys: pytest.CaptureFixture[str]) -> None:
    """`new my-template` without --path says that --path adds a folder."""
    code, _ = run("new", "my-template")
    assert code == 2
    err = capsys.readouterr().err
    assert "unknown template 'my-template'" in err
    assert "add your own folder with --path" in err


def test_unknown_domain_lists_the_domains(tmp_path: Path) -> None:
    """A domain id close to none gets the list of valid domains in its hint."""
    template = (ROOT / "tests" / "data" / "lint" / "valid" / "valid-template.yaml").read_text(
        "utf-8")
    path = tmp_path / "t.yaml"
    start = template.index("domains: [") + len("domains: [")
    path.write_text(template[:start] + "qqqqqq, " + template[start:], encoding="utf-8")
    code, text = run("lint", "--path", str(ROOT / "tests" / "data" / "lint" / "valid"),
                     str(path))
    assert code == 1
    assert "error unknown-domain: unknown domain 'qqqqqq' (domains: accountability, " in text


def test_an_unchanged_copy_is_not_reported(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A byte-for-byte copy of a bundled file changes nothing, so nothing is said about it."""
    folder = tmp_path / "standards"
    folder.mkdir()
    (folder / "lambeth.yaml").write_bytes((ROOT / "standards" / "lambeth.yaml").read_bytes())
    code, text = run("lint", str(folder))
    assert code == 0
    assert "id-shadows-bundled" not in text
    run("validate", "--path", str(folder), str(ROOT / "examples" / "lambeth" / "final.json"))
    assert "note:" not in capsys.readouterr().err
