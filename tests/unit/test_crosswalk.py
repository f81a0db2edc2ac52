"""Crosswalks: the file format, its checks, and the mapping it resolves to.

Expected mappings are worked out here from the YAML files themselves (read with
PyYAML, not through s11schema), so a mistake in resolving cannot hide in the
expectation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from s11schema import (
    Crosswalk,
    InvalidFileError,
    Registry,
    SettingError,
    Template,
    format_schema,
    lint,
)

from ..conftest import DATA, ROOT

TEMPLATES = DATA / "templates"
CROSSWALK = TEMPLATES / "crosswalks" / "nottinghamshire-2021-to-2023.yaml"
REGISTRY = Registry([TEMPLATES], environment=False)
BUNDLED = Registry(environment=False)


def notts() -> tuple[Template, Template]:
    return REGISTRY.template("nottinghamshire-2021"), REGISTRY.template("nottinghamshire-2023")


def raw_standards(template: Template) -> dict[str, str]:
    """Each standard's text as its file gives it (the 2023 file laid over the 2021 one)."""
    def read(name: str, folder: Path) -> dict[str, Any]:
        data: dict[str, Any] = yaml.safe_load((folder / f"{name}.yaml").read_text("utf-8"))
        return data

    texts: dict[str, str] = {}
    for folder, name in ((ROOT / "standards", "nottinghamshire-2021"), (TEMPLATES, template.id)):
        if not (folder / f"{name}.yaml").is_file():
            continue
        for section in read(name, folder)["sections"]:
            for standard in section["standards"]:
                texts[standard["id"]] = " ".join(standard["text"].split())
    return {s: texts[s] for s in template.standard_ids}


def expected_sources(file: dict[str, Any], source: Template,
                     target: Template) -> dict[str, tuple[str, ...]]:
    """What the file says, read plainly: listed standards go where listed, the others to
    the same id (the two are versions of one template)."""
    listed = file["standards"]
    found: dict[str, list[str]] = {t: [] for t in target.standard_ids}
    for standard_id in source.standard_ids:
        entry = listed.get(standard_id, standard_id)
        targets = [] if entry is None else [entry] if isinstance(entry, str) else entry
        for target_id in targets:
            if target_id in found:
                found[target_id].append(standard_id)
    return {t: tuple(s) for t, s in found.items() if s}


# ---------------------------------------------------------------- the test crosswalk


def test_the_test_crosswalk_resolves_as_its_file_says() -> None:
    """Split, merged, dropped and unlisted standards go where the file (read plainly) says."""
    source, target = notts()
    walk = Crosswalk.between(source, target, registry=REGISTRY)
    file = yaml.safe_load(CROSSWALK.read_text("utf-8"))
    assert dict(walk.sources) == expected_sources(file, source, target)
    assert walk.sources["2.3"] == walk.sources["2.4"] == ("2.3",)
    assert walk.sources["3.1"] == ("3.1", "3.2")
    assert walk.new == ("9.3",)
    assert walk.dropped == ("9.2",)
    assert walk.by_domain == frozenset()
    assert walk.origin == str(CROSSWALK)


def test_text_changed_is_exactly_the_reworded_standards() -> None:
    """A standard's text changed where its words (spaces aside) differ from a source's."""
    source, target = notts()
    walk = Crosswalk.between(source, target, registry=REGISTRY)
    old, new = raw_standards(source), raw_standards(target)
    expected = {t for t, sources in walk.sources.items()
                if any(old[s] != new[t] for s in sources)}
    assert expected == {"1.2", "2.3", "2.4", "3.1"}
    assert {t for t in walk.sources if walk.text_changed(t)} == expected


def test_without_the_file_versions_of_one_template_map_by_id() -> None:
    """2023 `extends` 2021, so with no crosswalk file the same ids map to themselves."""
    source, target = notts()
    assert Crosswalk.between(source, target, registry=BUNDLED).origin == "same ids"
    walk = Crosswalk.resolve(source, target)
    shared = [s for s in source.standard_ids if s in target.standard_ids]
    assert dict(walk.sources) == {s: (s,) for s in shared}
    assert walk.new == tuple(t for t in target.standard_ids if t not in source.standard_ids)
    assert walk.dropped == ("3.2", "9.2")


