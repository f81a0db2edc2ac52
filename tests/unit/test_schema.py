"""The exported JSON Schemas: valid schemas, and a differential test against validate."""

from __future__ import annotations

import functools
import json
import random
from datetime import date
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from s11schema import CATALOGUE, default_registry
from s11schema._catalogue import BEYOND_SCHEMA, STRUCTURAL
from s11schema._schema import audit_schema, format_schema
from s11schema._validate import validate
from s11schema.testing import MUTATIONS, generate_audit

from ..conftest import EXAMPLES, ROOT

TEMPLATES = ["nottinghamshire-2021", "buckinghamshire-2016", "lambeth",
             "south-gloucestershire-2019-20"]
TODAY = date(2026, 1, 1)


@functools.cache
def _validator(template_id: str) -> jsonschema.Draft202012Validator:
    schema = audit_schema(template_id)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_examples_satisfy_their_schema(template_id: str) -> None:
    """Every bundled example audit satisfies its template's exported schema."""
    validator = _validator(template_id)
    for path in (EXAMPLES / template_id).glob("*.json"):
        if path.name == "mistakes.json":  # planted mistakes, some of them structural
            continue
        assert list(validator.iter_errors(json.loads(path.read_text("utf-8")))) == [], path


def test_every_audit_code_is_structural_or_beyond_schema() -> None:
    """Each audit rule code is classed once: enforced by the schema, or beyond it."""
    audit_codes = {c for c, r in CATALOGUE.items() if r.applies_to == "audits"}
    assert not STRUCTURAL & BEYOND_SCHEMA
    assert audit_codes <= STRUCTURAL | BEYOND_SCHEMA | {"json-syntax", "json-duplicate-key"}


def _structural(findings: Any) -> bool:
    return any(f.code in STRUCTURAL for f in findings)


@given(seed=st.integers(0, 2**32), template_id=st.sampled_from(TEMPLATES),
       mutation=st.sampled_from(MUTATIONS))
def test_schema_rejects_exactly_the_structural_faults(seed: int, template_id: str,
                                                      mutation: Any) -> None:
    """The schema rejects an audit if and only if validate finds a structural fault."""
    registry = default_registry()
    template = registry.template(template_id)
    rng = random.Random(seed)
    audit = generate_audit(template, rng)
    mutation(audit, template, rng)
    report = validate(audit, registry=registry, today=TODAY)
    schema_errors = list(_validator(template_id).iter_errors(audit))
    assert bool(schema_errors) == _structural(report.findings), (
        [str(f) for f in report.findings], [e.message for e in schema_errors])


@given(seed=st.integers(0, 2**32), template_id=st.sampled_from(TEMPLATES))
def test_valid_generated_audits_pass_both(seed: int, template_id: str) -> None:
    """A generated valid audit passes validate and the exported schema alike."""
    template = default_registry().template(template_id)
    audit = generate_audit(template, random.Random(seed))
    assert validate(audit, today=TODAY).findings == ()
    assert list(_validator(template_id).iter_errors(audit)) == []


@pytest.mark.parametrize("rating", ["GREEN", " g ", "Amber", "n/a", "NA"])
def test_schema_matches_ratings_without_regard_to_case(rating: str) -> None:
    """Ratings match codes and aliases in any case, as validate does."""
    audit = json.loads((EXAMPLES / "nottinghamshire-2021" / "final.json").read_text("utf-8"))
    audit["responses"]["1.1"]["rating"] = rating
    assert not _structural(validate(audit, today=TODAY).findings)
    assert list(_validator("nottinghamshire-2021").iter_errors(audit)) == []


@pytest.mark.parametrize("kind", ["template", "scale", "domains", "report"])
def test_format_schemas_are_valid(kind: str) -> None:
    """The schemas for editors and for the JSON report are valid Draft 2020-12."""
    jsonschema.Draft202012Validator.check_schema(format_schema(kind))


@pytest.mark.parametrize(("folder", "kind"), [("standards", "template"), ("scales", "scale")])
def test_bundled_files_satisfy_the_editor_schema(folder: str, kind: str) -> None:
    """Editors given the format schema see no errors in the bundled files."""
    validator = jsonschema.Draft202012Validator(format_schema(kind))
    for path in (ROOT / folder).glob("*.yaml"):
        if path.stem == "domains":
            continue
        data = yaml.safe_load(path.read_text("utf-8"))
        assert [e.message for e in validator.iter_errors(data)] == [], path


@pytest.mark.parametrize("kind", ["template", "scale", "domains", "report"])
def test_shipped_schema_files_match_the_code(kind: str) -> None:
    """The schema files shipped for editors are exactly what the code generates."""
    from s11schema._schema import shipped_schema_path

    shipped = json.loads(shipped_schema_path(kind).read_text("utf-8"))
    assert shipped == format_schema(kind), (
        f"regenerate: s11schema schema --format-of {kind} > {shipped_schema_path(kind)}")
