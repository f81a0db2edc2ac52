"""Checks of meaning for templates and domain lists, beyond their shape.

Scales check themselves (`Scale.check`), because each kind knows its own rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ._findings import Code, Finding, code
from ._loader import SCHEMA_MISSING_KEY
from ._scales import Scale
from ._templates import RESERVED_RESPONSE_KEYS, DomainList, Template
from ._text import Path, suggest
from ._yaml import DUPLICATE_ID, Located, YamlDocument

_E = "error"
UNKNOWN_SCALE = code(
    "unknown-scale", _E, "templates", "The scale named is not known.",
    "t.yaml:5:8: error unknown-scale: unknown scale 'rag5' (known scales: brag, common, "
    "lambeth-5, ofsted-4, rag, yes-no)")
UNKNOWN_DOMAIN = code(
    "unknown-domain", _E, "templates", "A domain id is not in any domain list.",
    "t.yaml:40:20: error unknown-domain: unknown domain 'training2' (did you mean 'training'?)")
UNKNOWN_CODE = code(
    "unknown-code", _E, "templates",
    "A rating code named by the template is not a code of its scale.",
    "t.yaml:16:18: error unknown-code: 'purple' is not a code of scale 'rag' (codes: red, amber, "
    "green, n/a)")
STANDARD_NO_DOMAIN = code(
    "standard-no-domain", _E, "templates",
    "A standard maps to no common domain, so it cannot be compared.",
    "t.yaml:22:9: error standard-no-domain: standard '1.1' maps to no domain, so it cannot be "
    "compared")
CODES: tuple[Code, ...] = (UNKNOWN_SCALE, UNKNOWN_DOMAIN, UNKNOWN_CODE, STANDARD_NO_DOMAIN)


def check_domains(domains: DomainList, document: YamlDocument) -> list[Finding]:
    sink = Located(document)
    sink.unique("domain id", ((("domains", i, "id"), d.id) for i, d in enumerate(domains.domains)))
    return sink.findings


def check_template(template: Template, document: YamlDocument, *,
                   scales: Mapping[str, Scale], domains: Iterable[str]) -> list[Finding]:
    """Ids are unique and every reference (scale, domain, rating code) resolves."""
    sink = Located(document)
    _check_ids(template, sink)
    scale = _check_scale_ref(template.scale, ("scale",), scales, sink, template.id)
    known_domains = set(domains)
    for s_index, section in enumerate(template.sections):
        for index, standard in enumerate(section.standards):
            path: Path = ("sections", s_index, "standards", index)
            if standard.scale:
                _check_scale_ref(standard.scale, (*path, "scale"), scales, sink, template.id)
            if not standard.domains:
                sink.at(path, STANDARD_NO_DOMAIN, f"standard '{standard.id}' maps to no "
                        "domain, so it cannot be compared", hint="add 'domains: [...]' with "
                        "ids from the domain list (standards/domains.yaml)")
            for d_index, domain in enumerate(standard.domains):
                if known_domains and domain not in known_domains:
                    sink.at((*path, "domains", d_index), UNKNOWN_DOMAIN,
                            f"unknown domain '{domain}'", _domain_hint(domain, known_domains))
    if scale is not None:
        _check_codes(template, scale, sink)
    return sink.findings


def _check_ids(template: Template, sink: Located) -> None:
    sections = template.sections
    sink.unique("section id", ((("sections", i, "id"), s.id) for i, s in enumerate(sections)))
    sink.unique("standard id", ((("sections", i, "standards", j, "id"), st.id)
                                for i, s in enumerate(sections)
                                for j, st in enumerate(s.standards)))
    for group in ("fields", "organisation", "respondent", "questions"):
        items = getattr(template, group)
        sink.unique(f"{group} id", (((group, i, "id"), item.id) for i, item in enumerate(items)))
    for index, item in enumerate(template.fields):
        if item.id in RESERVED_RESPONSE_KEYS:
            sink.at(("fields", index, "id"), DUPLICATE_ID, f"'{item.id}' is reserved for "
                    "the audit format and cannot be a field", hint="choose another id")
    has_actions = any(item.type == "actions" for item in template.fields)
    if template.actions.required_for and not has_actions:
        sink.at(("actions", "required_for"), UNKNOWN_CODE, "ratings need actions but no "
                "field has 'type: actions'", hint="add a field with 'type: actions'")
    for index, question in enumerate(template.questions):
        allowed = question.allowed
        if question.final_requires and allowed and question.final_requires not in allowed:
            sink.at(("questions", index, "final_requires"), UNKNOWN_CODE,
                    f"'{question.final_requires}' is not an answer to this question",
                    hint=f"answers: {', '.join(allowed)}")
        if question.type == "choice" and not question.choices:
            sink.at(("questions", index), SCHEMA_MISSING_KEY, "a choice question needs "
                    "'choices'")


def _check_scale_ref(name: str, path: Path, scales: Mapping[str, Scale], sink: Located,
                     template_id: str) -> Scale | None:
    if name in scales:
        return scales[name]
    known = ", ".join(sorted(scales)) or "none"
    note = " (that is this template's own id)" if name == template_id else ""
    sink.at(path, UNKNOWN_SCALE, f"unknown scale '{name}'{note}", hint=f"known scales: {known}")
    return None


def _check_codes(template: Template, scale: Scale, sink: Located) -> None:
    """Rating codes the template names must be codes of its scale."""
    places: list[tuple[Path, str]] = [
        (("actions", "required_for", i), code) for i, code in
        enumerate(template.actions.required_for)]
    for index, item in enumerate(template.fields):
        if not isinstance(item.required, bool):
            places += [(("fields", index, "required", i), c) for i, c in enumerate(item.required)]
    for path, name in places:
        if scale.resolve(name) is None:
            sink.at(path, UNKNOWN_CODE, f"'{name}' is not a code of scale '{scale.id}'",
                    hint=f"codes: {scale.describe_codes()}")


def _domain_hint(domain: str, known: set[str]) -> str:
    return suggest(domain, known) or f"domains: {', '.join(sorted(known))}"
