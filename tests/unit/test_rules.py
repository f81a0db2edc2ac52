"""Every audit rule in the catalogue: a passing and a failing audit for each code.

Each case starts from a valid audit (an example, or the Lambeth fixture with
fictional respondent details), changes one thing, and checks the finding's
code, JSON Pointer and severity as the validator reports them.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from s11schema import CATALOGUE, Finding, Registry, Report, Severity, Template, UnreadableError
from s11schema._many import validate_many
from s11schema._validate import validate

from ..conftest import DATA, ROOT

EXAMPLES = ROOT / "examples"
AUDITS = DATA / "audits"
TODAY = date(2026, 1, 1)
E, W = Severity.ERROR, Severity.WARNING

Audit = dict[str, Any]
Mutation = Callable[[Audit], None]

#: Valid audits to break one rule at a time. Three are on strict variants of the bundled
#: templates (tests/data/templates, each `extends` its bundled one), so that every rule is
#: switched on; the bundled templates ask only what their sources ask.
BASES: dict[str, Path] = {
    "notts": AUDITS / "bases" / "notts.json",
    "bucks": AUDITS / "bases" / "bucks.json",
    "lambeth": AUDITS / "bases" / "lambeth.json",
    "sglos": EXAMPLES / "south-gloucestershire-2019-20" / "final.json",
    "features": AUDITS / "bases" / "features.json",
}

#: The codes an audit can produce: the audit rules and the reading faults of any file.
AUDIT_CODES = frozenset(
    code for code, rule in CATALOGUE.items() if rule.applies_to in ("audits", "any file")
)

REGISTRY = Registry([DATA / "templates"])


@functools.cache
def _loaded(name: str) -> str:
    return BASES[name].read_text(encoding="utf-8")


def base(name: str) -> Audit:
    """A fresh deep copy of one of the valid base audits."""
    audit: Audit = json.loads(_loaded(name))
    return copy.deepcopy(audit)


def check(audit: Audit, template: Template | None = None) -> Report:
    return validate(audit, template, registry=REGISTRY, today=TODAY)


def run(name: str, mutate: Mutation) -> Report:
    audit = base(name)
    mutate(audit)
    return check(audit)


def put(*keys: str | int, value: Any) -> Mutation:
    """Set the value at a path of keys and indices."""

    def mutate(audit: Audit) -> None:
        target: Any = audit
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return mutate


def unknown_keys(count: int) -> Mutation:
    """Add `count` unknown top-level keys, each its own audit-unknown-key finding."""

    def mutate(audit: Audit) -> None:
        audit.update({f"extra{i}": "x" for i in range(count)})

    return mutate


def drop(*keys: str | int) -> Mutation:
    """Delete the value at a path of keys and indices."""

    def mutate(audit: Audit) -> None:
        target: Any = audit
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]

    return mutate


def chain(*mutations: Mutation) -> Mutation:
    """Apply several changes in order (a draft, say, plus the change under test)."""

    def mutate(audit: Audit) -> None:
        for mutation in mutations:
            mutation(audit)

    return mutate


def nothing(audit: Audit) -> None:
    """Leave the base audit as it is."""


DRAFT = put("status", value="draft")
NOTTS_ACTION = ("responses", "4.2", "actions", 0)
BUCKS_ACTION = ("responses", "4", "actions", 0)


def notts_action(key: str, value: Any) -> Mutation:
    return put(*NOTTS_ACTION, key, value=value)


def bucks_action(key: str, value: Any) -> Mutation:
    return put(*BUCKS_ACTION, key, value=value)


@dataclass(frozen=True)
class Fail:
    """A change that must produce `code` at `path` with `severity`."""

    id: str
    code: str
    base: str
    mutate: Mutation
    path: str
    severity: Severity = E
    #: Text the rendered finding (message and hint) must contain.
    text: str = ""


@dataclass(frozen=True)
class Pass:
    """A near miss: a change that must not produce `code`."""

    id: str
    code: str
    base: str
    mutate: Mutation


NA = "/responses/4.2/actions/0"
#: A mark as `new --from` writes it.
CARRIED = {"from": "nottinghamshire-2019@2019", "standards": ["1.1"]}
BA = "/responses/4/actions/0"

FAILS: list[Fail] = [
    # structure
    Fail("template-typo", "template-unknown", "notts",
         put("template", value="nottinghamshir-2021"), "/template",
         text="did you mean 'nottinghamshire-2021'?"),
    Fail("template-version", "template-unknown", "notts",
         put("template_version", value="2099"), "/template_version", text="'2099'"),
    Fail("no-organisation", "audit-missing-key", "notts", drop("organisation"), "/organisation",
         text="'organisation'"),
    Fail("no-template", "audit-missing-key", "notts", drop("template"), "/template"),
    Fail("no-status", "audit-missing-key", "notts", drop("status"), "/status"),
    Fail("no-responses", "audit-missing-key", "notts", drop("responses"), "/responses"),
    Fail("organization", "audit-unknown-key", "notts",
         put("organization", value={"name": "Example Borough Council"}), "/organization",
         text="did you mean 'organisation'?"),
    Fail("action-key", "audit-unknown-key", "notts", notts_action("owner", "Head of Service"),
         f"{NA}/owner"),
    Fail("responses-array", "audit-type", "notts", put("responses", value=[]), "/responses",
         text="should be an object, not an array"),
    Fail("template-number", "audit-type", "notts", put("template", value=2021), "/template"),
    Fail("action-text", "audit-type", "notts",
         put(*NOTTS_ACTION, value="Deliver a thresholds workshop"), NA),
    Fail("status-done", "audit-status", "notts", put("status", value="done"), "/status",
         text="'done' is not a status"),
    Fail("status-case", "audit-status", "notts", put("status", value="Final"), "/status"),
    Fail("no-completed-on", "completed-on-missing", "notts", drop("completed_on"),
         "/completed_on"),
    Fail("blank-completed-on", "completed-on-missing", "notts", put("completed_on", value=""),
         "/completed_on"),
    Fail("30-february", "date-invalid", "notts", put("completed_on", value="2021-02-30"),
         "/completed_on", text="'2021-02-30'"),
    Fail("day-first", "date-invalid", "notts", put("completed_on", value="18/06/2021"),
         "/completed_on"),
    Fail("future", "date-in-future", "notts", put("completed_on", value="2026-06-18"),
         "/completed_on", text="2026-06-18"),
    Fail("future-draft", "date-in-future", "notts",
         chain(DRAFT, put("completed_on", value="2026-01-02")), "/completed_on"),
    # responses
    Fail("standard-1.10", "standard-unknown", "notts",
         put("responses", "1.10", value={"rating": "green", "evidence": "In place."}),
         "/responses/1.10", text="did you mean '1.1'?"),
    Fail("unanswered", "standard-unanswered", "notts", drop("responses", "5.1"),
         "/responses/5.1"),
    Fail("unrated", "standard-unanswered", "notts", put("responses", "5.1", "rating", value=""),
         "/responses/5.1"),
    Fail("evidense", "response-unknown-field", "notts",
         put("responses", "1.1", "evidense", value="A typo"), "/responses/1.1/evidense",
         text="did you mean 'evidence'?"),
    Fail("evidence-blank", "field-required", "notts",
         put("responses", "1.1", "evidence", value=""), "/responses/1.1/evidence"),
    Fail("evidence-spaces", "field-required", "notts",
         put("responses", "1.1", "evidence", value="  \n "), "/responses/1.1/evidence"),
    Fail("evidence-missing", "field-required", "notts", drop("responses", "4.2", "evidence"),
         "/responses/4.2/evidence"),
    Fail("evidence-bucks", "field-required", "bucks",
         put("responses", "1", "evidence", value=""), "/responses/1/evidence"),
    Fail("tbc", "field-placeholder", "notts", put("responses", "1.1", "evidence", value="TBC"),
         "/responses/1.1/evidence", W),
    Fail("dash", "field-placeholder", "notts", put("responses", "1.1", "evidence", value="-"),
         "/responses/1.1/evidence", W),
    Fail("see-above", "field-placeholder", "notts",
         put("responses", "1.2", "evidence", value="See above"), "/responses/1.2/evidence", W),
    Fail("purple", "rating-unknown", "notts", put("responses", "1.1", "rating", value="purple"),
         "/responses/1.1/rating", text="red, amber, green, n/a"),
    Fail("lambeth-6", "rating-unknown", "lambeth", put("responses", "1", "rating", value="6"),
         "/responses/1/rating", text="1, 2, 3, 4, 5"),
    Fail("rating-true", "rating-unknown", "sglos", put("responses", "4", "rating", value=True),
         "/responses/4/rating"),
    Fail("moderated", "rating-unknown", "notts",
         put("responses", "1.1", "moderated_rating", value="purple"),
         "/responses/1.1/moderated_rating"),
    Fail("lambeth-na", "rating-not-applicable", "lambeth",
         put("responses", "1", "rating", value="n/a"), "/responses/1/rating"),
    Fail("lambeth-not-applicable", "rating-not-applicable", "lambeth",
         put("responses", "7", "rating", value="Not applicable"), "/responses/7/rating"),
    Fail("brag-na", "reason-required", "bucks", drop("responses", "6", "reason"),
         "/responses/6/reason", text="'brag'"),
    Fail("brag-na-blank", "reason-required", "bucks",
         put("responses", "6", "reason", value=" "), "/responses/6/reason"),
    # actions
    Fail("amber-empty", "actions-required", "notts",
         put("responses", "4.2", "actions", value=[]), "/responses/4.2/actions",
         text="amber"),
    Fail("amber-missing", "actions-required", "notts", drop("responses", "4.2", "actions"),
         "/responses/4.2/actions"),
    Fail("red", "actions-required", "notts", put("responses", "1.1", "rating", value="red"),
         "/responses/1.1/actions", text="red"),
    Fail("bucks-amber", "actions-required", "bucks",
         put("responses", "4", "actions", value=[]), "/responses/4/actions"),
    Fail("bucks-lead", "action-field-required", "bucks", drop(*BUCKS_ACTION, "lead"),
         f"{BA}/lead", text="'lead'"),
    Fail("bucks-due", "action-field-required", "bucks", bucks_action("due", ""),
         f"{BA}/due", text="'due'"),
    Fail("notts-action", "action-field-required", "notts", notts_action("action", ""),
         f"{NA}/action"),
    Fail("short", "smart-specific", "notts", notts_action("action", "Update the policy"),
         f"{NA}/action", W),
    Fail("vague", "smart-specific", "notts",
         notts_action("action", "Review the policy and consider next steps"), f"{NA}/action",
         W, text="'review'"),
    Fail("bucks-short", "smart-specific", "bucks", bucks_action("action", "Update the policy"),
         f"{BA}/action", E),
    Fail("no-measure", "smart-measurable", "notts",
         chain(drop(*NOTTS_ACTION, "measure"),
               notts_action("action", "Deliver thresholds workshops to community nursing")),
         NA, W),
    Fail("bucks-no-measure", "smart-measurable", "bucks",
         chain(bucks_action("measure", ""),
               bucks_action("action", "Deliver Prevent awareness workshops to youth leaders")),
         BA, E),
    Fail("all-staff", "smart-achievable", "notts", notts_action("lead", "all staff"),
         f"{NA}/lead", W),
    Fail("lead-tbc", "smart-achievable", "notts", notts_action("lead", "TBC"), f"{NA}/lead", W),
    Fail("no-lead", "smart-achievable", "notts", drop(*NOTTS_ACTION, "lead"), f"{NA}/lead", W),
    Fail("bucks-all-staff", "smart-achievable", "bucks", bucks_action("lead", "All Staff"),
         f"{BA}/lead", E),
    Fail("due-before", "smart-realistic", "notts", notts_action("due", "2025-01-31"),
         f"{NA}/due", W, text="2025-09-15"),
    Fail("due-same-day", "smart-realistic", "notts", notts_action("due", "2025-09-15"),
         f"{NA}/due", W),
    Fail("due-too-late", "smart-realistic", "notts", notts_action("due", "2027-09-16"),
         f"{NA}/due", W, text="24 months"),
    Fail("bucks-too-late", "smart-realistic", "bucks", bucks_action("due", "2030-03-31"),
         f"{BA}/due", E),
    Fail("ongoing", "smart-time-scaled", "notts", notts_action("due", "ongoing"), f"{NA}/due",
         W, text="'ongoing'"),
    Fail("asap", "smart-time-scaled", "notts", notts_action("due", "asap"), f"{NA}/due", W),
    Fail("no-due", "smart-time-scaled", "notts", drop(*NOTTS_ACTION, "due"), f"{NA}/due", W),
    Fail("bucks-ongoing", "smart-time-scaled", "bucks", bucks_action("due", "Ongoing"),
         f"{BA}/due", E),
    # details and questions
    Fail("org-name-blank", "organisation-required", "notts",
         put("organisation", "name", value=""), "/organisation/name"),
    Fail("org-name-missing", "organisation-required", "lambeth",
         drop("organisation", "name"), "/organisation/name"),
    Fail("email-missing", "respondent-required", "lambeth", drop("respondent", "email"),
         "/respondent/email"),
    Fail("name-missing", "respondent-required", "lambeth", drop("respondent", "name"),
         "/respondent/name"),
    Fail("role-blank", "respondent-required", "lambeth", put("respondent", "role", value=""),
         "/respondent/role"),
    Fail("phone-missing", "respondent-required", "lambeth", drop("respondent", "phone"),
         "/respondent/phone"),
    Fail("no-respondent", "respondent-required", "lambeth", drop("respondent"),
         "/respondent/email"),
    Fail("bad-email", "contact-invalid", "lambeth",
         put("respondent", "email", value="alex.example-at-example.org"), "/respondent/email"),
    Fail("bad-phone", "contact-invalid", "lambeth",
         put("respondent", "phone", value="ask for Alex"), "/respondent/phone"),
    Fail("bad-url", "contact-invalid", "lambeth",
         put("organisation", "website", value="our intranet"), "/organisation/website",
         text="'our intranet'"),
    Fail("notts-email", "contact-invalid", "notts",
         put("respondent", value={"email": "alex.example(at)example.org"}), "/respondent/email"),
    Fail("approved-missing", "answer-required", "lambeth", drop("answers", "approved"),
         "/answers/approved"),
    Fail("approved-blank", "answer-required", "lambeth", put("answers", "approved", value=""),
         "/answers/approved"),
    Fail("maybe", "answer-invalid", "lambeth", put("answers", "newsletter", value="maybe"),
         "/answers/newsletter", text="yes, no, not yet"),
    Fail("aproved", "answer-unknown", "lambeth", put("answers", "aproved", value="yes"),
         "/answers/aproved", text="did you mean 'approved'?"),
    Fail("notts-question", "answer-unknown", "notts", put("answers", "approved", value="yes"),
         "/answers/approved"),
    Fail("not-approved", "final-not-approved", "lambeth", put("answers", "approved", value="no"),
         "/answers/approved"),
    Fail("approved-false", "final-not-approved", "lambeth",
         put("answers", "approved", value=False), "/answers/approved"),
    # limits
    Fail("many-actions", "actions-too-many", "notts",
         put("responses", "4.2", "actions", value=[{"action": "Deliver the thresholds "
                                                    "workshop to every team"}] * 201),
         "/responses/4.2/actions"),
    Fail("capped", "findings-omitted", "notts", unknown_keys(101), "", severity=W,
         text="1 more 'audit-unknown-key' findings are not shown"),
    # features a template declares (tests/data/templates/features.yaml)
    Fail("window", "completed-outside-window", "features",
         put("completed_on", value="2025-09-01"), "/completed_on", severity=W,
         text="after the window closed on 2025-07-31"),
    # answers carried from another return (new --from, translate)
    Fail("final-carried", "carried-unconfirmed", "notts",
         put("responses", "1.1", "carried", value=CARRIED), "/responses/1.1/carried",
         text="the answer to 1.1 was carried from 'nottinghamshire-2019@2019' and is not "
              "confirmed (check the answer still holds, then delete 'carried')"),
    Fail("standards-text", "carried-invalid", "notts",
         chain(DRAFT, put("responses", "1.1", "carried", value={**CARRIED, "standards": "1.1"})),
         "/responses/1.1/carried/standards",
         text="should be a list of standard ids, not '1.1'"),
    Fail("form", "carried-invalid", "notts",
         chain(DRAFT, put("responses", "1.1", "carried",
                          value={"form": "x", "standards": ["1.1"]})),
         "/responses/1.1/carried/form", text="did you mean 'from'?"),
    Fail("no-from", "carried-invalid", "notts",
         chain(DRAFT, put("responses", "1.1", "carried", value={"standards": ["1.1"]})),
         "/responses/1.1/carried/from", text="missing key 'from'"),
    Fail("carried-true", "carried-invalid", "notts",
         chain(DRAFT, put("responses", "1.1", "carried", value=True)),
         "/responses/1.1/carried", text="should be an object, not true or false"),
    Fail("status", "action-status-invalid", "features",
         put("responses", "1.1", "actions", 0, "status", value="finished"),
         "/responses/1.1/actions/0/status", text="'finished'"),
    Fail("done-on", "action-status-invalid", "features",
         put("responses", "1.1", "actions", 0, "done_on", value="last week"),
         "/responses/1.1/actions/0/done_on"),
    Fail("criterion-partly", "criterion-invalid", "features",
         put("responses", "1.3", "criteria", "c1", value="partly"),
         "/responses/1.3/criteria/c1"),
    Fail("criterion-c9", "criterion-unknown", "features",
         put("responses", "1.3", "criteria", "c9", value="met"), "/responses/1.3/criteria/c9",
         text="criteria: c1, c2, c3"),
    Fail("percentage", "field-invalid", "features", put("responses", "1.1", "trained",
                                                        value="most"),
         "/responses/1.1/trained", text="'most' is not a percentage"),
    Fail("over-100", "field-invalid", "features", put("responses", "1.1", "trained",
                                                      value="120%"),
         "/responses/1.1/trained"),
    Fail("not-a-date", "field-invalid", "features",
         put("responses", "1.1", "reviewed_on", value="last spring"),
         "/responses/1.1/reviewed_on"),
    Fail("not-a-choice", "field-invalid", "features",
         put("responses", "1.1", "source", value="borrowed"), "/responses/1.1/source",
         text="own, shared"),
    Fail("no-moderation", "moderated-rating-required", "features",
         drop("responses", "1.1", "moderated_rating"), "/responses/1.1/moderated_rating"),
    Fail("qualified-without-note", "note-required", "features", drop("responses", "1.2", "note"),
         "/responses/1.2/note", text="'yes*'"),
    Fail("rated-anyway", "rating-not-asked", "features",
         put("responses", "1.5", "rating", value="green"), "/responses/1.5/rating"),
    Fail("criteria-rated-instead", "rating-not-asked", "features",
         put("responses", "1.3", "rating", value="green"), "/responses/1.3/rating",
         text="scored by its criteria"),
    Fail("voluntary", "standard-out-of-scope", "features",
         put("organisation", "kind", value="voluntary"), "/responses/1.4", severity=W,
         text="statutory"),
]

PASSES: list[Pass] = [
    Pass("right-version", "template-unknown", "notts", put("template_version", value="2021")),
    Pass("no-version", "template-unknown", "lambeth", nothing),
    Pass("optional-keys-absent", "audit-missing-key", "notts",
         chain(DRAFT, drop("answers"), drop("completed_on"))),
    Pass("every-key", "audit-unknown-key", "notts",
         chain(put("template_version", value="2021"),
               put("respondent", value={"name": "Alex Example", "role": "Lead"}))),
    Pass("empty-responses", "audit-type", "notts", chain(DRAFT, put("responses", value={}))),
    Pass("draft", "audit-status", "notts", DRAFT),
    Pass("draft-undated", "completed-on-missing", "notts", chain(DRAFT, drop("completed_on"))),
    Pass("leap-day", "date-invalid", "notts", put("completed_on", value="2024-02-29")),
    Pass("today", "date-in-future", "notts", put("completed_on", value=TODAY.isoformat())),
    Pass("known-standard", "standard-unknown", "notts",
         put("responses", "1.1", "rating", value="green")),
    Pass("draft-gap", "standard-unanswered", "notts", chain(DRAFT, drop("responses", "5.1"))),
    Pass("reserved-keys", "response-unknown-field", "notts",
         chain(put("responses", "1.1", "moderated_rating", value="green"),
               put("responses", "1.1", "reason", value="Moderated at the panel"))),
    Pass("na-no-evidence", "field-required", "notts",
         chain(put("responses", "1.1", "rating", value="n/a"),
               put("responses", "1.1", "evidence", value=""))),
    Pass("optional-field", "field-required", "lambeth",
         put("responses", "7", "working_well", value="")),
    Pass("tbc-in-a-sentence", "field-placeholder", "notts",
         put("responses", "1.1", "evidence", value="TBC by the board in March; policy live.")),
    Pass("capital-green", "rating-unknown", "notts",
         put("responses", "1.1", "rating", value="Green")),
    Pass("alias-g", "rating-unknown", "notts", put("responses", "1.1", "rating", value="G")),
    Pass("padded", "rating-unknown", "notts", put("responses", "1.1", "rating", value=" GREEN ")),
    Pass("ofsted-int", "rating-unknown", "sglos", put("responses", "5", "rating", value=3)),
    Pass("ofsted-alias", "rating-unknown", "sglos",
         put("responses", "5", "rating", value="Outstanding")),
    Pass("rag-na", "rating-not-applicable", "notts",
         put("responses", "1.1", "rating", value="N/A")),
    Pass("rag-not-applicable", "rating-not-applicable", "notts",
         put("responses", "1.1", "rating", value="not applicable")),
    Pass("rag-na-no-reason", "reason-required", "notts",
         put("responses", "1.1", "rating", value="n/a")),
    Pass("green-no-actions", "actions-required", "notts",
         drop("responses", "1.1", "actions")),
    Pass("lambeth-no-rule", "actions-required", "lambeth",
         chain(put("responses", "4", "rating", value="1"),
               put("responses", "4", "actions", value=[]))),
    Pass("notts-lead-optional", "action-field-required", "notts", drop(*NOTTS_ACTION, "lead")),
    Pass("concrete-verb", "smart-specific", "notts",
         notts_action("action", "Review the policy and publish the updated version")),
    Pass("target-in-text", "smart-measurable", "notts",
         chain(drop(*NOTTS_ACTION, "measure"),
               notts_action("action", "Deliver thresholds training to 95% of staff"))),
    Pass("named-lead", "smart-achievable", "notts",
         notts_action("lead", "Head of Safeguarding")),
    Pass("last-day-of-horizon", "smart-realistic", "notts", notts_action("due", "2027-09-15")),
    # A done or dropped action is last cycle's record, not a plan: no SMART checks.
    Pass("done-last-cycle", "smart-realistic", "notts",
         chain(notts_action("due", "2024-03-31"), notts_action("status", "done"))),
    Pass("dropped-vague", "smart-specific", "notts",
         chain(notts_action("action", "Review"), notts_action("status", "Dropped"))),
    Pass("quarter", "smart-time-scaled", "notts",
         chain(put("completed_on", value="2021-06-18"), notts_action("due", "Q3 2021/22"))),
    Pass("relative", "smart-time-scaled", "notts", notts_action("due", "within 6 months")),
    Pass("draft-no-name", "organisation-required", "notts",
         chain(DRAFT, put("organisation", "name", value=""))),
    Pass("bucks-nothing-required", "respondent-required", "bucks", drop("respondent")),
    Pass("lambeth-draft", "respondent-required", "lambeth", chain(DRAFT, drop("respondent"))),
    Pass("good-contacts", "contact-invalid", "lambeth",
         chain(put("respondent", "phone", value="+44 1234 567890 ext 12"),
               put("organisation", "website", value="www.example.org"))),
    Pass("optional-question", "answer-required", "lambeth", drop("answers", "newsletter")),
    Pass("draft-unapproved", "answer-required", "lambeth",
         chain(DRAFT, drop("answers", "approved"))),
    Pass("not-yet-caps", "answer-invalid", "lambeth",
         put("answers", "newsletter", value="Not Yet")),
    Pass("approved-true", "answer-invalid", "lambeth", put("answers", "approved", value=True)),
    Pass("known-question", "answer-unknown", "lambeth", put("answers", "ideas", value="")),
    Pass("draft-not-approved", "final-not-approved", "lambeth",
         chain(DRAFT, put("answers", "approved", value="no"))),
    Pass("approved-yes-caps", "final-not-approved", "lambeth",
         put("answers", "approved", value="YES")),
    Pass("at-the-cap", "findings-omitted", "notts", unknown_keys(100)),
    Pass("two-hundred-actions", "actions-too-many", "notts",
         put("responses", "4.2", "actions", value=[{"action": "Deliver the thresholds "
                                                    "workshop to every team"}] * 200)),
    Pass("month-in-window", "completed-outside-window", "features",
         put("completed_on", value="2025-07")),
    Pass("draft-carried", "carried-unconfirmed", "notts",
         chain(DRAFT, put("responses", "1.1", "carried", value=CARRIED))),
    Pass("whole-mark", "carried-invalid", "notts",
         chain(DRAFT, put("responses", "1.1", "carried",
                          value={**CARRIED, "text_changed": True, "by": "domain",
                                 "rating": "amber"}))),
    Pass("done", "action-status-invalid", "features",
         chain(put("responses", "1.1", "actions", 0, "status", value="Done"),
               put("responses", "1.1", "actions", 0, "done_on", value="2025-11"))),
    Pass("criterion-na", "criterion-invalid", "features",
         put("responses", "1.3", "criteria", "c1", value="N/A")),
    Pass("criteria-known", "criterion-unknown", "features",
         put("responses", "1.3", "criteria", value={"c1": "met", "c2": "met", "c3": "met"})),
    Pass("percent-number", "field-invalid", "features",
         chain(put("responses", "1.1", "trained", value=85),
               put("responses", "1.1", "source", value="joint"),
               put("responses", "1.1", "reviewed_on", value="2024-03-31"))),
    Pass("draft-unmoderated", "moderated-rating-required", "features",
         chain(put("status", value="draft"), drop("responses", "1.1", "moderated_rating"))),
    Pass("plain-yes", "note-required", "features",
         chain(put("responses", "1.2", "rating", value="yes"), drop("responses", "1.2", "note"))),
    Pass("marked-unanswered", "rating-not-asked", "features",
         put("responses", "1.5", "rating", value="-")),
    Pass("voluntary-unanswered", "standard-out-of-scope", "features",
         chain(put("organisation", "kind", value="voluntary"), drop("responses", "1.4"))),
]


def _findings(report: Report, code: str) -> list[Finding]:
    return [f for f in report.findings if f.code == code]


@pytest.mark.parametrize("name", sorted(BASES))
def test_base_audit_is_clean(name: str) -> None:
    """Every base audit the cases start from validates with no findings at all."""
    report = check(base(name))
    assert report.findings == ()
    assert report.completeness == 1.0


@pytest.mark.parametrize("case", FAILS, ids=[f"{c.code}:{c.id}" for c in FAILS])
def test_failing_audit(case: Fail) -> None:
    """One change to a valid audit gives the rule's code at the expected pointer and severity."""
    report = run(case.base, case.mutate)
    found = _findings(report, case.code)
    assert found, f"no {case.code} in {[str(f) for f in report.findings]}"
    matching = [f for f in found if f.pointer == case.path and f.severity is case.severity]
    assert matching, [(f.pointer, str(f.severity)) for f in found]
    assert any(case.text in str(f) for f in matching), [str(f) for f in matching]


