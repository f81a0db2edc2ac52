"""check-jsonschema, the tool editors and CI reach for, agrees with s11schema on every
bundled template, scale and domain file and on every example audit.

Each file is checked with the real check-jsonschema command line against the schema
s11schema ships (for the YAML formats) or exports (`s11schema schema TEMPLATE`, for
audits), and its verdict is compared with `s11schema lint` or `s11schema validate`.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from s11schema._cli import main
from s11schema._schema import shipped_schema_path

from ..conftest import EXAMPLES, ROOT

TEMPLATES = sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir())
TODAY = "2026-01-01"


def check_jsonschema(schema: Path, files: list[Path]) -> set[Path]:
    """The files check-jsonschema finds invalid against `schema`."""
    program = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert program, "check-jsonschema is installed by the test extra"
    result = subprocess.run([program, "--output-format", "json", "--schemafile", str(schema),
                             *map(str, files)], capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert not report.get("parse_errors"), report
    return {Path(error["filename"]) for error in report.get("errors", [])}


def s11schema(*args: str | Path) -> int:
    """The command line's exit code, run in this process."""
    return main([str(a) for a in args], out=io.StringIO())


@pytest.mark.parametrize(("kind", "files"), [
    ("template", sorted(f for f in (ROOT / "standards").glob("*.yaml") if f.stem != "domains")),
    ("scale", sorted((ROOT / "scales").glob("*.yaml"))),
    ("domains", [ROOT / "standards" / "domains.yaml"]),
])
def test_bundled_yaml_passes_the_shipped_schema_and_lint(kind: str, files: list[Path]) -> None:
    """Every bundled file passes its shipped format schema, as it passes lint."""
    assert files
    assert check_jsonschema(shipped_schema_path(kind), files) == set()
    assert s11schema("lint", *files) == 0


def test_shipped_template_schema_rejects_what_lint_rejects(tmp_path: Path) -> None:
    """A misspelt key fails both (the verdicts agree on bad files too)."""
    broken = tmp_path / "broken.yaml"
    text = (ROOT / "standards" / "lambeth.yaml").read_text("utf-8")
    broken.write_text(text.replace("\npartnership:", "\npartnrship:", 1), encoding="utf-8")
    assert check_jsonschema(shipped_schema_path("template"), [broken]) == {broken}
    assert s11schema("lint", broken) == 1


@pytest.mark.parametrize("template", TEMPLATES)
def test_example_audits_get_the_same_verdict(template: str, tmp_path: Path) -> None:
    """check-jsonschema, with the exported audit schema (date formats checked), and
    `s11schema validate` agree on each example: finals and drafts valid, mistakes not."""
    schema = tmp_path / f"{template}.audit.schema.json"
    made = io.StringIO()
    assert main(["schema", template], out=made) == 0
    schema.write_text(made.getvalue(), encoding="utf-8")
    audits = sorted((EXAMPLES / template).glob("*.json"))
    assert {p.name for p in audits} >= {"final.json", "draft.json", "mistakes.json"}
    invalid = check_jsonschema(schema, audits)
    assert invalid == {EXAMPLES / template / "mistakes.json"}
    for audit in audits:
        expected = 1 if audit in invalid else 0
        assert s11schema("validate", "--today", TODAY, audit) == expected, audit
