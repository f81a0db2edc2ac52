"""Rating scales, one module per kind, and how a scale file is told apart from the others.

Adding a kind is one new module with a `Scale` subclass (its `kind` key, its
levels, its own checks) and one line in `KINDS`; loading, lint, `show`, the
JSON Schemas and normalisation all ask the scale, never its kind.
"""

from __future__ import annotations

import functools
import operator
from typing import Annotated, Any

from pydantic import Discriminator, Tag, TypeAdapter

from . import _base, _levels
from ._base import ANCHORS, Band, Level, NotApplicable, Scale, band
from ._levels import LevelScale
from ._range import NumericRange, RangeScale

#: Every kind of scale, in the order the documentation lists them.
KINDS: tuple[type[Scale], ...] = (LevelScale, RangeScale)
CODES = (*_base.CODES, *_levels.CODES)
#: A discriminator tag cannot be mistaken for a key of the file.
_TAG = "<{}>"


def kind_of(data: Any) -> str | None:
    """The kind a scale file is, from the one kind key it has (None: none, or several)."""
    if not isinstance(data, dict):
        return None
    found = [kind.kind for kind in KINDS if kind.kind in data]
    return _TAG.format(found[0]) if len(found) == 1 else None


def _any_scale() -> Any:
    """The union of every kind, told apart by `kind_of`."""
    tagged = [Annotated[kind, Tag(_TAG.format(kind.kind))] for kind in KINDS]
    return Annotated[functools.reduce(operator.or_, tagged),
                     Discriminator(kind_of, custom_error_type="scale_kind",
                                   custom_error_message="give exactly one of " + ", ".join(
                                       f"'{kind.kind}'" for kind in KINDS))]


SCALE_FILE: TypeAdapter[Scale] = TypeAdapter(_any_scale())

__all__ = ["ANCHORS", "CODES", "KINDS", "SCALE_FILE", "Band", "Level", "LevelScale",
           "NotApplicable", "NumericRange", "RangeScale", "Scale", "band", "kind_of"]