@pytest.mark.parametrize("case", PASSES, ids=[f"{c.code}:{c.id}" for c in PASSES])
def test_passing_audit(case: Pass) -> None:
    """A near miss of the rule does not produce its code."""
    report = run(case.base, case.mutate)
    assert _findings(report, case.code) == []


# ----------------------------------------------------------------- reading faults


def _read(raw: bytes) -> tuple[Finding, ...]:
    try:
        return validate(raw, registry=REGISTRY, today=TODAY).findings
    except UnreadableError as error:
        return error.findings


def _read_file(raw: bytes, tmp_path: Path, *, max_bytes: int | None = None) -> tuple[Finding, ...]:
    path = tmp_path / "audit.json"
    path.write_bytes(raw)
    (report,) = validate_many([path], registry=REGISTRY, today=TODAY, max_bytes=max_bytes)
    return report.findings


def _notts_bytes() -> bytes:
    return _loaded("notts").encode("utf-8")


def _duplicated_status() -> bytes:
    text = _loaded("notts")
    assert text.count('"status": "final"') == 1
    return text.replace('"status": "final"', '"status": "final",\n  "status": "final"').encode()


@dataclass(frozen=True)
class Read:
    """Raw input that gives a reading fault (or, with `good`, input that does not)."""

    id: str
    code: str
    produce: Callable[[Path], tuple[Finding, ...]]
    path: str = ""
    line: int | None = None
    column: int | None = None


