"""What every kind of rating scale shares: levels, N/A, and a place on the common scale.

Every scale maps each of its levels onto [0, 1], whose anchors are fixed:
0 nothing in place, 1/3 partly in place, 2/3 in place and meeting
requirements, 1 fully embedded and beyond requirements. A kind of scale
(a list of levels, a numeric range, ...) says how its levels are written;
everything else (codes, aliases, N/A, positions, bands) is common.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from functools import cached_property
from typing import ClassVar

from .._findings import Code, Finding, code
from .._model import Ident, Model, Position, Slug, Text, show_position
from .._plain import code_in
from .._text import Path
from .._yaml import Located, YamlDocument

#: The common scale's anchors, in order, with the band each one names.
ANCHORS: tuple[tuple[float, str], ...] = (
    (0.0, "inadequate"),
    (1 / 3, "requires-improvement"),
    (2 / 3, "good"),
    (1.0, "outstanding"),
)

SCALE_NOT_MONOTONIC = code(
    "scale-not-monotonic", "error", "scales",
    "A better level maps lower on the common scale than a worse one.",
    "s.yaml:14:17: error scale-not-monotonic: level 'green' (0.33) maps lower than the worse "
    "level 'amber' (0.67); levels go from worst to best")
SCALE_OUT_OF_RANGE = code(
    "scale-out-of-range", "error", "scales", "A position on the common scale is outside 0 to 1.",
    "s.yaml:9:17: error scale-out-of-range: level 'green' is at 1.5, outside the common scale "
    "[0, 1]")
CODES: tuple[Code, ...] = (SCALE_NOT_MONOTONIC, SCALE_OUT_OF_RANGE)


class Band(str, enum.Enum):
    """The four bands of the common scale, by nearest anchor."""

    INADEQUATE = "inadequate"
    REQUIRES_IMPROVEMENT = "requires-improvement"
    GOOD = "good"
    OUTSTANDING = "outstanding"

    def __str__(self) -> str:
        return self.value


_BANDS = tuple(Band(name) for _, name in ANCHORS)
_MIDPOINTS = tuple((ANCHORS[i][0] + ANCHORS[i + 1][0]) / 2 for i in range(len(ANCHORS) - 1))


def band(value: float) -> Band:
    """The band of the nearest anchor; a tie goes to the lower band (cautious)."""
    for index, midpoint in enumerate(_MIDPOINTS):
        if value <= midpoint + 1e-9:
            return _BANDS[index]
    return _BANDS[-1]


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
    description: str | None = None
    aliases: tuple[Ident, ...] = ()
    reason_required: bool = False


class Scale(Model):
    """A rating scale: its levels from worst to best, and an optional N/A.

    Each kind of scale is a subclass, found in YAML by its `kind` key.
    """

    #: The key that marks this kind in a scale file (`levels`, `range`).
    kind: ClassVar[str] = ""
    #: One line for the documentation's table of kinds.
    summary: ClassVar[str] = ""

    id: Slug
    title: Text
    source: str | None = None
    description: str | None = None
    not_applicable: NotApplicable | None = None
    #: False for answers that are not scores (yes/no): reported as shares, not in means.
    scored: bool = True

    @cached_property
    def all_levels(self) -> tuple[Level, ...]:
        """Every level, worst first, with its position where the file declares one."""
        raise NotImplementedError

    def level_path(self, index: int) -> Path:
        """Where level `index` is written in the scale's file, for findings."""
        return ()

    def kind_findings(self, sink: Located) -> None:
        """Checks only this kind needs (reported into `sink`)."""

    def describe_codes(self, *, allow_na: bool = True) -> str:
        """The valid codes for a message."""
        return ", ".join(self.valid_codes(allow_na=allow_na))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(level.code for level in self.all_levels)

    @cached_property
    def positions(self) -> dict[str, float]:
        """Each code's place on the common scale; evenly spread if none is declared."""
        levels = self.all_levels
        if all(level.normalised is not None for level in levels):
            return {level.code: float(level.normalised or 0.0) for level in levels}
        last = max(len(levels) - 1, 1)
        return {level.code: index / last for index, level in enumerate(levels)}

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
        return code_in(self._lookup, rating)

    def names(self, *, allow_na: bool = True) -> list[str]:
        """Every code and alias an audit may write, N/A's included where allowed."""
        names = [name for level in self.all_levels for name in (level.code, *level.aliases)]
        if allow_na and self.not_applicable:
            names += [self.not_applicable.code, *self.not_applicable.aliases]
        return names

    def label_of(self, code: str) -> str:
        """The label people read for a canonical code."""
        if self.not_applicable and code == self.not_applicable.code:
            return self.not_applicable.label
        return next((lv.label for lv in self.all_levels if lv.code == code), code)

    def is_not_applicable(self, code: str) -> bool:
        return self.not_applicable is not None and code == self.not_applicable.code

    def valid_codes(self, *, allow_na: bool = True) -> list[str]:
        codes = list(self.codes)
        if allow_na and self.not_applicable:
            codes.append(self.not_applicable.code)
        return codes

    def normalise(self, code: str) -> float | None:
        """The common-scale value of a canonical code; None for N/A."""
        return self.positions.get(code)

    def nearest(self, position: float) -> str:
        """The code whose place on the common scale is nearest `position` (a value from
        another scale, or a mean of several); between two equally near, the lower one,
        as bands are cautious. The inverse of `normalise` for this scale's own positions."""
        return min(self.positions.items(),
                   key=lambda item: (round(abs(item[1] - position), 9), item[1]))[0]

    def check(self, document: YamlDocument) -> list[Finding]:
        """Codes unique, the mapping onto the common scale sound, and the kind's own checks."""
        sink = Located(document)
        names: list[tuple[Path, str]] = []
        for index, level in enumerate(self.all_levels):
            where = self.level_path(index)
            names.append(((*where, "code") if where else where, level.code))
            names += [((*where, "aliases", i) if where else where, alias)
                      for i, alias in enumerate(level.aliases)]
        if self.not_applicable:
            na = self.not_applicable
            names.append((("not_applicable", "code"), na.code))
            names += [(("not_applicable", "aliases", i), a) for i, a in enumerate(na.aliases)]
        sink.unique("code or alias", names, fold=True)
        self.kind_findings(sink)
        for index, what, message in self.mapping_problems():
            where = self.level_path(index)
            sink.at((*where, "normalised") if where else where, what, message)
        return sink.done()

    def mapping_problems(self) -> Iterator[tuple[int, Code, str]]:
        """(level index, code, message) for each position that breaks the anchors."""
        previous: tuple[str, float] | None = None
        for index, level in enumerate(self.all_levels):
            value = self.positions[level.code]
            if not 0.0 <= value <= 1.0:
                yield index, SCALE_OUT_OF_RANGE, (
                    f"level '{level.code}' is at {value:g}, outside the common scale [0, 1]")
            if previous and value < previous[1] - 1e-12:
                yield index, SCALE_NOT_MONOTONIC, (
                    f"level '{level.code}' ({value:.2f}) maps lower than the worse level "
                    f"'{previous[0]}' ({previous[1]:.2f}); levels go from worst to best")
            previous = (level.code, value)

    def spread(self) -> str:
        """The positions as people write them: 0, 1/3, 2/3, 1."""
        return ", ".join(show_position(v) for v in self.positions.values())
