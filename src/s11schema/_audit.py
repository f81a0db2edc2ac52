"""The audit format: what an organisation submits, as JSON.

```json
{"template": "nottinghamshire-2021", "template_version": "2021",
 "organisation": {"name": "...", "type": "...", "areas": ["Nottinghamshire"]},
 "respondent": {"name": "...", "role": "...", "email": "...", "phone": "..."},
 "completed_on": "2021-06-18", "status": "final",
 "responses": {"3.1": {"rating": "amber", "evidence": "...",
                       "actions": [{"action": "...", "lead": "...", "due": "2022-03-31",
                                    "measure": "..."}]}},
 "answers": {"approved": "yes"}}
```
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from ._findings import Code, Collector, Finding, code
from ._templates import Standard, Template

if TYPE_CHECKING:
    from ._registry import Registry
from ._text import type_name

JSON_NOT_OBJECT = code(
    "json-not-object", "error", "audits", "The document is not a JSON object.",
    "audit.json: error json-not-object: an audit is a JSON object, not an array",
    in_schema=True)
CODES: tuple[Code, ...] = (JSON_NOT_OBJECT,)

REQUIRED_KEYS = frozenset({"template", "organisation", "status", "responses"})
#: `$schema` names the audit's JSON Schema for editors; validate accepts it and ignores it.
OPTIONAL_KEYS = frozenset({"$schema", "template_version", "cycle", "respondent",
                           "completed_on", "answers", "moderation"})
ORGANISATION_KEYS = frozenset({"name", "type", "kind", "areas"})
MODERATION_KEYS = frozenset({"by", "on", "notes"})
RESPONDENT_KEYS = frozenset({"name", "role", "email", "phone"})
STATUSES = ("draft", "final")


def new_audit(template: Template | str, *, registry: Registry | None = None,
              guide: bool = True) -> dict[str, Any]:
    """A blank draft for a template (or a template id): every standard present, every field
    empty, and (with `guide`) each standard's text, guidance, evidence examples and
    references beside it under `_guide`, which validation ignores, so the person filling
    it in sees what the template asks without opening it.

    For a draft pre-filled from last cycle's return, see `carry_forward`; for one
    projected from a return to another partnership's template, `translate`."""
    if isinstance(template, str):
        from ._registry import default_registry

        template = (registry or default_registry()).template(template)
    audit: dict[str, Any] = {
        "template": template.id,
        **({"template_version": template.version} if template.version else {}),
        "organisation": {"name": "", "type": "", "areas": [],
                         **({"kind": ""} if template.organisation_kinds else {}),
                         **{d.id: "" for d in template.organisation if d.id != "name"}},
        "respondent": {d.id: "" for d in template.respondent},
        "completed_on": "",
        "status": "draft",
        "responses": {standard.id: _blank_response(template, standard, guide=guide)
                      for standard in template.standards},
        "answers": {q.id: "" for q in template.questions},
    }
    if not template.respondent:
        del audit["respondent"]
    return audit


def _blank_response(template: Template, standard: Standard, *, guide: bool) -> dict[str, Any]:
    response: dict[str, Any] = {}
    if guide:
        response["_guide"] = guide_of(standard)
    if standard.criteria:
        response["criteria"] = {c.id: "" for c in standard.criteria}
    elif standard.rated:
        response["rating"] = ""
    if template.moderation is not None and standard.rated and not standard.criteria:
        response["moderated_rating"] = ""
    for item in template.fields:
        response[item.id] = [] if item.type in ("actions", "list") else ""
    return response


def guide_of(standard: Standard) -> dict[str, Any]:
    """What a respondent reads about a standard: its text, guidance, evidence examples,
    references and criteria; empty parts left out."""
    guide: dict[str, Any] = {"text": standard.text}
    if standard.guidance:
        guide["guidance"] = list(standard.guidance)
    if standard.evidence_examples:
        guide["evidence_examples"] = list(standard.evidence_examples)
    if standard.references:
        guide["references"] = [r.model_dump(exclude_none=True) for r in standard.references]
    if standard.criteria:
        guide["criteria"] = {c.id: f"{c.text} ({c.weight} of 100)" for c in standard.criteria}
    if standard.applies_to:
        guide["applies_to"] = list(standard.applies_to)
    return guide


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(audit: dict[str, Any]) -> str:
    """An audit as JSON text, every character kept as written.

    A lone surrogate (read from an escaped "\\ud800") cannot be written as
    UTF-8, so it stays escaped, which reads back as the same value.
    """
    text = json.dumps(audit, indent=2, ensure_ascii=False) + "\n"
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def not_an_object(name: str, data: object) -> list[Finding]:
    sink = Collector(name)
    sink.add(JSON_NOT_OBJECT, f"an audit is a JSON object, not {type_name(data)}",
             hint="the file should start with '{'")
    return sink.findings
