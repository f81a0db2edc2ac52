"""The `s11schema validate` and `s11schema new` commands, run as a user runs them.

Most runs are independent, so the `runs` fixture starts them together and the
tests read their results; each run is still a separate `python -m s11schema`.
"""

from __future__ import annotations

import csv
import json
import random
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import s11schema

from ..conftest import DATA, ROOT

EXAMPLES = ROOT / "examples"
VALID = [str(p) for p in [*EXAMPLES.glob("*/final.json"), *EXAMPLES.glob("*/draft.json"),
                          *EXAMPLES.glob("*/rushcliffe-2021.json")]]
AUDITS = DATA / "audits"
RUSHCLIFFE = EXAMPLES / "nottinghamshire-2021" / "rushcliffe-2021.json"
NOTTS = EXAMPLES / "nottinghamshire-2021" / "final.json"
TODAY = "2026-01-01"

Result = subprocess.CompletedProcess[str]


def run(*args: str | Path) -> Result:
    """Run the real command line and capture what it prints."""
    return subprocess.run(
        [sys.executable, "-m", "s11schema", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120,
        cwd=ROOT, check=False,
    )


def no_traceback(result: Result) -> Result:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def notts() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(NOTTS.read_text(encoding="utf-8"))
    return data


def write(path: Path, audit: dict[str, Any]) -> Path:
    path.write_text(json.dumps(audit, indent=2), encoding="utf-8")
    return path


#: Inputs that are not audits, and whether each is unreadable (rather than a wrong audit).
HOSTILE: dict[str, tuple[bytes, bool]] = {
    "random-bytes": (random.Random(11).randbytes(4096), True),
    "empty": (b"", True),
    "top-level-array": (b'[{"template": "lambeth"}]', False),
    "deep-brackets": (b"[" * 100_000, True),
    "nul-bytes": (b"\x00" * 64, True),
    "duplicate-then-broken": (b'{"organisation": {"name": "A", "name": "B"}, "status": }', True),
    "nan": (b'{"template": "lambeth", "status": NaN}', True),
}
FORMATS = ("text", "json", "github", "junit", "sarif")


@dataclass
class Runs:
    """The folder the runs' files are in, and each run's result by name."""

    folder: Path
    results: dict[str, Result]

    def __getitem__(self, name: str) -> Result:
        return no_traceback(self.results[name])


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """Every independent run of this module, started together."""
    folder = tmp_path_factory.mktemp("cli")
    mixed = folder / "mixed"
    mixed.mkdir()
    (mixed / "a-clean.json").write_bytes(NOTTS.read_bytes())
    (mixed / "b-warnings.json").write_bytes((AUDITS / "warnings-only.json").read_bytes())
    broken = notts()
    broken["responses"]["1.1"]["rating"] = "purple <&> 100%: yes, no"
    write(mixed / "c-error.json", broken)
    (mixed / "d-truncated.json").write_bytes((AUDITS / "truncated.json").read_bytes())
    error = notts()
    error["responses"]["3.4"]["rating"] = "amber"  # amber needs an action, and it has none
    write(folder / "error.json", error)
    (folder / "empty-folder").mkdir()
    hostile = folder / "hostile"
    hostile.mkdir()
    for name, (raw, _) in HOSTILE.items():
        (hostile / f"{name}.json").write_bytes(raw)

    validate = ("validate", "--today", TODAY)
    commands: dict[str, Sequence[str | Path]] = {
        "examples": (*validate, *VALID),
        "strict": (*validate, "--strict", AUDITS / "warnings-only.json"),
        "error": (*validate, folder / "error.json"),
        "truncated": (*validate, AUDITS / "truncated.json"),
        "missing": (*validate, folder / "nowhere.json"),
        "empty-folder": (*validate, folder / "empty-folder"),
        "unknown-option": (*validate, "--no-such-option", NOTTS),
        "today-same-day": ("validate", "--today", "2025-09-15", NOTTS),
        "today-day-before": ("validate", "--today", "2025-09-14", NOTTS),
        "today-30-february": ("validate", "--today", "2025-02-30", NOTTS),
        "new": ("new", "lambeth"),
        "new-unknown": ("new", "lambeth-2021"),
        "new-no-folder": ("new", "lambeth", "-o", folder / "no-such-folder" / "draft.json"),
        "max-bytes": (*validate, "--max-bytes", "1000", NOTTS),
        "hostile": (*validate, "--format", "json", hostile),
        **{f"format-{name}": (*validate, "--format", name, mixed) for name in FORMATS},
    }
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(run, *args) for name, args in commands.items()}
        results = {name: future.result() for name, future in futures.items()}
    return Runs(folder, results)


def test_no_run_prints_a_traceback(runs: Runs) -> None:
    """No run, whatever its input, prints a Python traceback."""
    for name, result in runs.results.items():
        assert "Traceback" not in result.stdout + result.stderr, name


