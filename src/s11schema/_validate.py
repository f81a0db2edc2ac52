"""Validating completed audits against their template's rules.

`check` is the stage the rest of the pipeline builds on: it gives a
`CheckedAudit` (the data, its template, the ratings resolved on their scales)
inside the `Report`, so normalising and comparing never resolve anything again.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ._audit import not_an_object
from ._errors import NotFoundError
from ._fast import Reading, attempt
from ._findings import Code, Collector, Finding, code
from ._plain import status_of, template_key
from ._plan import Plan
from ._registry import Registry, default_registry
from ._results import CheckedAudit, Report
from ._rules import RULES, CompiledTemplate, Context, Rule, compile_template
from ._rules._base import AUDIT_TYPE
from ._rules._planner import plan_of
from ._rules._runner import run_rules
from ._rules.structure import AUDIT_MISSING_KEY
from ._templates import Template
from .readers import AuditDocument, Place, source_of

TEMPLATE_UNKNOWN = code(
    "template-unknown", "error", "audits", "The template (or version) named is not known.",
    "audit.json: /template: error template-unknown: unknown template 'notts-2021' (did you mean "
    "'nottinghamshire-2021'?)", in_schema=True)
CODES: tuple[Code, ...] = (TEMPLATE_UNKNOWN,)

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
        return check(AuditDocument(name or "<audit>", audit), template, registry=registry,
                     today=today)
    return check(source_of(audit, name).parse(), template, registry=registry, today=today)


def check(document: AuditDocument, template: Template | str | None = None, *,
          registry: Registry, today: date | None = None, reference: bool = False,
          proof: Reading | None = None) -> Report:
    """Run every rule over one parsed audit; the report carries the checked audit.

    The template's plan first tries to prove the whole audit clean, then skips each part
    of it it proves clean; where the caller has tried with the same plan (a cached one),
    `proof` is how far it got, and the rules resume there. `reference=True` runs every
    rule whole instead (the differential test compares them).
    """
    data, name = document.data, document.name
    if not isinstance(data, dict):
        return Report(name, (*document.problems, *not_an_object(name, data)))
    sink = Collector(name)
    sink.extend(document.problems)
    resolved = _template(data, template, registry, sink)
    status = status_of(data)
    if resolved is None:
        return Report(name, tuple(_placed(sink.done(), document.locate)), status=status)
    entry = _compiled(resolved, registry)
    compiled = entry.tables
    day = today or date.today()
    plan = entry.planned()
    if proof is None and not reference and not document.problems and \
            plan.rules == _names(RULES):
        proof, whole = attempt(plan, data, day)
        if whole:  # every rule would find nothing: what they would record
            return _report(name, data, resolved, compiled, status, proof, plan, ())
    ctx = Context(data, day, status == "final", compiled=compiled, sink=sink)
    if proof is not None and not reference:
        ctx.resume(proof)
    run_rules(ctx, None if reference else plan, RULES)
    findings = _placed([*_in_audit_order(sink.findings, compiled), *sink.notes()],
                       document.locate)
    return _report(name, data, resolved, compiled, status, ctx, plan, tuple(findings))


def _names(rules: tuple[Rule, ...]) -> tuple[str, ...]:
    """The rules' names, as a plan records those it was made for (a plan made before a
    rule was added does not stand in for it)."""
    return tuple(rule.name for rule in rules)


def _report(name: str, data: dict[str, Any], template: Template, compiled: CompiledTemplate,
            status: str | None, reading: Reading, plan: Plan,
            findings: tuple[Finding, ...]) -> Report:
    """The report, with the checked audit as the rules (or the proof standing in for them)
    read it."""
    checked = CheckedAudit(name, data, template, reading.ratings, reading.moderated,
                           reading.completed_on, status, compiled.scales,
                           frozenset(reading.qualified), reading.criteria,
                           frozenset(reading.out_of_scope))
    answered, total = reading.counts(plan)
    return Report(name, findings, template=template.id, status=status, answered=answered,
                  total=total, audit=checked)


def _placed(findings: list[Finding], locate: Any) -> list[Finding]:
    """Findings pointed at the file as written (a sheet and cell), where the reader knows."""
    if locate is None:
        return findings
    placed = []
    for finding in findings:
        place: Place | None = locate(finding.path) if finding.path else None
        placed.append(finding if place is None else _at(finding, place))
    return placed


def _at(finding: Finding, place: Place) -> Finding:
    return replace(finding, line=place.line, column=place.column, cell=place.cell)


#: Where each top-level key sits in an audit, so findings read top to bottom.
_TOP = {key: index for index, key in enumerate(
    ("template", "template_version", "organisation", "respondent", "completed_on", "status",
     "responses", "answers"))}


def _in_audit_order(findings: list[Finding], compiled: CompiledTemplate) -> list[Finding]:
    """Findings in the order of the audit: top-level keys, then standards as the template
    lists them; findings about one place keep the order the rules found them in."""
    order = compiled.standard_order

    def place(finding: Finding) -> tuple[int, int]:
        path = finding.path
        top = _TOP.get(str(path[0]), len(_TOP)) if path else -1
        if top != _TOP["responses"] or len(path) < 2:
            return top, -1
        return top, order.get(str(path[1]), len(order))

    return sorted(findings, key=place)


def _template(data: dict[str, Any], template: Template | str | None, registry: Registry,
              sink: Collector) -> Template | None:
    if isinstance(template, Template):
        return template
    key = template_key(data, template)
    if key is None:
        if "template" not in data:
            sink.add(AUDIT_MISSING_KEY, "missing required key 'template'", path=("template",),
                     hint="name the template, e.g. \"template\": \"nottinghamshire-2021\"")
        else:
            sink.add(AUDIT_TYPE, "should be a template id (text)", path=("template",))
        return None
    try:
        return registry.template(*key)
    except NotFoundError as error:
        sink.add(TEMPLATE_UNKNOWN, str(error),
                 path=("template_version",) if error.missing == "version" else ("template",))
        return None


@dataclass(slots=True)
class _Compiled:
    """A template's rule tables, and the fast path's plan of them once it is asked for."""

    tables: CompiledTemplate
    plan: Plan | None = None

    def planned(self) -> Plan:
        if self.plan is None:
            self.plan = plan_of(self.tables, _names(RULES))
        return self.plan


#: Compiled templates, most recently used last; bounded, so a long-running process that
#: creates many template objects does not grow.
_COMPILED: OrderedDict[tuple[int, int], _Compiled] = OrderedDict()
_COMPILED_MAX = 64


def _compiled(template: Template, registry: Registry) -> _Compiled:
    key = (id(template), id(registry))
    hit = _COMPILED.get(key)
    if hit is not None and hit.tables.template is template:
        _COMPILED.move_to_end(key)
        return hit
    scales = {s: registry.scale(s) for s in template.scale_ids()}
    entry = _COMPILED[key] = _Compiled(compile_template(template, scales))
    if len(_COMPILED) > _COMPILED_MAX:
        _COMPILED.popitem(last=False)
    return entry


def compiled_template(template: Template, registry: Registry) -> CompiledTemplate:
    """The template's rule tables, built once per template and registry."""
    return _compiled(template, registry).tables


def plan_for(template: Template, registry: Registry) -> Plan:
    """The fast path's tables for a template, made once per template and registry."""
    return _compiled(template, registry).planned()
