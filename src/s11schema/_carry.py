"""Carrying last cycle's return forward: a draft of this cycle's template, pre-filled.

`carry_forward` brings over what the previous return answered (see `_project` for how
each kind of answer travels) through the crosswalk between the two templates, or
standard by standard where the template is the same or a version of it. It brings
the organisation's details, ratings, fields, and every action for an update (each
keeps its text, lead and due; one with no status is "open"; done and dropped ones
come too, so that the respondent confirms what became of them). It leaves out
moderated ratings and the moderation, the answers to the unrated questions (an
approval is given afresh each cycle), the completion date, and the respondent's
personal details unless asked for. Every answer carried is marked `carried`, with
`text_changed` where the standard is worded otherwise now; a final audit may keep no
mark. New standards are left blank, with their guidance beside them.
"""

from __future__ import annotations

import os
from typing import Any

from ._answer import Options
from ._crosswalk import Crosswalk, crosswalk_for
from ._normalise import checked_audit
from ._project import CarryReport, project
from ._registry import Registry, default_registry
from ._results import CheckedAudit, Report
from ._templates import Template

PreviousAudit = CheckedAudit | Report | dict[str, Any] | str | os.PathLike[str]


def carry_forward(previous_audit: PreviousAudit, template: Template | str, *,
                  registry: Registry | None = None,
                  crosswalk: Crosswalk | str | os.PathLike[str] | None = None,
                  include_personal: bool = False,
                  guide: bool = True) -> tuple[dict[str, Any], CarryReport]:
    """A draft of `template` pre-filled from the previous return, and what was carried.

    `previous_audit` is any audit `validate` reads (a path, JSON text, a dict, or its
    report); `template` the template (or its id) of the new cycle. The crosswalk is the
    one given (a `Crosswalk`, or a crosswalk file's path), else the one the registry
    finds between the two templates, else the same ids. The draft validates on
    `template` with no errors; the report names the standards carried, those whose
    text changed, the new ones to answer and the ones dropped.
    """
    return projected(previous_audit, template, crosswalk, registry,
                     Options(include_personal=include_personal, guide=guide))


def projected(audit: PreviousAudit, template: Template | str,
              crosswalk: Crosswalk | str | os.PathLike[str] | None, registry: Registry | None,
              options: Options) -> tuple[dict[str, Any], CarryReport]:
    """`audit` projected onto `template` through the crosswalk given, else the registry's."""
    registry = registry or default_registry()
    checked = checked_audit(audit, registry=registry)
    if isinstance(template, str):
        template = registry.template(template)
    walk = crosswalk_for(crosswalk, checked.template, template, registry=registry)
    return project(checked, walk, registry=registry, options=options)
