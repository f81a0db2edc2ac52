"""Acceptance tests of the `s11schema` command, run as a real process.

The commands are started together by one module fixture and checked by the
tests below, so the suite pays for Python's start-up once per core rather than
once per command. `show` on every fixture runs in-process through `cli.main`
(an exception escaping it is what would print a traceback).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from s11schema._cli import main

from ..conftest import ROOT

REPO = ROOT
DATA = Path("tests") / "data" / "lint"  # relative to REPO, the working directory of each run
BUNDLED = ["buckinghamshire-2016", "lambeth", "nottinghamshire-2021",
           "south-gloucestershire-2019-20"]
NOTTS_IDS = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4", "3.5",
             "4.1", "4.2", "5.1", "6.1", "6.2", "6.3", "6.4", "6.5", "7.1", "7.2", "8.1",
             "9.1", "9.2"]

#: Each broken fixture, the code it gives, and where (see the fixture's first line).
BROKEN: dict[str, tuple[str, str]] = {
    "duplicate-key.yaml": ("yaml-duplicate-key", "6:1"),
    "duplicate-standard-id.yaml": ("duplicate-id", "13:13"),
    "unknown-scale.yaml": ("unknown-scale", "5:8"),
    "non-monotonic-scale.yaml": ("scale-not-monotonic", "13:17"),
    "unquoted-id.yaml": ("id-unquoted", "10:13"),
    "missing-text.yaml": ("schema-missing-key", "10:9"),
    "standards-not-a-list.yaml": ("schema-type", "9:16"),
    "unknown-key.yaml": ("schema-unknown-key", "3:1"),
    "unknown-domain.yaml": ("unknown-domain", "12:36"),
    "standard-no-domain.yaml": ("standard-no-domain", "10:9"),
    "unknown-required-code.yaml": ("unknown-code", "10:23"),
    "scale-position-partial.yaml": ("scale-position-partial", "8:5"),
    "scale-is-own-id.yaml": ("unknown-scale", "5:8"),
}
UNREADABLE: dict[str, tuple[str, str]] = {
    "tab-indent.yaml": ("yaml-syntax", "3:1"),
    "invalid-utf8.yaml": ("file-encoding", "3:11"),
}
SCALE_FIXTURES = {"non-monotonic-scale.yaml", "scale-position-partial.yaml"}
#: Exit code of `show` on each fixture: 1 where the registry's checks refuse the
#: file, 0 where only lint objects (an unquoted id; two files with one id), 2 unreadable.
SHOW_EXIT = {**dict.fromkeys(BROKEN, 1), "unquoted-id.yaml": 0,
             **dict.fromkeys(UNREADABLE, 1)}
#: What the command line adds to a "not found" message: its own flags.
FLAG_HINT = ("(`s11schema templates` lists what can be seen; add your own folder with "
             "--path)\n")


#: Run `--version` the way the console script does and say whether pydantic got imported.
VERSION_IMPORTS = """\
import sys
from s11schema._cli import main

try:
    main(["--version"])
except SystemExit:
    pass
print("pydantic" in sys.modules)
"""


@pytest.fixture(autouse=True)
def no_user_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process runs see only the bundle and the folders they name."""
    monkeypatch.delenv("S11SCHEMA_PATH", raising=False)
    monkeypatch.delenv("S11SCHEMA_MAX_BYTES", raising=False)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without our variables, plus `extra`."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("S11SCHEMA_PATH", "S11SCHEMA_MAX_BYTES")}
    env.update(extra)
    return env


@dataclass(frozen=True)
class Run:
    """One finished command."""

    argv: tuple[str, ...]
    code: int
    out: str
    err: str

    def __str__(self) -> str:
        return f"$ {' '.join(self.argv)}\nexit {self.code}\n{self.out}\n{self.err}"


def run_all(commands: Mapping[str, tuple[Sequence[str], Mapping[str, str]]]) -> dict[str, Run]:
    """Start every command at once in the repository, then wait for them all."""
    started = {
        name: (tuple(argv), subprocess.Popen(list(argv), cwd=REPO, env=dict(env), text=True,
                                             encoding="utf-8", stdout=subprocess.PIPE,
                                             stderr=subprocess.PIPE))
        for name, (argv, env) in commands.items()
    }
    finished: dict[str, Run] = {}
    for name, (argv, process) in started.items():
        out, err = process.communicate(timeout=120)
        finished[name] = Run(argv, process.returncode, out, err)
    return finished


