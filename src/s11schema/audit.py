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
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from ._io import MAX_AUDIT_BYTES, JsonDocument, open_file, parse_json, read_bytes, size_limit
from ._text import type_name
from .errors import UnreadableError
from .findings import Collector, Finding
from .templates import Template

REQUIRED_KEYS = frozenset({"template", "organisation", "status", "responses"})
OPTIONAL_KEYS = frozenset({"template_version", "respondent", "completed_on", "answers"})
ORGANISATION_KEYS = frozenset({"name", "type", "areas"})
RESPONDENT_KEYS = frozenset({"name", "role", "email", "phone"})
STATUSES = ("draft", "final")
#: Keys whose values are personal data: never shown unless asked for.
PERSONAL_GROUPS = frozenset({"respondent"})


@dataclass(frozen=True, slots=True)
class Source:
    """One audit to read: a name for messages, and its raw JSON."""

    name: str
    raw: bytes | str
    #: For JSON Lines, the line the audit is on.
    line: int | None = None

    def parse(self) -> JsonDocument:
        if self.line is None:
            return parse_json(self.raw, file=self.name)
        file = self.name.rsplit(":", 1)[0]
        try:
            document = parse_json(self.raw, file=self.name)
        except UnreadableError as error:
            raise UnreadableError([_on_line(f, file, self.line) for f in error.findings]) from None
        document.problems[:] = [_on_line(f, file, self.line) for f in document.problems]
        return document


def _on_line(finding: Finding, file: str, line: int) -> Finding:
    """A JSON Lines fault is at the audit's line of the file."""
    return replace(finding, file=file, line=line,
                   column=finding.column if finding.line == 1 else None)


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


def source_of(audit: str | bytes | os.PathLike[str], name: str | None = None) -> Source:
    """One audit given as a path, or as JSON text or bytes.

    Text that starts like JSON is JSON, unless it is the name of a file that exists
    (a file may well be called "[DRAFT] acme.json").
    """
    if isinstance(audit, bytes):
        return Source(name or "<input>", audit)
    if isinstance(audit, str) and audit.lstrip().startswith(("{", "[", "\ufeff")) and not (
            len(audit) < 4096 and "\n" not in audit and os.path.exists(audit)):
        return Source(name or "<input>", audit)
    path = os.fspath(audit)
    return Source(name or path, read_bytes(path, max_bytes=size_limit(MAX_AUDIT_BYTES)))


def iter_sources(paths: list[str | os.PathLike[str]], *,
                 max_bytes: int | None = None) -> Iterator[Source | UnreadableError]:
    """Every audit under `paths` (files, folders, `.jsonl`), in a stable order.

    A file that cannot be read is yielded as its UnreadableError, so one bad
    file never stops the others from being checked.
    """
    limit = max_bytes or size_limit(MAX_AUDIT_BYTES)
    for raw_path in paths:
        path = Path(raw_path)
        files = sorted(_audit_files(path)) if path.is_dir() else [path]
        for file in files:
            if file.suffix == ".jsonl":  # many audits, read a line at a time
                yield from _lines(file, limit)
                continue
            try:
                yield Source(str(file), read_bytes(file, max_bytes=limit))
            except UnreadableError as error:
                yield error


def _audit_files(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.endswith((".json", ".jsonl")) and not name.startswith("."):
                yield Path(root, name)


def _lines(path: Path, limit: int) -> Iterator[Source | UnreadableError]:
    """One Source per line of a JSON Lines file, read as it goes, each under the limit."""
    name = str(path)
    try:
        with open_file(path) as handle:
            number = 0
            while line := handle.readline(limit + 1):
                number += 1
                if len(line) > limit and not line.endswith(b"\n"):
                    yield _too_large(name, number, limit)
                    while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass  # skip the rest of the long line without holding it
                elif line.strip():
                    yield Source(f"{name}:{number}", line.rstrip(b"\r\n"), line=number)
    except UnreadableError as error:
        yield error


def _too_large(name: str, number: int, limit: int) -> UnreadableError:
    sink = Collector(name)
    sink.add("file-too-large", f"the audit on this line is over the {limit:,} byte limit",
             line=number, column=1)
    return UnreadableError(sink.findings)


def new_audit(template: Template) -> dict[str, Any]:
    """A blank draft for a template: every standard present, every field empty."""
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


def not_an_object(name: str, data: object) -> Collector:
    sink = Collector(name)
    sink.add("json-not-object", f"an audit is a JSON object, not {type_name(data)}",
             hint="the file should start with '{'")
    return sink
