"""The crosswalk format page (docs/reference/crosswalk-format.md) works as written: its
examples lint clean, and a return translated through the second one validates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from s11schema import Registry, lint, translate, validate

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "reference" / "crosswalk-format.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```yaml\n(.*?)^```", PAGE, re.M | re.S)
BUNDLED = Registry(environment=False)


def test_the_first_example_is_the_tested_crosswalk_file() -> None:
    """The page shows the test suite's own crosswalk file (a snippet of it), which lints
    clean beside the template it maps onto."""
    (included,) = re.findall(r'^--8<-- "(.+?)"$', BLOCKS[0], re.M)
    path = ROOT / included
    assert path.is_file()
    result = lint([path], registry=Registry([path.parent.parent], environment=False))
    assert [str(f) for f in result.findings] == []


def test_the_second_example_lints_and_translates(tmp_path: Path) -> None:
    """Lambeth onto Buckinghamshire: lint finds nothing; Lambeth's example return goes
    through it as a draft with no error, listed standards by their entry and the two
    unlisted ones by domain."""
    path = tmp_path / "lambeth-to-buckinghamshire.yaml"
    path.write_text(BLOCKS[1], encoding="utf-8")
    assert [str(f) for f in lint([path], registry=BUNDLED).findings] == []
    listed = yaml.safe_load(BLOCKS[1])["standards"]
    audit = ROOT / "examples" / "lambeth" / "final.json"
    draft, report = translate(audit, "buckinghamshire-2016", crosswalk=path, registry=BUNDLED)
    assert validate(draft, registry=BUNDLED).errors == ()
    assert set(report.by_domain) == {"6", "8"}
    for target_id in ("1", "2", "5", "7"):
        expected = [s for s, t in listed.items() if t == target_id]
        assert draft["responses"][target_id]["carried"]["standards"] == expected
    working_well = json.loads(audit.read_text("utf-8"))["responses"]["1"]["working_well"]
    assert draft["responses"]["1"]["evidence"] == f"[1] {working_well}"