READ_FAILS: list[Read] = [
    Read("truncated", "json-syntax", lambda _: _read(b'{"template": "lambeth",\n"status": '),
         line=2, column=11),
    Read("nan", "json-syntax", lambda _: _read(b'{"template": NaN}'), line=1, column=14),
    Read("trailing", "json-syntax", lambda _: _read(b'{"template": "lambeth"} {}'), line=1),
    Read("duplicate", "json-duplicate-key", lambda _: _read(_duplicated_status()),
         path="/status"),
    Read("array", "json-not-object", lambda _: _read(b"[]")),
    Read("string", "json-not-object", lambda _: _read(b'"an audit"')),
    Read("empty", "file-empty", lambda _: _read(b"")),
    Read("blank", "file-empty", lambda _: _read(b"  \n\t\n")),
    Read("latin-1", "file-encoding", lambda _: _read(b'{\n  "template": "caf\xe9"\n}'),
         line=2, column=19),
    Read("deep", "file-too-deep", lambda _: _read(b"[" * 100_000)),
    Read("deep-valid", "file-too-deep", lambda _: _read(b"[" * 100_000 + b"]" * 100_000)),
    Read("large", "file-too-large", lambda tmp: _read_file(_notts_bytes(), tmp, max_bytes=100)),
    Read("missing", "file-unreadable",
         lambda tmp: tuple(next(iter(validate_many([tmp / "missing.json"]))).findings)),
]

