"""The bundled templates: counts, domains, faithfulness to the sources, action policies."""

from __future__ import annotations

import re

import pytest
import yaml

from s11schema import Policy, Registry, Template, load_template
from s11schema._checks import check_template
from s11schema._loader import load_file

from ..conftest import DATA, ROOT

REPO = ROOT
SEEDS = DATA / "seeds"
BUNDLED_TEMPLATES = sorted(p.stem for p in (REPO / "standards").glob("*.yaml")
                           if p.stem != "domains")

#: The 24 standards of the Nottinghamshire 2021 template, as numbered in seed 000.
NOTTS_IDS = [
    "1.1", "1.2", "1.3",
    "2.1", "2.2", "2.3",
    "3.1", "3.2", "3.3", "3.4", "3.5",
    "4.1", "4.2",
    "5.1",
    "6.1", "6.2", "6.3", "6.4", "6.5",
    "7.1", "7.2",
    "8.1",
    "9.1", "9.2",
]


def normalise(text: str) -> str:
    """Whitespace collapsed, and markdown links `[text](#)` reduced to their text."""
    return " ".join(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).split())


def seed(prefix: str) -> str:
    """The normalised text of the seed file whose name starts with `prefix`."""
    files = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    assert files, f"seed {prefix} is missing from {SEEDS}"
    return normalise(files[0].read_text(encoding="utf-8"))


def domain_ids() -> set[str]:
    """The domain ids of standards/domains.yaml, read with PyYAML, independently of s11schema."""
    data = yaml.safe_load((REPO / "standards" / "domains.yaml").read_text(encoding="utf-8"))
    return {str(item["id"]) for item in data["domains"]}


def test_bundled_templates_are_the_four_expected() -> None:
    """standards/ holds the four bundled templates (and the domain list)."""
    assert BUNDLED_TEMPLATES == ["buckinghamshire-2016", "lambeth", "nottinghamshire-2021",
                                 "south-gloucestershire-2019-20"]


@pytest.mark.parametrize("template_id", BUNDLED_TEMPLATES)
def test_bundled_template_file_is_named_after_its_id(template_id: str) -> None:
    """Each template's `id` is its file name, as the template format requires."""
    assert load_template(REPO / "standards" / f"{template_id}.yaml").id == template_id


@pytest.mark.parametrize("template_id", BUNDLED_TEMPLATES)
def test_bundled_template_passes_its_checks(template_id: str) -> None:
    """Each bundled template has a valid shape and passes the reference checks with no finding."""
    registry = Registry(environment=False)
    loaded = load_file(REPO / "standards" / f"{template_id}.yaml")
    assert loaded.findings == []
    assert isinstance(loaded.model, Template)
    scales = {s.id: s for s in registry.scales()}
    assert check_template(loaded.model, loaded.document, scales=scales,
                          domains=domain_ids()) == []


def test_nottinghamshire_counts_and_ids() -> None:
    """nottinghamshire-2021 has 9 sections and exactly the 24 standards 1.1 to 9.2."""
    template = load_template("nottinghamshire-2021")
    assert [s.id for s in template.sections] == [str(n) for n in range(1, 10)]
    assert list(template.standard_ids) == NOTTS_IDS
    assert template.scale == "rag"
    assert template.version == "2021"
    for section in template.sections:
        assert all(st.id.startswith(section.id + ".") for st in section.standards)


def test_nottinghamshire_ids_match_the_seed() -> None:
    """The seed numbers exactly the same 24 standards (lines that start `n.n<TAB>`)."""
    raw = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    assert re.findall(r"^(\d\.\d)\t", raw, flags=re.MULTILINE) == NOTTS_IDS


def test_buckinghamshire_counts() -> None:
    """buckinghamshire-2016 has 8 areas, one standard each, numbered 1 to 8, on brag."""
    template = load_template("buckinghamshire-2016")
    assert len(template.sections) == 8
    assert list(template.standard_ids) == [str(n) for n in range(1, 9)]
    assert template.scale == "brag"


