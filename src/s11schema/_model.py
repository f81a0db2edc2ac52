"""Shared pieces of the YAML-backed models: base class, id types, fractions."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from fractions import Fraction
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, GetJsonSchemaHandler, StringConstraints
from pydantic.types import AllowInfNan
from pydantic_core import CoreSchema

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


@dataclass(frozen=True, eq=False)  # hashed by identity, as typing needs
class _JsonSchema:
    """A type's JSON Schema, given afresh each time: pydantic before 2.7 writes a field's
    default into the schema `WithJsonSchema` holds, and so into every later use of it."""

    schema: dict[str, Any]

    def __get_pydantic_json_schema__(self, core: CoreSchema,
                                     handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return copy.deepcopy(self.schema)


Position = Annotated[
    float,
    AllowInfNan(False),
    BeforeValidator(_parse_fraction),
    _JsonSchema({"anyOf": [
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