def test_a_template_onto_itself_is_the_identity() -> None:
    """Every standard maps to itself; nothing is new, dropped or changed."""
    template = BUNDLED.template("lambeth")
    walk = Crosswalk.between(template, template, registry=BUNDLED)
    assert dict(walk.sources) == {s: (s,) for s in template.standard_ids}
    assert (walk.new, walk.dropped) == ((), ())
    assert not any(walk.text_changed(s) for s in template.standard_ids)


@pytest.mark.parametrize(("source_id", "target_id"), [
    ("nottinghamshire-2021", "buckinghamshire-2016"), ("lambeth", "south-gloucestershire-2019-20"),
    ("south-gloucestershire-2019-20", "lambeth")])
def test_different_templates_map_by_shared_domain(source_id: str, target_id: str) -> None:
    """With no crosswalk between two partnerships' templates, a target standard takes every
    source standard that shares one of its domains (read from the YAML)."""
    source, target = BUNDLED.template(source_id), BUNDLED.template(target_id)
    walk = Crosswalk.between(source, target, registry=BUNDLED)
    domains = {}
    for template_id in (source_id, target_id):
        data = yaml.safe_load((ROOT / "standards" / f"{template_id}.yaml").read_text("utf-8"))
        domains[template_id] = {st["id"]: set(st["domains"]) for section in data["sections"]
                                for st in section["standards"]}
    expected = {t: tuple(s for s, theirs in domains[source_id].items() if theirs & ours)
                for t, ours in domains[target_id].items()}
    assert dict(walk.sources) == {t: s for t, s in expected.items() if s}
    assert walk.by_domain == frozenset(t for t, s in expected.items() if s)
    assert walk.origin == "shared domains"


def test_unmatched_domain_fills_only_what_nothing_reaches(tmp_path: Path) -> None:
    """With `unmatched: domain`, a standard no entry reaches takes those sharing a domain; a
    dropped standard gives nothing, and a listed one keeps its entry."""
    path = tmp_path / "walk.yaml"
    path.write_text('from: lambeth\nto: buckinghamshire-2016\nunmatched: domain\n'
                    'standards:\n  "1": "1"\n  "6": null\n', encoding="utf-8")
    source, target = BUNDLED.template("lambeth"), BUNDLED.template("buckinghamshire-2016")
    walk = Crosswalk.from_file(path, source, target, registry=BUNDLED)
    assert walk.sources["1"] == ("1",)
    assert "1" not in walk.by_domain
    info = set(target.standard["7"].domains)  # information-sharing: only Lambeth 2 and 6 have it
    expected = tuple(s.id for s in source.standards if s.id != "6" and info & set(s.domains))
    assert walk.sources["7"] == expected == ("2",)
    assert "7" in walk.by_domain
    assert "6" in walk.dropped


def test_same_id_can_be_switched_on_and_off(tmp_path: Path) -> None:
    """`same_id: true` maps unlisted standards of two unrelated templates by id; `false`
    stops it between versions of one template."""
    path = tmp_path / "on.yaml"
    path.write_text("from: lambeth\nto: buckinghamshire-2016\nsame_id: true\n",
                    encoding="utf-8")
    source, target = BUNDLED.template("lambeth"), BUNDLED.template("buckinghamshire-2016")
    walk = Crosswalk.from_file(path, source, target, registry=BUNDLED)
    assert dict(walk.sources) == {s: (s,) for s in target.standard_ids}
    off = tmp_path / "off.yaml"
    off.write_text("from: nottinghamshire-2021\nto: nottinghamshire-2023\nsame_id: false\n"
                   'standards:\n  "1.1": "1.1"\n', encoding="utf-8")
    older, newer = notts()
    walk = Crosswalk.from_file(off, older, newer, registry=REGISTRY)
    assert dict(walk.sources) == {"1.1": ("1.1",)}


