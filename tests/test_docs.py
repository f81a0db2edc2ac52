"""The documentation: the generated reference covers the code, the site builds, the tutorial works.

The reference pages are filled by docs/_hooks.py from the code; these tests
load that hook as mkdocs does and check that nothing the code defines is left
out. The tutorial's YAML is run through the real command line, so a newcomer
who copies it succeeds.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from s11schema import CATALOGUE
from s11schema._cli import build_parser, command_parsers

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TUTORIAL = DOCS / "tutorial.md"


@functools.cache
def _hook_fill() -> Callable[[str], str]:
    """docs/_hooks.py's `fill`, imported by path as mkdocs imports the hook."""
    spec = importlib.util.spec_from_file_location("s11schema_docs_hooks", DOCS / "_hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    hook: Callable[[str], str] = module.fill
    return hook


def fill(markdown: str) -> str:
    """Markdown with its placeholders filled, as the docs build fills them."""
    return _hook_fill()(markdown)


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The real command line."""
    return subprocess.run([sys.executable, "-m", "s11schema", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          cwd=cwd, check=False)


def read_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def cli_sections(reference: str) -> dict[str, str]:
    """The CLI reference split into one block of text per subcommand heading."""
    parts = re.split(r"^## `s11schema ([a-z-]+)`$", reference, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def nav_pages(nav: Any) -> Iterator[str]:
    """Every page named in an mkdocs nav, however deeply nested."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_pages(value)


# ------------------------------------------------------------ generated reference


def test_rules_table_lists_every_code() -> None:
    """The rule-code table has a row for every code in the catalogue, with its severity."""
    table = fill("{{ rules_table }}")
    for code, rule in CATALOGUE.items():
        assert f"| `{code}` | {rule.severity} |" in table, code


def test_cli_reference_lists_every_command() -> None:
    """The CLI reference has a section for every subcommand the parser has."""
    sections = cli_sections(fill("{{ cli_reference }}"))
    commands = command_parsers(build_parser())
    assert commands, "the parser has no subcommands"
    assert set(sections) == set(commands)


def test_cli_reference_lists_every_option() -> None:
    """Each subcommand's section shows every option string that subcommand accepts."""
    sections = cli_sections(fill("{{ cli_reference }}"))
    for name, parser in command_parsers(build_parser()).items():
        options = [option for action in parser._actions for option in action.option_strings]
        assert "--path" in options
        for option in options:
            assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", sections[name]), \
                f"s11schema {name} {option}"


def test_domains_table_lists_every_domain() -> None:
    """The domains table has a row for every domain id in standards/domains.yaml."""
    table = fill("{{ domains_table }}")
    ids = [domain["id"] for domain in read_yaml(ROOT / "standards" / "domains.yaml")["domains"]]
    assert ids
    for domain_id in ids:
        assert f"| `{domain_id}` |" in table, domain_id


def test_scales_tables_list_every_bundled_scale() -> None:
    """The scales page has a table for every scale file in scales/."""
    tables = fill("{{ scales_tables }}")
    ids = [read_yaml(path)["id"] for path in sorted((ROOT / "scales").glob("*.yaml"))]
    assert {"rag", "brag", "lambeth-5", "ofsted-4", "yes-no", "common"} <= set(ids)
    for scale_id in ids:
        assert f"### `{scale_id}`:" in tables, scale_id


def test_every_placeholder_in_the_docs_is_filled() -> None:
    """No docs page keeps a {{ ... }} placeholder the hook does not know.

    `${{ ... }}` is a GitHub Actions expression in a workflow example, not ours.
    """
    for page in sorted(DOCS.rglob("*.md")):
        left = re.findall(r"(?<!\$)\{\{.*?\}\}", fill(page.read_text(encoding="utf-8")))
        assert not left, f"{page.relative_to(ROOT)}: {left}"


def test_every_nav_page_exists() -> None:
    """Every page named in mkdocs.yml's nav is a file in docs/."""
    pages = list(nav_pages(read_yaml(ROOT / "mkdocs.yml")["nav"]))
    assert "examples.md" in pages
    missing = [page for page in pages if not (DOCS / page).is_file()]
    assert not missing


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    """`mkdocs build --strict` succeeds: no broken links, snippets or nav entries."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        capture_output=True, text=True, encoding="utf-8", timeout=300, cwd=ROOT, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "examples" / "index.html").is_file()


# ------------------------------------------------------------ tutorial


def tutorial_files() -> dict[str, str]:
    """The tutorial's YAML blocks that have an `id:`, by id."""
    text = TUTORIAL.read_text(encoding="utf-8")
    files = {}
    for block in re.findall(r"^```yaml\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL):
        match = re.search(r"^id:\s*[\"']?([\w.-]+)[\"']?\s*$", block, flags=re.MULTILINE)
        if match:
            files[match.group(1)] = block
    return files


@pytest.fixture
def tutorial_folder(tmp_path: Path) -> Path:
    """The tutorial's my-partnership/ folder, written as a newcomer would write it."""
    folder = tmp_path / "my-partnership"
    folder.mkdir()
    for file_id, block in tutorial_files().items():
        (folder / f"{file_id}.yaml").write_text(block, encoding="utf-8")
    return folder


def test_tutorial_has_a_scale_and_a_template() -> None:
    """The tutorial gives the scale met-4 and the template my-partnership-2026."""
    assert set(tutorial_files()) == {"met-4", "my-partnership-2026"}


def test_tutorial_yaml_passes_lint(tutorial_folder: Path) -> None:
    """`s11schema lint --path DIR DIR` accepts the tutorial's files (exit 0, no findings)."""
    result = run("lint", "--path", tutorial_folder, tutorial_folder, cwd=tutorial_folder.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("2 files, 0 errors")


def test_tutorial_template_gives_a_valid_draft(tutorial_folder: Path) -> None:
    """`new` then `validate` on the tutorial's template both succeed, as step 5 says."""
    cwd = tutorial_folder.parent
    made = run("new", "--path", tutorial_folder, "my-partnership-2026", "-o", "draft.json",
               cwd=cwd)
    assert made.returncode == 0, made.stderr
    checked = run("validate", "--path", tutorial_folder, "draft.json", cwd=cwd)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == ""


def test_tutorial_template_shows(tutorial_folder: Path) -> None:
    """`s11schema show` lists the tutorial template's standards, 1.10 kept as text."""
    result = run("show", "--path", tutorial_folder, "my-partnership-2026",
                 cwd=tutorial_folder.parent)
    assert result.returncode == 0, result.stderr
    assert "1.10" in result.stdout
