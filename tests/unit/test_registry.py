"""Finding templates and scales: by id, by path, in user folders, overrides, versions, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from s11schema import (
    InvalidFileError,
    NotFoundError,
    Registry,
    load_scale,
    load_template,
)

from ..conftest import ROOT

REPO = ROOT

USER_SCALE = """\
id: local-3
title: Local three-point scale
levels:
  - code: not yet
    label: Not yet
    normalised: 0
  - code: partly
    label: Partly
    normalised: 1/3
  - code: in place
    label: In place
    normalised: 2/3
"""


def user_template(template_id: str, *, title: str = "Local audit", scale: str = "local-3",
                  version: str | None = None) -> str:
    """YAML text of a small valid template."""
    version_line = f'version: "{version}"\n' if version else ""
    return (
        f"id: {template_id}\n"
        f"title: {title}\n"
        "partnership: Local partnership\n"
        f"{version_line}"
        f"scale: {scale}\n"
        "sections:\n"
        '  - id: "1"\n'
        "    title: Leadership\n"
        "    standards:\n"
        '      - id: "1.1"\n'
        "        text: There is a clearly identified lead for safeguarding.\n"
        "        domains: [designated-lead]\n"
    )


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    """A user folder with one template (local-audit) on its own scale (local-3)."""
    folder = tmp_path / "partnership"
    folder.mkdir()
    (folder / "local-3.yaml").write_text(USER_SCALE, encoding="utf-8")
    (folder / "local-audit.yaml").write_text(user_template("local-audit"), encoding="utf-8")
    return folder


# ---------------------------------------------------------------------- by id and by path


def test_load_template_by_id_from_any_directory(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A bundled template and scale load by id whatever the working directory is."""
    monkeypatch.chdir(tmp_path)
    assert load_template("nottinghamshire-2021").id == "nottinghamshire-2021"
    assert load_scale("brag").codes == ("red", "amber", "green", "blue")
    registry = Registry(environment=False)
    assert registry.template("lambeth").scale == "lambeth-5"


def test_load_template_by_absolute_and_relative_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """A template loads from the path of its YAML file, absolute or relative to the cwd."""
    absolute = load_template(REPO / "standards" / "buckinghamshire-2016.yaml")
    assert absolute.id == "buckinghamshire-2016"
    monkeypatch.chdir(REPO / "standards")
    relative = load_template("buckinghamshire-2016.yaml")
    assert relative.standard_ids == absolute.standard_ids


def test_load_scale_by_path(tmp_path: Path) -> None:
    """A scale loads from the path of its YAML file."""
    path = tmp_path / "local-3.yaml"
    path.write_text(USER_SCALE, encoding="utf-8")
    assert load_scale(path).codes == ("not yet", "partly", "in place")
    assert load_scale(REPO / "scales" / "rag.yaml").id == "rag"


def test_load_template_by_path_finds_scale_beside_it(user_dir: Path) -> None:
    """A template loaded by path may use a scale in its own folder."""
    template = load_template(user_dir / "local-audit.yaml")
    assert template.id == "local-audit"
    assert template.scale == "local-3"


# ---------------------------------------------------------------------- user folders


def test_user_folder_adds_templates(user_dir: Path) -> None:
    """A folder given like `--path` makes its templates and scales visible beside the bundle."""
    registry = Registry([user_dir], environment=False)
    assert registry.template("local-audit").title == "Local audit"
    assert registry.scale("local-3").positions["partly"] == 1 / 3
    ids = {t.id for t in registry.templates()}
    assert ids == {"local-audit", "nottinghamshire-2021", "buckinghamshire-2016", "lambeth",
                   "south-gloucestershire-2019-20"}


def test_user_folder_not_visible_without_path(user_dir: Path) -> None:
    """Without the folder, the user's template is unknown."""
    registry = Registry(environment=False)
    with pytest.raises(NotFoundError):
        registry.template("local-audit")


