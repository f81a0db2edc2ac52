"""s11schema: declarative schemas, validation and comparison for Section 11 audits.

Templates and rating scales are YAML data; this package loads and checks
them, validates completed audits, and maps every local scale onto one common
scale so that partnerships can be compared.

Public names are imported on first use, so `s11schema --version` and a
program that needs one function do not pay for the rest.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from ._version import __version__ as __version__

if TYPE_CHECKING:  # the same names, for type checkers and editors
    from .audit import new_audit
    from .compare import Comparison, compare
    from .errors import InvalidFileError, NotFoundError, S11SchemaError, UnreadableError
    from .export import Export, export
    from .findings import CATALOGUE, Finding, Report, Rule, Severity
    from .lint import LintResult, lint
    from .normalise import NormalisedAudit, normalise
    from .registry import Registry, default_registry, load_scale, load_template
    from .scales import Band, Level, NotApplicable, NumericRange, Scale, band
    from .schema import audit_schema
    from .templates import (
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
    from .validate import validate, validate_many

_WHERE: dict[str, str] = {
    **dict.fromkeys(["new_audit"], "audit"),
    **dict.fromkeys(["Comparison", "compare"], "compare"),
    **dict.fromkeys(["Export", "export"], "export"),
    **dict.fromkeys(["InvalidFileError", "NotFoundError", "S11SchemaError",
                     "UnreadableError"], "errors"),
    **dict.fromkeys(["CATALOGUE", "Finding", "Report", "Rule", "Severity"], "findings"),
    **dict.fromkeys(["LintResult", "lint"], "lint"),
    **dict.fromkeys(["NormalisedAudit", "normalise"], "normalise"),
    **dict.fromkeys(["Registry", "default_registry", "load_scale", "load_template"],
                    "registry"),
    **dict.fromkeys(["Band", "Level", "NotApplicable", "NumericRange", "Scale", "band"],
                    "scales"),
    **dict.fromkeys(["audit_schema"], "schema"),
    **dict.fromkeys(["ActionPolicy", "Detail", "Domain", "DomainList", "Policy", "Question",
                     "ResponseField", "Section", "SmartPolicy", "Standard", "Template"],
                    "templates"),
    **dict.fromkeys(["validate", "validate_many"], "validate"),
}

__all__ = [
    "CATALOGUE",
    "ActionPolicy",
    "Band",
    "Comparison",
    "Detail",
    "Domain",
    "DomainList",
    "Export",
    "Finding",
    "InvalidFileError",
    "Level",
    "LintResult",
    "NormalisedAudit",
    "NotApplicable",
    "NotFoundError",
    "NumericRange",
    "Policy",
    "Question",
    "Registry",
    "Report",
    "ResponseField",
    "Rule",
    "S11SchemaError",
    "Scale",
    "Section",
    "Severity",
    "SmartPolicy",
    "Standard",
    "Template",
    "UnreadableError",
    "__version__",
    "audit_schema",
    "band",
    "compare",
    "default_registry",
    "export",
    "lint",
    "load_scale",
    "load_template",
    "new_audit",
    "normalise",
    "validate",
    "validate_many",
]


class _Package(types.ModuleType):
    """The package module: loads public names on first use.

    Where a function shares its module's name (`validate`, `lint`, `compare`,
    `normalise`), the function is the package's attribute; the import system
    would otherwise replace it with the submodule once that is imported.
    """

    def __getattr__(self, name: str) -> Any:
        if name not in _WHERE:
            raise AttributeError(f"module 's11schema' has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
        types.ModuleType.__setattr__(self, name, value)
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and _WHERE.get(name) == name:
            return  # keep the function of the same name
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
