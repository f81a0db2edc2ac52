"""s11schema: declarative schemas, validation and comparison for Section 11 audits.

Templates and rating scales are YAML data; this package loads and checks
them, validates completed audits, and maps every local scale onto one common
scale so that partnerships can be compared.

Every public name is listed in `__all__` and importable from here; the
modules behind them are private. Names are imported on first use (PEP 562),
so `s11schema --version` and a program that needs one function do not pay
for the rest. Sub-namespaces: `s11schema.formats` (output formats),
`s11schema.readers` (kinds of audit file) and `s11schema.testing` (audit
generators and hypothesis strategies).
"""

from __future__ import annotations

import importlib
import types
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:  # the same names, for type checkers and editors
    from ._audit import new_audit
    from ._board import BoardAction, BoardReport, FollowUp, board_report, read_expected
    from ._carry import carry_forward
    from ._catalogue import CATALOGUE
    from ._change import Change, CycleComparison, compare_cycles
    from ._collect import Collection, Excluded, collect
    from ._compare import Aggregate, Comparison, compare
    from ._crosswalk import Crosswalk
    from ._cycles import Cycle, parse_cycle
    from ._errors import (
        InvalidFileError,
        MissingExtraError,
        NotFoundError,
        S11SchemaError,
        UnreadableError,
    )
    from ._export import Export, export
    from ._files import SettingError
    from ._findings import Code, Finding, Severity
    from ._import import Imported, import_returns
    from ._lint import LintResult, lint
    from ._many import validate_many
    from ._mapping import FormMapping, MappedColumn, load_mapping
    from ._normalise import Mean, NormalisedAudit, PlannedAction, Score, normalise
    from ._project import CarryReport
    from ._registry import Registry, default_registry, load_scale, load_template
    from ._results import CheckedAudit, Report
    from ._scales import (
        Band,
        Level,
        LevelScale,
        NotApplicable,
        NumericRange,
        RangeScale,
        Scale,
        band,
    )
    from ._schema import audit_schema, format_schema
    from ._templates import (
        ActionPolicy,
        Detail,
        Domain,
        DomainList,
        Policy,
        Question,
        ResponseField,
        Section,
        SmartPolicy,
        Standard,
        Template,
    )
    from ._timescales import Timescale, parse_timescale
    from ._translate import translate
    from ._validate import validate
    from ._workbook import new_workbook
    from ._writing import WriteError

#: Each public name, and the private module that defines it.
_WHERE: dict[str, str] = {
    name: module
    for module, names in {
        "_audit": ["new_audit"],
        "_board": ["BoardAction", "BoardReport", "FollowUp", "board_report", "read_expected"],
        "_carry": ["carry_forward"],
        "_catalogue": ["CATALOGUE"],
        "_change": ["Change", "CycleComparison", "compare_cycles"],
        "_collect": ["Collection", "Excluded", "collect"],
        "_compare": ["Aggregate", "Comparison", "compare"],
        "_crosswalk": ["Crosswalk"],
        "_cycles": ["Cycle", "parse_cycle"],
        "_errors": ["InvalidFileError", "MissingExtraError", "NotFoundError", "S11SchemaError",
                    "UnreadableError"],
        "_export": ["Export", "export"],
        "_files": ["SettingError"],
        "_findings": ["Code", "Finding", "Severity"],
        "_import": ["Imported", "import_returns"],
        "_lint": ["LintResult", "lint"],
        "_many": ["validate_many"],
        "_mapping": ["FormMapping", "MappedColumn", "load_mapping"],
        "_normalise": ["Mean", "NormalisedAudit", "PlannedAction", "Score", "normalise"],
        "_project": ["CarryReport"],
        "_registry": ["Registry", "default_registry", "load_scale", "load_template"],
        "_scales": ["Band", "Level", "LevelScale", "NotApplicable", "NumericRange",
                    "RangeScale", "Scale", "band"],
        "_schema": ["audit_schema", "format_schema"],
        "_templates": ["ActionPolicy", "Detail", "Domain", "DomainList", "Policy", "Question",
                       "ResponseField", "Section", "SmartPolicy", "Standard", "Template"],
        "_timescales": ["Timescale", "parse_timescale"],
        "_translate": ["translate"],
        "_results": ["CheckedAudit", "Report"],
        "_validate": ["validate"],
        "_workbook": ["new_workbook"],
        "_writing": ["WriteError"],
    }.items()
    for name in names
}
_SUBMODULES = ("formats", "readers", "testing")

__all__ = [
    "CATALOGUE",
    "ActionPolicy",
    "Aggregate",
    "Band",
    "BoardAction",
    "BoardReport",
    "CarryReport",
    "Change",
    "CheckedAudit",
    "Code",
    "Collection",
    "Comparison",
    "Crosswalk",
    "Cycle",
    "CycleComparison",
    "Detail",
    "Domain",
    "DomainList",
    "Excluded",
    "Export",
    "Finding",
    "FollowUp",
    "FormMapping",
    "Imported",
    "InvalidFileError",
    "Level",
    "LevelScale",
    "LintResult",
    "MappedColumn",
    "Mean",
    "MissingExtraError",
    "NormalisedAudit",
    "NotApplicable",
    "NotFoundError",
    "NumericRange",
    "PlannedAction",
    "Policy",
    "Question",
    "RangeScale",
    "Registry",
    "Report",
    "ResponseField",
    "S11SchemaError",
    "Scale",
    "Score",
    "Section",
    "SettingError",
    "Severity",
    "SmartPolicy",
    "Standard",
    "Template",
    "Timescale",
    "UnreadableError",
    "WriteError",
    "__version__",
    "audit_schema",
    "band",
    "board_report",
    "carry_forward",
    "collect",
    "compare",
    "compare_cycles",
    "default_registry",
    "export",
    "format_schema",
    "import_returns",
    "lint",
    "load_mapping",
    "load_scale",
    "load_template",
    "new_audit",
    "new_workbook",
    "normalise",
    "parse_cycle",
    "parse_timescale",
    "read_expected",
    "translate",
    "validate",
    "validate_many",
]


def __getattr__(name: str) -> Any:
    """Import a public name on first use, and present it as the package's own."""
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    if name not in _WHERE:
        raise AttributeError(f"module 's11schema' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    if isinstance(value, (type, types.FunctionType)) and value.__module__.startswith("s11schema."):
        value.__module__ = "s11schema"
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*__all__, *_SUBMODULES])
