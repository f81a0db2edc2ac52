"""docs/contributing.md: its four worked examples run as written, and the registries they
extend are what the command line and the documentation are made from."""

from __future__ import annotations

import argparse
import json
import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

import s11schema
from s11schema import _rules, _scales, _validate
from s11schema._cli import build_parser, command_parsers
from s11schema.formats import FORMATS
from s11schema.readers import READERS

from .conftest import EXAMPLES, ROOT
from .test_docs import fill

GUIDE = ROOT / "docs" / "contributing.md"


def _examples() -> dict[str, str]:
    """Each example's code, by the module it says it is (its first comment line)."""
    blocks = re.findall(r"```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)
    return {block.splitlines()[0].removeprefix("# "): block for block in blocks}


def _load(path: str) -> types.ModuleType:
    """The example module, created inside the package where the guide says it goes."""
    name = path.removeprefix("src/").removesuffix(".py").replace("/", ".")
    module = types.ModuleType(name)
    module.__package__ = name.rsplit(".", 1)[0]
    sys.modules[name] = module
    exec(compile(_examples()[path], path, "exec"), module.__dict__)
    return module


@pytest.fixture
def clean_registries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Registrations made by a test are undone after it."""
    monkeypatch.setattr(s11schema.formats, "FORMATS", dict(FORMATS))
    monkeypatch.setattr(s11schema.readers, "READERS", dict(READERS))


def _choices(parser: argparse.ArgumentParser, option: str) -> list[str]:
    action = next(a for a in parser._actions if option in a.option_strings)
    return list(action.choices or ())


def test_the_guide_has_the_four_examples() -> None:
    """An output format, a reader, a scale kind and a rule, each one module."""
    assert set(_examples()) == {"src/s11schema/formats/_tsv.py",
                                "src/s11schema/readers/_yaml.py",
                                "src/s11schema/_scales/_choices.py",
                                "src/s11schema/_rules/coverage.py"}


def test_an_output_format_is_one_module_and_one_registration(clean_registries: None) -> None:
    """Registering the example format adds it to `validate` and `lint`, and it renders."""
    module = _load("src/s11schema/formats/_tsv.py")
    s11schema.formats.register(module.TSV)
    parsers = command_parsers(build_parser())
    for command in ("validate", "lint"):
        assert "tsv" in _choices(parsers[command], "--format")
    report = s11schema.validate(EXAMPLES / "lambeth" / "mistakes.json")
    rendered = s11schema.formats.render([report], "tsv")
    assert len(rendered.splitlines()) == len(report.findings) > 0


def test_a_reader_is_one_module_and_one_registration(clean_registries: None,
                                                      tmp_path: Path) -> None:
    """With the example reader registered, a YAML audit is validated with line numbers."""
    module = _load("src/s11schema/readers/_yaml.py")
    s11schema.readers.register(module.YamlAuditReader())
    audit = json.loads((EXAMPLES / "lambeth" / "final.json").read_text(encoding="utf-8"))
    audit["status"] = "done"
    (tmp_path / "audit.yaml").write_text(yaml.safe_dump(audit), encoding="utf-8")
    (report,) = s11schema.validate_many([tmp_path])
    (finding,) = report.errors
    assert finding.code == "audit-status"
    assert finding.line is not None


def test_a_scale_kind_is_one_module_and_one_registration(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With the example kind in KINDS, a scale file of that kind loads and normalises."""
    module = _load("src/s11schema/_scales/_choices.py")
    monkeypatch.setattr(_scales, "KINDS", (*_scales.KINDS, module.ChoiceScale))
    adapter: TypeAdapter[Any] = TypeAdapter(_scales._any_scale())
    scale = adapter.validate_python({"id": "q7", "title": "Q7", "choices": [
        {"answer": "Yes", "score": 100}, {"answer": "Partly", "score": 50},
        {"answer": "No", "score": 0}]})
    assert isinstance(scale, module.ChoiceScale)
    assert scale.codes == ("No", "Partly", "Yes")
    assert scale.normalise(scale.resolve("partly") or "") == 0.5


def test_a_rule_is_one_module_and_one_registration(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the example rule in RULES, validate reports its code, even where the template's
    plan was made before the rule was added (a plan stands in only for the rules it was
    made for)."""
    module = _load("src/s11schema/_rules/coverage.py")
    audit = json.loads((EXAMPLES / "nottinghamshire-2021" / "final.json")
                       .read_text(encoding="utf-8"))
    for standard in ("2.1", "2.2", "2.3"):
        audit["responses"][standard]["evidence"] = ""
    assert not s11schema.validate(audit).findings  # the plan is made, and proves it clean
    monkeypatch.setattr(_validate, "RULES", (*_rules.RULES, module.RULE))
    codes = {f.code for f in s11schema.validate(audit).findings}
    assert "section-without-evidence" in codes


def test_cli_choices_come_from_the_format_registry() -> None:
    """`validate --format` and `lint --format` offer exactly the registered formats."""
    parsers = command_parsers(build_parser())
    for command in ("validate", "lint"):
        assert _choices(parsers[command], "--format") == list(FORMATS)


def test_docs_tables_come_from_the_registries() -> None:
    """The guide's tables list every format, reader, scale kind and rule family."""
    page = fill(GUIDE.read_text(encoding="utf-8"))
    for name in [*FORMATS, *READERS]:
        assert f"| `{name}` |" in page, name
    for kind in _scales.KINDS:
        assert f"| `{kind.__name__}` | `{kind.kind}` |" in page
    for rule in _rules.RULES:
        assert f"| `{rule.name}` |" in page
        assert all(f"`{c.code}`" in page for c in rule.codes)
