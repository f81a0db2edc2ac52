"""The repository the hooks see: its root, its folders, and what depends on a changed file."""

from __future__ import annotations

from pathlib import Path

import pytest

from s11schema import _repository
from s11schema._repository import Repository, find_root

from ..test_docs import tutorial_files

OTHER_TEMPLATE = """\
id: other-2026
title: Other
partnership: Other partnership
scale: rag
sections:
  - id: "1"
    title: One
    standards:
      - id: "1.1"
        text: A standard.
        domains: [accountability]
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repository:
    """A repository with the tutorial's scale and template and a template on a bundled scale,
    entered as pre-commit enters it."""
    (tmp_path / ".git").mkdir()
    for folder in ("standards", "scales", "audits"):
        (tmp_path / folder).mkdir()
    files = tutorial_files()
    (tmp_path / "scales" / "met-4.yaml").write_text(files["met-4"], encoding="utf-8")
    (tmp_path / "standards" / "mine.yaml").write_text(files["my-partnership-2026"],
                                                      encoding="utf-8")
    (tmp_path / "standards" / "other.yaml").write_text(OTHER_TEMPLATE, encoding="utf-8")
    (tmp_path / "audits" / "a.json").write_text("{}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("S11SCHEMA_PATH", raising=False)
    return Repository.find()


def test_root_is_the_git_work_tree_above(tmp_path: Path) -> None:
    """The root is the nearest folder up with `.git` (a folder or a worktree's file)."""
    (tmp_path / "repo" / "audits" / "2026").mkdir(parents=True)
    (tmp_path / "repo" / ".git").write_text("gitdir: elsewhere\n", encoding="utf-8")
    assert find_root(tmp_path / "repo" / "audits" / "2026") == (tmp_path / "repo").resolve()


def test_root_is_the_folder_itself_outside_git(tmp_path: Path) -> None:
    """Outside any git work tree (pytest's temporary folders are in none), the current
    folder is the repository."""
    assert find_root(tmp_path) == tmp_path.resolve()


def test_folders_are_relative_and_leave_out_the_bundle(repo: Repository,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The repository's own folders, named from here; none where they are the bundle (as in
    s11schema's own checkout, installed editable)."""
    assert repo.folders == [Path("standards"), Path("scales")]
    monkeypatch.setattr(_repository, "bundled_dirs",
                        lambda: [Path("standards").resolve(), Path("scales").resolve()])
    assert Repository.find().folders == []


def test_a_scale_brings_the_templates_that_use_it(repo: Repository) -> None:
    """Lint given met-4 also checks the template rated on met-4, not the one on rag."""
    files = repo.lint_files(["scales/met-4.yaml"], repo.registry())
    assert [str(f) for f in files] == ["scales/met-4.yaml", "standards/mine.yaml"]


def test_a_template_brings_nothing_more(repo: Repository) -> None:
    """Nothing but a crosswalk depends on a template, so with none lint checks only it."""
    assert repo.lint_files(["standards/other.yaml"], repo.registry()) == [
        Path("standards/other.yaml")]


def test_a_template_brings_the_crosswalks_that_name_it(repo: Repository) -> None:
    """A changed template may lose a standard a crosswalk names: lint given the template
    also checks the crosswalks from or to it, and only those."""
    walks = Path("standards") / "crosswalks"
    walks.mkdir()
    (walks / "other.yaml").write_text('from: other-2026\nto: other-2026\nstandards:\n'
                                      '  "1.1": "1.1"\n', encoding="utf-8")
    (walks / "bundled.yaml").write_text("from: lambeth\nto: buckinghamshire-2016\n",
                                        encoding="utf-8")
    files = repo.lint_files(["standards/other.yaml"], repo.registry())
    assert [str(f) for f in files] == ["standards/other.yaml", str(walks / "other.yaml")]


def test_a_domain_list_or_unreadable_file_brings_every_template(repo: Repository) -> None:
    """A domain list (or a file that cannot be read) may matter to any template."""
    Path("standards/domains.yaml").write_text("domains:\n  - id: extra\n    title: Extra\n",
                                              encoding="utf-8")
    Path("scales/broken.yaml").write_text("id: [\n", encoding="utf-8")
    for changed in ("standards/domains.yaml", "scales/broken.yaml"):
        files = {str(f) for f in repo.lint_files([changed], repo.registry())}
        assert files == {changed, "standards/mine.yaml", "standards/other.yaml"}


def test_a_renamed_scale_brings_the_templates_that_lost_it(repo: Repository) -> None:
    """A template naming a scale that no longer resolves is checked too."""
    scale = Path("scales/met-4.yaml")
    scale.write_text(scale.read_text("utf-8").replace("id: met-4", "id: met-four"),
                     encoding="utf-8")
    files = repo.lint_files([scale], repo.registry())
    assert [str(f) for f in files] == ["scales/met-4.yaml", "standards/mine.yaml"]


def test_a_changed_template_revalidates_the_audits_folder(repo: Repository) -> None:
    """Audits are validated as given; a template, scale or domain file among them brings
    the whole audits folder (once, without repeating the audits inside it)."""
    assert repo.audit_paths(["audits/a.json"]) == ["audits/a.json"]
    assert repo.audit_paths(["audits/a.json", "standards/mine.yaml", "x/b.json"]) == [
        "x/b.json", "audits"]
