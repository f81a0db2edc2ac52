"""The pages on collecting returns: their tables come from the code, their path is the
workbook first."""

from __future__ import annotations

import re

from s11schema import FormMapping
from s11schema.readers import READERS
from s11schema.readers._forms import TOOLS

from .test_docs import DOCS, fill


def test_readers_table_lists_every_reader() -> None:
    """The table of kinds of audit file has a row for each registered reader."""
    table = fill("{{ readers_table }}")
    for reader in READERS.values():
        assert f"| `{reader.name}` |" in table, reader.name
    assert "`.xlsx`" in table


def test_tools_table_lists_every_tool() -> None:
    """The mapping reference has a row for each form tool the reader knows."""
    table = fill("{{ tools_table }}")
    for name in TOOLS:
        assert f"| `{name}` |" in table, name


def test_mapping_keys_list_every_key() -> None:
    """The mapping reference lists every key of the mapping format."""
    keys = fill("{{ mapping_keys }}")
    for name in FormMapping.model_fields:
        assert f"| `{name}` |" in keys, name


def test_the_guide_and_the_tutorial_put_the_workbook_path_first() -> None:
    """Both pages show new --format xlsx, then import, then report, before anything else."""
    for page in ("collect.md", "tutorial.md"):
        text = (DOCS / page).read_text(encoding="utf-8")
        commands = re.findall(r"^s11schema (new|import|report|validate)\b.*$", text,
                              flags=re.MULTILINE)
        assert commands[:3] == ["new", "import", "report"], (page, commands[:4])
        assert "--format xlsx" in text