def module(*args: str) -> list[str]:
    return [sys.executable, "-m", "s11schema", *args]


@pytest.fixture(scope="module")
def runs() -> dict[str, Run]:
    """Every command of this module, run once."""
    env = clean_env()
    valid = str(DATA / "valid")
    commands: dict[str, tuple[Sequence[str], Mapping[str, str]]] = {
        "version": (module("--version"), env),
        "help": (module("--help"), env),
        "templates": (module("templates"), env),
        "templates-json": (module("templates", "--format", "json"), env),
        "show-notts-json": (module("show", "nottinghamshire-2021", "--format", "json"), env),
        "show-notts-text": (module("show", "nottinghamshire-2021"), env),
        "show-lambeth": (module("show", "lambeth", "--format", "json"), env),
        "show-bucks": (module("show", "buckinghamshire-2016", "--format", "json"), env),
        "show-scale-rag": (module("show", "--scale", "rag"), env),
        "show-unknown": (module("show", "nottinghamshire-2012"), env),
        "show-scale-lambeth": (module("show", "--scale", "lambeth"), env),
        "version-imports": ([sys.executable, "-c", VERSION_IMPORTS], env),
        "lint-bundle": (module("lint", "standards", "scales"), env),
        "lint-missing": (module("lint", "no/such/folder"), env),
        "lint-same-id": (module("lint", str(DATA / "same-template-id")), env),
        "templates-path": (module("templates", "--path", valid), env),
        "templates-env": (module("templates"), clean_env(S11SCHEMA_PATH=str(REPO / valid))),
        "show-path": (module("show", "valid-template", "--path", valid, "--format", "json"),
                      env),
    }
    script = shutil.which("s11schema", path=str(Path(sys.executable).parent))
    if script is not None:
        commands["script-version"] = ([script, "--version"], env)
    for name in BROKEN:
        commands[f"lint:{name}"] = (module("lint", str(DATA / name)), env)
    for name in UNREADABLE:
        commands[f"lint:{name}"] = (module("lint", str(DATA / "unreadable" / name)), env)
    return run_all(commands)


def test_no_command_prints_a_traceback(runs: dict[str, Run]) -> None:
    """No command of this module, on any fixture, prints a Python traceback."""
    for run in runs.values():
        assert "Traceback" not in run.out + run.err, str(run)


def test_version(runs: dict[str, Run]) -> None:
    """`--version` prints the package version and exits 0."""
    from s11schema import __version__

    run = runs["version"]
    assert run.code == 0, str(run)
    assert run.out.strip() == f"s11schema {__version__}"


def test_version_does_not_import_the_models(runs: dict[str, Run]) -> None:
    """`--version` runs without importing pydantic, as cli.py's docstring promises."""
    run = runs["version-imports"]
    lines = run.out.splitlines()
    assert run.code == 0, str(run)
    assert lines[0].startswith("s11schema "), str(run)
    assert lines[-1] == "False", str(run)


def test_help_lists_commands(runs: dict[str, Run]) -> None:
    """`--help` exits 0 and names the commands."""
    run = runs["help"]
    assert run.code == 0, str(run)
    for command in ("templates", "show", "lint"):
        assert command in run.out


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """With no command the help goes to stderr and the exit code is 2."""
    assert main([], out=io.StringIO()) == 2
    assert "templates" in capsys.readouterr().err


def test_installed_script_runs(runs: dict[str, Run]) -> None:
    """The `s11schema` console script installed beside this Python prints its version."""
    assert "script-version" in runs, "no s11schema script beside this Python: pip install ."
    run = runs["script-version"]
    assert run.code == 0, str(run)
    assert run.out == runs["version"].out


def test_templates_lists_the_bundle(runs: dict[str, Run]) -> None:
    """`templates` lists the four bundled ids, one row each, with their standard counts."""
    run = runs["templates"]
    assert run.code == 0, str(run)
    rows = {line.split()[0]: line.split() for line in run.out.splitlines()[1:]}
    assert sorted(rows) == BUNDLED
    assert rows["nottinghamshire-2021"][3] == "24"
    assert rows["south-gloucestershire-2019-20"][3] == "19"