READ_PASSES: list[Read] = [
    Read("valid-json", "json-syntax", lambda _: _read(_notts_bytes())),
    Read("one-status", "json-duplicate-key", lambda _: _read(_notts_bytes())),
    Read("object", "json-not-object", lambda _: _read(_notts_bytes())),
    Read("not-empty", "file-empty", lambda _: _read(_notts_bytes())),
    Read("utf-8-with-bom", "file-encoding", lambda _: _read(b"\xef\xbb\xbf" + _notts_bytes())),
    Read("shallow", "file-too-deep", lambda _: _read(_notts_bytes())),
    Read("under-limit", "file-too-large",
         lambda tmp: _read_file(_notts_bytes(), tmp, max_bytes=len(_notts_bytes()))),
    Read("exists", "file-unreadable", lambda tmp: _read_file(_notts_bytes(), tmp)),
]


@pytest.mark.parametrize("case", READ_FAILS, ids=[f"{c.code}:{c.id}" for c in READ_FAILS])
def test_reading_fault(case: Read, tmp_path: Path) -> None:
    """Input that cannot be read as an audit gives the reading code, as an error, in place."""
    found = [f for f in case.produce(tmp_path) if f.code == case.code]
    assert len(found) == 1, found
    (finding,) = found
    assert finding.severity is E
    assert finding.pointer == case.path
    if case.line is not None:
        assert finding.line == case.line
    if case.column is not None:
        assert finding.column == case.column


