"""Every command follows the one exit-code table of docs/reference/exit-codes.md."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from s11schema._cli import main

from ..conftest import EXAMPLES, ROOT

TABLE = ROOT / "docs" / "reference" / "exit-codes.md"
CLEAN_AUDIT = EXAMPLES / "lambeth" / "final.json"
CLEAN_TEMPLATE = ROOT / "standards" / "lambeth.yaml"
INVALID_TEMPLATE = ROOT / "tests" / "data" / "lint" / "unknown-scale.yaml"


def _table() -> dict[tuple[str, str], int]:
    """(situation, command) -> exit code, read from the documentation's table."""
    rows = [line for line in TABLE.read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and not line.startswith("| situation")]
    header = next(line for line in TABLE.read_text(encoding="utf-8").splitlines()
                  if line.startswith("| situation"))
    commands = re.findall(r"`(\w+)`", header)
    table: dict[tuple[str, str], int] = {}
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        for command, code in zip(commands, cells[1:], strict=True):
            table[(cells[0], command)] = int(code)
    return table


EXPECTED = _table()
SITUATIONS = sorted({situation for situation, _ in EXPECTED})
COMMANDS = sorted({command for _, command in EXPECTED})


def _audit(folder: Path, name: str, **changes: object) -> Path:
    data = json.loads(CLEAN_AUDIT.read_text(encoding="utf-8"))
    data.update(changes)
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _files(situation: str, command: str, folder: Path) -> list[str]:
    """The arguments that make `situation` for `command`."""
    lint = command == "lint"
    clean = CLEAN_TEMPLATE if lint else _audit(folder, "clean.json")
    invalid = INVALID_TEMPLATE if lint else _audit(folder, "invalid.json", status="done")
    unparsable = folder / ("broken.yaml" if lint else "broken.json")
    unparsable.write_text("a: [" if lint else "{", encoding="utf-8")
    draft = folder / "draft.yaml"
    if lint:
        draft.write_text("id: plain\ntitle: Plain\nlevels:\n  - code: a\n    label: A\n"
                         "  - code: b\n    label: B\n", encoding="utf-8")
    else:
        draft = _audit(folder, "draft.json", status="draft")
    empty = folder / "empty"
    empty.mkdir()
    missing = folder / "missing.json"
    files = {
        "nothing given": [],
        "a folder with nothing to check": [empty],
        "a missing file": [missing],
        "a missing file and a clean one": [missing, clean],
        "only invalid files": [invalid],
        "a file that does not parse": [unparsable],
        "only drafts": [draft],
        "a clean file and an invalid one": [clean, invalid],
        "only clean files": [clean],
        "a return and the same organisation's later one": [clean] if lint else [
            clean, _audit(folder, "later.json", completed_on="2025-12-01")],
    }[situation]
    if command == "normalise":  # one audit: the first that is not clean
        files = [next((f for f in files if f != clean), clean)] if files else []
    return [str(f) for f in files]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("situation", SITUATIONS)
def test_exit_code_follows_the_table(situation: str, command: str, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """The command exits with the code the documentation's table gives for the situation."""
    argv = [command, *_files(situation, command, tmp_path)]
    try:
        code = main(argv, out=io.StringIO())
    except SystemExit as stop:  # argparse: a required argument is missing
        code = int(stop.code or 0)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code == EXPECTED[(situation, command)], (argv, err)


def test_the_table_covers_every_command_that_reads_files() -> None:
    """validate, lint, normalise, compare, export and report all have a column."""
    assert set(COMMANDS) == {"validate", "lint", "normalise", "compare", "export", "report"}
