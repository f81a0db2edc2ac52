"""A scale of whole numbers from `worst` to `best`: a 0 to 100 percentage needs no 101 levels."""

from __future__ import annotations

import itertools
from functools import cached_property
from typing import Annotated, ClassVar

from pydantic import Field, model_validator

from .._model import Model, Position, Text
from ._base import Level, Scale

#: The most values a range may have: enough for a percentage, small enough to list.
MAX_VALUES = 1001
#: Numbers beyond this are not ratings anyone writes.
_LARGEST = 10**6


class NumericRange(Model):
    """Whole numbers from `worst` to `best` in steps; `best` may be the smaller."""

    worst: Annotated[int, Field(ge=-_LARGEST, le=_LARGEST)]
    best: Annotated[int, Field(ge=-_LARGEST, le=_LARGEST)]
    step: Annotated[int, Field(gt=0, le=_LARGEST)] = 1
    #: Positions on the common scale at some values; linear between them.
    #: Defaults to worst -> 0 and best -> 1.
    normalised: dict[Annotated[int, Field(ge=-_LARGEST, le=_LARGEST)], Position] | None = None
    labels: dict[int, Text] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _reasonable(self) -> NumericRange:
        if self.worst == self.best:
            raise ValueError("'worst' and 'best' are the same number; a scale needs two ends")
        if (self.best - self.worst) % self.step:
            raise ValueError(f"steps of {self.step} from {self.worst} never reach {self.best}; "
                             "choose a step that divides the range")
        count = abs(self.best - self.worst) // self.step + 1
        if count > MAX_VALUES:
            raise ValueError(f"the range has {count:,} values, more than the {MAX_VALUES:,} "
                             "allowed; choose a larger step")
        return self

    def values(self) -> list[int]:
        direction = 1 if self.best >= self.worst else -1
        return list(range(self.worst, self.best + direction, direction * self.step))


class RangeScale(Scale):
    """A numeric scale, each value placed on the common scale by interpolation."""

    kind: ClassVar[str] = "range"
    summary: ClassVar[str] = ("whole numbers from `worst` to `best` in steps, placed on the "
                              "common scale linearly between the points `normalised` gives")

    range: NumericRange

    @cached_property
    def all_levels(self) -> tuple[Level, ...]:
        spec = self.range
        return tuple(
            Level(code=str(value), label=spec.labels.get(value, str(value)),
                  normalised=_interpolate(spec, value))
            for value in spec.values()
        )

    def describe_codes(self, *, allow_na: bool = True) -> str:
        codes = self.valid_codes(allow_na=allow_na)
        if len(codes) <= 12:
            return ", ".join(codes)
        spec = self.range
        text = f"whole numbers {spec.worst} to {spec.best} in steps of {spec.step}"
        return text + (f", or {self.not_applicable.code}"
                       if allow_na and self.not_applicable else "")


def _interpolate(spec: NumericRange, value: int) -> float:
    points = sorted((spec.normalised or {spec.worst: 0.0, spec.best: 1.0}).items(),
                    key=lambda item: item[0] if spec.best >= spec.worst else -item[0])
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        low, high = sorted((x0, x1))
        if low <= value <= high:
            return y0 if x1 == x0 else y0 + (y1 - y0) * (value - x0) / (x1 - x0)
    first, last = points[0], points[-1]
    return first[1] if abs(value - first[0]) <= abs(value - last[0]) else last[1]