@pytest.mark.parametrize("case", READ_PASSES, ids=[f"{c.code}:{c.id}" for c in READ_PASSES])
def test_reading_passes(case: Read, tmp_path: Path) -> None:
    """Readable input gives none of the reading codes (and, here, no findings at all)."""
    assert case.produce(tmp_path) == ()


# ----------------------------------------------------------------- coverage of the catalogue


def test_every_audit_code_has_a_failing_case() -> None:
    """Each audit code in the catalogue is produced by at least one failing case here."""
    covered = {c.code for c in FAILS} | {c.code for c in READ_FAILS}
    assert covered >= AUDIT_CODES, sorted(AUDIT_CODES - covered)
    assert covered <= set(CATALOGUE)


def test_every_audit_code_has_a_passing_case() -> None:
    """Each audit code in the catalogue has at least one near miss that does not produce it."""
    covered = {c.code for c in PASSES} | {c.code for c in READ_PASSES}
    assert covered >= AUDIT_CODES, sorted(AUDIT_CODES - covered)


def test_audit_codes_are_the_expected_set() -> None:
    """The audit codes are the catalogue's audit rules plus the reading faults of any file."""
    assert {"json-syntax", "json-duplicate-key", "json-not-object", "file-empty",
            "file-encoding", "file-too-deep", "file-too-large", "template-unknown",
            "final-not-approved", "smart-time-scaled"} <= AUDIT_CODES
    assert "yaml-syntax" not in AUDIT_CODES
    assert "unknown-scale" not in AUDIT_CODES


