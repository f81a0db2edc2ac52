"""`validate` with the templates' plans cached between runs: the same output as without,
and a clean audit checked without importing pydantic or PyYAML."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from s11schema._cli import main
from s11schema._plan_cache import CACHE_ENV
from s11schema._roots import bundled_dirs
from s11schema.formats import FORMATS

from ..conftest import EXAMPLES, ROOT

TODAY = "2026-01-01"
EVERY_EXAMPLE = sorted(EXAMPLES.glob("*/*.json"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def _run(argv: list[str | Path], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main([str(a) for a in argv], out=out)
    return code, out.getvalue(), capsys.readouterr().err


@pytest.mark.parametrize("format_", list(FORMATS))
def test_every_example_reads_the_same_with_the_plans_cached(
        format_: str, cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv: list[str | Path] = ["validate", *EVERY_EXAMPLE, "--format", format_,
                              "--today", TODAY, "--jobs", "1"]
    without = _run([*argv, "--no-cache"], capsys)
    assert not cache.exists()  # --no-cache writes nothing
    cold = _run(argv, capsys)
    assert list(cache.glob("plans-*.json"))
    warm = _run(argv, capsys)
    assert without == cold == warm
    assert without[0] == 1  # the examples include mistakes: the rules still report them


def test_plans_made_in_worker_processes_are_cached(
        cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "audits"
    folder.mkdir()
    for index in range(40):
        shutil.copy(EVERY_EXAMPLE[index % len(EVERY_EXAMPLE)], folder / f"{index:02d}.json")
    first = _run(["validate", folder, "--today", TODAY, "--jobs", "2"], capsys)
    (file,) = cache.glob("plans-*.json")
    cached = {entry["template"] for entry in json.loads(file.read_text("utf-8"))["templates"]}
    assert cached == {path.parent.name for path in EVERY_EXAMPLE}
    assert _run(["validate", folder, "--today", TODAY, "--jobs", "2"], capsys) == first


def test_an_edited_template_is_used_at_once(cache: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """The plans are keyed by the files' content: an edit makes them again."""
    mine = tmp_path / "mine"
    shutil.copytree(bundled_dirs()[0], mine)
    data = json.loads((EXAMPLES / "lambeth" / "final.json").read_text("utf-8"))
    del data["completed_on"]  # Lambeth's form has no date box: optional
    audit = tmp_path / "undated.json"
    audit.write_text(json.dumps(data), "utf-8")
    argv: list[str | Path] = ["validate", audit, "--path", mine, "--today", TODAY]
    assert _run(argv, capsys)[0] == 0
    assert _run(argv, capsys)[0] == 0  # proved clean with the cached plan
    template = mine / "lambeth.yaml"
    text = template.read_text("utf-8")
    template.write_text(text.replace("completed_on: optional", "completed_on: required"),
                        "utf-8")
    code, out, _ = _run(argv, capsys)
    assert code == 1
    assert "completed_on" in out


def test_a_clean_audit_with_its_plan_cached_needs_no_pydantic(cache: Path) -> None:
    script = ("import sys\n"
              "from s11schema._cli import main\n"
              f"code = main(['validate', {str(EXAMPLES / 'lambeth' / 'final.json')!r}, "
              f"'--today', {TODAY!r}])\n"
              "print(code, sorted({m.split('.')[0] for m in sys.modules} & "
              "{'pydantic', 'pydantic_core', 'yaml'}))\n")
    environment = {**os.environ, CACHE_ENV: str(cache)}

    def run() -> str:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              cwd=ROOT, env=environment, check=True)
        return done.stdout.splitlines()[-1]

    assert run() == "0 ['pydantic', 'pydantic_core', 'yaml']"  # the first run makes the plan
    assert run() == "0 []"


def test_a_template_shadowing_a_bundled_one_is_said_every_run(
        cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The note naming both files comes from the registry, so no plan stands in for it."""
    mine = tmp_path / "mine"
    mine.mkdir()
    template = mine / "lambeth.yaml"
    template.write_text((bundled_dirs()[0] / "lambeth.yaml").read_text("utf-8")
                        + "\n# our copy\n", "utf-8")
    argv: list[str | Path] = ["validate", EXAMPLES / "lambeth" / "final.json", "--path", mine,
                              "--today", TODAY]
    for _ in range(2):
        code, _out, err = _run(argv, capsys)
        assert code == 0
        assert f"{template} defines template 'lambeth', which is also bundled" in err
    assert not list(cache.glob("plans-*.json"))