def test_templates_json(runs: dict[str, Run]) -> None:
    """`templates --format json` is a JSON list of the four templates with ids and counts."""
    run = runs["templates-json"]
    assert run.code == 0, str(run)
    rows = json.loads(run.out)
    assert [row["id"] for row in rows] == BUNDLED
    counts = {row["id"]: row["standards"] for row in rows}
    assert counts == {"buckinghamshire-2016": 8, "lambeth": 8, "nottinghamshire-2021": 24,
                      "south-gloucestershire-2019-20": 19}


def test_show_nottinghamshire_json(runs: dict[str, Run]) -> None:
    """`show nottinghamshire-2021 --format json` lists the 24 ids and codes red/amber/green/n/a."""
    run = runs["show-notts-json"]
    assert run.code == 0, str(run)
    summary = json.loads(run.out)
    assert summary["standard_ids"] == NOTTS_IDS
    listed = [st["id"] for section in summary["sections"] for st in section["standards"]]
    assert listed == NOTTS_IDS
    for section in summary["sections"]:
        for standard in section["standards"]:
            assert standard["rating_codes"] == ["red", "amber", "green", "n/a"]
    assert [level["code"] for level in summary["scale"]["levels"]] == ["red", "amber", "green"]
    assert summary["scale"]["not_applicable"]["code"] == "n/a"


def test_show_nottinghamshire_text(runs: dict[str, Run]) -> None:
    """The text view names the scale and every standard id."""
    run = runs["show-notts-text"]
    assert run.code == 0, str(run)
    assert "Scale: rag" in run.out
    ids = re.findall(r"^ {5}(\S+)  ", run.out, flags=re.MULTILINE)
    assert ids == NOTTS_IDS


@pytest.mark.parametrize("name", ["show-lambeth", "show-bucks"])
def test_show_eight_standards(runs: dict[str, Run], name: str) -> None:
    """`show lambeth` and `show buckinghamshire-2016` have 8 standards, "1" to "8"."""
    run = runs[name]
    assert run.code == 0, str(run)
    assert json.loads(run.out)["standard_ids"] == [str(n) for n in range(1, 9)]


def test_show_scale(runs: dict[str, Run]) -> None:
    """`show --scale rag` lists red, amber, green at 0, 1/3, 2/3."""
    run = runs["show-scale-rag"]
    assert run.code == 0, str(run)
    levels = [line.split() for line in run.out.splitlines()[1:]]
    assert [(row[0], row[-2]) for row in levels] == [
        ("red", "0.000"), ("amber", "0.333"), ("green", "0.667")]


def test_show_unknown_template_is_one_line_exit_2(runs: dict[str, Run]) -> None:
    """An unknown template exits 2 with one line on stderr, nothing on stdout, no traceback."""
    run = runs["show-unknown"]
    assert run.code == 2, str(run)
    assert run.out == ""
    assert run.err == ("s11schema: unknown template 'nottinghamshire-2012' "
                       "(did you mean 'nottinghamshire-2021'?)\n" + FLAG_HINT)


