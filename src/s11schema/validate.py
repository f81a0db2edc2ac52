"""Validating completed audits against their template's rules."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from typing import Any

from .audit import iter_sources, not_an_object, source_of
from .errors import NotFoundError, UnreadableError
from .findings import Collector, Finding, Report
from .registry import Registry, default_registry
from .rules import RULES, CompiledTemplate, Context, compile_template
from .templates import Template

AuditInput = dict[str, Any] | str | bytes | os.PathLike[str]


def validate(audit: AuditInput, template: Template | str | None = None, *,
             registry: Registry | None = None, today: date | None = None,
             name: str | None = None) -> Report:
    """Check one audit: a dict, a path, or JSON text (or bytes).

    Raises UnreadableError when the input cannot be read or parsed at all;
    every problem in a readable audit is a finding in the returned Report.
    """
    registry = registry or default_registry()
    if isinstance(audit, dict):
        return check(audit, name or "<audit>", template, registry=registry, today=today)
    source = source_of(audit, name)
    document = source.parse()
    return check(document.data, source.name, template, registry=registry, today=today,
                 problems=document.problems)


def validate_many(paths: list[str | os.PathLike[str]], *, registry: Registry | None = None,
                  today: date | None = None, max_bytes: int | None = None) -> Iterator[Report]:
    """Validate every audit under `paths` (files, folders, JSON Lines), one at a time.

    Templates are loaded once; memory stays flat however many audits there are.
    An unreadable file gives a Report with `unreadable=True` and its reason.
    """
    registry = registry or default_registry()
    for source in iter_sources(paths, max_bytes=max_bytes):
        if isinstance(source, UnreadableError):
            name = source.findings[0].file if source.findings else None
            yield Report(name, source.findings, unreadable=True)
            continue
        try:
            document = source.parse()
        except UnreadableError as error:
            yield Report(source.name, error.findings, unreadable=True)
            continue
        yield check(document.data, source.name, registry=registry, today=today,
                    problems=document.problems)


def check(data: object, name: str, template: Template | str | None = None, *,
          registry: Registry, today: date | None = None,
          problems: list[Finding] | None = None) -> Report:
    """Run every rule over parsed audit data."""
    if not isinstance(data, dict):
        return Report(name, tuple(not_an_object(name, data).findings))
    sink = Collector(name)
    sink.findings.extend(problems or ())
    resolved = _template(data, template, registry, sink)
    status = data.get("status") if isinstance(data.get("status"), str) else None
    if resolved is None:
        return Report(name, tuple(sink.findings), status=status)
    compiled = compiled_template(resolved, registry)
    ctx = Context(data, compiled, sink, today or date.today(), final=status == "final")
    for rule in RULES:
        rule(ctx)
    return Report(name, _in_audit_order(sink.findings, compiled), template=resolved.id,
                  status=status, answered=len(ctx.ratings), total=len(compiled.standards))


#: Where each top-level key sits in an audit, so findings read top to bottom.
_TOP = {key: index for index, key in enumerate(
    ("template", "template_version", "organisation", "respondent", "completed_on", "status",
     "responses", "answers"))}


def _in_audit_order(findings: list[Finding], compiled: CompiledTemplate) -> tuple[Finding, ...]:
    """Findings in the order of the audit: top-level keys, then standards as the template
    lists them; findings about one place keep the order the rules found them in."""
    order = compiled.standard_order

    def place(finding: Finding) -> tuple[int, int]:
        parts = finding.path.split("/")
        top = _TOP.get(parts[1], len(_TOP)) if len(parts) > 1 else -1
        if top != _TOP["responses"] or len(parts) < 3:
            return top, -1
        standard = parts[2].replace("~1", "/").replace("~0", "~")
        return top, order.get(standard, len(order))

    return tuple(sorted(findings, key=place))


def _template(data: dict[str, Any], template: Template | str | None, registry: Registry,
              sink: Collector) -> Template | None:
    if isinstance(template, Template):
        return template
    wanted = template or data.get("template")
    version = data.get("template_version") if template is None else None
    if not isinstance(wanted, str) or not wanted.strip():
        if "template" not in data:
            sink.add("audit-missing-key", "missing required key 'template'", path="/template",
                     hint="name the template, e.g. \"template\": \"nottinghamshire-2021\"")
        else:
            sink.add("audit-type", "should be a template id (text)", path="/template")
        return None
    try:
        return registry.template(wanted, version if isinstance(version, str) else None)
    except NotFoundError as error:
        sink.add("template-unknown", str(error),
                 path="/template_version" if error.missing == "version" else "/template",
                 hint="list the templates with: s11schema templates")
        return None


def compiled_template(template: Template, registry: Registry) -> CompiledTemplate:
    """The template's rule tables, built once per registry."""
    cache = registry.compiled
    hit = cache.get(id(template))
    if hit is None or hit.template is not template:
        scales = {s: registry.scale(s) for s in template.scale_ids()}
        hit = cache[id(template)] = compile_template(template, scales)
    return hit
