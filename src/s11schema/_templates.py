"""Templates: what a partnership asks each organisation, as data.

A template holds sections of standards (each with guidance and the common
domains it covers), the response fields asked for each standard, the rating
scale's id, the action policy (which ratings need actions and how strictly
SMART is checked), and the details and questions asked once per audit.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field as _Field

from ._findings import Severity
from ._model import Ident, Model, Slug, Text

RESERVED_RESPONSE_KEYS = frozenset({"rating", "moderated_rating", "reason"})
ACTION_KEYS = ("action", "lead", "due", "measure")
SMART_LETTERS = ("specific", "measurable", "achievable", "realistic", "time-scaled")


class Policy(str, enum.Enum):
    """How strictly a rule is applied: as an error, as a warning, or not at all."""

    ERROR = "error"
    WARNING = "warning"
    OFF = "off"

    @property
    def severity(self) -> Severity | None:
        return None if self is Policy.OFF else Severity(self.value)


class Domain(Model):
    """A safeguarding arrangement every organisation should have; comparisons use these."""

    id: Slug
    title: Text
    description: str | None = None
    source: str | None = None


class DomainList(Model):
    """The content of a domain file (`standards/domains.yaml`)."""

    domains: tuple[Domain, ...] = _Field(min_length=1)


class ResponseField(Model):
    """A field answered for each standard, such as `evidence` or `actions`."""

    id: Slug
    label: str | None = None
    help: str | None = None
    type: Literal["text", "actions"] = "text"
    #: True (every rating but N/A), False, or the rating codes that need it.
    required: bool | tuple[Ident, ...] = False

    def required_for(self, code: str) -> bool:
        if isinstance(self.required, bool):
            return self.required
        return code in self.required


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
    """Which ratings need actions, and how each action is checked."""

    required_for: tuple[Ident, ...] = ()
    smart: Policy | SmartPolicy = Policy.WARNING
    horizon_months: Annotated[int, _Field(ge=1, le=120)] = 24
    require: tuple[Literal["action", "lead", "due", "measure"], ...] = ("action",)

    @property
    def smart_policy(self) -> SmartPolicy:
        return self.smart if isinstance(self.smart, SmartPolicy) else SmartPolicy.uniform(
            self.smart)


class Detail(Model):
    """A detail asked about the organisation or the respondent."""

    id: Slug
    label: str | None = None
    type: Literal["text", "email", "phone", "url"] = "text"
    required: bool = False


class Question(Model):
    """A question asked once per audit and not rated."""

    id: Slug
    text: Text
    type: Literal["yes-no", "choice", "text", "email", "phone", "url"] = "text"
    choices: tuple[Ident, ...] = ()
    required: bool = False
    #: The answer a final audit must give (an approval, say).
    final_requires: Ident | None = None

    @property
    def allowed(self) -> tuple[str, ...]:
        """The answers accepted, or () where any text is."""
        return ("yes", "no") if self.type == "yes-no" else self.choices


class Standard(Model):
    """One rated standard (a duty, a question, an area)."""

    id: Ident
    text: Text
    guidance: tuple[Text, ...] = ()
    evidence_examples: tuple[Text, ...] = ()
    not_applicable: bool = True
    scale: Slug | None = None
    domains: tuple[Slug, ...] = ()


class Section(Model):
    """A group of standards under one heading."""

    id: Ident
    title: Text
    rationale: str | None = None
    standards: tuple[Standard, ...] = _Field(min_length=1)


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
    areas: tuple[Text, ...] = ()
    scale: Slug
    fields: tuple[ResponseField, ...] = _DEFAULT_FIELDS
    actions: ActionPolicy = ActionPolicy()
    organisation: tuple[Detail, ...] = ()
    respondent: tuple[Detail, ...] = ()
    questions: tuple[Question, ...] = ()
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