# ------------------------------------------------------------------ exit codes


def test_examples_exit_zero(runs: Runs) -> None:
    """The valid examples (finals, drafts, Rushcliffe) exit 0."""
    result = runs["examples"]
    assert result.returncode == 0, result.stderr
    assert f"{len(VALID)} files, 0 errors, 0 warnings" in result.stderr


def test_strict_fails_on_warnings(runs: Runs) -> None:
    """--strict turns a warning (exit 0 without it) into exit 1."""
    result = runs["strict"]
    assert result.returncode == 1
    assert "1 files, 0 errors, 1 warnings" in result.stderr
    assert "warning field-placeholder" in result.stdout


def test_an_error_exits_one(runs: Runs) -> None:
    """An audit with an error exits 1 and prints the finding with its pointer."""
    result = runs["error"]
    assert result.returncode == 1
    path = runs.folder / "error.json"
    assert f"{path}: /responses/3.4/actions: error actions-required" in result.stdout
    assert "1 files, 1 errors" in result.stderr


def test_unparsable_file_exits_one(runs: Runs) -> None:
    """Truncated JSON is a problem found in the file: exit 1, saying where parsing stopped."""
    result = runs["truncated"]
    assert result.returncode == 1
    assert f"{AUDITS / 'truncated.json'}:7:1: error json-syntax" in result.stdout
    assert "1 unreadable" in result.stderr


def test_missing_path_exits_two(runs: Runs) -> None:
    """A path that does not exist exits 2 with file-unreadable."""
    result = runs["missing"]
    assert result.returncode == 2
    assert "file-unreadable" in result.stdout + result.stderr


def test_empty_folder_exits_two(runs: Runs) -> None:
    """A folder with no audits exits 2 and says so."""
    result = runs["empty-folder"]
    assert result.returncode == 2
    assert "no audits found (files ending .json, .jsonl or .xlsx)" in result.stderr


def test_unknown_option_is_a_usage_error(runs: Runs) -> None:
    """An unknown option is a usage error: exit 2 and the usage line."""
    result = runs["unknown-option"]
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "--no-such-option" in result.stderr


def test_hostile_input_never_crashes(runs: Runs) -> None:
    """Input that is not an audit gives a finding for its file, never a traceback."""
    result = runs["hostile"]
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    by_name = {Path(entry["file"]).name: entry for entry in document["files"]}
    assert sorted(by_name) == sorted(f"{name}.json" for name in HOSTILE)
    for name, (_, unreadable) in HOSTILE.items():
        entry = by_name[f"{name}.json"]
        assert entry["unreadable"] is unreadable, name
        assert not entry["ok"], name
        assert [f["severity"] for f in entry["findings"]] == ["error"], name