def test_severities_match_the_catalogue() -> None:
    """Outside SMART (set by each template), every failing case reports the catalogue severity."""
    for case in FAILS:
        if not case.code.startswith("smart-"):
            assert case.severity is CATALOGUE[case.code].severity, case.id


# ----------------------------------------------------------------- details of single rules


def test_template_unknown_stops_the_other_rules() -> None:
    """With an unknown template nothing else can be checked, and the report says so."""
    report = run("notts", put("template", value="nottinghamshire-2012"))
    assert [f.code for f in report.findings] == ["template-unknown"]
    assert report.template is None
    assert report.total == 0
    assert report.completeness == 0.0


def test_template_version_lists_the_versions() -> None:
    """An unknown template_version names the versions that exist."""
    report = run("notts", put("template_version", value="2099"))
    (finding,) = _findings(report, "template-unknown")
    assert "2021" in str(finding)


def test_draft_with_a_gap_has_no_error_and_partial_completeness() -> None:
    """A draft may leave standards unrated; completeness is answered / total."""
    report = run("notts", chain(DRAFT, drop("responses", "5.1"), drop("responses", "6.1"),
                                put("responses", "7.1", "rating", value="")))
    assert report.ok
    assert report.errors == ()
    assert report.status == "draft"
    assert (report.answered, report.total) == (21, 24)
    assert report.completeness == pytest.approx(21 / 24)
    assert report.completeness < 1