def test_a_crosswalk_for_other_templates_is_refused(tmp_path: Path) -> None:
    """A file that maps other templates is a setting error naming both pairs."""
    source, target = BUNDLED.template("lambeth"), BUNDLED.template("nottinghamshire-2021")
    with pytest.raises(SettingError, match="maps nottinghamshire-2021 onto "
                       "nottinghamshire-2023, not lambeth onto nottinghamshire-2021@2021"):
        Crosswalk.from_file(CROSSWALK, source, target, registry=REGISTRY)


def test_a_version_ref_must_match_the_version(tmp_path: Path) -> None:
    """`id@version` names one version: the right one maps, another is not found by lint."""
    good = tmp_path / "good.yaml"
    good.write_text("from: nottinghamshire-2021@2021\nto: nottinghamshire-2023@2023\n",
                    encoding="utf-8")
    source, target = notts()
    assert Crosswalk.from_file(good, source, target, registry=REGISTRY).sources
    bad = tmp_path / "bad.yaml"
    bad.write_text("from: nottinghamshire-2021@2019\nto: nottinghamshire-2023\n",
                   encoding="utf-8")
    (finding,) = lint([bad], registry=REGISTRY).findings
    assert (finding.code, finding.line, finding.column) == ("crosswalk-template-unknown", 1, 7)
    assert "has no version '2019' (versions: 2021)" in finding.message


def test_a_broken_crosswalk_found_by_the_registry_is_an_error(tmp_path: Path) -> None:
    """The registry never follows a crosswalk with errors: it raises them, located."""
    (tmp_path / "crosswalks").mkdir()
    (tmp_path / "crosswalks" / "walk.yaml").write_text(
        'from: lambeth\nto: buckinghamshire-2016\nstandards:\n  "1": "10"\n', encoding="utf-8")
    registry = Registry([tmp_path], environment=False)
    source, target = registry.template("lambeth"), registry.template("buckinghamshire-2016")
    with pytest.raises(InvalidFileError) as raised:
        registry.crosswalk(source, target)
    (finding,) = raised.value.findings
    assert (finding.code, finding.line, finding.column) == ("crosswalk-standard-unknown", 4, 8)
    assert [f.code for f in registry.broken()] == ["crosswalk-standard-unknown"]


def test_only_a_crosswalk_for_the_pair_is_used() -> None:
    """The registry's crosswalk is for its two templates only, in that direction."""
    source, target = notts()
    assert REGISTRY.crosswalk(source, target) is not None
    assert REGISTRY.crosswalk(target, source) is None
    lambeth = REGISTRY.template("lambeth")
    assert REGISTRY.crosswalk(lambeth, target) is None


def test_a_field_of_another_type_cannot_take_the_answers(tmp_path: Path) -> None:
    """`fields` may send a field to one of the same type or to a text field, no other."""
    path = tmp_path / "walk.yaml"
    path.write_text("from: features\nto: features\nfields:\n  trained: reviewed_on\n"
                    "  documents: evidence\n", encoding="utf-8")
    (finding,) = lint([path], registry=REGISTRY).findings
    assert (finding.code, finding.line, finding.column) == ("crosswalk-field-unknown", 4, 12)
    assert finding.message == ("'reviewed_on' is a date field, so it cannot hold the answers "
                               "of 'trained' (percentage)")


def test_the_format_schema_accepts_the_test_crosswalk() -> None:
    """Editors given `schema --format-of crosswalk` see no error in a real crosswalk, and
    see one in a key the format lacks."""
    validator = jsonschema.Draft202012Validator(format_schema("crosswalk"))
    data = yaml.safe_load(CROSSWALK.read_text("utf-8"))
    assert list(validator.iter_errors(data)) == []
    assert list(validator.iter_errors({**data, "unmached": "domain"}))


def test_the_shipped_crosswalk_schema_is_current() -> None:
    """The package ships the crosswalk schema beside the others, as the code makes it."""
    from s11schema._schema import shipped_schema_path

    shipped = json.loads(shipped_schema_path("crosswalk").read_text("utf-8"))
    assert shipped == format_schema("crosswalk")
