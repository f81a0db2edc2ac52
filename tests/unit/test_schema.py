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


@pytest.mark.parametrize("kind", ["template", "scale", "domains", "mapping", "crosswalk",
                                  "report"])
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


@pytest.mark.parametrize("kind", ["template", "scale", "domains", "mapping", "crosswalk",
                                  "report"])
def test_shipped_schema_files_match_the_code(kind: str) -> None:
    """The schema files shipped for editors are exactly what the code generates."""
    from s11schema._schema import shipped_schema_path

    shipped = json.loads(shipped_schema_path(kind).read_text("utf-8"))
    assert shipped == format_schema(kind), (
        f"regenerate: s11schema schema --format-of {kind} > {shipped_schema_path(kind)}")


# ---------------------------------------------------------------- editor help


def _objects(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [("(root)", schema), *schema.get("$defs", {}).items()]


@pytest.mark.parametrize("kind", ["template", "scale", "domains", "mapping", "crosswalk"])
def test_every_property_of_a_format_schema_is_described(kind: str) -> None:
    """Each key of the YAML formats has hover help: add a field, describe it in
    _descriptions.py."""
    missing = [f"{name}.{key}" for name, spec in _objects(format_schema(kind))
               for key, value in spec.get("properties", {}).items()
               if not str(value.get("description", "")).strip()]
    assert not missing, f"describe these in src/s11schema/_descriptions.py: {missing}"


def test_every_description_names_a_real_key() -> None:
    """No entry of _descriptions.py is left over from a key that no longer exists."""
    from s11schema._descriptions import DESCRIPTIONS
    from s11schema._model import Model
    from s11schema._schema import _models

    keys = {(cls.__name__, field.alias or name)
            for cls in _models(Model) for name, field in cls.model_fields.items()}
    assert set(DESCRIPTIONS) - keys == set()


def test_a_description_reaches_the_schema_and_the_docs() -> None:
    """One sentence, written once, is in the template schema and in the reference table."""
    from s11schema._descriptions import DESCRIPTIONS

    text = DESCRIPTIONS[("Standard", "domains")]
    assert format_schema("template")["$defs"]["Standard"]["properties"]["domains"][
        "description"] == text
    from ..test_docs import fill

    assert text in fill("{{ template_keys }}")


def test_audit_schema_offers_each_code_with_its_label() -> None:
    """Editors list a rating's codes (each a `const` with the level's label), N/A included
    where the standard allows it."""
    rating = audit_schema("nottinghamshire-2021")["properties"]["responses"]["properties"][
        "1.1"]["properties"]["rating"]
    codes = rating["anyOf"][0]["oneOf"]
    assert codes == [{"const": "red", "description": "Red: No assurance"},
                     {"const": "amber", "description": "Amber: Partial assurance"},
                     {"const": "green", "description": "Green: Full assurance"},
                     {"const": "n/a", "description": "Not applicable"}]


@pytest.mark.parametrize("rating", ["R", "g", "not applicable", 3])
def test_aliases_still_satisfy_the_rating_schema(rating: object) -> None:
    """Aliases and other cases, which are not listed as codes, are still accepted."""
    template = "lambeth" if isinstance(rating, int) else "nottinghamshire-2021"
    audit = json.loads((EXAMPLES / template / "final.json").read_text("utf-8"))
    standard = next(iter(audit["responses"]))
    audit["responses"][standard]["rating"] = rating
    assert list(_validator(template).iter_errors(audit)) == []


def test_completed_on_is_a_date_for_editors() -> None:
    """`completed_on` carries `format: date`; a draft's empty value still passes."""
    schema = audit_schema("lambeth")
    checker = jsonschema.Draft202012Validator(schema,
                                              format_checker=jsonschema.FormatChecker())
    audit = json.loads((EXAMPLES / "lambeth" / "final.json").read_text("utf-8"))
    assert {"type": "string", "format": "date"} in schema["properties"]["completed_on"]["anyOf"]
    assert list(checker.iter_errors({**audit, "completed_on": ""})) == []
    assert list(checker.iter_errors({**audit, "completed_on": "15/09/2025"}))


def test_dollar_schema_is_accepted_by_validate_and_by_the_schema() -> None:
    """An audit naming its schema for an editor passes validate and the schema alike."""
    audit = json.loads((EXAMPLES / "lambeth" / "final.json").read_text("utf-8"))
    audit = {"$schema": "./lambeth.audit.schema.json", **audit}
    assert validate(audit, today=TODAY).findings == ()
    assert list(_validator("lambeth").iter_errors(audit)) == []
    wrong = validate({**audit, "$schema": 3}, today=TODAY).findings
    assert [f.code for f in wrong] == ["audit-type"]


_MARK_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-2, 2), st.sampled_from(
    ["", " ", "domain", "lambeth", "nottinghamshire-2021@2021", "amber"]),
    st.lists(st.sampled_from(["1.1", "", "2"]), max_size=3))


@given(mark=st.one_of(
    st.dictionaries(st.sampled_from(["from", "standards", "text_changed", "by", "rating",
                                     "form"]), _MARK_VALUES, max_size=6),
    _MARK_VALUES))
def test_the_carried_mark_schema_agrees_with_validate(mark: Any) -> None:
    """The audit schema rejects a `carried` mark exactly where validate says carried-invalid
    (a draft, so that an unconfirmed mark is no error)."""
    audit = json.loads((EXAMPLES / "nottinghamshire-2021" / "final.json").read_text("utf-8"))
    audit["status"] = "draft"
    audit["responses"]["1.1"]["carried"] = mark
    codes = {f.code for f in validate(audit, today=TODAY).findings}
    schema_errors = list(_validator("nottinghamshire-2021").iter_errors(audit))
    assert codes <= {"carried-invalid"}
    assert bool(schema_errors) == ("carried-invalid" in codes), (codes, mark)


def test_a_format_schema_does_not_depend_on_what_was_generated_before() -> None:
    """Generating the template schema (whose margin defaults to 1/3) leaves the scale schema's
    positions without a default: pydantic before 2.7 wrote it into the shared schema."""
    before = format_schema("scale")
    format_schema("template")
    assert format_schema("scale") == before


def test_key_constraints_are_property_names_whatever_the_pydantic_version() -> None:
    """Editors learn the crosswalk's key limits and an action table's column names."""
    crosswalk = format_schema("crosswalk")
    assert crosswalk["properties"]["standards"]["propertyNames"] == {"minLength": 1,
                                                                     "maxLength": 200}
    assert '"enum": ["action", "lead", "due", "measure"]' in json.dumps(
        format_schema("template"))