def test_final_with_the_same_gap_has_one_error_per_standard() -> None:
    """The same gaps in a final audit are one standard-unanswered error each."""
    report = run("notts", chain(drop("responses", "5.1"), drop("responses", "6.1")))
    assert {f.pointer for f in report.errors} == {"/responses/5.1", "/responses/6.1"}
    assert {f.code for f in report.errors} == {"standard-unanswered"}


def test_not_applicable_counts_as_answered() -> None:
    """N/A is an answer: it counts towards completeness."""
    report = run("notts", put("responses", "1.1", "rating", value="n/a"))
    assert report.ok
    assert report.answered == report.total == 24


@pytest.mark.parametrize("rating", ["Green", "GREEN", "G", "g", " green "])
def test_ratings_match_case_insensitively_and_by_alias(rating: str) -> None:
    """A rating written in any case, or as an alias, is the same as the code."""
    report = run("notts", put("responses", "1.1", "rating", value=rating))
    assert report.findings == ()
    assert report.answered == 24


@pytest.mark.parametrize("rating", ["A", "Amber", "aMbEr"])
def test_alias_keeps_the_rules_of_its_code(rating: str) -> None:
    """An alias of amber still needs an action, as amber does."""
    report = run("notts", chain(put("responses", "4.2", "rating", value=rating),
                                put("responses", "4.2", "actions", value=[])))
    assert [(f.code, f.pointer) for f in report.errors] == [
        ("actions-required", "/responses/4.2/actions")]


def test_integer_rating_equals_its_text_on_ofsted_4() -> None:
    """On ofsted-4 the number 3 and the text "3" give the same report."""
    as_text = run("sglos", put("responses", "5", "rating", value="3"))
    as_int = run("sglos", put("responses", "5", "rating", value=3))
    assert as_int.findings == as_text.findings == ()
    assert as_int.answered == as_text.answered == as_int.total


def test_rating_unknown_lists_the_valid_codes() -> None:
    """The rating-unknown finding names the scale and lists its valid codes."""
    report = run("bucks", put("responses", "1", "rating", value="purple"))
    (finding,) = _findings(report, "rating-unknown")
    assert "'brag'" in finding.message
    assert "red, amber, green, blue, n/a" in str(finding)


def test_rating_not_applicable_on_a_scale_without_na() -> None:
    """On lambeth-5, which has no N/A, the hint lists only the five levels."""
    report = run("lambeth", put("responses", "2", "rating", value="N/A"))
    (finding,) = _findings(report, "rating-not-applicable")
    assert finding.pointer == "/responses/2/rating"
    assert finding.hint is not None
    assert "1, 2, 3, 4, 5" in finding.hint
    assert "n/a" not in finding.hint


@functools.cache
def _notts_without_na_on_1_1() -> Template:
    data = REGISTRY.template("notts-strict").model_dump(by_alias=True)
    data["sections"][0]["standards"][0]["not_applicable"] = False
    return Template.model_validate(data)


def test_rating_not_applicable_where_the_standard_forbids_it() -> None:
    """A standard with `not_applicable: false` refuses N/A even though its scale has one."""
    template = _notts_without_na_on_1_1()
    audit = base("notts")
    audit["responses"]["1.1"]["rating"] = "n/a"
    report = check(audit, template)
    (finding,) = _findings(report, "rating-not-applicable")
    assert finding.pointer == "/responses/1.1/rating"
    assert finding.severity is E
    assert "1.1" in finding.message
    audit["responses"]["1.1"]["rating"] = "green"
    audit["responses"]["1.2"]["rating"] = "n/a"
    assert check(audit, template).findings == ()


