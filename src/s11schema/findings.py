"""Findings: what the checks return, and the catalogue of rule codes.

A problem with a file is a `Finding` that is returned, never raised. Every
code lives in `CATALOGUE`, which the documentation's rule table is generated
from, so a code cannot exist without a description and an example.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from ._text import visible


class Severity(str, enum.Enum):
    """How much a finding matters: errors fail a check, warnings do not."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a file.

    `path` is a JSON Pointer into the document (`/responses/3.1/rating`);
    `line` and `column` (1-based) are given where the input format keeps them.
    """

    code: str
    severity: Severity
    message: str
    path: str = ""
    hint: str | None = None
    file: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def where(self) -> str:
        """`file:line:col` or `file: /pointer`, as editors and CI logs expect."""
        place = self.file or "<input>"
        if self.line is not None:
            place += f":{self.line}:{self.column or 1}"
            return place
        return f"{place}: {self.path}" if self.path else place

    def __str__(self) -> str:
        """One line, whatever the audit held: a value cannot start a line of its own."""
        text = f"{self.where}: {self.severity} {self.code}: {self.message}"
        return visible(f"{text} ({self.hint})" if self.hint else text)


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of validating one audit."""

    file: str | None
    findings: tuple[Finding, ...] = ()
    template: str | None = None
    status: str | None = None
    #: Standards rated (N/A included) and standards in the template.
    answered: int = 0
    total: int = 0
    #: True when the file could not be read or parsed at all.
    unreadable: bool = False

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings allowed)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def completeness(self) -> float:
        """The share of standards rated, from 0.0 to 1.0."""
        return self.answered / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Rule:
    """A catalogue entry: one stable code and what it means."""

    code: str
    severity: Severity
    applies_to: str
    summary: str
    example: str


def _rule(code: str, severity: str, applies_to: str, summary: str, example: str) -> Rule:
    return Rule(code, Severity(severity), applies_to, summary, example)


_E, _W = "error", "warning"

