"""Templates: what a partnership asks each organisation, and its rules, as data.

A template holds sections of standards (each with guidance, cross-references
and the common domains it covers), the response fields asked for each
standard, the rating scale's id, the rules on actions (which ratings need
them, which columns exist and which are required, how strictly SMART is
checked), what counts as unanswered, the organisation kinds standards apply
to, moderation, and the details and questions asked once per audit. Every
rule a check applies comes from here, with defaults that match what most
partnerships ask; nothing about a partnership is written in code.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field as _Field
from pydantic import model_validator

from ._findings import Severity
from ._model import Ident, Model, Position, Slug, Text

#: Keys of a response that are not fields: the rating, its moderation, the reason or note
#: that goes with them, and the mark of an answer carried from another return.
RESERVED_RESPONSE_KEYS = frozenset({"rating", "moderated_rating", "reason", "note",
                                    "criteria", "carried"})
ACTION_KEYS = ("action", "lead", "due", "measure", "status", "progress", "done_on")
#: The columns an action plan may have; status, progress and done_on follow it over cycles.
ActionColumn = Literal["action", "lead", "due", "measure"]
ACTION_COLUMNS: tuple[ActionColumn, ...] = ("action", "lead", "due", "measure")
SMART_LETTERS = ("specific", "measurable", "achievable", "realistic", "time-scaled")
BandName = Literal["inadequate", "requires-improvement", "good", "outstanding"]
FieldType = Literal["text", "actions", "date", "number", "percentage", "list", "choice"]


class Policy(str, enum.Enum):
    """How strictly a rule is applied: as an error, as a warning, or not at all."""

    ERROR = "error"
    WARNING = "warning"
    OFF = "off"

    @property
    def severity(self) -> Severity | None:
        return None if self is Policy.OFF else Severity(self.value)


class Below(Model):
    """Every rating whose band on the common scale is below this band: `{below: good}`."""

    below: BandName


#: Which ratings a rule applies to: all (true), none (false), codes of the standard's
#: scale, or a threshold on the common scale, so one rule fits every scale.
Ratings = bool | tuple[Ident, ...] | Below


class Domain(Model):
    """A safeguarding arrangement every organisation should have; comparisons use these."""

    id: Slug
    title: Text
    description: str | None = None
    source: str | None = None


class DomainList(Model):
    """The content of a domain file (`standards/domains.yaml`)."""

    domains: tuple[Domain, ...] = _Field(min_length=1)


class Choice(Model):
    """One answer a choice field or question offers, with the wordings that mean it."""

    code: Ident
    label: str | None = None
    aliases: tuple[Ident, ...] = ()


def _choices(value: object) -> object:
    """Choices may be written as codes alone: ["yes", "no"]."""
    if isinstance(value, (list, tuple)):
        return [{"code": v} if isinstance(v, str) else v for v in value]
    return value


class _Offers(Model):
    """A model with `choices`, each written as a bare code or as `{code, label, aliases}`."""

    @model_validator(mode="before")
    @classmethod
    def _choices_as_codes(cls, data: object) -> object:
        if isinstance(data, dict) and "choices" in data:
            return {**data, "choices": _choices(data["choices"])}
        return data


class ResponseField(_Offers):
    """A field answered for each standard, such as `evidence` or `actions`."""

    id: Slug
    label: str | None = None
    help: str | None = None
    type: FieldType = "text"
    #: For which ratings it must be given: all but N/A (true), none (false), codes, or
    #: a threshold such as `{below: good}`.
    required: Ratings = False
    #: For `choice` fields: the answers offered.
    choices: tuple[Choice, ...] = ()


class SmartPolicy(Model):
    """One policy per SMART letter."""

    specific: Policy = Policy.WARNING
    measurable: Policy = Policy.WARNING
    achievable: Policy = Policy.WARNING
    realistic: Policy = Policy.WARNING
    time_scaled: Policy = _Field(Policy.WARNING, alias="time-scaled")

    @classmethod
    def uniform(cls, policy: Policy) -> SmartPolicy:
        return cls(specific=policy, measurable=policy, achievable=policy, realistic=policy,
                   **{"time-scaled": policy})

    def of(self, letter: str) -> Policy:
        policy: Policy = getattr(self, letter.replace("-", "_"))
        return policy


class ActionPolicy(Model):
    """Which ratings need actions, which columns an action has, and how each is checked."""

    #: Ratings that need at least one action: codes, or a threshold such as `{below: good}`.
    required_for: Ratings = ()
    #: The columns of the template's action table; other keys in an action are errors.
    columns: tuple[ActionColumn, ...] = ACTION_COLUMNS
    #: Columns every action must fill (a list), or for which ratings (a mapping of
    #: column to ratings, such as `due: {below: good}`).
    require: tuple[ActionColumn, ...] | dict[ActionColumn, Ratings] = ("action",)
    #: Read the due date from the action's own text ("... during 2021/22") when the
    #: action has no `due`: for forms whose only action column is free text.
    due_in_text: bool = False
    smart: Policy | SmartPolicy = Policy.WARNING
    #: Actions due more than this many months after the audit are unrealistic; none if unset.
    horizon_months: Annotated[int, _Field(ge=1, le=120)] | None = None

    @property
    def smart_policy(self) -> SmartPolicy:
        return self.smart if isinstance(self.smart, SmartPolicy) else SmartPolicy.uniform(
            self.smart)

    @property
    def required_columns(self) -> dict[ActionColumn, Ratings]:
        """Each required column and the ratings it is required for."""
        if isinstance(self.require, dict):
            return dict(self.require)
        return dict.fromkeys(self.require, True)


class Detail(Model):
    """A detail asked about the organisation or the respondent."""

    id: Slug
    label: str | None = None
    type: Literal["text", "email", "phone", "url"] = "text"
    required: bool = False


class Question(_Offers):
    """A question asked once per audit and not rated."""

    id: Slug
    text: Text
    type: Literal["yes-no", "choice", "text", "email", "phone", "url", "date", "number",
                  "percentage"] = "text"
    choices: tuple[Choice, ...] = ()
    required: bool = False
    #: The answer a final audit must give (an approval, say).
    final_requires: Ident | None = None

    @property
    def allowed(self) -> tuple[str, ...]:
        """The answers accepted, as codes, or () where any text is."""
        if self.type == "yes-no":
            return ("yes", "no")
        return tuple(choice.code for choice in self.choices)


class Reference(Model):
    """Where else a standard is set out: a paragraph of Working Together, a health audit's
    numbering, a local policy."""

    scheme: Text
    ref: Text
    url: str | None = None


class Criterion(Model):
    """One criterion of a criteria-weighted standard, with its share of the score."""

    id: Ident
    text: Text
    weight: Annotated[int, _Field(ge=1, le=100)]


class Standard(Model):
    """One standard (a duty, a question, an area), rated or answered."""

    id: Ident
    text: Text
    guidance: tuple[Text, ...] = ()
    evidence_examples: tuple[Text, ...] = ()
    references: tuple[Reference, ...] = ()
    not_applicable: bool = True
    scale: Slug | None = None
    domains: tuple[Slug, ...] = ()
    #: False for a standard asked only for its fields, with no rating.
    rated: bool = True
    #: Whether its rating is a score for means; None: as its scale says (yes/no is not).
    scored: bool | None = None
    #: Whether a final audit must rate it; None: as the template's `ratings_required` says.
    required: bool | None = None
    #: The organisation kinds it applies to; empty: every organisation.
    applies_to: tuple[Slug, ...] = ()
    #: For a criteria-weighted standard: the criteria, weights summing to 100.
    criteria: tuple[Criterion, ...] = ()


class Section(Model):
    """A group of standards under one heading."""

    id: Ident
    title: Text
    rationale: str | None = None
    standards: tuple[Standard, ...] = _Field(min_length=1)


class OrganisationKind(Model):
    """A kind of organisation some standards apply to (statutory, commissioned, school)."""

    id: Slug
    label: str | None = None


class Moderation(Model):
    """The partnership reviews returns: a moderated rating beside each self-assessed one."""

    label: Text = "Moderated rating"
    #: A final audit must give a moderated rating for every standard rated.
    required: bool = False
    #: Actions are needed (and checked) by the moderated rating where there is one.
    actions_follow: bool = True
    #: A self-assessment this far above the moderated rating on the common scale is
    #: flagged as over-rating.
    over_rating_margin: Position = 1 / 3


class Window(Model):
    """When returns are accepted: `completed_on` should fall in it."""

    opens: Ident | None = None
    closes: Ident | None = None


_DEFAULT_FIELDS = (ResponseField(id="evidence", label="Evidence", required=True),)


class Template(Model):
    """A partnership's Section 11 audit template."""

    id: Slug
    title: Text
    partnership: Text
    version: Ident | None = None
    cycle: Ident | None = None
    source: str | None = None
    description: str | None = None
    #: A template this one builds on: its keys are inherited, `sections` merged by id.
    extends: Slug | None = None
    #: With `extends`: the ids of standards (or sections) of the parent left out.
    remove: tuple[Ident, ...] = ()
    areas: tuple[Text, ...] = ()
    scale: Slug
    fields: tuple[ResponseField, ...] = _DEFAULT_FIELDS
    actions: ActionPolicy = ActionPolicy()
    organisation: tuple[Detail, ...] = ()
    respondent: tuple[Detail, ...] = ()
    questions: tuple[Question, ...] = ()
    #: Whether a final audit must rate every standard (a standard's `required` overrides).
    ratings_required: bool = True
    #: Whether a final audit must say when it was completed.
    completed_on: Literal["required", "optional"] = "required"
    #: Answers that mean "not answered" ("-"): a rating, answer or field written so is blank.
    unanswered: tuple[Text, ...] = ()
    #: A mark that qualifies an answer ("Yes*"): the answer counts, and a `note` must say how.
    qualifier: Annotated[str, _Field(min_length=1, max_length=3)] | None = None
    #: The field an N/A's explanation goes in (the scale says whether one is needed).
    not_applicable_reason: Slug = "reason"
    organisation_kinds: tuple[OrganisationKind, ...] = ()
    moderation: Moderation | None = None
    window: Window | None = None
    sections: tuple[Section, ...] = _Field(min_length=1)

    @property
    def standards(self) -> Iterator[Standard]:
        for section in self.sections:
            yield from section.standards

    @cached_property
    def standard_ids(self) -> tuple[str, ...]:
        return tuple(standard.id for standard in self.standards)

    @cached_property
    def section_of(self) -> dict[str, Section]:
        return {standard.id: section for section in self.sections
                for standard in section.standards}

    @cached_property
    def standard(self) -> dict[str, Standard]:
        return {standard.id: standard for standard in self.standards}

    @property
    def label(self) -> str:
        """`id` or `id@version`, as listings show it."""
        return f"{self.id}@{self.version}" if self.version else self.id

    def scale_ids(self) -> set[str]:
        """Every scale the template needs: its own and any a standard overrides."""
        return {self.scale} | {s.scale for s in self.standards if s.scale}

    def rating_required(self, standard: Standard) -> bool:
        """Whether a final audit must rate this standard."""
        if not standard.rated:
            return False
        return self.ratings_required if standard.required is None else standard.required
