"""s11schema: declarative schemas, validation and comparison for Section 11 audits.

Templates and rating scales are YAML data; this package loads and checks
them, validates completed audits, and maps every local scale onto one common
scale so that partnerships can be compared.
"""

from __future__ import annotations

from ._version import __version__
from .audit import new_audit
from .errors import InvalidFileError, NotFoundError, S11SchemaError, UnreadableError
from .findings import CATALOGUE, Finding, Report, Rule, Severity
from .lint import LintResult, lint
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

__all__ = [
    "CATALOGUE",
    "ActionPolicy",
    "Band",
    "Detail",
    "Domain",
    "DomainList",
    "Finding",
    "InvalidFileError",
    "Level",
    "LintResult",
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
    "default_registry",
    "lint",
    "load_scale",
    "load_template",
    "new_audit",
    "validate",
    "validate_many",
]
