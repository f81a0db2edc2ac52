"""The catalogue of finding codes, gathered from the modules that declare them.

Each code is declared beside the check that reports it; this module only lists
those modules, so the documentation's table, SARIF's rule list and the JSON
Schema's lists of structural codes cannot drift from what the checks report.
"""

from __future__ import annotations

from . import _audit, _files, _findings, _import, _json, _loader, _parse_errors, _validate, _yaml
from ._findings import Code
from ._lint import CODES as _LINT_CODES
from ._rules import CODES as _RULE_CODES
from ._scales import CODES as _SCALE_CODES

#: Every code, in the order of the documentation: reading files, templates and scales, audits.
CODES: tuple[Code, ...] = (
    *_files.CODES, *_parse_errors.CODES, *_json.CODES, *_yaml.CODES, *_audit.CODES,
    *_loader.CODES, *_LINT_CODES, *_SCALE_CODES, *_validate.CODES, *_RULE_CODES,
    *_import.CODES, _findings.FINDINGS_OMITTED,
)
CATALOGUE: dict[str, Code] = {c.code: c for c in CODES}
#: Audit codes the exported JSON Schema of audits also enforces (the structural faults).
STRUCTURAL: frozenset[str] = frozenset(c.code for c in CODES if c.in_schema)
#: Audit codes beyond JSON Schema: only `s11schema validate` checks them.
BEYOND_SCHEMA: frozenset[str] = frozenset(
    c.code for c in (*_validate.CODES, *_RULE_CODES) if not c.in_schema)


def rule(code: str) -> Code:
    """The catalogue entry for `code`; a KeyError here is a bug in s11schema."""
    return CATALOGUE[code]
