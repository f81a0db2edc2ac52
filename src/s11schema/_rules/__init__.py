"""The audit rules, one module per family, run in this order.

`structure` reads `completed_on` and `responses` first because `actions`
(Realistic) and the completeness figure depend on them.
"""

from __future__ import annotations

from . import _base, actions, carried, details, responses, structure
from ._base import CompiledTemplate, Context, Rule, compile_template

RULES: tuple[Rule, ...] = (structure.RULE, responses.RULE, actions.RULE, details.RULE,
                           carried.RULE)
CODES = (*_base.SHARED_CODES, *(code for rule in RULES for code in rule.codes))

__all__ = ["CODES", "RULES", "CompiledTemplate", "Context", "Rule", "compile_template"]
