"""Checks of meaning for templates and domain lists, beyond their shape.

Scales check themselves (`Scale.check`), because each kind knows its own rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ._cycles import CYCLE_FORMS, CYCLE_INVALID, parse_cycle
from ._findings import Code, Finding, code
from ._loader import SCHEMA_MISSING_KEY
from ._plain import iso_date
from ._scales import Scale
from ._templates import RESERVED_RESPONSE_KEYS, DomainList, Ratings, Standard, Template
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
UNKNOWN_KIND = code(
    "unknown-organisation-kind", _E, "templates",
    "A standard applies to an organisation kind the template does not declare.",
    "t.yaml:40:20: error unknown-organisation-kind: unknown organisation kind 'school' (kinds: "
    "commissioned, statutory)")
CRITERIA_WEIGHTS = code(
    "criteria-weights", _E, "templates", "A criteria-weighted standard's weights do not add "
    "up to 100.",
    "t.yaml:30:9: error criteria-weights: the criteria's weights add up to 90, not 100")
ACTION_COLUMN_UNKNOWN = code(
    "action-column-unknown", _E, "templates",
    "An action column is required that the template's action table does not have.",
    "t.yaml:60:3: error action-column-unknown: 'measure' is required but is not one of the "
    "action columns (columns: action, lead, due)")
FIELD_UNKNOWN = code(
    "field-unknown", _E, "templates", "A rule names a response field the template lacks.",
    "t.yaml:12:24: error field-unknown: 'explanation' is not a text field of this template "
    "(text fields: evidence)")
UNANSWERED_IS_A_CODE = code(
    "unanswered-is-a-code", _E, "templates",
    "A mark declared to mean 'not answered' is also a rating code.",
    "t.yaml:8:5: error unanswered-is-a-code: 'n' is a rating of scale yes-no, so it cannot "
    "also mean 'not answered'")
WINDOW_INVALID = code(
    "window-invalid", _E, "templates",
    "The submission window's dates are not dates, or it closes before it opens.",
    "t.yaml:9:11: error window-invalid: the window closes (2021-05-01) before it opens "
    "(2021-06-01)")
CODES: tuple[Code, ...] = (UNKNOWN_SCALE, UNKNOWN_DOMAIN, UNKNOWN_CODE, STANDARD_NO_DOMAIN,
                           UNKNOWN_KIND, CRITERIA_WEIGHTS, ACTION_COLUMN_UNKNOWN, FIELD_UNKNOWN,
                           UNANSWERED_IS_A_CODE, WINDOW_INVALID, CYCLE_INVALID)


def check_domains(domains: DomainList, document: YamlDocument) -> list[Finding]:
    sink = Located(document)
    sink.unique("domain id", ((("domains", i, "id"), d.id) for i, d in enumerate(domains.domains)))
    return sink.findings


def check_template(template: Template, document: YamlDocument, *,
                   scales: Mapping[str, Scale], domains: Iterable[str]) -> list[Finding]:
    """Ids are unique, every reference (scale, domain, rating code, kind, column, field)
    resolves, and every rule makes sense on the scale of each standard it applies to."""
    sink = Located(document)
    _check_ids(template, sink)
    _check_scale_ref(template.scale, ("scale",), scales, sink, template.id)
    known_domains = set(domains)
    kinds = {k.id for k in template.organisation_kinds}
    for s_index, section in enumerate(template.sections):
        for index, standard in enumerate(section.standards):
            path: Path = ("sections", s_index, "standards", index)
            if standard.scale:
                _check_scale_ref(standard.scale, (*path, "scale"), scales, sink, template.id)
            _check_domains(standard, path, known_domains, sink)
            for k_index, kind in enumerate(standard.applies_to):
                if kind not in kinds:
                    sink.at((*path, "applies_to", k_index), UNKNOWN_KIND,
                            f"unknown organisation kind '{kind}'",
                            suggest(kind, kinds) or (f"kinds: {', '.join(sorted(kinds))}"
                                                     if kinds else
                                                     "declare them in 'organisation_kinds'"))
            _check_criteria(standard, path, sink)
    used = [scales[s] for s in sorted(template.scale_ids()) if s in scales]
    if used:
        _check_codes(template, used, sink)
    _check_rules(template, used, sink)
    return sink.findings


def _check_domains(standard: Standard, path: Path, known: set[str], sink: Located) -> None:
    if not standard.domains:
        sink.at(path, STANDARD_NO_DOMAIN, f"standard '{standard.id}' maps to no domain, so it "
                "cannot be compared", hint="add 'domains: [...]' with ids from the domain "
                "list (standards/domains.yaml)")
    for d_index, domain in enumerate(standard.domains):
        if known and domain not in known:
            sink.at((*path, "domains", d_index), UNKNOWN_DOMAIN, f"unknown domain '{domain}'",
                    _domain_hint(domain, known))


def _check_criteria(standard: Standard, path: Path, sink: Located) -> None:
    if not standard.criteria:
        return
    sink.unique("criterion id", (((*path, "criteria", i, "id"), c.id)
                                 for i, c in enumerate(standard.criteria)))
    total = sum(c.weight for c in standard.criteria)
    if total != 100:
        sink.at((*path, "criteria"), CRITERIA_WEIGHTS, f"the criteria's weights add up to "
                f"{total}, not 100", hint="give each criterion its share of 100")


def _check_ids(template: Template, sink: Located) -> None:
    sections = template.sections
    sink.unique("section id", ((("sections", i, "id"), s.id) for i, s in enumerate(sections)))
    sink.unique("standard id", ((("sections", i, "standards", j, "id"), st.id)
                                for i, s in enumerate(sections)
                                for j, st in enumerate(s.standards)))
    for group in ("fields", "organisation", "respondent", "questions", "organisation_kinds"):
        items = getattr(template, group)
        sink.unique(f"{group} id", (((group, i, "id"), item.id) for i, item in enumerate(items)))
    for index, item in enumerate(template.fields):
        if item.id in RESERVED_RESPONSE_KEYS:
            sink.at(("fields", index, "id"), DUPLICATE_ID, f"'{item.id}' is reserved for "
                    "the audit format and cannot be a field", hint="choose another id")
        if item.type == "choice" and not item.choices:
            sink.at(("fields", index), SCHEMA_MISSING_KEY, "a choice field needs 'choices'")
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


def _rating_lists(template: Template) -> list[tuple[Path, Ratings]]:
    """Every place the template names ratings, and what it names."""
    places: list[tuple[Path, Ratings]] = [(("actions", "required_for"),
                                           template.actions.required_for)]
    require = template.actions.require
    if isinstance(require, dict):
        places += [(("actions", "require", column), ratings)
                   for column, ratings in require.items()]
    places += [(("fields", index, "required"), item.required)
               for index, item in enumerate(template.fields)]
    return places


def _check_codes(template: Template, scales: list[Scale], sink: Located) -> None:
    """A rating code a rule names must be a code of a scale the template's standards use:
    a rule applies to each standard on that standard's own scale."""
    for path, ratings in _rating_lists(template):
        if not isinstance(ratings, tuple):
            continue
        for index, name in enumerate(ratings):
            if not any(scale.resolve(name) for scale in scales):
                where = (f"scale '{scales[0].id}'" if len(scales) == 1
                         else "any scale the template uses")
                codes = "; ".join(f"{s.id}: {s.describe_codes()}" if len(scales) > 1
                                  else s.describe_codes() for s in scales)
                sink.at((*path, index), UNKNOWN_CODE, f"'{name}' is not a code of {where}",
                        hint=f"codes: {codes}")


