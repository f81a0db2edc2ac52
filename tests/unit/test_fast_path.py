"""The fast path against the rules: every audit gets the same report either way.

`check(..., reference=True)` runs each rule whole; the default skips each unit the
template's plan proves clean. The property tests hold the two to identical findings,
ratings and checked audits over generated audits (valid, broken by one rule, and
perturbed at random) for every bundled template and the features template; the
examples show, for each rule family, an audit the fast path declines and the rule
reports.
"""

from __future__ import annotations

import copy
import random
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s11schema import Registry, _fast, default_registry
from s11schema._fast import COVERED
from s11schema._plan import Plan
from s11schema._rules import RULES, CompiledTemplate
from s11schema._templates import Template
from s11schema._validate import check, compiled_template, plan_for
from s11schema.readers import AuditDocument
from s11schema.testing import MUTATIONS, generate_audit

from ..conftest import ROOT

REGISTRY = Registry([ROOT / "tests" / "data" / "templates"])
TEMPLATES = sorted({t.id for t in default_registry().templates()} | {"features"})
TODAY = date(2026, 1, 1)
#: Completion dates: inside and outside windows and horizons, a month, and none given.
COMPLETED = (date(2019, 4, 1), date(2021, 3, 31), date(2025, 6, 30), date(2025, 12, 31))

#: Values a perturbation writes anywhere in an audit: each is a finding somewhere.
JUNK: tuple[Any, ...] = (
    None, "", " ", "TBC", "n/a", "N/A", "na", "yes", "no", "met", "not met", "Green",
    "g", "1", "3", "4*", "Yes*", 1, 3, 2.5, -1, 150, True, False, [], ["x"], [1], {}, {"x": 1},
    "2025-06", "2025-06-31", "2999-01-01", "2019-01-01", "2025-06-30", "within 6 months",
    "March 2026", "ongoing", "done", "dropped", "in progress", "manager", "Team",
    "Jo Bloggs, DSL", "someone@example.org", "not an email", "0115 123 4567", "draft",
    "final", "2024/25", "a" * 40, "Review", "Review policy",
    "Deliver safeguarding training to 100% of frontline staff by March 2026",
    {"from": "lambeth@2021", "standards": ["1"]}, {"from": "", "standards": "1"},
)
KEYS = ("rating", "moderated_rating", "note", "reason", "criteria", "carried", "evidence",
        "actions", "action", "lead", "due", "measure", "status", "done_on", "kind", "name",
        "email", "phone", "completed_on", "cycle", "moderation", "on", "by", "unknown")


def _template(template_id: str) -> Template:
    return REGISTRY.template(template_id)


def _both(audit: dict[str, Any], template: Template, today: date = TODAY
          ) -> tuple[int, int] | None:
    """The fast path and the rules agree on everything the report holds; where the whole
    audit is proved clean with the plan alone (as a cached plan is used), the rules find
    nothing either, and count the same standards answered; where it is not, the rules
    taking up from where that proof stopped agree too. (answered, asked) where proved
    clean, else None."""
    fast = check(AuditDocument("audit.json", copy.deepcopy(audit)), template,
                 registry=REGISTRY, today=today)
    whole = check(AuditDocument("audit.json", copy.deepcopy(audit)), template,
                  registry=REGISTRY, today=today, reference=True)
    assert [str(f) for f in fast.findings] == [str(f) for f in whole.findings]
    assert fast.findings == whole.findings
    assert fast.audit is not None
    assert whole.audit is not None
    assert fast.audit.ratings == whole.audit.ratings
    assert fast.audit.moderated == whole.audit.moderated
    assert fast.audit == whole.audit
    assert (fast.answered, fast.total, fast.status) == (whole.answered, whole.total,
                                                        whole.status)
    assert fast == whole
    plan = plan_for(template, REGISTRY)
    proof, clean = _fast.attempt(plan, copy.deepcopy(audit), today)
    if clean:
        assert whole.findings == ()
        assert proof.counts(plan) == (whole.answered, whole.total)
        return proof.counts(plan)
    # as `validate` over many files checks it: the rules take up where a cached plan's
    # proof stopped
    resumed = check(AuditDocument("audit.json", copy.deepcopy(audit)), template,
                    registry=REGISTRY, today=today, proof=proof)
    assert resumed == whole
    assert resumed.audit == whole.audit
    return None


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into the audit's objects and lists."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*path, index))
    return found


