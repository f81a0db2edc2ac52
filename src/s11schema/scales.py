"""Rating scales and their place on the common normalised scale.

Every scale maps each of its levels onto [0, 1], whose anchors are fixed:
0 nothing in place, 1/3 partly in place, 2/3 in place and meeting
requirements, 1 fully embedded and beyond requirements. A scale is either a
list of levels (worst first) or a numeric `range`, so a 0 to 100 percentage
needs no hundred hand-written levels.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterator
from functools import cached_property
from typing import Annotated

from pydantic import Field, model_validator

from ._model import Ident, Model, Position, Slug, Text

#: The common scale's anchors, in order, with the band each one names.
ANCHORS: tuple[tuple[float, str], ...] = (
    (0.0, "inadequate"),
    (1 / 3, "requires-improvement"),
    (2 / 3, "good"),
    (1.0, "outstanding"),
)


class Band(str, enum.Enum):
    """The four bands of the common scale, by nearest anchor."""

    INADEQUATE = "inadequate"
    REQUIRES_IMPROVEMENT = "requires-improvement"
    GOOD = "good"
    OUTSTANDING = "outstanding"

    def __str__(self) -> str:
        return self.value


def band(value: float) -> Band:
    """The band of the nearest anchor; a tie goes to the lower band (cautious)."""
    best = min(ANCHORS, key=lambda anchor: (round(abs(anchor[0] - value), 9), anchor[0]))
    return Band(best[1])


class Level(Model):
    """One point of a scale, as an audit writes it."""

    code: Ident
    label: Text
    description: str | None = None
    aliases: tuple[Ident, ...] = ()
    normalised: Position | None = None


class NotApplicable(Model):
    """The scale's "not applicable" option; it is never scored."""

    code: Ident = "n/a"
    label: Text = "Not applicable"
    aliases: tuple[Ident, ...] = ()
    reason_required: bool = False


class NumericRange(Model):
    """A scale of numbers from `worst` to `best` in steps; `best` may be the smaller."""

    worst: int
    best: int
    step: Annotated[int, Field(gt=0)] = 1
    #: Positions on the common scale at some values; linear between them.
    #: Defaults to worst -> 0 and best -> 1.
    normalised: dict[int, Position] | None = None
    labels: dict[int, Text] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _step_lands_on_best(self) -> NumericRange:
        if (self.best - self.worst) % self.step:
            raise ValueError(f"steps of {self.step} from {self.worst} never reach {self.best}; "
                             "choose a step that divides the range")
        return self

    def values(self) -> list[int]:
        direction = 1 if self.best >= self.worst else -1
        return list(range(self.worst, self.best + direction, direction * self.step))


class Scale(Model):
    """A rating scale: its levels from worst to best, and an optional N/A."""

    id: Slug
    title: Text
    source: str | None = None
    description: str | None = None
    levels: tuple[Level, ...] = ()
    range: NumericRange | None = None
    not_applicable: NotApplicable | None = None

    @model_validator(mode="after")
    def _levels_or_range(self) -> Scale:
        if bool(self.levels) == bool(self.range):
            raise ValueError("give either 'levels' (a list, worst first) or 'range', not both")
        return self

    @cached_property
    def all_levels(self) -> tuple[Level, ...]:
        """The levels, with a numeric range spelled out one level per value."""
        if self.range is None:
            return self.levels
        spec = self.range
        return tuple(
            Level(code=str(value), label=spec.labels.get(value, str(value)),
                  normalised=_interpolate(spec, value))
            for value in spec.values()
        )

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(level.code for level in self.all_levels)

    @cached_property
    def positions(self) -> dict[str, float]:
        """Each code's place on the common scale; evenly spread if none is declared."""
        levels = self.all_levels
        declared = [level.normalised for level in levels]
        if all(value is not None for value in declared):
            return {level.code: float(value) for level, value in zip(levels, declared, strict=True)}  # type: ignore[arg-type]
        last = max(len(levels) - 1, 1)
        return {level.code: index / last for index, level in enumerate(levels)}

    @property
    def positions_declared(self) -> bool:
        return self.range is not None or any(lv.normalised is not None for lv in self.levels)

    @cached_property
    def _lookup(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for level in self.all_levels:
            for name in (level.code, *level.aliases):
                table.setdefault(name.strip().casefold(), level.code)
        if self.not_applicable:
            for name in (self.not_applicable.code, *self.not_applicable.aliases):
                table.setdefault(name.strip().casefold(), self.not_applicable.code)
        return table

    def resolve(self, rating: object) -> str | None:
        """The canonical code for a rating (code or alias, any case), or None.

        A whole number counts as its text, so `3` and `"3"` are the same rating.
        """
        if isinstance(rating, bool):
            return None
        if isinstance(rating, int):
            if abs(rating) > 10**12:  # no scale has such a code; str() of it may even fail
                return None
            rating = str(rating)
        if not isinstance(rating, str):
            return None
        return self._lookup.get(rating.strip().casefold())

    def is_not_applicable(self, code: str) -> bool:
        return self.not_applicable is not None and code == self.not_applicable.code

    def valid_codes(self, *, allow_na: bool = True) -> list[str]:
        codes = list(self.codes)
        if allow_na and self.not_applicable:
            codes.append(self.not_applicable.code)
        return codes

    def describe_codes(self, *, allow_na: bool = True) -> str:
        """The valid codes for a message, shortened for long numeric ranges."""
        codes = self.valid_codes(allow_na=allow_na)
        if self.range is not None and len(codes) > 12:
            spec = self.range
            text = f"whole numbers {spec.worst} to {spec.best} in steps of {spec.step}"
            return text + (f", or {self.not_applicable.code}"
                           if allow_na and self.not_applicable else "")
        return ", ".join(codes)

    def normalise(self, code: str) -> float | None:
        """The common-scale value of a canonical code; None for N/A."""
        return self.positions.get(code)


def _interpolate(spec: NumericRange, value: int) -> float:
    points = sorted((spec.normalised or {spec.worst: 0.0, spec.best: 1.0}).items(),
                    key=lambda item: item[0] if spec.best >= spec.worst else -item[0])
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        low, high = sorted((x0, x1))
        if low <= value <= high:
            return y0 if x1 == x0 else y0 + (y1 - y0) * (value - x0) / (x1 - x0)
    first, last = points[0], points[-1]
    return first[1] if abs(value - first[0]) <= abs(value - last[0]) else last[1]


def mapping_problems(scale: Scale) -> Iterator[tuple[int | None, str, str]]:
    """Yield (level index, code, message) for each position that breaks the anchors."""
    levels = scale.all_levels
    previous: tuple[str, float] | None = None
    for index, level in enumerate(levels):
        value = scale.positions[level.code]
        where = index if scale.range is None else None
        if not 0.0 <= value <= 1.0:
            yield where, "scale-out-of-range", (
                f"level '{level.code}' is at {value:g}, outside the common scale [0, 1]")
        if previous and value < previous[1] - 1e-12:
            yield where, "scale-not-monotonic", (
                f"level '{level.code}' ({value:.2f}) maps lower than the worse level "
                f"'{previous[0]}' ({previous[1]:.2f}); levels go from worst to best")
        previous = (level.code, value)
