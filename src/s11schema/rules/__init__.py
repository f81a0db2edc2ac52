"""The audit rules, one module per family, run in this order.

`structure` reads `completed_on` and `responses` first because `actions`
(Realistic) and the completeness figure depend on them.
"""

from __future__ import annotations

from collections.abc import Callable

from . import actions, details, responses, structure
from ._compiled import CompiledTemplate, Context, compile_template

RULES: tuple[Callable[[Context], None], ...] = (
    structure.check,
    responses.check,
    actions.check,
    details.check,
)

__all__ = ["RULES", "CompiledTemplate", "Context", "compile_template"]
