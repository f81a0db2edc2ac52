"""One return, many partnerships: a return projected onto another partnership's template.

An organisation that serves several partnerships (a police force, a health trust)
answers one template and `translate`s its return onto the others: ratings travel
through the common scale (the mean of the positions of the standards mapped to a
target standard, as the target scale's nearest level), evidence and other fields by
standard (each prefixed with the standard it came from), actions by standard with
only the target's action columns (the others written into the action's text), all
through the crosswalk between the two templates, or by shared common domain where
there is none. Every answer carried is marked `carried` (with `by: domain` where only
a domain links them); what the target asks that the source does not answer is left
blank and listed. The result is a draft that validates on the target template.
"""

from __future__ import annotations

import os
from typing import Any

from ._answer import Options
from ._carry import PreviousAudit, projected
from ._crosswalk import Crosswalk
from ._project import CarryReport
from ._registry import Registry
from ._templates import Template


def translate(audit: PreviousAudit, to_template: Template | str, *,
              crosswalk: Crosswalk | str | os.PathLike[str] | None = None,
              registry: Registry | None = None, include_personal: bool = False,
              guide: bool = True) -> tuple[dict[str, Any], CarryReport]:
    """A draft of `to_template` holding what `audit` answers, and what was carried.

    The crosswalk is the one given (a `Crosswalk`, or a crosswalk file's path), else
    the one the registry finds from the audit's template to `to_template`, else by
    shared domain. Areas the target partnership does not cover are left out; actions
    keep the status they had. `CarryReport.to_answer` lists what is left to answer.
    """
    return projected(audit, to_template, crosswalk, registry,
                     Options(include_personal=include_personal, guide=guide, keep_areas=False,
                             open_actions=False))