def test_placeholders_are_warnings_only() -> None:
    """Placeholder evidence warns but leaves the audit valid."""
    report = run("notts", chain(put("responses", "1.1", "evidence", value="TBC"),
                                put("responses", "1.2", "evidence", value="-"),
                                put("responses", "1.3", "evidence", value="see above")))
    assert report.ok
    assert [(f.code, f.pointer) for f in report.warnings] == [
        ("field-placeholder", "/responses/1.1/evidence"),
        ("field-placeholder", "/responses/1.2/evidence"),
        ("field-placeholder", "/responses/1.3/evidence"),
    ]


SMART_BREAKS: dict[str, tuple[str, Any]] = {
    "smart-specific": ("action", "Update the policy"),
    "smart-achievable": ("lead", "all staff"),
    "smart-realistic": ("due", "2030-03-31"),
    "smart-time-scaled": ("due", "ongoing"),
}


@pytest.mark.parametrize(("name", "severity"), [("notts", W), ("bucks", E)])
@pytest.mark.parametrize("code", sorted([*SMART_BREAKS, "smart-measurable"]))
def test_smart_severity_follows_the_template_policy(code: str, name: str,
                                                     severity: Severity) -> None:
    """Nottinghamshire's SMART findings are warnings; Buckinghamshire's are errors."""
    where = NOTTS_ACTION if name == "notts" else BUCKS_ACTION
    if code == "smart-measurable":
        mutate = chain(put(*where, "measure", value=""),
                       put(*where, "action", value="Deliver awareness workshops to volunteers"))
    else:
        key, value = SMART_BREAKS[code]
        mutate = put(*where, key, value=value)
    report = run(name, mutate)
    found = _findings(report, code)
    assert [f.severity for f in found] == [severity]
    assert report.ok is (severity is W)


def test_contact_invalid_never_shows_personal_values() -> None:
    """Bad respondent email and phone are reported without repeating the value."""
    email, phone = "alex.example-at-example.org", "ask for Alex on 0"
    report = run("lambeth", chain(put("respondent", "email", value=email),
                                  put("respondent", "phone", value=phone)))
    found = _findings(report, "contact-invalid")
    assert {f.pointer for f in found} == {"/respondent/email", "/respondent/phone"}
    for finding in found:
        assert email not in str(finding)
        assert phone not in str(finding)
        assert "Alex" not in str(finding)
        assert "personal data" in finding.message


def test_contact_invalid_shows_an_organisation_web_address() -> None:
    """An organisation's web address is not personal, so the message quotes it."""
    report = run("lambeth", put("organisation", "website", value="our intranet"))
    (finding,) = _findings(report, "contact-invalid")
    assert "'our intranet'" in finding.message
    assert "web address" in finding.message


@pytest.mark.parametrize("value", ["alex.example@example.org", "alex+s11@mail.example.co.uk"])
def test_plausible_emails_pass(value: str) -> None:
    """Ordinary email addresses are plausible."""
    report = run("lambeth", put("respondent", "email", value=value))
    assert report.findings == ()


@pytest.mark.parametrize("value", ["01234 567890", "+44 (0)1234 567890", "01234-567890 x 204"])
def test_plausible_phones_pass(value: str) -> None:
    """Phone numbers written the usual ways are plausible."""
    report = run("lambeth", put("respondent", "phone", value=value))
    assert report.findings == ()


def test_final_not_approved_only_in_a_final_audit() -> None:
    """Approved 'no' is an error in a final audit and fine in a draft."""
    final = run("lambeth", put("answers", "approved", value="no"))
    draft = run("lambeth", chain(DRAFT, put("answers", "approved", value="no")))
    assert [f.code for f in final.errors] == ["final-not-approved"]
    assert draft.findings == ()


def test_action_field_required_suppresses_the_smart_check_of_that_key() -> None:
    """A missing required lead is reported once, as action-field-required, not also as SMART."""
    report = run("bucks", drop(*BUCKS_ACTION, "lead"))
    assert [(f.code, f.pointer) for f in report.findings] == [
        ("action-field-required", f"{BA}/lead")]


def test_rushcliffe_due_within_the_financial_year_is_realistic() -> None:
    """'Q3 2021/22' is a timescale and, after 18 June 2021, a realistic one."""
    report = run("notts", chain(put("completed_on", value="2021-06-18"),
                                notts_action("due", "Q3 2021/22")))
    assert [f for f in report.findings if f.pointer.startswith(NA)] == []


# ----------------------------------------------------------------- regressions
# Bugs found while writing these tests (fixed in src since): kept as plain tests.


def test_unknown_key_pointer_is_escaped() -> None:
    """An unknown top-level key containing '/' or '~' is pointed at with RFC 6901 escapes."""
    report = run("notts", put("notes/extra~1", value="draft notes"))
    (finding,) = _findings(report, "audit-unknown-key")
    assert finding.pointer == "/notes~1extra~01"


def test_week_date_is_not_a_calendar_date() -> None:
    """completed_on must be YYYY-MM-DD; an ISO week date is refused."""
    report = run("notts", put("completed_on", value="2021-W01-1"))
    assert [f.pointer for f in _findings(report, "date-invalid")] == ["/completed_on"]


def test_unknown_template_id_containing_version_points_at_template() -> None:
    """An unknown template whose id contains 'version' is reported at /template."""
    report = run("notts", put("template", value="conversion-2021"))
    (finding,) = _findings(report, "template-unknown")
    assert finding.pointer == "/template"
