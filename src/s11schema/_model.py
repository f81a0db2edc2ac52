"""Shared pieces of the YAML-backed models: base class, id types, fractions."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints, WithJsonSchema
from pydantic.types import AllowInfNan

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Ident = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Slug = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=100),
]
#: Longer than any fraction a person writes: `1/3`, `2 / 3`, `5/12`.
_LONGEST_FRACTION = 24


def _parse_fraction(value: object) -> object:
    """Let staff write `1/3` and `2/3` for positions on the common scale."""
    if isinstance(value, str) and "/" in value and len(value) <= _LONGEST_FRACTION:
        try:
            return float(Fraction(value.replace(" ", "")))
        except (ValueError, ZeroDivisionError, OverflowError):
            return value
    return value


Position = Annotated[
    float,
    AllowInfNan(False),
    BeforeValidator(_parse_fraction),
    WithJsonSchema({"anyOf": [
        {"type": "number", "minimum": 0, "maximum": 1},
        {"type": "string", "pattern": "^\\s*[0-9]+\\s*/\\s*[0-9]+\\s*$"},
    ], "description": "position on the common scale: 0 to 1, or a fraction such as 2/3"}),
]


class Model(BaseModel):
    """Base of the file formats: unknown keys are errors, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def show_position(value: float) -> str:
    """1/3 rather than 0.3333333333333333, for people."""
    fraction = Fraction(value).limit_denominator(12)
    if abs(float(fraction) - value) < 1e-9 and fraction.denominator != 1:
        return f"{fraction.numerator}/{fraction.denominator}"
    return f"{value:g}"
