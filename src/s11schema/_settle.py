"""Making a projected draft valid on its template without inventing anything.

A rating carried onto another template (or another version) may need what the
source never gave: an action, evidence, a reason for N/A. Rather than write a draft
that fails, `settle` withholds such a rating (kept in the `carried` mark as a
suggestion) and leaves the standard to answer; an action the template refuses
whatever the rating (a column it requires of every action, SMART checked as an
error) is written out as text; a detail it refuses is blanked. It says why, by
standard.
"""

from __future__ import annotations

from typing import Any

from ._answer import append, as_list, blank, written_out
from ._plain import CARRIED
from ._registry import Registry
from ._rules import CompiledTemplate
from ._templates import Template
from ._validate import check, compiled_template
from .readers import AuditDocument


def settle(draft: dict[str, Any], target: Template,
           registry: Registry) -> tuple[dict[str, str], dict[str, str]]:
    """Make the draft valid on its template without inventing anything: a carried rating
    the rules refuse as it stands is withheld (kept in the mark as a suggestion); an action
    the rules refuse whatever the rating (a column required of every action, SMART as an
    error) is written out as text; a detail the rules refuse is blanked. Says why, by
    standard: (withheld, moved)."""
    compiled = compiled_template(target, registry)
    withheld: dict[str, str] = {}
    moved: dict[str, str] = {}
    for _ in range(4):
        report = check(AuditDocument("<draft>", draft), target, registry=registry)
        changed = False
        unplaced: dict[tuple[str, str], set[int]] = {}
        for finding in report.errors:
            path = finding.path
            if _action_refused(finding.code, path, compiled):
                unplaced.setdefault((str(path[1]), str(path[2])), set()).add(int(path[3]))
                moved.setdefault(str(path[1]), finding.message)
            elif len(path) >= 2 and path[0] == "responses":
                changed |= _withhold(draft, str(path[1]), finding.message, withheld)
            elif len(path) == 2 and path[0] in ("organisation", "respondent"):
                group = draft.get(str(path[0]))
                if isinstance(group, dict) and not blank(group.get(str(path[1]))):
                    group[str(path[1])] = ""
                    changed = True
        for (standard_id, field_id), indices in unplaced.items():
            _write_out(draft["responses"][standard_id], field_id, indices, target)
            changed = True
        if not changed:
            break
    return withheld, moved


def _action_refused(code: str, path: tuple[str | int, ...], compiled: CompiledTemplate) -> bool:
    """An error in an action that withholding the rating would not cure: a column the
    template requires whatever the rating, or SMART checked as an error."""
    if len(path) < 4 or path[0] != "responses" or not isinstance(path[3], int) \
            or str(path[2]) not in compiled.action_fields:
        return False
    if code != "action-field-required" or len(path) < 5:
        return True
    standard = compiled.standards.get(str(path[1]))
    return standard is None or str(path[4]) in standard.action_columns[""]


def _write_out(response: dict[str, Any], field_id: str, indices: set[int],
               target: Template) -> None:
    """Take these actions out of the table and write each as a line of text."""
    actions = as_list(response.get(field_id))
    text_field = next((f.id for f in target.fields if f.type == "text"), "note")
    for index in sorted(indices):
        append(response, text_field, f"Action: {written_out(actions[index])}")
    response[field_id] = [a for i, a in enumerate(actions) if i not in indices]


def _withhold(draft: dict[str, Any], standard_id: str, why: str,
              withheld: dict[str, str]) -> bool:
    response = draft["responses"].get(standard_id)
    if not isinstance(response, dict):
        return False
    rating = response.get("rating")
    if isinstance(rating, str) and rating.strip():
        response["rating"] = ""
        mark = response.get(CARRIED)
        if isinstance(mark, dict):
            mark["rating"] = rating
        withheld[standard_id] = why
        return True
    criteria = response.get("criteria")
    if isinstance(criteria, dict) and any(not blank(v) for v in criteria.values()):
        response["criteria"] = dict.fromkeys(criteria, "")
        withheld[standard_id] = why
        return True
    return False