def test_lambeth_counts() -> None:
    """lambeth has 8 duties, numbered 1 to 8, on lambeth-5, with no version."""
    template = load_template("lambeth")
    assert len(template.sections) == 8
    assert list(template.standard_ids) == [str(n) for n in range(1, 9)]
    assert template.scale == "lambeth-5"
    assert template.version is None


def test_south_gloucestershire_counts_and_yes_no_questions() -> None:
    """south-gloucestershire has questions 4 to 22 (19), with 7, 8 and 20 on yes-no."""
    registry = Registry(environment=False)
    template = registry.template("south-gloucestershire-2019-20")
    assert list(template.standard_ids) == [str(n) for n in range(4, 23)]
    assert template.scale == "ofsted-4"
    overridden = {st.id: st.scale for st in template.standards if st.scale}
    assert overridden == {"7": "yes-no", "8": "yes-no", "20": "yes-no"}
    assert template.scale_ids() == {"ofsted-4", "yes-no"}
    assert registry.scale_for(template, "7").id == "yes-no"
    assert registry.scale_for(template, "9").id == "ofsted-4"


@pytest.mark.parametrize("template_id", BUNDLED_TEMPLATES)
def test_every_standard_maps_to_known_domains(template_id: str) -> None:
    """Every bundled standard names at least one domain, and each is in standards/domains.yaml."""
    known = domain_ids()
    template = load_template(template_id)
    for standard in template.standards:
        assert standard.domains, f"{template_id} {standard.id} has no domain"
        assert set(standard.domains) <= known, (template_id, standard.id, standard.domains)


def test_domain_list_has_unique_ids() -> None:
    """domains.yaml gives each domain once; the registry sees the same ids."""
    data = yaml.safe_load((REPO / "standards" / "domains.yaml").read_text(encoding="utf-8"))
    ids = [str(item["id"]) for item in data["domains"]]
    assert len(ids) == len(set(ids))
    assert set(Registry(environment=False).domains) == set(ids)


# ---------------------------------------------------------------------- faithfulness


def test_nottinghamshire_standard_texts_are_verbatim() -> None:
    """Every Nottinghamshire standard and section title appears word for word in seed 000."""
    source = seed("000")
    template = load_template("nottinghamshire-2021")
    for standard in template.standards:
        assert normalise(standard.text) in source, standard.id
    for section in template.sections:
        assert normalise(section.title) in source, section.id


@pytest.mark.parametrize(("template_id", "prefix", "standard_id", "start"), [
    ("buckinghamshire-2016", "001", "1", "There is a clearly identified lead for safeguarding"),
    ("buckinghamshire-2016", "001", "5", "Staff participate in multi-agency meetings"),
    ("lambeth", "002", "1", "There is a clearly identified lead for safeguarding"),
    ("lambeth", "002", "3", ""),
])
def test_guidance_bullets_are_verbatim(template_id: str, prefix: str, standard_id: str,
                                       start: str) -> None:
    """Spot check: a guidance bullet (and the standard's text) appears word for word in the seed."""
    source = seed(prefix)
    standard = load_template(template_id).standard[standard_id]
    assert normalise(standard.text) in source
    bullets = [b for b in standard.guidance if b.startswith(start)]
    assert bullets, f"no guidance bullet of {template_id} {standard_id} starts {start!r}"
    assert normalise(bullets[0]) in source


def test_buckinghamshire_link_text_kept_without_link() -> None:
    """The Early Help Strategy bullet keeps the link's words, as seed 001 has them."""
    source = seed("001")
    bullet = ("In line with the BSCB Early Help Strategy, staff intervene early to prevent "
              "problems escalating and are active in supporting families to access "
              "appropriate services.")
    assert bullet in source
    guidance = [normalise(b) for st in load_template("buckinghamshire-2016").standards
                for b in st.guidance]
    assert bullet in guidance


