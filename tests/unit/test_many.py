"""Checking many audits with plans cached (`_many.Checker`): as the rules would, and in
worker processes that are spawned rather than forked."""

from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import date

from s11schema import default_registry
from s11schema._many import Checker
from s11schema._plan_cache import PlanCache
from s11schema._validate import check, plan_for
from s11schema.readers import source_of

from ..conftest import EXAMPLES

TODAY = date(2026, 1, 1)
REGISTRY = default_registry()
CLEAN = source_of(EXAMPLES / "lambeth" / "final.json").parse()
FAULTY = source_of(EXAMPLES / "lambeth" / "mistakes.json").parse()


def _warm() -> Checker:
    cache = PlanCache(None, "")
    template = REGISTRY.template("lambeth")
    cache.add(("lambeth", None), "lambeth", plan_for(template, REGISTRY))
    return Checker(roots=REGISTRY.roots, today=TODAY, cache=cache)


def test_a_clean_audit_is_reported_from_the_plan_as_the_rules_report_it() -> None:
    checker = _warm()
    report = checker(CLEAN)
    assert checker.built is None  # no registry: no template models
    assert report == replace(check(CLEAN, registry=REGISTRY, today=TODAY), audit=None)


def test_a_faulty_audit_goes_to_the_rules() -> None:
    checker = _warm()
    report = checker(FAULTY)
    assert checker.built is not None
    assert report.findings == check(FAULTY, registry=REGISTRY, today=TODAY).findings
    assert report.findings


def test_a_spawned_worker_gets_the_plans() -> None:
    """A worker that is spawned gets the checker pickled: plans as data, read back."""
    warm = _warm()
    worker = pickle.loads(pickle.dumps(warm))
    assert worker.cache is not None
    assert warm.cache is not None
    assert worker.cache.get(("lambeth", None)) == warm.cache.get(("lambeth", None))
    assert worker(CLEAN).findings == ()
    assert worker.built is None
    bare = pickle.loads(pickle.dumps(Checker(roots=REGISTRY.roots, today=TODAY)))
    assert bare.cache is None
    assert bare(CLEAN).findings == ()
