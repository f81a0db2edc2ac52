"""Every public function called as a user would, with `pathlib.Path` arguments.

mypy --strict checks this file in CI (`files` in pyproject.toml covers tests/), so a
signature that refuses `Path` or `list[Path]` fails the build; the test suite runs it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import s11schema
from s11schema.testing import generate_audit

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ROOT = EXAMPLES.parent


def use_everything(folder: Path) -> int:
    """Call each public function once; return how many audits the comparison included."""
    registry: s11schema.Registry = s11schema.default_registry()
    template: s11schema.Template = s11schema.load_template(ROOT / "standards" / "lambeth.yaml")
    scale: s11schema.Scale = s11schema.load_scale(ROOT / "scales" / "rag.yaml")
    audits: list[Path] = [EXAMPLES / "lambeth" / "final.json",
                          EXAMPLES / "nottinghamshire-2021" / "final.json"]
    report: s11schema.Report = s11schema.validate(audits[0], registry=registry)
    reports: list[s11schema.Report] = list(s11schema.validate_many(audits, registry=registry))
    normalised: s11schema.NormalisedAudit = s11schema.normalise(audits[0])
    from_report = s11schema.normalise(report)
    collection: s11schema.Collection = s11schema.collect([folder, *audits])
    comparison: s11schema.Comparison = s11schema.compare(audits, by="domain")
    table: s11schema.Export = s11schema.export(audits, table="actions")
    board: s11schema.BoardReport = s11schema.board_report(audits, today=date(2026, 1, 1))
    expected = folder / "expected.txt"
    expected.write_text("Rushcliffe Borough Council\n", encoding="utf-8")
    names: tuple[str, ...] = s11schema.read_expected(expected)
    result: s11schema.LintResult = s11schema.lint([ROOT / "scales"])
    schema = s11schema.audit_schema(template)
    formats = s11schema.format_schema("scale")
    draft = s11schema.new_audit("lambeth")
    due: s11schema.Timescale | None = s11schema.parse_timescale("Q3 2021/22")
    band: s11schema.Band = s11schema.band(scale.positions["green"])
    generated = generate_audit(template, random.Random(1))
    cycles = [EXAMPLES / "lambeth" / "previous-cycle.json", audits[0]]
    change: s11schema.CycleComparison = s11schema.compare_cycles(cycles, since="2023/24",
                                                                 until="2025/26")
    rows: tuple[s11schema.Change, ...] = change.rows
    cycle: s11schema.Cycle | None = s11schema.parse_cycle("2023/24")
    since = s11schema.board_report(cycles, today=date(2026, 1, 1), since="2023/24")
    follow_ups: Sequence[s11schema.FollowUp] = since.follow_ups
    carried: tuple[dict[str, object], s11schema.CarryReport] = s11schema.carry_forward(
        EXAMPLES / "nottinghamshire-2021" / "rushcliffe-2021.json", "nottinghamshire-2021")
    crosswalk: s11schema.Crosswalk = s11schema.Crosswalk.between(
        template, s11schema.load_template("buckinghamshire-2016"))
    walk_file = folder / "lambeth-to-bucks.yaml"
    walk_file.write_text('from: lambeth\nto: buckinghamshire-2016\nstandards:\n  "1": "1"\n',
                         encoding="utf-8")
    translated, translation = s11schema.translate(audits[0], "buckinghamshire-2016",
                                                  crosswalk=walk_file)
    checks = [bool(rows), cycle is not None, bool(follow_ups),
              report.ok, all(r.ok for r in reports), result.ok, normalised == from_report,
              bool(collection.included), bool(table.rows), bool(board.html()), bool(names),
              due is not None, schema["type"] == "object", "$defs" in formats, bool(draft),
              band is s11schema.Band.GOOD, bool(generated), bool(carried[1].carried),
              crosswalk.origin == "shared domains", translation.carried == ("1",),
              translated["status"] == "draft", scale.nearest(0.5) == "amber"]
    assert all(checks), checks
    return len(comparison.included)