def test_south_gloucestershire_question_text_is_verbatim() -> None:
    """Question 19's text appears word for word in seed 004."""
    source = seed("004")
    standard = load_template("south-gloucestershire-2019-20").standard["19"]
    assert normalise(standard.text) in source


# ---------------------------------------------------------------------- action policies


def test_nottinghamshire_rules_are_its_sources() -> None:
    """Red and amber need actions ("should be specified", seed 000); the form's only action
    column is free text, so due dates come from it; no SMART, no horizon, nothing marked
    required, and "Date completed" may be a month."""
    template = load_template("nottinghamshire-2021")
    actions = template.actions
    assert actions.required_for == ("red", "amber")
    assert actions.columns == ("action",)
    assert actions.required_columns == {"action": True}
    assert actions.due_in_text
    assert actions.smart == Policy.OFF
    assert actions.horizon_months is None
    assert [f.required for f in template.fields] == [False, False]
    assert template.completed_on == "required"


def test_buckinghamshire_rules_are_its_sources() -> None:
    """Red and amber need actions "along with a timescale" (seed 001); the action table has
    Lead and Timescale but no measure; SMART "should" be followed, so it warns; N/A is
    explained in the evidence box; there is no date-completed box."""
    template = load_template("buckinghamshire-2016")
    actions = template.actions
    assert actions.required_for == ("red", "amber")
    assert actions.columns == ("action", "lead", "due")
    assert actions.required_columns == {"action": True, "due": ("red", "amber")}
    assert actions.smart == Policy.WARNING
    assert actions.horizon_months is None
    assert template.not_applicable_reason == "evidence"
    assert template.completed_on == "optional"
    assert [f.type for f in template.fields] == ["text", "actions"]


def test_lambeth_rules_are_its_sources() -> None:
    """Lambeth's approval is a required yes-no question (seed 002 marks it *); a final
    return need not answer it "yes"; the ratings are not marked required; the newsletter
    answers accept the form's own wording."""
    template = load_template("lambeth")
    questions = {q.id: q for q in template.questions}
    approved = questions["approved"]
    assert approved.type == "yes-no"
    assert approved.required
    assert approved.final_requires is None
    assert approved.allowed == ("yes", "no")
    assert questions["newsletter"].allowed == ("yes", "no", "not yet")
    assert questions["newsletter"].choices[2].label == (
        "Not yet, but I will because that sounds like a great way to find out about new "
        "reviews and learning!")
    assert not template.ratings_required
    assert template.completed_on == "optional"
    assert template.actions.required_for == ()
    assert template.actions.smart == Policy.OFF


def test_lambeth_respondent_details_are_required() -> None:
    """Lambeth asks the respondent's email, name, role and phone, all required (*); only
    the email is a typed field in the form."""
    respondent = load_template("lambeth").respondent
    assert [(d.id, d.type, d.required) for d in respondent] == [
        ("email", "email", True), ("name", "text", True), ("role", "text", True),
        ("phone", "text", True)]


def test_south_gloucestershire_as_appendix_one_shows_it() -> None:
    """Questions 7, 8 and 20 are answered yes or no, not scored, and may be skipped; 12 has
    no rating; "-" means not answered and "Yes*" is a qualified answer."""
    template = load_template("south-gloucestershire-2019-20")
    standards = template.standard
    registry = Registry()
    for question in ("7", "8", "20"):
        assert standards[question].scale == "yes-no"
        assert not template.rating_required(standards[question])
        assert not registry.scale("yes-no").scored
    assert not standards["12"].rated
    assert template.unanswered == ("-",)
    assert template.qualifier == "*"


def test_ids_stay_text() -> None:
    """Standard ids are text: "1.1" is not the number 1.1, and "9.2" keeps its form."""
    template = load_template("nottinghamshire-2021")
    assert all(isinstance(i, str) for i in template.standard_ids)
    assert "9.2" in template.standard