def test_environment_variable_adds_templates(user_dir: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Folders in S11SCHEMA_PATH (os.pathsep-separated) add templates; empty entries are ignored."""
    other = tmp_path / "other"
    other.mkdir()
    (other / "other-audit.yaml").write_text(user_template("other-audit", scale="rag"),
                                            encoding="utf-8")
    monkeypatch.setenv("S11SCHEMA_PATH", f"{user_dir}::{other}")
    registry = Registry()
    assert registry.template("local-audit").id == "local-audit"
    assert registry.template("other-audit").scale == "rag"
    assert Registry(environment=False).roots != registry.roots


def test_user_template_overrides_bundled(tmp_path: Path) -> None:
    """A user template with a bundled template's id (and file name) wins: user folders first."""
    (tmp_path / "nottinghamshire-2021.yaml").write_text(
        user_template("nottinghamshire-2021", title="Local copy", scale="rag",
                      version="2021"), encoding="utf-8")
    registry = Registry([tmp_path], environment=False)
    assert registry.template("nottinghamshire-2021").title == "Local copy"
    assert registry.template("nottinghamshire-2021", "2021").title == "Local copy"
    listed = [t for t in registry.templates() if t.id == "nottinghamshire-2021"]
    assert [t.title for t in listed] == ["Local copy"]


def test_user_template_overrides_bundled_through_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The S11SCHEMA_PATH folders also come before the bundle."""
    (tmp_path / "lambeth.yaml").write_text(
        user_template("lambeth", title="Lambeth local", scale="lambeth-5"), encoding="utf-8")
    monkeypatch.setenv("S11SCHEMA_PATH", str(tmp_path))
    assert Registry().template("lambeth").title == "Lambeth local"


def test_user_scale_overrides_bundled(tmp_path: Path) -> None:
    """A user scale with a bundled scale's id is the one found."""
    (tmp_path / "rag.yaml").write_text(USER_SCALE.replace("id: local-3", "id: rag"),
                                       encoding="utf-8")
    assert Registry([tmp_path], environment=False).scale("rag").codes == (
        "not yet", "partly", "in place")


def test_user_template_with_other_file_name_overrides_consistently(tmp_path: Path) -> None:
    """The template found by id is the one `templates()` lists, whatever the file is called."""
    (tmp_path / "our-notts.yaml").write_text(
        user_template("nottinghamshire-2021", title="Local copy", scale="rag",
                      version="2021"), encoding="utf-8")
    registry = Registry([tmp_path], environment=False)
    listed = [t.title for t in registry.templates() if t.id == "nottinghamshire-2021"]
    assert listed == ["Local copy"]
    assert registry.template("nottinghamshire-2021").title == "Local copy"


# ---------------------------------------------------------------------- versions


def test_version_selection(tmp_path: Path) -> None:
    """`version=` picks among templates with one id; an unknown version lists those that exist."""
    (tmp_path / "nottinghamshire-2021.yaml").write_text(
        user_template("nottinghamshire-2021", title="Notts 2023", scale="rag",
                      version="2023"), encoding="utf-8")
    registry = Registry([tmp_path], environment=False)
    assert registry.template("nottinghamshire-2021").title == "Notts 2023"
    assert registry.template("nottinghamshire-2021", "2023").title == "Notts 2023"
    bundled = registry.template("nottinghamshire-2021", "2021")
    assert bundled.title == "Section 11 self-assessment audit 2021"
    assert len(bundled.standard_ids) == 24
    with pytest.raises(NotFoundError) as caught:
        registry.template("nottinghamshire-2021", "1999")
    message = str(caught.value)
    assert "'1999'" in message
    assert "2021" in message
    assert "2023" in message


def test_a_template_named_with_its_version_is_read_alone() -> None:
    """An audit names its template's version (most do): the file named for the id is that
    version, and no other template file is read to look for it."""
    registry = Registry(environment=False)
    assert registry.template("nottinghamshire-2021", "2021").version == "2021"
    read = {path.stem for path in registry._loaded}
    assert "nottinghamshire-2021" in read
    assert not read & {"buckinghamshire-2016", "lambeth", "south-gloucestershire-2019-20"}


def test_bundled_version_selection() -> None:
    """A bundled template is found with its own version and not with another."""
    registry = Registry(environment=False)
    assert load_template("buckinghamshire-2016", version="2016",
                         registry=registry).version == "2016"
    with pytest.raises(NotFoundError, match="versions: 2016"):
        registry.template("buckinghamshire-2016", "2017")


# ---------------------------------------------------------------------- errors


def test_unknown_template_near_miss_suggests() -> None:
    """A near miss ("nottinghamshire-2012") is NotFoundError with a "did you mean"."""
    with pytest.raises(NotFoundError) as caught:
        Registry(environment=False).template("nottinghamshire-2012")
    assert str(caught.value) == ("unknown template 'nottinghamshire-2012' "
                                 "(did you mean 'nottinghamshire-2021'?)")


def test_unknown_template_far_miss_lists_known() -> None:
    """A name near nothing gets no "did you mean", but the list of known templates."""
    with pytest.raises(NotFoundError) as caught:
        Registry(environment=False).template("qqq")
    message = str(caught.value)
    assert "did you mean" not in message
    assert message == ("unknown template 'qqq' (known: buckinghamshire-2016, lambeth, "
                       "nottinghamshire-2021, south-gloucestershire-2019-20)")


def test_not_found_is_a_lookup_error() -> None:
    """NotFoundError is a LookupError, and an unknown scale raises it too."""
    with pytest.raises(LookupError):
        Registry(environment=False).template("qqq")
    with pytest.raises(NotFoundError, match="unknown scale 'rag5'"):
        Registry(environment=False).scale("rag5")


def test_template_with_unknown_scale_is_invalid_with_location(tmp_path: Path) -> None:
    """A template naming an unknown scale raises InvalidFileError with `unknown-scale` located."""
    path = tmp_path / "bad-scale.yaml"
    path.write_text(user_template("bad-scale", scale="rag5"), encoding="utf-8")
    with pytest.raises(InvalidFileError) as caught:
        load_template(path)
    found = [f for f in caught.value.errors if f.code == "unknown-scale"]
    assert len(found) == 1
    # line 4 is "scale: rag5"; the value starts at column 8
    assert (found[0].file, found[0].line, found[0].column) == (str(path), 4, 8)
    assert "rag" in (found[0].hint or "")
    with pytest.raises(InvalidFileError):
        Registry([tmp_path], environment=False).template("bad-scale")


def test_invalid_user_template_is_left_out_of_listing(tmp_path: Path) -> None:
    """`templates()` lists only valid templates; asking for a broken one by id raises."""
    (tmp_path / "bad-scale.yaml").write_text(user_template("bad-scale", scale="rag5"),
                                             encoding="utf-8")
    registry = Registry([tmp_path], environment=False)
    assert "bad-scale" not in {t.id for t in registry.templates()}
    with pytest.raises(InvalidFileError):
        registry.template("bad-scale")


def test_scale_lookup_of_a_template_id_is_not_found() -> None:
    """Asking for a scale by a template's id ("lambeth") is NotFoundError, not a crash."""
    with pytest.raises(NotFoundError, match="unknown scale 'lambeth'"):
        Registry(environment=False).scale("lambeth")


def test_template_naming_itself_as_scale_is_invalid(tmp_path: Path) -> None:
    """A template whose `scale` is its own id is InvalidFileError with `unknown-scale`, located."""
    path = tmp_path / "self-scaled.yaml"
    path.write_text(user_template("self-scaled", scale="self-scaled"), encoding="utf-8")
    registry = Registry([tmp_path], environment=False)
    with pytest.raises(InvalidFileError) as caught:
        registry.template("self-scaled")
    found = [f for f in caught.value.errors if f.code == "unknown-scale"]
    assert [(f.line, f.column) for f in found] == [(4, 8)]
    assert "own id" in found[0].message
    assert "self-scaled" not in {t.id for t in registry.templates()}


def test_unknown_scale_reported_despite_unrelated_broken_scale(tmp_path: Path) -> None:
    """A template's unknown scale is reported as such even if another scale file is broken."""
    (tmp_path / "broken-scale.yaml").write_text(
        USER_SCALE.replace("id: local-3", "id: broken-scale").replace("normalised: 2/3",
                                                                       "normalised: 1/6"),
        encoding="utf-8")
    (tmp_path / "bad-scale.yaml").write_text(user_template("bad-scale", scale="rag5"),
                                             encoding="utf-8")
    with pytest.raises(InvalidFileError) as caught:
        Registry([tmp_path], environment=False).template("bad-scale")
    assert [(f.code, f.line, f.column) for f in caught.value.findings] == [
        ("unknown-scale", 4, 8)]