def test_two_hundred_audits(tmp_path: Path) -> None:
    """190 valid and 10 broken audits give exit 1 and '200 files, 10 errors'."""
    base = notts()
    standards = list(base["responses"])
    for index in range(200):
        audit = json.loads(json.dumps(base))
        audit["organisation"]["name"] = f"Example Organisation {index:03}"
        if index % 20 == 7:
            audit["responses"][standards[index // 20]]["rating"] = "purple"
        write(tmp_path / f"audit-{index:03}.json", audit)
    result = no_traceback(run("validate", "--today", TODAY, tmp_path))
    assert result.returncode == 1
    assert "200 files, 10 errors" in result.stderr
    assert result.stdout.count("error rating-unknown") == 10


# ------------------------------------------------------------------ --today


def test_today_sets_the_date_compared_with(runs: Runs) -> None:
    """--today decides whether completed_on (2025-09-15) is in the future."""
    assert runs["today-same-day"].returncode == 0
    result = runs["today-day-before"]
    assert result.returncode == 1
    assert "/completed_on: error date-in-future" in result.stdout


def test_today_rejects_a_bad_date(runs: Runs) -> None:
    """--today with something that is not a date is a usage error (exit 2)."""
    result = runs["today-30-february"]
    assert result.returncode == 2
    assert "is not a date" in result.stderr


# ------------------------------------------------------------------ new


def test_new_prints_a_valid_draft(runs: Runs) -> None:
    """`new lambeth` prints a blank draft that validates with no errors."""
    result = runs["new"]
    assert result.returncode == 0, result.stderr
    audit = json.loads(result.stdout)
    assert audit["template"] == "lambeth"
    assert audit["status"] == "draft"
    report = s11schema.validate(audit)
    assert report.errors == ()
    assert report.completeness == 0.0


def test_new_unknown_template_exits_two(runs: Runs) -> None:
    """`new` with an unknown template exits 2 and names the nearest template."""
    result = runs["new-unknown"]
    assert result.returncode == 2
    assert "'lambeth'" in result.stderr


def test_new_into_a_missing_folder_exits_two(runs: Runs) -> None:
    """`new -o` into a folder that does not exist exits 2 with a message, writing nothing."""
    result = runs["new-no-folder"]
    assert result.returncode == 2
    assert "cannot write" in result.stderr
    assert not (runs.folder / "no-such-folder").exists()


def test_max_bytes_refuses_a_bigger_file(runs: Runs) -> None:
    """--max-bytes lowers the size limit: a bigger audit is unreadable (exit 2)."""
    result = runs["max-bytes"]
    assert result.returncode == 1
    assert "error file-too-large" in result.stdout


def test_new_writes_refuses_and_forces(tmp_path: Path) -> None:
    """`new -o FILE` writes FILE, refuses to overwrite it (exit 2), and overwrites with --force."""
    path = tmp_path / "draft.json"
    first = no_traceback(run("new", "lambeth", "-o", path))
    assert first.returncode == 0, first.stderr
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["template"] == "lambeth"
    assert s11schema.validate(path).errors == ()
    path.write_text("{}\n", encoding="utf-8")
    refused = no_traceback(run("new", "lambeth", "-o", path))
    assert refused.returncode == 2
    assert "--force" in refused.stderr
    assert path.read_text(encoding="utf-8") == "{}\n"
    forced = no_traceback(run("new", "lambeth", "-o", path, "--force"))
    assert forced.returncode == 0, forced.stderr
    assert json.loads(path.read_text(encoding="utf-8")) == written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.json"]


def test_export_writes_as_it_goes_and_refuses_to_overwrite(tmp_path: Path) -> None:
    """`export -o FILE` writes the rows a line at a time into a file that appears whole;
    a second run refuses (exit 2) and still counts the rows it would have written."""
    path = tmp_path / "scores.csv"
    first = no_traceback(run("export", EXAMPLES, "-o", path, "--today", "2026-06-01"))
    assert first.returncode == 1, first.stderr  # the examples' mistakes files are left out
    with open(path, encoding="utf-8", newline="") as handle:
        rows = len(list(csv.reader(handle))) - 1
    assert f"{rows} scores rows" in first.stderr
    refused = no_traceback(run("export", EXAMPLES, "-o", path, "--today", "2026-06-01"))
    assert refused.returncode == 2
    assert "exists; use --force" in refused.stderr
    assert f"{rows} scores rows" in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores.csv"]


# ------------------------------------------------------------------ formats


def _mixed_names(runs: Runs) -> list[str]:
    return sorted(p.name for p in (runs.folder / "mixed").iterdir())


def test_every_format_gives_the_same_exit_code(runs: Runs) -> None:
    """The exit code does not depend on the output format."""
    assert {runs[f"format-{name}"].returncode for name in FORMATS} == {1}


def test_format_json(runs: Runs) -> None:
    """--format json parses, with a summary and one entry per file."""
    document = json.loads(runs["format-json"].stdout)
    assert document["summary"]["files"] == 4
    assert document["summary"]["unreadable"] == 1
    assert document["summary"]["valid"] == 2
    assert [Path(f["file"]).name for f in document["files"]] == _mixed_names(runs)
    codes = {f["code"] for entry in document["files"] for f in entry["findings"]}
    assert {"rating-unknown", "json-syntax", "field-placeholder"} <= codes


def test_format_github(runs: Runs) -> None:
    """--format github prints one workflow command per finding."""
    lines = runs["format-github"].stdout.splitlines()
    assert len(lines) == len(runs["format-text"].stdout.splitlines())
    assert all(line.startswith(("::error ", "::warning ")) for line in lines), lines
    assert any(line.startswith("::warning ") for line in lines)
    text_errors = sum(": error " in line for line in runs["format-text"].stdout.splitlines())
    assert sum(line.startswith("::error ") for line in lines) == text_errors >= 2


def test_format_junit(runs: Runs) -> None:
    """--format junit parses as XML, with one testcase per file."""
    root = ET.fromstring(runs["format-junit"].stdout)
    cases = root.findall(".//testcase")
    assert sorted(Path(c.get("name") or "").name for c in cases) == _mixed_names(runs)
    assert len(root.findall(".//testcase/failure")) == 1
    assert len(root.findall(".//testcase/error")) == 1
    failure = root.find(".//testcase/failure")
    assert failure is not None
    assert "purple <&> 100%: yes, no" in (failure.text or "")


def test_format_sarif(runs: Runs) -> None:
    """--format sarif parses, is version 2.1.0, and has one result per finding."""
    document = json.loads(runs["format-sarif"].stdout)
    assert document["version"] == "2.1.0"
    (sarif_run,) = document["runs"]
    rule_ids = {r["id"] for r in sarif_run["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in sarif_run["results"]} == rule_ids
    assert len(sarif_run["results"]) == len(runs["format-text"].stdout.splitlines())
