"""The editor guide (docs/editors.md) works as written, on the tutorial's own files.

Its shell block writes the schemas into `.schemas/`; the modelines and the VS Code
settings must name those files from where they stand, and the schemas they name
must accept the tutorial's template, scale and a new audit (check-jsonschema).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from .test_docs import DOCS, tutorial_files

GUIDE = (DOCS / "editors.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", GUIDE, flags=re.MULTILINE | re.DOTALL)


def scripts() -> Path:
    return Path(sys.executable).parent


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{scripts()}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("S11SCHEMA_PATH", None)
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def check_jsonschema(schema: Path, file: Path) -> subprocess.CompletedProcess[str]:
    program = shutil.which("check-jsonschema", path=str(scripts()))
    assert program, "check-jsonschema is installed by the test extra"
    return run([program, "--schemafile", str(schema), str(file)], file.parent)


def test_editor_guide_schemas_modelines_and_settings_work(tmp_path: Path) -> None:
    """Run the guide's commands in a repository holding the tutorial's files, then follow
    every modeline, `$schema` and setting to a schema that accepts the file it serves."""
    (tmp_path / "standards").mkdir()
    (tmp_path / "scales").mkdir()
    files = tutorial_files()
    template = tmp_path / "standards" / "my-partnership-2026.yaml"
    scale = tmp_path / "scales" / "met-4.yaml"
    template.write_text(files["my-partnership-2026"], encoding="utf-8")
    scale.write_text(files["met-4"], encoding="utf-8")
    (shell,) = blocks("sh")
    made = run(["bash", "-euc", shell], tmp_path)
    assert made.returncode == 0, made.stderr

    modelines = [re.search(r"\$schema=(\S+)", b) for b in blocks("yaml")]
    targets = {m.group(1) for m in modelines if m}
    assert targets == {"../.schemas/template.schema.json", "../.schemas/scale.schema.json"}
    for path, kind in ((template, "template"), (scale, "scale")):
        schema = (path.parent / f"../.schemas/{kind}.schema.json").resolve()
        checked = check_jsonschema(schema, path)
        assert checked.returncode == 0, checked.stdout + checked.stderr

    audit_block, settings_block = (json.loads(b) for b in blocks("json"))
    audit = tmp_path / "audits" / "draft.json"
    audit.parent.mkdir()
    drafted = run(["s11schema", "new", "my-partnership-2026", "--path", "standards",
                   "--path", "scales"], tmp_path)
    assert drafted.returncode == 0, drafted.stderr
    audit.write_text(json.dumps({"$schema": audit_block["$schema"],
                                 **json.loads(drafted.stdout)}), encoding="utf-8")
    schema = (audit.parent / audit_block["$schema"]).resolve()
    assert check_jsonschema(schema, audit).returncode == 0
    validated = run(["s11schema", "validate", "--path", "standards", "--path", "scales",
                     str(audit)], tmp_path)
    assert validated.returncode == 0, validated.stdout + validated.stderr

    for schema_file, globs in settings_block["yaml.schemas"].items():
        assert (tmp_path / schema_file).is_file()
        assert any(list(tmp_path.glob(g)) for g in globs)
    (mapping,) = settings_block["json.schemas"]
    assert (tmp_path / mapping["url"]).resolve() == schema
    assert list(tmp_path.glob(mapping["fileMatch"][0])) == [audit]
    assert yaml.safe_load(template.read_text("utf-8"))["id"] == "my-partnership-2026"
