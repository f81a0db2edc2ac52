"""The hooks under real pre-commit, on partial commits in a throwaway partnership repository.

The repository is made in tmp_path with `git init`; its .pre-commit-config.yaml takes
each hook of .pre-commit-hooks.yaml (entry, files, types) as a `repo: local` hook that
runs the installed console script, so nothing is fetched. Each commit stages only some
files, and the verdict is compared with `pre-commit run --all-files`.
"""

from __future__ import annotations

import json
import os
import random
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from s11schema import Registry
from s11schema.testing import generate_audit

from ..test_docs import tutorial_files
from .test_pre_commit_hooks import HOOKS, executable

TEMPLATE = "standards/my-partnership-2026.yaml"
SCALE = "scales/met-4.yaml"
AUDIT = "audits/acme.json"


class Repo:
    """A git repository with pre-commit installed, driven as a person would drive it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        scripts = str(Path(sys.executable).parent)
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("GIT_", "PRE_COMMIT", "S11SCHEMA_"))}
        self.env.update(PATH=f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}",
                        PRE_COMMIT_HOME=str(root.parent / "pre-commit-home"),
                        HOME=str(root.parent), GIT_CONFIG_NOSYSTEM="1")

    def run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(argv), cwd=self.root, env=self.env, capture_output=True,
                              text=True, encoding="utf-8", timeout=300, check=False)

    def git(self, *argv: str) -> subprocess.CompletedProcess[str]:
        return self.run("git", *argv)

    def write(self, name: str, text: str) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def commit(self, *names: str) -> subprocess.CompletedProcess[str]:
        """Stage only `names` and commit: the installed pre-commit hook runs on them."""
        added = self.git("add", "--", *names)
        assert added.returncode == 0, added.stderr
        return self.git("commit", "-q", "-m", f"change {' '.join(names)}")

    def all_files(self) -> subprocess.CompletedProcess[str]:
        return self.run(sys.executable, "-m", "pre_commit", "run", "--all-files")

    def committed(self) -> set[str]:
        return set(self.git("ls-tree", "-r", "--name-only", "HEAD").stdout.split())


def local_config() -> str:
    """The published hooks as `repo: local` hooks running the installed console script."""
    hooks = []
    for hook in HOOKS.values():
        entry = shlex.split(hook["entry"])
        entry[0] = executable(entry[0])
        hooks.append({"id": hook["id"], "name": hook["name"], "entry": shlex.join(entry),
                      "language": "system", "files": hook["files"], "types": hook["types"]})
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, sort_keys=False)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """A fresh repository holding only its pre-commit config, with the hook installed."""
    repo = Repo(tmp_path / "partnership")
    repo.root.mkdir()
    for argv in (["init", "-q", "-b", "main"], ["config", "user.name", "Test"],
                 ["config", "user.email", "test@example.invalid"],
                 ["config", "commit.gpgsign", "false"]):
        assert repo.git(*argv).returncode == 0
    repo.write(".pre-commit-config.yaml", local_config())
    installed = repo.run(sys.executable, "-m", "pre_commit", "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert repo.commit(".pre-commit-config.yaml").returncode == 0
    return repo


def files() -> dict[str, str]:
    tutorial = tutorial_files()
    return {SCALE: tutorial["met-4"], TEMPLATE: tutorial["my-partnership-2026"]}


def an_audit(root: Path, **ratings: str) -> str:
    registry = Registry([root / "standards", root / "scales"], environment=False)
    audit = generate_audit(registry.template("my-partnership-2026"), random.Random(7),
                           registry=registry)
    for standard, rating in ratings.items():
        audit["responses"][standard]["rating"] = rating
    return json.dumps(audit, indent=2)


def passes(result: subprocess.CompletedProcess[str]) -> bool:
    return result.returncode == 0


def said(result: subprocess.CompletedProcess[str]) -> str:
    """What pre-commit printed (a git hook writes to standard error)."""
    return result.stdout + result.stderr


def test_commit_only_a_scale_then_only_a_template(repo: Repo) -> None:
    """A template committed alone finds the scale committed before it, even with an
    unrelated breaking edit left unstaged; `--all-files` agrees."""
    repo.write(SCALE, files()[SCALE])
    first = repo.commit(SCALE)
    assert passes(first), said(first)
    repo.write(TEMPLATE, files()[TEMPLATE])
    repo.write(SCALE, files()[SCALE].replace("code: met\n", "code: met\n  - code: met\n"))
    second = repo.commit(TEMPLATE)
    assert passes(second), said(second)
    assert repo.committed() >= {SCALE, TEMPLATE}
    repo.git("checkout", "--", SCALE)
    assert passes(repo.all_files())
    alone = repo.run("s11schema", "lint", TEMPLATE)  # without --repository: the old failure
    assert alone.returncode == 1
    assert "unknown-scale" in alone.stdout


def test_commit_only_an_audit(repo: Repo) -> None:
    """An audit on the repository's own template validates when committed alone; one with a
    rating the scale does not have is refused, and `--all-files` gives the same verdicts."""
    repo.write(SCALE, files()[SCALE])
    repo.write(TEMPLATE, files()[TEMPLATE])
    assert passes(repo.commit(SCALE, TEMPLATE))
    repo.write(AUDIT, an_audit(repo.root))
    good = repo.commit(AUDIT)
    assert passes(good), said(good)
    assert passes(repo.all_files())
    repo.write("audits/bad.json", an_audit(repo.root, **{"1.10": "purple"}))
    bad = repo.commit("audits/bad.json")
    assert not passes(bad)
    assert "audits/bad.json: /responses/1.10/rating: error rating-unknown" in said(bad)
    assert "audits/bad.json" not in repo.committed()
    assert not passes(repo.all_files())


def test_a_breaking_scale_change_is_refused(repo: Repo) -> None:
    """Renaming a code that the template names, committing only the scale, fails on the
    template (lint) and on the audits (validate), as `--all-files` does."""
    repo.write(SCALE, files()[SCALE])
    repo.write(TEMPLATE, files()[TEMPLATE])
    repo.write(AUDIT, an_audit(repo.root))
    assert passes(repo.commit(SCALE, TEMPLATE, AUDIT))
    repo.write(SCALE, files()[SCALE].replace("code: partially-met", "code: part-met"))
    broken = repo.commit(SCALE)
    assert not passes(broken)
    assert (f"{TEMPLATE}:14:27: error unknown-code: 'partially-met' is not a code of scale "
            "'met-4'") in said(broken)
    validate = said(broken).split("validate Section 11 audits", 1)[1].split("lint Section")[0]
    assert "Failed" in validate
    assert f"{TEMPLATE}:14:27: error unknown-code" in validate
    assert not passes(repo.all_files())
    alone = repo.run("s11schema", "lint", SCALE)  # without --repository: the old false pass
    assert alone.returncode == 0


def test_a_renamed_scale_rechecks_the_templates_that_lost_it(repo: Repo) -> None:
    """A scale whose id changes leaves its templates naming a scale that no longer exists;
    committing only the scale says so."""
    repo.write(SCALE, files()[SCALE])
    repo.write(TEMPLATE, files()[TEMPLATE])
    assert passes(repo.commit(SCALE, TEMPLATE))
    repo.write(SCALE, files()[SCALE].replace("id: met-4", "id: met-four"))
    renamed = repo.commit(SCALE)
    assert not passes(renamed)
    assert f"{TEMPLATE}:5:8: error unknown-scale: unknown scale 'met-4'" in said(renamed)
    assert not passes(repo.all_files())


def test_pre_commit_accepts_the_manifest_and_the_docs_config(tmp_path: Path) -> None:
    """pre-commit's own validators accept .pre-commit-hooks.yaml and the docs' example
    config (as the docs build fills it in), whose hook ids are the published ones."""
    from ..conftest import ROOT
    from ..test_docs import DOCS, fill

    manifest = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                               str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True,
                              text=True, timeout=120, check=False)
    assert manifest.returncode == 0, manifest.stdout + manifest.stderr
    guide = fill((DOCS / "ci.md").read_text(encoding="utf-8"))
    example = next(block for block in re.findall(r"```yaml\n(.*?)```", guide, flags=re.DOTALL)
                   if block.startswith("repos:"))
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(example, encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config",
                              str(config)], capture_output=True, text=True, timeout=120,
                             check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    hooks = yaml.safe_load(example)["repos"][0]["hooks"]
    assert {hook["id"] for hook in hooks} == set(HOOKS)