def _perturb(audit: dict[str, Any], rng: random.Random) -> None:
    """Replace, delete or add one value somewhere in the audit."""
    path = rng.choice(_places(audit)[1:] or [()])
    if not path:
        return
    parent: Any = audit
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    roll = rng.random()
    if roll < 0.6:
        parent[last] = copy.deepcopy(rng.choice(JUNK))
    elif roll < 0.75:
        del parent[last]
    elif isinstance(parent, dict):
        parent[rng.choice(KEYS)] = copy.deepcopy(rng.choice(JUNK))
    else:
        parent.append(copy.deepcopy(rng.choice(JUNK)))


def _generated(template: Template, seed: int, status: str, completed: date) -> dict[str, Any]:
    rng = random.Random(seed)
    return generate_audit(template, rng, registry=REGISTRY, status=status,
                          completed_on=completed, qualified=rng.random() < 0.5)


@given(seed=st.integers(0, 2**32), template_id=st.sampled_from(TEMPLATES),
       status=st.sampled_from(("final", "draft")), completed=st.sampled_from(COMPLETED))
def test_valid_audits_agree(seed: int, template_id: str, status: str, completed: date) -> None:
    """A generated valid audit: the same (empty) findings, ratings and checked audit."""
    template = _template(template_id)
    audit = _generated(template, seed, status, completed)
    proved = _both(audit, template)
    if not check(AuditDocument("audit.json", audit), template, registry=REGISTRY,
                 today=TODAY).findings:
        assert proved is not None  # what has no findings at all, the plan alone proves so


@given(seed=st.integers(0, 2**32), template_id=st.sampled_from(TEMPLATES),
       mutation=st.sampled_from(MUTATIONS), completed=st.sampled_from(COMPLETED))
def test_audits_broken_by_one_rule_agree(seed: int, template_id: str, mutation: Any,
                                         completed: date) -> None:
    """Each of the generator's mutations: the same findings either way."""
    template = _template(template_id)
    audit = _generated(template, seed, "final", completed)
    mutation(audit, template, random.Random(seed))
    _both(audit, template)


@given(seed=st.integers(0, 2**32), template_id=st.sampled_from(TEMPLATES),
       status=st.sampled_from(("final", "draft")), completed=st.sampled_from(COMPLETED),
       changes=st.integers(1, 6))
def test_perturbed_audits_agree(seed: int, template_id: str, status: str, completed: date,
                                changes: int) -> None:
    """Values replaced, deleted or added anywhere: the same findings either way."""
    template = _template(template_id)
    audit = _generated(template, seed, status, completed)
    rng = random.Random(seed + 1)
    for _ in range(changes):
        _perturb(audit, rng)
    _both(audit, template, today=rng.choice((TODAY, date(2025, 7, 1), date(2020, 1, 1))))


def test_every_rule_the_fast_path_covers_runs_in_order() -> None:
    """The fast units are for rules that exist; the others run whole."""
    names = tuple(rule.name for rule in RULES)
    assert set(COVERED) <= set(names)
    plan = plan_for(_template("features"), REGISTRY)
    assert isinstance(plan, Plan)
    assert plan.rules == names


# ---------------------------------------------------------------- examples

#: The fast units, by the name `declined` records them under.
UNITS = ("structure", "response", "final", "details", "answers")


