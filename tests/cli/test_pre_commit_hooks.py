"""The pre-commit hooks in .pre-commit-hooks.yaml, run the way pre-commit runs them.

pre-commit installs the package (`language: python`), then runs each hook's
`entry`, split like a shell command, followed by the repository-relative names
of the files whose type tags include all of the hook's `types`, from the
repository root; any exit code but 0 fails the commit. Files are chosen by the
hook's `files` pattern (which a user's config may override) and its `types`.
"""

from __future__ import annotations

import importlib.metadata
import re
import shlex
import shutil
import subprocess
import sysconfig
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..conftest import ROOT

HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
#: The type tags pre-commit (through `identify`) gives these file name endings.
TAGS = {".json": {"file", "text", "json"}, ".jsonl": {"file", "text"},
        ".yaml": {"file", "text", "yaml"}, ".yml": {"file", "text", "yaml"}}


def load_hooks() -> dict[str, dict[str, Any]]:
    hooks: list[dict[str, Any]] = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in hooks}


HOOKS = load_hooks()


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def matching(hook: dict[str, Any], files: Sequence[Path], *,
             files_pattern: str | None = None) -> list[str]:
    """The files pre-commit would pass to the hook, as repository-relative names."""
    wanted = set(hook["types"])
    pattern = re.compile(files_pattern or hook.get("files", ""))
    return [_name(f) for f in sorted(files)
            if wanted <= TAGS.get(f.suffix, {"file"}) and pattern.search(_name(f))]


def executable(name: str) -> str:
    """The console script as the hook's environment has it, next to this Python."""
    script = Path(sysconfig.get_path("scripts")) / name
    if script.is_file():
        return str(script)
    found = shutil.which(name)
    assert found is not None, f"the {name!r} console script is not installed (pip install .)"
    return found


def run_hook(hook_id: str, files: Sequence[Path], *,
             files_pattern: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run a hook's entry on the files it selects, from the repository root."""
    hook = HOOKS[hook_id]
    names = matching(hook, files, files_pattern=files_pattern)
    assert names, f"no files of types {hook['types']} to give {hook_id}"
    command = [*shlex.split(hook["entry"]), *hook.get("args", []), *names]
    command[0] = executable(command[0])
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                          timeout=120, cwd=ROOT, check=False)


#: What a user's config would set as `files:` to check the example audits.
EXAMPLES_PATTERN = r"^examples/.*\.json$"
BUNDLED_YAML = sorted([*ROOT.glob("standards/*.yaml"), *ROOT.glob("scales/*.yaml")])


@pytest.mark.parametrize("hook_id", sorted(HOOKS))
def test_hook_has_the_keys_pre_commit_needs(hook_id: str) -> None:
    """Each hook has id, name, entry, language and types, with usable values."""
    hook = HOOKS[hook_id]
    for key in ("id", "name", "entry", "language", "types"):
        assert hook.get(key), f"{hook_id}: no {key}"
    assert hook["language"] == "python"
    assert isinstance(hook["types"], list)
    assert set(hook["types"]) <= {"file", "text", "json", "yaml"}, hook["types"]
    re.compile(hook["files"])
    assert shlex.split(hook["entry"])[0] == "s11schema"


def test_hooks_are_the_documented_ones() -> None:
    """The hook ids are the two that docs/ci.md tells users to add."""
    assert set(HOOKS) == {"s11schema-validate", "s11schema-lint"}
    guide = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    for hook_id in HOOKS:
        assert f"id: {hook_id}" in guide


def test_hook_entry_is_an_installed_console_script() -> None:
    """The entry's command is a console script the installed package declares."""
    scripts = {ep.name: ep for ep in importlib.metadata.entry_points(group="console_scripts")}
    assert "s11schema" in scripts
    assert scripts["s11schema"].value == "s11schema._cli:main"


def test_validate_hook_passes_the_final_audits() -> None:
    """The validate hook, pointed at examples/ as a user's `files:` would, exits 0."""
    finals = sorted(ROOT.glob("examples/*/final.json"))
    result = run_hook("s11schema-validate", finals, files_pattern=EXAMPLES_PATTERN)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.startswith(f"{len(finals)} files, 0 errors")


def test_validate_hook_fails_on_a_mistakes_file() -> None:
    """The validate hook on an audit with mistakes exits 1 and names the file."""
    result = run_hook("s11schema-validate", [ROOT / "examples" / "lambeth" / "mistakes.json"],
                      files_pattern=EXAMPLES_PATTERN)
    assert result.returncode == 1, result.stderr
    assert "examples/lambeth/mistakes.json: /completed_on: error date-invalid" in result.stdout


def test_lint_hook_passes_the_bundled_yaml() -> None:
    """The lint hook on standards/*.yaml and scales/*.yaml together exits 0."""
    result = run_hook("s11schema-lint", BUNDLED_YAML)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("path", BUNDLED_YAML, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lint_hook_passes_each_bundled_file_alone(path: Path) -> None:
    """The lint hook on one changed file (what pre-commit passes) exits 0."""
    result = run_hook("s11schema-lint", [path])
    assert result.returncode == 0, result.stdout + result.stderr


BROKEN = {
    # parses, but breaks a rule: exit 1
    "duplicate-key": ("id: local-rag\ntitle: Local RAG\ntitle: Local RAG again\nlevels:\n"
                      "  - code: red\n    label: Red\n    normalised: 0\n"
                      "  - code: green\n    label: Green\n    normalised: 2/3\n",
                      1, "yaml-duplicate-key"),
    "unknown-key": ("id: local-rag\ntitel: Local RAG\nlevels:\n"
                    "  - code: red\n    label: Red\n    normalised: 0\n",
                    1, "schema-unknown-key"),
    # cannot be parsed at all: exit 2, which fails the commit just the same
    "tab-indent": ("id: local-rag\ntitle: Local RAG\nlevels:\n\t- code: red\n",
                   1, "yaml-syntax"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_lint_hook_fails_on_broken_yaml(case: str, tmp_path: Path) -> None:
    """The lint hook on a broken YAML file fails the commit with the right code."""
    text, code, rule = BROKEN[case]
    path = tmp_path / "scales" / "local-rag.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    result = run_hook("s11schema-lint", [path])
    assert result.returncode == code, result.stdout + result.stderr
    assert f"error {rule}:" in result.stdout


def test_default_files_select_audits_and_templates_only() -> None:
    """By default the hooks take audits/ and standards/, scales/: not every JSON or YAML.
    The validate hook also takes templates and scales, to re-validate the audits."""
    names = [ROOT / n for n in ("audits/2026/acme.json", "audits/batch.jsonl", "package.json",
                                "standards/ours.yaml", "scales/met-4.yml", "mkdocs.yml",
                                ".github/workflows/ci.yaml")]
    assert matching(HOOKS["s11schema-validate"], names) == [
        "audits/2026/acme.json", "audits/batch.jsonl", "scales/met-4.yml",
        "standards/ours.yaml"]
    assert matching(HOOKS["s11schema-lint"], names) == ["scales/met-4.yml",
                                                         "standards/ours.yaml"]