CATALOGUE: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        # Reading files (every format)
        _rule("file-too-large", _E, "any file", "The file is larger than the size limit.",
              "audit.json: error file-too-large: 61.2 MB is over the 5 MB limit"),
        _rule("file-encoding", _E, "any file", "The file is not UTF-8 text.",
              "audit.json:3:14: error file-encoding: invalid UTF-8 byte 0xe9"),
        _rule("file-empty", _E, "any file", "The file is empty.",
              "audit.json: error file-empty: the file is empty"),
        _rule("json-syntax", _E, "audits", "The file is not valid JSON.",
              "audit.json:12:5: error json-syntax: expecting ',' delimiter"),
        _rule("json-duplicate-key", _E, "audits", "A key is written twice in one object.",
              "audit.json:9:7: error json-duplicate-key: key 'rating' is written twice "
              "(first at line 8)"),
        _rule("json-not-object", _E, "audits", "The document is not a JSON object.",
              "audit.json: error json-not-object: an audit is a JSON object, not an array"),
        _rule("yaml-syntax", _E, "templates, scales", "The file is not valid YAML.",
              "rag.yaml:4:1: error yaml-syntax: found character '\\t' that cannot start "
              "any token"),
        _rule("yaml-duplicate-key", _E, "templates, scales",
              "A key is written twice in one mapping; YAML would silently keep the last.",
              "rag.yaml:9:3: error yaml-duplicate-key: key 'code' is written twice "
              "(first at line 8)"),
        _rule("yaml-alias", _E, "templates, scales",
              "Anchors and aliases (&name, *name) are not allowed.",
              "t.yaml:7:12: error yaml-alias: anchors and aliases are not allowed"),
        # Templates, scales and domains
        _rule("schema-missing-key", _E, "templates, scales", "A required key is missing.",
              "t.yaml:12:7: error schema-missing-key: sections[0].standards[1]: "
              "missing required key 'text'"),
        _rule("schema-unknown-key", _E, "templates, scales", "A key is not part of the format.",
              "t.yaml:3:1: error schema-unknown-key: unknown key 'titel' (did you mean 'title'?)"),
        _rule("schema-type", _E, "templates, scales", "A value has the wrong type or form.",
              "t.yaml:20:9: error schema-type: sections[0].standards: should be a list"),
        _rule("id-unquoted", _E, "templates, scales",
              "An id or code is written without quotes and other YAML readers would take "
              "it for a number, boolean or null.",
              "t.yaml:14:13: error id-unquoted: 1.10 is an id or code written without "
              "quotes; other YAML readers and editors read it as the float 1.1 "
              "(write it in quotes: \"1.10\")"),
        _rule("file-unreadable", _E, "any file", "The file does not exist or cannot be read.",
              "audit.json: error file-unreadable: no such file or folder"),
        _rule("file-too-deep", _E, "any file", "Lists and mappings are nested too deeply.",
              "audit.json: error file-too-deep: arrays and objects are nested too deeply"),
        _rule("file-kind-unknown", _E, "templates, scales",
              "The file is neither a template, a scale nor a domain list.",
              "notes.yaml:1:1: error file-kind-unknown: expected a template (sections), "
              "a scale (levels or range) or a domain list (domains)"),
        _rule("duplicate-id", _E, "templates, scales, domains",
              "An id (standard, section, field, question, code, domain) is used twice.",
              "t.yaml:30:11: error duplicate-id: standard id '1.2' is used twice, "
              "first at line 14"),
        _rule("unknown-scale", _E, "templates", "The scale named is not known.",
              "t.yaml:5:8: error unknown-scale: unknown scale 'rag5' "
              "(known scales: brag, common, lambeth-5, ofsted-4, rag, yes-no)"),
        _rule("unknown-domain", _E, "templates", "A domain id is not in any domain list.",
              "t.yaml:40:20: error unknown-domain: unknown domain 'training2' "
              "(did you mean 'training'?)"),
        _rule("unknown-code", _E, "templates",
              "A rating code named by the template is not a code of its scale.",
              "t.yaml:16:18: error unknown-code: 'purple' is not a code of scale 'rag' "
              "(codes: red, amber, green)"),
        _rule("standard-no-domain", _E, "templates",
              "A standard maps to no common domain, so it cannot be compared.",
              "t.yaml:22:9: error standard-no-domain: standard '1.1' maps to no domain"),
        _rule("scale-not-monotonic", _E, "scales",
              "A better level maps lower on the common scale than a worse one.",
              "s.yaml:14:17: error scale-not-monotonic: level 'green' (0.33) maps lower "
              "than the worse level 'amber' (0.67)"),
        _rule("scale-out-of-range", _E, "scales",
              "A position on the common scale is outside 0 to 1.",
              "s.yaml:9:17: error scale-out-of-range: 1.5 is outside the common scale [0, 1]"),
        _rule("scale-position-partial", _E, "scales",
              "Some levels give a position on the common scale and others do not.",
              "s.yaml:12:5: error scale-position-partial: level 'amber' has no 'normalised' "
              "position but other levels do"),
        _rule("scale-position-missing", _W, "scales",
              "No level gives a position; levels are spread evenly from 0 to 1.",
              "s.yaml:1:1: warning scale-position-missing: no level gives a 'normalised' "
              "position; spreading 4 levels evenly from 0 to 1"),
        # Audits: structure
        _rule("template-unknown", _E, "audits", "The template (or version) named is not known.",
              "audit.json: /template: error template-unknown: unknown template 'notts-2021' "
              "(did you mean 'nottinghamshire-2021'?)"),
        _rule("audit-missing-key", _E, "audits", "A required key of the audit is missing.",
              "audit.json: /completed_on: error audit-missing-key: missing required key "
              "'completed_on'"),
        _rule("audit-unknown-key", _E, "audits", "A key is not part of the audit format.",
              "audit.json: /organization: error audit-unknown-key: unknown key "
              "'organization' (did you mean 'organisation'?)"),
        _rule("audit-type", _E, "audits", "A value has the wrong type.",
              "audit.json: /responses: error audit-type: should be an object, not an array"),
        _rule("audit-status", _E, "audits", "`status` is neither draft nor final.",
              "audit.json: /status: error audit-status: 'done' is not a status "
              "(write 'draft' or 'final')"),
        _rule("completed-on-missing", _E, "audits", "A final audit has no `completed_on`.",
              "audit.json: /completed_on: error completed-on-missing: a final audit needs "
              "'completed_on'"),
        _rule("date-invalid", _E, "audits", "A date is not a real ISO date (YYYY-MM-DD).",
              "audit.json: /completed_on: error date-invalid: '18/06/2021' is not a date "
              "written YYYY-MM-DD (write it as 2021-06-18)"),
        _rule("date-in-future", _E, "audits", "`completed_on` is after today.",
              "audit.json: /completed_on: error date-in-future: 2031-06-18 is in the future "
              "(today is 2026-11-23)"),
        _rule("standard-unknown", _E, "audits", "A response names a standard the template lacks.",
              "audit.json: /responses/1.10: error standard-unknown: no standard '1.10' in "
              "nottinghamshire-2021 (did you mean '1.1'?)"),
        _rule("standard-unanswered", _E, "audits",
              "A final audit leaves a standard without a rating.",
              "audit.json: /responses/4.2: error standard-unanswered: standard 4.2 has no "
              "rating; a final audit answers every standard (rate it, or keep the audit as a "
              "draft)"),
        _rule("response-unknown-field", _E, "audits",
              "A response has a key that is not one of the template's fields.",
              "audit.json: /responses/1.1/evidense: error response-unknown-field: unknown "
              "field 'evidense' (did you mean 'evidence'?)"),
        _rule("field-required", _E, "audits",
              "A response field the template requires (for this rating) is missing or blank.",
              "audit.json: /responses/3.1/evidence: error field-required: 'evidence' is "
              "required for rating amber"),
        _rule("field-placeholder", _W, "audits",
              "A field holds placeholder text such as 'TBC', '-' or 'see above'.",
              "audit.json: /responses/3.1/evidence: warning field-placeholder: 'TBC' is a "
              "placeholder, not an answer (write what is in place, or leave the audit as a "
              "draft)"),
        _rule("rating-unknown", _E, "audits", "A rating is not a code of the scale.",
              "audit.json: /responses/1.1/rating: error rating-unknown: 'purple' is not a "
              "rating of scale 'rag' (valid: red, amber, green, n/a)"),
        _rule("rating-not-applicable", _E, "audits",
              "N/A is given where the scale or the standard does not allow it.",
              "audit.json: /responses/1/rating: error rating-not-applicable: scale "
              "'lambeth-5' has no N/A (valid: 1, 2, 3, 4, 5)"),
        _rule("reason-required", _E, "audits", "N/A is given without the reason the scale asks.",
              "audit.json: /responses/6/reason: error reason-required: N/A needs a reason "
              "on scale 'brag' (say why this standard does not apply to your organisation)"),
        _rule("actions-required", _E, "audits", "A rating the template names has no action.",
              "audit.json: /responses/3.1/actions: error actions-required: rating amber "
              "needs at least one action (say what will be done, who leads it and by when)"),
        _rule("action-field-required", _E, "audits",
              "An action lacks a key the template requires (action, lead, due, measure).",
              "audit.json: /responses/3.1/actions/0/lead: error action-field-required: "
              "this template requires a 'lead' for every action"),
        _rule("smart-specific", _W, "audits",
              "The action is too short, or only a vague verb (review, consider, monitor).",
              "audit.json: /responses/3.1/actions/0/action: warning smart-specific: the "
              "action has 2 words; say what will change (write 5 or more words naming what "
              "will be done)"),
        _rule("smart-measurable", _W, "audits",
              "The action has no `measure` and no target in its text.",
              "audit.json: /responses/3.1/actions/0: warning smart-measurable: no measure "
              "of success (add 'measure', or a target such as '90% of staff')"),
        _rule("smart-achievable", _W, "audits",
              "The action's lead is missing or names no one ('all staff', 'TBC').",
              "audit.json: /responses/3.1/actions/0/lead: warning smart-achievable: the lead "
              "names no person or role (such as 'all staff' or 'TBC') (name the person or "
              "role who leads it)"),
        _rule("smart-realistic", _W, "audits",
              "The due date is before the audit or beyond the template's horizon.",
              "audit.json: /responses/3.1/actions/0/due: warning smart-realistic: due "
              "2030-03-31 is more than 24 months after completed_on 2021-06-18"),
        _rule("smart-time-scaled", _W, "audits", "The action has no due date that parses.",
              "audit.json: /responses/3.1/actions/0/due: warning smart-time-scaled: "
              "'ongoing' is not a timescale (write a date, a month, a quarter such as "
              "'Q3 2021/22', or a financial year such as '2021/22')"),
        _rule("organisation-required", _E, "audits",
              "An organisation detail the template requires is missing or blank.",
              "audit.json: /organisation/name: error organisation-required: the "
              "organisation's name is required"),
        _rule("respondent-required", _E, "audits",
              "A respondent detail the template requires is missing or blank.",
              "audit.json: /respondent/email: error respondent-required: 'email' is required"),
        _rule("contact-invalid", _E, "audits",
              "An email, phone number or web address does not look plausible.",
              "audit.json: /respondent/email: error contact-invalid: this is not a "
              "plausible email address (the value is not shown: personal data)"),
        _rule("answer-required", _E, "audits", "A required question is not answered.",
              "audit.json: /answers/approved: error answer-required: question 'approved' "
              "is required"),
        _rule("answer-invalid", _E, "audits", "An answer is not one of the question's choices.",
              "audit.json: /answers/newsletter: error answer-invalid: 'maybe' is not a "
              "choice (choices: yes, no, not yet)"),
        _rule("answer-unknown", _E, "audits", "An answer names a question the template lacks.",
              "audit.json: /answers/aproved: error answer-unknown: unknown question "
              "'aproved' (did you mean 'approved'?)"),
        _rule("final-not-approved", _E, "audits",
              "A final audit lacks the approval answer the template requires.",
              "audit.json: /answers/approved: error final-not-approved: a final audit needs "
              "'approved' answered 'yes'"),
    )
}


def rule(code: str) -> Rule:
    """The catalogue entry for `code`; a KeyError here is a bug in s11schema."""
    return CATALOGUE[code]


@dataclass(slots=True)
class Collector:
    """Gathers findings for one file, filling in the file name once."""

    file: str | None = None
    findings: list[Finding] = field(default_factory=list)

    def add(
        self,
        code: str,
        message: str,
        *,
        path: str = "",
        hint: str | None = None,
        severity: Severity | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.findings.append(
            Finding(
                code=code,
                severity=severity or CATALOGUE[code].severity,
                message=message,
                path=path,
                hint=hint,
                file=self.file,
                line=line,
                column=column,
            )
        )