@pytest.fixture
def declined(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The fast units that declined (returned False) while the test ran, by name."""
    names: list[str] = []

    def watch(name: str, unit: Any) -> Any:
        def watched(*args: Any) -> Any:
            proved = unit(*args)
            if not proved:
                names.append(name)
            return proved

        return watched

    for name in UNITS:
        monkeypatch.setattr(_fast, name, watch(name, getattr(_fast, name)))
    monkeypatch.setattr(_fast.ActionRun, "response",
                        watch("actions", _fast.ActionRun.response))
    return names


def _valid(template_id: str = "features", status: str = "final") -> tuple[dict[str, Any],
                                                                         Template]:
    template = _template(template_id)
    return _generated(template, 7, status, date(2025, 6, 30)), template


def _codes(audit: dict[str, Any], template: Template) -> list[str]:
    """The codes the fast path's report gives (the rules' report is the same)."""
    _both(audit, template)
    report = check(AuditDocument("audit.json", audit), template, registry=REGISTRY,
                   today=TODAY)
    return [f.code for f in report.findings]


def _compiled(template: Template) -> CompiledTemplate:
    return compiled_template(template, REGISTRY)


def _rated(audit: dict[str, Any], template: Template) -> str:
    return next(sid for sid, s in _compiled(template).standards.items()
                if sid in audit["responses"] and s.standard.rated and not s.criteria)


def test_a_valid_audit_is_proved_clean_throughout(declined: list[str]) -> None:
    for template_id in TEMPLATES:
        audit, template = _valid(template_id)
        assert _codes(audit, template) == []
    assert declined == []


def test_structure_declines_and_the_rule_reports(declined: list[str]) -> None:
    audit, template = _valid()
    audit["completed_on"] = "2999-01-01"
    assert "date-in-future" in _codes(audit, template)
    assert "structure" in declined


def test_a_cycle_it_cannot_read_is_left_to_the_rule(declined: list[str]) -> None:
    audit, template = _valid()
    audit["cycle"] = "sometime"
    assert _codes(audit, template) == ["cycle-invalid"]
    assert "structure" in declined


def test_moderation_details_are_left_to_the_rule(declined: list[str]) -> None:
    template = next(t for t in map(_template, TEMPLATES) if t.moderation)
    audit = _generated(template, 3, "final", date(2025, 6, 30))
    audit["moderation"] = {"on": "yesterday"}
    assert _codes(audit, template) == ["date-invalid"]
    assert "structure" in declined


def test_responses_declines_and_the_rule_reports(declined: list[str]) -> None:
    audit, template = _valid()
    audit["responses"][_rated(audit, template)]["rating"] = "purple"
    assert _codes(audit, template) == ["rating-unknown"]
    assert "response" in declined


def test_a_criteria_weighted_standard_given_a_rating_is_not_asked(declined: list[str]) -> None:
    audit, template = _valid()
    weighted = next(sid for sid, s in _compiled(template).standards.items()
                    if s.criteria and sid in audit["responses"])
    audit["responses"][weighted]["rating"] = "Green"
    assert "rating-not-asked" in _codes(audit, template)
    assert "response" in declined


def test_a_criterion_answered_otherwise_is_left_to_the_rule(declined: list[str]) -> None:
    audit, template = _valid(status="draft")
    weighted = next(sid for sid, s in _compiled(template).standards.items()
                    if s.criteria and sid in audit["responses"])
    criteria = audit["responses"][weighted]["criteria"]
    criteria[next(iter(criteria))] = "partly"
    assert _codes(audit, template) == ["criterion-invalid"]
    assert "response" in declined


def test_an_unrated_standard_given_a_rating_is_not_asked(declined: list[str]) -> None:
    audit, template = _valid()
    unrated = next(sid for sid, s in _compiled(template).standards.items()
                   if not s.standard.rated and not s.criteria)
    audit["responses"].setdefault(unrated, {})["rating"] = "Green"
    assert _codes(audit, template) == ["rating-not-asked"]
    assert "response" in declined


def test_an_out_of_scope_standard_answered_is_left_to_the_rule(declined: list[str]) -> None:
    template = next(t for t in map(_template, TEMPLATES) if t.organisation_kinds)
    for seed in range(50):
        audit = _generated(template, seed, "final", date(2025, 6, 30))
        kind = audit["organisation"].get("kind")
        left_out = [s for s in template.standards if s.applies_to and kind not in s.applies_to]
        if left_out:
            audit["responses"][left_out[0].id] = {"note": "we do this too"}
            assert _codes(audit, template) == ["standard-out-of-scope"]
            assert "response" in declined
            return
    pytest.fail("no generated organisation has a standard out of scope")


def test_final_declines_and_the_rule_reports(declined: list[str]) -> None:
    audit, template = _valid("nottinghamshire-2021")
    del audit["responses"][_rated(audit, template)]
    assert _codes(audit, template) == ["standard-unanswered"]
    assert "final" in declined


def test_a_moderated_rating_missing_is_left_to_the_rule(declined: list[str]) -> None:
    template = next(t for t in map(_template, TEMPLATES)
                    if t.moderation and t.moderation.required)
    audit = _generated(template, 3, "final", date(2025, 6, 30))
    standard_id = next(sid for sid, r in audit["responses"].items()
                       if "moderated_rating" in r)
    del audit["responses"][standard_id]["moderated_rating"]
    assert "moderated-rating-required" in _codes(audit, template)
    assert "final" in declined


def test_actions_declines_and_the_rule_reports(declined: list[str]) -> None:
    template = next(t for t in map(_template, TEMPLATES)
                    if "due" in _compiled(t).action_keys
                    and _compiled(t).smart["time-scaled"] is not None)
    audit = _generated(template, 7, "final", date(2025, 6, 30))
    for response in audit["responses"].values():
        for field_id in _compiled(template).action_fields:
            for action in response.get(field_id) or []:
                action["due"] = "ongoing"
    assert "smart-time-scaled" in _codes(audit, template)
    assert "actions" in declined


def test_details_declines_and_the_rule_reports(declined: list[str]) -> None:
    audit, template = _valid()
    audit["organisation"]["colour"] = "blue"
    assert _codes(audit, template) == ["audit-unknown-key"]
    assert "details" in declined


def test_an_organisation_kind_not_known_is_left_to_the_rule(declined: list[str]) -> None:
    template = next(t for t in map(_template, TEMPLATES) if t.organisation_kinds)
    audit = _generated(template, 1, "draft", date(2025, 6, 30))
    audit["organisation"]["kind"] = "bakery"
    assert "answer-invalid" in _codes(audit, template)
    assert "details" in declined


def test_questions_decline_and_the_rule_reports(declined: list[str]) -> None:
    audit, template = _valid()
    audit["answers"]["no-such-question"] = "yes"
    assert _codes(audit, template) == ["answer-unknown"]
    assert "answers" in declined


def test_a_carried_mark_is_left_to_the_rules(declined: list[str]) -> None:
    audit, template = _valid()
    response = audit["responses"][_rated(audit, template)]
    response["carried"] = {"from": "features@2024", "standards": ["1.1"]}
    assert _codes(audit, template) == ["carried-unconfirmed"]
    assert "response" in declined
    response["carried"] = {"from": "features@2024", "standards": "1.1"}
    audit["status"] = "draft"
    assert _codes(audit, template) == ["carried-invalid"]


def test_the_memos_of_ratings_and_answers_stop_growing_at_their_limit() -> None:
    """A file of made-up ratings and answers cannot grow a plan's memos without end; past
    the limit each is still read, only not remembered."""
    registry = default_registry()
    plan = plan_for(registry.template("lambeth"), registry)
    standard = next(iter(plan.standards.values()))
    question = next(iter(plan.questions.values()))
    made_up = [f"made-up answer {n}" for n in range(_fast._MEMO_MAX + 50)]
    assert all(_fast._rating(plan, standard, text) is None for text in made_up)
    assert all(_fast._code(plan, question, text) == _fast._read_code(plan, question, text)
               for text in made_up)
    assert len(standard.memo) == len(question.memo) == _fast._MEMO_MAX