def test_show_unknown_scale_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown scale exits 2 with a one-line "did you mean"."""
    out = io.StringIO()
    assert main(["show", "--scale", "rag5"], out=out) == 2
    assert out.getvalue() == ""
    assert capsys.readouterr().err == (
        "s11schema: unknown scale 'rag5' (did you mean 'rag'?)\n" + FLAG_HINT)


def test_show_scale_of_a_template_id_is_unknown_scale(runs: dict[str, Run]) -> None:
    """`show --scale lambeth` (a template id, not a scale) exits 2 without a traceback."""
    run = runs["show-scale-lambeth"]
    assert "Traceback" not in run.err
    assert run.code == 2, str(run)
    assert run.err.startswith("s11schema: unknown scale 'lambeth'"), str(run)


def test_lint_bundle_is_clean(runs: dict[str, Run]) -> None:
    """`lint standards scales` exits 0 with no findings."""
    run = runs["lint-bundle"]
    assert run.code == 0, str(run)
    assert run.out == ""
    assert run.err.strip() == "14 files, 0 errors, 0 warnings"  # the form mappings too


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_lint_broken_fixture_exits_1(runs: dict[str, Run], name: str) -> None:
    """Each broken fixture makes `lint` exit 1 and print `file:line:col: error code`."""
    run = runs[f"lint:{name}"]
    code, place = BROKEN[name]
    assert run.code == 1, str(run)
    assert f"{DATA / name}:{place}: error {code}: " in run.out, str(run)


def test_lint_same_id_in_two_files_exits_1(runs: dict[str, Run]) -> None:
    """Two files with one template id make `lint` exit 1, pointing at the second file."""
    run = runs["lint-same-id"]
    assert run.code == 1, str(run)
    second = DATA / "same-template-id" / "second.yaml"
    assert run.out.startswith(f"{second}:3:5: error duplicate-id: "), str(run)


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_lint_unparsable_fixture_exits_1(runs: dict[str, Run], name: str) -> None:
    """A tab-indented or non-UTF-8 file is a problem found in it: `lint` exits 1, located."""
    run = runs[f"lint:{name}"]
    code, place = UNREADABLE[name]
    assert run.code == 1, str(run)
    assert f"{DATA / 'unreadable' / name}:{place}: error {code}: " in run.out, str(run)


def test_lint_missing_path_exits_2(runs: dict[str, Run]) -> None:
    """`lint` on a path that does not exist exits 2 with `file-unreadable`."""
    run = runs["lint-missing"]
    assert run.code == 2, str(run)
    assert "no/such/folder: error file-unreadable" in run.out


def test_lint_json_output() -> None:
    """`lint --format json` gives the findings as data with line and column."""
    out = io.StringIO()
    assert main(["lint", "--format", "json", str(REPO / DATA / "unknown-scale.yaml")],
                out=out) == 1
    report = json.loads(out.getvalue())
    (file,) = report["files"]
    assert file["file"] == str(REPO / DATA / "unknown-scale.yaml")
    assert [(f["code"], f["line"], f["column"]) for f in file["findings"]] == [
        ("unknown-scale", 5, 8)]


@pytest.mark.parametrize("name", sorted(SHOW_EXIT))
def test_show_on_fixture_exits_cleanly(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`show --path FIXTURE` exits 1 for a refused or unparsable file, 0 for lint-only faults."""
    folder = REPO / DATA / ("unreadable" if name in UNREADABLE else "")
    kind = ["--scale"] if name in SCALE_FIXTURES else []
    code = main(["show", *kind, name.removesuffix(".yaml"), "--path", str(folder / name)],
                out=io.StringIO())
    err = capsys.readouterr().err
    assert code == SHOW_EXIT[name], err
    if code:
        assert f"{folder / name}:" in err


def test_templates_lists_the_valid_and_reports_the_broken(
        capsys: pytest.CaptureFixture[str]) -> None:
    """`templates --path` on the fixture folder lists the valid templates in it, reports
    every broken file on stderr with its place, and exits 1."""
    out = io.StringIO()
    assert main(["templates", "--path", str(REPO / DATA)], out=out) == 1
    ids = sorted(line.split()[0] for line in out.getvalue().splitlines()[1:])
    usable = ["id-unicode", "same-template-id", "unquoted-id", "valid-template"]
    assert ids == sorted([*BUNDLED, *usable])
    err = capsys.readouterr().err
    for name, (code, place) in BROKEN.items():
        if name.removesuffix(".yaml") not in usable:  # lint's concern only: the file can be used
            assert f"{REPO / DATA / name}:{place}: error {code}" in err, name


@pytest.mark.parametrize("name", ["templates-path", "templates-env"])
def test_user_folder_makes_template_visible(runs: dict[str, Run], name: str) -> None:
    """`--path DIR` and S11SCHEMA_PATH add a user template to `templates`."""
    run = runs[name]
    assert run.code == 0, str(run)
    ids = sorted(line.split()[0] for line in run.out.splitlines()[1:])
    assert ids == sorted([*BUNDLED, "valid-template"])
    assert "valid-template" not in runs["templates"].out


def test_show_user_template(runs: dict[str, Run]) -> None:
    """`show` finds a template in a `--path` folder, on its own scale, ids kept as text."""
    run = runs["show-path"]
    assert run.code == 0, str(run)
    summary = json.loads(run.out)
    assert summary["standard_ids"] == ["1.1", "1.10"]
    assert summary["scale"]["id"] == "valid-scale"
