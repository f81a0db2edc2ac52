"""Checks of meaning for templates, scales and domain lists, beyond their shape."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from ._io import Path_, YamlDocument
from ._model import show_position
from .findings import Collector, Finding
from .scales import Scale, mapping_problems
from .templates import RESERVED_RESPONSE_KEYS, DomainList, Template


class _Located(Collector):
    """A collector that places findings by their path in a YAML document."""

    def __init__(self, document: YamlDocument) -> None:
        super().__init__(document.file)
        self.document = document

    def at(self, path: Path_, code: str, message: str, hint: str | None = None) -> None:
        mark = self.document.mark(path)
        self.add(code, message, hint=hint, line=mark.line, column=mark.column)

    def unique(self, what: str, items: Iterable[tuple[Path_, str]], *, fold: bool = False) -> None:
        first: dict[str, Path_] = {}
        for path, value in items:
            key = value.casefold() if fold else value
            if key in first:
                line = self.document.mark(first[key]).line
                self.at(path, "duplicate-id", f"{what} '{value}' is used twice, first at "
                        f"line {line}", hint=f"give each {what} its own id")
            else:
                first[key] = path


def check_scale(scale: Scale, document: YamlDocument) -> list[Finding]:
    """Codes are unique and the mapping onto the common scale is sound."""
    sink = _Located(document)
    names: list[tuple[Path_, str]] = []
    for index, level in enumerate(scale.levels):
        names.append((("levels", index, "code"), level.code))
        names += [(("levels", index, "aliases", i), alias) for i, alias in enumerate(level.aliases)]
    if scale.not_applicable:
        na = scale.not_applicable
        names.append((("not_applicable", "code"), na.code))
        names += [(("not_applicable", "aliases", i), a) for i, a in enumerate(na.aliases)]
    sink.unique("code or alias", names, fold=True)
    declared = [level.normalised is not None for level in scale.levels]
    if scale.levels and any(declared) and not all(declared):
        for index, level in enumerate(scale.levels):
            if level.normalised is None:
                sink.at(("levels", index), "scale-position-partial", f"level '{level.code}' "
                        "has no 'normalised' position but other levels do",
                        hint="give every level a position on the common scale (0 to 1)")
    elif scale.levels and not any(declared):
        spread = ", ".join(show_position(v) for v in scale.positions.values())
        sink.at((), "scale-position-missing", "no level gives a 'normalised' position; "
                f"spreading the {len(scale.levels)} levels evenly: {spread}",
                hint="add 'normalised:' to each level (0 nothing in place, 1/3 partly, "
                     "2/3 meeting requirements, 1 beyond requirements)")
    for level_index, code, message in mapping_problems(scale):
        where: Path_ = (("levels", level_index, "normalised") if level_index is not None
                        else ("range",))
        sink.at(where, code, message)
    return sink.findings


def check_domains(domains: DomainList, document: YamlDocument) -> list[Finding]:
    sink = _Located(document)
    sink.unique("domain id", ((("domains", i, "id"), d.id) for i, d in enumerate(domains.domains)))
    return sink.findings


def check_template(template: Template, document: YamlDocument, *,
                   scales: Mapping[str, Scale], domains: Iterable[str]) -> list[Finding]:
    """Ids are unique and every reference (scale, domain, rating code) resolves."""
    sink = _Located(document)
    _check_ids(template, sink)
    scale = _check_scale_ref(template.scale, ("scale",), scales, sink, template.id)
    known_domains = set(domains)
    for s_index, section in enumerate(template.sections):
        for index, standard in enumerate(section.standards):
            path: Path_ = ("sections", s_index, "standards", index)
            if standard.scale:
                _check_scale_ref(standard.scale, (*path, "scale"), scales, sink, template.id)
            if not standard.domains:
                sink.at(path, "standard-no-domain", f"standard '{standard.id}' maps to no "
                        "domain, so it cannot be compared", hint="add 'domains: [...]' with "
                        "ids from the domain list (s11schema show --domains)")
            for d_index, domain in enumerate(standard.domains):
                if known_domains and domain not in known_domains:
                    sink.at((*path, "domains", d_index), "unknown-domain",
                            f"unknown domain '{domain}'", _suggest(domain, known_domains))
    if scale is not None:
        _check_codes(template, scale, sink)
    return sink.findings


def _check_ids(template: Template, sink: _Located) -> None:
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
            sink.at(("fields", index, "id"), "duplicate-id", f"'{item.id}' is reserved for "
                    "the audit format and cannot be a field", hint="choose another id")
    has_actions = any(item.type == "actions" for item in template.fields)
    if template.actions.required_for and not has_actions:
        sink.at(("actions", "required_for"), "unknown-code", "ratings need actions but no "
                "field has 'type: actions'", hint="add a field with 'type: actions'")
    for index, question in enumerate(template.questions):
        allowed = question.allowed
        if question.final_requires and allowed and question.final_requires not in allowed:
            sink.at(("questions", index, "final_requires"), "unknown-code",
                    f"'{question.final_requires}' is not an answer to this question",
                    hint=f"answers: {', '.join(allowed)}")
        if question.type == "choice" and not question.choices:
            sink.at(("questions", index), "schema-missing-key", "a choice question needs "
                    "'choices'")


def _check_scale_ref(name: str, path: Path_, scales: Mapping[str, Scale], sink: _Located,
                     template_id: str) -> Scale | None:
    if name in scales:
        return scales[name]
    known = ", ".join(sorted(scales)) or "none"
    note = " (that is this template's own id)" if name == template_id else ""
    sink.at(path, "unknown-scale", f"unknown scale '{name}'{note}", hint=f"known scales: {known}")
    return None


def _check_codes(template: Template, scale: Scale, sink: _Located) -> None:
    """Rating codes the template names must be codes of its scale."""
    places: list[tuple[Path_, str]] = [
        (("actions", "required_for", i), code) for i, code in
        enumerate(template.actions.required_for)]
    for index, item in enumerate(template.fields):
        if not isinstance(item.required, bool):
            places += [(("fields", index, "required", i), c) for i, c in enumerate(item.required)]
    for path, code in places:
        if scale.resolve(code) is None:
            sink.at(path, "unknown-code", f"'{code}' is not a code of scale '{scale.id}'",
                    hint=f"codes: {scale.describe_codes()}")


def _suggest(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None
