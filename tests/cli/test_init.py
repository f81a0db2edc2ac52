"""`s11schema init`, end to end: the repository it creates passes its own pre-commit on a fresh
`git init` and commit, and its CI workflow's steps pass on a pull request and on main."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from s11schema._cli import main
from s11schema._scaffold import HOOKS as SCAFFOLD_HOOKS

from ..test_docs import tutorial_files
from .test_pre_commit_hooks import HOOKS

NEW_ID = "ours-2026"


class Shell:
    """Commands run in a folder as a person (or CI) would, with the installed scripts."""

    def __init__(self, home: Path) -> None:
        scripts = str(Path(sys.executable).parent)
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("GIT_", "PRE_COMMIT", "S11SCHEMA_"))}
        self.env.update(PATH=f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}",
                        PRE_COMMIT_HOME=str(home / "pre-commit-home"), HOME=str(home),
                        GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="Test",
                        GIT_AUTHOR_EMAIL="test@example.invalid", GIT_COMMITTER_NAME="Test",
                        GIT_COMMITTER_EMAIL="test@example.invalid")

    def __call__(self, cwd: Path, *argv: str,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(argv), cwd=cwd, env={**self.env, **(env or {})},
                              capture_output=True, text=True, encoding="utf-8", timeout=300,
                              check=False)


def init(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["init", *argv], out=out), out.getvalue()


@pytest.fixture(autouse=True)
def no_user_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("S11SCHEMA_PATH", raising=False)


@pytest.fixture
def created(tmp_path: Path) -> Path:
    """A repository made by `init --from nottinghamshire-2021 --id ours-2026`."""
    code, _ = init(str(tmp_path / "partnership"), "--from", "nottinghamshire-2021", "--id",
                   NEW_ID)
    assert code == 0
    return tmp_path / "partnership"


def test_init_lays_out_the_repository(created: Path) -> None:
    """The folders, the config, the workflow, the README and the copied template are there;
    the copy has the new id and keeps the source's comments."""
    names = {p.relative_to(created).as_posix() for p in created.rglob("*") if p.is_file()}
    assert names == {"README.md", "requirements.txt", ".gitignore", ".pre-commit-config.yaml",
                     ".github/workflows/audits.yml", "standards/README.md", "scales/README.md",
                     "audits/README.md", f"standards/{NEW_ID}.yaml"}
    copy = (created / "standards" / f"{NEW_ID}.yaml").read_text("utf-8")
    assert yaml.safe_load(copy)["id"] == NEW_ID
    assert copy.startswith("#")
    readme = (created / "README.md").read_text("utf-8")
    assert f"s11schema new {NEW_ID} --path standards --path scales" in readme


def test_local_hooks_are_the_published_hooks() -> None:
    """The hooks `init` writes are those of .pre-commit-hooks.yaml, run as `language: system`."""
    for hook in SCAFFOLD_HOOKS:
        published = HOOKS[str(hook["id"])]
        assert hook["language"] == "system"
        for key in ("name", "entry", "files", "types"):
            assert hook[key] == published[key], key


def test_the_new_repository_passes_its_own_pre_commit(created: Path, tmp_path: Path) -> None:
    """`git init`, `pre-commit install`, commit everything: the hooks run and pass. Then a
    blank draft commits, and a draft with a rating the scale lacks does not."""
    sh = Shell(tmp_path)
    valid = sh(created, sys.executable, "-m", "pre_commit", "validate-config",
               ".pre-commit-config.yaml")
    assert valid.returncode == 0, valid.stdout + valid.stderr
    assert sh(created, "git", "init", "-q", "-b", "main").returncode == 0
    installed = sh(created, sys.executable, "-m", "pre_commit", "install")
    assert installed.returncode == 0, installed.stderr
    assert sh(created, "git", "add", ".").returncode == 0
    first = sh(created, "git", "commit", "-q", "-m", "Start")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "lint Section 11 templates and scales" in first.stdout + first.stderr
    assert "Passed" in first.stdout + first.stderr

    draft = sh(created, "s11schema", "new", NEW_ID, "--path", "standards", "--path", "scales",
               "-o", "audits/acme.json")
    assert draft.returncode == 0, draft.stderr
    sh(created, "git", "add", "audits/acme.json")
    assert sh(created, "git", "commit", "-q", "-m", "Draft").returncode == 0

    audit = json.loads((created / "audits" / "acme.json").read_text("utf-8"))
    audit["responses"]["1.1"]["rating"] = "purple"
    (created / "audits" / "acme.json").write_text(json.dumps(audit), encoding="utf-8")
    sh(created, "git", "add", "audits/acme.json")
    refused = sh(created, "git", "commit", "-q", "-m", "Bad")
    assert refused.returncode != 0
    assert "rating-unknown" in refused.stdout + refused.stderr