def _check_rules(template: Template, scales: list[Scale], sink: Located) -> None:
    """The rules' own references: action columns, the N/A reason's field, unanswered marks,
    and the submission window."""
    actions = template.actions
    has_actions = any(item.type == "actions" for item in template.fields)
    if actions.required_for and not has_actions:
        sink.at(("actions", "required_for"), UNKNOWN_CODE, "ratings need actions but no "
                "field has 'type: actions'", hint="add a field with 'type: actions'")
    for column in actions.required_columns:
        if column not in actions.columns:
            sink.at(("actions", "require"), ACTION_COLUMN_UNKNOWN, f"'{column}' is required "
                    "but is not one of the action columns", hint="columns: "
                    + ", ".join(actions.columns))
    text_fields = {f.id for f in template.fields if f.type == "text"}
    reason = template.not_applicable_reason
    if reason != "reason" and reason not in text_fields:
        sink.at(("not_applicable_reason",), FIELD_UNKNOWN, f"'{reason}' is not a text field "
                "of this template", hint=f"text fields: {', '.join(sorted(text_fields))}")
    for index, mark in enumerate(template.unanswered):
        taken = [s.id for s in scales if s.resolve(mark)]
        if taken:
            sink.at(("unanswered", index), UNANSWERED_IS_A_CODE, f"'{mark}' is a rating of "
                    f"scale {taken[0]}, so it cannot also mean 'not answered'",
                    hint="choose a mark no scale uses, such as '-'")
    if template.cycle is not None and parse_cycle(template.cycle) is None:
        sink.at(("cycle",), CYCLE_INVALID, f"'{template.cycle}' is not a cycle",
                hint=f"write {CYCLE_FORMS}")
    window = template.window
    if window is not None:
        days = {key: getattr(window, key) for key in ("opens", "closes")}
        for key, value in days.items():
            if value is not None and iso_date(value) is None:
                sink.at(("window", key), WINDOW_INVALID, f"'{value}' is not a date written "
                        "YYYY-MM-DD", hint="write it as 2021-06-21")
        opens, closes = iso_date(days["opens"]), iso_date(days["closes"])
        if opens and closes and closes < opens:
            sink.at(("window", "closes"), WINDOW_INVALID, f"the window closes ({closes}) "
                    f"before it opens ({opens})")


def _domain_hint(domain: str, known: set[str]) -> str:
    return suggest(domain, known) or f"domains: {', '.join(sorted(known))}"
