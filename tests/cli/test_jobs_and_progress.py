"""`--jobs` gives the same output in the same order as one job; progress shows only where
someone is watching."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from s11schema._cli import main
from s11schema._cli._progress import Progress
from s11schema._many import validate_many

from ..conftest import EXAMPLES

TODAY = "2026-01-01"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Forty files: every example (valid, drafts, mistakes, two cycles) copied under
    several names, a file that is not JSON, and one that is empty."""
    root = tmp_path_factory.mktemp("many")
    examples = sorted(EXAMPLES.glob("*/*.json"))
    for index in range(40):
        source = examples[index % len(examples)]
        data = json.loads(source.read_text(encoding="utf-8"))
        if isinstance(data.get("organisation"), dict) and index >= len(examples):
            data["organisation"]["name"] = f"{data['organisation'].get('name')} {index}"
        (root / f"{index:02d}-{source.stem}.json").write_text(json.dumps(data),
                                                               encoding="utf-8")
    (root / "broken.json").write_text("{", encoding="utf-8")
    (root / "empty.json").write_text("", encoding="utf-8")
    return root


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main(argv, out=out)
    return code, out.getvalue(), capsys.readouterr().err


@pytest.mark.parametrize("command", [
    ["validate", "--format", "text"], ["validate", "--format", "json"],
    ["compare"], ["compare", "--by", "standard", "--format", "csv"],
    ["compare", "--cycles", "2023/24", "2025/26"], ["export"],
    ["export", "--table", "actions"], ["report", "--format", "markdown"],
    ["report", "--since", "2023/24"]])
def test_two_jobs_give_what_one_gives(command: list[str], folder: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    one = _run([*command, str(folder), "--today", TODAY, "--jobs", "1"], capsys)
    two = _run([*command, str(folder), "--today", TODAY, "--jobs", "2"], capsys)
    assert one == two
    assert one[1]


def test_validate_many_in_processes_keeps_the_order(folder: Path) -> None:
    """The reports come back in the files' order, the same but for the audit data, which
    stays in the worker."""
    one = list(validate_many([folder], jobs=1))
    two = list(validate_many([folder], jobs=2))
    assert [r.file for r in two] == [r.file for r in one]
    assert [r.findings for r in two] == [r.findings for r in one]
    assert all(r.audit is None for r in two)
    assert any(r.audit is not None for r in one)


@pytest.mark.parametrize("jobs", ["0", "-1", "two", "\u0663"])
def test_jobs_must_be_a_count(jobs: str, folder: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["validate", str(folder), "--jobs", jobs])
    assert stop.value.code == 2
    assert "is not a number of jobs" in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    stream = _Terminal()
    progress = Progress("checked", 3, stream=stream, delay=0)
    progress()
    assert stream.getvalue() == "\rchecked 1 of 3 files"
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[K")


@pytest.mark.parametrize("case", ["quiet", "not a terminal", "in CI", "one file"])
def test_no_progress_where_nobody_watches(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    if case == "in CI":
        monkeypatch.setenv("CI", "true")
    stream = io.StringIO() if case == "not a terminal" else _Terminal()
    progress = Progress("checked", 1 if case == "one file" else 3, stream=stream, delay=0,
                        quiet=case == "quiet")
    progress()
    progress()
    progress.close()
    assert stream.getvalue() == ""


def test_the_progress_line_never_reaches_standard_output(folder: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    """Findings stay clean for pipes: progress goes to standard error only."""
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    code, out, _err = _run(["validate", str(copy), "--today", TODAY], capsys)
    assert code == 1
    assert "\r" not in out


def test_import_in_two_jobs_writes_what_one_job_writes(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    """Word returns, good and broken: the same findings in the same order, and the same audit
    files, whether read in one process or two."""
    returns = tmp_path / "returns"
    shutil.copytree(Path(__file__).parents[1] / "data" / "docx", returns,
                    ignore=shutil.ignore_patterns("*.py"))
    written = []
    for jobs in ("1", "2"):
        folder = tmp_path / f"out-{jobs}"
        code, out, err = _run(["import", str(returns), "--template", "nottinghamshire-2021",
                               "-o", str(folder), "--today", TODAY, "--jobs", jobs], capsys)
        files = {p.name: p.read_text("utf-8") for p in sorted(folder.iterdir())}
        written.append((code, out, err.replace(str(folder), "OUT"), files))
    assert written[0] == written[1]
    assert written[0][0] == 1  # the broken returns are problems
    assert "rushcliffe-borough-council.json" in written[0][3]