def workflow_steps(created: Path, event: str) -> list[dict[str, Any]]:
    """The workflow's `run` steps that GitHub would run for `event` (the install step left out:
    the test's environment has s11schema already)."""
    workflow = yaml.safe_load((created / ".github" / "workflows" / "audits.yml").read_text())
    assert set(workflow[True]) == {"pull_request", "push"}  # YAML 1.1 reads `on` as true
    steps = [s for s in workflow["jobs"]["check"]["steps"] if "run" in s]
    assert steps[0]["run"] == "pip install -r requirements.txt"
    wanted = {"pull_request": "github.event_name == 'pull_request'",
              "push": "github.event_name != 'pull_request'"}[event]
    return [s for s in steps[1:] if s.get("if", wanted) == wanted]


def run_steps(sh: Shell, cwd: Path, steps: list[dict[str, Any]]) -> list[
        subprocess.CompletedProcess[str]]:
    results = []
    for step in steps:
        env = {k: str(v).replace("${{ github.base_ref }}", "main")
               for k, v in step.get("env", {}).items()}
        results.append(sh(cwd, "bash", "-eo", "pipefail", "-c", step["run"], env=env))
    return results


def test_the_workflow_passes_on_main_and_checks_a_pull_request(created: Path,
                                                               tmp_path: Path) -> None:
    """On a fresh clone: main passes; a pull request adding a valid audit passes; one adding
    an audit with a mistake fails with a GitHub annotation on that file."""
    sh = Shell(tmp_path)
    origin, clone = tmp_path / "origin.git", tmp_path / "clone"
    for argv in (["git", "init", "-q", "-b", "main"], ["git", "add", "."],
                 ["git", "commit", "-q", "-m", "Start"]):
        assert sh(created, *argv).returncode == 0
    assert sh(tmp_path, "git", "clone", "-q", "--bare", str(created), str(origin)).returncode == 0
    assert sh(tmp_path, "git", "clone", "-q", str(origin), str(clone)).returncode == 0

    on_main = run_steps(sh, clone, workflow_steps(clone, "push"))
    assert [r.returncode for r in on_main] == [0, 0], [r.stdout + r.stderr for r in on_main]

    sh(clone, "git", "checkout", "-q", "-b", "returns")
    draft = sh(clone, "s11schema", "new", NEW_ID, "--path", "standards", "--path", "scales",
               "-o", "audits/acme.json")
    assert draft.returncode == 0
    sh(clone, "git", "add", "audits")
    sh(clone, "git", "commit", "-q", "-m", "Acme's draft")
    good = run_steps(sh, clone, workflow_steps(clone, "pull_request"))
    assert [r.returncode for r in good] == [0, 0], [r.stdout + r.stderr for r in good]
    assert "1 files, 0 errors" in good[1].stderr

    audit = json.loads((clone / "audits" / "acme.json").read_text("utf-8"))
    audit["status"] = "done"
    (clone / "audits" / "acme.json").write_text(json.dumps(audit), encoding="utf-8")
    sh(clone, "git", "commit", "-q", "-am", "Mistake")
    bad = run_steps(sh, clone, workflow_steps(clone, "pull_request"))
    assert bad[1].returncode != 0  # xargs says 123 for "the command failed"
    assert "::error file=audits/acme.json" in bad[1].stdout


def test_init_copies_a_scale_that_is_not_bundled(tmp_path: Path) -> None:
    """Starting from a template found with --path, its own scale comes along into scales/."""
    folder = tmp_path / "mine"
    folder.mkdir()
    for name, text in tutorial_files().items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    code, _ = init(str(tmp_path / "repo"), "--path", str(folder), "--from",
                   "my-partnership-2026", "--id", "ours-2026")
    assert code == 0
    assert (tmp_path / "repo" / "scales" / "met-4.yaml").read_text("utf-8") == (
        folder / "met-4.yaml").read_text("utf-8")
    checked = main(["lint", str(tmp_path / "repo" / "standards"),
                    str(tmp_path / "repo" / "scales")], out=io.StringIO())
    assert checked == 0


@pytest.mark.parametrize(("argv", "message"), [
    (["--from", "lambeth"], "--from TEMPLATE and --id NEW_ID go together"),
    (["--id", "ours"], "--from TEMPLATE and --id NEW_ID go together"),
    (["--from", "lambeth", "--id", "nottinghamshire-2021"], "is a bundled template's id"),
    (["--from", "lambeth", "--id", "Our Template"], "is not an id"),
    (["--from", "lambth", "--id", "ours"], "did you mean 'lambeth'?"),
])
def test_init_refuses_what_it_cannot_do(argv: list[str], message: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A usage error (exit 2), said plainly, and nothing created."""
    code, _ = init(str(tmp_path / "repo"), *argv)
    assert code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "repo").exists()


def test_init_never_overwrites(created: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Into a folder that has one of its files: exit 2, and every file is as it was."""
    before = {p: p.read_bytes() for p in created.rglob("*") if p.is_file()}
    (created / "README.md").write_text("ours\n", encoding="utf-8")
    before[created / "README.md"] = b"ours\n"
    code, _ = init(str(created))
    assert code == 2
    assert "README.md exists" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in created.rglob("*") if p.is_file()} == before
