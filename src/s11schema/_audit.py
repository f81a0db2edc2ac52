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
from datetime import date
from typing import TYPE_CHECKING, Any

from ._findings import Code, Collector, Finding, code
from ._templates import Template

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
OPTIONAL_KEYS = frozenset({"$schema", "template_version", "respondent", "completed_on",
                           "answers"})
ORGANISATION_KEYS = frozenset({"name", "type", "areas"})
RESPONDENT_KEYS = frozenset({"name", "role", "email", "phone"})
STATUSES = ("draft", "final")


_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def iso_date(value: object) -> date | None:
    """A date written YYYY-MM-DD, as the audit format asks; None for anything else.

    Stricter than date.fromisoformat, which also reads week dates such as 2021-W01-1.
    """
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:  # 2021-02-30
        return None


def new_audit(template: Template | str, *, registry: Registry | None = None) -> dict[str, Any]:
    """A blank draft for a template (or a template id): every standard present, every field
    empty."""
    if isinstance(template, str):
        from ._registry import default_registry

        template = (registry or default_registry()).template(template)
    empty: dict[str, Any] = {f.id: ([] if f.type == "actions" else "") for f in template.fields}
    audit: dict[str, Any] = {
        "template": template.id,
        **({"template_version": template.version} if template.version else {}),
        "organisation": {"name": "", "type": "", "areas": [],
                         **{d.id: "" for d in template.organisation if d.id != "name"}},
        "respondent": {d.id: "" for d in template.respondent},
        "completed_on": "",
        "status": "draft",
        "responses": {standard_id: {"rating": "", **empty}
                      for standard_id in template.standard_ids},
        "answers": {q.id: "" for q in template.questions},
    }
    if not template.respondent:
        del audit["respondent"]
    return audit


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
